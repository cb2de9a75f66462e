// DOC: what a run produces -- per-tunnel outcome as AWS would report it, the CloudWatch-style
// logs, and the full trace. Everything needed by reports, expectations and diagnosis.
#pragma once

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "models/aws/tunnel_status.hpp"
#include "models/common/ipv4.hpp"
#include "models/common/time.hpp"
#include "models/ipsec/traffic_selector.hpp"
#include "sim/aws/vpn_log.hpp"
#include "sim/kernel/kernel.hpp"
#include "sim/kernel/trace.hpp"

namespace vpnsim::run {

struct TunnelResult {
    int number{1};  // 1-based, as the console numbers tunnels
    net::Ipv4Addr outside_ip;
    net::Ipv4Prefix inside_cidr;
    aws::TunnelStatus status;
    SimTime last_status_change{};
    std::string_view ike_state{aws::kDown};    // established | negotiating | down
    std::string_view child_state{aws::kDown};  // established | negotiating | down
    std::string selectors_aws;                 // negotiated AWS-side TS ("" when no CHILD_SA)
    std::string selectors_cgw;                 // negotiated CGW-side TS
    ipsec::TsList ts_aws;                      // the same, as selectors (empty when no CHILD_SA)
    ipsec::TsList ts_cgw;
    // A policy-based CGW's further CHILD_SAs (RFC 7296 §1.3.1), in creation order.
    struct SaSelectors {
        ipsec::TsList aws;
        ipsec::TsList cgw;
    };
    std::vector<SaSelectors> further_sas;
    // Times AWS replaced the tunnel's CHILD_SA by one for another proxy-ID pair: it keeps one
    // SA pair per tunnel, so a policy-based CGW's pairs take turns (intermittent traffic).
    int sa_replacements{0};
    bool dynamic{true};
    std::string_view bgp_state{"-"};  // BGP FSM state name; "-" for static tunnels
    std::size_t accepted_routes{0};
    bool nat_t_detected{false};
    std::optional<SimTime> ike_up_at;
    std::optional<SimTime> child_up_at;
    SimTime selectors_since{};  // when the installed CHILD_SAs' selectors last changed
    std::optional<SimTime> bgp_up_at;
    aws::TunnelLogs logs;
    // [[traffic]] probes this tunnel carried (counted where they left the tunnel).
    int flow_to_cgw{0};  // AWS -> CGW
    int flow_to_aws{0};  // CGW -> AWS
};

// One [[traffic]] flow's outcome (sim/run/flows).
struct FlowResult {
    int number{1};
    net::Ipv4Addr from;
    net::Ipv4Addr to;
    bool ping{true};  // an answered flow: ping, or tcp (see kind); false: one-way udp
    int sent{0};
    int delivered{0};     // probes that reached `to`
    int answered{0};      // ping: echo replies back at `from`
    int dropped{0};       // probes and replies dropped on the way
    bool last_ok{false};  // the last probe arrived (ping: and its reply came back)
    std::optional<net::Ipv4Prefix> probe_for;  // a built-in reachability probe's prefix
    std::string_view kind{"ping"};             // "ping", "udp" or "tcp"
};

// Which tunnel each side would choose at the end of the run, for one flow's destination.
struct RouteChoiceResult {
    std::string side;  // "AWS" or "CGW"
    net::Ipv4Addr dst;
    std::string text;  // "tunnel 1 by 10.0.0.0/16 (lowest-med: MED 100)" or "no route"
};

struct RunResult {
    std::string vpn_id;
    std::vector<TunnelResult> tunnels;
    std::vector<FlowResult> flows;  // empty unless the scenario has [[traffic]]
    std::vector<RouteChoiceResult> routes;
    kernel::Trace trace;
    kernel::RunStats stats;
    // The run reached the scenario's duration (or ran out of events to run). An incomplete
    // run -- stopped by its event budget -- is a snapshot: no verdict, cause or fix comes
    // from it.
    bool complete() const { return stats.reason != kernel::StopReason::EventBudget; }
    // Every AWS tunnel's Status is UP (the console's view; traffic is judged by reachability).
    bool all_up() const {
        return std::all_of(tunnels.begin(), tunnels.end(),
                           [](const TunnelResult& t) { return t.status.up; });
    }
    // CloudWatch log events not kept once a stream held RunLimits::log_events.
    std::size_t log_events_dropped{0};
};

}  // namespace vpnsim::run
