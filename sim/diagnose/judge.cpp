#include "sim/diagnose/judge.hpp"

#include <fmt/format.h>

#include "sim/diagnose/diagnose.hpp"
#include "sim/run/reachability.hpp"

namespace vpnsim::diagnose {

Judgement judge(const scenario::Scenario& s, const run::RunLimits& limits) {
    Judgement out;
    const auto probed = run::with_probes(s);
    const auto r = run::simulate(probed, limits);
    const auto d = diagnose(probed, r);
    out.complete = d.complete;
    out.passed = d.complete && d.healthy();
    for (const auto& t : r.tunnels) {
        if (t.status.up) ++out.tunnels_up;
        out.tunnels.push_back(
            fmt::format("{} {} {}", t.outside_ip.to_string(), t.status.status(), t.status.message));
    }
    out.reachability = run::reachability_line(d.reach);
    for (const auto& c : d.causes) {
        out.causes.push_back(c.code);
        out.cause_titles.push_back(c.title);
        for (const auto& e : c.evidence) out.evidence.push_back(kernel::format_record(e));
    }
    return out;
}

}  // namespace vpnsim::diagnose
