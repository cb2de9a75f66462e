// DOC: packets on the simulated wire, as typed values.
// Outer packets cross the Internet path between the CGW and AWS: IKE over UDP 500 (or 4500
// after NAT-T floats, RFC 7296 §2.23), ESP as IP protocol 50, or ESP inside UDP 4500
// (RFC 3948). Inner packets are what a tunnel carries: the BGP session's TCP, and the data
// probes of a scenario's [[traffic]] flows (ICMP echo or UDP, sim/run/flows.hpp).
#pragma once

#include <cstdint>
#include <optional>
#include <variant>
#include <vector>

#include "models/bgp/message.hpp"
#include "models/common/ipv4.hpp"
#include "models/ike/message.hpp"

namespace vpnsim::net {

inline constexpr std::uint16_t kIkePort = 500;      // RFC 7296 §2
inline constexpr std::uint16_t kNatTPort = 4500;    // RFC 3948 §2, RFC 7296 §2.23
inline constexpr std::uint16_t kBgpPort = 179;      // RFC 4271 §8.2.1
inline constexpr std::uint16_t kProbePort = 33434;  // traceroute's UDP base port
inline constexpr std::uint8_t kProtoIcmp = 1;
inline constexpr std::uint8_t kProtoTcp = 6;
inline constexpr std::uint8_t kProtoUdp = 17;
inline constexpr std::uint8_t kProtoEsp = 50;

struct TcpFlags {
    bool syn{false};
    bool ack{false};
    bool rst{false};
    bool fin{false};
    auto operator<=>(const TcpFlags&) const = default;
};

struct TcpSegment {
    std::uint16_t src_port{0};
    std::uint16_t dst_port{0};
    std::uint32_t seq{0};
    std::uint32_t ack{0};
    TcpFlags flags;
    // RFC 2385 TCP MD5 signature option: 0 = absent, else a stable hash of the key.
    std::uint64_t md5{0};
    std::vector<bgp::Message> payload;  // BGP messages carried in this segment, in order
    auto operator<=>(const TcpSegment&) const = default;
};

// A data probe of a scenario flow: an ICMP echo request/reply (RFC 792) or a UDP datagram,
// numbered by flow and sequence so each one can be followed through the trace. A plain
// 8-octet value (proto 0: not a probe) rather than an optional, so the BGP packets that make
// up most of a run carry and move no more than they must.
struct Probe {
    std::uint8_t proto{0};  // kProtoIcmp, kProtoUdp or kProtoTcp; 0: not a probe
    bool reply{false};      // ICMP echo reply
    std::uint16_t flow{0};  // 1-based flow number
    std::uint32_t seq{0};
    std::uint16_t size{84};  // the IP packet's size in bytes
    bool df{true};           // Don't Fragment
    auto operator<=>(const Probe&) const = default;
    bool active() const { return proto != 0; }
    // A UDP probe goes from and to the traceroute port (RFC 1393's base port); ICMP has none.
    std::uint16_t port() const { return proto == kProtoUdp ? kProbePort : 0; }
};

// An IPv4 packet that travels inside the tunnel: the BGP session's TCP, or a flow's probe.
struct InnerPacket {
    Ipv4Addr src;
    Ipv4Addr dst;
    TcpSegment tcp;  // protocol 6 (unused by a probe)
    Probe probe{};   // active(): this is a data probe, not TCP
    auto operator<=>(const InnerPacket&) const = default;

    std::uint8_t proto() const { return probe.active() ? probe.proto : kProtoTcp; }
    std::uint16_t src_port() const { return probe.active() ? probe.port() : tcp.src_port; }
    std::uint16_t dst_port() const { return probe.active() ? probe.port() : tcp.dst_port; }
};

struct EspPayload {
    std::uint32_t spi{0};
    std::uint32_t seq{0};
    InnerPacket inner;
};

struct NatKeepalive {};  // RFC 3948 §2.3: a single 0xFF octet on UDP 4500

// The outer packet. proto is kProtoUdp (with ports) or kProtoEsp.
struct Packet {
    Ipv4Addr src;
    Ipv4Addr dst;
    std::uint8_t proto{kProtoUdp};
    std::uint16_t src_port{0};
    std::uint16_t dst_port{0};
    // The cheap alternative first: a default Packet builds no IKE message it would throw away.
    std::variant<NatKeepalive, EspPayload, ike::Message> body;
};

}  // namespace vpnsim::net
