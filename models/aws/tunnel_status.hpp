// DOC: how AWS reports a tunnel (aws-facts.md "Status the user sees"; seed article).
// A dynamic (BGP) tunnel is UP only when IPsec and BGP are both up; its StatusMessage is
// "N BGP ROUTES" (N = AcceptedRouteCount, plural always) once BGP is up, "IPSEC IS UP" when
// only IPsec is, else "IPSEC IS DOWN". A static tunnel is UP when IPsec is up.
#pragma once

#include <cstddef>
#include <string>

namespace vpnsim::aws {

struct TunnelFacts {
    bool dynamic{true};
    bool ipsec_up{false};  // IKE SA established and a CHILD_SA installed
    bool bgp_established{false};
    std::size_t accepted_routes{0};
};

struct TunnelStatus {
    bool up{false};
    std::string message;
    std::string status() const { return up ? "UP" : "DOWN"; }
    auto operator<=>(const TunnelStatus&) const = default;
};

TunnelStatus tunnel_status(const TunnelFacts& f);

}  // namespace vpnsim::aws
