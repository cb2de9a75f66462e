// The customer gateway's mutations for explore: its IKE and IPsec settings, DPD, rekey,
// addressing, vendor and events, and its BGP (mutations.cpp holds the table).
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

#include "sim/explore/mutations_detail.hpp"
#include "sim/scenario/names.hpp"

namespace vpnsim::explore::mutations {
namespace detail = scenario::detail;

namespace {

// A CGW may also propose what AWS never accepts: legacy devices' defaults.
constexpr std::array kCgwEncryption{
    ike::Encr::Aes128,    ike::Encr::Aes256, ike::Encr::Aes128Gcm16, ike::Encr::Aes256Gcm16,
    ike::Encr::TripleDes, ike::Encr::Des,    ike::Encr::Aes192};
constexpr std::array kCgwIntegrity{ike::Integ::Sha1, ike::Integ::Sha2_256, ike::Integ::Sha2_384,
                                   ike::Integ::Sha2_512, ike::Integ::Md5};
constexpr std::array kCgwGroups{14, 2, 5, 1, 19, 20, 21, 15, 16, 24};

}  // namespace

// ---- the CGW's IKE and IPsec settings ----

std::string cgw_psk(Scenario& s, const Mutation& m) {
    constexpr std::array<const char*, 3> kPsks{"wrong_psk_value", "psk_for_tunnel_9",
                                               "Psk_For_Tunnel_1"};
    auto& t = cgw_tunnel(s, m);
    t.psk = pick(kPsks, m.a);
    return fmt::format("{} = \"{}\"", cgw_key(s, m, "psk"), t.psk);
}

std::string cgw_local_ts(Scenario& s, const Mutation& m) {
    auto& t = cgw_tunnel(s, m);
    const auto lan = first_lan(s);
    const std::array choices{lan, prefix(10, 0, 0, 0, 8), prefix(10, 0, 0, 0, 24),
                             prefix(192, 168, 0, 0, 16)};
    t.policy = scenario::TunnelPolicy::RouteBased;
    t.local_ts = {pick(choices, m.a)};
    return fmt::format("{} = {}", cgw_key(s, m, "local_ts"), cidr_list(t.local_ts));
}

std::string cgw_remote_ts(Scenario& s, const Mutation& m) {
    auto& t = cgw_tunnel(s, m);
    const auto vpc = s.aws.vpc_cidr;
    const std::array choices{vpc, Ipv4Prefix{vpc.addr, 24}, prefix(172, 16, 0, 0, 12),
                             prefix(10, 0, 0, 0, 8)};
    t.policy = scenario::TunnelPolicy::RouteBased;
    t.remote_ts = {pick(choices, m.a)};
    return fmt::format("{} = {}", cgw_key(s, m, "remote_ts"), cidr_list(t.remote_ts));
}

std::string cgw_policy_based(Scenario& s, const Mutation& m) {
    auto& t = cgw_tunnel(s, m);
    const auto lan = first_lan(s);
    const auto vpc = s.aws.vpc_cidr;
    const auto inside = s.aws.tunnels[index(m.tunnel, s.aws.tunnels.size())].inside_cidr;
    const std::array<std::vector<scenario::ProxyId>, 4> choices{{
        {{lan, vpc}},
        {{prefix(10, 0, 0, 0, 8), vpc}, {inside, inside}},
        {{Ipv4Prefix::any(), Ipv4Prefix::any()}},
        {{lan, vpc}, {prefix(10, 200, 0, 0, 16), vpc}},
    }};
    t.policy = scenario::TunnelPolicy::PolicyBased;
    t.proxy_ids = pick(choices, m.a);
    std::vector<std::string> pairs;
    for (const auto& p : t.proxy_ids) pairs.push_back(fmt::format("{} <=> {}", p.local, p.remote));
    return fmt::format("{} = policy-based [{}]", cgw_key(s, m, "proxy_ids"),
                       fmt::join(pairs, ", "));
}

std::string cgw_ike_version(Scenario& s, const Mutation& m) {
    auto& t = cgw_tunnel(s, m);
    t.ike_version = t.ike_version == 2 ? 1 : 2;
    return fmt::format("{} = {}", cgw_key(s, m, "ike_version"), t.ike_version);
}

std::string cgw_aggressive(Scenario& s, const Mutation& m) {
    auto& t = cgw_tunnel(s, m);
    t.ike_version = 1;
    t.aggressive_mode = true;
    return fmt::format("{} = \"aggressive\" (ike_version = 1)", cgw_key(s, m, "ikev1_mode"));
}

// One algorithm each, legacy ones included.
void cgw_algorithms(scenario::ProposalLists& p, const Mutation& m) {
    p.encryption = {pick(kCgwEncryption, m.a)};
    p.integrity = {pick(kCgwIntegrity, m.b)};
}
std::string cgw_phase1(Scenario& s, const Mutation& m) {
    return set_phase(cgw_key(s, m, "phase1 encryption / integrity"), cgw_tunnel(s, m).phase1, m,
                     cgw_algorithms);
}
std::string cgw_phase2(Scenario& s, const Mutation& m) {
    return set_phase(cgw_key(s, m, "phase2 encryption / integrity"), cgw_tunnel(s, m).phase2, m,
                     cgw_algorithms);
}
std::string cgw_phase1_dh(Scenario& s, const Mutation& m) {
    auto& t = cgw_tunnel(s, m);
    t.phase1.dh_groups = {pick(kCgwGroups, m.a)};
    return fmt::format("{} = [{}]", cgw_key(s, m, "phase1_dh_group_numbers"),
                       t.phase1.dh_groups[0]);
}
std::string cgw_pfs_group(Scenario& s, const Mutation& m) {
    auto& t = cgw_tunnel(s, m);
    t.phase2.dh_groups = {pick(kCgwGroups, m.a)};
    return fmt::format("{} = [{}]", cgw_key(s, m, "phase2_dh_group_numbers"),
                       t.phase2.dh_groups[0]);
}

std::string cgw_nat_t(Scenario& s, const Mutation&) {
    s.cgw.nat_t = false;
    return "cgw.nat_t = false";
}

std::string cgw_dpd(Scenario& s, const Mutation& m) {
    auto& t = cgw_tunnel(s, m);
    constexpr std::array kIntervals{10, 2, 30, 60, 5};
    t.dpd_interval_seconds = pick(kIntervals, m.a);
    t.dpd_retries = m.b % 6;
    return fmt::format("{} = {}, dpd_retries = {}", cgw_key(s, m, "dpd_interval_seconds"),
                       t.dpd_interval_seconds, t.dpd_retries);
}
std::string cgw_dpd_action(Scenario& s, const Mutation& m) {
    auto& t = cgw_tunnel(s, m);
    t.dpd_action = pick(detail::kDpdActions, m.a).value;
    return fmt::format("{} = \"{}\"", cgw_key(s, m, "dpd_action"),
                       detail::name_of(detail::kDpdActions, t.dpd_action));
}

std::string cgw_rekey(Scenario& s, const Mutation& m) {
    auto& t = cgw_tunnel(s, m);
    t.rekey = false;
    return fmt::format("{} = false", cgw_key(s, m, "rekey"));
}
std::string cgw_lifetimes(Scenario& s, const Mutation& m) {
    auto& t = cgw_tunnel(s, m);
    constexpr std::array kPhase2{900, 300, 1800, 7200, 120};
    constexpr std::array kIke{3600, 28800, 900, 86400, 600};
    t.phase2_lifetime_seconds = pick(kPhase2, m.a);
    t.ike_lifetime_seconds = pick(kIke, m.b);
    t.rekey_fuzz_percentage = m.b % 101;
    return fmt::format("{} = {}, ike_lifetime_seconds = {}, rekey_fuzz_percentage = {}",
                       cgw_key(s, m, "phase2_lifetime_seconds"), t.phase2_lifetime_seconds,
                       t.ike_lifetime_seconds, t.rekey_fuzz_percentage);
}
std::string cgw_rekey_margin(Scenario& s, const Mutation& m) {
    auto& t = cgw_tunnel(s, m);
    constexpr std::array kMargins{270, 0, 60, 1200, 1800};
    t.rekey_margin_time_seconds = pick(kMargins, m.a);
    return fmt::format("{} = {}", cgw_key(s, m, "rekey_margin_time_seconds"),
                       t.rekey_margin_time_seconds);
}

std::string cgw_initiate(Scenario& s, const Mutation& m) {
    auto& t = cgw_tunnel(s, m);
    if (m.a % 2 == 0) {
        t.initiate = false;
        return fmt::format("{} = false", cgw_key(s, m, "initiate"));
    }
    t.initiate_after = sec(m.b % 150);
    return fmt::format("{} = \"{}s\"", cgw_key(s, m, "initiate_after"), m.b % 150);
}

std::string cgw_inside_ip(Scenario& s, const Mutation& m) {
    auto& t = cgw_tunnel(s, m);
    const auto inside = s.aws.tunnels[index(m.tunnel, s.aws.tunnels.size())].inside_cidr;
    const std::array choices{Ipv4Prefix{inside.nth(1), 30}, Ipv4Prefix{inside.nth(2), 29},
                             Ipv4Prefix{Ipv4Addr::from_octets(169, 254, 99, 2), 30}};
    t.inside_ip = pick(choices, m.a);
    return fmt::format("{} = \"{}/{}\"", cgw_key(s, m, "inside_ip"), t.inside_ip->addr,
                       t.inside_ip->len);
}

std::string cgw_peer(Scenario& s, const Mutation& m) {
    auto& t = cgw_tunnel(s, m);
    t.peer = Ipv4Addr::from_octets(203, 0, 113, 99);
    return fmt::format("{} = \"{}\"", cgw_key(s, m, "peer"), t.peer);
}

std::string cgw_vendor(Scenario& s, const Mutation& m) {
    s.cgw.vendor = pick(detail::kCgwVendors, m.a).value;
    return fmt::format("cgw.vendor = \"{}\"", detail::name_of(detail::kCgwVendors, s.cgw.vendor));
}

std::string cgw_mtu(Scenario& s, const Mutation& m) {
    constexpr std::array kMtus{1500, 1436, 1399, 1300};
    constexpr std::array kMss{0, 1379, 1460, 1200};
    s.cgw.tunnel_mtu = pick(kMtus, m.a);
    s.cgw.mss_clamp = pick(kMss, m.b);
    return fmt::format("cgw.tunnel_mtu = {}, mss_clamp = {}", s.cgw.tunnel_mtu, s.cgw.mss_clamp);
}

std::string cgw_asymmetric(Scenario& s, const Mutation&) {
    s.cgw.asymmetric_routing = scenario::AsymmetricRouting::Drop;
    return "cgw.asymmetric_routing = \"drop\"";
}

std::string cgw_nat_keepalive(Scenario& s, const Mutation& m) {
    s.cgw.nat_keepalive_seconds = m.a % 2 == 0 ? 0 : 5 + m.b % 300;
    return fmt::format("cgw.nat_keepalive_seconds = {}", s.cgw.nat_keepalive_seconds);
}

std::string cgw_networks(Scenario& s, const Mutation& m) {
    const std::array choices{prefix(10, 250, 0, 0, 16), prefix(192, 168, 50, 0, 24),
                             s.aws.vpc_cidr};
    s.cgw.networks.push_back(pick(choices, m.a));
    return fmt::format("cgw.networks = {}", cidr_list(s.cgw.networks));
}

std::string cgw_static_routes(Scenario& s, const Mutation& m) {
    if (s.cgw.bgp.enabled) return "";
    auto& t = cgw_tunnel(s, m);
    const auto vpc = s.aws.vpc_cidr;
    const std::array choices{prefix(10, 99, 0, 0, 16), Ipv4Prefix{vpc.addr, 24}, vpc};
    t.static_routes = {pick(choices, m.a)};
    return fmt::format("{} = {}", cgw_key(s, m, "static_routes"), cidr_list(t.static_routes));
}

std::string cgw_asn(Scenario& s, const Mutation& m) {
    // A customer gateway's BgpAsn is 1..2147483647 (the loader's rule); 64512 is Amazon's
    // default ASN, so the CGW then shares it.
    constexpr std::array<std::uint32_t, 3> kAsns{64512, 65001, 65534};
    s.cgw.asn = pick(kAsns, m.a);
    return fmt::format("cgw.asn = {}", s.cgw.asn);
}

std::string cgw_event(Scenario& s, const Mutation& m) {
    scenario::CgwEvent e;
    e.at = sec(20 + m.b % 130);
    constexpr std::array kKinds{scenario::CgwEvent::Kind::Reboot, scenario::CgwEvent::Kind::Silent,
                                scenario::CgwEvent::Kind::SetPsk};
    e.kind = pick(kKinds, m.a);
    if (e.kind == scenario::CgwEvent::Kind::SetPsk) {
        e.tunnel = static_cast<int>(index(m.tunnel, s.cgw.tunnels.size())) + 1;
        e.psk = "changed_psk_value";
    } else {
        e.duration = sec(5 + m.a % 90);
    }
    s.cgw.events.push_back(e);
    return fmt::format("[[cgw.event]] at = \"{}s\", action = \"{}\"",
                       std::chrono::duration_cast<std::chrono::seconds>(e.at).count(),
                       detail::name_of(detail::kCgwEventKinds, e.kind));
}

// ---- the CGW's BGP ----

std::string bgp_disabled(Scenario& s, const Mutation&) {
    s.cgw.bgp.enabled = false;
    return "cgw.bgp.enabled = false";
}
std::string bgp_remote_as(Scenario& s, const Mutation& m) {
    constexpr std::array<std::uint32_t, 3> kAsns{65512, 7224, 64513};
    s.cgw.bgp.remote_as = pick(kAsns, m.a);
    return fmt::format("cgw.bgp.remote_as = {}", s.cgw.bgp.remote_as);
}
std::string bgp_neighbor(Scenario& s, const Mutation& m) {
    auto& t = cgw_tunnel(s, m);
    const auto inside = s.aws.tunnels[index(m.tunnel, s.aws.tunnels.size())].inside_cidr;
    const std::array choices{Ipv4Addr::from_octets(169, 254, 99, 1), inside.nth(2), inside.nth(3)};
    t.bgp_neighbor = pick(choices, m.a);
    return fmt::format("{} = \"{}\"", cgw_key(s, m, "bgp_neighbor"), *t.bgp_neighbor);
}
std::string bgp_timers(Scenario& s, const Mutation& m) {
    auto& b = s.cgw.bgp;
    constexpr std::array kHolds{30, 0, 3, 9, 90, 240, 1};
    b.hold_time_seconds = pick(kHolds, m.a);
    b.keepalive_seconds = b.hold_time_seconds >= 3 ? std::max(1, b.hold_time_seconds / 3) : 10;
    constexpr std::array kMinHolds{0, 90, 30, 240};
    b.min_hold_time_seconds = pick(kMinHolds, m.b);
    return fmt::format(
        "cgw.bgp.hold_time_seconds = {}, keepalive_seconds = {}, "
        "min_hold_time_seconds = {}",
        b.hold_time_seconds, b.keepalive_seconds, b.min_hold_time_seconds);
}
std::string bgp_connect_retry(Scenario& s, const Mutation& m) {
    s.cgw.bgp.connect_retry_seconds = 1 + m.a % 300;
    return fmt::format("cgw.bgp.connect_retry_seconds = {}", s.cgw.bgp.connect_retry_seconds);
}
std::string bgp_md5(Scenario& s, const Mutation&) {
    s.cgw.bgp.md5_password = "s3cret";
    return "cgw.bgp.md5_password = \"s3cret\"";
}
std::string bgp_prepend(Scenario& s, const Mutation& m) {
    const std::array<std::vector<std::uint32_t>, 3> choices{
        {{s.aws.asn}, {s.cgw.asn, s.cgw.asn, s.cgw.asn}, {65010}}};
    s.cgw.bgp.as_path_prepend = pick(choices, m.a);
    return fmt::format("cgw.bgp.as_path_prepend = [{}]",
                       fmt::join(s.cgw.bgp.as_path_prepend, ", "));
}
std::string bgp_next_hop(Scenario& s, const Mutation& m) {
    const std::array choices{Ipv4Addr::from_octets(10, 0, 0, 1),
                             Ipv4Addr::from_octets(169, 254, 99, 2)};
    s.cgw.bgp.next_hop = pick(choices, m.a);
    return fmt::format("cgw.bgp.next_hop = \"{}\"", *s.cgw.bgp.next_hop);
}
std::string bgp_announce(Scenario& s, const Mutation& m) {
    auto& a = s.cgw.bgp.announce;
    switch (m.a % 4) {
        case 0:
            a.push_back(prefix(10, 200, 0, 0, 16));
            break;
        case 1:
            a.clear();
            break;
        case 2:
            a.push_back(s.aws.vpc_cidr);
            break;
        default:
            a.push_back(Ipv4Prefix::any());
            break;
    }
    return fmt::format("cgw.bgp.announce = {}", cidr_list(a));
}
std::string bgp_route_map(Scenario& s, const Mutation& m) {
    auto& b = s.cgw.bgp;
    if (b.announce.empty()) return "";
    scenario::RouteMapEntry e;
    e.prefix = b.announce[static_cast<std::size_t>(m.b) % b.announce.size()];
    switch (m.a % 3) {
        case 0:
            e.as_path_prepend = std::vector<std::uint32_t>{s.aws.asn};
            break;
        case 1:
            e.med = 200;
            break;
        default:
            e.communities = {(std::uint32_t{65000} << 16) | 100};
            break;
    }
    std::erase_if(b.route_map, [&](const auto& x) { return x.prefix == e.prefix; });
    b.route_map.push_back(e);
    return fmt::format("[[cgw.bgp.route_map]] prefix = \"{}\" ({})", e.prefix,
                       e.as_path_prepend ? "as_path_prepend Amazon ASN"
                       : e.med           ? "med = 200"
                                         : "communities = [\"65000:100\"]");
}
std::string tunnel_preference(Scenario& s, const Mutation& m) {
    auto& t = cgw_tunnel(s, m);
    switch (m.a % 3) {
        case 0:
            t.med = static_cast<std::uint32_t>(m.b % 1000);
            return fmt::format("{} = {}", cgw_key(s, m, "med"), t.med);
        case 1:
            t.local_pref = static_cast<std::uint32_t>(m.b % 1000);
            return fmt::format("{} = {}", cgw_key(s, m, "local_pref"), t.local_pref);
        default:
            t.as_path_prepend = std::vector<std::uint32_t>{s.cgw.asn, s.cgw.asn};
            return fmt::format("{} = [{}, {}]", cgw_key(s, m, "as_path_prepend"), s.cgw.asn,
                               s.cgw.asn);
    }
}

}  // namespace vpnsim::explore::mutations
