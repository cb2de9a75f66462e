#include "models/tcp/describe.hpp"

#include <iterator>

#include "models/net/brief.hpp"

namespace vpnsim::tcp {
std::string_view md5_mismatch_detail(std::uint64_t ours, std::uint64_t theirs) {
    if (ours == 0) return "RFC 2385: segment carries an MD5 signature but no key is configured";
    if (theirs == 0) return "RFC 2385: segment has no MD5 signature but a key is configured";
    return "RFC 2385: MD5 signature does not match the configured key";
}

DeferredText describe_step(const Config& cfg, const Before& before, State from, const Input& in,
                           const StepResult& r) {
    using D = DeferredText;
    const auto& s = in.segment;
    switch (r.reason) {
        case Reason::ActiveOpen:
            return D::format("SYN port {} -> {} iss {}", cfg.local_port, cfg.remote_port, cfg.iss);
        case Reason::SynReceived:
            return D::format("SYN from port {}, sent SYN-ACK", s.src_port);
        case Reason::HandshakeComplete:
            return D::format("port {} <-> {}", cfg.local_port, r.data.remote_port);
        case Reason::SynRetransmit:
            return D::format("{} retransmit #{} after {}",
                             std::string_view(from == State::SynSent ? "SYN" : "SYN-ACK"),
                             r.data.retries, TimeText{before.rto});
        case Reason::DataRetransmit:
            return D::format("retransmit #{} of seq {} after {}", r.data.retries,
                             before.oldest_unacked_seq, TimeText{before.rto});
        case Reason::SynRetriesExhausted:
        case Reason::DataRetriesExhausted:
            return D::format("gave up after {} retransmits, last RTO {}", before.retries,
                             TimeText{before.rto});
        case Reason::Md5Mismatch:
            return md5_mismatch_detail(cfg.md5, s.md5);
        case Reason::RstReceived:
            return D::format("RST from port {}", s.src_port);
        case Reason::Aborted:
            return from == State::Established || from == State::SynReceived ? "sent RST" : D{};
        case Reason::OutOfOrder:
            return D::format("seq {} but expected {}", s.seq, before.rcv_nxt);
        case Reason::UnacceptableAck:
        case Reason::UnexpectedSegment:
        case Reason::RstIgnored:
        case Reason::SegmentToClosed:
            return D::lazy([flags = s.flags, seq = s.seq, ack = s.ack](std::string& out) {
                const auto names = net::flag_names(flags);
                fmt::format_to(std::back_inserter(out), "{} seq {} ack {}",
                               names.empty() ? "none" : names, seq, ack);
            });
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
