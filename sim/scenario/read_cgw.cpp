// DOC: [cgw], [[cgw.tunnel]] and [cgw.bgp]: the customer gateway device as configured.
// Unlike [aws], which can only hold what the AWS API accepts, the CGW side may be
// misconfigured on purpose -- a PSK AWS would refuse, narrow proxy IDs, a DH group AWS does
// not offer, a wrong BGP neighbor -- so its checks stop at what a device would itself reject.
// BGP limits follow RFC 4271 §4.2 (hold time 0 or >= 3 s) and FRR's ranges.
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <charconv>

#include "sim/scenario/fields.hpp"
#include "sim/scenario/proposals.hpp"
#include "sim/scenario/references.hpp"
#include "sim/scenario/sections.hpp"

namespace vpnsim::scenario::detail {
namespace {

constexpr std::array<int, 2> kIkeVersionNumbers{1, 2};
constexpr std::array<Named<DpdAction>, 3> kCgwDpdActions{
    {{"clear", DpdAction::Clear}, {"none", DpdAction::None}, {"restart", DpdAction::Restart}}};

// A lifetime and the rekey margin taken from it: the margin must leave at least half the
// lifetime, as AWS requires of its own. Reports at most one conflict; true when it did.
bool check_margin(const Field& lifetime, const std::optional<std::int64_t>& value, int seconds,
                  std::string_view key, const Field& margin, const std::optional<std::int64_t>& m,
                  int margin_seconds) {
    if (!usable(lifetime, value) || !usable(margin, m) || margin_seconds <= seconds / 2) {
        return false;
    }
    report_conflict(
        lifetime,
        fmt::format("must be at least {} (twice rekey_margin_time_seconds), got {}",
                    2 * margin_seconds, seconds),
        margin,
        fmt::format("must be at most {} (half of {}), got {}", seconds / 2, key, margin_seconds));
    return true;
}

// DPD, CHILD_SA and IKE SA lifetimes of one CGW tunnel (strongSwan's dpddelay/dpdaction and
// lifetime/ikelifetime/margintime/rekeyfuzz/rekey; ranges are what such a device accepts).
// The margin applies to both lifetimes, so it must leave half of each.
void read_dpd_and_rekey(TableReader& table, CgwTunnel& tunnel) {
    set_if(tunnel.dpd_interval_seconds, as_int(table.get("dpd_interval_seconds"), 1, 3600));
    set_if(tunnel.dpd_retries, as_int(table.get("dpd_retries"), 0, 100));
    set_if(tunnel.dpd_action, as_enum(table.get("dpd_action"), kCgwDpdActions));
    const Field lifetime = table.get("phase2_lifetime_seconds");
    const auto l2 = as_int(lifetime, 120, 86400);
    set_if(tunnel.phase2_lifetime_seconds, l2);
    const Field ike_lifetime = table.get("ike_lifetime_seconds");
    const auto l1 = as_int(ike_lifetime, 120, 86400);
    set_if(tunnel.ike_lifetime_seconds, l1);
    const Field margin = table.get("rekey_margin_time_seconds");
    const auto m = as_int(margin, 0, 86400);
    set_if(tunnel.rekey_margin_time_seconds, m);
    const int margin_seconds = tunnel.rekey_margin_time_seconds;
    if (!check_margin(lifetime, l2, tunnel.phase2_lifetime_seconds, "phase2_lifetime_seconds",
                      margin, m, margin_seconds)) {
        check_margin(ike_lifetime, l1, tunnel.ike_lifetime_seconds, "ike_lifetime_seconds", margin,
                     m, margin_seconds);
    }
    set_if(tunnel.rekey_fuzz_percentage, as_int(table.get("rekey_fuzz_percentage"), 0, 100));
    set_if(tunnel.rekey, as_bool(table.get("rekey")));
}

std::optional<std::int64_t> as_cgw_asn(const Field& field) {
    const auto asn = as_int(field, 1, 2147483647);
    if (asn && std::find(kLegacyAmazonAsns.begin(), kLegacyAmazonAsns.end(), *asn) !=
                   kLegacyAmazonAsns.end()) {
        return reject<std::int64_t>(field, fmt::format("{} is reserved for AWS", *asn));
    }
    return asn;
}

// "0".."32" with no sign and no leading zero.
std::optional<std::uint8_t> parse_prefix_length(std::string_view text) {
    if (text.empty() || text.size() > 2 || (text.size() == 2 && text[0] == '0')) return {};
    unsigned value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc{} || end != text.data() + text.size() || value > 32) return {};
    return static_cast<std::uint8_t>(value);
}

// "169.254.10.2/30": an interface address with its prefix length. Host bits are the point
// here, so unlike a CIDR they are kept.
std::optional<net::Ipv4Prefix> as_inside_ip(const Field& field) {
    const auto text = as_string(field);
    if (!text) return std::nullopt;
    const auto slash = text->find('/');
    const auto addr = net::Ipv4Addr::parse(std::string_view(*text).substr(0, slash));
    const auto len = slash == std::string::npos
                         ? std::nullopt
                         : parse_prefix_length(std::string_view(*text).substr(slash + 1));
    if (!addr || !len) {
        return reject<net::Ipv4Prefix>(
            field, fmt::format("invalid address '{}' (expected a.b.c.d/len, e.g. "
                               "\"169.254.10.2/30\")",
                               printable(*text)));
    }
    if (!kLinkLocal.contains(*addr)) {
        return reject<net::Ipv4Prefix>(field,
                                       fmt::format("must be within {}, got {}", kLinkLocal, *text));
    }
    return net::Ipv4Prefix{*addr, *len};
}

// RFC 4271 §4.2: "the Hold Time MUST be either zero or at least three seconds". A CGW's own
// hold time may be written as 1 or 2 all the same -- a real misconfiguration, which its peer
// answers with NOTIFICATION 2/6 (§6.2) -- but not a minimum it accepts.
std::optional<std::int64_t> as_hold_time(const Field& field, bool allow_invalid) {
    const auto hold = as_int(field);
    if (!hold || *hold == 0 || (*hold >= 3 && *hold <= 65535)) return hold;
    if (allow_invalid && (*hold == 1 || *hold == 2)) return hold;
    return reject<std::int64_t>(
        field, fmt::format("must be 0{} or between 3 and 65535, got {}",
                           allow_invalid ? ", 1, 2 (which AWS refuses)" : "", *hold));
}

// Proxy-ID pairs a device negotiates as separate SAs; more than this is not a CGW we model.
constexpr std::size_t kMaxProxyIds = 16;

ProxyId read_proxy_id(TableReader& table) {
    ProxyId id;
    set_if(id.local, as_cidr(table.require("local")));
    set_if(id.remote, as_cidr(table.require("remote")));
    return id;
}

// policy / proxy_ids / local_ts / remote_ts: a route-based tunnel proposes local_ts <=>
// remote_ts in one CHILD_SA; a policy-based one negotiates one CHILD_SA per proxy_ids pair
// (RFC 7296 §1.3.1; IKEv1: one quick mode per pair, RFC 2409 §5.5), so the two ways of naming
// selectors never mix.
void read_selectors(TableReader& table, CgwTunnel& tunnel) {
    set_if(tunnel.policy, as_enum(table.get("policy"), kTunnelPolicies));
    const Field local_ts = table.get("local_ts");
    const Field remote_ts = table.get("remote_ts");
    const Field proxy_ids = table.get("proxy_ids");
    set_if(tunnel.local_ts, as_array(local_ts, as_cidr));
    set_if(tunnel.remote_ts, as_array(remote_ts, as_cidr));
    tunnel.proxy_ids = read_tables(proxy_ids, read_proxy_id);
    if (tunnel.policy == TunnelPolicy::RouteBased) {
        if (proxy_ids.present()) proxy_ids.error("only for policy = \"policy-based\"");
        return;
    }
    for (const Field* f : {&local_ts, &remote_ts}) {
        if (f->present()) {
            f->error("not used by a policy-based tunnel; list its selectors in proxy_ids");
        }
    }
    if (!proxy_ids.present()) {
        table.error("proxy_ids", "a policy-based tunnel needs at least one proxy-ID pair");
    } else if (proxy_ids.node()->is_array() && proxy_ids.node()->as_array()->empty()) {
        proxy_ids.error("must list at least one { local = ..., remote = ... } pair");
    } else if (tunnel.proxy_ids.size() > kMaxProxyIds) {
        proxy_ids.error(
            fmt::format("at most {} pairs, got {}", kMaxProxyIds, tunnel.proxy_ids.size()));
    }
}

std::optional<std::uint32_t> as_asn(const Field& f) {
    const auto asn = as_int(f, 1, 4294967295);
    if (!asn) return std::nullopt;
    return static_cast<std::uint32_t>(*asn);
}

CgwTunnel read_cgw_tunnel(TableReader& table, bool bgp_enabled) {
    CgwTunnel tunnel;
    set_if(tunnel.peer, as_ipv4(table.require("peer")));
    set_if(tunnel.psk, as_nonempty_string(table.require("psk")));
    const Field version = table.get("ike_version");
    const auto ike_version = as_int_choice(version, kIkeVersionNumbers);
    set_if(tunnel.ike_version, ike_version);
    const Field mode = table.get("ikev1_mode");
    set_if(tunnel.aggressive_mode, as_enum(mode, kIkev1Modes));
    if (tunnel.aggressive_mode && usable(version, ike_version) && tunnel.ike_version != 1) {
        mode.error("aggressive mode is IKEv1 only: set ike_version = 1");
    }
    tunnel.phase1 = read_proposals(table, kCgwPhase1);
    tunnel.phase2 = read_proposals(table, kCgwPhase2);
    read_selectors(table, tunnel);
    set_if(tunnel.inside_ip, as_inside_ip(table.get("inside_ip")));
    set_if(tunnel.bgp_neighbor, as_ipv4(table.get("bgp_neighbor")));
    set_if(tunnel.initiate_after,
           as_duration(table.get("initiate_after"), SimTime{0}, kMaxDuration));
    set_if(tunnel.initiate, as_bool(table.get("initiate")));
    read_dpd_and_rekey(table, tunnel);
    set_if(tunnel.local_pref, as_int(table.get("local_pref"), 0, 4294967295));
    set_if(tunnel.med, as_int(table.get("med"), 0, 4294967295));
    if (auto prepend = as_array(table.get("as_path_prepend"), as_asn, EmptyArray::Allowed)) {
        tunnel.as_path_prepend = std::move(*prepend);
    }
    const Field routes = table.get("static_routes");
    set_if(tunnel.static_routes, as_array(routes, as_cidr, EmptyArray::Allowed));
    if (bgp_enabled && !tunnel.static_routes.empty()) {
        routes.error(
            "only for a static CGW: set [cgw.bgp] enabled = false (a BGP CGW learns "
            "the VPC CIDR from AWS)");
    }
    return tunnel;
}

// RFC 4271 §10 suggests keepalive = hold / 3; we require it is no more than that.
void check_keepalive(const Field& hold, const Field& keepalive, const CgwBgp& bgp) {
    const int h = bgp.hold_time_seconds;
    const int k = bgp.keepalive_seconds;
    if (h < 3 || k <= h / 3) return;  // 1-2 s: refused in the OPEN, no keepalives follow
    report_conflict(
        hold, fmt::format("must be 0 or at least {} (3 times keepalive_seconds), got {}", 3 * k, h),
        keepalive,
        fmt::format("must be at most {} (a third of hold_time_seconds), got {}", h / 3, k));
}

// A minimum acceptable hold time (Cisco's min-holdtime): 0 = none, else a valid hold time
// (RFC 4271 §4.2) no greater than the CGW's own, as IOS requires of `timers bgp`.
void check_min_hold(const Field& hold, const Field& min_hold, const CgwBgp& bgp) {
    const int h = bgp.hold_time_seconds;
    const int m = bgp.min_hold_time_seconds;
    if (m == 0 || m <= h) return;
    report_conflict(hold, fmt::format("must be at least {} (min_hold_time_seconds), got {}", m, h),
                    min_hold,
                    fmt::format("must not be above hold_time_seconds ({}), got {}", h, m));
}

// Any address but 0.0.0.0, which no UPDATE may carry (RFC 4271 §6.3 missing NEXT_HOP).
std::optional<net::Ipv4Addr> as_next_hop(const Field& field) {
    const auto addr = as_ipv4(field);
    if (addr && addr->value == 0) {
        return reject<net::Ipv4Addr>(field, "must not be 0.0.0.0");
    }
    return addr;
}

// RFC 1997 "AA:NN", each half 0..65535.
std::optional<std::uint32_t> parse_community(std::string_view text) {
    const auto colon = text.find(':');
    if (colon == std::string_view::npos) return std::nullopt;
    const auto half = [](std::string_view part) -> std::optional<std::uint32_t> {
        std::uint32_t v = 0;
        const auto* end = part.data() + part.size();
        const auto [ptr, ec] = std::from_chars(part.data(), end, v);
        if (part.empty() || ec != std::errc{} || ptr != end || v > 65535) return std::nullopt;
        return v;
    };
    const auto a = half(text.substr(0, colon));
    const auto n = half(text.substr(colon + 1));
    if (!a || !n) return std::nullopt;
    return (*a << 16) | *n;
}

std::optional<std::uint32_t> as_community(const Field& f) {
    const auto text = as_string(f);
    if (!text) return std::nullopt;
    const auto c = parse_community(*text);
    if (!c) {
        f.error(fmt::format("a community is \"ASN:value\" (each 0-65535, RFC 1997), got \"{}\"",
                            printable(*text)));
    }
    return c;
}

RouteMapEntry read_route_map_entry(TableReader& table, const std::vector<net::Ipv4Prefix>& announce,
                                   std::vector<net::Ipv4Prefix>& seen) {
    RouteMapEntry e;
    const Field prefix = table.require("prefix");
    if (const auto p = as_cidr(prefix)) {
        e.prefix = *p;
        if (std::find(announce.begin(), announce.end(), *p) == announce.end()) {
            prefix.error(fmt::format("{} is not in [cgw.bgp] announce", *p));
        } else if (std::find(seen.begin(), seen.end(), *p) != seen.end()) {
            prefix.error(fmt::format("a second route_map entry for {}", *p));
        }
        seen.push_back(*p);
    }
    set_if(e.as_path_prepend, as_array(table.get("as_path_prepend"), as_asn, EmptyArray::Allowed));
    set_if(e.med, as_int(table.get("med"), 0, 4294967295));
    set_if(e.communities, as_array(table.get("communities"), as_community, EmptyArray::Allowed));
    return e;
}

CgwBgp read_bgp(TableReader& table) {
    CgwBgp bgp;
    set_if(bgp.enabled, as_bool(table.get("enabled")));
    set_if(bgp.remote_as, as_int(table.get("remote_as"), 1, 4294967295));
    set_if(bgp.announce, as_array(table.get("announce"), as_cidr, EmptyArray::Allowed));
    const Field hold = table.get("hold_time_seconds");
    const Field keepalive = table.get("keepalive_seconds");
    const auto hold_time = as_hold_time(hold, true);
    const auto keepalive_time = as_int(keepalive, 1, 21845);
    const Field min_hold = table.get("min_hold_time_seconds");
    const auto min_hold_time = as_hold_time(min_hold, false);
    set_if(bgp.hold_time_seconds, hold_time);
    set_if(bgp.min_hold_time_seconds, min_hold_time);
    set_if(bgp.keepalive_seconds, keepalive_time);
    set_if(bgp.connect_retry_seconds, as_int(table.get("connect_retry_seconds"), 1, 65535));
    set_if(bgp.md5_password, as_nonempty_string(table.get("md5_password")));
    set_if(bgp.as_path_prepend,
           as_array(table.get("as_path_prepend"), as_asn, EmptyArray::Allowed));
    set_if(bgp.next_hop, as_next_hop(table.get("next_hop")));
    std::vector<net::Ipv4Prefix> mapped;
    bgp.route_map = read_tables(table.get("route_map"), [&](TableReader& t) {
        return read_route_map_entry(t, bgp.announce, mapped);
    });
    if (usable(hold, hold_time) && usable(keepalive, keepalive_time)) {
        check_keepalive(hold, keepalive, bgp);
    }
    if (usable(hold, hold_time) && usable(min_hold, min_hold_time)) {
        check_min_hold(hold, min_hold, bgp);
    }
    return bgp;
}

}  // namespace

