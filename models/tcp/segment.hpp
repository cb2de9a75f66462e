// DOC: TCP segment arithmetic (RFC 9293 §3.4) and the RST a stack sends for a segment that
// reaches no connection (§3.10.7.1). Pure functions shared by the connection model and by
// nodes that have no BGP speaker at all.
#pragma once

#include <cstdint>
#include <optional>

#include "models/net/packet.hpp"

namespace vpnsim::tcp {

// RFC 9293 §3.4: sequence numbers compare modulo 2^32.
constexpr bool seq_lt(std::uint32_t a, std::uint32_t b) {
    return static_cast<std::int32_t>(a - b) < 0;
}
constexpr bool seq_le(std::uint32_t a, std::uint32_t b) {
    return a == b || seq_lt(a, b);
}

// Octets of sequence space a segment occupies: SYN and FIN count one each (RFC 9293 §3.4).
std::uint32_t segment_length(const net::TcpSegment& s);

// The RST a stack answers with when a segment reaches no connection (RFC 9293 §3.10.7.1):
// <SEQ=SEG.ACK><CTL=RST> if the segment has ACK, else <SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK>.
// An incoming RST is never answered (nullopt).
std::optional<net::TcpSegment> reset_for(const net::TcpSegment& in, std::uint64_t md5 = 0);

}  // namespace vpnsim::tcp
