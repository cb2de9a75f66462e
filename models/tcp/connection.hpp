// DOC: just enough TCP to carry one BGP session, as a pure state machine (RFC 9293).
// Models: the three-way handshake (RFC 9293 §3.5); cumulative ACKs, one ACK per data segment;
// in-order delivery only (an out-of-order or duplicate segment is dropped and answered with an
// ACK, the sender retransmits); retransmission of the SYN, SYN-ACK and the oldest unacknowledged
// data segment with exponential back-off (RFC 6298 §2.1 initial RTO 1 s, §5.5 doubling,
// capped); giving up after 6 SYN retransmits (Linux tcp_syn_retries, 127 s) or 15 data
// retransmits (Linux tcp_retries2); RST generation and reception (RFC 9293 §3.10.7); the
// RFC 2385 MD5 signature check (a segment whose signature differs from ours is dropped without
// any answer). Sequence numbers count octets: a SYN is one, a BGP message is bgp::wire_size.
// Leaves out: FIN and graceful close (BGP closes by abort, which sends RST), windows and flow
// control, congestion control, MSS segmentation (one Send is one segment), RTT estimation (the
// RTO is reset to its initial value when new data is acknowledged), simultaneous open,
// TIME-WAIT and RFC 5961 challenge-ACK rate limiting.
// ISNs and ports come from Config: the model draws no random numbers.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string_view>
#include <variant>
#include <vector>

#include <fmt/format.h>

#include "models/bgp/message.hpp"
#include "models/common/enum_format.hpp"
#include "models/common/small_vector.hpp"
#include "models/common/time.hpp"
#include "models/common/transition_table.hpp"
#include "models/net/packet.hpp"
#include "models/tcp/segment.hpp"

