// DOC: the network between the CGW and AWS, held in a Boost.Graph and used for forwarding.
// Vertices are devices (CGW, NAT box, the Internet, each AWS tunnel endpoint); edges are links
// with a one-way delay. Each device owns the addresses it answers for. Forwarding is hop by
// hop along the least-delay path (computed once when the topology is frozen: Dijkstra, or a
// plain walk when the links form no cycle and each path is the only one), so a NAT box on the
// path sees -- and rewrites -- every packet that crosses it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <boost/container/flat_map.hpp>

#include "models/common/ipv4.hpp"
#include "models/common/time.hpp"

namespace vpnsim::net {

using VertexId = std::uint32_t;

class Topology {
  public:
    VertexId add_device(std::string name);
    void add_address(VertexId v, Ipv4Addr a);
    void add_link(VertexId a, VertexId b, SimTime delay);
    // Computes next hops; call once after the last add_*.
    void freeze();

    const std::string& name(VertexId v) const { return names_.at(v); }
    std::size_t size() const { return names_.size(); }
    std::optional<VertexId> owner(Ipv4Addr a) const;
    struct Hop {
        VertexId next;
        SimTime delay;
    };
    // The next hop from `from` towards the device owning `dst`; nullopt when unreachable.
    std::optional<Hop> next_hop(VertexId from, Ipv4Addr dst) const;
    // Graphviz rendering of the topology (devices, addresses, link delays).
    std::string to_dot() const;

  private:
    struct Link {
        VertexId a;
        VertexId b;
        SimTime delay;
    };
    std::vector<std::string> names_;
    std::vector<std::vector<Ipv4Addr>> addresses_;
    std::vector<Link> links_;
    boost::container::flat_map<Ipv4Addr, VertexId> owners_;  // looked up for every packet hop
    // next_[from * size() + to] = first hop on the least-delay path, or from itself when
    // unreachable.
    std::vector<Hop> next_;
    bool frozen_{false};
};

}  // namespace vpnsim::net
