// DOC: scenario durations ("250ms", "30s", "1m30s", "2h").
// parse_duration (declared in loader.hpp) reads them; format_duration writes a SimTime back in
// the same notation so messages quote limits the way the file would spell them.
#pragma once

#include <string>

#include "models/common/time.hpp"

namespace vpnsim::scenario::detail {

// Largest units first, zero parts left out: 90 s -> "1m30s", 0 -> "0s". Sub-millisecond
// remainders (never produced by parse_duration) are written in "ns".
std::string format_duration(SimTime t);

}  // namespace vpnsim::scenario::detail
