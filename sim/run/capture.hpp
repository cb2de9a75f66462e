// DOC: a packet capture and state log of one run, for the HTML report's ladder and timeline.
// Off unless a command asks for it (World::capture_into): the runs of the fix search, explore
// and fleet never pay for it beyond a null check. When on, the world records every hop a
// packet makes on the simulated wire (who sent it to whom, when it left and arrived, and
// whether the receiver dropped it -- tied to the trace record that says why), a copy of each
// packet as it was first sent (for its fields), and, after every event, each tunnel end's
// states (IKE SA, CHILD_SA, TCP, BGP, and the AWS tunnel Status) whenever one changed.
// Bounded like the trace: hops past max_hops are counted, not kept.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "models/common/time.hpp"
#include "models/net/brief.hpp"
#include "models/net/packet.hpp"
#include "sim/net/topology.hpp"

namespace vpnsim::run {

// World's per-packet note of its last captured hop: none yet, or not kept (the capture is full).
inline constexpr std::size_t kNoHop = static_cast<std::size_t>(-1);
inline constexpr std::size_t kUntracked = static_cast<std::size_t>(-2);

// One hop of one packet: from a device to the next one on its way.
struct WireHop {
    SimTime sent{};
    SimTime arrives{};
    net::VertexId from{0};
    net::VertexId to{0};
    std::uint32_t trip{0};       // the packet's whole journey (index into Capture::trips)
    net::PacketBrief brief;      // as it left `from` (after any NAT rewrite)
    bool arrived{false};         // the receiver got it (false: still in flight at the end)
    bool dropped{false};         // the receiver discarded it
    std::size_t drop_record{0};  // when dropped: the trace record saying why
};

// A state lane: one state machine of one tunnel end ("aws-t1", "BGP").
struct Lane {
    std::string node;
    std::string_view machine;  // "IKE SA", "CHILD_SA", "TCP", "BGP", "Status"
};

struct StateChange {
    SimTime t{};
    std::uint16_t lane{0};
    std::string state;  // "Established", "UP", "DOWN (IPSEC IS UP)"
};

struct Capture {
    explicit Capture(std::size_t max = 200'000) : max_hops(max) {}
    std::size_t max_hops;
    std::size_t hops_not_kept{0};
    std::vector<std::string> vertices;  // device names by topology vertex
    std::vector<net::Packet> trips;     // each packet as its sender sent it
    std::vector<WireHop> hops;          // in the order they left
    std::vector<Lane> lanes;
    std::vector<StateChange> changes;  // in time order; every lane starts at t = 0
};

}  // namespace vpnsim::run
