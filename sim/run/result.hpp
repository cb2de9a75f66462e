// DOC: what a run produces -- per-tunnel outcome as AWS would report it, the CloudWatch-style
// logs, and the full trace. Everything needed by reports, expectations and diagnosis.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "models/aws/tunnel_status.hpp"
#include "models/ipsec/traffic_selector.hpp"
#include "models/common/ipv4.hpp"
#include "models/common/time.hpp"
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
    std::string selectors_aws;  // negotiated AWS-side TS ("" when no CHILD_SA)
    std::string selectors_cgw;  // negotiated CGW-side TS
    ipsec::TsList ts_aws;       // the same, as selectors (empty when no CHILD_SA)
    ipsec::TsList ts_cgw;
    // A policy-based CGW's further CHILD_SAs (RFC 7296 §1.3.1), in creation order.
    struct SaSelectors {
        ipsec::TsList aws;
        ipsec::TsList cgw;
    };
    std::vector<SaSelectors> further_sas;
    bool dynamic{true};
    std::string_view bgp_state{"-"};  // BGP FSM state name; "-" for static tunnels
    std::size_t accepted_routes{0};
    bool nat_t_detected{false};
    std::optional<SimTime> ike_up_at;
    std::optional<SimTime> child_up_at;
    std::optional<SimTime> bgp_up_at;
    aws::TunnelLogs logs;
};

struct RunResult {
    std::string vpn_id;
    std::vector<TunnelResult> tunnels;
    kernel::Trace trace;
    kernel::RunStats stats;
};

}  // namespace vpnsim::run
