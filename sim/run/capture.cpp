// The world's side of a capture (sim/run/capture.hpp): hops, arrivals and state samples.
#include "sim/run/capture.hpp"

#include <string>

#include "models/bgp/fsm.hpp"
#include "models/tcp/connection.hpp"
#include "sim/run/bgp_speaker.hpp"
#include "sim/run/gateway_node.hpp"
#include "sim/run/node.hpp"
#include "sim/run/tunnel_end.hpp"
#include "sim/run/world.hpp"

namespace vpnsim::run {
namespace {

constexpr std::string_view kMachines[] = {"IKE SA", "CHILD_SA", "TCP", "BGP"};

void add_states(std::vector<std::string_view>& out, const TunnelEnd& t) {
    out.push_back(t.phase1_state());
    out.push_back(t.phase2_state());
    const auto* b = t.bgp();
    out.push_back(b != nullptr ? tcp::to_string(b->tcp_state()) : std::string_view("-"));
    out.push_back(b != nullptr ? bgp::to_string(b->state()) : std::string_view("-"));
}

}  // namespace

void World::capture_into(Capture& c) {
    capture_ = &c;
    c.vertices.clear();
    for (std::size_t v = 0; v < topology_.size(); ++v) {
        c.vertices.push_back(topology_.name(static_cast<net::VertexId>(v)));
    }
    // Lanes: each CGW tunnel end, then each AWS tunnel end with its Status.
    c.lanes.clear();
    const auto add_lanes = [&](const TunnelEnd& t) {
        for (const auto m : kMachines) c.lanes.push_back({std::string(t.node_name()), m});
    };
    for (const auto& t : cgw_->tunnels()) add_lanes(*t);
    for (const auto* a : aws_) {
        add_lanes(*a->tunnels().front());
        c.lanes.push_back({std::string(a->tunnels().front()->node_name()), "Status"});
    }
    lane_states_.assign(c.lanes.size(), std::string());
    c.changes.clear();
    sample_states();
}

std::vector<std::string_view> World::tunnel_states() const {
    std::vector<std::string_view> out;
    for (const auto& t : cgw_->tunnels()) add_states(out, *t);
    for (const auto* a : aws_) {
        add_states(out, *a->tunnels().front());
        out.push_back("");  // Status: filled by sample_states
    }
    return out;
}

void World::sample_states() {
    const auto states = tunnel_states();
    std::size_t aws_index = 0;
    for (std::size_t lane = 0; lane < states.size(); ++lane) {
        std::string state(states[lane]);
        if (capture_->lanes[lane].machine == "Status") {
            const auto st = status_of(aws_index++);
            state = st.status() + " (" + st.message + ")";
        }
        if (state == lane_states_[lane]) continue;
        lane_states_[lane] = state;
        capture_->changes.push_back(
            {kernel_.now(), static_cast<std::uint16_t>(lane), std::move(state)});
    }
}

void World::record_hop(const Node& from, std::uint64_t slot, const net::Topology::Hop& hop) {
    if (hop_of_slot_[slot] == kUntracked || capture_->hops.size() >= capture_->max_hops) {
        ++capture_->hops_not_kept;
        hop_of_slot_[slot] = kUntracked;
        return;
    }
    const auto previous = hop_of_slot_[slot];
    const auto trip = previous == kNoHop ? static_cast<std::uint32_t>(capture_->trips.size() - 1)
                                         : capture_->hops[previous].trip;
    WireHop h;
    h.sent = kernel_.now();
    h.arrives = kernel_.now() + hop.delay;
    h.from = from.vertex();
    h.to = hop.next;
    h.trip = trip;
    h.brief = net::brief(slab_[slot]);
    hop_of_slot_[slot] = capture_->hops.size();
    capture_->hops.push_back(h);
}

void World::note_arrival(std::uint64_t slot, std::size_t records_before, bool forwarded) {
    const auto index = hop_of_slot_[slot];
    if (index == kNoHop || index == kUntracked) return;
    auto& h = capture_->hops[index];
    h.arrived = true;
    if (forwarded) return;
    // Dropped here when the node traced a drop of this very packet while it had it.
    std::string brief;
    net::append(brief, h.brief);
    const auto& records = trace_.records();
    for (std::size_t i = records_before; i < records.size(); ++i) {
        if (records[i].event != "drop") continue;
        if (records[i].detail.str().starts_with(brief)) {
            h.dropped = true;
            h.drop_record = i;
            return;
        }
    }
}

}  // namespace vpnsim::run
