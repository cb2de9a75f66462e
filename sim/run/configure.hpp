// DOC: from the scenario to device configuration.
// This is where AWS's side of a tunnel is assembled from its tunnel options (the AWS endpoint
// is an IKE responder under startup action "add", initiator under "start"; its selector
// policy is local/remote IPv4 network CIDR) and where the CGW's side is assembled from its
// own config, defaulting what a downloaded AWS configuration would set.
#pragma once

#include "sim/run/tunnel_end.hpp"
#include "sim/scenario/scenario.hpp"

namespace vpnsim::run {

// CGW re-initiates a failed IKE SA after this long (strongSwan keyingtries=%forever style).
inline constexpr SimTime kCgwRetryAfter = sec(30);

// AWS's BGP timers over every tunnel (aws-facts.md): hold 30 s, which cannot be changed, and
// keepalive 10 s.
inline constexpr std::uint16_t kAwsBgpHoldSeconds = 30;
inline constexpr std::uint16_t kAwsBgpKeepaliveSeconds = 10;

// The address AWS sees the CGW at: the NAT's public address when a NAT is on the path.
net::Ipv4Addr cgw_public_ip(const scenario::Scenario& s);

TunnelEndConfig aws_tunnel_config(const scenario::Scenario& s, std::size_t index);
TunnelEndConfig cgw_tunnel_config(const scenario::Scenario& s, std::size_t index);

}  // namespace vpnsim::run
