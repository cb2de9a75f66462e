#include "models/tcp/connection.hpp"

#include <algorithm>
#include <optional>
#include <span>

namespace vpnsim::tcp {

struct Ctx {
    const Config& cfg;
    const Input& in;
    Data& data;
    Actions& out;
};

namespace {

bool md5_mismatch(const Config&, const Data&, const Input&);
bool has_rst(const Config&, const Data&, const Input&);
bool has_ack(const Config&, const Data&, const Input&);
bool has_syn(const Config&, const Data&, const Input&);
bool ack_unacceptable(const Config&, const Data&, const Input&);
bool rst_with_ack(const Config&, const Data&, const Input&);
bool syn_ack(const Config&, const Data&, const Input&);
bool rst_in_window(const Config&, const Data&, const Input&);
bool duplicate_syn(const Config&, const Data&, const Input&);
bool acks_our_syn(const Config&, const Data&, const Input&);
bool syn_retry_left(const Config&, const Data&, const Input&);
bool data_retry_left(const Config&, const Data&, const Input&);
bool nothing_unacked(const Config&, const Data&, const Input&);

Reason send_syn(Ctx&);
Reason listen(Ctx&);
Reason answer_closed(Ctx&);
Reason drop_md5(Ctx&);
Reason ignore_rst(Ctx&);
Reason reset_unacceptable(Ctx&);
Reason drop_unexpected(Ctx&);
Reason send_syn_ack(Ctx&);
Reason answer_duplicate_syn(Ctx&);
Reason complete_active(Ctx&);
Reason complete_passive(Ctx&);
Reason reset_received(Ctx&);
Reason resend_syn(Ctx&);
Reason resend_syn_ack(Ctx&);
Reason give_up_syn(Ctx&);
Reason send_data(Ctx&);
Reason challenge_ack(Ctx&);
Reason receive(Ctx&);
Reason ignore_timer(Ctx&);
Reason retransmit(Ctx&);
Reason give_up_data(Ctx&);
Reason abort_quiet(Ctx&);
Reason abort_rst(Ctx&);

using enum State;
using enum Event;

// Rows are tried in order; the first whose guard holds fires. Each (state, event) pair ends
// with an unguarded row or appears in kIgnored (tests/tcp/connection_table_test.cpp).
// clang-format off
constexpr std::array kTransitions = {
//  from         on                      guard              to           action                   // RFC 9293
    Transition{Closed,      ActiveOpen,             nullptr,           SynSent,     send_syn},               // §3.10.1
    Transition{Closed,      PassiveOpen,            nullptr,           Listen,      listen},                 // §3.10.1
    Transition{Closed,      SegmentArrived,         nullptr,           Closed,      answer_closed},          // §3.10.7.1
    Transition{Listen,      SegmentArrived,         md5_mismatch,      Listen,      drop_md5},               // RFC 2385 §2.0
    Transition{Listen,      SegmentArrived,         has_rst,           Listen,      ignore_rst},             // §3.10.7.2 first
    Transition{Listen,      SegmentArrived,         has_ack,           Listen,      reset_unacceptable},     // §3.10.7.2 second
    Transition{Listen,      SegmentArrived,         has_syn,           SynReceived, send_syn_ack},           // §3.10.7.2 third
    Transition{Listen,      SegmentArrived,         nullptr,           Listen,      drop_unexpected},        // §3.10.7.2 fourth
    Transition{Listen,      Abort,                  nullptr,           Closed,      abort_quiet},            // §3.10.5
    Transition{SynSent,     SegmentArrived,         md5_mismatch,      SynSent,     drop_md5},               // RFC 2385 §2.0
    Transition{SynSent,     SegmentArrived,         ack_unacceptable,  SynSent,     reset_unacceptable},     // §3.10.7.3 first
    Transition{SynSent,     SegmentArrived,         rst_with_ack,      Closed,      reset_received},         // §3.10.7.3 second
    Transition{SynSent,     SegmentArrived,         syn_ack,           Established, complete_active},        // §3.10.7.3 fourth
    Transition{SynSent,     SegmentArrived,         nullptr,           SynSent,     drop_unexpected},        // no simultaneous open
    Transition{SynSent,     RetransmitTimerExpires, syn_retry_left,    SynSent,     resend_syn},             // RFC 6298 §5.4-5.6
    Transition{SynSent,     RetransmitTimerExpires, nullptr,           Closed,      give_up_syn},            // tcp_syn_retries
    Transition{SynSent,     Abort,                  nullptr,           Closed,      abort_quiet},            // §3.10.5
    Transition{SynReceived, SegmentArrived,         md5_mismatch,      SynReceived, drop_md5},               // RFC 2385 §2.0
    Transition{SynReceived, SegmentArrived,         rst_in_window,     Closed,      reset_received},         // §3.10.7.4 second
    Transition{SynReceived, SegmentArrived,         duplicate_syn,     SynReceived, answer_duplicate_syn},   // our SYN-ACK was lost
    Transition{SynReceived, SegmentArrived,         acks_our_syn,      Established, complete_passive},       // §3.10.7.4 fifth
    Transition{SynReceived, SegmentArrived,         nullptr,           SynReceived, drop_unexpected},
    Transition{SynReceived, RetransmitTimerExpires, syn_retry_left,    SynReceived, resend_syn_ack},         // RFC 6298 §5.4-5.6
    Transition{SynReceived, RetransmitTimerExpires, nullptr,           Closed,      give_up_syn},
    Transition{SynReceived, Abort,                  nullptr,           Closed,      abort_rst},              // §3.10.5
    Transition{Established, Send,                   nullptr,           Established, send_data},              // §3.10.2
    Transition{Established, SegmentArrived,         md5_mismatch,      Established, drop_md5},               // RFC 2385 §2.0
    Transition{Established, SegmentArrived,         rst_in_window,     Closed,      reset_received},         // §3.10.7.4 second
    Transition{Established, SegmentArrived,         has_rst,           Established, ignore_rst},             // §3.10.7.4 second
    Transition{Established, SegmentArrived,         has_syn,           Established, challenge_ack},          // §3.10.7.4 fourth
    Transition{Established, SegmentArrived,         nullptr,           Established, receive},                // §3.10.7.4 fifth-seventh
    Transition{Established, RetransmitTimerExpires, nothing_unacked,   Established, ignore_timer},
    Transition{Established, RetransmitTimerExpires, data_retry_left,   Established, retransmit},             // RFC 6298 §5.4-5.6
    Transition{Established, RetransmitTimerExpires, nullptr,           Closed,      give_up_data},           // tcp_retries2
    Transition{Established, Abort,                  nullptr,           Closed,      abort_rst},              // §3.10.5
};

constexpr std::array kIgnored = {
//  state        on                      reason
    Ignored{Closed,      Send,                   Reason::NotConnected},
    Ignored{Closed,      Abort,                  Reason::Ignored},
    Ignored{Closed,      RetransmitTimerExpires, Reason::Ignored},
    Ignored{Listen,      ActiveOpen,             Reason::AlreadyOpen},
    Ignored{Listen,      PassiveOpen,            Reason::AlreadyOpen},
    Ignored{Listen,      Send,                   Reason::NotConnected},
    Ignored{Listen,      RetransmitTimerExpires, Reason::Ignored},
    Ignored{SynSent,     ActiveOpen,             Reason::AlreadyOpen},
    Ignored{SynSent,     PassiveOpen,            Reason::AlreadyOpen},
    Ignored{SynSent,     Send,                   Reason::NotConnected},
    Ignored{SynReceived, ActiveOpen,             Reason::AlreadyOpen},
    Ignored{SynReceived, PassiveOpen,            Reason::AlreadyOpen},
    Ignored{SynReceived, Send,                   Reason::NotConnected},
    Ignored{Established, ActiveOpen,             Reason::AlreadyOpen},
    Ignored{Established, PassiveOpen,            Reason::AlreadyOpen},
};
// clang-format on

constexpr auto kIndex = table::index_rows<kStates.size(), kEvents.size()>(kTransitions);

bool md5_mismatch(const Config& c, const Data&, const Input& in) {
    return in.segment.md5 != c.md5;
}
bool has_rst(const Config&, const Data&, const Input& in) {
    return in.segment.flags.rst;
}
bool has_ack(const Config&, const Data&, const Input& in) {
    return in.segment.flags.ack;
}
bool has_syn(const Config&, const Data&, const Input& in) {
    return in.segment.flags.syn;
}
// §3.10.7.3: in SYN-SENT an ACK is acceptable iff ISS < SEG.ACK =< SND.NXT.
bool ack_unacceptable(const Config& c, const Data& d, const Input& in) {
    const auto& s = in.segment;
    return s.flags.ack && !(seq_lt(c.iss, s.ack) && seq_le(s.ack, d.snd_nxt));
}
bool rst_with_ack(const Config&, const Data&, const Input& in) {
    return in.segment.flags.rst && in.segment.flags.ack;  // the ACK was checked by the row above
}
bool syn_ack(const Config&, const Data&, const Input& in) {
    return in.segment.flags.syn && in.segment.flags.ack && !in.segment.flags.rst;
}
bool rst_in_window(const Config&, const Data& d, const Input& in) {
    const auto seq = in.segment.seq;
    return in.segment.flags.rst && seq_le(d.rcv_nxt, seq) && seq_lt(seq, d.rcv_nxt + kWindow);
}
bool duplicate_syn(const Config&, const Data& d, const Input& in) {
    const auto& s = in.segment;
    return s.flags.syn && !s.flags.ack && !s.flags.rst && s.seq + 1 == d.rcv_nxt;
}
bool acks_our_syn(const Config&, const Data& d, const Input& in) {
    const auto& s = in.segment;
    return s.flags.ack && !s.flags.syn && !s.flags.rst && seq_lt(d.snd_una, s.ack) &&
           seq_le(s.ack, d.snd_nxt);
}
bool syn_retry_left(const Config& c, const Data& d, const Input&) {
    return d.retries < c.syn_retries;
}
bool data_retry_left(const Config& c, const Data& d, const Input&) {
    return d.retries < c.data_retries;
}
bool nothing_unacked(const Config&, const Data& d, const Input&) {
    return d.unacked.empty();
}

// Appends a segment to the actions and returns it for the caller to finish: it is built where
// the adapter takes it from rather than moved there.
net::TcpSegment& emit(Ctx& x, net::TcpFlags flags, std::uint32_t seq) {
    auto& s = std::get<SendSegment>(x.out.emplace_back(std::in_place_type<SendSegment>)).segment;
    s.src_port = x.cfg.local_port;
    s.dst_port = x.data.remote_port;
    s.seq = seq;
    s.ack = flags.ack ? x.data.rcv_nxt : 0;
    s.flags = flags;
    s.md5 = x.cfg.md5;
    return s;
}
net::TcpSegment& emit(Ctx& x, const net::TcpSegment& s) {
    auto& a = x.out.emplace_back(std::in_place_type<SendSegment>, SendSegment{s});
    return std::get<SendSegment>(a).segment;
}
void send_ack(Ctx& x) {
    emit(x, {.ack = true}, x.data.snd_nxt);
}

// A fresh TCB for an open: SND.UNA = ISS, SND.NXT = ISS + 1 (the SYN), RFC 9293 §3.4.1.
void open_tcb(Ctx& x, std::uint16_t remote_port) {
    x.data = Data{};
    x.data.remote_port = remote_port;
    x.data.snd_una = x.cfg.iss;
    x.data.snd_nxt = x.cfg.iss + 1;
    x.data.rto = x.cfg.initial_rto;
}

// RFC 6298 §5.5-5.6: back off the timer (RTO * 2, capped) and restart it.
void back_off(Ctx& x) {
    ++x.data.retries;
    x.data.rto = std::min(x.data.rto * 2, x.cfg.max_rto);
    x.out.emplace_back(StartRetransmitTimer{x.data.rto});
}

// §3.10.7.4 fifth: a new cumulative ACK drops acknowledged segments and resets the back-off;
// RFC 6298 §5.2/5.3 stop the timer when all is acknowledged, else restart it.
enum class AckCheck : std::uint8_t { Duplicate, New, TooNew };
AckCheck take_ack(Ctx& x) {
    const auto& s = x.in.segment;
    auto& d = x.data;
    if (!s.flags.ack || seq_le(s.ack, d.snd_una)) return AckCheck::Duplicate;
    if (seq_lt(d.snd_nxt, s.ack)) return AckCheck::TooNew;
    d.snd_una = s.ack;
    std::erase_if(d.unacked, [&](const net::TcpSegment& u) {
        return seq_le(u.seq + segment_length(u), s.ack);
    });
    d.retries = 0;
    d.rto = x.cfg.initial_rto;
    if (d.unacked.empty()) {
        x.out.emplace_back(StopRetransmitTimer{});
    } else {
        x.out.emplace_back(StartRetransmitTimer{d.rto});
    }
    return AckCheck::New;
}

// §3.10.7.4 seventh: in-order text is taken and acknowledged; out-of-order or duplicate text
// is answered with an ACK and dropped (no reassembly queue). Returns the messages taken (a
// view of the segment, which outlives the step), or nullopt when the text was dropped.
std::optional<std::span<const bgp::Message>> take_text(Ctx& x) {
    const auto& s = x.in.segment;
    if (s.payload.empty()) return std::span<const bgp::Message>{};
    if (s.seq != x.data.rcv_nxt) {
        send_ack(x);
        return std::nullopt;
    }
    x.data.rcv_nxt += segment_length(s);
    send_ack(x);
    return s.payload;
}
void deliver_all(Ctx& x, std::span<const bgp::Message> messages) {
    for (const auto& m : messages) x.out.emplace_back(Deliver{m});
}

Reason send_syn(Ctx& x) {
    open_tcb(x, x.cfg.remote_port);
    emit(x, {.syn = true}, x.cfg.iss);
    x.out.emplace_back(StartRetransmitTimer{x.data.rto});
    return Reason::ActiveOpen;
}
Reason listen(Ctx& x) {
    x.data = Data{};
    return Reason::PassiveOpen;
}
Reason answer_closed(Ctx& x) {
    if (auto rst = reset_for(x.in.segment, x.cfg.md5)) emit(x, *rst);
    return Reason::SegmentToClosed;
}
Reason drop_md5(Ctx& x) {
    x.out.emplace_back(DroppedSegment{Reason::Md5Mismatch});
    return Reason::Md5Mismatch;
}
Reason ignore_rst(Ctx&) {
    return Reason::RstIgnored;
}
Reason reset_unacceptable(Ctx& x) {  // <SEQ=SEG.ACK><CTL=RST>, never in answer to a RST
    if (auto rst = reset_for(x.in.segment, x.cfg.md5)) emit(x, *rst);
    return Reason::UnacceptableAck;
}
Reason drop_unexpected(Ctx&) {
    return Reason::UnexpectedSegment;
}
Reason send_syn_ack(Ctx& x) {
    open_tcb(x, x.in.segment.src_port);
    x.data.rcv_nxt = x.in.segment.seq + 1;
    emit(x, {.syn = true, .ack = true}, x.cfg.iss);
    x.out.emplace_back(StartRetransmitTimer{x.data.rto});
    return Reason::SynReceived;
}
Reason answer_duplicate_syn(Ctx& x) {
    emit(x, {.syn = true, .ack = true}, x.cfg.iss);
    return Reason::SynReceived;
}
Reason complete_active(Ctx& x) {
    x.data.rcv_nxt = x.in.segment.seq + 1;
    x.data.snd_una = x.in.segment.ack;
    x.data.retries = 0;
    x.data.rto = x.cfg.initial_rto;
    x.out.emplace_back(StopRetransmitTimer{});
    send_ack(x);
    x.out.emplace_back(Connected{});
    return Reason::HandshakeComplete;
}
Reason complete_passive(Ctx& x) {
    x.data.snd_una = x.in.segment.ack;
    x.data.retries = 0;
    x.data.rto = x.cfg.initial_rto;
    x.out.emplace_back(StopRetransmitTimer{});
    const auto text = take_text(x);  // data may ride on the ACK when our SYN-ACK's was lost
    x.out.emplace_back(Connected{});
    if (text) deliver_all(x, *text);
    return Reason::HandshakeComplete;
}
Reason reset_received(Ctx& x) {
    x.data.unacked.clear();
    x.out.emplace_back(StopRetransmitTimer{});
    x.out.emplace_back(Reset{});
    return Reason::RstReceived;
}
Reason resend_syn(Ctx& x) {
    emit(x, {.syn = true}, x.cfg.iss);
    back_off(x);
    return Reason::SynRetransmit;
}
Reason resend_syn_ack(Ctx& x) {
    answer_duplicate_syn(x);
    back_off(x);
    return Reason::SynRetransmit;
}
Reason give_up(Ctx& x, Reason why) {
    x.data.unacked.clear();
    x.out.emplace_back(Failed{why});
    return why;
}
Reason give_up_syn(Ctx& x) {
    return give_up(x, Reason::SynRetriesExhausted);
}
Reason give_up_data(Ctx& x) {
    return give_up(x, Reason::DataRetriesExhausted);
}
Reason send_data(Ctx& x) {
    if (x.in.messages.empty()) return Reason::DataSent;
    auto& s = emit(x, {.ack = true}, x.data.snd_nxt);
    s.payload.assign(x.in.messages.begin(), x.in.messages.end());
    x.data.snd_nxt += segment_length(s);
    const bool timer_idle = x.data.unacked.empty();
    x.data.unacked.push_back(s);
    if (timer_idle) x.out.emplace_back(StartRetransmitTimer{x.data.rto});  // RFC 6298 §5.1
    return Reason::DataSent;
}
Reason challenge_ack(Ctx& x) {  // RFC 5961 §4; also answers a retransmitted SYN-ACK
    send_ack(x);
    return Reason::UnexpectedSegment;
}
Reason receive(Ctx& x) {
    if (take_ack(x) == AckCheck::TooNew) {  // §3.10.7.4 fifth: send an ACK, drop the segment
        send_ack(x);
        return Reason::UnacceptableAck;
    }
    const auto text = take_text(x);
    if (!text) return Reason::OutOfOrder;
    deliver_all(x, *text);
    return Reason::SegmentAccepted;
}
Reason ignore_timer(Ctx&) {
    return Reason::NothingToRetransmit;
}
Reason retransmit(Ctx& x) {  // RFC 6298 §5.4: the earliest unacknowledged segment only
    emit(x, x.data.unacked.front()).ack = x.data.rcv_nxt;
    back_off(x);
    return Reason::DataRetransmit;
}
Reason abort_quiet(Ctx& x) {
    x.data.unacked.clear();
    x.out.emplace_back(StopRetransmitTimer{});
    return Reason::Aborted;
}
Reason abort_rst(Ctx& x) {  // §3.10.5: synchronized states send <SEQ=SND.NXT><CTL=RST>
    emit(x, {.rst = true}, x.data.snd_nxt);
    return abort_quiet(x);
}

}  // namespace

StepResult step(const Config& cfg, const Data& data, State state, const Input& in) {
    return step(cfg, Data(data), state, in);
}

StepResult step(const Config& cfg, Data&& data, State state, const Input& in) {
    // Default-initialised, then filled in: a value-initialised StepResult (StepResult r{...})
    // would zero its inline action storage, hundreds of bytes, on every step.
    StepResult r;
    r.next = state;
    r.data = std::move(data);
    if (const auto* t =
            table::first_match(kTransitions, kIndex, state, in.event, cfg, r.data, in)) {
        Ctx ctx{cfg, in, r.data, r.actions};
        r.reason = t->action(ctx);
        r.next = t->to;
    } else if (const auto why = table::ignored_reason<Ignored>(kIgnored, state, in.event)) {
        r.reason = *why;
    }
    return r;
}

Before before(const Data& d) {
    return Before{d.retries, d.rto, d.rcv_nxt, d.unacked.empty() ? 0U : d.unacked.front().seq};
}

std::span<const Transition> transitions() {
    return kTransitions;
}
std::span<const Ignored> ignored() {
    return kIgnored;
}

}  // namespace vpnsim::tcp
