#include "models/ipsec/data_plane.hpp"

namespace vpnsim::ipsec {
namespace {

// A [[traffic]] probe (ICMP or UDP): out of line, so the TCP path below stays as tight as it
// was before probes existed.
[[gnu::noinline]] bool probe_matches(const TsList& src_ts, const TsList& dst_ts,
                                     const net::InnerPacket& p) {
    const auto port = p.probe.port();
    return list_matches(src_ts, p.src, p.probe.proto, port) &&
           list_matches(dst_ts, p.dst, p.probe.proto, port);
}

// list_matches() for the TCP path, inline: every BGP segment into or out of a tunnel is checked.
[[gnu::always_inline]] inline bool tcp_matches(const TsList& list, net::Ipv4Addr a,
                                               std::uint16_t port) {
    for (const auto& t : list) {
        if (t.matches(a, net::kProtoTcp, port)) return true;
    }
    return false;
}

[[gnu::always_inline]] inline bool matches(const TsList& src_ts, const TsList& dst_ts,
                                           const net::InnerPacket& p) {
    if (p.probe.active()) [[unlikely]]
        return probe_matches(src_ts, dst_ts, p);
    return tcp_matches(src_ts, p.src, p.tcp.src_port) && tcp_matches(dst_ts, p.dst, p.tcp.dst_port);
}

}  // namespace

std::string_view to_string(Verdict v) {
    switch (v) {
        case Verdict::Pass:
            return "pass";
        case Verdict::NoSa:
            return "no-child-sa";
        case Verdict::SelectorMismatch:
            return "selector-mismatch";
    }
    return "?";
}

// RFC 4301 §5.1: outbound -- source must be in the local selector, destination in the remote.
Verdict check_outbound(SaSelectors sa, const net::InnerPacket& p) {
    if (sa.local == nullptr || sa.remote == nullptr) return Verdict::NoSa;
    return matches(*sa.local, *sa.remote, p) ? Verdict::Pass : Verdict::SelectorMismatch;
}

Lookup lookup_outbound(std::span<const SaSelectors> sas, const net::InnerPacket& p) {
    Lookup out;
    for (std::size_t i = 0; i < sas.size(); ++i) {
        out.verdict = check_outbound(sas[i], p);
        if (out.verdict == Verdict::Pass) {
            out.index = i;
            return out;
        }
    }
    return out;
}

// RFC 4301 §5.2 step 4: inbound -- source in the remote selector, destination in the local.
Verdict check_inbound(SaSelectors sa, const net::InnerPacket& p) {
    if (sa.local == nullptr || sa.remote == nullptr) return Verdict::NoSa;
    return matches(*sa.remote, *sa.local, p) ? Verdict::Pass : Verdict::SelectorMismatch;
}

}  // namespace vpnsim::ipsec
