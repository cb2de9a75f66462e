// DOC: writing a scenario back to TOML (for `vpnsim fix --apply`, and later for shrunk or
// imported scenarios). Every field is written explicitly, defaults included, so the file
// says exactly what was simulated; loading the output gives back an equal scenario.
#pragma once

#include <string>

#include "sim/scenario/scenario.hpp"

namespace vpnsim::scenario {

std::string to_toml(const Scenario& s);

}  // namespace vpnsim::scenario
