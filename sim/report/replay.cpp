#include "sim/report/replay.hpp"

#include "sim/run/reachability.hpp"

namespace vpnsim::report {

std::unique_ptr<Replay> replay(const scenario::Scenario& s, const run::RunLimits& limits,
                               std::size_t fix_budget) {
    auto out = std::make_unique<Replay>();
    out->scenario = run::with_probes(s);
    {
        run::World world(out->scenario, limits);
        world.capture_into(out->capture);
        out->result = world.run();
    }
    out->diagnosis = diagnose::diagnose(out->scenario, out->result);
    if (fix_budget > 0 && out->diagnosis.complete && !out->diagnosis.healthy()) {
        out->fixes = fix::search(s, fix_budget, limits.event_budget);
    }
    return out;
}

}  // namespace vpnsim::report
