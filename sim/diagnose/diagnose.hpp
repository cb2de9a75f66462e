// DOC: naming why tunnels are down, or why traffic does not flow through UP tunnels, from the
// simulated evidence.
// Each rule reads the run's trace and the configurations together and, when it matches,
// names a cause with a stable code (e.g. "ts.excludes-bgp-peers"), the tunnels it affects, an
// explanation for an engineer in training, what AWS shows for it, and the trace records that
// prove it. Causes are reported in the order their first evidence happened -- the order the
// packets hit them. The scenario's [expect] is never read here.
// Healthy means end to end (sim/run/reachability.hpp): every tunnel UP and every flow and probe
// the run carried getting through. `vpnsim diagnose` runs the scenario with the built-in
// probes, so an UP-but-broken network is never reported healthy.
#pragma once

#include <string>
#include <vector>

#include "sim/kernel/trace.hpp"
#include "sim/run/reachability.hpp"
#include "sim/run/result.hpp"
#include "sim/scenario/scenario.hpp"

namespace vpnsim::diagnose {

struct Cause {
    std::string code;          // stable: "bgp.not-configured-on-cgw", "ts.excludes-bgp-peers", ...
    std::string title;         // one line
    std::string explanation;   // one paragraph
    std::vector<int> tunnels;  // 1-based AWS tunnel numbers
    std::vector<std::string> symptom;           // what AWS shows: status lines and VPN log lines
    std::vector<kernel::TraceRecord> evidence;  // in time order, first few per tunnel
    SimTime first_seen{};
};

struct Diagnosis {
    std::vector<Cause> causes;
    bool all_up{false};
    run::Reachability reach;  // the run's flows and probes
    bool healthy() const { return all_up && reach.holds(); }
    // False when the run was cut short by its event budget: then nothing is diagnosed (a
    // snapshot's DOWN tunnel or lost probe may only be unfinished), and causes stays empty.
    bool complete{true};
};

Diagnosis diagnose(const scenario::Scenario& s, const run::RunResult& r);

// Every code a rule can report, in rule order (for docs and tests).
std::vector<std::string> cause_codes();

}  // namespace vpnsim::diagnose
