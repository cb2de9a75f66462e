// DOC: the memory benchmark behind `vpnsim bench`: the peak resident memory of a real
// `vpnsim run --trace` process (this same executable, spawned with its output sent to
// /dev/null), read from the kernel (getrusage via wait4) rather than estimated. `vpnsim
// --version`, spawned the same way, gives the baseline of a process that runs nothing.
// The target: a run of any scenario, however long or looping, peaks at <= kPeakTargetMiB
// (run::RunLimits bound what a run keeps).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sim/scenario/scenario.hpp"

namespace vpnsim::bench {

inline constexpr double kPeakTargetMiB = 64;

struct ProcessFigures {
    double peak_mib{0};
    int exit_status{0};
};

// Runs `self args...` (stdin, stdout and stderr on /dev/null); nullopt when it cannot be
// started or dies by a signal.
std::optional<ProcessFigures> measure(const std::string& self,
                                      const std::vector<std::string>& args);

// The heavy scenario the bench measures: `base` (the bundled prefix-limit loop) run for 24 h
// with a 1 s BGP connect-retry, so its session is torn down and rebuilt all day long.
scenario::Scenario heavy_variant(scenario::Scenario base);

// The run's own memory, per tunnel and simulated hour.
double mib_per_tunnel_hour(const scenario::Scenario& s, double peak_mib, double baseline_mib);

}  // namespace vpnsim::bench
