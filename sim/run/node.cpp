#include "sim/run/node.hpp"

#include <fmt/format.h>

#include <type_traits>

#include "sim/run/world.hpp"

namespace vpnsim::run {

Node::Node(World& world, std::string_view name, net::VertexId vertex)
    : world_(world),
      name_(world.trace().intern(std::string(name))),
      vertex_(vertex),
      sink_(world.attach(*this)) {}

void Node::on_event(SimTime /*now*/, std::uint32_t kind, std::uint64_t arg) {
    if (kind == kPacketArrival) {
        receive(world_.take_packet(arg));
    } else {
        on_timer(arg);
    }
}

SimTime Node::now() const { return world_.kernel().now(); }

kernel::EventId Node::arm(SimTime after, std::uint64_t token) {
    return world_.kernel().schedule(after, sink_, kTimerExpiry, token);
}

void Node::cancel(kernel::EventId id) { world_.kernel().cancel(id); }

void Node::send(net::Packet p) { world_.transmit(*this, std::move(p)); }

void Node::drop(const net::Packet& p, std::string_view reason, std::string detail) {
    world_.trace().add({now(), name_, "link", "", "drop", "", reason,
                        detail.empty() ? describe(p) : fmt::format("{}: {}", describe(p), detail)});
}

void NatNode::receive(net::Packet p) {
    const bool inbound = p.dst == box_.public_ip();
    const auto reason = inbound ? box_.inbound(p) : box_.outbound(p);
    if (!reason.empty()) {
        drop(p, reason);
        return;
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

void OutageNode::receive(net::Packet p) {
    if (now() >= start_ && now() < end_) {
        return drop(p, "path-outage",
                    fmt::format("path down from {} to {}", format_time(start_), format_time(end_)));
    }
    send(std::move(p));
}

std::string describe(const net::InnerPacket& p) {
    const auto& f = p.tcp.flags;
    std::string flags;
    if (f.syn) flags += "SYN,";
    if (f.ack) flags += "ACK,";
    if (f.rst) flags += "RST,";
    if (f.fin) flags += "FIN,";
    if (!flags.empty()) flags.pop_back();
    std::string out = fmt::format("tcp {}:{} -> {}:{} [{}]", p.src, p.tcp.src_port, p.dst,
                                  p.tcp.dst_port, flags);
    if (!p.tcp.payload.empty()) out += fmt::format(" {} BGP msg", p.tcp.payload.size());
    return out;
}

std::string describe(const net::Packet& p) {
    return std::visit(
        [&](const auto& body) -> std::string {
            using T = std::decay_t<decltype(body)>;
            if constexpr (std::is_same_v<T, ike::Message>) {
                return fmt::format("udp {}:{} -> {}:{} {} {}", p.src, p.src_port, p.dst,
                                   p.dst_port, ike::to_string(body.exchange),
                                   body.response ? "response" : "request");
            } else if constexpr (std::is_same_v<T, net::EspPayload>) {
                return fmt::format("{} {} -> {} SPI 0x{:08x} carrying {}",
                                   p.proto == net::kProtoEsp ? "esp" : "udp-esp", p.src, p.dst,
                                   body.spi, describe(body.inner));
            } else {
                return fmt::format("udp {}:{} -> {}:{} NAT-keepalive", p.src, p.src_port, p.dst,
                                   p.dst_port);
            }
        },
        p.body);
}

}  // namespace vpnsim::run
