#include "sim/net/topology.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/dijkstra_shortest_paths.hpp>
#include <boost/range/iterator_range.hpp>
#include <limits>

#include "models/common/assert.hpp"

namespace vpnsim::net {
namespace {

// cgw, firewall, nat, path, internet, two AWS endpoints, the VPC and on-premises hosts.
constexpr std::size_t kUsualDevices = 9;

using Graph =
    boost::adjacency_list<boost::vecS, boost::vecS, boost::undirectedS, boost::no_property,
                          boost::property<boost::edge_weight_t, std::int64_t>>;

}  // namespace

VertexId Topology::add_device(std::string name) {
    VPNSIM_ASSERT(!frozen_, "topology changed after freeze()");
    if (names_.empty()) {  // room for the usual network: no regrowth while it is built
        names_.reserve(kUsualDevices);
        addresses_.reserve(kUsualDevices);
    }
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

namespace {

constexpr VertexId kUnreached = std::numeric_limits<VertexId>::max();

// True when the graph has no cycle (parallel links and self-loops count as cycles): then each
// pair of devices is joined by at most one path, whatever the delays.
bool is_forest(const Graph& g) {
    std::vector<std::size_t> root(boost::num_vertices(g));
    for (std::size_t v = 0; v < root.size(); ++v) root[v] = v;
    const auto find = [&](std::size_t v) {
        while (root[v] != v) v = root[v] = root[root[v]];
        return v;
    };
    for (const auto e : boost::make_iterator_range(boost::edges(g))) {
        const auto a = find(boost::source(e, g));
        const auto b = find(boost::target(e, g));
        if (a == b) return false;
        root[a] = b;
    }
    return true;
}

// First hops in a forest: the one path from each source, found by a walk instead of Dijkstra
// (same result, as the path is unique). first[v]: the neighbour of src the walk reached v by.
void first_hops_by_walk(const Graph& g, std::vector<Topology::Hop>& next) {
    const auto n = boost::num_vertices(g);
    std::vector<VertexId> first(n);
    std::vector<VertexId> stack;
    stack.reserve(n);
    for (VertexId src = 0; src < n; ++src) {
        std::fill(first.begin(), first.end(), kUnreached);
        first[src] = src;
        stack.push_back(src);
        while (!stack.empty()) {
            const VertexId u = stack.back();
            stack.pop_back();
            for (const auto v : boost::make_iterator_range(boost::adjacent_vertices(u, g))) {
                if (first[v] != kUnreached) continue;
                first[v] = u == src ? static_cast<VertexId>(v) : first[u];
                stack.push_back(static_cast<VertexId>(v));
            }
        }
        for (VertexId dst = 0; dst < n; ++dst) {
            next[src * n + dst].next = first[dst] == kUnreached ? src : first[dst];
        }
    }
}

// First hops along the least-delay paths from each source.
void first_hops_by_dijkstra(const Graph& g, std::vector<Topology::Hop>& next) {
    const auto n = boost::num_vertices(g);
    std::vector<Graph::vertex_descriptor> pred(n);
    std::vector<std::int64_t> dist(n);
    for (VertexId src = 0; src < n; ++src) {
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
            next[src * n + dst].next = reachable ? hop : src;
        }
    }
}

}  // namespace

void Topology::freeze() {
    const auto n = names_.size();
    Graph g(n);
    for (const auto& l : links_) {
        // +1 ns per hop so that among equal-delay paths the one with fewer hops wins.
        boost::add_edge(l.a, l.b, l.delay.count() + 1, g);
    }
    next_.assign(n * n, Hop{0, SimTime::zero()});
    if (is_forest(g)) {
        first_hops_by_walk(g, next_);
    } else {
        first_hops_by_dijkstra(g, next_);
    }
    // Fill in link delays for each first hop.
    for (VertexId src = 0; src < n; ++src) {
        for (VertexId dst = 0; dst < n; ++dst) {
            auto& hop = next_[src * n + dst];
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
    // A world has a handful of addresses: scanning them costs fewer instructions per packet hop
    // than the binary search (a replay looks one up for every hop).
    if (owners_.size() <= 8) {
        for (const auto& [addr, v] : owners_) {
            if (addr == a) return v;
        }
        return std::nullopt;
    }
    const auto it = owners_.find(a);
    if (it == owners_.end()) return std::nullopt;
    return it->second;
}

std::optional<Topology::Hop> Topology::next_hop(VertexId from, Ipv4Addr dst) const {
    VPNSIM_ASSERT(frozen_, "next_hop() before freeze()");
    const auto to = owner(dst);
    if (!to || *to == from) return std::nullopt;
    const Hop h = next_[from * names_.size() + *to];
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
