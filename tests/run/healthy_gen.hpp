// rapidcheck generator for the healthy connections the run-level properties start from.
#pragma once

#include <rapidcheck.h>

#include <cstdint>
#include <string>

#include "tests/run/scenario_text.hpp"

namespace vpnsim::testing {

// 1 or 2 tunnels, a one-way delay in [min_delay_ms, max_delay_ms], any seed, and no NAT, a
// static NAT or a PAT on the path; everything else as healthy_toml's defaults.
inline HealthyParams any_healthy(int min_delay_ms, int max_delay_ms) {
    HealthyParams p;
    p.tunnels = *rc::gen::inRange(1, 3);
    p.delay_ms = *rc::gen::inRange(min_delay_ms, max_delay_ms + 1);
    p.seed = *rc::gen::inRange<std::uint64_t>(0, 1'000'000);
    p.nat = *rc::gen::element<std::string>("none", "static", "pat");
    return p;
}

}  // namespace vpnsim::testing
