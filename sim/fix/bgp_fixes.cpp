// The customer gateway's BGP fixes of the catalogue (catalogue.cpp holds the table).
#include <algorithm>
#include <set>

#include "sim/fix/catalogue.hpp"
#include "sim/fix/fix_detail.hpp"
#include "sim/run/configure.hpp"

namespace vpnsim::fix::detail {

using scenario::Scenario;

bool remote_as_wrong(const Scenario& s) {
    return s.cgw.bgp.enabled && s.cgw.bgp.remote_as != s.aws.asn;
}
void remote_as_fix(Scenario& s) {
    s.cgw.bgp.remote_as = s.aws.asn;
}

bool asn_differs(const Scenario& s) {
    return s.aws.customer_gateway_asn && *s.aws.customer_gateway_asn != s.cgw.asn;
}
void asn_match(Scenario& s) {
    s.cgw.asn = *s.aws.customer_gateway_asn;
}

bool neighbor_wrong(const Scenario& s) {
    return std::any_of(s.cgw.tunnels.begin(), s.cgw.tunnels.end(), [&](const auto& t) {
        const auto* a = aws_for(s, t.peer);
        return a != nullptr && t.bgp_neighbor && *t.bgp_neighbor != a->inside_cidr.nth(1);
    });
}
void neighbor_fix(Scenario& s) {
    for (auto& t : s.cgw.tunnels) {
        if (const auto* a = aws_for(s, t.peer)) t.bgp_neighbor = a->inside_cidr.nth(1);
    }
}

bool md5_set(const Scenario& s) {
    return !s.cgw.bgp.md5_password.empty();
}
void md5_clear(Scenario& s) {
    s.cgw.bgp.md5_password.clear();
}

namespace {

// A tunnel's own prepend matters here only when it holds the Amazon-side ASN (otherwise it
// is a deliberate path preference, not a fault).
bool tunnel_prepends_aws(const Scenario& s, const scenario::CgwTunnel& t) {
    return t.as_path_prepend && std::find(t.as_path_prepend->begin(), t.as_path_prepend->end(),
                                          s.aws.asn) != t.as_path_prepend->end();
}
bool entry_prepends_aws(const Scenario& s, const scenario::RouteMapEntry& e) {
    return e.as_path_prepend && std::find(e.as_path_prepend->begin(), e.as_path_prepend->end(),
                                          s.aws.asn) != e.as_path_prepend->end();
}
}  // namespace

bool prepends(const Scenario& s) {
    const auto& map = s.cgw.bgp.route_map;
    return !s.cgw.bgp.as_path_prepend.empty() ||
           std::any_of(s.cgw.tunnels.begin(), s.cgw.tunnels.end(),
                       [&](const auto& t) { return tunnel_prepends_aws(s, t); }) ||
           std::any_of(map.begin(), map.end(),
                       [&](const auto& e) { return entry_prepends_aws(s, e); });
}
// The session's prepend, and every tunnel's or route-map entry's that holds the Amazon ASN.
void prepend_clear(Scenario& s) {
    s.cgw.bgp.as_path_prepend.clear();
    for (auto& t : s.cgw.tunnels) {
        if (tunnel_prepends_aws(s, t)) t.as_path_prepend.reset();
    }
    for (auto& e : s.cgw.bgp.route_map) {
        if (entry_prepends_aws(s, e)) e.as_path_prepend.reset();
    }
}

// AWS's hold time (30 s) is fixed, so a CGW minimum above it can only be lowered on the CGW.
bool min_hold_above_aws(const Scenario& s) {
    return s.cgw.bgp.enabled && s.cgw.bgp.min_hold_time_seconds > run::kAwsBgpHoldSeconds;
}
void min_hold_remove(Scenario& s) {
    s.cgw.bgp.min_hold_time_seconds = 0;
}

// RFC 4271 §6.2: a hold time of 1 or 2 s MUST be rejected.
// RFC 4271 §6.2 refuses 1 or 2 s; 0 (no keepalives, no hold timer) leaves a session a
// rebooted peer lost alive on the other side forever.
bool hold_invalid(const Scenario& s) {
    const int h = s.cgw.bgp.hold_time_seconds;
    return s.cgw.bgp.enabled && (h == 0 || h == 1 || h == 2);
}
void hold_aws_template(Scenario& s) {
    s.cgw.bgp.hold_time_seconds = run::kAwsBgpHoldSeconds;
    s.cgw.bgp.keepalive_seconds = run::kAwsBgpHoldSeconds / 3;
}

bool next_hop_rewritten(const Scenario& s) {
    return s.cgw.bgp.next_hop.has_value();
}
void next_hop_self(Scenario& s) {
    s.cgw.bgp.next_hop.reset();
}

namespace {

std::size_t prefix_limit(const Scenario& s) {
    return s.aws.gateway == scenario::GatewayType::Vgw ? 100 : 1000;
}

}  // namespace

bool too_many(const Scenario& s) {
    return std::set<net::Ipv4Prefix>(s.cgw.bgp.announce.begin(), s.cgw.bgp.announce.end()).size() >
           prefix_limit(s);
}
void summarise_announce(Scenario& s) {
    auto merged = summarise(s.cgw.bgp.announce);
    if (merged.size() > prefix_limit(s)) merged.resize(prefix_limit(s));
    s.cgw.bgp.announce = std::move(merged);
    // A route-map entry matches one announced prefix; one summarised away has nothing to match.
    auto& map = s.cgw.bgp.route_map;
    std::erase_if(map, [&](const scenario::RouteMapEntry& e) {
        return std::find(s.cgw.bgp.announce.begin(), s.cgw.bgp.announce.end(), e.prefix) ==
               s.cgw.bgp.announce.end();
    });
}

bool networks_unannounced(const Scenario& s) {
    return s.aws.routing == scenario::Routing::Dynamic && s.cgw.bgp.enabled &&
           !s.cgw.unannounced_networks().empty();
}
void announce_networks(Scenario& s) {
    for (const auto& n : s.cgw.unannounced_networks()) s.cgw.bgp.announce.push_back(n);
}

// AWS assigns each tunnel's inside /30: the CGW's end is its second address.
bool inside_ip_differs(const Scenario& s) {
    return std::any_of(s.cgw.tunnels.begin(), s.cgw.tunnels.end(), [&](const auto& t) {
        const auto* a = aws_for(s, t.peer);
        return a != nullptr && t.inside_ip &&
               (t.inside_ip->addr != a->inside_cidr.nth(2) || t.inside_ip->len != 30);
    });
}
void inside_ip_aws(Scenario& s) {
    for (auto& t : s.cgw.tunnels) {
        if (aws_for(s, t.peer) != nullptr) t.inside_ip.reset();
    }
}

}  // namespace vpnsim::fix::detail
