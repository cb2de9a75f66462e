// Explanations of addressing faults found by `vpnsim explore`: a CGW tunnel address other than
// AWS's assignment, an on-premises network a dynamic VPN never learns, and a respond-only CGW
// that AWS cannot reach through a PAT -- and the CGW's own outage, and traffic sent before
// the tunnels were UP, or on SAs the CGW lost.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

#include "sim/diagnose/explain.hpp"

namespace vpnsim::diagnose::detail {

std::string explain_inside_ip(const Context&, const TunnelView& t) {
    const auto& inside = *t.cgw->inside_ip;
    return fmt::format(
        "AWS assigned this tunnel the inside CIDR {}: its own BGP peer is {} and it expects the "
        "customer gateway at {}. The customer gateway's tunnel interface is configured as "
        "{}/{}, so AWS's TCP connections to {} find nobody there, and the CGW's own, sent from "
        "{} to the neighbor it derives from its address, never reach AWS's speaker. IPsec is UP "
        "but BGP stays in Connect/Active: the tunnel is DOWN. Set the tunnel interface to "
        "{}/30 as in AWS's configuration file.",
        t.aws->inside_cidr, t.aws->inside_cidr.nth(1), t.aws->inside_cidr.nth(2), inside.addr,
        inside.len, t.aws->inside_cidr.nth(2), inside.addr, t.aws->inside_cidr.nth(2));
}

std::vector<net::Ipv4Prefix> unannounced_destinations(const scenario::Scenario& s) {
    auto out = s.cgw.unannounced_networks();
    for (const auto& f : s.traffic) {
        const auto host = net::Ipv4Prefix::host(f.from_vpc ? f.to : f.from);
        const bool listed = std::any_of(out.begin(), out.end(),
                                        [&](const net::Ipv4Prefix& p) { return p.contains(host); });
        if (!s.cgw.announces(host) && !listed) out.push_back(host);
    }
    return out;
}

std::string explain_lan_not_announced(const Context& c, const TunnelView&) {
    const auto missing = unannounced_destinations(c.s);
    const auto& announce = c.s.cgw.bgp.announce;
    const bool one = missing.size() == 1;
    return fmt::format(
        "The VPN connection uses dynamic routing: AWS routes into the tunnels only what the "
        "customer gateway announces over BGP. On-premises {} {} {} not covered by any announced "
        "prefix (the CGW announces {}), so the {} has no route for {} and drops packets from "
        "the VPC to {} -- although every tunnel is UP. Announce the on-premises networks (a "
        "`network` statement, or redistribute the connected/static routes into BGP).",
        one ? "destination" : "destinations", fmt::join(missing, ", "), one ? "is" : "are",
        announce.empty() ? std::string("nothing") : fmt::format("{}", fmt::join(announce, ", ")),
        c.s.aws.gateway == scenario::GatewayType::Tgw ? "transit gateway"
                                                      : "virtual private gateway",
        one ? "it" : "them", one ? "it" : "them");
}

std::string explain_nat_must_initiate(const Context& c, const TunnelView& t) {
    return fmt::format(
        "The customer gateway sits behind a PAT ({} on the path) and is configured only to "
        "respond (strongSwan auto=add, a respond-only peer). AWS initiates (startup action "
        "\"start\" or a re-initiation), but its IKE_SA_INIT to {} arrives at a public port no "
        "packet from inside ever opened, and the PAT drops it: a PAT only forwards what answers "
        "a mapping the inside created (RFC 4787). The tunnel to {} never comes up. Let the "
        "customer gateway initiate (auto=start), or give it a static NAT.",
        c.s.path.nat_public_ip ? c.s.path.nat_public_ip->to_string() : std::string("a NAT"),
        c.s.path.nat_public_ip ? c.s.path.nat_public_ip->to_string() : std::string("the NAT"),
        t.aws->outside_ip);
}

std::string explain_cgw_offline(const Context& c, const TunnelView&) {
    std::vector<std::string> windows;
    for (const auto& e : c.s.cgw.events) {
        if (e.kind == scenario::CgwEvent::Kind::SetPsk) continue;
        windows.push_back(fmt::format(
            "{} from {} to {}", e.kind == scenario::CgwEvent::Kind::Reboot ? "rebooting" : "silent",
            format_time(e.at), format_time(e.at + e.duration)));
    }
    return fmt::format(
        "The customer gateway itself was unavailable ({}): everything AWS sent it in that time "
        "was lost, and it sent nothing. A reboot also loses every SA and BGP session, which "
        "come back only after it starts again and renegotiates. Nothing in the configuration "
        "needs fixing for this; the verdict reflects the outage. For resilience, keep both "
        "tunnels configured, and consider DPD restart so the tunnels come back on their own.",
        fmt::join(windows, "; "));
}

std::string explain_sent_while_down(const Context& c, const TunnelView& t) {
    SimTime first{};
    for (const auto& f : c.s.traffic) {
        if (!f.probe_for && (first == SimTime{} || f.start < first)) first = f.start;
    }
    const auto& up = t.result->dynamic ? t.result->bgp_up_at : t.result->child_up_at;
    return fmt::format(
        "The scenario's traffic started at {}, while no tunnel with a route to its destination "
        "was UP: tunnel {} came UP only at {}. Packets sent before that were dropped by the "
        "gateway (no UP tunnel to carry them), so the flow's last packets never arrived. "
        "Nothing is misconfigured: start the traffic once the tunnels are UP, or bring them up "
        "sooner (the CGW initiates at its initiate_after; startup action \"start\" lets AWS "
        "initiate at once).",
        format_time(first), t.number, up ? format_time(*up) : std::string("the end"));
}

std::string explain_cgw_lost_sa(const Context& c, const TunnelView& t) {
    const bool responds_only = t.cgw != nullptr && !t.cgw->initiate;
    return fmt::format(
        "AWS still sends on tunnel {}'s CHILD_SA, but the customer gateway no longer has it{}: "
        "its ESP arrives with an SPI the CGW does not know and is dropped. AWS keeps the tunnel "
        "UP on the old SAs until its dead peer detection gives up ({} s without an answer, "
        "counted once it has traffic to send), so traffic routed into this tunnel is lost "
        "meanwhile. {}",
        t.number, c.s.cgw.events.empty() ? "" : " (it rebooted and lost every SA)",
        t.aws->dpd_timeout_seconds,
        responds_only
            ? "The CGW only responds, so it never renegotiates this tunnel itself: let it "
              "initiate, and it replaces the stale SAs as soon as it is back."
            : "A CGW that initiates at once after losing its SAs (with INITIAL_CONTACT, RFC "
              "7296 §2.4) makes AWS drop the old ones.");
}

std::string explain_not_yet_established(const Context& c, const TunnelView& t) {
    const auto up = t.result->child_up_at.value_or(SimTime{});
    return fmt::format(
        "IPsec on tunnel {} came up only at {}, {} before the run ended. BGP's TCP needs its "
        "next connection attempt after that -- AWS retries every 30 s, the customer gateway on "
        "its SYN back-off or its connect-retry timer -- and the run ended first, so the tunnel "
        "is still \"IPSEC IS UP\". Nothing here is misconfigured as far as the run shows: run "
        "the scenario longer, or bring IPsec up sooner (the CGW initiates at its "
        "initiate_after; AWS with startup action \"start\").",
        t.number, format_time(up), format_time(c.s.duration - up));
}

std::string explain_stale_session(const Context&, const TunnelView& t) {
    return fmt::format(
        "The customer gateway's BGP hold time is 0, so the session on tunnel {} runs without "
        "keepalives and without a hold timer (RFC 4271 §4.4). When the CGW lost its side of "
        "the session (it rebooted), AWS's side stayed Established with nothing to tell it "
        "otherwise, and it refuses every new connection from the CGW as a collision with an "
        "Established session (§6.8). The console shows the stale session as UP while the CGW "
        "has no routes. Set the hold time to 30 s and the keepalive to 10 s, as AWS's "
        "configuration file does.",
        t.number);
}

}  // namespace vpnsim::diagnose::detail
