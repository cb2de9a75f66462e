// DOC: what-if replays: a scenario changed by `--set KEY=VALUE` settings and catalogue fixes,
// and the difference between two runs -- both tunnel tables side by side, each run's
// end-to-end verdict, the first trace record where they diverge, and the causes that went
// away or appeared.
// Settings go through scenario::set_key on the scenario's own TOML and the loader, so a value
// is judged by exactly the rules a scenario file is; an error names the --set argument the way
// a file error names its file: `--set aws.tunnel[0].x=y:1:COL: key: message`.
#pragma once

#include <string>
#include <variant>
#include <vector>

#include "sim/report/replay.hpp"
#include "sim/scenario/loader.hpp"
#include "sim/scenario/scenario.hpp"

namespace vpnsim::report {

struct Setting {
    std::string key;
    std::string value;     // TOML value text
    std::string argument;  // as given: "aws.tunnel[0].dpd_timeout_action=restart"
};

// "KEY=VALUE" into a Setting; a VALUE that is not TOML (a bare word) is taken as a string.
// nullopt when there is no '=' or no key.
std::optional<Setting> parse_setting(std::string_view argument);

// The scenario with the fixes (catalogue codes, applied in catalogue order) and then the
// settings applied, or the errors (unknown fix code, a key that names nothing, a value the
// loader refuses).
std::variant<scenario::Scenario, std::vector<scenario::Diagnostic>> changed_scenario(
    const scenario::Scenario& s, const std::vector<std::string>& fixes,
    const std::vector<Setting>& settings);

// The text comparison of two replays (`vpnsim what-if`'s output).
std::string what_if_text(const std::string& source, const std::vector<std::string>& changes,
                         const Replay& before, const Replay& after);

// The index of the first trace record that differs between the two runs (or where one ends);
// nullopt when the traces are identical.
std::optional<std::size_t> first_divergence(const kernel::Trace& a, const kernel::Trace& b);

}  // namespace vpnsim::report