namespace vpnsim::tcp {

enum class State : std::uint8_t { Closed, Listen, SynSent, SynReceived, Established };
inline constexpr std::array kStates = {State::Closed, State::Listen, State::SynSent,
                                       State::SynReceived, State::Established};

enum class Event : std::uint8_t {
    ActiveOpen,              // RFC 9293 §3.10.1 OPEN call, active
    PassiveOpen,             // §3.10.1 OPEN call, passive (the SYN follows as SegmentArrived)
    Send,                    // §3.10.2 SEND call: BGP messages to transmit
    Abort,                   // §3.10.5 ABORT call
    SegmentArrived,          // §3.10.7
    RetransmitTimerExpires,  // §3.10.8, RFC 6298 §5.4
};
inline constexpr std::array kEvents = {Event::ActiveOpen,     Event::PassiveOpen,
                                       Event::Send,           Event::Abort,
                                       Event::SegmentArrived, Event::RetransmitTimerExpires};

enum class Reason : std::uint8_t {
    ActiveOpen,
    PassiveOpen,
    SynReceived,
    HandshakeComplete,
    DataSent,
    SegmentAccepted,
    OutOfOrder,
    UnacceptableAck,
    Md5Mismatch,
    RstReceived,
    RstIgnored,
    SynRetransmit,
    SynRetriesExhausted,
    DataRetransmit,
    DataRetriesExhausted,
    NothingToRetransmit,
    Aborted,
    SegmentToClosed,
    AlreadyOpen,
    NotConnected,
    UnexpectedSegment,
    Ignored,
    UnexpectedEvent,
};

constexpr std::string_view to_string(State s) {
    switch (s) {
        case State::Closed:
            return "Closed";
        case State::Listen:
            return "Listen";
        case State::SynSent:
            return "SynSent";
        case State::SynReceived:
            return "SynReceived";
        case State::Established:
            return "Established";
    }
    return "?";
}

constexpr std::string_view to_string(Event e) {
    switch (e) {
        case Event::ActiveOpen:
            return "ActiveOpen";
        case Event::PassiveOpen:
            return "PassiveOpen";
        case Event::Send:
            return "Send";
        case Event::Abort:
            return "Abort";
        case Event::SegmentArrived:
            return "SegmentArrived";
        case Event::RetransmitTimerExpires:
            return "RetransmitTimerExpires";
    }
    return "?";
}

constexpr std::string_view to_string(Reason r) {
    switch (r) {
        case Reason::ActiveOpen:
            return "active-open";
        case Reason::PassiveOpen:
            return "passive-open";
        case Reason::SynReceived:
            return "syn-received";
        case Reason::HandshakeComplete:
            return "handshake-complete";
        case Reason::DataSent:
            return "data-sent";
        case Reason::SegmentAccepted:
            return "segment-accepted";
        case Reason::OutOfOrder:
            return "out-of-order";
        case Reason::UnacceptableAck:
            return "unacceptable-ack";
        case Reason::Md5Mismatch:
            return "md5-mismatch";
        case Reason::RstReceived:
            return "rst-received";
        case Reason::RstIgnored:
            return "rst-ignored";
        case Reason::SynRetransmit:
            return "syn-retransmit";
        case Reason::SynRetriesExhausted:
            return "syn-retries-exhausted";
        case Reason::DataRetransmit:
            return "data-retransmit";
        case Reason::DataRetriesExhausted:
            return "data-retries-exhausted";
        case Reason::NothingToRetransmit:
            return "nothing-to-retransmit";
        case Reason::Aborted:
            return "aborted";
        case Reason::SegmentToClosed:
            return "segment-to-closed";
        case Reason::AlreadyOpen:
            return "already-open";
        case Reason::NotConnected:
            return "not-connected";
        case Reason::UnexpectedSegment:
            return "unexpected-segment";
        case Reason::Ignored:
            return "ignored";
        case Reason::UnexpectedEvent:
            return "unexpected-event";
    }
    return "?";
}

inline constexpr SimTime kInitialRto = sec(1);   // RFC 6298 §2.1
inline constexpr SimTime kMaxRto = sec(120);     // Linux TCP_RTO_MAX; RFC 6298 §2.5 allows >= 60 s
inline constexpr std::uint32_t kSynRetries = 6;  // Linux net.ipv4.tcp_syn_retries default
inline constexpr std::uint32_t kDataRetries = 15;  // Linux net.ipv4.tcp_retries2 default
inline constexpr std::uint32_t kWindow = 65535;    // receive window used to judge RSTs (§3.10.7.4)

struct Config {
    std::uint16_t local_port{0};
    std::uint16_t remote_port{0};  // 0 for a passive open: learnt from the SYN
    std::uint64_t md5{0};          // RFC 2385 key hash, 0 = no key
    std::uint32_t iss{0};          // initial send sequence number (RFC 9293 §3.4.1)
    SimTime initial_rto{kInitialRto};
    SimTime max_rto{kMaxRto};
    std::uint32_t syn_retries{kSynRetries};
    std::uint32_t data_retries{kDataRetries};
};

// RFC 9293 §3.3.1 send/receive sequence variables, plus the retransmission queue.
struct Data {
    std::uint16_t remote_port{0};
    std::uint32_t snd_una{0};
    std::uint32_t snd_nxt{0};
    std::uint32_t rcv_nxt{0};
    std::vector<net::TcpSegment> unacked;  // data segments sent, not yet fully acknowledged
    std::uint32_t retries{0};              // consecutive retransmissions of the oldest segment
    SimTime rto{};                         // current retransmission timeout (0 before any open)
};

// What a step reacts to. It views the segment and the messages rather than owning copies: the
// caller keeps them alive for the duration of the step, and an input without a segment costs
// nothing to build.
inline const net::TcpSegment kNoSegment{};
struct Input {
    Event event{Event::Abort};
    const net::TcpSegment& segment = kNoSegment;  // SegmentArrived
    std::span<const bgp::Message> messages{};     // Send
};

// Actions are data; the adapter carries them out in order. Sends and timer changes come first,
// then the notifications to the upper layer (Connected, Deliver, Reset, Failed).
struct SendSegment {
    net::TcpSegment segment;
};
struct StartRetransmitTimer {  // (re)start: replaces a running retransmit timer
    SimTime after{};
};
struct StopRetransmitTimer {};
struct Deliver {
    bgp::Message message;
};
struct Connected {};
struct Failed {  // gave up retransmitting
    Reason reason{Reason::SynRetriesExhausted};
};
struct Reset {};  // an acceptable RST arrived: "connection reset"
struct DroppedSegment {
    Reason reason{Reason::Md5Mismatch};
};
using Action = std::variant<SendSegment, StartRetransmitTimer, StopRetransmitTimer, Deliver,
                            Connected, Failed, Reset, DroppedSegment>;

// A step emits a handful of actions; they stay inline (models/common/small_vector.hpp).
using Actions = SmallVector<Action, 4>;

struct StepResult {
    State next{State::Closed};
    Data data;
    Actions actions;
    Reason reason{Reason::UnexpectedEvent};
};

StepResult step(const Config& cfg, const Data& data, State state, const Input& in);
// The same step, taking the data over rather than copying it (its retransmission queue holds
// the unacknowledged segments): for an owner that keeps only the result.
StepResult step(const Config& cfg, Data&& data, State state, const Input& in);

// What a step's trace line needs of the data before the step: the scalars, not the queue.
struct Before {
    std::uint32_t retries{0};
    SimTime rto{};
    std::uint32_t rcv_nxt{0};
    std::uint32_t oldest_unacked_seq{0};  // of unacked.front(); 0 when none
};
Before before(const Data& d);

// The transition table, exposed for the totality test and table dumpers.
struct Ctx;
using Guard = bool (*)(const Config&, const Data&, const Input&);
using Effect = Reason (*)(Ctx&);
using Transition = table::Transition<State, Event, Guard, Effect>;
using Ignored = table::Ignored<State, Event, Reason>;
std::span<const Transition> transitions();
std::span<const Ignored> ignored();

}  // namespace vpnsim::tcp

template <>
struct fmt::formatter<vpnsim::tcp::State> : vpnsim::EnumFormatter<vpnsim::tcp::State> {};
template <>
struct fmt::formatter<vpnsim::tcp::Event> : vpnsim::EnumFormatter<vpnsim::tcp::Event> {};
template <>
struct fmt::formatter<vpnsim::tcp::Reason> : vpnsim::EnumFormatter<vpnsim::tcp::Reason> {};
