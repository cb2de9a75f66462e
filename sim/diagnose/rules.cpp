#include "sim/diagnose/rules.hpp"

#include <algorithm>

#include "models/ipsec/traffic_selector.hpp"
#include "sim/diagnose/explain.hpp"
#include "sim/run/configure.hpp"

namespace vpnsim::diagnose::detail {
namespace {

using kernel::TraceRecord;

// Twice AWS's BGP connect-retry (30 s): within it of IPsec coming up a session normally forms.
constexpr SimTime kBgpConvergeWindow = sec(60);

bool drop(const TraceRecord& r, std::string_view reason) {
    return r.event == "drop" && r.reason == reason;
}
// A drop of a [[traffic]] flow's or a probe's packet (its text names the flow), not BGP's.
bool drops_flow_packet(const TraceRecord& r, std::string_view reason) {
    return drop(r, reason) && r.detail.str().find(" flow ") != std::string::npos;
}

bool dynamic(const Context& c, const TunnelView&) {
    return c.s.aws.routing == scenario::Routing::Dynamic;
}

// The negotiated CHILD_SA does not carry TCP between the two APIPA peers (either direction).
// With several CHILD_SAs (a policy-based CGW) BGP flows when ANY one carries it: RFC 4301
// §5.1 takes the first SA whose selectors match, so the peers are excluded only when none does.
bool selectors_exclude_peers(const Context& c, const TunnelView& t) {
    if (!dynamic(c, t) || t.result->sa_replacements > 0) return false;
    const auto aws_ip = t.aws->inside_cidr.nth(1);
    const auto cgw_ip = t.aws->inside_cidr.nth(2);
    const auto carries = [&](const ipsec::TsList& aws, const ipsec::TsList& cgw) {
        return ipsec::list_matches(aws, aws_ip, 6, 179) && ipsec::list_matches(cgw, cgw_ip, 6, 179);
    };
    bool any_sa = !t.result->ts_aws.empty();
    if (any_sa && carries(t.result->ts_aws, t.result->ts_cgw)) return false;
    for (const auto& sa : t.result->further_sas) {
        any_sa = true;
        if (carries(sa.aws, sa.cgw)) return false;
    }
    return any_sa;
}

// ---------------------------------------------------------------- explanations

// ---------------------------------------------------------------- matchers

bool m_no_listener(const TraceRecord& r) {
    return r.event == "rst" && r.reason == "no-listener";
}
bool m_selector(const TraceRecord& r) {
    return drop(r, "selector-mismatch");
}
bool m_accel(const TraceRecord& r) {
    return drop(r, "accelerated-requires-nat-t") || drop(r, "udp-encapsulated-esp-without-nat-t");
}
bool m_pat(const TraceRecord& r) {
    return drop(r, "pat-cannot-translate-esp");
}
bool m_fw500(const TraceRecord& r) {
    return drop(r, "firewall-udp-500");
}
bool m_fw4500(const TraceRecord& r) {
    return drop(r, "firewall-udp-4500");
}
// The PAT dropping a packet to an expired mapping, or replacing one (RFC 4787 §4.3).
bool m_nat_expired(const TraceRecord& r) {
    return r.reason == "nat-mapping-expired" && r.node == "nat";
}
// RFC 3948 §2.3: keepalives keep a PAT's mapping only when sent more often than it expires.
bool cgw_keepalive_ineffective(const Context& c, const TunnelView&) {
    const auto& cgw = c.s.cgw;
    return c.s.path.nat == scenario::NatMode::Pat && cgw.nat_t &&
           (cgw.nat_keepalive_seconds == 0 ||
            sec(cgw.nat_keepalive_seconds) >= c.s.path.nat_udp_timeout);
}
// A PAT drops what arrives for a public port nobody inside ever used (RFC 4787 §4).
bool m_nat_unmapped(const TraceRecord& r) {
    return drop(r, "nat-no-mapping") && r.node == "nat";
}
bool cgw_responds_only(const Context&, const TunnelView& t) {
    return t.cgw != nullptr && !t.cgw->initiate;
}
// The CGW rebooting or silent ([[cgw.event]]) is a cause where it decided the verdict: it was
// still offline when the run ended, or the end-to-end check failed and the outage swallowed
// flow packets.
bool m_cgw_offline(const TraceRecord& r) {
    return drop(r, "cgw-offline") ||
           (r.node == "cgw" && r.fsm == "cgw" && (r.event == "reboot" || r.event == "silent"));
}
bool cgw_offline_hurt(const Context& c, const TunnelView&) {
    const bool still_offline =
        std::any_of(c.s.cgw.events.begin(), c.s.cgw.events.end(), [&](const auto& e) {
            return e.kind != scenario::CgwEvent::Kind::SetPsk && e.at + e.duration >= c.s.duration;
        });
    if (still_offline) return true;
    const auto& recs = c.r.trace.records();
    return !c.reach.holds() &&
           std::any_of(recs.begin(), recs.end(), [](const TraceRecord& r) {
               return drops_flow_packet(r, "cgw-offline");
           });
}
bool m_fwesp(const TraceRecord& r) {
    return drop(r, "firewall-esp");
}
bool m_fwbgp(const TraceRecord& r) {
    return drop(r, "firewall-tcp-179");
}
// IKEv2: AUTH does not verify (RFC 7296 §2.15); IKEv1: main mode 5 does not decrypt.
bool m_psk(const TraceRecord& r) {
    return r.fsm == "ike" &&
           (r.reason == "authentication-failed" || r.reason == "payload-decryption-failed");
}
bool m_version(const TraceRecord& r) {
    return drop(r, "ike-version-not-enabled");
}
bool m_aggressive(const TraceRecord& r) {
    return r.fsm == "ike" && r.reason == "aggressive-mode-refused";
}
bool cgw_aggressive(const Context&, const TunnelView& t) {
    return t.cgw != nullptr && t.cgw->ike_version == 1 && t.cgw->aggressive_mode;
}
bool m_invalid_id(const TraceRecord& r) {
    return r.fsm == "ike" && r.reason == "invalid-id-information";
}
bool m_p1(const TraceRecord& r) {
    return r.fsm == "ike" && r.reason == "no-proposal-chosen" && r.to == "Failed";
}
bool pfs_refused(const TraceRecord& r) {
    return r.detail.str().find("CREATE_CHILD_SA: no common dh-group") != std::string::npos;
}
bool m_p2(const TraceRecord& r) {
    return r.fsm == "ike" && r.reason == "no-proposal-chosen" && r.to == "Established" &&
           !pfs_refused(r);
}
bool m_pfs(const TraceRecord& r) {
    return r.fsm == "ike" && r.reason == "no-proposal-chosen" && pfs_refused(r);
}
bool m_expired(const TraceRecord& r) {
    return r.fsm == "ike" && r.reason == "child-expired";
}
bool m_ike_expired(const TraceRecord& r) {
    return r.fsm == "ike" && r.reason == "ike-expired";
}
// rekey = false, or a margin of 0 s: the rekey time is the hard lifetime, so the SA expires.
bool cgw_never_rekeys(const Context&, const TunnelView& t) {
    return t.cgw != nullptr && (!t.cgw->rekey || t.cgw->rekey_margin_time_seconds == 0);
}
bool m_outage(const TraceRecord& r) {
    return drop(r, "path-outage");
}
// AWS's own DPD verdict (the CGW's is its business, and shows as its re-initiation).
bool m_dpd(const TraceRecord& r) {
    return r.fsm == "ike" && r.reason == "dpd-timeout" && r.node.rfind("aws-", 0) == 0;
}
bool m_replaced(const TraceRecord& r) {
    return r.reason == "endpoint-replaced";
}
// AWS keeps one SA pair per tunnel: a further pair's CHILD_SA replaced the installed one.
bool m_sa_replaced(const TraceRecord& r) {
    return r.fsm == "ike" && r.reason == "child-replaced";
}
bool pairs_take_turns(const Context&, const TunnelView& t) {
    return t.result->sa_replacements > 0;
}
// Pairs taking turns explain the drops they cause: packets on an SA AWS just deleted, and
// packets (BGP's or the LANs') outside whichever pair holds the tunnel at the moment.
bool single_pair(const Context& c, const TunnelView& t) {
    return !pairs_take_turns(c, t);
}
bool m_mtu(const TraceRecord& r) {
    return drop(r, "mtu-exceeded");
}
// AWS refused a second IKE SA from the CGW's address: another CGW tunnel pointed here.
bool m_second_sa(const TraceRecord& r) {
    return r.fsm == "ike" && r.reason == "second-ike-sa-authentication-failed";
}
bool cgw_peers_repeat(const Context& c, const TunnelView&) {
    const auto& t = c.s.cgw.tunnels;
    for (std::size_t i = 0; i < t.size(); ++i) {
        for (std::size_t j = i + 1; j < t.size(); ++j) {
            if (t[i].peer == t[j].peer) return true;
        }
    }
    return false;
}
// ESP the CGW sends on an SA AWS no longer has (not AWS's ESP to a CGW that lost its SAs).
bool m_stale(const TraceRecord& r) {
    return drop(r, "unknown-spi") && r.node.rfind("aws-", 0) == 0;
}
// ESP from AWS on an SA the CGW no longer has: it lost its SAs (a reboot) and this tunnel was
// not renegotiated, so AWS sends into the void until its DPD notices.
bool m_cgw_lost_sa(const TraceRecord& r) {
    return drop(r, "unknown-spi") && r.node == "cgw";
}
// A cause while it lasts: the tunnel still UP on the lost SAs at the end (once AWS's DPD
// clears them, dpd.peer-dead tells the story).
bool up_on_lost_sa(const Context&, const TunnelView& t) {
    return t.result->status.up;
}
bool has_outage(const Context& c, const TunnelView&) {
    return c.s.path.outage.has_value();
}
bool m_loss(const TraceRecord& r) {
    return drop(r, "path-loss");
}
// Random loss is a cause only where it hurt: the tunnel ended DOWN, or one of its ends gave up
// on the peer (DPD timeout, IKE retransmission limit, half-open IKE SA deleted) or closed BGP
// on hold-timer expiry.
// A few lost packets that retransmission repaired are not worth reporting.
// Or the end-to-end verdict failed with probe packets among the lost (a path losing a fifth of
// its packets fails about a third of the pings, each crossing it twice).
bool loss_hurt(const Context& c, const TunnelView& t) {
    if (c.s.path.loss <= 0.0) return false;
    if (!t.result->status.up) return true;
    const auto& recs = c.r.trace.records();
    if (!c.reach.holds() &&
        std::any_of(recs.begin(), recs.end(), [](const TraceRecord& r) {
            return drops_flow_packet(r, "path-loss");
        })) {
        return true;
    }
    return std::any_of(recs.begin(), recs.end(), [&](const TraceRecord& r) {
        const bool ours = r.node == t.aws_node || (!t.cgw_node.empty() && r.node == t.cgw_node);
        return ours && (r.reason == "dpd-timeout" || r.reason == "retransmit-limit" ||
                        r.reason == "half-open-timeout" || r.reason == "hold-timer-expired");
    });
}
bool m_tsu(const TraceRecord& r) {
    return r.fsm == "ike" && r.reason == "ts-unacceptable";
}
bool m_peer_as(const TraceRecord& r) {
    return r.fsm == "bgp" && r.reason == "bad-peer-as";
}
bool m_md5(const TraceRecord& r) {
    return drop(r, "md5-mismatch");
}
bool m_neighbor(const TraceRecord& r) {
    return (drop(r, "no-route") && r.fsm == "esp") || (r.event == "rst" && r.reason == "not-peer");
}
bool m_prefix(const TraceRecord& r) {
    return r.fsm == "bgp" && r.reason == "max-prefix-exceeded";
}
bool m_own_as(const TraceRecord& r) {
    return r.event == "deny" && r.reason == "as-path-contains-own-as";
}
// The CGW refusing the OPEN is the evidence: AWS itself only sees the NOTIFICATION.
bool m_min_hold(const TraceRecord& r) {
    return r.fsm == "bgp" && r.reason == "unacceptable-hold-time" && !r.from.empty();
}
bool cgw_min_hold_above_aws(const Context& c, const TunnelView& t) {
    return dynamic(c, t) && c.s.cgw.bgp.min_hold_time_seconds > run::kAwsBgpHoldSeconds;
}
// AWS refusing the CGW's OPEN for its hold time (the record on AWS's side).
bool m_aws_refuses_hold(const TraceRecord& r) {
    return m_min_hold(r) && r.node.rfind("aws-t", 0) == 0;
}
bool cgw_hold_invalid(const Context& c, const TunnelView& t) {
    const int h = c.s.cgw.bgp.hold_time_seconds;
    return dynamic(c, t) && (h == 1 || h == 2);
}
bool m_next_hop(const TraceRecord& r) {
    return r.event == "deny" && r.reason == "next-hop-not-connected";
}
bool cgw_sets_next_hop(const Context& c, const TunnelView& t) {
    return dynamic(c, t) && c.s.cgw.bgp.next_hop.has_value();
}
// AWS refusing the CGW's new connection because its own session is still Established
// (RFC 4271 §6.8: a collision with an Established session closes the new connection).
bool m_session_exists(const TraceRecord& r) {
    return r.event == "rst" && r.reason == "session-exists" && r.node.rfind("aws-t", 0) == 0;
}
// With a hold time of 0 no keepalives flow and no hold timer runs (RFC 4271 §4.4, §10): a
// session whose peer lost it (a reboot) lives on, on AWS's side, forever.
bool cgw_hold_zero(const Context& c, const TunnelView& t) {
    return dynamic(c, t) && c.s.cgw.bgp.hold_time_seconds == 0;
}
bool m_hold(const TraceRecord& r) {
    return r.fsm == "bgp" && r.reason == "hold-timer-expired" && !r.from.empty();
}

// AWS's own route lookup for a data packet found nothing (node "vgw" or "tgw").
bool m_aws_no_route(const TraceRecord& r) {
    return r.fsm == "flow" && drop(r, "no-route") && (r.node == "vgw" || r.node == "tgw");
}
// The CGW's own route lookup for a data packet found nothing: its static routes miss it.
bool m_cgw_no_route(const TraceRecord& r) {
    return r.fsm == "flow" && drop(r, "no-route") && r.node == "cgw";
}
bool cgw_static_routes(const Context& c, const TunnelView&) {
    return c.s.cgw.has_static_routes();
}
bool static_routing(const Context& c, const TunnelView&) {
    return c.s.aws.routing == scenario::Routing::Static;
}
// A data packet -- a flow's ping or UDP probe, never BGP's TCP -- outside every SA's selectors.
bool m_data_selector(const TraceRecord& r) {
    if (!(drop(r, "selector-mismatch") || drop(r, "inbound-selector-mismatch"))) return false;
    const auto detail = r.detail.str();
    return detail.find(" flow ") != std::string::npos &&
           (detail.find("icmp ") != std::string::npos || detail.find("udp ") != std::string::npos ||
            detail.find(" data segment ") != std::string::npos);
}
// The tunnel has an SA (the BGP one, when dynamic, carries its peers): the data traffic is
// what the selectors leave out.
bool sa_leaves_out_lan(const Context& c, const TunnelView& t) {
    return !t.result->ts_aws.empty() && t.result->sa_replacements == 0 &&
           !selectors_exclude_peers(c, t);
}

// The CGW's tunnel interface has another address than the one AWS assigned (its .2): BGP's
// SYNs reach an end that does not hold their destination.
bool m_inside_ip(const TraceRecord& r) {
    return r.fsm == "esp" && drop(r, "no-listener");
}
bool cgw_inside_ip_differs(const Context& c, const TunnelView& t) {
    return dynamic(c, t) && t.cgw != nullptr && t.cgw->inside_ip &&
           (t.cgw->inside_ip->addr != t.aws->inside_cidr.nth(2) || t.cgw->inside_ip->len != 30);
}
// On a dynamic VPN AWS routes to what BGP announces: a CGW network announced by no prefix
// has no route on AWS's side.
bool lan_not_announced(const Context& c, const TunnelView& t) {
    return dynamic(c, t) && c.s.cgw.bgp.enabled && !unannounced_destinations(c.s).empty();
}

// A data packet with no UP tunnel to take while the tunnel was still coming up (or had gone
// down): a cause only where the tunnel is UP at the end and the scenario's own flows failed.
bool m_no_tunnel_up(const TraceRecord& r) {
    return r.fsm == "flow" && drop(r, "tunnel-down");
}
bool traffic_before_up(const Context& c, const TunnelView& t) {
    return t.result->status.up && c.reach.own_ok < c.reach.own_flows;
}

// AWS's IKE SA coming up: the evidence that IPsec is there for BGP to use.
bool m_ipsec_up(const TraceRecord& r) {
    return r.fsm == "ike" && r.to == "Established" && r.node.rfind("aws-t", 0) == 0 &&
           !r.from.empty() && r.from != "Established";
}
// Did the path lose (`reason`: path-loss, path-outage) a packet to or from this tunnel's AWS end?
bool path_dropped(const Context& c, const TunnelView& t, std::string_view reason) {
    const auto ip = t.aws->outside_ip.to_string();
    const auto& recs = c.r.trace.records();
    return std::any_of(recs.begin(), recs.end(), [&](const TraceRecord& r) {
        return drop(r, reason) && r.detail.str().find(ip) != std::string::npos;
    });
}
// IPsec came up so late that BGP's next connection attempt (AWS retries every 30 s) had not
// come yet when the run ended: not a fault of either side, a horizon too short. Where the
// path lost this tunnel's packets, the path rules tell why instead.
bool bgp_still_converging(const Context& c, const TunnelView& t) {
    const auto& r = *t.result;
    if (!dynamic(c, t) || r.status.up || !r.child_up_at || r.bgp_state == "Established" ||
        c.s.duration - *r.child_up_at >= kBgpConvergeWindow) {
        return false;
    }
    return !path_dropped(c, t, "path-loss") && !path_dropped(c, t, "path-outage");
}

bool m_asymmetric(const TraceRecord& r) {
    return r.fsm == "flow" && drop(r, "asymmetric-route");
}
bool cgw_drops_asymmetric(const Context& c, const TunnelView&) {
    return c.s.cgw.asymmetric_routing == scenario::AsymmetricRouting::Drop;
}
}  // namespace

const std::vector<Rule>& rules() {
    // Rows in the order a packet meets the layers: path, IKE, IPsec, TCP, BGP.
    // clang-format off
    static const std::vector<Rule> kRules{
        {"path.outage",             "The path between CGW and AWS was down",           m_outage,      has_outage, "",                                  explain_outage},
        {"cgw.offline",             "The customer gateway was rebooting or silent",    m_cgw_offline, cgw_offline_hurt, "",                           explain_cgw_offline},
        {"path.packet-loss",        "The path loses packets at random",                m_loss,        loss_hurt,  "",                                  explain_loss},
        {"aws.endpoint-replaced",   "AWS replaced the tunnel endpoint (options modified)", m_replaced, nullptr, "",                                 explain_replaced},
        {"firewall.ike-blocked",    "A firewall drops IKE (UDP 500)",                  m_fw500,       nullptr, "",                                     explain_fw_ike},
        {"firewall.nat-t-blocked",  "A firewall drops NAT-T (UDP 4500)",               m_fw4500,      nullptr, "",                                     explain_fw_natt},
        {"nat.mapping-expired-no-keepalive", "The PAT's UDP mapping expired: no effective NAT keepalives", m_nat_expired, cgw_keepalive_ineffective, "Declaring peer dead", explain_nat_expired},
        {"nat.cgw-must-initiate",   "Behind a PAT the CGW must initiate: AWS's IKE finds no mapping", m_nat_unmapped, cgw_responds_only, "",             explain_nat_must_initiate},
        {"ike.version-mismatch",    "IKE version not enabled on the tunnel",           m_version,     nullptr, "",                                     explain_version},
        {"ike.proposal-mismatch",   "No common phase 1 proposal",                      m_p1,          nullptr, "No Proposal Match Found",              explain_p1},
        {"cgw.duplicate-peer",      "Two CGW tunnels point at the same AWS outside IP", m_second_sa,  cgw_peers_repeat, "pre-shared key mismatch",        explain_duplicate_peer},
        {"ike.psk-mismatch",        "Pre-shared key mismatch",                         m_psk,         nullptr, "AUTHENTICATION_FAILED",                explain_psk},
        {"ipsec.proposal-mismatch", "No common phase 2 proposal",                      m_p2,          nullptr, "unable to establish while keeping",    explain_p2},
        {"ipsec.pfs-group-mismatch","No common PFS group at CHILD_SA rekey",           m_pfs,         nullptr, "unable to establish while keeping",    explain_pfs},
        {"ipsec.cgw-never-rekeys",  "The IPsec SA expired: the CGW never rekeys",      m_expired,     cgw_never_rekeys, "",                            explain_expired},
        {"ike.cgw-never-rekeys",    "The IKE SA expired: the CGW never rekeys",        m_ike_expired, cgw_never_rekeys, "received DELETE for IKE_SA",  explain_ike_expired},
        {"dpd.peer-dead",           "AWS declared the customer gateway dead (DPD)",    m_dpd,         nullptr, "Declaring peer dead",                  explain_dpd},
        {"ipsec.stale-sa",          "The CGW keeps using an SA AWS deleted",           m_stale,       single_pair, "",                                 explain_stale},
        {"ipsec.cgw-lost-sa",       "AWS sends on an SA the customer gateway no longer has", m_cgw_lost_sa, up_on_lost_sa, "",                           explain_cgw_lost_sa},
        {"ipsec.multiple-sa-pairs", "Several SA pairs on one tunnel: AWS keeps only one", m_sa_replaced, pairs_take_turns, "",                          explain_multiple_sa_pairs},
        {"ikev1.aggressive-mode",   "IKEv1 aggressive mode refused (main mode only)",  m_aggressive,  cgw_aggressive, "",                              explain_aggressive},
        {"ikev1.proxy-id-mismatch", "IKEv1 proxy IDs outside the VPN's network CIDRs", m_invalid_id,  nullptr, "",                                     explain_invalid_id},
        {"ts.unacceptable",         "Proxy IDs outside the VPN's network CIDRs",       m_tsu,         nullptr, "unable to establish while keeping",    explain_ts_unacceptable},
        {"firewall.esp-blocked",    "A firewall drops ESP (IP protocol 50)",           m_fwesp,       nullptr, "Phase 2 SA is established",            explain_fw_esp},
        {"nat.pat-without-nat-t",   "Behind a PAT without NAT-T",                      m_pat,         nullptr, "Phase 2 SA is established",            explain_pat},
        {"accel.nat-t-required",    "Accelerated VPN without NAT-T on the CGW",        m_accel,       nullptr, "Phase 2 SA is established",            explain_accel},
        {"ts.excludes-bgp-peers",   "Traffic selectors exclude the BGP peers",         m_selector,    selectors_exclude_peers, "Phase 2 SA is established",            explain_ts},
        {"firewall.bgp-blocked",    "A firewall drops BGP (tcp/179)",                  m_fwbgp,       dynamic, "",                                     explain_fw_bgp},
        {"bgp.not-configured-on-cgw","BGP not configured on the customer gateway",     m_no_listener, dynamic, "",                                     explain_no_bgp},
        {"bgp.wrong-neighbor",      "CGW BGP neighbor is not AWS's inside address",    m_neighbor,    dynamic, "",                                     explain_neighbor},
        {"cgw.inside-ip-mismatch",  "The CGW's tunnel address is not the one AWS assigned", m_inside_ip, cgw_inside_ip_differs, "",                    explain_inside_ip},
        {"bgp.md5-mismatch",        "TCP MD5 password on one side only",               m_md5,         dynamic, "",                                     explain_md5},
        {"bgp.peer-as-mismatch",    "BGP peer AS mismatch (NOTIFICATION 2/2)",         m_peer_as,     dynamic, "bad OPEN",                             explain_peer_as},
        {"bgp.hold-time-unacceptable","CGW refuses AWS's hold time (NOTIFICATION 2/6)", m_min_hold,   cgw_min_hold_above_aws, "to Idle",               explain_min_hold},
        {"bgp.hold-time-invalid",   "CGW proposes a hold time of 1 or 2 s (NOTIFICATION 2/6)", m_aws_refuses_hold, cgw_hold_invalid, "to Idle",         explain_hold_invalid},
        {"bgp.prefix-limit",        "Too many prefixes advertised (Cease 6/1)",        m_prefix,      dynamic, "maximum prefix limit",                 explain_prefix_limit},
        {"bgp.as-path-own-as",      "Routes carry the Amazon-side ASN in AS_PATH",     m_own_as,      dynamic, "DENIED",                               explain_own_as},
        {"bgp.next-hop-not-connected","Routes' next hop is not the CGW's inside address", m_next_hop, cgw_sets_next_hop, "DENIED",                     explain_next_hop},
        {"ipsec.mtu-black-hole",    "Packets too large for the tunnel are dropped without ICMP", m_mtu, nullptr, "",                               explain_mtu},
        {"ts.excludes-lan",         "Traffic selectors exclude the on-premises networks", m_data_selector, sa_leaves_out_lan, "",                       explain_ts_lan},
        {"route.no-static-route",   "No static route for an on-premises network",      m_aws_no_route, static_routing, "",                               explain_no_static_route},
        {"route.lan-not-announced", "An on-premises network is not announced over BGP", m_aws_no_route, lan_not_announced, "",                         explain_lan_not_announced},
        {"route.cgw-no-route",      "The CGW's static routes do not cover the VPC",    m_cgw_no_route, cgw_static_routes, "",                          explain_cgw_no_route},
        {"route.asymmetric-dropped-by-cgw", "The CGW drops traffic that returns on the other tunnel", m_asymmetric, cgw_drops_asymmetric, "", explain_asymmetric},
        {"flow.sent-while-tunnel-down", "Traffic was sent while no tunnel was UP",    m_no_tunnel_up, traffic_before_up, "",                           explain_sent_while_down},
        {"bgp.not-yet-established", "IPsec came up too late for BGP before the run ended", m_ipsec_up, bgp_still_converging, "",                       explain_not_yet_established},
        {"bgp.stale-session-hold-time-zero", "A stale BGP session lives on: hold time 0 sends no keepalives", m_session_exists, cgw_hold_zero, "",     explain_stale_session},
        {"bgp.hold-timer-expired",  "BGP hold timer expired",                          m_hold,        dynamic, "Hold Timer Expired",                   explain_hold},
    };
    // clang-format on
    return kRules;
}

}  // namespace vpnsim::diagnose::detail
