// DOC: route selection across the two tunnels of one VPN connection, as a pure function.
// Both ends of a connection choose a tunnel for every packet they route into it: AWS (a
// virtual private or transit gateway) among the routes each tunnel's BGP session accepted, or
// the connection's static routes; the customer gateway among its own tunnels, by its local
// preference. select() applies, in this order:
//   1. only tunnels that are UP may carry the packet; a route on a tunnel that is down is
//      unusable (no route at all, or only on down tunnels: Verdict::TunnelDown);
//   2. longest prefix match over every usable route ("Route tables and AWS Site-to-Site VPN
//      route priority": "We use the most specific route ... (longest prefix match)");
//   3. highest LOCAL_PREF -- the degree of preference of RFC 4271 §9.1.1 (AWS: all equal; a
//      CGW prefers a tunnel with a route-map setting local-preference or weight);
//   4. shortest AS_PATH (RFC 4271 §9.1.2.2 a; AWS's path selection: "the prefix with the
//      shortest AS PATH is preferred");
//   5. lowest MULTI_EXIT_DISC (RFC 4271 §9.1.2.2 c; AWS compares MED across the tunnels of a
//      connection: they share one neighbor AS, the CGW's);
//   6. with ECMP (a transit gateway with VPN ECMP support, equal BGP routes), the equal-best
//      tunnels share the flows: flow_hash modulo their number, in tunnel order;
//   7. otherwise a deterministic tie-break: the lowest tie_break key. AWS picks its preferred
//      tunnel among equal routes at random (Knowledge Center "vpn-configure-tunnel-preference");
//      we take the lower outside IP, so runs stay reproducible. A CGW uses its tunnel order.
// Left out: origin, eBGP/iBGP, IGP cost and router-id steps (§9.1.2.2 b, d-f): every route
// here is eBGP from the same directly connected neighbor AS, so they never separate two
// tunnels; Direct Connect and VPC-local routes, which outrank VPN routes at AWS.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "models/common/enum_format.hpp"
#include "models/common/ipv4.hpp"
#include "models/common/small_vector.hpp"

namespace vpnsim::route {

// A route one tunnel offers: a BGP path's attributes, or a static route (AS_PATH 0, MED 0).
struct Route {
    net::Ipv4Prefix prefix;
    std::uint32_t as_path_len{0};
    std::uint32_t med{0};
    bool operator==(const Route&) const = default;
};

struct TunnelRoutes {
    int tunnel{1};  // 1-based tunnel number
    bool up{false};
    std::uint32_t local_pref{100};  // RFC 4271 §9.1.1; higher wins
    std::uint32_t tie_break{0};     // step 7; lower wins
    std::vector<Route> routes;
};

enum class Verdict : std::uint8_t { Routed, NoRoute, TunnelDown };
// The step that left one tunnel (or the ECMP set).
enum class Decider : std::uint8_t {
    OnlyCandidate,
    PrefixLength,
    LocalPref,
    AsPathLength,
    Med,
    Ecmp,
    TieBreak
};

constexpr std::string_view to_string(Verdict v) {
    switch (v) {
        case Verdict::Routed:
            return "routed";
        case Verdict::NoRoute:
            return "no-route";
        case Verdict::TunnelDown:
            return "tunnel-down";
    }
    return "?";
}

constexpr std::string_view to_string(Decider d) {
    switch (d) {
        case Decider::OnlyCandidate:
            return "only-route";
        case Decider::PrefixLength:
            return "longest-prefix";
        case Decider::LocalPref:
            return "local-pref";
        case Decider::AsPathLength:
            return "shortest-as-path";
        case Decider::Med:
            return "lowest-med";
        case Decider::Ecmp:
            return "ecmp";
        case Decider::TieBreak:
            return "tie-break";
    }
    return "?";
}

struct Policy {
    bool ecmp{false};  // step 6
};

struct Choice {
    Verdict verdict{Verdict::NoRoute};
    int tunnel{0};  // Routed: the chosen tunnel
    Route route;    // Routed: the route it was chosen by
    Decider decided_by{Decider::OnlyCandidate};
    // Routed: the tunnels still equal before steps 6-7 (ECMP set or tie), in tunnel order.
    SmallVector<int, 2> equal_best;
};

// The chosen tunnel for a packet to dst; flow_hash only matters under ECMP.
Choice select(std::span<const TunnelRoutes> tunnels, net::Ipv4Addr dst, const Policy& policy,
              std::uint64_t flow_hash);

}  // namespace vpnsim::route

template <>
struct fmt::formatter<vpnsim::route::Verdict> : vpnsim::EnumFormatter<vpnsim::route::Verdict> {};
template <>
struct fmt::formatter<vpnsim::route::Decider> : vpnsim::EnumFormatter<vpnsim::route::Decider> {};
