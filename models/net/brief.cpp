#include "models/net/brief.hpp"

#include <iterator>
#include <type_traits>

namespace vpnsim::net {

InnerBrief brief(const InnerPacket& p) {
    return InnerBrief{p.src,          p.dst,       p.tcp.src_port,
                      p.tcp.dst_port, p.tcp.flags, static_cast<std::uint16_t>(p.tcp.payload.size()),
                      p.probe};
}

PacketBrief brief(const Packet& p) {
    PacketBrief b;
    b.src = p.src;
    b.dst = p.dst;
    b.proto = p.proto;
    b.src_port = p.src_port;
    b.dst_port = p.dst_port;
    std::visit(
        [&](const auto& body) {
            using T = std::decay_t<decltype(body)>;
            if constexpr (std::is_same_v<T, ike::Message>) {
                b.kind = PacketBrief::Kind::Ike;
                b.exchange = body.exchange;
                b.response = body.response;
            } else if constexpr (std::is_same_v<T, EspPayload>) {
                b.kind = PacketBrief::Kind::Esp;
                b.spi = body.spi;
                b.inner = brief(body.inner);
            } else {
                b.kind = PacketBrief::Kind::NatKeepalive;
            }
        },
        p.body);
    return b;
}

std::string flag_names(const TcpFlags& f) {
    std::string s;
    for (const auto& [on, name] :
         {std::pair{f.syn, "SYN"}, {f.ack, "ACK"}, {f.rst, "RST"}, {f.fin, "FIN"}}) {
        if (!on) continue;
        if (!s.empty()) s += ',';
        s += name;
    }
    return s;
}

void append(std::string& out, const InnerBrief& b) {
    auto it = std::back_inserter(out);
    if (const auto& p = b.probe; p.proto == kProtoIcmp) {
        fmt::format_to(it, "icmp {} -> {} echo-{} flow {} seq {}", b.src, b.dst,
                       p.reply ? "reply" : "request", p.flow, p.seq);
        return;
    }
    if (const auto& p = b.probe; p.proto == kProtoTcp) {
        fmt::format_to(it, "tcp {} -> {} data segment flow {} seq {}", b.src, b.dst, p.flow,
                       p.seq);
        return;
    }
    if (const auto& p = b.probe; p.active()) {
        fmt::format_to(it, "udp {}:{} -> {}:{} probe flow {} seq {}", b.src, p.port(), b.dst,
                       p.port(), p.flow, p.seq);
        return;
    }
    fmt::format_to(it, "tcp {}:{} -> {}:{} [{}]", b.src, b.src_port, b.dst, b.dst_port,
                   flag_names(b.flags));
    if (b.messages != 0) fmt::format_to(it, " {} BGP msg", b.messages);
}

void append(std::string& out, const PacketBrief& b) {
    auto it = std::back_inserter(out);
    switch (b.kind) {
        case PacketBrief::Kind::Ike:
            fmt::format_to(it, "udp {}:{} -> {}:{} {} {}", b.src, b.src_port, b.dst, b.dst_port,
                           ike::to_string(b.exchange), b.response ? "response" : "request");
            return;
        case PacketBrief::Kind::Esp:
            fmt::format_to(it, "{} {} -> {} SPI 0x{:08x} carrying ",
                           b.proto == kProtoEsp ? "esp" : "udp-esp", b.src, b.dst, b.spi);
            append(out, b.inner);
            return;
        case PacketBrief::Kind::NatKeepalive:
            fmt::format_to(it, "udp {}:{} -> {}:{} NAT-keepalive", b.src, b.src_port, b.dst,
                           b.dst_port);
            return;
    }
}

}  // namespace vpnsim::net
