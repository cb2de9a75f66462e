#include "models/tcp/describe.hpp"

namespace vpnsim::tcp {
namespace {

std::string flag_names(const net::TcpFlags& f) {
    std::string s;
    for (const auto& [on, name] :
         {std::pair{f.syn, "SYN"}, {f.ack, "ACK"}, {f.rst, "RST"}, {f.fin, "FIN"}}) {
        if (!on) continue;
        if (!s.empty()) s += ',';
        s += name;
    }
    return s.empty() ? "none" : s;
}

}  // namespace

std::string md5_mismatch_detail(std::uint64_t ours, std::uint64_t theirs) {
    if (ours == 0) return "RFC 2385: segment carries an MD5 signature but no key is configured";
    if (theirs == 0) return "RFC 2385: segment has no MD5 signature but a key is configured";
    return "RFC 2385: MD5 signature does not match the configured key";
}

std::string describe_step(const Config& cfg, const Data& before, State from, const Input& in,
                          const StepResult& r) {
    const auto& s = in.segment;
    switch (r.reason) {
        case Reason::ActiveOpen:
            return fmt::format("SYN port {} -> {} iss {}", cfg.local_port, cfg.remote_port,
                               cfg.iss);
        case Reason::SynReceived:
            return fmt::format("SYN from port {}, sent SYN-ACK", s.src_port);
        case Reason::HandshakeComplete:
            return fmt::format("port {} <-> {}", cfg.local_port, r.data.remote_port);
        case Reason::SynRetransmit:
            return fmt::format("{} retransmit #{} after {}",
                               from == State::SynSent ? "SYN" : "SYN-ACK", r.data.retries,
                               format_time(before.rto));
        case Reason::DataRetransmit:
            return fmt::format("retransmit #{} of seq {} after {}", r.data.retries,
                               before.unacked.front().seq, format_time(before.rto));
        case Reason::SynRetriesExhausted:
        case Reason::DataRetriesExhausted:
            return fmt::format("gave up after {} retransmits, last RTO {}", before.retries,
                               format_time(before.rto));
        case Reason::Md5Mismatch:
            return md5_mismatch_detail(cfg.md5, s.md5);
        case Reason::RstReceived:
            return fmt::format("RST from port {}", s.src_port);
        case Reason::Aborted:
            return from == State::Established || from == State::SynReceived ? "sent RST" : "";
        case Reason::OutOfOrder:
            return fmt::format("seq {} but expected {}", s.seq, before.rcv_nxt);
        case Reason::UnacceptableAck:
        case Reason::UnexpectedSegment:
        case Reason::RstIgnored:
        case Reason::SegmentToClosed:
            return fmt::format("{} seq {} ack {}", flag_names(s.flags), s.seq, s.ack);
        case Reason::PassiveOpen:
        case Reason::DataSent:
        case Reason::SegmentAccepted:
        case Reason::NothingToRetransmit:
        case Reason::AlreadyOpen:
        case Reason::NotConnected:
        case Reason::Ignored:
        case Reason::UnexpectedEvent:
            return {};
    }
    return {};
}

}  // namespace vpnsim::tcp
