#include "sim/fix/catalogue.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "models/common/hash.hpp"
#include "sim/fix/fix_detail.hpp"
#include "sim/run/configure.hpp"

namespace vpnsim::fix {

const scenario::AwsTunnel* detail::aws_for(const scenario::Scenario& s, net::Ipv4Addr peer) {
    for (const auto& t : s.aws.tunnels) {
        if (t.outside_ip == peer) return &t;
    }
    return nullptr;
}

namespace {

using scenario::Scenario;
const net::Ipv4Prefix kAny = net::Ipv4Prefix::any();
const std::vector<net::Ipv4Prefix> kAnyList{kAny};

using detail::aws_for;
using namespace detail;  // the BGP fixes (bgp_fixes.cpp)

template <typename T>
bool intersects(const std::vector<T>& a, const std::vector<T>& b) {
    return std::any_of(a.begin(), a.end(),
                       [&](const T& x) { return std::find(b.begin(), b.end(), x) != b.end(); });
}

bool proposals_disjoint(const scenario::ProposalLists& cgw, const scenario::ProposalLists& aws,
                        bool dh) {
    return !intersects(cgw.encryption, aws.encryption) ||
           !intersects(cgw.integrity, aws.integrity) ||
           (dh && !intersects(cgw.dh_groups, aws.dh_groups));
}

// ---------------------------------------------------------------- AWS side

// Recreating the connection is the only way to change its routing option. AWS assigns a new
// pair of outside IPs; the inside CIDRs and pre-shared keys may be kept (seed article). A
// complete static design: AWS routes the CGW's LANs (its networks and what it announced)
// statically -- offered only when there are some, within a virtual private gateway's quota of
// static routes -- and the CGW drops BGP for static routes to the VPC over its tunnels (a CGW
// without BGP routes the VPC CIDR into every tunnel whose IPsec SA is up).
bool recreate_ok(const Scenario& s) {
    const auto lans = s.cgw.lans().size();
    return s.aws.routing == scenario::Routing::Dynamic && lans > 0 &&
           (s.aws.gateway != scenario::GatewayType::Vgw || lans <= scenario::kMaxVgwStaticRoutes);
}
void recreate_static(Scenario& s) {
    s.aws.routing = scenario::Routing::Static;
    s.aws.static_routes = s.cgw.lans();
    s.aws.ecmp = false;  // a BGP-only option
    s.cgw.bgp.enabled = false;
    s.aws.vpn_id = fmt::format("vpn-{:017x}", stable_hash(s.aws.vpn_id + "/recreated"));
    for (auto& t : s.aws.tunnels) {
        const auto v = t.outside_ip.value;
        t.outside_ip = net::Ipv4Addr{(v & 0xffffff00U) | (((v & 0xffU) + 100U) % 256U)};
    }
}

// A static VPN routes to the CGW only the prefixes in its static routes (CreateVpnConnection-
// Route); a LAN without one gets AWS's no-route drop. Offered within a VGW's quota.
std::vector<net::Ipv4Prefix> lans_without_static_route(const Scenario& s) {
    std::vector<net::Ipv4Prefix> out;
    if (s.aws.routing != scenario::Routing::Static) return out;
    for (const auto& lan : s.cgw.lans()) {
        const bool routed = std::any_of(s.aws.static_routes.begin(), s.aws.static_routes.end(),
                                        [&](const net::Ipv4Prefix& r) { return r.contains(lan); });
        if (!routed) out.push_back(lan);
    }
    return out;
}
bool static_route_missing(const Scenario& s) {
    const auto missing = lans_without_static_route(s).size();
    return missing > 0 && (s.aws.gateway != scenario::GatewayType::Vgw ||
                           s.aws.static_routes.size() + missing <= scenario::kMaxVgwStaticRoutes);
}
void add_static_routes(Scenario& s) {
    for (const auto& lan : lans_without_static_route(s)) s.aws.static_routes.push_back(lan);
}

bool cidrs_narrow(const Scenario& s) {
    return s.aws.local_ipv4_network_cidr != kAny || s.aws.remote_ipv4_network_cidr != kAny;
}
void cidrs_any(Scenario& s) {
    s.aws.local_ipv4_network_cidr = kAny;
    s.aws.remote_ipv4_network_cidr = kAny;
}

bool some_add(const Scenario& s) {
    return std::any_of(s.aws.tunnels.begin(), s.aws.tunnels.end(), [](const auto& t) {
        return t.startup_action == scenario::StartupAction::Add &&
               std::find(t.ike_versions.begin(), t.ike_versions.end(), 2) != t.ike_versions.end();
    });
}
void startup_start(Scenario& s) {
    for (auto& t : s.aws.tunnels) t.startup_action = scenario::StartupAction::Start;
}

// ---------------------------------------------------------------- path

template <scenario::Block B>
bool blocked(const Scenario& s) {
    return s.path.blocks(B);
}
template <scenario::Block B>
void unblock(Scenario& s) {
    std::erase(s.path.block, B);
}

// A PAT forgetting idle mappings sooner than RFC 4787 REQ-5's two minutes (120 s, also Linux
// conntrack's udp stream timeout and the scenario default).
constexpr SimTime kRfc4787UdpTimeout = sec(120);
bool nat_timeout_short(const Scenario& s) {
    return s.path.nat == scenario::NatMode::Pat && s.path.nat_udp_timeout < kRfc4787UdpTimeout;
}
void nat_timeout_raise(Scenario& s) {
    s.path.nat_udp_timeout = kRfc4787UdpTimeout;
}

// ---------------------------------------------------------------- customer gateway

// A CGW tunnel points at no AWS outside IP (mistyped, or the VPN was recreated), or as many
// CGW tunnels as AWS ones leave an AWS tunnel unserved (two point at the same IP).
bool peers_unmatched(const Scenario& s) {
    const auto& cgw = s.cgw.tunnels;
    const bool unknown = std::any_of(cgw.begin(), cgw.end(),
                                     [&](const auto& t) { return aws_for(s, t.peer) == nullptr; });
    const bool unserved =
        cgw.size() >= s.aws.tunnels.size() &&
        std::any_of(s.aws.tunnels.begin(), s.aws.tunnels.end(), [&](const auto& a) {
            return std::none_of(cgw.begin(), cgw.end(),
                                [&](const auto& t) { return t.peer == a.outside_ip; });
        });
    return unknown || unserved;
}
// Points the CGW's tunnels, in order, at the AWS tunnels' outside IPs.
void repoint(Scenario& s) {
    for (std::size_t i = 0; i < s.cgw.tunnels.size() && i < s.aws.tunnels.size(); ++i) {
        s.cgw.tunnels[i].peer = s.aws.tunnels[i].outside_ip;
    }
}

// AWS tunnels no CGW tunnel points at, when the CGW has fewer tunnels than AWS (else the
// peers are mistyped, and re-pointing them is the fix).
std::vector<const scenario::AwsTunnel*> tunnels_without_cgw(const Scenario& s) {
    std::vector<const scenario::AwsTunnel*> out;
    if (s.cgw.tunnels.empty() || s.cgw.tunnels.size() >= s.aws.tunnels.size()) return out;
    for (const auto& t : s.aws.tunnels) {
        const bool served = std::any_of(s.cgw.tunnels.begin(), s.cgw.tunnels.end(),
                                        [&](const auto& c) { return c.peer == t.outside_ip; });
        if (!served) out.push_back(&t);
    }
    return out;
}
bool tunnel_missing(const Scenario& s) {
    return !tunnels_without_cgw(s).empty();
}
// Configures the missing tunnel as AWS's configuration file describes it: the CGW's first
// tunnel as the template, with that AWS tunnel's outside IP, key and inside /30 (selectors
// naming the template's inside /30 name the new one's).
void add_missing_tunnels(Scenario& s) {
    const auto missing = tunnels_without_cgw(s);
    const auto& model = s.cgw.tunnels.front();
    const auto* model_aws = aws_for(s, model.peer);
    std::vector<scenario::CgwTunnel> added;
    for (const auto* aws : missing) {
        auto t = model;
        t.peer = aws->outside_ip;
        t.psk = aws->psk;
        t.inside_ip.reset();
        t.bgp_neighbor.reset();
        const auto renumber = [&](net::Ipv4Prefix& p) {
            if (model_aws != nullptr && p == model_aws->inside_cidr) p = aws->inside_cidr;
        };
        for (auto& p : t.local_ts) renumber(p);
        for (auto& p : t.remote_ts) renumber(p);
        for (auto& id : t.proxy_ids) {
            renumber(id.local);
            renumber(id.remote);
        }
        added.push_back(std::move(t));
    }
    s.cgw.tunnels.insert(s.cgw.tunnels.end(), added.begin(), added.end());
}

bool bgp_off(const Scenario& s) {
    return s.aws.routing == scenario::Routing::Dynamic && !s.cgw.bgp.enabled;
}
// A BGP CGW learns the VPC CIDR from AWS: static routes of its own go.
void bgp_on(Scenario& s) {
    s.cgw.bgp.enabled = true;
    s.cgw.bgp.remote_as = s.aws.asn;
    for (auto& t : s.cgw.tunnels) t.static_routes.clear();
}

const std::vector<scenario::ProxyId> kAnyPair{{kAny, kAny}};

bool proxy_ids_narrow(const Scenario& s) {
    return std::any_of(s.cgw.tunnels.begin(), s.cgw.tunnels.end(), [](const auto& t) {
        if (t.policy == scenario::TunnelPolicy::PolicyBased) return t.proxy_ids != kAnyPair;
        return t.local_ts != kAnyList || t.remote_ts != kAnyList;
    });
}
// A policy-based device keeps its kind with a single 0.0.0.0/0 <=> 0.0.0.0/0 pair.
void proxy_ids_any(Scenario& s) {
    for (auto& t : s.cgw.tunnels) {
        t.local_ts = t.remote_ts = kAnyList;
        if (t.policy == scenario::TunnelPolicy::PolicyBased) t.proxy_ids = kAnyPair;
    }
}

// A static CGW with routes of its own, some tunnel without one covering the VPC CIDR.
bool cgw_vpc_route_missing(const Scenario& s) {
    return s.cgw.has_static_routes() &&
           std::any_of(s.cgw.tunnels.begin(), s.cgw.tunnels.end(), [&](const auto& t) {
               return std::none_of(t.static_routes.begin(), t.static_routes.end(),
                                   [&](const auto& r) { return r.contains(s.aws.vpc_cidr); });
           });
}
// Routes the VPC CIDR into every tunnel, beside the routes there are.
void add_cgw_vpc_route(Scenario& s) {
    for (auto& t : s.cgw.tunnels) {
        if (std::none_of(t.static_routes.begin(), t.static_routes.end(),
                         [&](const auto& r) { return r.contains(s.aws.vpc_cidr); })) {
            t.static_routes.push_back(s.aws.vpc_cidr);
        }
    }
}

// AWS's configuration files clamp the MSS to 1379 (aws-facts "AWS's downloadable CGW
// configurations"): segments of 1419 bytes, within every algorithm set's maximum but SHA2-512
// with NAT-T's.
constexpr int kTemplateMss = 1379;
bool mss_unclamped(const Scenario& s) {
    return s.cgw.mss_clamp == 0 || s.cgw.mss_clamp > kTemplateMss;
}
void clamp_mss(Scenario& s) {
    s.cgw.mss_clamp = kTemplateMss;
}

bool nat_t_off(const Scenario& s) {
    return !s.cgw.nat_t;
}
void nat_t_on(Scenario& s) {
    s.cgw.nat_t = true;
}

// RFC 3948 §2.3: keepalives keep a PAT's mapping only when sent more often than it expires.
// (A timeout under 2 s leaves no whole-second interval that is shorter.)
bool keepalive_ineffective(const Scenario& s) {
    const auto timeout = s.path.nat_udp_timeout;
    const int k = s.cgw.nat_keepalive_seconds;
    return s.path.nat == scenario::NatMode::Pat && s.cgw.nat_t && timeout >= sec(2) &&
           (k == 0 || sec(k) >= timeout);
}
// strongSwan's keep_alive default of 20 s, or half the NAT's UDP timeout when that is shorter.
void keepalive_on(Scenario& s) {
    const auto half = std::chrono::duration_cast<std::chrono::seconds>(s.path.nat_udp_timeout) / 2;
    s.cgw.nat_keepalive_seconds = static_cast<int>(std::clamp<std::int64_t>(half.count(), 1, 20));
}

// The AWS tunnel a [[cgw.event]] set-psk changes the key for, if any.
const scenario::AwsTunnel* aws_for_event(const Scenario& s, const scenario::CgwEvent& e) {
    if (e.kind != scenario::CgwEvent::Kind::SetPsk) return nullptr;
    const auto index = static_cast<std::size_t>(e.tunnel - 1);
    return index < s.cgw.tunnels.size() ? aws_for(s, s.cgw.tunnels[index].peer) : nullptr;
}
// A CGW key that differs from its tunnel's, configured or set later by an event.
bool psk_differs(const Scenario& s) {
    const auto& events = s.cgw.events;
    return std::any_of(s.cgw.tunnels.begin(), s.cgw.tunnels.end(),
                       [&](const auto& t) {
                           const auto* a = aws_for(s, t.peer);
                           return a != nullptr && a->psk != t.psk;
                       }) ||
           std::any_of(events.begin(), events.end(), [&](const auto& e) {
               const auto* a = aws_for_event(s, e);
               return a != nullptr && a->psk != e.psk;
           });
}
void psk_match(Scenario& s) {
    for (auto& t : s.cgw.tunnels) {
        if (const auto* a = aws_for(s, t.peer)) t.psk = a->psk;
    }
    for (auto& e : s.cgw.events) {
        if (const auto* a = aws_for_event(s, e)) e.psk = a->psk;
    }
}

bool proposals_off(const Scenario& s) {
    return std::any_of(s.cgw.tunnels.begin(), s.cgw.tunnels.end(), [&](const auto& t) {
        const auto* a = aws_for(s, t.peer);
        // Phase 2 DH groups count too: a rekey's CREATE_CHILD_SA negotiates PFS.
        return a != nullptr && (proposals_disjoint(t.phase1, a->phase1, true) ||
                                proposals_disjoint(t.phase2, a->phase2, true));
    });
}
// Propose exactly what the tunnel options allow (AWS picks in its own order).
void proposals_match(Scenario& s) {
    for (auto& t : s.cgw.tunnels) {
        if (const auto* a = aws_for(s, t.peer)) {
            t.phase1 = a->phase1;
            t.phase2 = a->phase2;
        }
    }
}

bool version_refused(const Scenario& s) {
    return std::any_of(s.cgw.tunnels.begin(), s.cgw.tunnels.end(), [&](const auto& t) {
        const auto* a = aws_for(s, t.peer);
        return a != nullptr && std::find(a->ike_versions.begin(), a->ike_versions.end(),
                                         t.ike_version) == a->ike_versions.end();
    });
}
// The CGW speaks the newest version its tunnel allows.
void version_match(Scenario& s) {
    for (auto& t : s.cgw.tunnels) {
        if (const auto* a = aws_for(s, t.peer); a != nullptr && !a->ike_versions.empty()) {
            t.ike_version = *std::max_element(a->ike_versions.begin(), a->ike_versions.end());
            // Aggressive mode is an IKEv1 exchange: an IKEv2 peer has no such setting.
            if (t.ike_version != 1) t.aggressive_mode = false;
        }
    }
}

bool aws_versions_narrow(const Scenario& s) {
    return std::any_of(s.aws.tunnels.begin(), s.aws.tunnels.end(),
                       [](const auto& t) { return t.ike_versions.size() < 2; });
}
void aws_versions_both(Scenario& s) {
    for (auto& t : s.aws.tunnels) t.ike_versions = {1, 2};
}

bool aggressive(const Scenario& s) {
    return std::any_of(s.cgw.tunnels.begin(), s.cgw.tunnels.end(),
                       [](const auto& t) { return t.aggressive_mode; });
}
void main_mode(Scenario& s) {
    for (auto& t : s.cgw.tunnels) t.aggressive_mode = false;
}

// A margin of 0 s puts the rekey at the hard lifetime: the SA expires instead (as rekey = no).
bool rekey_off(const Scenario& s) {
    return std::any_of(s.cgw.tunnels.begin(), s.cgw.tunnels.end(),
                       [](const auto& t) { return !t.rekey || t.rekey_margin_time_seconds == 0; });
}
// AWS's template margin (9 min), within half of either lifetime as a CGW requires.
void rekey_on(Scenario& s) {
    constexpr int kTemplateMargin = 540;
    for (auto& t : s.cgw.tunnels) {
        t.rekey = true;
        if (t.rekey_margin_time_seconds == 0) {
            t.rekey_margin_time_seconds = std::min(
                kTemplateMargin, std::min(t.phase2_lifetime_seconds, t.ike_lifetime_seconds) / 2);
        }
    }
}

bool cgw_dpd_off(const Scenario& s) {
    return std::any_of(s.cgw.tunnels.begin(), s.cgw.tunnels.end(),
                       [](const auto& t) { return t.dpd_action == scenario::DpdAction::None; });
}
void cgw_dpd_on(Scenario& s) {
    for (auto& t : s.cgw.tunnels) t.dpd_action = scenario::DpdAction::Restart;
}

bool aws_dpd_not_restart(const Scenario& s) {
    return std::any_of(s.aws.tunnels.begin(), s.aws.tunnels.end(), [](const auto& t) {
        return t.dpd_timeout_action != scenario::DpdAction::Restart;
    });
}
void aws_dpd_restart(Scenario& s) {
    for (auto& t : s.aws.tunnels) t.dpd_timeout_action = scenario::DpdAction::Restart;
}

// Only responds, or initiates later than a template's CGW (a second after it starts).
bool respond_only(const Scenario& s) {
    const auto prompt = scenario::CgwTunnel{}.initiate_after;
    return std::any_of(s.cgw.tunnels.begin(), s.cgw.tunnels.end(), [&](const auto& t) {
        return !t.initiate || t.initiate_after > prompt;
    });
}
void initiate(Scenario& s) {
    for (auto& t : s.cgw.tunnels) {
        t.initiate = true;
        t.initiate_after = std::min(t.initiate_after, scenario::CgwTunnel{}.initiate_after);
    }
}

// AWS: "asymmetric routing must be allowed on the CGW" (aws-facts.md "Tunnel choice"): AWS
// may answer on the other tunnel, whatever the CGW prefers.
bool asymmetric_dropped(const Scenario& s) {
    return s.cgw.asymmetric_routing == scenario::AsymmetricRouting::Drop;
}
void asymmetric_allow(Scenario& s) {
    s.cgw.asymmetric_routing = scenario::AsymmetricRouting::Allow;
}

using scenario::Block;
using enum CostClass;

}  // namespace

std::string_view to_string(CostClass c) {
    switch (c) {
        case CgwConfig:
            return "change CGW config";
        case AddVpnRoute:
            return "add an AWS static route";
        case OpenFirewall:
            return "open a firewall";
        case ModifyTunnelOptions:
            return "modify AWS tunnel options";
        case ModifyVpnOptions:
            return "modify VPN connection options";
        case RecreateVpn:
            return "recreate the VPN connection";
    }
    return "?";
}

int weight(CostClass c) {
    switch (c) {
        case CostClass::CgwConfig:
            return 1;
        case CostClass::AddVpnRoute:
        case CostClass::OpenFirewall:
            return 2;
        case CostClass::ModifyTunnelOptions:
            return 3;
        case CostClass::ModifyVpnOptions:
            return 4;
        case CostClass::RecreateVpn:
            return 8;
    }
    return 8;
}

const std::vector<Fix>& catalogue() {
    // clang-format off
    static const std::vector<Fix> kFixes{
        {"aws.recreate-vpn-static",  "Recreate the VPN with static routing (AWS static routes for the CGW's LANs; the CGW on static routes, no BGP)", RecreateVpn, "both tunnels replaced; new outside IPs; the CGW must be re-pointed", recreate_ok,      recreate_static},
        {"aws.add-static-route",     "Add a static route to the VPN connection for each CGW LAN without one", AddVpnRoute, "none", static_route_missing, add_static_routes},
        {"aws.network-cidrs-any",    "Set local/remote IPv4 network CIDR to 0.0.0.0/0",            ModifyVpnOptions,    "both tunnels go down briefly",                                      cidrs_narrow,     cidrs_any},
        {"aws.startup-action-start", "Set startup action to start (AWS initiates)",                ModifyTunnelOptions, "each tunnel's endpoint is replaced",                                some_add,         startup_start},
        {"aws.dpd-action-restart",   "Set the DPD timeout action to restart (AWS re-initiates)",   ModifyTunnelOptions, "each tunnel's endpoint is replaced",                                aws_dpd_not_restart, aws_dpd_restart},
        {"aws.ike-versions-both",    "Allow both ikev1 and ikev2 in the tunnel options",           ModifyTunnelOptions, "each tunnel's endpoint is replaced",                                aws_versions_narrow, aws_versions_both},
        {"firewall.allow-udp-500",   "Allow UDP 500 (IKE) through the CGW-side firewall",          OpenFirewall,        "none",                                                              blocked<Block::Udp500>,  unblock<Block::Udp500>},
        {"firewall.allow-udp-4500",  "Allow UDP 4500 (NAT-T) through the CGW-side firewall",       OpenFirewall,        "none",                                                              blocked<Block::Udp4500>, unblock<Block::Udp4500>},
        {"firewall.allow-esp",       "Allow IP protocol 50 (ESP) through the CGW-side firewall",   OpenFirewall,        "none",                                                              blocked<Block::Esp>,     unblock<Block::Esp>},
        {"firewall.allow-bgp",       "Allow tcp/179 on the CGW's tunnel interfaces",               OpenFirewall,        "none",                                                              blocked<Block::Tcp179>,  unblock<Block::Tcp179>},
        {"nat.raise-udp-timeout",    "Raise the PAT's UDP idle timeout to 120 s (RFC 4787 REQ-5)", OpenFirewall,        "none",                                                              nat_timeout_short, nat_timeout_raise},
        {"cgw.repoint-peers",        "Point the CGW's tunnels at the AWS outside IPs",             CgwConfig,           "CGW tunnels renegotiate",                                           peers_unmatched,  repoint},
        {"cgw.add-missing-tunnel",   "Configure the CGW's missing tunnel (as in AWS's configuration file)", CgwConfig, "none (the new tunnel comes up beside the working one)", tunnel_missing, add_missing_tunnels},
        {"cgw.enable-bgp",           "Configure BGP on the CGW (neighbor = AWS inside .1)",        CgwConfig,           "none",                                                              bgp_off,          bgp_on},
        {"cgw.static-route-vpc",     "Route the VPC CIDR into each CGW tunnel (static routes)",    CgwConfig,           "none (routes added)",                                               cgw_vpc_route_missing, add_cgw_vpc_route},
        {"cgw.clamp-mss",            "Clamp TCP's MSS to 1379 on the CGW's tunnel interfaces",     CgwConfig,           "none",                                                              mss_unclamped, clamp_mss},
        {"cgw.proxy-ids-any",        "Set the CGW's proxy IDs to 0.0.0.0/0 <=> 0.0.0.0/0",         CgwConfig,           "CGW tunnels renegotiate",                                           proxy_ids_narrow, proxy_ids_any},
        {"cgw.enable-nat-t",         "Enable NAT-T on the CGW",                                    CgwConfig,           "CGW tunnels renegotiate",                                           nat_t_off,        nat_t_on},
        {"cgw.nat-keepalive",        "Send NAT keepalives more often than the PAT's UDP timeout",  CgwConfig,           "none",                                                              keepalive_ineffective, keepalive_on},
        {"cgw.psk-match-aws",        "Set the CGW's pre-shared keys to the tunnels' keys",         CgwConfig,           "CGW tunnels renegotiate",                                           psk_differs,      psk_match},
        {"cgw.proposals-match-aws",  "Propose the algorithms the tunnel options allow",            CgwConfig,           "CGW tunnels renegotiate",                                           proposals_off,    proposals_match},
        {"cgw.ike-version-match-aws","Use an IKE version the tunnel options allow",                CgwConfig,           "CGW tunnels renegotiate",                                           version_refused,  version_match},
        {"cgw.ikev1-main-mode",      "Use IKEv1 main mode, not aggressive mode",                   CgwConfig,           "CGW tunnels renegotiate",                                           aggressive,       main_mode},
        {"cgw.enable-rekey",         "Let the CGW initiate rekeys (IKE SA and CHILD_SA)",          CgwConfig,           "none",                                                              rekey_off,        rekey_on},
        {"cgw.enable-dpd",           "Enable DPD on the CGW (10 s, 3 retries, restart)",            CgwConfig,           "none",                                                              cgw_dpd_off,      cgw_dpd_on},
        {"cgw.initiate",             "Let the CGW initiate IKE as it starts",                      CgwConfig,           "none",                                                              respond_only,     initiate},
        {"cgw.remote-as-amazon-asn", "Set the CGW's neighbor remote-as to the Amazon-side ASN",    CgwConfig,           "BGP session resets",                                                remote_as_wrong,  remote_as_fix},
        {"cgw.asn-match-aws-record", "Run the CGW with the ASN of its AWS customer gateway",       CgwConfig,           "BGP session resets",                                                asn_differs,      asn_match},
        {"cgw.bgp-neighbor-inside",  "Set the CGW's BGP neighbor to AWS's inside address",         CgwConfig,           "BGP session resets",                                                neighbor_wrong,   neighbor_fix},
        {"cgw.inside-ip-aws",        "Set the CGW's tunnel interfaces to AWS's inside addresses (.2/30)", CgwConfig,  "BGP session resets",                                                inside_ip_differs, inside_ip_aws},
        {"cgw.announce-networks",    "Announce every on-premises network over BGP",                CgwConfig,           "BGP routes re-advertised",                                          networks_unannounced, announce_networks},
        {"cgw.remove-md5",           "Remove the TCP MD5 password on the CGW",                     CgwConfig,           "BGP session resets",                                                md5_set,          md5_clear},
        {"cgw.remove-as-path-prepend","Stop prepending the Amazon-side ASN",                       CgwConfig,           "BGP routes re-advertised",                                          prepends,         prepend_clear},
        {"cgw.bgp-min-hold-time",    "Remove the CGW's minimum acceptable hold time (AWS: 30 s)",  CgwConfig,           "BGP session resets",                                                min_hold_above_aws, min_hold_remove},
        {"cgw.bgp-hold-time-30",     "Set the CGW's BGP hold time to 30 s, keepalive 10 s (AWS's template)", CgwConfig, "BGP session resets",                               hold_invalid,     hold_aws_template},
        {"cgw.bgp-next-hop-self",    "Announce routes with next-hop-self (the CGW's inside address)", CgwConfig,        "BGP routes re-advertised",                                          next_hop_rewritten, next_hop_self},
        {"cgw.allow-asymmetric",     "Allow asymmetric routing across the tunnels on the CGW",     CgwConfig,           "none",                                                              asymmetric_dropped, asymmetric_allow},
        {"cgw.summarise-prefixes",   "Summarise the advertised prefixes under the limit",          CgwConfig,           "BGP routes re-advertised",                                          too_many,         summarise_announce},
    };
    // clang-format on
    return kFixes;
}

std::string codes(const std::vector<std::size_t>& fixes) {
    std::string out;
    for (const auto i : fixes) {
        if (!out.empty()) out += " + ";
        out += catalogue().at(i).code;
    }
    return out.empty() ? "(no change)" : out;
}

std::vector<net::Ipv4Prefix> summarise(std::vector<net::Ipv4Prefix> prefixes) {
    bool changed = true;
    while (changed) {
        changed = false;
        std::sort(prefixes.begin(), prefixes.end(), [](const auto& a, const auto& b) {
            return a.addr != b.addr ? a.addr < b.addr : a.len < b.len;
        });
        std::vector<net::Ipv4Prefix> out;
        for (const auto& p : prefixes) {
            if (!out.empty() && out.back().contains(p)) {
                changed = changed || out.back() != p;
                continue;  // covered (or a duplicate)
            }
            // Two siblings of the same length make their parent.
            if (!out.empty() && out.back().len == p.len && p.len > 0) {
                const net::Ipv4Prefix parent{out.back().addr, static_cast<std::uint8_t>(p.len - 1)};
                if (parent.first() == out.back().addr && parent.contains(p)) {
                    out.back() = net::Ipv4Prefix{parent.first(), parent.len};
                    changed = true;
                    continue;
                }
            }
            out.push_back(p);
        }
        prefixes = std::move(out);
    }
    return prefixes;
}

}  // namespace vpnsim::fix