CgwEvent read_cgw_event(TableReader& table, std::size_t tunnels, SimTime& previous_at) {
    CgwEvent e;
    const Field at = table.require("at");
    set_if(e.at, as_duration(at, SimTime{0}, kMaxDuration));
    if (at.present() && e.at < previous_at) {
        at.error(fmt::format("events must be listed in time order; the previous one is at {}",
                             format_time(previous_at)));
    }
    previous_at = std::max(previous_at, e.at);
    const Field action = table.require("action");
    const auto kind = as_enum(action, kCgwEventKinds);
    set_if(e.kind, kind);
    if (!usable(action, kind)) return e;
    if (e.kind == CgwEvent::Kind::SetPsk) {
        const Field tunnel = table.require("tunnel");
        const auto n = as_int(tunnel, 1, 2);
        if (n && static_cast<std::size_t>(*n) > tunnels) {
            tunnel.error(fmt::format("the CGW has {} tunnel(s)", tunnels));
        }
        if (n) e.tunnel = static_cast<int>(*n);
        set_if(e.psk, as_nonempty_string(table.require("psk")));
    } else {
        set_if(e.duration, as_duration(table.require("duration"), sec(1), kMaxDuration));
    }
    return e;
}

Cgw read_cgw(TableReader& table) {
    Cgw cgw;
    set_if(cgw.outside_ip, as_ipv4(table.require("outside_ip")));
    set_if(cgw.asn, as_cgw_asn(table.get("asn")));
    set_if(cgw.nat_t, as_bool(table.get("nat_t")));
    // strongSwan's keep_alive: any interval a device accepts; 0 disables keepalives.
    set_if(cgw.nat_keepalive_seconds, as_int(table.get("nat_keepalive_seconds"), 0, 3600));
    set_if(cgw.vendor, as_enum(table.get("vendor"), kCgwVendors));
    set_if(cgw.tunnel_mtu, as_int(table.get("tunnel_mtu"), 576, 9001));
    const Field mss = table.get("mss_clamp");
    set_if(cgw.mss_clamp, as_int(mss, 0, 8961));
    if (cgw.mss_clamp > 0 && cgw.mss_clamp < 536) {
        mss.error("0 (no clamping) or 536..8961 (RFC 879's default MSS is the smallest)");
    }
    set_if(cgw.bgp, read_table(table.get("bgp"), read_bgp));
    cgw.tunnels = read_tables(table.get("tunnel"),
                              [&](TableReader& t) { return read_cgw_tunnel(t, cgw.bgp.enabled); });
    read_cgw_overrides(table, cgw);
    return cgw;
}

void read_cgw_overrides(TableReader& table, Cgw& cgw) {
    SimTime previous_at{};
    cgw.events = read_tables(table.get("event"), [&](TableReader& t) {
        return read_cgw_event(t, cgw.tunnels.size(), previous_at);
    });
    set_if(cgw.asymmetric_routing, as_enum(table.get("asymmetric_routing"), kAsymmetricRouting));
    set_if(cgw.networks, as_array(table.get("networks"), as_cidr, EmptyArray::Allowed));
}

}  // namespace vpnsim::scenario::detail
