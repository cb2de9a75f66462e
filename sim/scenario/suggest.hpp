// DOC: "did you mean" suggestions for unknown scenario keys.
// Levenshtein distance (insert, delete, substitute; cost 1 each). A known key is suggested
// only when it is close: at most 2 edits, or at most a third of the unknown key's length for
// long keys, so "phase1_lifetime_second" finds its key and "colour" suggests nothing.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vpnsim::scenario::detail {

std::size_t edit_distance(std::string_view a, std::string_view b);

// The closest candidate within the threshold above; ties go to the earlier candidate.
std::optional<std::string> closest_match(std::string_view word,
                                         const std::vector<std::string_view>& candidates);

}  // namespace vpnsim::scenario::detail
