// DOC: data traffic across the VPN connection: the scenario's [[traffic]] flows, and the route
// choice each side makes for them.
// Two hosts stand at the ends: "vpc" (any address in aws.vpc_cidr, behind the gateway) and
// "onprem" (behind the CGW). Each flow sends `count` probes -- ICMP echo requests, answered
// by echo replies, or one-way UDP -- and every probe and reply is routed, per packet, by the
// device it enters:
//  - AWS (node "vgw"/"tgw") picks a tunnel among the routes each tunnel's BGP session
//    accepted (AS_PATH length and MED as the CGW announced them), or among the connection's
//    static routes, on the tunnels that are UP -- models/route/select.hpp, with ECMP by a
//    flow hash when the transit gateway has VPN ECMP support;
//  - the CGW (node "cgw") picks among its own tunnels by its local preference, then tunnel
//    order, among the routes its BGP sessions accepted -- AWS's speaker advertises the VPC
//    CIDR -- on tunnels whose session is Established; a CGW without BGP routes by its own
//    static_routes, or the VPC CIDR into every tunnel whose IPsec SA is up.
// The CGW's stateful firewall binds a flow's session to the tunnel its first packet used (in
// or out); with asymmetric_routing = "drop" a later packet of the flow on another tunnel is
// dropped (reason asymmetric-route) -- the classic failure when AWS and the CGW prefer
// different tunnels. A session whose tunnel lost its IPsec SA moves to the next one.
// The trace shows each side's path for a flow whenever it is first chosen or changes
// (fsm=route "path", reason = the deciding rule), every delivery (fsm=flow "recv") with the
// tunnel it came through, and every drop with its reason (no-route, tunnel-down,
// asymmetric-route here; selector-mismatch and the like in the tunnel ends).
// Packet size (models/aws/tunnel_mtu.hpp): a probe has a size and a DF bit. AWS drops a packet
// with DF larger than its tunnel carries, silently (no path-MTU discovery: reason
// mtu-exceeded); the CGW drops one larger than its tunnel_mtu or the ESP maximum with an
// ICMP fragmentation-needed, after which that flow's sender uses the smaller size (RFC 1191;
// reason needs-fragmentation); without DF both fragment and carry it. A tcp flow's segments are
// no larger than the CGW's MSS clamp + 40 (the clamp rewrote both SYNs).
// Left out: TTL, ICMP errors otherwise, reassembly costs, and more than one host per side.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string_view>
#include <vector>

#include "models/net/packet.hpp"
#include "models/route/select.hpp"
#include "sim/run/node.hpp"
#include "sim/run/result.hpp"
#include "sim/scenario/scenario.hpp"

namespace vpnsim::run {

class GatewayNode;
class TunnelEnd;

class Flows {
  public:
    // Adds the two host nodes ("vpc", "onprem") to the world; call while building it.
    Flows(World& world, const scenario::Scenario& s, GatewayNode& cgw,
          std::span<GatewayNode* const> aws);
    ~Flows();

    void start();  // arms every flow's first probe
    // A probe that came out of a tunnel (decrypted and selector-checked) at this end.
    void on_packet(const TunnelEnd& end, const net::InnerPacket& p);
    // Fills flows, routes and the tunnels' flow counts.
    void report(RunResult& r) const;

  private:
    class Host;
    enum class Side : std::uint8_t { Aws, Cgw };
    struct State {
        std::uint32_t next_seq{1};
        int sent{0};
        int delivered{0};
        int answered{0};
        int dropped{0};
        std::uint32_t last_delivered{0};
        std::uint32_t last_answered{0};
        int aws_path{0};  // the tunnel AWS last chose for this flow (0: none yet)
        int cgw_path{0};
        int session{0};         // the CGW firewall's tunnel for this flow (0: no session yet)
        std::uint16_t pmtu{0};  // the on-premises sender's path MTU, once the CGW told it
    };

    void fire(std::size_t flow);
    void route_from(Side side, net::InnerPacket p);
    void arrive(Side side, const net::InnerPacket& p, int tunnel);
    bool firewall_passes(const net::InnerPacket& p, int cgw_tunnel, std::string_view direction);
    // Packet size against the tunnel's MTU (models/aws/tunnel_mtu.hpp): false when dropped.
    bool fits_aws(const TunnelEnd& end, const net::InnerPacket& p);
    bool fits_cgw(const TunnelEnd& end, net::InnerPacket& p);
    void note_path(Side side, const net::InnerPacket& p, const route::Choice& c);
    // detail: the whole line after the reason, the packet included.
    void drop(std::string_view node, std::string_view reason, const net::InnerPacket& p,
              DeferredText detail);
    // Each side's routing table as the tunnels stand now, rebuilt for every probe packet (their
    // state changes under the flows) into storage kept between packets: valid until the next
    // call for the same side.
    const std::vector<route::TunnelRoutes>& aws_routes() const;
    const std::vector<route::TunnelRoutes>& cgw_routes() const;
    std::uint64_t flow_hash(const net::InnerPacket& p) const;
    int aws_number_of_cgw_tunnel(std::size_t cgw_index) const;  // 0: none
    State& state_of(const net::InnerPacket& p) { return states_[p.probe.flow - 1]; }

    World& world_;
    const scenario::Scenario& s_;
    GatewayNode& cgw_;
    std::vector<GatewayNode*> aws_;
    std::string_view gateway_name_;  // "vgw" or "tgw"
    Host* vpc_{nullptr};
    Host* onprem_{nullptr};
    std::vector<State> states_;
    std::vector<int> to_cgw_;  // by AWS tunnel index
    std::vector<int> to_aws_;
    mutable std::vector<route::TunnelRoutes> aws_table_;  // aws_routes()' storage
    mutable std::vector<route::TunnelRoutes> cgw_table_;
};

}  // namespace vpnsim::run
