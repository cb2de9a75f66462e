#include "sim/diagnose/explain.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

#include "models/ike/proposal.hpp"
#include "models/ipsec/traffic_selector.hpp"
#include "sim/run/configure.hpp"

namespace vpnsim::diagnose::detail {
namespace {

// The tunnel's APIPA addresses: AWS .1, CGW .2 (aws-facts.md "BGP over the tunnel").
std::string peers(const TunnelView& t) {
    return fmt::format("{} (AWS) and {} (CGW)", t.aws->inside_cidr.nth(1),
                       t.aws->inside_cidr.nth(2));
}

// Every installed CHILD_SA's selectors: the IKE_AUTH one, then a policy-based CGW's others.
std::string selectors(const TunnelView& t) {
    if (t.result->selectors_aws.empty() && t.result->further_sas.empty()) {
        return "(none negotiated)";
    }
    std::string out;
    if (!t.result->selectors_aws.empty()) {
        out = fmt::format("(AWS-side) {} <=> (CGW-side) {}", t.result->selectors_aws,
                          t.result->selectors_cgw);
    }
    for (const auto& sa : t.result->further_sas) {
        out += fmt::format("{}(AWS-side) {} <=> (CGW-side) {}", out.empty() ? "" : "; ",
                           ipsec::to_string(sa.aws), ipsec::to_string(sa.cgw));
    }
    return out;
}

// AWS's route choice at the end of the run for the flows' on-premises destinations.
std::string aws_preference(const Context& c) {
    std::string out;
    for (const auto& rc : c.r.routes) {
        if (rc.side != "AWS") continue;
        out += fmt::format("{}sends to {} over {}", out.empty() ? "" : "; ", rc.dst, rc.text);
    }
    return out.empty() ? std::string("chose its own tunnel") : out;
}

}  // namespace

std::string explain_no_bgp(const Context&, const TunnelView& t) {
    return fmt::format(
        "IPsec is up, but the customer gateway answers AWS's BGP connection attempts to {} "
        "port 179 with TCP RST: nothing listens for BGP there. A dynamic VPN is UP only when "
        "both IPsec and BGP are up, so AWS reports the tunnel DOWN with \"IPSEC IS UP\". Either "
        "configure BGP on the CGW (neighbor {}, remote-as the Amazon-side ASN) or use a VPN "
        "with static routing -- which means recreating the VPN connection, since its routing "
        "option cannot be modified.",
        t.aws->inside_cidr.nth(2), t.aws->inside_cidr.nth(1));
}

std::string explain_ts(const Context& c, const TunnelView& t) {
    const bool aws_narrow = c.s.aws.local_ipv4_network_cidr != net::Ipv4Prefix::any() ||
                            c.s.aws.remote_ipv4_network_cidr != net::Ipv4Prefix::any();
    const bool policy_based =
        std::any_of(c.s.cgw.tunnels.begin(), c.s.cgw.tunnels.end(), [&](const auto& cgw) {
            return cgw.peer == t.aws->outside_ip &&
                   cgw.policy == scenario::TunnelPolicy::PolicyBased;
        });
    return fmt::format(
        "The Phase 2 SA was negotiated with traffic selectors {}, which do not include the "
        "tunnel's BGP peers {}. IPsec only carries packets that match the SA's selectors "
        "(RFC 4301 §5.1), so the BGP TCP segments are dropped at the selector check and BGP "
        "never starts: IPSEC IS UP, tunnel DOWN. {} For a dynamic VPN both sides' encryption "
        "domain must be 0.0.0.0/0 = 0.0.0.0/0.{}",
        selectors(t), peers(t),
        aws_narrow ? "The narrowing comes from the VPN connection's local/remote IPv4 network "
                     "CIDR options, which AWS uses as its selector policy."
                   : "AWS's policy is 0.0.0.0/0, so it accepted the customer gateway's narrower "
                     "proxy IDs as proposed.",
        policy_based ? fmt::format(" A policy-based customer gateway negotiates one SA per "
                                   "proxy-ID pair, so it may instead add the pair {0} <=> {0} "
                                   "for the BGP peers.",
                                   t.aws->inside_cidr)
                     : "");
}

std::string explain_accel(const Context&, const TunnelView&) {
    return "The VPN terminates on a transit gateway with acceleration enabled. An accelerated "
           "VPN carries only UDP-encapsulated ESP (NAT-T, UDP 4500), but NAT-T is disabled on the "
           "customer gateway: IKE comes up, yet every ESP packet -- BGP included -- is dropped. "
           "Enable NAT-T on the customer gateway.";
}

std::string explain_pat(const Context&, const TunnelView& t) {
    std::string text =
        "The customer gateway is behind a port-translating NAT (PAT) and does not use NAT-T. "
        "IKE on UDP 500 crosses the PAT, so IPsec is established, but raw ESP (IP protocol "
        "50) has no ports to translate and is dropped: no traffic and no BGP flow. Enable "
        "NAT-T so ESP travels inside UDP 4500 (RFC 3948).";
    if (t.cgw != nullptr && t.cgw->ike_version == 1) {
        text +=
            " Over IKEv1 that means the RFC 3947 vendor ID in main mode 1/2; then NAT-D in "
            "main mode 3/4 finds the PAT and the CGW moves to UDP 4500 from main mode 5 on.";
    }
    return text;
}

std::string explain_fw_ike(const Context&, const TunnelView&) {
    return "A firewall in front of the customer gateway drops UDP 500, so IKE_SA_INIT never "
           "reaches AWS (or its answer never comes back). The CGW retransmits and gives up; the "
           "tunnel stays \"IPSEC IS DOWN\". Allow UDP 500 both ways (and UDP 4500 for NAT-T).";
}

std::string explain_fw_natt(const Context&, const TunnelView&) {
    return "A firewall in front of the customer gateway drops UDP 4500, which carries IKE and "
           "ESP once NAT-T is in use. Allow UDP 4500 both ways.";
}

std::string explain_nat_expired(const Context& c, const TunnelView&) {
    const auto& cgw = c.s.cgw;
    const std::string keepalive =
        cgw.nat_keepalive_seconds == 0
            ? "has NAT keepalives disabled"
            : fmt::format("sends NAT keepalives only every {} s, which is not shorter than that",
                          cgw.nat_keepalive_seconds);
    const bool dynamic_vpn = c.s.aws.routing == scenario::Routing::Dynamic;
    return fmt::format(
        "The customer gateway is behind a port-translating NAT (PAT) that forgets an idle UDP "
        "mapping after {}, and it {}. {} the next packet AWS sent to the CGW's public port -- "
        "typically its DPD R-U-THERE, sent after 10 s without traffic from the peer, later than "
        "the NAT's timeout -- found the mapping expired and was dropped. When its liveness "
        "checks go unanswered AWS declares the peer dead and clears the tunnel, while a CGW "
        "without DPD hears nothing and keeps its SA. Enable NAT keepalives on the CGW with an "
        "interval shorter than the NAT's UDP timeout (RFC 3948 §2.3; strongSwan keep_alive, "
        "default 20 s), or raise the NAT's UDP timeout (RFC 4787 REQ-5 asks for at least 2 "
        "minutes). When a mapping is recreated on a new port AWS follows the CGW there on its "
        "next authenticated packet (RFC 7296 §2.23); a keepalive is not authenticated and does "
        "not move it.",
        format_time(c.s.path.nat_udp_timeout), keepalive,
        dynamic_vpn ? "Traffic was not frequent enough to keep the mapping alive, so"
                    : "A static VPN carries no BGP to keep the mapping alive, so");
}

std::string explain_fw_esp(const Context&, const TunnelView&) {
    return "A firewall in front of the customer gateway drops IP protocol 50 (ESP). IKE on UDP "
           "500 completes, so AWS shows IPsec up, but no ESP packet crosses: BGP never "
           "establishes. Allow ESP both ways (or use NAT-T, which carries ESP in UDP 4500).";
}

std::string explain_fw_bgp(const Context&, const TunnelView&) {
    return "A firewall on the customer gateway's tunnel interfaces drops TCP port 179, so the "
           "BGP session cannot open even though IPsec is up. Allow tcp/179 to and from the AWS "
           "inside address.";
}

std::string explain_psk(const Context&, const TunnelView& t) {
    return fmt::format(
        "IKE_SA_INIT succeeds, but AWS cannot verify the AUTH payload of IKE_AUTH: the "
        "customer gateway's pre-shared key for tunnel {} differs from AWS's. AWS answers "
        "AUTHENTICATION_FAILED (RFC 7296 §2.21.2) and neither side keeps an SA: \"IPSEC IS "
        "DOWN\". Set the tunnel's pre-shared key on the CGW to the one in the VPN's tunnel "
        "options.",
        t.number);
}

namespace {
// "AES128, AES256 / SHA1 / DH 2, 14": a proposal list as the tunnel options show it.
std::string proposal_text(const scenario::ProposalLists& p) {
    std::vector<std::string_view> encr;
    std::vector<std::string_view> integ;
    for (const auto e : p.encryption) encr.push_back(ike::to_string(e));
    for (const auto i : p.integrity) integ.push_back(ike::to_string(i));
    return fmt::format("{} / {} / DH {}", fmt::join(encr, ", "), fmt::join(integ, ", "),
                       fmt::join(p.dh_groups, ", "));
}
bool legacy(const scenario::ProposalLists& p) {
    const auto old_encr = [](ike::Encr e) {
        return e == ike::Encr::Des || e == ike::Encr::TripleDes || e == ike::Encr::Aes192;
    };
    return std::any_of(p.encryption.begin(), p.encryption.end(), old_encr) ||
           std::find(p.integrity.begin(), p.integrity.end(), ike::Integ::Md5) !=
               p.integrity.end() ||
           std::any_of(p.dh_groups.begin(), p.dh_groups.end(), [](int g) { return g == 1; });
}
}  // namespace

std::string explain_p1(const Context&, const TunnelView& t) {
    std::string out =
        "The customer gateway's IKE (phase 1) proposal has no encryption, integrity or DH group "
        "in common with the tunnel's phase 1 options, so AWS answers IKE_SA_INIT with "
        "NO_PROPOSAL_CHOSEN.";
    if (t.cgw != nullptr) {
        out += fmt::format(" The CGW proposes {}; the tunnel allows {}.",
                           proposal_text(t.cgw->phase1), proposal_text(t.aws->phase1));
        if (legacy(t.cgw->phase1)) {
            out +=
                " DES, 3DES, AES192, MD5 and DH group 1 are legacy defaults of older devices "
                "that AWS does not offer at all.";
        }
    }
    return out +
           " Propose values AWS allows (e.g. AES128, SHA1 or SHA2-256, DH group 14) or "
           "widen the tunnel options.";
}

std::string explain_p2(const Context&, const TunnelView&) {
    return "Phase 1 is up, but the customer gateway's phase 2 (ESP) proposal matches none of "
           "the tunnel's phase 2 options, so the CHILD_SA is refused with NO_PROPOSAL_CHOSEN "
           "and no IPsec SA exists: \"IPSEC IS DOWN\". Align the phase 2 encryption/integrity "
           "algorithms.";
}

std::string explain_ts_unacceptable(const Context&, const TunnelView&) {
    return "The customer gateway's proxy IDs lie entirely outside the VPN connection's "
           "local/remote IPv4 network CIDRs, so AWS answers TS_UNACCEPTABLE (RFC 7296 §2.9): "
           "the IKE SA is up but there is no IPsec SA.";
}

std::string explain_peer_as(const Context& c, const TunnelView&) {
    return fmt::format(
        "The BGP OPEN carries an AS number the other side does not expect, so that side sends "
        "NOTIFICATION 2/2 (Bad Peer AS, RFC 4271 §6.2) and closes the session; it retries with "
        "growing back-off and never reaches Established. The Amazon-side ASN is {}; the "
        "customer gateway device runs AS {} and its neighbor remote-as is {}; the customer "
        "gateway resource in AWS says {}.",
        c.s.aws.asn, c.s.cgw.asn, c.s.cgw.bgp.remote_as,
        c.s.aws.customer_gateway_asn.value_or(c.s.cgw.asn));
}

std::string explain_md5(const Context&, const TunnelView&) {
    return "A TCP MD5 password (RFC 2385) is set on one side of the BGP session only (AWS "
           "configures none). Every segment fails the signature check and is dropped silently "
           "-- no RST, no log on the other side -- so BGP sits in Connect/Active. Remove the "
           "password on the customer gateway.";
}

std::string explain_neighbor(const Context&, const TunnelView& t) {
    return fmt::format(
        "The customer gateway's BGP neighbor is not AWS's inside address {}. Its own "
        "connection attempts go to an address outside the tunnel's /30 (no route), and AWS's "
        "connections from {} are refused because they do not come from the configured "
        "neighbor. Set the neighbor to {}.",
        t.aws->inside_cidr.nth(1), t.aws->inside_cidr.nth(1), t.aws->inside_cidr.nth(1));
}

std::string explain_prefix_limit(const Context& c, const TunnelView&) {
    return fmt::format(
        "The customer gateway advertises more prefixes than AWS accepts per BGP session ({} on "
        "a {}). AWS sends NOTIFICATION 6/1 (Cease / Maximum Number of Prefixes Reached) and "
        "tears the session down, again after every restart. Summarise or reduce the "
        "advertised prefixes.",
        c.s.aws.gateway == scenario::GatewayType::Vgw ? 100 : 1000,
        c.s.aws.gateway == scenario::GatewayType::Vgw ? "virtual private gateway"
                                                      : "transit gateway");
}

std::string explain_own_as(const Context& c, const TunnelView&) {
    std::vector<std::string> mapped;
    for (const auto& e : c.s.cgw.bgp.route_map) {
        if (e.as_path_prepend && std::find(e.as_path_prepend->begin(), e.as_path_prepend->end(),
                                           c.s.aws.asn) != e.as_path_prepend->end()) {
            mapped.push_back(e.prefix.to_string());
        }
    }
    return fmt::format(
        "The routes the customer gateway advertises carry the Amazon-side ASN {} in their "
        "AS_PATH, so AWS denies them (\"as-path contains our own AS\"; RFC 4271 §9.1.2 loop "
        "detection). The session is up but {}. Remove the AS_PATH prepend of {}.",
        c.s.aws.asn,
        mapped.empty() ? std::string("no route is accepted")
                       : fmt::format("the route-map entries for {} prepend it, so those prefixes "
                                     "are missing from AWS's routes",
                                     fmt::join(mapped, ", ")),
        c.s.aws.asn);
}

std::string explain_min_hold(const Context& c, const TunnelView&) {
    const auto& b = c.s.cgw.bgp;
    return fmt::format(
        "The customer gateway accepts only a neighbor hold time of at least {} s (Cisco IOS: "
        "timers bgp {} {} {}, the last value being min-holdtime), but AWS offers {} s in its "
        "OPEN and that cannot be changed. RFC 4271 §6.2 lets a speaker reject a hold time it "
        "finds unacceptable: the CGW answers AWS's OPEN with NOTIFICATION 2/6 (OPEN Message "
        "Error / Unacceptable Hold Time) and drops the session. Both sides retry after a "
        "growing idle-hold back-off and every attempt fails the same way, so IPsec is up and "
        "BGP never reaches Established: tunnel DOWN with \"IPSEC IS UP\". AWS's BGP log only "
        "shows the session falling back to Idle; the reason is on the CGW. Remove the minimum "
        "(or set it to {} s or less).",
        b.min_hold_time_seconds, b.keepalive_seconds, b.hold_time_seconds, b.min_hold_time_seconds,
        run::kAwsBgpHoldSeconds, run::kAwsBgpHoldSeconds);
}

std::string explain_hold_invalid(const Context& c, const TunnelView&) {
    return fmt::format(
        "The customer gateway's BGP hold time is {} s. RFC 4271 §4.2 allows a hold time of 0 or "
        "at least 3 s, and §6.2 says an implementation MUST reject a Hold Time of one or two "
        "seconds: AWS answers the CGW's OPEN with NOTIFICATION 2/6 (OPEN Message Error / "
        "Unacceptable Hold Time) and drops the session. Every retry fails the same way, so IPsec "
        "is up and BGP never reaches Established: tunnel DOWN with \"IPSEC IS UP\". Set the hold "
        "time to 30 s and the keepalive to 10 s, as AWS's configuration file does (the session "
        "then uses the smaller of the two OPENs' hold times).",
        c.s.cgw.bgp.hold_time_seconds);
}

std::string explain_next_hop(const Context& c, const TunnelView& t) {
    return fmt::format(
        "The customer gateway announces its prefixes with NEXT_HOP {}, which is not on the "
        "tunnel's inside subnet {}. For an eBGP neighbor one hop away the next hop must be the "
        "neighbor's own address or share a subnet with the receiver (RFC 4271 §6.3), so AWS "
        "denies every route (a non-connected next hop). The session is Established and the "
        "tunnel UP, but with \"0 BGP ROUTES\" AWS sends nothing towards the customer's "
        "networks. Announce with next-hop-self: remove the next-hop rewrite so the next hop is "
        "the CGW's inside address {}.",
        c.s.cgw.bgp.next_hop.value_or(net::Ipv4Addr{}), t.aws->inside_cidr,
        t.aws->inside_cidr.nth(2));
}

std::string explain_hold(const Context&, const TunnelView&) {
    return "BGP keepalives stopped arriving for the whole hold time (AWS: 30 s), so the hold "
           "timer expired and the session was torn down (NOTIFICATION 4/0).";
}

std::string explain_outage(const Context& c, const TunnelView&) {
    const auto& o = *c.s.path.outage;
    return fmt::format(
        "Every packet between the customer gateway and AWS was lost from {} to {} (an ISP "
        "outage, a pulled cable). Whatever else is reported after that time follows from it; "
        "what matters is whether both sides recover when the path comes back.",
        format_time(o.start), format_time(o.start + o.duration));
}

std::string explain_loss(const Context& c, const TunnelView&) {
    return fmt::format(
        "The path between the customer gateway and AWS loses {:g} % of packets at random, in "
        "both directions. IKE and TCP retransmit, but a reply lost several times in a row "
        "outlasts the timers that watch the tunnel: AWS's dead peer detection gives up after "
        "its DPD timeout, and a BGP session whose keepalives are lost for the 30 s hold time "
        "is closed with NOTIFICATION 4/0. Nothing in the VPN's configuration fixes a lossy "
        "path: find the loss with the ISP (or over another uplink); the symptoms after it "
        "follow from it.",
        c.s.path.loss * 100.0);
}

std::string explain_dpd(const Context& c, const TunnelView& t) {
    return fmt::format(
        "AWS's dead peer detection (RFC 3706; IKEv2 liveness checks, RFC 7296 §2.4) got no "
        "answer for {} s and declared the customer gateway dead (\"Peer is not responsive - "
        "Declaring peer dead\"). With DPD timeout action \"{}\" AWS {}.",
        t.aws->dpd_timeout_seconds,
        t.aws->dpd_timeout_action == scenario::DpdAction::Restart ? "restart" : "clear",
        t.aws->dpd_timeout_action == scenario::DpdAction::Restart
            ? "re-initiates IKE itself"
            : "deletes the IKE SA and IPsec SA and waits for the customer gateway to initiate "
              "again (startup action \"add\")");
    (void)c;
}

std::string explain_stale(const Context&, const TunnelView& t) {
    if (t.cgw != nullptr && t.cgw->dpd_action == scenario::DpdAction::Restart) {
        return "AWS no longer has the SA the customer gateway is still using: its ESP arrives "
               "with an SPI AWS deleted and is dropped until the customer gateway's dead peer "
               "detection notices (after its interval and retries) and re-initiates. That gap "
               "is expected after an endpoint replacement; if the tunnel stays down, the causes "
               "after this one say why.";
    }
    return "AWS no longer has the SA the customer gateway is still using: its ESP arrives with an "
           "SPI AWS deleted and is dropped. The customer gateway never noticed that the tunnel "
           "was cleared because its own dead peer detection is off, so it never re-initiates. "
           "Enable DPD on the CGW (interval 10 s, 3 retries, action restart, as AWS's templates) "
           "or set the tunnel's DPD timeout action to restart.";
}

// aws-facts.md "The CGW side AWS expects": one SA pair per tunnel.
std::string explain_multiple_sa_pairs(const Context&, const TunnelView& t) {
    std::string pairs;
    if (t.cgw != nullptr) {
        for (const auto& p : t.cgw->proxy_ids) {
            pairs += fmt::format("{}{} <=> {}", pairs.empty() ? "" : ", ", p.local, p.remote);
        }
    }
    return fmt::format(
        "The customer gateway is policy-based and negotiates one CHILD_SA per proxy-ID pair{}, "
        "but an AWS tunnel is route-based and keeps a single SA pair: each new CHILD_SA for "
        "another pair replaced the installed one, and AWS deleted the old one ({} replacement{} "
        "in this run). The pairs take turns: whenever traffic for a pair whose SA was deleted "
        "arrives, the customer gateway negotiates it again (RFC 4301 §5.2) and so deletes "
        "another pair's SA. Traffic -- and BGP, when its /30 is one of the pairs -- works only "
        "at times, while the console may show the tunnel UP. Reduce the CGW to a single pair, "
        "0.0.0.0/0 <=> 0.0.0.0/0 (or the supernets of all on-premises and VPC networks), and "
        "let routing choose what enters the tunnel.",
        pairs.empty() ? "" : fmt::format(" ({})", pairs), t.result->sa_replacements,
        t.result->sa_replacements == 1 ? "" : "s");
}

std::string explain_pfs(const Context&, const TunnelView&) {
    return "The first CHILD_SA came up (IKE_AUTH negotiates no PFS group), but its rekey, a "
           "CREATE_CHILD_SA with a KE payload, found no Diffie-Hellman group in common with the "
           "tunnel's phase 2 DH groups and was refused with NO_PROPOSAL_CHOSEN; when the SA's "
           "lifetime ran out the tunnel went down. Configure a phase 2 (PFS) group AWS allows.";
}

std::string explain_version(const Context&, const TunnelView& t) {
    std::string allowed;
    for (const int v : t.aws->ike_versions)
        allowed += (allowed.empty() ? "ikev" : ", ikev") + std::to_string(v);
    return fmt::format(
        "The customer gateway speaks IKEv{} but the tunnel's IKE versions option allows only "
        "{}: AWS ignores every request, the CGW retransmits and gives up, and IPsec never comes "
        "up. Use an IKE version the tunnel allows, or allow the CGW's version in the tunnel "
        "options.",
        t.cgw != nullptr ? t.cgw->ike_version : 0, allowed);
}

std::string explain_aggressive(const Context&, const TunnelView&) {
    return "The customer gateway opens IKEv1 phase 1 in aggressive mode (RFC 2409 §5.4), which "
           "sends its identity in the clear and lets a listener attack the pre-shared key. AWS "
           "supports IKEv1 main mode only, so it refuses the first message (INVALID_EXCHANGE_TYPE) "
           "and no IKE SA is ever made. Configure main mode on the CGW (or use IKEv2).";
}

std::string explain_invalid_id(const Context& c, const TunnelView&) {
    return fmt::format(
        "Phase 1 (main mode) is up, but AWS refuses the quick mode with INVALID_ID_INFORMATION: "
        "an IKEv1 proxy-ID pair must lie within the VPN's policy (local IPv4 network CIDR {} and "
        "remote IPv4 network CIDR {}), and the customer gateway's does not (RFC 2409 §5.5). No "
        "IPsec SA exists. Make the policy 0.0.0.0/0 on both sides, or propose proxy IDs within "
        "it.",
        c.s.aws.local_ipv4_network_cidr, c.s.aws.remote_ipv4_network_cidr);
}

std::string explain_expired(const Context& c, const TunnelView& t) {
    const bool no_margin = t.cgw != nullptr && t.cgw->rekey && t.cgw->rekey_margin_time_seconds == 0;
    return fmt::format(
        "The IPsec SA reached its hard lifetime and was deleted because nobody rekeyed it: the "
        "customer gateway {}{}. Let the CGW rekey (its margin before the lifetime, RFC 7296 "
        "§2.8).",
        no_margin ? "has a rekey margin of 0 s, so its rekey time is the hard lifetime itself "
                    "and the SA expires first"
                  : "is configured never to start a rekey",
        c.s.aws.accelerated
            ? ", and on an accelerated VPN AWS does not initiate rekeys -- the CGW must"
            : "");
}

std::string explain_ike_expired(const Context& c, const TunnelView& t) {
    const int cgw = t.cgw != nullptr ? t.cgw->ike_lifetime_seconds : 0;
    const std::string why =
        c.s.aws.accelerated
            ? "on an accelerated VPN AWS does not initiate rekeys -- the CGW must"
            : fmt::format(
                  "AWS rekeys only near the end of its own phase 1 lifetime ({} s), "
                  "which is longer than the CGW's IKE lifetime ({} s)",
                  t.aws->phase1_lifetime_seconds, cgw);
    return fmt::format(
        "The IKE SA reached its hard lifetime and was deleted together with its IPsec SA, "
        "because nobody rekeyed it (RFC 7296 §2.8): the customer gateway is configured never to "
        "start a rekey, and {}. The expiring side sends an INFORMATIONAL Delete of the IKE SA "
        "(§1.4.1); a customer gateway that let its SA expire does not start a new one, and with "
        "startup action \"add\" AWS waits for the CGW, so the tunnel stays down. Let the CGW "
        "rekey the IKE SA (CREATE_CHILD_SA, §1.3.2) before its lifetime ends; startup action "
        "\"start\" would only bring the tunnel back after an outage at every expiry.",
        why);
}

std::string explain_replaced(const Context&, const TunnelView& t) {
    return fmt::format(
        "The tunnel's options (or the connection's) were modified, which replaces the AWS "
        "endpoint: it came back with no IKE SA, no IPsec SA and no BGP session, on the same "
        "outside IP {}. With startup action \"add\" AWS waits for the customer gateway to "
        "initiate again; a CGW notices only through DPD (or when its own SA expires).",
        t.aws->outside_ip);
}

std::string explain_asymmetric(const Context& c, const TunnelView& t) {
    return fmt::format(
        "Packets of a flow crossed tunnel {} while the customer gateway's stateful firewall had "
        "the flow's session on the other tunnel, so it dropped them (asymmetric_routing = "
        "\"drop\"). Each side picks its tunnel on its own: AWS by its routes (longest prefix, "
        "then the shortest AS_PATH and the lowest MED the CGW announced on each tunnel, then "
        "its own choice), the CGW by its local preference. Both tunnels are UP, yet the flow "
        "breaks whenever the two choices differ -- here AWS {}. AWS requires asymmetric "
        "routing to be allowed on the CGW's tunnel interfaces (or the CGW's preference to "
        "follow the tunnel AWS prefers, e.g. MED/AS_PATH and local-preference aligned).",
        t.number, aws_preference(c));
}

// RFC 7296 §2.1: exchanges are matched by IKE SPIs, so two tunnels to one address are two IKE
// SAs there, each authenticated with that endpoint's key.
std::string explain_duplicate_peer(const Context& c, const TunnelView& t) {
    std::vector<std::string> same;
    for (std::size_t i = 0; i < c.s.cgw.tunnels.size(); ++i) {
        if (c.s.cgw.tunnels[i].peer == t.aws->outside_ip) same.push_back(std::to_string(i + 1));
    }
    return fmt::format(
        "Customer gateway tunnels {} all point at AWS outside IP {} (a copy-paste of the first "
        "tunnel). AWS's endpoint tells their IKE SAs apart by their SPIs (RFC 7296 §2.1) and "
        "authenticates each with its own pre-shared key: one matches and that tunnel comes "
        "up, the other's IKE_AUTH is answered AUTHENTICATION_FAILED, over and over. Nothing "
        "reaches the other AWS endpoint, so the VPN has no redundancy. Point each CGW tunnel "
        "at its own AWS outside IP, with that tunnel's key.",
        fmt::join(same, " and "), t.aws->outside_ip);
}

// aws-facts "MTU": the maximum MTU / MSS by algorithm set, no path-MTU discovery.
std::string explain_mtu(const Context& c, const TunnelView&) {
    const auto& g = c.s.cgw;
    return fmt::format(
        "Small packets cross the tunnel but large ones do not: a packet with the DF bit set "
        "that is larger than the tunnel carries (1446 bytes at most, less with CBC ciphers, "
        "SHA-2 and NAT-T) is dropped by AWS's endpoint, and AWS does no path-MTU discovery, so "
        "no ICMP tells the sender to send smaller -- pings work, large transfers hang. The "
        "customer gateway clamps TCP's MSS to {} and its tunnel interfaces' MTU is {}. Clamp "
        "the MSS to 1379 on the tunnel interfaces (`ip tcp adjust-mss 1379`), as AWS's "
        "configuration files do, so both ends of every TCP connection send segments that fit; "
        "set the tunnel MTU to 1399. Other traffic with DF (ping -M do, some UDP) must itself "
        "stay within the limit.",
        g.mss_clamp == 0 ? std::string("nothing (no clamping)") : std::to_string(g.mss_clamp),
        g.tunnel_mtu);
}

std::string explain_cgw_no_route(const Context& c, const TunnelView&) {
    std::vector<std::string> routes;
    for (std::size_t i = 0; i < c.s.cgw.tunnels.size(); ++i) {
        const auto& t = c.s.cgw.tunnels[i];
        routes.push_back(fmt::format("tunnel {}: {}", i + 1,
                                     t.static_routes.empty()
                                         ? std::string("none")
                                         : fmt::format("{}", fmt::join(t.static_routes, ", "))));
    }
    return fmt::format(
        "The customer gateway routes by static routes ({}), and none covers the VPC CIDR {}: "
        "its packets towards the VPC -- the replies to the VPC's traffic included -- are dropped "
        "on the customer gateway (no route) although both tunnels are UP. Route the VPC CIDR "
        "into each tunnel interface (e.g. `ip route {} Tunnel1` and `Tunnel2`), so either tunnel "
        "can carry it.",
        fmt::join(routes, "; "), c.s.aws.vpc_cidr, c.s.aws.vpc_cidr.to_string());
}

std::string explain_no_static_route(const Context& c, const TunnelView&) {
    std::vector<std::string> missing;
    for (const auto& lan : c.s.cgw.lans()) {
        const auto& routes = c.s.aws.static_routes;
        if (std::none_of(routes.begin(), routes.end(),
                         [&](const net::Ipv4Prefix& r) { return r.contains(lan); })) {
            missing.push_back(lan.to_string());
        }
    }
    return fmt::format(
        "The VPN connection uses static routing, and AWS routes traffic into its tunnels only "
        "for the prefixes in the connection's static routes ({}). Packets from the VPC to {} "
        "matched none, so the {} dropped them (no route) although the tunnels are UP: a static "
        "tunnel is UP on IPsec alone and says nothing about routes. Add a static route to the "
        "VPN connection for each on-premises network (CreateVpnConnectionRoute; at most 100 on "
        "a virtual private gateway), and propagate or add them in the VPC's route tables.",
        c.s.aws.static_routes.empty() ? std::string("none")
                                      : fmt::format("{}", fmt::join(c.s.aws.static_routes, ", ")),
        missing.empty() ? std::string("the on-premises hosts")
                        : fmt::format("{}", fmt::join(missing, ", ")),
        c.s.aws.gateway == scenario::GatewayType::Tgw ? "transit gateway"
                                                      : "virtual private gateway");
}

std::string explain_ts_lan(const Context& c, const TunnelView& t) {
    return fmt::format(
        "The tunnel's Phase 2 SA was negotiated with traffic selectors {}. They carry BGP between "
        "the inside addresses, so the tunnel is UP, but not the traffic between the VPC ({}) and "
        "the on-premises networks: IPsec only carries packets that match an SA's selectors (RFC "
        "4301 §5.1), and every other packet is dropped at the selector check. This is typical of "
        "a CGW whose proxy IDs (encryption domain) list only the inside /30. AWS is route-based: "
        "set the CGW's proxy IDs to 0.0.0.0/0 <=> 0.0.0.0/0 and let routing choose what enters "
        "the tunnel.",
        selectors(t), c.s.aws.vpc_cidr);
}

}  // namespace vpnsim::diagnose::detail
