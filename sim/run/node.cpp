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
    if (world_.capturing()) [[unlikely]]
        return on_event_captured(kind, arg);
    if (kind == kPacketArrival) return arrive(arg);
    on_timer(arg);
}

// The same, watched by a capture (sim/run/capture.hpp): each arrival's fate, then the states.
[[gnu::noinline]] void Node::on_event_captured(std::uint32_t kind, std::uint64_t arg) {
    if (kind == kPacketArrival) {
        const auto before = world_.trace().records().size();
        const bool forward = receive(world_.stored_packet(arg)) == Fate::Forward;
        world_.note_arrival(arg, before, forward);
        if (forward) {
            world_.forward(*this, arg);
        } else {
            world_.release_packet(arg);
        }
    } else {
        on_timer(arg);
    }
    world_.sample_states();
}

[[gnu::noinline]] void Node::arrive(std::uint64_t slot) {
    if (receive(world_.stored_packet(slot)) == Fate::Forward) {
        world_.forward(*this, slot);
    } else {
        world_.release_packet(slot);
    }
}

void Node::send(net::Packet&& p) {
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

Fate NatNode::receive(net::Packet& p) {
    const bool inbound = p.dst == box_.public_ip();
    const auto inside_port = p.src_port;
    const auto r = inbound ? box_.inbound(p, now()) : box_.outbound(p, now());
    if (r.expired && inbound) {
        trace_drop(r.drop, DeferredText::format(
                               "{}: the mapping of public port {} expired after {} idle",
                               net::brief(p), r.expired_port, TimeText{box_.udp_timeout()}));
        return Fate::Done;
    }
    if (r.drop == "nat-no-mapping") {
        trace_drop(r.drop, DeferredText::format("{}: public port {} was never mapped",
                                                net::brief(p), p.dst_port));
        return Fate::Done;
    }
    if (!r.drop.empty()) {
        drop(p, r.drop);
        return Fate::Done;
    }
    if (r.expired) {
        // The peer now sees this flow arrive from another port (RFC 7296 §2.23).
        world_.trace().add({now(), name(), "link", "", "new-mapping", "", "nat-mapping-expired",
                            DeferredText::format("{}: inside port {} -> public port {} (was {}, "
                                                 "expired after {} idle)",
                                                 net::brief(p), inside_port, p.src_port,
                                                 r.expired_port, TimeText{box_.udp_timeout()})});
    }
    return Fate::Forward;
}

Fate FirewallNode::receive(net::Packet& p) {
    const auto udp_port = [&](std::uint16_t port) {
        return p.proto == net::kProtoUdp && (p.src_port == port || p.dst_port == port);
    };
    const std::string_view rule = udp500_ && udp_port(net::kIkePort)     ? "firewall-udp-500"
                                  : udp4500_ && udp_port(net::kNatTPort) ? "firewall-udp-4500"
                                  : esp_ && p.proto == net::kProtoEsp    ? "firewall-esp"
                                                                         : "";
    if (rule.empty()) return Fate::Forward;
    drop(p, rule);
    return Fate::Done;
}

Fate PathNode::receive(net::Packet& p) {
    if (outage_ && now() >= outage_->start && now() < outage_->end) {
        trace_drop("path-outage",
                   DeferredText::format("{}: path down from {} to {}", net::brief(p),
                                        TimeText{outage_->start}, TimeText{outage_->end}));
        return Fate::Done;
    }
    if (loss_ > 0.0 && world_.kernel().rng("path.loss").unit() < loss_) {
        trace_drop("path-loss",
                   DeferredText::format("{}: lost at random (loss {})", net::brief(p), loss_));
        return Fate::Done;
    }
    return Fate::Forward;
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
