#include "sim/run/configure.hpp"

#include <array>
#include <charconv>
#include <string>

#include "models/common/hash.hpp"

namespace vpnsim::run {
namespace {

using scenario::ProposalLists;

// stable_hash() of the address as it prints ("203.0.113.10"), carried on from h: the hash
// runs byte by byte, so it is fed one octet's digits and one dot at a time, with no string.
std::uint64_t hash_address(net::Ipv4Addr a, std::uint64_t h = stable_hash("")) {
    for (int shift = 24; shift >= 0; shift -= 8) {
        std::array<char, 3> digits{};
        const auto end =
            std::to_chars(digits.data(), digits.data() + digits.size(), (a.value >> shift) & 0xffU)
                .ptr;
        h = stable_hash(std::string_view(digits.data(), end), h);
        if (shift != 0) h = stable_hash(".", h);
    }
    return h;
}

ike::Proposal to_proposal(const ProposalLists& p) {
    ike::Proposal out{p.encryption, p.integrity, {}};
    out.dh.reserve(p.dh_groups.size());
    for (const int g : p.dh_groups) out.dh.push_back(static_cast<std::uint16_t>(g));
    return out;
}

DpdAction to_dpd_action(scenario::DpdAction a) {
    switch (a) {
        case scenario::DpdAction::Clear:
            return DpdAction::Clear;
        case scenario::DpdAction::None:
            return DpdAction::None;
        case scenario::DpdAction::Restart:
            return DpdAction::Restart;
    }
    return DpdAction::Clear;
}

const scenario::AwsTunnel* aws_tunnel_for(const scenario::Scenario& s, net::Ipv4Addr peer) {
    for (const auto& t : s.aws.tunnels) {
        if (t.outside_ip == peer) return &t;
    }
    return nullptr;
}

// AWS's eBGP session over the tunnel: hold 30 s, keepalive 10 s (aws-facts.md).
SpeakerConfig aws_bgp(const scenario::Scenario& s, const scenario::AwsTunnel& t) {
    SpeakerConfig c;
    c.bgp.local_as = s.aws.asn;
    c.bgp.peer_as = s.aws.customer_gateway_asn.value_or(s.cgw.asn);
    c.bgp.bgp_id = t.inside_cidr.nth(1);  // AWS identifies itself by its inside address
    c.bgp.hold_time_s = kAwsBgpHoldSeconds;
    c.bgp.keepalive_s = kAwsBgpKeepaliveSeconds;
    c.bgp.connect_retry_s = 30;
    c.bgp.max_prefixes = s.aws.gateway == scenario::GatewayType::Vgw ? 100 : 1000;
    c.bgp.deny_own_as = true;
    c.bgp.connected_net = t.inside_cidr;  // a route's next hop must be on the tunnel's /30
    c.bgp.next_hop = t.inside_cidr.nth(1);
    // AWS's speaker advertises the VPC CIDR (a VGW: the attached VPC's; a TGW: its propagated
    // routes, here the same CIDR): the CGW's route to the VPC comes from it (aws-facts
    // "Real-stack behaviour").
    c.bgp.announce = {s.aws.vpc_cidr};
    c.local_addr = t.inside_cidr.nth(1);
    c.peer_addr = t.inside_cidr.nth(2);
    c.peer_bgp_id = s.cgw.outside_ip;
    c.isn_seed = mix(s.seed, hash_address(t.outside_ip));
    c.listen = true;
    return c;
}

SpeakerConfig cgw_bgp(const scenario::Scenario& s, const scenario::CgwTunnel& t,
                      net::Ipv4Addr local, net::Ipv4Addr neighbor) {
    const auto peer_outside = t.peer;
    const auto& b = s.cgw.bgp;
    SpeakerConfig c;
    c.bgp.local_as = s.cgw.asn;
    c.bgp.peer_as = b.remote_as;
    c.bgp.bgp_id = s.cgw.outside_ip;
    c.bgp.hold_time_s = static_cast<std::uint16_t>(b.hold_time_seconds);
    c.bgp.min_hold_time_s = static_cast<std::uint16_t>(b.min_hold_time_seconds);
    c.bgp.keepalive_s = static_cast<std::uint16_t>(b.keepalive_seconds);
    c.bgp.connect_retry_s = static_cast<std::uint16_t>(b.connect_retry_seconds);
    c.bgp.announce = b.announce;
    // A per-tunnel route-map (MED, AS_PATH prepend) overrides the neighbor-wide setting.
    c.bgp.as_path_prepend = t.as_path_prepend.value_or(b.as_path_prepend);
    c.bgp.med = t.med;
    for (const auto& e : b.route_map) {
        c.bgp.prefix_attrs.push_back({e.prefix, e.as_path_prepend, e.med, e.communities});
    }
    c.bgp.next_hop = b.next_hop.value_or(local);  // default: next-hop-self
    if (!b.md5_password.empty()) c.md5 = stable_hash(b.md5_password);
    c.local_addr = local;
    c.peer_addr = neighbor;
    c.peer_bgp_id = neighbor;  // AWS's BGP identifier is its inside address
    c.isn_seed = mix(s.seed, hash_address(peer_outside, stable_hash("cgw-")));
    c.listen = true;
    return c;
}

}  // namespace

net::Ipv4Addr cgw_public_ip(const scenario::Scenario& s) {
    if (s.path.nat == scenario::NatMode::None) return s.cgw.outside_ip;
    return s.path.nat_public_ip.value_or(net::Ipv4Addr::from_octets(192, 0, 2, 1));
}

namespace {

// The endpoint as the options in `s` configure it (changes aside).
TunnelEndConfig aws_endpoint(const scenario::Scenario& s, std::size_t index) {
    const auto& t = s.aws.tunnels.at(index);
    TunnelEndConfig c;
    c.name = "aws-t" + std::to_string(index + 1);
    const bool start = t.startup_action == scenario::StartupAction::Start;
    c.ike.role = start ? ike::Role::Initiator : ike::Role::Responder;
    c.ike.local_id = t.outside_ip;
    c.ike.psk = t.psk;
    // Route-based: a single SA pair per tunnel; a CGW's further pair replaces the installed
    // one (aws-facts.md "The CGW side AWS expects").
    c.ike.one_child_pair = true;
    // AWS answers only the IKE versions enabled on the tunnel; it initiates with IKEv2 only.
    c.accepted_versions = t.ike_versions;
    c.ike_version = 2;
    c.ike.ike = to_proposal(t.phase1);
    c.ike.esp = to_proposal(t.phase2);
    // AWS's policy: its own side is the remote IPv4 network CIDR, the customer side local.
    c.ike.local_ts = ipsec::from_prefixes({s.aws.remote_ipv4_network_cidr});
    c.ike.remote_ts = ipsec::from_prefixes({s.aws.local_ipv4_network_cidr});
    c.ike.nat_t = true;
    c.outside = t.outside_ip;
    c.peer = cgw_public_ip(s);
    if (start) {
        c.initiate_after = sec(1);
        c.retry_after = kCgwRetryAfter;
    }
    c.yield_on_collision = true;  // whenever AWS initiates (start, DPD restart) it yields
    // DPD: a check after 10 s of silence, the peer dead after DpdTimeoutSeconds; with the
    // action "none" AWS takes no action, modelled as sending no checks.
    c.dpd_action = to_dpd_action(t.dpd_timeout_action);
    c.dpd_enabled = c.dpd_action != DpdAction::None;
    c.ike.dpd_timeout = sec(t.dpd_timeout_seconds);
    // Accelerated VPNs: AWS does not initiate rekeys; the CGW must (aws-facts.md). AWS's
    // rekey margin and fuzz apply to both phases: the IKE SA (phase 1) and the CHILD_SA.
    c.child_lifetime = SaLifetime{sec(t.phase2_lifetime_seconds), sec(t.rekey_margin_time_seconds),
                                  t.rekey_fuzz_percentage, !s.aws.accelerated};
    c.ike_lifetime = SaLifetime{sec(t.phase1_lifetime_seconds), sec(t.rekey_margin_time_seconds),
                                t.rekey_fuzz_percentage, !s.aws.accelerated};
    c.udp_encapsulated_esp_only = s.aws.accelerated;
    c.ike.force_encapsulation = s.aws.accelerated;
    c.inside_local = t.inside_cidr.nth(1);
    c.inside_net = t.inside_cidr;
    if (s.aws.routing == scenario::Routing::Dynamic) c.bgp = aws_bgp(s, t);
    c.aws_side = true;
    return c;
}

}  // namespace

// Every change that touches this tunnel replaces its endpoint; one that sets new options
// brings it back configured from the options in force after it (earlier changes included).
TunnelEndConfig aws_tunnel_config(const scenario::Scenario& s, std::size_t index) {
    auto c = aws_endpoint(s, index);
    if (s.changes.empty()) return c;
    scenario::Scenario in_force = s;
    for (const auto& ch : s.changes) {
        scenario::apply_options(in_force.aws, ch);
        const bool all = ch.kind == scenario::Change::Kind::ModifyVpnOptions;
        if (!all && ch.tunnel != static_cast<int>(index) + 1) continue;
        Replacement r{ch.at, nullptr};
        if (ch.tunnel_options || ch.local_ipv4_network_cidr || ch.remote_ipv4_network_cidr) {
            r.next = std::make_shared<const TunnelEndConfig>(aws_endpoint(in_force, index));
        }
        c.replacements.push_back(std::move(r));
    }
    return c;
}

TunnelEndConfig cgw_tunnel_config(const scenario::Scenario& s, std::size_t index) {
    const auto& t = s.cgw.tunnels.at(index);
    const auto* aws = aws_tunnel_for(s, t.peer);
    // Defaults follow AWS's downloadable configuration: CGW inside = .2 of the /30.
    const net::Ipv4Prefix fallback = aws ? aws->inside_cidr : net::Ipv4Prefix{};
    const net::Ipv4Prefix inside = t.inside_ip.value_or(net::Ipv4Prefix{fallback.nth(2), 30});
    const net::Ipv4Prefix inside_net{net::Ipv4Addr{inside.addr.value & inside.mask()}, inside.len};
    TunnelEndConfig c;
    c.name = "cgw-t" + std::to_string(index + 1);
    c.ike.role = t.initiate ? ike::Role::Initiator : ike::Role::Responder;
    c.ike.local_id = cgw_public_ip(s);
    c.ike.psk = t.psk;
    c.ike_version = t.ike_version;
    c.accepted_versions = {t.ike_version};
    c.ike.aggressive_mode = t.aggressive_mode;
    c.ike.ike = to_proposal(t.phase1);
    c.ike.esp = to_proposal(t.phase2);
    if (t.policy == scenario::TunnelPolicy::PolicyBased) {
        // One CHILD_SA per proxy-ID pair (RFC 7296 §1.3.1): the first in IKE_AUTH, the rest by
        // CREATE_CHILD_SA. As a responder the device's policy is its first pair. A pair whose
        // SA is gone (deleted by AWS) is asked for again by the next packet that needs it.
        c.create_on_demand = true;
        c.ike.local_ts = ipsec::from_prefixes({t.proxy_ids.front().local});
        c.ike.remote_ts = ipsec::from_prefixes({t.proxy_ids.front().remote});
        for (std::size_t i = 1; i < t.proxy_ids.size(); ++i) {
            c.ike.more_children.push_back({ipsec::from_prefixes({t.proxy_ids[i].local}),
                                           ipsec::from_prefixes({t.proxy_ids[i].remote})});
        }
    } else {
        c.ike.local_ts = ipsec::from_prefixes(t.local_ts);
        c.ike.remote_ts = ipsec::from_prefixes(t.remote_ts);
    }
    c.ike.nat_t = s.cgw.nat_t;
    c.outside = s.cgw.outside_ip;
    c.peer = t.peer;
    if (t.initiate) {
        c.initiate_after = t.initiate_after;
        c.retry_after = kCgwRetryAfter;
    }
    c.block_bgp = s.path.blocks(scenario::Block::Tcp179);
    c.nat_keepalive = sec(s.cgw.nat_keepalive_seconds);  // AWS's endpoint sends none
    // DPD: a check after dpd_interval of silence, re-sent every interval, dead after retries.
    c.dpd_action = to_dpd_action(t.dpd_action);
    c.dpd_enabled = c.dpd_action != DpdAction::None;
    c.ike.dpd_delay = sec(t.dpd_interval_seconds);
    c.ike.dpd_timeout = sec(t.dpd_interval_seconds) * (t.dpd_retries + 1);
    if (s.cgw.vendor == scenario::CgwVendor::Strongswan) {
        c.ike.liveness_on_request_schedule = true;
        c.retry_after_refusal = false;
    }
    // strongSwan's margintime, rekeyfuzz and rekey apply to the IKE SA (ikelifetime) and the
    // CHILD_SA (lifetime) alike.
    c.child_lifetime = SaLifetime{sec(t.phase2_lifetime_seconds), sec(t.rekey_margin_time_seconds),
                                  t.rekey_fuzz_percentage, t.rekey};
    c.ike_lifetime = SaLifetime{sec(t.ike_lifetime_seconds), sec(t.rekey_margin_time_seconds),
                                t.rekey_fuzz_percentage, t.rekey};
    c.reinitiate_after_expiry = false;
    c.inside_local = inside.addr;
    c.inside_net = inside_net;
    if (s.cgw.bgp.enabled) {
        c.bgp = cgw_bgp(s, t, inside.addr, t.bgp_neighbor.value_or(inside_net.nth(1)));
    }
    return c;
}

}  // namespace vpnsim::run
