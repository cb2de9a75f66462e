// DOC: AWS Site-to-Site VPN logs (CloudWatch), as the AWS tunnel endpoint writes them.
// Two streams per tunnel: "<vpn-id>_<outside-ip>-IKE.log" (tunnel activity: one JSON object
// per event with event_timestamp, details, dpd_enabled, nat_t_detected, ike_phase1_state,
// ike_phase2_state) and "<vpn-id>_<outside-ip>-BGP.log" (BGPStatus / RouteStatus records).
// `details` strings are AWS's documented ones, verbatim (aws-facts.md "VPN logs").
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "models/common/time.hpp"

namespace vpnsim::aws {

// Phase states as the log writes them (lower case, per the seed article).
inline constexpr std::string_view kEstablished = "established";
inline constexpr std::string_view kNegotiating = "negotiating";
inline constexpr std::string_view kDown = "down";
inline constexpr std::string_view kRekeying = "rekeying";

struct IkeLogEvent {
    SimTime t{};
    std::string details;
    bool dpd_enabled{true};
    bool nat_t_detected{false};
    std::string_view phase1{kDown};
    std::string_view phase2{kDown};
};

struct RouteFields {
    std::string prefix;
    std::string as_path;  // space-separated ASNs
    std::uint32_t med{0};
    std::string next_hop;
};

struct BgpLogEvent {
    SimTime t{};
    std::string_view type;    // "BGPStatus" | "RouteStatus"
    std::string_view status;  // "UP" | "DOWN" | "ADVERTISED" | "UPDATED" | "WITHDRAWN"
    std::string details;
    std::optional<RouteFields> route;  // RouteStatus only
};

struct TunnelLogs {
    std::vector<IkeLogEvent> ike;
    std::vector<BgpLogEvent> bgp;
    std::size_t dropped{0};  // events not kept: their stream was full
};

std::string ike_stream_name(std::string_view vpn_id, std::string_view outside_ip);
std::string bgp_stream_name(std::string_view vpn_id, std::string_view outside_ip);

}  // namespace vpnsim::aws
