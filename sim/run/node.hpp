// DOC: devices on the simulated network.
// A Node is a kernel event sink placed on a topology vertex. Packets arrive as kernel events
// (the packet itself waits in the world's packet store); timers are events the node armed for
// itself. Router and NatNode forward; GatewayNode (gateway_node.hpp) terminates tunnels.
// A packet stays in the store for its whole trip: a node receives it by reference and, to pass
// it on, says Fate::Forward -- the same stored packet is scheduled to the next hop, never
// copied or moved (the hops of the many keepalives are most of a run's events).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "models/common/deferred_text.hpp"
#include "models/net/brief.hpp"
#include "models/net/packet.hpp"
#include "sim/kernel/kernel.hpp"
#include "sim/net/nat.hpp"
#include "sim/net/topology.hpp"

namespace vpnsim::run {

class World;

enum EventKind : std::uint32_t { kPacketArrival = 1, kTimerExpiry = 2 };

// What a device did with a packet it received.
enum class Fate : bool { Done, Forward };  // Done: consumed or dropped (and traced)

class Node : public kernel::EventSink {
  public:
    Node(World& world, std::string_view name, net::VertexId vertex);
    std::string_view name() const { return name_; }
    World& world() { return world_; }
    net::VertexId vertex() const { return vertex_; }
    void on_event(SimTime now, std::uint32_t kind, std::uint64_t arg) final;

    // Inline: every timer and trace record of the run asks for these.
    SimTime now() const { return kernel_.now(); }
    kernel::EventId arm(SimTime after, std::uint64_t token) {
        return kernel_.schedule(after, sink_, kTimerExpiry, token);
    }
    void cancel(kernel::EventId id) { kernel_.cancel(id); }
    void send(net::Packet&& p);  // a new packet from this device, towards p.dst
    // Traces a packet this device discards: "<packet>" or "<packet>: <detail>".
    void drop(const net::Packet& p, std::string_view reason);
    void drop(const net::Packet& p, std::string_view reason, std::string detail);
    void trace_drop(std::string_view reason, DeferredText detail);

  protected:
    // The packet lives in the world's store until this returns; Fate::Forward sends it on
    // towards its (possibly rewritten) destination.
    virtual Fate receive(net::Packet& p) = 0;
    virtual void on_timer(std::uint64_t /*token*/) {}
    World& world_;

  private:
    void arrive(std::uint64_t slot);  // a packet from the world's store, to receive()
    void on_event_captured(std::uint32_t kind, std::uint64_t arg);
    kernel::Kernel& kernel_;  // the world's
    std::string_view name_;   // interned in the world's trace
    net::VertexId vertex_;
    kernel::SinkId sink_;
};

class Router : public Node {
  public:
    using Node::Node;

  protected:
    Fate receive(net::Packet& /*p*/) override { return Fate::Forward; }
};

class NatNode : public Node {
  public:
    NatNode(World& world, std::string_view name, net::VertexId vertex, net::NatBox box)
        : Node(world, name, vertex), box_(std::move(box)) {}

  protected:
    Fate receive(net::Packet& p) override;

  private:
    net::NatBox box_;
};

// A stateless packet filter in front of the CGW: drops IKE (udp/500), NAT-T (udp/4500) and
// raw ESP (protocol 50) in both directions when the scenario blocks them.
class FirewallNode : public Node {
  public:
    FirewallNode(World& world, std::string_view name, net::VertexId vertex, bool udp500,
                 bool udp4500, bool esp)
        : Node(world, name, vertex), udp500_(udp500), udp4500_(udp4500), esp_(esp) {}

  protected:
    Fate receive(net::Packet& p) override;

  private:
    bool udp500_;
    bool udp4500_;
    bool esp_;
};

// The path itself misbehaving, in both directions; placed between the CGW's edge and the
// internet. An outage (an ISP outage, a pulled cable) loses every packet crossing it in
// [start, end); random loss drops each other packet independently with probability `loss`,
// drawn from the seeded "path.loss" stream (our own uniform draw, kernel/rng.hpp).
class PathNode : public Node {
  public:
    struct Window {
        SimTime start;
        SimTime end;
    };
    PathNode(World& world, std::string_view name, net::VertexId vertex,
             std::optional<Window> outage, double loss)
        : Node(world, name, vertex), outage_(outage), loss_(loss) {}

  protected:
    Fate receive(net::Packet& p) override;

  private:
    std::optional<Window> outage_;
    double loss_;
};

// One line summary of a packet for trace details (models/net/brief.hpp):
// "udp 198.51.100.10:500 -> 203.0.113.10:500 IKE_SA_INIT request".
std::string describe(const net::Packet& p);
std::string describe(const net::InnerPacket& p);

}  // namespace vpnsim::run
