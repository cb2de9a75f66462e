// DOC: scenario loading and validation (toml++).
// Strict schema: unknown keys (with a "did you mean" suggestion), wrong types, bad addresses and
// CIDRs, bad durations and out-of-range AWS options each produce one Diagnostic located at the
// offending key. Diagnostics are collected, not thrown, and sorted by position; a scenario is
// returned only when there are none.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/scenario/scenario.hpp"

namespace vpnsim::scenario {

struct Diagnostic {
    std::string file;
    int line{0};
    int column{0};
    std::string key;      // dotted path, arrays indexed: "aws.tunnel[1].inside_cidr"
    std::string message;  // lower-case sentence, may end with "; did you mean 'x'?"
    // "file:line:col: key: message" -- the one format every error uses.
    std::string to_string() const;
};

struct LoadResult {
    std::optional<Scenario> scenario;
    std::vector<Diagnostic> diagnostics;
};

LoadResult load_file(const std::string& path);
LoadResult load_string(std::string_view toml_text, const std::string& file_label);

// "30s", "10m", "1h", "250ms", "1m30s"; plain integers are not accepted for durations.
std::optional<SimTime> parse_duration(std::string_view text);

}  // namespace vpnsim::scenario
