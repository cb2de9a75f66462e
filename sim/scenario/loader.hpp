// DOC: scenario loading and validation (toml++).
// Strict schema: unknown keys (with a "did you mean" suggestion), wrong types, bad addresses and
// CIDRs, bad durations and out-of-range AWS options each produce one Diagnostic located at the
// offending key. Diagnostics are collected, not thrown, and sorted by position; a scenario is
// returned only when there are none.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
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
    bool operator==(const Diagnostic&) const = default;
};

struct LoadResult {
    std::optional<Scenario> scenario;
    std::vector<Diagnostic> diagnostics;
    // What the files a scenario names ([aws] describe, [cgw] config) have that vpnsim does not
    // model: "file:line: what not modelled". Not errors: the scenario loads.
    std::vector<std::string> warnings;
};

// A side of the scenario read from the files a team keeps, or why it could not be.
template <class T>
struct Resolved {
    std::optional<T> value;
    std::vector<Diagnostic> errors;  // located in those files
    std::vector<std::string> warnings;
};

// Readers of the files a scenario may name instead of writing a side out (sim/import has
// them; the scenario loader does not depend on it). Paths arrive resolved against the
// scenario file's directory. Unset: a scenario that names files is refused.
struct References {
    // [aws] describe = "describe.json", connection = "vpn-..." (optional): the AWS side from
    // `aws ec2 describe-vpn-connections` JSON.
    std::function<Resolved<Aws>(const std::string& path, const std::optional<std::string>& id)>
        aws;
    // [cgw] config = ["swanctl.conf", "frr.conf"]: the customer gateway from its configuration
    // files (templates: placeholders filled from `aws`).
    std::function<Resolved<Cgw>(const std::vector<std::string>& paths, const Aws& aws)> cgw;
};

// Longest simulated time a scenario may run, from its file or a command line: a day.
inline constexpr SimTime kMaxScenarioDuration = std::chrono::hours(24);

// A scenario is a few KB; a file far larger is not one (or is a mistake), and reading it would
// cost memory and time for nothing. The limit can be raised per load.
inline constexpr std::size_t kDefaultMaxFileBytes = std::size_t{1} << 20;  // 1 MiB

struct LoadOptions {
    std::size_t max_file_bytes{kDefaultMaxFileBytes};
    References references;
    // Top-level tables the caller reads itself (`vpnsim matrix`'s [matrix]): not unknown keys.
    std::vector<std::string> caller_tables;
    // The CGW is the caller's (`vpnsim matrix` fills its templates per case): [cgw] must be
    // absent, and Scenario::cgw is left at its defaults.
    bool cgw_from_caller{false};
};

// Reads a regular file of at most options.max_file_bytes; otherwise one diagnostic says why
// not ("cannot read file: no such file", "... is a directory", "... permission denied",
// "... not a regular file", or the size and the limit).
LoadResult load_file(const std::string& path, const LoadOptions& options = {});
// The file's text as load_file reads it, or the one diagnostic saying why it cannot be read.
std::variant<std::string, Diagnostic> read_scenario_text(const std::string& path,
                                                         const LoadOptions& options = {});
LoadResult load_string(std::string_view toml_text, const std::string& file_label,
                       const LoadOptions& options = {});

// Whether a file under a scenarios folder is a scenario: X.toml, but not a `vpnsim matrix`
// options file (X.matrix.toml), which has no [cgw].
inline bool is_scenario_file(std::string_view name) {
    return name.ends_with(".toml") && !name.ends_with(".matrix.toml");
}

// "30s", "10m", "1h", "250ms", "1m30s"; plain integers are not accepted for durations.
std::optional<SimTime> parse_duration(std::string_view text);

}  // namespace vpnsim::scenario
