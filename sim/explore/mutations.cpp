#include "sim/explore/mutations.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <array>
#include <span>

#include "sim/explore/mutations_detail.hpp"
#include "sim/scenario/names.hpp"

namespace vpnsim::explore {
namespace {

using net::Ipv4Addr;
using net::Ipv4Prefix;
using scenario::Scenario;
using namespace mutations;  // the helpers and the CGW's mutations (mutations_cgw.cpp)
namespace detail = scenario::detail;

constexpr std::array kAwsEncryption{ike::Encr::Aes128, ike::Encr::Aes256, ike::Encr::Aes128Gcm16,
                                    ike::Encr::Aes256Gcm16};
constexpr std::array kAwsIntegrity{ike::Integ::Sha1, ike::Integ::Sha2_256, ike::Integ::Sha2_384,
                                   ike::Integ::Sha2_512};
constexpr std::array kAwsPhase1Groups{2, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24};
constexpr std::array kAwsPhase2Groups{2, 5, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24};

using Apply = std::string (*)(Scenario&, const Mutation&);
struct Kind {
    const char* name;
    Apply apply;
    bool per_cgw_tunnel{false};  // picks a CGW tunnel: does not apply to a CGW without one
};

// ---- AWS tunnel options ----

std::string aws_ike_versions(Scenario& s, const Mutation& m) {
    auto& t = aws_tunnel(s, m);
    const std::array<std::vector<int>, 3> choices{{{1}, {2}, {1, 2}}};
    t.ike_versions = pick(choices, m.a);
    return fmt::format("{} = [{}]", aws_key(s, m, "ike_versions"), fmt::join(t.ike_versions, ", "));
}
// Non-empty subsets of what AWS offers.
void aws_algorithms(scenario::ProposalLists& p, const Mutation& m) {
    p.encryption = subset(kAwsEncryption, m.a);
    p.integrity = subset(kAwsIntegrity, m.b);
}
std::string aws_phase1(Scenario& s, const Mutation& m) {
    return set_phase(aws_key(s, m, "phase1 encryption / integrity"), aws_tunnel(s, m).phase1, m,
                     aws_algorithms);
}
std::string aws_phase2(Scenario& s, const Mutation& m) {
    return set_phase(aws_key(s, m, "phase2 encryption / integrity"), aws_tunnel(s, m).phase2, m,
                     aws_algorithms);
}
std::string aws_phase1_dh(Scenario& s, const Mutation& m) {
    auto& t = aws_tunnel(s, m);
    t.phase1.dh_groups = {pick(kAwsPhase1Groups, m.a)};
    if (m.b % 2 == 1) t.phase1.dh_groups.push_back(pick(kAwsPhase1Groups, m.b / 2));
    std::sort(t.phase1.dh_groups.begin(), t.phase1.dh_groups.end());
    t.phase1.dh_groups.erase(std::unique(t.phase1.dh_groups.begin(), t.phase1.dh_groups.end()),
                             t.phase1.dh_groups.end());
    return fmt::format("{} = [{}]", aws_key(s, m, "phase1_dh_group_numbers"),
                       fmt::join(t.phase1.dh_groups, ", "));
}
std::string aws_phase2_dh(Scenario& s, const Mutation& m) {
    auto& t = aws_tunnel(s, m);
    t.phase2.dh_groups = {pick(kAwsPhase2Groups, m.a)};
    return fmt::format("{} = [{}]", aws_key(s, m, "phase2_dh_group_numbers"),
                       t.phase2.dh_groups[0]);
}
std::string aws_lifetimes(Scenario& s, const Mutation& m) {
    auto& t = aws_tunnel(s, m);
    constexpr std::array<std::pair<int, int>, 5> kPairs{
        {{28800, 3600}, {3600, 900}, {1800, 900}, {28800, 900}, {7200, 3600}}};
    const auto [p1, p2] = pick(kPairs, m.a);
    t.phase1_lifetime_seconds = p1;
    t.phase2_lifetime_seconds = p2;
    t.rekey_margin_time_seconds = std::min(t.rekey_margin_time_seconds, p2 / 2);
    return fmt::format("{} = {}, phase2_lifetime_seconds = {}",
                       aws_key(s, m, "phase1_lifetime_seconds"), p1, p2);
}
std::string aws_rekey(Scenario& s, const Mutation& m) {
    auto& t = aws_tunnel(s, m);
    t.rekey_margin_time_seconds = 60 + m.a % (t.phase2_lifetime_seconds / 2 - 59);
    t.rekey_fuzz_percentage = m.b % 101;
    return fmt::format("{} = {}, rekey_fuzz_percentage = {}",
                       aws_key(s, m, "rekey_margin_time_seconds"), t.rekey_margin_time_seconds,
                       t.rekey_fuzz_percentage);
}
std::string aws_replay_window(Scenario& s, const Mutation& m) {
    auto& t = aws_tunnel(s, m);
    t.replay_window_size = 64 + m.a % (2048 - 63);
    return fmt::format("{} = {}", aws_key(s, m, "replay_window_size"), t.replay_window_size);
}
std::string aws_dpd(Scenario& s, const Mutation& m) {
    auto& t = aws_tunnel(s, m);
    t.dpd_timeout_seconds = 30 + m.b % 271;
    t.dpd_timeout_action = pick(detail::kDpdActions, m.a).value;
    return fmt::format("{} = {}, dpd_timeout_action = \"{}\"", aws_key(s, m, "dpd_timeout_seconds"),
                       t.dpd_timeout_seconds,
                       detail::name_of(detail::kDpdActions, t.dpd_timeout_action));
}
std::string aws_startup(Scenario& s, const Mutation& m) {
    auto& t = aws_tunnel(s, m);
    t.startup_action = t.startup_action == scenario::StartupAction::Add
                           ? scenario::StartupAction::Start
                           : scenario::StartupAction::Add;
    return fmt::format("{} = \"{}\"", aws_key(s, m, "startup_action"),
                       detail::name_of(detail::kStartupActions, t.startup_action));
}

// ---- the AWS connection ----

std::string aws_local_cidr(Scenario& s, const Mutation& m) {
    const std::array choices{first_lan(s), prefix(10, 0, 0, 0, 8), prefix(192, 168, 0, 0, 16)};
    s.aws.local_ipv4_network_cidr = pick(choices, m.a);
    return fmt::format("aws.local_ipv4_network_cidr = \"{}\"", s.aws.local_ipv4_network_cidr);
}
std::string aws_remote_cidr(Scenario& s, const Mutation& m) {
    const auto vpc = s.aws.vpc_cidr;
    const std::array choices{vpc, Ipv4Prefix{vpc.addr, 24}, prefix(172, 16, 0, 0, 12)};
    s.aws.remote_ipv4_network_cidr = pick(choices, m.a);
    return fmt::format("aws.remote_ipv4_network_cidr = \"{}\"", s.aws.remote_ipv4_network_cidr);
}
std::string aws_routing(Scenario& s, const Mutation&) {
    const bool to_static = s.aws.routing == scenario::Routing::Dynamic;
    s.aws.routing = to_static ? scenario::Routing::Static : scenario::Routing::Dynamic;
    return fmt::format("aws.routing = \"{}\"", to_static ? "static" : "dynamic");
}
std::string aws_static_routes(Scenario& s, const Mutation& m) {
    if (s.aws.routing != scenario::Routing::Static) return "";
    auto& r = s.aws.static_routes;
    switch (m.a % 3) {
        case 0:
            if (!r.empty()) r.pop_back();
            break;
        case 1:
            r.push_back(prefix(10, 99, 0, 0, 16));
            break;
        default:
            if (!r.empty()) r.front().len = 24;
            break;
    }
    return fmt::format("aws.static_routes = {}", cidr_list(r));
}
std::string aws_gateway(Scenario& s, const Mutation&) {
    const bool to_tgw = s.aws.gateway == scenario::GatewayType::Vgw;
    s.aws.gateway = to_tgw ? scenario::GatewayType::Tgw : scenario::GatewayType::Vgw;
    return fmt::format("aws.gateway = \"{}\"", to_tgw ? "tgw" : "vgw");
}
std::string aws_accelerated(Scenario& s, const Mutation&) {
    if (s.aws.gateway != scenario::GatewayType::Tgw) return "";
    s.aws.accelerated = !s.aws.accelerated;
    return fmt::format("aws.accelerated = {}", s.aws.accelerated);
}
std::string aws_ecmp(Scenario& s, const Mutation&) {
    if (s.aws.gateway != scenario::GatewayType::Tgw || s.aws.routing != scenario::Routing::Dynamic)
        return "";
    s.aws.ecmp = !s.aws.ecmp;
    return fmt::format("aws.ecmp = {}", s.aws.ecmp);
}
std::string aws_asn(Scenario& s, const Mutation& m) {
    constexpr std::array<std::uint32_t, 3> kAsns{64513, 65000, 4200000001};
    s.aws.asn = pick(kAsns, m.a);
    return fmt::format("aws.asn = {}", s.aws.asn);
}
std::string aws_customer_gateway_asn(Scenario& s, const Mutation& m) {
    constexpr std::array<std::uint32_t, 2> kAsns{65001, 64512};
    s.aws.customer_gateway_asn = pick(kAsns, m.a);
    return fmt::format("aws.customer_gateway_asn = {}", *s.aws.customer_gateway_asn);
}
std::string aws_vpc_cidr(Scenario& s, const Mutation& m) {
    const std::array choices{prefix(10, 0, 0, 0, 16), prefix(172, 16, 0, 0, 12),
                             prefix(192, 168, 0, 0, 16)};
    s.aws.vpc_cidr = pick(choices, m.a);
    return fmt::format("aws.vpc_cidr = \"{}\"", s.aws.vpc_cidr);
}
std::string aws_change(Scenario& s, const Mutation& m) {
    scenario::Change c;
    c.at = sec(30 + m.b % 120);
    const auto at = std::chrono::duration_cast<std::chrono::seconds>(c.at).count();
    if (m.a % 2 == 0) {
        c.kind = scenario::Change::Kind::ModifyTunnelOptions;
        c.tunnel = static_cast<int>(index(m.tunnel, s.aws.tunnels.size())) + 1;
        s.changes.push_back(c);
        return fmt::format("[[change]] at = \"{}s\", modify-tunnel-options (tunnel {})", at,
                           c.tunnel);
    }
    c.kind = scenario::Change::Kind::ModifyVpnOptions;
    s.changes.push_back(c);
    return fmt::format("[[change]] at = \"{}s\", modify-vpn-options", at);
}

// ---- the path and the traffic ----

std::string path_nat(Scenario& s, const Mutation& m) {
    s.path.nat = pick(detail::kNatModes, m.a + 1).value;
    s.path.nat_public_ip.reset();
    if (s.path.nat != scenario::NatMode::None) {
        s.path.nat_public_ip = Ipv4Addr::from_octets(192, 0, 2, 1);
    }
    return fmt::format("path.nat = \"{}\"", detail::name_of(detail::kNatModes, s.path.nat));
}
std::string path_nat_timeout(Scenario& s, const Mutation& m) {
    s.path.nat_udp_timeout = sec(5 + m.a % 116);
    return fmt::format("path.nat_udp_timeout = \"{}s\"", 5 + m.a % 116);
}
std::string path_block(Scenario& s, const Mutation& m) {
    const auto b = pick(detail::kBlocks, m.a).value;
    if (!s.path.blocks(b)) s.path.block.push_back(b);
    std::vector<std::string> names;
    for (const auto x : s.path.block) {
        names.push_back(fmt::format("\"{}\"", detail::name_of(detail::kBlocks, x)));
    }
    return fmt::format("path.block = [{}]", fmt::join(names, ", "));
}
std::string path_loss(Scenario& s, const Mutation& m) {
    constexpr std::array kLoss{0.05, 0.01, 0.2, 0.5};
    s.path.loss = pick(kLoss, m.a);
    return fmt::format("path.loss = {}", s.path.loss);
}
std::string path_outage(Scenario& s, const Mutation& m) {
    s.path.outage = scenario::Outage{sec(20 + m.a % 130), sec(5 + m.b % 90)};
    return fmt::format("path.outage = {{ start = \"{}s\", duration = \"{}s\" }}", 20 + m.a % 130,
                       5 + m.b % 90);
}
std::string path_delay(Scenario& s, const Mutation& m) {
    constexpr std::array kDelays{100, 1, 300, 600};
    s.path.delay = ms(pick(kDelays, m.a));
    return fmt::format("path.delay = \"{}ms\"", pick(kDelays, m.a));
}
std::string traffic_flow(Scenario& s, const Mutation& m) {
    scenario::Flow f;
    const auto lan = first_lan(s);
    const auto vpc_host = s.aws.vpc_cidr.nth(266);  // x.y.1.10 of a /16
    const auto lan_host = lan.len <= 28 ? lan.nth(10) : lan.first();
    f.from_vpc = m.a % 2 == 0;
    f.from = f.from_vpc ? vpc_host : lan_host;
    f.to = f.from_vpc ? lan_host : vpc_host;
    f.kind = pick(detail::kFlowKinds, m.a / 2).value;
    constexpr std::array kSizes{84, 1400, 1500, 1200};
    f.size = pick(kSizes, m.b);
    f.df = f.kind == scenario::FlowKind::Tcp || m.b % 8 < 4;
    f.start = sec(60);
    f.count = 20;
    s.traffic.push_back(f);
    return fmt::format("[[traffic]] from = \"{}\", to = \"{}\", kind = \"{}\", size = {}, df = {}",
                       f.from, f.to, detail::name_of(detail::kFlowKinds, f.kind), f.size, f.df);
}

// The plainest and most common misconfigurations first: shrinking moves towards kind 0.
constexpr auto kKinds = std::to_array<Kind>({
    {"cgw.psk", cgw_psk, true},
    {"cgw.local_ts", cgw_local_ts, true},
    {"cgw.remote_ts", cgw_remote_ts, true},
    {"cgw.policy-based", cgw_policy_based, true},
    {"cgw.bgp.enabled", bgp_disabled},
    {"cgw.bgp.remote_as", bgp_remote_as},
    {"cgw.bgp.neighbor", bgp_neighbor, true},
    {"cgw.nat_t", cgw_nat_t},
    {"cgw.ike_version", cgw_ike_version, true},
    {"cgw.phase1", cgw_phase1, true},
    {"cgw.phase1_dh", cgw_phase1_dh, true},
    {"cgw.phase2", cgw_phase2, true},
    {"cgw.pfs_group", cgw_pfs_group, true},
    {"cgw.aggressive_mode", cgw_aggressive, true},
    {"cgw.dpd", cgw_dpd, true},
    {"cgw.dpd_action", cgw_dpd_action, true},
    {"cgw.rekey", cgw_rekey, true},
    {"cgw.lifetimes", cgw_lifetimes, true},
    {"cgw.rekey_margin", cgw_rekey_margin, true},
    {"cgw.initiate", cgw_initiate, true},
    {"cgw.inside_ip", cgw_inside_ip, true},
    {"cgw.peer", cgw_peer, true},
    {"cgw.vendor", cgw_vendor},
    {"cgw.mtu", cgw_mtu},
    {"cgw.asymmetric_routing", cgw_asymmetric},
    {"cgw.nat_keepalive", cgw_nat_keepalive},
    {"cgw.networks", cgw_networks},
    {"cgw.static_routes", cgw_static_routes, true},
    {"cgw.asn", cgw_asn},
    {"cgw.event", cgw_event, true},
    {"cgw.bgp.timers", bgp_timers},
    {"cgw.bgp.connect_retry", bgp_connect_retry},
    {"cgw.bgp.md5", bgp_md5},
    {"cgw.bgp.as_path_prepend", bgp_prepend},
    {"cgw.bgp.next_hop", bgp_next_hop},
    {"cgw.bgp.announce", bgp_announce},
    {"cgw.bgp.route_map", bgp_route_map},
    {"cgw.tunnel.preference", tunnel_preference, true},
    {"aws.ike_versions", aws_ike_versions},
    {"aws.phase1", aws_phase1},
    {"aws.phase1_dh", aws_phase1_dh},
    {"aws.phase2", aws_phase2},
    {"aws.phase2_dh", aws_phase2_dh},
    {"aws.lifetimes", aws_lifetimes},
    {"aws.rekey", aws_rekey},
    {"aws.replay_window", aws_replay_window},
    {"aws.dpd", aws_dpd},
    {"aws.startup_action", aws_startup},
    {"aws.network_cidrs.local", aws_local_cidr},
    {"aws.network_cidrs.remote", aws_remote_cidr},
    {"aws.routing", aws_routing},
    {"aws.static_routes", aws_static_routes},
    {"aws.gateway", aws_gateway},
    {"aws.accelerated", aws_accelerated},
    {"aws.ecmp", aws_ecmp},
    {"aws.asn", aws_asn},
    {"aws.customer_gateway_asn", aws_customer_gateway_asn},
    {"aws.vpc_cidr", aws_vpc_cidr},
    {"aws.change", aws_change},
    {"path.nat", path_nat},
    {"path.nat_udp_timeout", path_nat_timeout},
    {"path.block", path_block},
    {"path.loss", path_loss},
    {"path.outage", path_outage},
    {"path.delay", path_delay},
    {"traffic.flow", traffic_flow},
});

const Kind& kind_of(int k) {
    return kKinds[static_cast<std::size_t>(k) % kKinds.size()];
}

// ---- normalize ----

void normalize_aws(scenario::Aws& aws) {
    const bool tgw = aws.gateway == scenario::GatewayType::Tgw;
    const bool dynamic = aws.routing == scenario::Routing::Dynamic;
    if (!tgw) aws.accelerated = false;
    if (!tgw || !dynamic) aws.ecmp = false;
    if (dynamic) aws.static_routes.clear();
    for (auto& t : aws.tunnels) {
        const auto& v = t.ike_versions;
        if (t.startup_action == scenario::StartupAction::Start &&
            std::find(v.begin(), v.end(), 2) == v.end()) {
            t.startup_action = scenario::StartupAction::Add;
        }
    }
}

void normalize_cgw(scenario::Cgw& cgw) {
    for (auto& t : cgw.tunnels) {
        if (t.policy == scenario::TunnelPolicy::PolicyBased) {
            t.local_ts = {Ipv4Prefix::any()};
            t.remote_ts = {Ipv4Prefix::any()};
        } else {
            t.proxy_ids.clear();
        }
        if (t.ike_version != 1) t.aggressive_mode = false;
        if (cgw.bgp.enabled) t.static_routes.clear();
        const int shortest = std::min(t.phase2_lifetime_seconds, t.ike_lifetime_seconds);
        t.rekey_margin_time_seconds = std::min(t.rekey_margin_time_seconds, shortest / 2);
    }
    auto& b = cgw.bgp;
    std::erase_if(b.route_map, [&](const scenario::RouteMapEntry& e) {
        return std::find(b.announce.begin(), b.announce.end(), e.prefix) == b.announce.end();
    });
    if (b.hold_time_seconds >= 3) {
        b.keepalive_seconds = std::min(b.keepalive_seconds, b.hold_time_seconds / 3);
    }
    if (b.min_hold_time_seconds > b.hold_time_seconds) b.min_hold_time_seconds = 0;
    std::stable_sort(cgw.events.begin(), cgw.events.end(),
                     [](const auto& x, const auto& y) { return x.at < y.at; });
    for (auto& e : cgw.events) {
        e.tunnel = std::min(e.tunnel, static_cast<int>(cgw.tunnels.size()));
    }
}

}  // namespace

const std::vector<std::string>& mutation_names() {
    static const std::vector<std::string> names = [] {
        std::vector<std::string> out;
        for (const auto& k : kKinds) out.emplace_back(k.name);
        return out;
    }();
    return names;
}

std::string apply(Scenario& s, const Mutation& m) {
    const auto& k = kind_of(m.kind);
    if (k.per_cgw_tunnel && s.cgw.tunnels.empty()) return "";
    return k.apply(s, m);
}

std::string_view name(const Mutation& m) {
    return kind_of(m.kind).name;
}

void normalize(Scenario& s) {
    normalize_aws(s.aws);
    normalize_cgw(s.cgw);
    std::stable_sort(s.changes.begin(), s.changes.end(),
                     [](const auto& x, const auto& y) { return x.at < y.at; });
    for (auto& c : s.changes) c.tunnel = std::min(c.tunnel, static_cast<int>(s.aws.tunnels.size()));
    // A static NAT's mapping never expires; only a NAT has a public address.
    if (s.path.nat != scenario::NatMode::Pat)
        s.path.nat_udp_timeout = scenario::Path{}.nat_udp_timeout;
    if (s.path.nat == scenario::NatMode::None) s.path.nat_public_ip.reset();
    std::erase_if(s.traffic, [&](scenario::Flow& f) {
        const bool from = s.aws.vpc_cidr.contains(f.from);
        const bool to = s.aws.vpc_cidr.contains(f.to);
        f.from_vpc = from;
        return from == to;
    });
}

}  // namespace vpnsim::explore
