#include "models/tcp/segment.hpp"

namespace vpnsim::tcp {

std::uint32_t segment_length(const net::TcpSegment& s) {
    std::uint32_t n = (s.flags.syn ? 1U : 0U) + (s.flags.fin ? 1U : 0U);
    for (const auto& m : s.payload) n += bgp::wire_size(m);
    return n;
}

std::optional<net::TcpSegment> reset_for(const net::TcpSegment& in, std::uint64_t md5) {
    if (in.flags.rst) return std::nullopt;
    net::TcpSegment r;
    r.src_port = in.dst_port;
    r.dst_port = in.src_port;
    r.md5 = md5;
    if (in.flags.ack) {
        r.seq = in.ack;
        r.flags = {.rst = true};
    } else {
        r.ack = in.seq + segment_length(in);
        r.flags = {.ack = true, .rst = true};
    }
    return r;
}

}  // namespace vpnsim::tcp
