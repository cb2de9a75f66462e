// DOC: the vpnsim subcommands. Each returns the process exit status:
// 0 success (expectations hold), 1 an expectation failed, 2 bad input or usage.
#pragma once

#include "sim/cli/args.hpp"

namespace vpnsim::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitExpectFailed = 1;
inline constexpr int kExitBadInput = 2;

int cmd_run(const Args& a);
int cmd_check(const Args& a);
int cmd_list(const Args& a);
int cmd_dot(const Args& a);
int cmd_bench(const Args& a);

}  // namespace vpnsim::cli
