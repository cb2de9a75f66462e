#include "sim/run/world.hpp"

#include <fmt/format.h>

#include "models/common/assert.hpp"
#include "sim/run/configure.hpp"
#include "sim/run/flows.hpp"
#include "sim/run/gateway_node.hpp"

namespace vpnsim::run {

World::World(const scenario::Scenario& s, const RunLimits& limits)
    : s_(s), limits_(limits), kernel_(s.seed), trace_(limits.trace_records) {
    build();
}
World::~World() = default;

kernel::SinkId World::attach(Node& node) {
    return kernel_.add_sink(node);
}

// cgw -- [firewall] -- [nat] -- [path: outage, loss] -- internet -- aws-t1
//                          \-- aws-t2
void World::build() {
    auto add = [&](auto node) -> auto& {
        auto& ref = *node;
        nodes_.push_back(std::move(node));
        return ref;
    };
    // One node per device: cgw, up to three boxes on the path, internet, the AWS endpoints and
    // the two [[traffic]] hosts.
    nodes_.reserve(7 + s_.aws.tunnels.size());
    aws_.reserve(s_.aws.tunnels.size());
    const auto cgw_v = topology_.add_device("cgw");
    topology_.add_address(cgw_v, s_.cgw.outside_ip);
    cgw_ = &add(std::make_unique<GatewayNode>(*this, "cgw", cgw_v, s_.cgw.outside_ip));

    net::VertexId edge = cgw_v;
    using scenario::Block;
    const auto& path = s_.path;
    if (path.blocks(Block::Udp500) || path.blocks(Block::Udp4500) || path.blocks(Block::Esp)) {
        const auto fw_v = topology_.add_device("firewall");
        topology_.add_link(cgw_v, fw_v, SimTime::zero());
        add(std::make_unique<FirewallNode>(*this, "firewall", fw_v, path.blocks(Block::Udp500),
                                           path.blocks(Block::Udp4500), path.blocks(Block::Esp)));
        edge = fw_v;
    }
    if (s_.path.nat != scenario::NatMode::None) {
        const auto nat_v = topology_.add_device("nat");
        const auto pub = cgw_public_ip(s_);
        topology_.add_address(nat_v, pub);
        topology_.add_link(edge, nat_v, SimTime::zero());
        const auto kind =
            s_.path.nat == scenario::NatMode::Pat ? net::NatKind::Pat : net::NatKind::Static;
        add(std::make_unique<NatNode>(
            *this, "nat", nat_v,
            net::NatBox(kind, s_.cgw.outside_ip, pub, s_.path.nat_udp_timeout)));
        edge = nat_v;
    }
    if (s_.path.outage || s_.path.loss > 0.0) {
        const auto path_v = topology_.add_device("path");
        topology_.add_link(edge, path_v, SimTime::zero());
        std::optional<PathNode::Window> outage;
        if (const auto& o = s_.path.outage)
            outage = PathNode::Window{o->start, o->start + o->duration};
        add(std::make_unique<PathNode>(*this, "path", path_v, outage, s_.path.loss));
        edge = path_v;
    }
    // Packets cross the path with its delay: a FIFO lane for it in the kernel (kernel.hpp).
    kernel_.add_lane(s_.path.delay);
    const auto inet_v = topology_.add_device("internet");
    topology_.add_link(edge, inet_v, SimTime::zero());
    add(std::make_unique<Router>(*this, "internet", inet_v));

    for (std::size_t i = 0; i < s_.aws.tunnels.size(); ++i) {
        const auto& t = s_.aws.tunnels[i];
        const auto name = "aws-t" + std::to_string(i + 1);
        const auto v = topology_.add_device(name);
        topology_.add_address(v, t.outside_ip);
        topology_.add_link(inet_v, v, s_.path.delay);
        auto& node = add(std::make_unique<GatewayNode>(*this, name, v, t.outside_ip));
        node.add_tunnel(aws_tunnel_config(s_, i));
        aws_.push_back(&node);
    }
    for (std::size_t i = 0; i < s_.cgw.tunnels.size(); ++i) {
        cgw_->add_tunnel(cgw_tunnel_config(s_, i));
    }
    cgw_->set_events(s_.cgw.events);
    if (!s_.traffic.empty()) flows_ = std::make_unique<Flows>(*this, s_, *cgw_, aws_);
    topology_.freeze();
}

net::VertexId World::add_device(std::string name) {
    return topology_.add_device(std::move(name));
}

void World::adopt(std::unique_ptr<Node> node) {
    nodes_.push_back(std::move(node));
}

void World::on_flow_packet(const TunnelEnd& end, const net::InnerPacket& p) {
    if (flows_) flows_->on_packet(end, p);
}

void World::transmit(const Node& from, net::Packet&& p) {
    std::uint64_t slot = 0;
    if (free_slots_.empty()) {
        slot = slab_.size();
        slab_.push_back(std::move(p));
    } else {
        slot = free_slots_.back();
        free_slots_.pop_back();
        slab_[slot] = std::move(p);
    }
    if (capture_) [[unlikely]] {
        hop_of_slot_.resize(slab_.size(), kNoHop);
        if (capture_->trips.size() < capture_->max_hops) {
            hop_of_slot_[slot] = kNoHop;  // a new trip, kept
            capture_->trips.push_back(slab_[slot]);
        } else {
            hop_of_slot_[slot] = kUntracked;
        }
    }
    forward(from, slot);
}

void World::forward(const Node& from, std::uint64_t slot) {
    const auto& p = slab_[slot];
    const auto hop = topology_.next_hop(from.vertex(), p.dst);
    if (!hop) {
        if (capture_) note_arrival(slot, trace_.records().size(), false);
        trace_.add({kernel_.now(), from.name(), "link", "", "drop", "", "no-route",
                    DeferredText::format("{}", net::brief(p))});
        release_packet(slot);
        return;
    }
    if (capture_) [[unlikely]]
        record_hop(from, slot, *hop);
    // Node i sits on vertex i: nodes are created in the same order as their vertices.
    kernel_.schedule(hop->delay, static_cast<kernel::SinkId>(hop->next), kPacketArrival, slot);
}

RunResult World::run() {
    cgw_->start();
    for (auto* a : aws_) a->start();
    if (flows_) flows_->start();
    RunResult r;
    r.vpn_id = s_.aws.vpn_id;
    r.stats = kernel_.run(s_.duration, limits_.event_budget);
    for (std::size_t i = 0; i < aws_.size(); ++i) {
        TunnelEnd& t = *aws_[i]->tunnels().front();
        TunnelResult tr;
        tr.number = static_cast<int>(i + 1);
        tr.outside_ip = s_.aws.tunnels[i].outside_ip;
        tr.inside_cidr = s_.aws.tunnels[i].inside_cidr;
        tr.dynamic = s_.aws.routing == scenario::Routing::Dynamic;
        tr.ike_state = t.phase1_state();
        tr.child_state = t.phase2_state();
        if (t.ipsec_up()) {
            tr.selectors_aws = ipsec::to_string(t.ike_data().child->local_ts);
            tr.selectors_cgw = ipsec::to_string(t.ike_data().child->remote_ts);
            tr.ts_aws = t.ike_data().child->local_ts;
            tr.ts_cgw = t.ike_data().child->remote_ts;
        }
        for (const auto& ch : t.ike_data().more_children) {
            tr.further_sas.push_back({ch.local_ts, ch.remote_ts});
        }
        if (const auto* b = t.bgp()) {
            tr.bgp_state = bgp::to_string(b->state());
            tr.bgp_up_at = b->established_at();
            tr.accepted_routes = b->accepted_routes();
        }
        tr.status = status_of(i);
        tr.last_status_change = t.last_status_change();
        tr.nat_t_detected = t.ike_data().nat_detected();
        tr.ike_up_at = t.ike_up_at();
        tr.child_up_at = t.child_up_at();
        tr.selectors_since = t.selectors_since();
        tr.sa_replacements = t.sa_replacements();
        tr.logs = t.take_logs();
        r.log_events_dropped += tr.logs.dropped;
        r.tunnels.push_back(std::move(tr));
    }
    if (flows_) flows_->report(r);
    r.trace = std::move(trace_);
    return r;
}

aws::TunnelStatus World::status_of(std::size_t aws_tunnel) const {
    const TunnelEnd& t = *aws_[aws_tunnel]->tunnels().front();
    aws::TunnelFacts facts{s_.aws.routing == scenario::Routing::Dynamic, t.ipsec_up(), false, 0};
    if (const auto* b = t.bgp()) {
        facts.bgp_established = b->state() == bgp::State::Established;
        facts.accepted_routes = b->accepted_routes();
    }
    return aws::tunnel_status(facts);
}

RunResult simulate(const scenario::Scenario& s, const RunLimits& limits) {
    World w(s, limits);
    return w.run();
}

}  // namespace vpnsim::run
