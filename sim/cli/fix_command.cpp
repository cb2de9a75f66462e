#include "sim/cli/commands.hpp"

namespace vpnsim::cli {

int cmd_fix(const Args& a) { return usage_error("fix", a.positional.empty() ? "not yet" : "not yet"); }

}  // namespace vpnsim::cli
