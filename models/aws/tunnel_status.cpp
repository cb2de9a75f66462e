#include "models/aws/tunnel_status.hpp"

#include <fmt/format.h>

namespace vpnsim::aws {

TunnelStatus tunnel_status(const TunnelFacts& f) {
    if (!f.ipsec_up) return TunnelStatus{false, "IPSEC IS DOWN"};
    if (!f.dynamic) return TunnelStatus{true, "IPSEC IS UP"};
    if (!f.bgp_established) return TunnelStatus{false, "IPSEC IS UP"};
    return TunnelStatus{true, fmt::format("{} BGP ROUTES", f.accepted_routes)};
}

}  // namespace vpnsim::aws
