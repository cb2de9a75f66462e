#include "sim/run/node.hpp"

#include <fmt/format.h>

#include <type_traits>

#include "models/net/brief.hpp"
#include "sim/run/world.hpp"

namespace vpnsim::run {

Node::Node(World& world, std::string_view name, net::VertexId vertex)
    : world_(world),
      kernel_(world.kernel()),
      name_(world.trace().intern(std::string(name))),
      vertex_(vertex),
      sink_(world.attach(*this)) {}

// Timers are most of a run's events: their path is kept free of the packet's frame.
void Node::on_event(SimTime /*now*/, std::uint32_t kind, std::uint64_t arg) {
    if (kind == kPacketArrival) return arrive(arg);
    on_timer(arg);
}

[[gnu::noinline]] void Node::arrive(std::uint64_t slot) {
    receive(world_.take_packet(slot));
}

void Node::send(net::Packet p) {
    world_.transmit(*this, std::move(p));
}

void Node::drop(const net::Packet& p, std::string_view reason) {
    trace_drop(reason, DeferredText::format("{}", net::brief(p)));
}

void Node::drop(const net::Packet& p, std::string_view reason, std::string detail) {
    trace_drop(reason, describe(p) + ": " + detail);
}

void Node::trace_drop(std::string_view reason, DeferredText detail) {
    world_.trace().add({now(), name_, "link", "", "drop", "", reason, std::move(detail)});
}

void NatNode::receive(net::Packet p) {
    const bool inbound = p.dst == box_.public_ip();
    const auto inside_port = p.src_port;
    const auto r = inbound ? box_.inbound(p, now()) : box_.outbound(p, now());
    if (r.expired && inbound) {
        return trace_drop(r.drop, DeferredText::format(
                                      "{}: the mapping of public port {} expired after {} idle",
                                      net::brief(p), r.expired_port, TimeText{box_.udp_timeout()}));
    }
    if (r.drop == "nat-no-mapping") {
        return trace_drop(r.drop, DeferredText::format("{}: public port {} was never mapped",
                                                       net::brief(p), p.dst_port));
    }
    if (!r.drop.empty()) return drop(p, r.drop);
    if (r.expired) {
        // The peer now sees this flow arrive from another port (RFC 7296 §2.23).
        world_.trace().add({now(), name(), "link", "", "new-mapping", "", "nat-mapping-expired",
                            DeferredText::format("{}: inside port {} -> public port {} (was {}, "
                                                 "expired after {} idle)",
                                                 net::brief(p), inside_port, p.src_port,
                                                 r.expired_port, TimeText{box_.udp_timeout()})});
    }
    send(std::move(p));
}

void FirewallNode::receive(net::Packet p) {
    const auto udp_port = [&](std::uint16_t port) {
        return p.proto == net::kProtoUdp && (p.src_port == port || p.dst_port == port);
    };
    if (udp500_ && udp_port(net::kIkePort)) return drop(p, "firewall-udp-500");
    if (udp4500_ && udp_port(net::kNatTPort)) return drop(p, "firewall-udp-4500");
    if (esp_ && p.proto == net::kProtoEsp) return drop(p, "firewall-esp");
    send(std::move(p));
}

void PathNode::receive(net::Packet p) {
    if (outage_ && now() >= outage_->start && now() < outage_->end) {
        return trace_drop("path-outage",
                          DeferredText::format("{}: path down from {} to {}", net::brief(p),
                                               TimeText{outage_->start}, TimeText{outage_->end}));
    }
    if (loss_ > 0.0 && world_.kernel().rng("path.loss").unit() < loss_) {
        return trace_drop("path-loss", DeferredText::format("{}: lost at random (loss {})",
                                                            net::brief(p), loss_));
    }
    send(std::move(p));
}

std::string describe(const net::InnerPacket& p) {
    std::string out;
    net::append(out, net::brief(p));
    return out;
}

std::string describe(const net::Packet& p) {
    std::string out;
    net::append(out, net::brief(p));
    return out;
}

}  // namespace vpnsim::run
