// DOC: one simulated world -- kernel, trace, topology, devices -- built from a scenario.
// A run is a pure function of (scenario, seed): simulate() builds a fresh World, runs it for
// the scenario's duration and returns the outcome; nothing is shared between runs, so tests
// and batch commands can build many worlds in one process.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <vector>

#include "models/net/packet.hpp"
#include "sim/kernel/kernel.hpp"
#include "sim/kernel/trace.hpp"
#include "sim/net/topology.hpp"
#include "sim/run/capture.hpp"
#include "sim/run/result.hpp"
#include "sim/scenario/scenario.hpp"

namespace vpnsim::run {

class Node;
class GatewayNode;
class TunnelEnd;
class Flows;

// Ends a runaway scenario: far more than any healthy run needs (a 24 h run of two tunnels
// with keepalives every 10 s is ~100 k events). A budget outside [kMinEventBudget,
// kMaxEventBudget] is a usage error: below, no tunnel could even come up; above, a run could
// take minutes.
inline constexpr std::uint64_t kDefaultEventBudget = 5'000'000;
inline constexpr std::uint64_t kMinEventBudget = 1'000;
inline constexpr std::uint64_t kMaxEventBudget = 100'000'000;
// CloudWatch log events kept per stream (each also a trace record); later ones are counted.
inline constexpr std::size_t kDefaultLogEvents = std::size_t{1} << 14;

// What bounds a run: its events bound its time, its kept records its memory. A run that
// spends its event budget before the scenario's duration is incomplete (RunResult::complete):
// its state is a snapshot, not an outcome. Records beyond a limit are counted, not kept:
// the run itself goes on unchanged.
struct RunLimits {
    std::uint64_t event_budget{kDefaultEventBudget};
    std::size_t trace_records{kernel::kDefaultTraceRecords};
    std::size_t log_events{kDefaultLogEvents};
};

class World {
  public:
    explicit World(const scenario::Scenario& s, const RunLimits& limits = {});
    ~World();
    World(const World&) = delete;
    World& operator=(const World&) = delete;

    kernel::Kernel& kernel() { return kernel_; }
    kernel::Trace& trace() { return trace_; }
    const net::Topology& topology() const { return topology_; }

    kernel::SinkId attach(Node& node);
    // Stores a new packet and sends it one hop from `from` towards its destination.
    void transmit(const Node& from, net::Packet&& p);
    // The stored packet `slot` (valid until it is released: the store's packets never move).
    net::Packet& stored_packet(std::uint64_t slot) { return slab_[slot]; }
    // Sends the stored packet one more hop, from `from` towards its destination.
    void forward(const Node& from, std::uint64_t slot);
    void release_packet(std::uint64_t slot) { free_slots_.push_back(slot); }
    // While building: a device with no links, and the node on it (created right after it).
    net::VertexId add_device(std::string name);
    void adopt(std::unique_ptr<Node> node);
    // A [[traffic]] probe that came out of a tunnel at `end` (sim/run/flows.hpp).
    void on_flow_packet(const TunnelEnd& end, const net::InnerPacket& p);

    const RunLimits& limits() const { return limits_; }
    RunResult run();

    // Records the run's packets and states into `c` (sim/run/capture.hpp); call before run().
    void capture_into(Capture& c);
    bool capturing() const { return capture_ != nullptr; }
    // With a capture: the node that received stored packet `slot` is done with it; the trace
    // records from `records_before` on are what it wrote meanwhile.
    void note_arrival(std::uint64_t slot, std::size_t records_before, bool forwarded);
    // With a capture: records each tunnel end's states that changed (after every event).
    void sample_states();

  private:
    void build();
    aws::TunnelStatus status_of(std::size_t aws_tunnel) const;
    void record_hop(const Node& from, std::uint64_t slot, const net::Topology::Hop& hop);
    std::vector<std::string_view> tunnel_states() const;
    const scenario::Scenario& s_;
    RunLimits limits_;
    kernel::Kernel kernel_;
    kernel::Trace trace_;
    net::Topology topology_;
    std::vector<std::unique_ptr<Node>> nodes_;  // indexed by topology vertex
    GatewayNode* cgw_{nullptr};
    std::vector<GatewayNode*> aws_;  // one per AWS tunnel, in scenario order
    std::unique_ptr<Flows> flows_;   // only when the scenario has [[traffic]]
    std::deque<net::Packet> slab_;   // a deque: a packet keeps its place while others are added
    std::vector<std::uint64_t> free_slots_;
    Capture* capture_{nullptr};
    std::vector<std::size_t> hop_of_slot_;  // with a capture: the last hop of each stored packet
    std::vector<std::string> lane_states_;  // with a capture: each lane's state so far
};

RunResult simulate(const scenario::Scenario& s, const RunLimits& limits = {});

}  // namespace vpnsim::run
