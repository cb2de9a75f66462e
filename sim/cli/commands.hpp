// DOC: the vpnsim subcommands. Each returns the process exit status:
// 0 success (expectations hold), 1 an expectation failed, 2 bad input or usage.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "sim/cli/args.hpp"
#include "sim/scenario/scenario.hpp"

namespace vpnsim::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitExpectFailed = 1;
inline constexpr int kExitBadInput = 2;

// Loads a scenario, printing its diagnostics to stderr; nullopt on bad input.
std::optional<scenario::Scenario> load_scenario(const std::string& path);
// Prints "vpnsim CMD: MSG (try ...)" and returns kExitBadInput.
int usage_error(std::string_view cmd, const std::string& msg);

int cmd_run(const Args& a);
int cmd_check(const Args& a);
int cmd_list(const Args& a);
int cmd_dot(const Args& a);
int cmd_bench(const Args& a);
int cmd_diagnose(const Args& a);
int cmd_fix(const Args& a);

}  // namespace vpnsim::cli
