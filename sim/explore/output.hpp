// DOC: what `vpnsim explore` prints, and reading its JSON-lines output back for `explore merge`.
// Every format is a pure function of the Report -- its header, its case records in case order
// and its examples -- never of how the cases were scheduled, so shards merged give the same
// bytes a single run does.
// JSON lines (--format jsonl), one object per line:
//   {"type":"explore", ...the header...}
//   {"type":"case","case":N,"size":S,"results":{"invariants":"pass",...}}   (or "outcome":[...])
//   {"type":"example","key":K,"case":N,...,"toml":"..."}
//   {"type":"summary", ...counts...}
#pragma once

#include <string>
#include <variant>
#include <vector>

#include "sim/explore/explore.hpp"

namespace vpnsim::explore {

// Text: the summary table, then each shrunk example. `written` names the file each example
// went to (same order as the report's examples), empty when none was written.
std::string format_text(const Report& r, const std::vector<std::string>& written);
std::string format_json(const Report& r);
std::string format_jsonl(const Report& r);

// Reads one JSON-lines output. On error: "FILE:LINE: what is wrong".
std::variant<Report, std::string> read_jsonl(const std::string& text, const std::string& file);

// Joins shard reports: the same header (else an error naming the file), disjoint cases; the
// examples due for the joined cases taken from the shards that found them.
std::variant<Report, std::string> merge(const std::vector<Report>& parts,
                                        const std::vector<std::string>& files);

// Whether any property failed (exit status 1).
bool any_failed(const Report& r);

}  // namespace vpnsim::explore
