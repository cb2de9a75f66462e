#include "sim/run/flows.hpp"

#include <fmt/format.h>

#include <iterator>

#include "models/aws/tunnel_mtu.hpp"
#include "models/common/hash.hpp"
#include "sim/run/gateway_node.hpp"
#include "sim/run/world.hpp"
#include "sim/scenario/names.hpp"

namespace vpnsim::run {

// A host behind one side; its timers are the flows' probe clocks. Nothing reaches it over
// the topology (it has no link): flows hand packets to it directly.
class Flows::Host final : public Node {
  public:
    Host(World& world, std::string_view name, net::VertexId v, Flows& flows)
        : Node(world, name, v), flows_(flows) {}

  protected:
    Fate receive(net::Packet& p) override {
        drop(p, "not-local");
        return Fate::Done;
    }
    void on_timer(std::uint64_t token) override { flows_.fire(token); }

  private:
    Flows& flows_;
};

Flows::Flows(World& world, const scenario::Scenario& s, GatewayNode& cgw,
             std::span<GatewayNode* const> aws)
    : world_(world),
      s_(s),
      cgw_(cgw),
      aws_(aws.begin(), aws.end()),
      gateway_name_(
          world.trace().intern(s.aws.gateway == scenario::GatewayType::Tgw ? "tgw" : "vgw")),
      states_(s.traffic.size()),
      to_cgw_(aws.size()),
      to_aws_(aws.size()) {
    auto vpc = std::make_unique<Host>(world, "vpc", world.add_device("vpc"), *this);
    vpc_ = vpc.get();
    world.adopt(std::move(vpc));
    auto onprem = std::make_unique<Host>(world, "onprem", world.add_device("onprem"), *this);
    onprem_ = onprem.get();
    world.adopt(std::move(onprem));
}

Flows::~Flows() = default;

void Flows::start() {
    for (std::size_t i = 0; i < s_.traffic.size(); ++i) {
        const auto& f = s_.traffic[i];
        (f.from_vpc ? vpc_ : onprem_)->arm(f.start, i);
    }
}

namespace {

// The CHILD_SA's maximum inner packet (0: no SA, nothing to check).
int tunnel_max_mtu(const TunnelEnd& end) {
    const auto& d = end.ike_data();
    if (!d.child) return 0;
    return aws::tunnel_mtu(d.child->chosen,
                           d.nat_detected() || end.config().udp_encapsulated_esp_only)
        .mtu;
}

std::string mtu_basis(const TunnelEnd& end) {
    const auto& d = end.ike_data();
    const auto& esp = d.child->chosen;
    return fmt::format(
        "{}{}{}", ike::to_string(esp.encr),
        esp.integ ? fmt::format("/{}", ike::to_string(*esp.integ)) : "",
        d.nat_detected() || end.config().udp_encapsulated_esp_only ? " with NAT-T" : ", no NAT-T");
}

std::uint8_t proto_of(scenario::FlowKind kind) {
    switch (kind) {
        case scenario::FlowKind::Ping:
            return net::kProtoIcmp;
        case scenario::FlowKind::Udp:
            return net::kProtoUdp;
        case scenario::FlowKind::Tcp:
            return net::kProtoTcp;
    }
    return net::kProtoUdp;
}

}  // namespace

void Flows::fire(std::size_t flow) {
    const auto& f = s_.traffic[flow];
    auto& st = states_[flow];
    net::InnerPacket p;
    p.src = f.from;
    p.dst = f.to;
    p.probe = net::Probe{proto_of(f.kind),
                         false,
                         static_cast<std::uint16_t>(flow + 1),
                         st.next_seq,
                         static_cast<std::uint16_t>(f.size),
                         f.df};
    // The CGW rewrote both SYNs' MSS option: neither end sends a larger segment (RFC 879).
    if (f.kind == scenario::FlowKind::Tcp && s_.cgw.mss_clamp > 0) {
        p.probe.size = static_cast<std::uint16_t>(std::min(f.size, s_.cgw.mss_clamp + 40));
    }
    ++st.sent;
    if (static_cast<int>(st.next_seq++) < f.count) {
        (f.from_vpc ? vpc_ : onprem_)->arm(f.interval, flow);
    }
    route_from(f.from_vpc ? Side::Aws : Side::Cgw, std::move(p));
}

// Each flow is one 5-tuple (one ICMP identifier, one UDP port pair): the hash a transit
// gateway spreads flows by stays fixed for the flow, whichever way it goes.
std::uint64_t Flows::flow_hash(const net::InnerPacket& p) const {
    const auto lo = std::min(p.src.value, p.dst.value);
    const auto hi = std::max(p.src.value, p.dst.value);
    return mix(mix(mix(stable_hash("flow"), lo), hi), p.proto() * 65536ULL + p.probe.flow);
}

const std::vector<route::TunnelRoutes>& Flows::aws_routes() const {
    auto& out = aws_table_;
    out.resize(aws_.size());
    const bool dynamic = s_.aws.routing == scenario::Routing::Dynamic;
    for (std::size_t i = 0; i < aws_.size(); ++i) {
        const TunnelEnd& t = *aws_[i]->tunnels().front();
        auto& tr = out[i];
        tr.routes.clear();  // keeps its storage
        tr.tunnel = static_cast<int>(i + 1);
        tr.tie_break = s_.aws.tunnels[i].outside_ip.value;  // AWS: random; here the lower IP
        if (dynamic) {
            const auto* b = t.bgp();
            tr.up = t.ipsec_up() && b != nullptr && b->state() == bgp::State::Established;
            if (b != nullptr) {
                for (const auto& [prefix, a] : b->paths()) {
                    tr.routes.push_back({prefix, a.as_path_len, a.med});
                }
            }
        } else {
            tr.up = t.ipsec_up();
            for (const auto& prefix : s_.aws.static_routes) tr.routes.push_back({prefix, 0, 0});
        }
    }
    return out;
}

const std::vector<route::TunnelRoutes>& Flows::cgw_routes() const {
    auto& out = cgw_table_;
    const auto& tunnels = cgw_.tunnels();
    out.resize(tunnels.size());
    for (std::size_t j = 0; j < tunnels.size(); ++j) {
        const TunnelEnd& t = *tunnels[j];
        auto& tr = out[j];
        tr.routes.clear();  // keeps its storage
        tr.tunnel = static_cast<int>(j + 1);
        tr.tie_break = static_cast<std::uint32_t>(j);
        tr.local_pref = s_.cgw.tunnels[j].local_pref;
        const auto* b = t.bgp();
        tr.up = t.ipsec_up() && (b == nullptr || b->state() == bgp::State::Established);
        if (b != nullptr) {
            // What AWS's speaker advertised and the CGW accepted on this tunnel's session.
            for (const auto& [prefix, a] : b->paths()) {
                tr.routes.push_back({prefix, a.as_path_len, a.med});
            }
        } else if (s_.cgw.has_static_routes()) {
            // A static CGW's own routes into this tunnel, and nothing else.
            for (const auto& prefix : s_.cgw.tunnels[j].static_routes) {
                tr.routes.push_back({prefix, 0, 0});
            }
        } else {
            // A static CGW without routes of its own: the VPC CIDR into every tunnel, as
            // AWS's static configuration files route it.
            tr.routes.push_back({s_.aws.vpc_cidr, 0, 0});
        }
    }
    return out;
}

int Flows::aws_number_of_cgw_tunnel(std::size_t cgw_index) const {
    const auto peer = s_.cgw.tunnels.at(cgw_index).peer;
    for (std::size_t i = 0; i < aws_.size(); ++i) {
        if (aws_[i]->tunnels().front()->config().outside == peer) return static_cast<int>(i + 1);
    }
    return 0;
}

void Flows::drop(std::string_view node, std::string_view reason, const net::InnerPacket& p,
                 DeferredText detail) {
    ++state_of(p).dropped;
    world_.trace().add(
        {world_.kernel().now(), node, "flow", "", "drop", "", reason, std::move(detail)});
}

namespace {

// Why a side chose its tunnel, for note_path's record: `figure` is the decider's number
// (local-pref, AS_PATH length, MED or the size of the ECMP set).
void append_why(std::string& out, route::Decider by, std::uint64_t figure, bool aws) {
    switch (by) {
        case route::Decider::OnlyCandidate:
            out += "the only UP tunnel with a route";
            return;
        case route::Decider::PrefixLength:
            out += "the longest matching prefix";
            return;
        case route::Decider::LocalPref:
            fmt::format_to(std::back_inserter(out), "local-pref {}", figure);
            return;
        case route::Decider::AsPathLength:
            fmt::format_to(std::back_inserter(out), "the shortest AS_PATH ({})", figure);
            return;
        case route::Decider::Med:
            fmt::format_to(std::back_inserter(out), "the lowest MED ({})", figure);
            return;
        case route::Decider::Ecmp:
            fmt::format_to(std::back_inserter(out), "ECMP flow hash over {} equal tunnels", figure);
            return;
        case route::Decider::TieBreak:
            out += aws ? "equal routes; tie-break: the lower outside IP"
                       : "equal routes; tie-break: the first tunnel";
            return;
    }
}

}  // namespace

void Flows::note_path(Side side, const net::InnerPacket& p, const route::Choice& c) {
    auto& st = state_of(p);
    int& last = side == Side::Aws ? st.aws_path : st.cgw_path;
    if (last == c.tunnel) return;
    std::uint64_t figure = 0;
    switch (c.decided_by) {
        case route::Decider::LocalPref:
            figure = s_.cgw.tunnels.at(c.tunnel - 1).local_pref;
            break;
        case route::Decider::AsPathLength:
            figure = c.route.as_path_len;
            break;
        case route::Decider::Med:
            figure = c.route.med;
            break;
        case route::Decider::Ecmp:
            figure = c.equal_best.size();
            break;
        case route::Decider::OnlyCandidate:
        case route::Decider::PrefixLength:
        case route::Decider::TieBreak:
            break;
    }
    const bool aws = side == Side::Aws;
    const auto outside =
        aws ? s_.aws.tunnels.at(c.tunnel - 1).outside_ip : s_.cgw.tunnels.at(c.tunnel - 1).peer;
    // Rendered when the trace is read: the values it needs, captured now.
    auto text = DeferredText::lazy([flow = p.probe.flow, dst = p.dst, tunnel = c.tunnel, outside,
                                    prefix = c.route.prefix, by = c.decided_by, figure, aws,
                                    was = last](std::string& out) {
        fmt::format_to(std::back_inserter(out), "flow {} to {}: tunnel {} ({}) by {}, ", flow, dst,
                       tunnel, outside, prefix);
        append_why(out, by, figure, aws);
        if (was != 0) fmt::format_to(std::back_inserter(out), "; was tunnel {}", was);
    });
    last = c.tunnel;
    world_.trace().add({world_.kernel().now(), aws ? gateway_name_ : "cgw", "route", "", "path", "",
                        to_string(c.decided_by), std::move(text)});
}

void Flows::route_from(Side side, net::InnerPacket p) {
    const auto& tunnels = side == Side::Aws ? aws_routes() : cgw_routes();
    const route::Policy policy{side == Side::Aws && s_.aws.ecmp};
    const auto c = route::select(tunnels, p.dst, policy, flow_hash(p));
    const std::string_view node = side == Side::Aws ? gateway_name_ : "cgw";
    if (c.verdict == route::Verdict::NoRoute) {
        return drop(node, "no-route", p,
                    DeferredText::format("{}: no tunnel has a route to {}", net::brief(p), p.dst));
    }
    if (c.verdict == route::Verdict::TunnelDown) {
        return drop(
            node, "tunnel-down", p,
            DeferredText::format("{}: no tunnel with a route to {} is UP", net::brief(p), p.dst));
    }
    note_path(side, p, c);
    if (side == Side::Aws) {
        TunnelEnd& end = *aws_[static_cast<std::size_t>(c.tunnel - 1)]->tunnels().front();
        if (!fits_aws(end, p)) return;
        end.send_routed(std::move(p));
        return;
    }
    if (!firewall_passes(p, c.tunnel, "outbound")) return;
    TunnelEnd& end = *cgw_.tunnels()[static_cast<std::size_t>(c.tunnel - 1)];
    if (!fits_cgw(end, p)) return;
    end.send_routed(std::move(p));
}

// AWS's endpoint does no path-MTU discovery (aws-facts "MTU"): a packet with DF set larger
// than the tunnel's maximum for its algorithms is dropped and no ICMP tells the sender -- a
// black hole for every such packet. Without DF it is fragmented and carried.
bool Flows::fits_aws(const TunnelEnd& end, const net::InnerPacket& p) {
    const int max = tunnel_max_mtu(end);
    if (max == 0 || p.probe.size <= max || !p.probe.df) return true;
    ++state_of(p).dropped;
    world_.trace().add(
        {world_.kernel().now(), end.node_name(), "esp", "", "drop", "", "mtu-exceeded",
         fmt::format("{} of {} bytes with DF exceeds the tunnel's maximum of {} ({}): AWS does "
                     "no path-MTU discovery and sends no ICMP",
                     net::brief(p), p.probe.size, max, mtu_basis(end))});
    return false;
}

// The CGW: a packet with DF set larger than its tunnel interface's MTU, or than what fits in
// ESP on the path, is dropped with an ICMP fragmentation-needed to its sender (RFC 1191),
// which sends the flow's later packets no larger; without DF it is fragmented before
// encryption (AWS's configuration files: clear DF, fragment before encryption).
bool Flows::fits_cgw(const TunnelEnd& end, net::InnerPacket& p) {
    auto& st = state_of(p);
    if (st.pmtu != 0 && p.probe.size > st.pmtu) p.probe.size = st.pmtu;
    const int esp_max = tunnel_max_mtu(end);
    const int mtu = esp_max == 0 ? s_.cgw.tunnel_mtu : std::min(s_.cgw.tunnel_mtu, esp_max);
    if (p.probe.size <= mtu || !p.probe.df) return true;
    st.pmtu = static_cast<std::uint16_t>(mtu);
    ++st.dropped;
    world_.trace().add(
        {world_.kernel().now(), end.node_name(), "esp", "", "drop", "", "needs-fragmentation",
         fmt::format("{} of {} bytes with DF exceeds {} (tunnel_mtu {}, ESP maximum {}): ICMP "
                     "fragmentation-needed (MTU {}) to {}, which sends smaller packets",
                     net::brief(p), p.probe.size, mtu, s_.cgw.tunnel_mtu, esp_max, mtu, p.src)});
    return false;
}

// The CGW's stateful firewall: a flow's session lives on one tunnel interface.
bool Flows::firewall_passes(const net::InnerPacket& p, int cgw_tunnel, std::string_view direction) {
    auto& st = state_of(p);
    const auto bound = st.session;
    const bool bound_alive =
        bound != 0 && cgw_.tunnels()[static_cast<std::size_t>(bound - 1)]->ipsec_up();
    if (!bound_alive || bound == cgw_tunnel) {
        st.session = cgw_tunnel;
        return true;
    }
    if (s_.cgw.asymmetric_routing == scenario::AsymmetricRouting::Allow) return true;
    ++st.dropped;
    world_.trace().add(
        {world_.kernel().now(),
         cgw_.tunnels()[static_cast<std::size_t>(cgw_tunnel - 1)]->node_name(), "flow", "", "drop",
         "", "asymmetric-route",
         fmt::format("{} {} on tunnel {}, but the firewall's session for flow {} is on tunnel {}: "
                     "asymmetric routing is dropped",
                     direction, net::brief(p), cgw_tunnel, p.probe.flow, bound)});
    return false;
}

void Flows::on_packet(const TunnelEnd& end, const net::InnerPacket& p) {
    if (end.config().aws_side) {
        for (std::size_t i = 0; i < aws_.size(); ++i) {
            if (aws_[i]->tunnels().front().get() != &end) continue;
            ++to_aws_[i];
            return arrive(Side::Aws, p, static_cast<int>(i + 1));
        }
        return;
    }
    const auto& tunnels = cgw_.tunnels();
    for (std::size_t j = 0; j < tunnels.size(); ++j) {
        if (tunnels[j].get() != &end) continue;
        if (const int n = aws_number_of_cgw_tunnel(j); n != 0) ++to_cgw_[n - 1];
        if (!firewall_passes(p, static_cast<int>(j + 1), "inbound")) return;
        return arrive(Side::Cgw, p, static_cast<int>(j + 1));
    }
}

void Flows::arrive(Side side, const net::InnerPacket& p, int tunnel) {
    auto& st = state_of(p);
    const auto& probe = p.probe;
    world_.trace().add({world_.kernel().now(), side == Side::Aws ? vpc_->name() : onprem_->name(),
                        "flow", "", "recv", "", "delivered",
                        DeferredText::format("{} via tunnel {}", net::brief(p), tunnel)});
    if (probe.reply) {
        ++st.answered;
        st.last_answered = probe.seq;
        return;
    }
    ++st.delivered;
    st.last_delivered = probe.seq;
    if (probe.proto == net::kProtoUdp) return;  // one-way; ping and tcp are answered
    net::InnerPacket reply{p.dst, p.src, {}, p.probe};
    reply.probe.reply = true;
    route_from(side, std::move(reply));
}

void Flows::report(RunResult& r) const {
    for (std::size_t i = 0; i < s_.traffic.size(); ++i) {
        const auto& f = s_.traffic[i];
        const auto& st = states_[i];
        const bool ping = f.kind != scenario::FlowKind::Udp;
        const auto last = static_cast<std::uint32_t>(f.count);
        r.flows.push_back(FlowResult{
            static_cast<int>(i + 1), f.from, f.to, ping, st.sent, st.delivered, st.answered,
            st.dropped, ping ? st.last_answered == last : st.last_delivered == last, f.probe_for,
            scenario::detail::name_of(scenario::detail::kFlowKinds, f.kind)});
    }
    for (std::size_t i = 0; i < r.tunnels.size() && i < to_cgw_.size(); ++i) {
        r.tunnels[i].flow_to_cgw = to_cgw_[i];
        r.tunnels[i].flow_to_aws = to_aws_[i];
    }
    // Each side's choice at the end, for every destination it routes flows to.
    const auto describe = [&](Side side, net::Ipv4Addr dst) {
        const auto c = route::select(side == Side::Aws ? aws_routes() : cgw_routes(), dst,
                                     route::Policy{side == Side::Aws && s_.aws.ecmp}, 0);
        switch (c.verdict) {
            case route::Verdict::NoRoute:
                return std::string("no tunnel: no route");
            case route::Verdict::TunnelDown:
                return std::string("no tunnel: none with a route is UP");
            case route::Verdict::Routed:
                break;
        }
        if (c.decided_by == route::Decider::Ecmp) {
            std::string set;
            for (const int t : c.equal_best) set += fmt::format("{}{}", set.empty() ? "" : ", ", t);
            return fmt::format("tunnels {} (route {}, ecmp)", set, c.route.prefix);
        }
        return fmt::format("tunnel {} (route {}, {})", c.tunnel, c.route.prefix,
                           to_string(c.decided_by));
    };
    for (const auto& f : s_.traffic) {
        if (f.probe_for) continue;  // the probes' verdict is reachability's, not a route line
        const auto aws_dst = f.from_vpc ? f.to : f.from;
        const auto cgw_dst = f.from_vpc ? f.from : f.to;
        for (const auto& [side, dst] : {std::pair{Side::Aws, aws_dst}, {Side::Cgw, cgw_dst}}) {
            RouteChoiceResult rc{side == Side::Aws ? "AWS" : "CGW", dst, describe(side, dst)};
            bool seen = false;
            for (const auto& x : r.routes) seen = seen || (x.side == rc.side && x.dst == rc.dst);
            if (!seen) r.routes.push_back(std::move(rc));
        }
    }
}

}  // namespace vpnsim::run
