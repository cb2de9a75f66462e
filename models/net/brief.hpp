// DOC: packet briefs -- the few fields a trace line shows about a packet, as a small value.
// A brief is trivially copyable, so a trace record can keep it and format the line only when
// the trace is read (models/common/deferred_text.hpp):
//   tcp 169.254.10.2:49152 -> 169.254.10.1:179 [SYN]
//   udp-esp 198.51.100.10 -> 203.0.113.10 SPI 0x00c0ffee carrying tcp ... [ACK] 1 BGP msg
#pragma once

#include <cstdint>
#include <string>

#include <fmt/format.h>

#include "models/common/ipv4.hpp"
#include "models/ike/message.hpp"
#include "models/net/packet.hpp"

namespace vpnsim::net {

struct InnerBrief {
    Ipv4Addr src;
    Ipv4Addr dst;
    std::uint16_t src_port{0};
    std::uint16_t dst_port{0};
    TcpFlags flags;
    std::uint16_t messages{0};     // BGP messages carried
    Probe probe{};                 // a flow's probe instead of TCP (when active)
};

struct PacketBrief {
    enum class Kind : std::uint8_t { Ike, Esp, NatKeepalive };
    Kind kind{Kind::Ike};
    Ipv4Addr src;
    Ipv4Addr dst;
    std::uint8_t proto{kProtoUdp};
    std::uint16_t src_port{0};
    std::uint16_t dst_port{0};
    ike::Exchange exchange{};  // Kind::Ike
    bool response{false};      // Kind::Ike
    std::uint32_t spi{0};      // Kind::Esp
    InnerBrief inner;          // Kind::Esp
};

InnerBrief brief(const InnerPacket& p);
PacketBrief brief(const Packet& p);

// "SYN,ACK" ("" when no flag is set).
std::string flag_names(const TcpFlags& f);

void append(std::string& out, const InnerBrief& b);
void append(std::string& out, const PacketBrief& b);

}  // namespace vpnsim::net

template <>
struct fmt::formatter<vpnsim::net::InnerBrief> : fmt::formatter<std::string_view> {
    template <typename Ctx>
    auto format(const vpnsim::net::InnerBrief& b, Ctx& ctx) const {
        std::string s;
        vpnsim::net::append(s, b);
        return fmt::formatter<std::string_view>::format(s, ctx);
    }
};

template <>
struct fmt::formatter<vpnsim::net::PacketBrief> : fmt::formatter<std::string_view> {
    template <typename Ctx>
    auto format(const vpnsim::net::PacketBrief& b, Ctx& ctx) const {
        std::string s;
        vpnsim::net::append(s, b);
        return fmt::formatter<std::string_view>::format(s, ctx);
    }
};
