// DOC: the benchmarks behind `vpnsim bench` (speed targets are checked here, never by timed
// unit tests). Two figures, measured in one process:
//  - replay: load a scenario from TOML text (parse + validate) and simulate it, end to end;
//  - kernel: a synthetic storm of self-rescheduling events through the bare event kernel.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "models/common/time.hpp"

namespace vpnsim::bench {

struct ReplayFigures {
    std::uint64_t replays{0};
    std::uint64_t events{0};  // simulated events, per replay
    double seconds{0};        // load + simulate
    double load_seconds{0};   // of which TOML parse + validation
    double micros_per_replay() const { return seconds * 1e6 / static_cast<double>(replays); }
    // Simulation time over parse (+ validation) time, both measured in this batch.
    double simulate_over_parse() const { return (seconds - load_seconds) / load_seconds; }
};

struct KernelFigures {
    std::uint64_t events{0};
    double seconds{0};
    double events_per_second() const { return static_cast<double>(events) / seconds; }
};

// Returns nullopt-like replays == 0 when the scenario does not load. `duration`, when set,
// replaces the scenario's (as `run --duration` does).
ReplayFigures replay(const std::string& toml_text, const std::string& label, std::uint64_t n,
                     std::optional<SimTime> duration = std::nullopt);

// n replays in `batches` equal batches (the last takes the remainder), each timed on its own:
// on a shared machine the best and the median batch are steadier figures than one mean.
// Sorted fastest first; empty when the scenario does not load.
std::vector<ReplayFigures> replay_batches(const std::string& toml_text, const std::string& label,
                                          std::uint64_t n, std::uint64_t batches,
                                          std::optional<SimTime> duration = std::nullopt);
KernelFigures kernel_storm(std::uint64_t events, std::uint32_t sinks);

}  // namespace vpnsim::bench
