#include "sim/net/topology.hpp"

#include <fmt/format.h>

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/dijkstra_shortest_paths.hpp>
#include <limits>

#include "models/common/assert.hpp"

namespace vpnsim::net {
namespace {

using Graph =
    boost::adjacency_list<boost::vecS, boost::vecS, boost::undirectedS, boost::no_property,
                          boost::property<boost::edge_weight_t, std::int64_t>>;

}  // namespace

VertexId Topology::add_device(std::string name) {
    VPNSIM_ASSERT(!frozen_, "topology changed after freeze()");
    names_.push_back(std::move(name));
    addresses_.emplace_back();
    return static_cast<VertexId>(names_.size() - 1);
}

void Topology::add_address(VertexId v, Ipv4Addr a) {
    addresses_.at(v).push_back(a);
    owners_[a] = v;
}

void Topology::add_link(VertexId a, VertexId b, SimTime delay) {
    VPNSIM_ASSERT(!frozen_, "topology changed after freeze()");
    links_.push_back(Link{a, b, delay});
}

void Topology::freeze() {
    const auto n = names_.size();
    Graph g(n);
    for (const auto& l : links_) {
        // +1 ns per hop so that among equal-delay paths the one with fewer hops wins.
        boost::add_edge(l.a, l.b, l.delay.count() + 1, g);
    }
    next_.assign(n, std::vector<Hop>(n, Hop{0, SimTime::zero()}));
    for (VertexId src = 0; src < n; ++src) {
        std::vector<Graph::vertex_descriptor> pred(n);
        std::vector<std::int64_t> dist(n);
        boost::dijkstra_shortest_paths(
            g, src, boost::predecessor_map(pred.data()).distance_map(dist.data()));
        for (VertexId dst = 0; dst < n; ++dst) {
            // Walk back from dst until the vertex whose predecessor is src.
            VertexId hop = dst;
            while (hop != src && pred[hop] != src) {
                if (pred[hop] == hop) break;  // unreachable
                hop = static_cast<VertexId>(pred[hop]);
            }
            const bool reachable = dst == src || pred[hop] == src;
            next_[src][dst] = Hop{reachable ? hop : src, SimTime::zero()};
        }
    }
    // Fill in link delays for each first hop.
    for (VertexId src = 0; src < n; ++src) {
        for (auto& hop : next_[src]) {
            for (const auto& l : links_) {
                if ((l.a == src && l.b == hop.next) || (l.b == src && l.a == hop.next)) {
                    hop.delay = l.delay;
                    break;
                }
            }
        }
    }
    frozen_ = true;
}

std::optional<VertexId> Topology::owner(Ipv4Addr a) const {
    const auto it = owners_.find(a);
    if (it == owners_.end()) return std::nullopt;
    return it->second;
}

std::optional<Topology::Hop> Topology::next_hop(VertexId from, Ipv4Addr dst) const {
    VPNSIM_ASSERT(frozen_, "next_hop() before freeze()");
    const auto to = owner(dst);
    if (!to || *to == from) return std::nullopt;
    const Hop h = next_[from][*to];
    if (h.next == from) return std::nullopt;
    return h;
}

std::string Topology::to_dot() const {
    std::string out = "graph topology {\n  node [shape=box];\n";
    for (VertexId v = 0; v < names_.size(); ++v) {
        std::string label = names_[v];
        for (const auto a : addresses_[v]) label += fmt::format("\\n{}", a);
        out += fmt::format("  n{} [label=\"{}\"];\n", v, label);
    }
    for (const auto& l : links_) {
        out += fmt::format("  n{} -- n{} [label=\"{}\"];\n", l.a, l.b, format_time(l.delay));
    }
    return out + "}\n";
}

}  // namespace vpnsim::net
