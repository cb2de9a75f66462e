// DOC: comment-free TOML text, so toml++ has less to read.
// toml++ reads its input one code point at a time, at about a hundred instructions per
// character, and a comment costs as much as a value. Scenario files carry a narrative (the
// training catalogue's comments are a fifth of its bytes), so the loader hands toml++ a copy
// with each comment's text removed (its '#' stays). Everything else stays byte for byte and
// every line keeps its line break, so toml++ reports the same line and column for every node and
// error. The scanner follows TOML 1.0's strings (basic, literal, and their multi-line forms) so
// that a '#' inside a string stays. It strips only comments made of the characters TOML allows
// there in plain ASCII (tab, space to '~'); any other comment is left for toml++ to check.
// When it meets a string it cannot follow to its end, it gives up and the text is parsed as
// written, as it is whenever the comment-free copy does not parse (the caller's rule), so an
// error is always reported from the text the user wrote.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace vpnsim::scenario::detail {

// `text` with its comments emptied to a bare '#'; nullopt when there is nothing to strip or the
// scanner could not follow the text.
std::optional<std::string> without_comments(std::string_view text);

}  // namespace vpnsim::scenario::detail
