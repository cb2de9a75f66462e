// DOC: end-to-end reachability -- the rule every verdict follows (issue 12): a VPN is healthy,
// and a fix set works, only when traffic flows both ways between the VPC and every
// on-premises prefix, never on tunnel status alone (a static tunnel is UP on IPsec alone).
// The on-premises prefixes are the CGW's LANs ([cgw] networks and what [cgw.bgp] announces)
// and those AWS routes statically (aws.static_routes). For each, two built-in probe flows are added to the
// scenario: a ping from a VPC host to a host in the prefix and one back, each sent ten times,
// every 2 s, in the last 20 s of the run (or its last half, when shorter), once the tunnels had
// their timers' worth of time to converge. A prefix is reached when at least half the pings
// came back in each direction: a few percent of random loss on the path does not fail it, a
// path losing half its packets (three pings in four) does -- that network carries no traffic
// anyone could use, whatever the tunnels' status. The scenario's own [[traffic]] keeps its
// rule (its last probe must come back: FlowResult::last_ok).
// Probes are pure scenario data -- flows appended after the scenario's own, marked with the
// prefix they probe (Flow::probe_for) -- so a run with probes is an ordinary run:
// deterministic, traced, and reproducible by writing the flows down.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "models/common/ipv4.hpp"
#include "sim/run/result.hpp"
#include "sim/scenario/scenario.hpp"

namespace vpnsim::run {

// Ten pings per probe flow, spread over the window before the end of the run.
inline constexpr int kProbePings = 10;
inline constexpr SimTime kProbeWindow = sec(20);

// The on-premises prefixes the verdict covers: announced or statically routed, sorted, each
// once; a prefix inside the VPC CIDR (or covering it) has no host to probe and is left out.
std::vector<net::Ipv4Prefix> onprem_prefixes(const scenario::Scenario& s);

// The host a probe uses in a prefix: .10 of a /28 or larger, else its first usable address
// (the prefix itself for a /31 or /32).
net::Ipv4Addr probe_host(const net::Ipv4Prefix& p);

struct ProbePlan {
    net::Ipv4Prefix prefix;
    scenario::Flow to_onprem;  // VPC host -> prefix host
    scenario::Flow to_vpc;     // prefix host -> VPC host
};

// The probe flows for the scenario's on-premises prefixes, in prefix order.
std::vector<ProbePlan> probe_plan(const scenario::Scenario& s);

// The scenario with the probe flows of `plan` appended to its [[traffic]].
scenario::Scenario with_probes(scenario::Scenario s, const std::vector<ProbePlan>& plan);

// The same, planned from the scenario itself: how `diagnose` and `run --probes` run it.
scenario::Scenario with_probes(const scenario::Scenario& s);

struct ProbeResult {
    net::Ipv4Prefix prefix;
    FlowResult to_onprem;
    FlowResult to_vpc;
    bool reaches() const;  // both directions: at least half the pings came back
};

struct Reachability {
    std::size_t own_flows{0};  // the scenario's [[traffic]] flows
    std::size_t own_ok{0};     // of those, working at the end (last_ok)
    std::vector<ProbeResult> probes;
    bool checked() const { return own_flows > 0 || !probes.empty(); }
    bool holds() const;
    std::size_t probes_reaching() const;
};

// Reads the verdict off a run: its own flows, and its probes (with_probes) by prefix.
Reachability reachability(const RunResult& r);

// One line for the end of a report: "reachability: OK -- ..." or "reachability: FAILING -- ...".
std::string reachability_line(const Reachability& r);

}  // namespace vpnsim::run
