// DOC: a device that terminates tunnels: the CGW (one TunnelEnd per configured tunnel) or an
// AWS tunnel endpoint (exactly one). It demultiplexes what arrives on its outside address:
// IKE by peer address, ESP (raw or UDP 4500) by inbound SPI.
#pragma once

#include <memory>
#include <vector>

#include "sim/run/node.hpp"
#include "sim/run/tunnel_end.hpp"
#include "sim/scenario/scenario.hpp"

namespace vpnsim::run {

class GatewayNode final : public Node {
  public:
    GatewayNode(World& world, std::string_view name, net::VertexId vertex, net::Ipv4Addr outside)
        : Node(world, name, vertex), outside_(outside) {}

    TunnelEnd& add_tunnel(TunnelEndConfig cfg);
    // The CGW's life events ([[cgw.event]]), armed by start().
    void set_events(std::vector<scenario::CgwEvent> events) { events_ = std::move(events); }
    void start();
    const std::vector<std::unique_ptr<TunnelEnd>>& tunnels() const { return tunnels_; }
    // Rebooting or silent, nothing leaves or arrives on the outside interface: then traces the
    // packet as dropped there (cgw-offline) and returns true.
    bool dropped_offline(const net::Packet& p);

  protected:
    Fate receive(net::Packet& p) override;
    void on_timer(std::uint64_t token) override;

  private:
    void on_life_event(std::size_t index, bool ends);
    net::Ipv4Addr outside_;
    std::vector<std::unique_ptr<TunnelEnd>> tunnels_;
    std::vector<scenario::CgwEvent> events_;
    bool offline_{false};
};

}  // namespace vpnsim::run
