// DOC: the largest packet an AWS VPN tunnel carries without fragmentation, by the CHILD_SA's
// algorithms and NAT-T (AWS's table, aws-facts.md "The CGW side AWS expects": MTU / MSS).
// AWS does no path-MTU discovery: a larger packet with DF set is dropped without an ICMP.
#pragma once

#include "models/ike/proposal.hpp"

namespace vpnsim::aws {

struct TunnelMtu {
    int mtu{0};  // the largest inner IP packet
    int mss{0};  // the largest TCP MSS: mtu - 40
};

// `udp_encapsulated`: ESP in UDP 4500 (NAT-T, or an accelerated VPN).
TunnelMtu tunnel_mtu(const ike::Chosen& esp, bool udp_encapsulated);

}  // namespace vpnsim::aws
