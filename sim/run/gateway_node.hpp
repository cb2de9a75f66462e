// DOC: a device that terminates tunnels: the CGW (one TunnelEnd per configured tunnel) or an
// AWS tunnel endpoint (exactly one). It demultiplexes what arrives on its outside address:
// IKE by peer address, ESP (raw or UDP 4500) by inbound SPI.
#pragma once

#include <memory>
#include <vector>

#include "sim/run/node.hpp"
#include "sim/run/tunnel_end.hpp"

namespace vpnsim::run {

class GatewayNode final : public Node {
  public:
    GatewayNode(World& world, std::string_view name, net::VertexId vertex, net::Ipv4Addr outside)
        : Node(world, name, vertex), outside_(outside) {}

    TunnelEnd& add_tunnel(TunnelEndConfig cfg);
    void start();
    const std::vector<std::unique_ptr<TunnelEnd>>& tunnels() const { return tunnels_; }

  protected:
    void receive(net::Packet p) override;
    void on_timer(std::uint64_t token) override;

  private:
    net::Ipv4Addr outside_;
    std::vector<std::unique_ptr<TunnelEnd>> tunnels_;
};

}  // namespace vpnsim::run
