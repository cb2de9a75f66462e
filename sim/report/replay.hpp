// DOC: one replay of a scenario as the report shows it: run with the built-in reachability
// probes (a verdict is end to end, never tunnel status alone) and a capture (sim/run/
// capture.hpp), diagnosed, and -- when asked -- its fixes searched and proved.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>

#include "sim/diagnose/diagnose.hpp"
#include "sim/fix/search.hpp"
#include "sim/run/capture.hpp"
#include "sim/run/result.hpp"
#include "sim/run/world.hpp"
#include "sim/scenario/scenario.hpp"

namespace vpnsim::report {

struct Replay {
    scenario::Scenario scenario;  // as run: with the probes
    run::Capture capture;
    run::RunResult result;
    diagnose::Diagnosis diagnosis;
    std::optional<fix::SearchResult> fixes;
};

// fix_budget 0: no fix search.
std::unique_ptr<Replay> replay(const scenario::Scenario& s, const run::RunLimits& limits,
                               std::size_t fix_budget);

}  // namespace vpnsim::report
