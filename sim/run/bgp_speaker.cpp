#include "sim/run/bgp_speaker.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <utility>

#include "models/bgp/describe.hpp"
#include "models/bgp/inbound.hpp"
#include "models/common/assert.hpp"
#include "models/common/hash.hpp"
#include "models/tcp/describe.hpp"

namespace vpnsim::run {
namespace {

template <typename... Ts>
struct Overloaded : Ts... {
    using Ts::operator()...;
};
// Spelled out for compilers without C++20's aggregate CTAD (P1816: clang before 17).
template <typename... Ts>
Overloaded(Ts...) -> Overloaded<Ts...>;

// Why a segment that matches no connection is refused or how a collision was settled.
enum class Admission : std::uint8_t {
    NotPeer,
    NoConnection,
    NotListening,
    BgpIdle,
    SessionExists,
    CollisionKeepOwn,
    CollisionAcceptPeer,
    CollisionOwnSynLost,
};

constexpr std::string_view to_string(Admission a) {
    switch (a) {
        case Admission::NotPeer:
            return "not-peer";
        case Admission::NoConnection:
            return "no-connection";
        case Admission::NotListening:
            return "not-listening";
        case Admission::BgpIdle:
            return "bgp-idle";
        case Admission::SessionExists:
            return "session-exists";
        case Admission::CollisionKeepOwn:
            return "collision-keep-own";
        case Admission::CollisionAcceptPeer:
            return "collision-accept-peer";
        case Admission::CollisionOwnSynLost:
            return "collision-own-syn-lost";
    }
    return "?";
}

// Self-loops that recur every few seconds and say nothing new are not traced; every state
// change is, and so is every step whose reason is not listed here.
constexpr std::array kQuietBgp = {bgp::Reason::KeepaliveReceived, bgp::Reason::KeepaliveSent,
                                  bgp::Reason::UpdateReceived,    bgp::Reason::AlreadyStarted,
                                  bgp::Reason::Ignored,           bgp::Reason::CollisionTracked};
constexpr std::array kQuietTcp = {tcp::Reason::DataSent, tcp::Reason::SegmentAccepted,
                                  tcp::Reason::NothingToRetransmit, tcp::Reason::Ignored};

template <typename State, typename Reason, std::size_t N>
bool worth_tracing(State from, State to, Reason r, const std::array<Reason, N>& quiet) {
    return from != to || std::find(quiet.begin(), quiet.end(), r) == quiet.end();
}

constexpr bgp::Event expiry_event(bgp::TimerId t) {
    switch (t) {
        case bgp::TimerId::ConnectRetry:
            return bgp::Event::ConnectRetryTimerExpires;
        case bgp::TimerId::Hold:
            return bgp::Event::HoldTimerExpires;
        case bgp::TimerId::Keepalive:
            return bgp::Event::KeepaliveTimerExpires;
        case bgp::TimerId::IdleHold:
            return bgp::Event::IdleHoldTimerExpires;
    }
    return bgp::Event::ConnectRetryTimerExpires;
}

// One SplitMix64 output from x: a stable mix for ISNs and ports derived from the scenario's seed.
constexpr std::uint64_t mix(std::uint64_t x) {
    return splitmix64(x);
}

constexpr std::uint16_t kEphemeralFirst = 49152;  // RFC 6335 §6 dynamic ports 49152-65535
constexpr std::uint64_t kEphemeralCount = 16384;
constexpr std::size_t kListedPrefixes = 4;

std::string prefixes(const auto& ps) {
    std::string s = fmt::format("{} prefixes", ps.size());
    std::size_t n = 0;
    for (const auto& p : ps) {
        if (n == kListedPrefixes) return s + ",...";
        s += fmt::format("{}{}", n++ == 0 ? ": " : ",", p);
    }
    return s;
}

}  // namespace

BgpSpeaker::BgpSpeaker(Host& host, SpeakerConfig cfg, std::uint64_t timer_tag)
    : host_(host), cfg_(std::move(cfg)), tag_(timer_tag) {
    VPNSIM_ASSERT((tag_ & kTokenMask) == 0, "timer tag {:#x} must have its low 16 bits zero", tag_);
}

void BgpSpeaker::start() {
    post(bgp::Input{bgp::Event::ManualStart}, std::nullopt);
}
void BgpSpeaker::stop() {
    post(bgp::Input{bgp::Event::ManualStop}, std::nullopt);
}

void BgpSpeaker::reconfigure(SpeakerConfig cfg) {
    stop();
    cfg_ = std::move(cfg);
}

tcp::State BgpSpeaker::tcp_state() const {
    if (session_) return conns_[*session_].state;
    return std::max(conns_[kActiveSlot].state, conns_[kPassiveSlot].state);
}

void BgpSpeaker::on_timer(std::uint64_t token) {
    VPNSIM_ASSERT((token & ~kTokenMask) == tag_, "timer token {:#x} does not carry tag {:#x}",
                  token, tag_);
    const auto timer = static_cast<std::size_t>(token & kTokenMask) - 1;
    VPNSIM_ASSERT(timer < kTimerSlots, "unknown timer id in token {:#x}", token);
    if (!timers_[timer].valid()) return;  // cancelled after it was queued
    timers_[timer] = {};
    if (timer < bgp::kTimers.size()) {
        post(bgp::Input{expiry_event(bgp::kTimers[timer])}, std::nullopt);
    } else {
        tcp_step(Slot{timer - bgp::kTimers.size()}, tcp::Input{tcp::Event::RetransmitTimerExpires});
    }
}

void BgpSpeaker::on_inner_packet(const net::InnerPacket& packet) {
    const auto& s = packet.tcp;
    if (packet.src == cfg_.peer_addr) {
        for (const auto slot : {kActiveSlot, kPassiveSlot}) {
            const auto& c = conns_[slot];
            if (c.state != tcp::State::Closed && c.cfg.local_port == s.dst_port &&
                c.data.remote_port == s.src_port) {
                tcp_step(slot, tcp::Input{tcp::Event::SegmentArrived, s});
                return;
            }
        }
    }
    admit(packet);
}

// A segment for no connection: a SYN the speaker may accept, or something to refuse.
void BgpSpeaker::admit(const net::InnerPacket& packet) {
    const auto& s = packet.tcp;
    const bool syn = s.flags.syn && !s.flags.ack && !s.flags.rst && s.dst_port == net::kBgpPort;
    if (packet.src != cfg_.peer_addr) return refuse(packet, to_string(Admission::NotPeer), "");
    if (!cfg_.listen) return refuse(packet, to_string(Admission::NotListening), "");
    if (s.md5 != cfg_.md5) {  // RFC 2385 §2.0: the listener's key rejects it, silently
        ++md5_drops_;
        return point("tcp", "drop", to_string(tcp::Reason::Md5Mismatch),
                     tcp::md5_mismatch_detail(cfg_.md5, s.md5));
    }
    if (!syn) return refuse(packet, to_string(Admission::NoConnection), "");
    switch (state_) {
        case bgp::State::Idle:
            return refuse(packet, to_string(Admission::BgpIdle), "RFC 4271 §8.2.2 Idle");
        case bgp::State::OpenSent:
        case bgp::State::OpenConfirm:
        case bgp::State::Established:
            return refuse(packet, to_string(Admission::SessionExists),
                          fmt::format("session already in {}", state_));
        case bgp::State::Connect:
        case bgp::State::Active:
            break;
    }
    if (conns_[kActiveSlot].state == tcp::State::SynSent && !own_syn_out_) {
        // Our last SYN never left (no CHILD_SA yet): a real speaker's outgoing connection
        // could not complete before its next retransmission, so the peer's, accepted by the
        // listener, carries the session (RFC 4271 §6.8 only compares connections that got as
        // far as OpenConfirm).
        point("bgp", "collision", to_string(Admission::CollisionOwnSynLost),
              "own SYN never left (no CHILD_SA): abandon it, accept the peer's");
        tcp_step(kActiveSlot, tcp::Input{tcp::Event::Abort});
    } else if (conns_[kActiveSlot].state == tcp::State::SynSent) {
        const auto local = cfg_.peer_bgp_id ? cfg_.bgp.bgp_id : cfg_.local_addr;
        const auto peer = cfg_.peer_bgp_id.value_or(cfg_.peer_addr);
        const bool keep = wins_collision();
        const auto verdict = keep ? Admission::CollisionKeepOwn : Admission::CollisionAcceptPeer;
        point("bgp", "collision", to_string(verdict),
              fmt::format("RFC 4271 §6.8: local {} {} peer {}: {}", local, keep ? ">" : "<", peer,
                          keep ? "RST the incoming SYN, keep own connection"
                               : "abandon own connection, accept the peer's"));
        if (keep) {
            if (auto rst = tcp::reset_for(s, cfg_.md5)) {
                host_.send_inner({cfg_.local_addr, cfg_.peer_addr, *rst});
            }
            return;
        }
        tcp_step(kActiveSlot, tcp::Input{tcp::Event::Abort});
    }
    accept(s);
}

// The connection initiated by the higher BGP Identifier survives (RFC 4271 §6.8); equal or
// unknown identifiers fall back to the addresses, which both sides see the same way.
bool BgpSpeaker::wins_collision() const {
    if (cfg_.peer_bgp_id && cfg_.bgp.bgp_id != *cfg_.peer_bgp_id) {
        return cfg_.bgp.bgp_id > *cfg_.peer_bgp_id;
    }
    return cfg_.local_addr > cfg_.peer_addr;
}

void BgpSpeaker::refuse(const net::InnerPacket& packet, std::string_view reason,
                        std::string_view detail) {
    const auto rst = tcp::reset_for(packet.tcp, cfg_.md5);  // RFC 9293 §3.10.7.1
    if (!rst) return;
    host_.send_inner({packet.dst, packet.src, *rst});
    const auto& s = packet.tcp;
    // Rendered now: `detail` may be a temporary ("session already in ..."), and a deferred
    // renderer keeps only its view (found by the run fuzzer: a use after free when the trace
    // was printed).
    point("tcp", "rst", reason,
          fmt::format("{}:{} -> port {}{}{}", packet.src, s.src_port, s.dst_port,
                      detail.empty() ? "" : ", ", detail));
}

void BgpSpeaker::accept(const net::TcpSegment& syn) {
    auto& c = conns_[kPassiveSlot];
    if (c.state != tcp::State::Closed) tcp_step(kPassiveSlot, tcp::Input{tcp::Event::Abort});
    ++opens_;
    c.cfg = tcp::Config{.local_port = net::kBgpPort,
                        .remote_port = syn.src_port,
                        .md5 = cfg_.md5,
                        .iss = static_cast<std::uint32_t>(draw(opens_ * 2))};
    c.data = {};
    ++c.generation;
    tcp_step(kPassiveSlot, tcp::Input{tcp::Event::PassiveOpen});
    tcp_step(kPassiveSlot, tcp::Input{tcp::Event::SegmentArrived, syn});
    if (c.state == tcp::State::Listen) tcp_step(kPassiveSlot, tcp::Input{tcp::Event::Abort});
}

void BgpSpeaker::open_active() {
    auto& c = conns_[kActiveSlot];
    if (c.state != tcp::State::Closed) tcp_step(kActiveSlot, tcp::Input{tcp::Event::Abort});
    ++opens_;
    const auto port = kEphemeralFirst + draw(opens_ * 2 + 1) % kEphemeralCount;
    c.cfg = tcp::Config{.local_port = static_cast<std::uint16_t>(port),
                        .remote_port = net::kBgpPort,
                        .md5 = cfg_.md5,
                        .iss = static_cast<std::uint32_t>(draw(opens_ * 2))};
    c.data = {};
    ++c.generation;
    tcp_step(kActiveSlot, tcp::Input{tcp::Event::ActiveOpen});
}

void BgpSpeaker::drop_all() {
    session_.reset();
    for (const auto slot : {kActiveSlot, kPassiveSlot}) {
        if (conns_[slot].state != tcp::State::Closed) {
            tcp_step(slot, tcp::Input{tcp::Event::Abort});
        }
    }
}

// BGP inputs are queued so that a step never starts inside another one; inputs that came from
// a connection which has since closed or been replaced are discarded.
void BgpSpeaker::post(bgp::Input input, std::optional<Slot> slot) {
    const auto generation = slot ? conns_[*slot].generation : std::uint64_t{0};
    if (in_bgp_) {
        pending_.push_back(Pending{std::move(input), slot, generation});
        return;
    }
    in_bgp_ = true;
    // The first input steps at once (its connection is the one it came from: nothing to
    // check); the inputs its step queues follow in order. By index, and each input moved out
    // first: a step may queue more (and grow the vector). The vector keeps its storage between
    // bursts, so a steady session allocates nothing here.
    bgp_step(Pending{std::move(input), slot, generation});
    for (std::size_t i = 0; i < pending_.size(); ++i) {
        const auto p = std::move(pending_[i]);
        if (p.slot && conns_[*p.slot].generation != p.generation) continue;
        bgp_step(p);
    }
    pending_.clear();
    in_bgp_ = false;
}

// The one place the BGP state changes and is traced.
void BgpSpeaker::bgp_step(const Pending& p) {
    const auto from = state_;
    auto r = bgp::step(cfg_.bgp, data_, from, p.input);
    if (worth_tracing(from, r.next, r.reason, kQuietBgp)) {
        host_.trace({host_.now(), host_.node_name(), "bgp", to_string(from),
                     to_string(p.input.event), to_string(r.next), to_string(r.reason),
                     bgp::describe_step(cfg_.bgp, data_, from, p.input, r)});
    }
    host_.on_bgp_step(cfg_.bgp, data_, from, p.input, r);
    state_ = r.next;
    data_ = std::move(r.data);
    if (p.input.event == bgp::Event::UpdateMsg || paths_.size() != data_.accepted.size()) {
        note_paths(p.input);
    }
    if (state_ == bgp::State::Established && from != bgp::State::Established) {
        established_at_ = host_.now();
        ++sessions_established_;
    } else if (state_ != bgp::State::Established) {
        established_at_.reset();
    }
    const bool tcp_up = p.input.event == bgp::Event::TcpCrAcked ||
                        p.input.event == bgp::Event::TcpConnectionConfirmed;
    if (tcp_up && p.slot) {
        if (state_ == bgp::State::OpenSent && from != bgp::State::OpenSent) {
            session_ = *p.slot;
            const auto other = *p.slot == kActiveSlot ? kPassiveSlot : kActiveSlot;
            if (conns_[other].state != tcp::State::Closed) {
                tcp_step(other, tcp::Input{tcp::Event::Abort});
            }
        } else {
            tcp_step(*p.slot, tcp::Input{tcp::Event::Abort});  // the FSM did not take it
        }
    }
    for (const auto& a : r.actions) execute(a);
}

// Keeps paths_ in step with the accepted set: an UPDATE's NLRI take its attributes, and
// routes no longer accepted (withdrawn, denied, session down) leave.
void BgpSpeaker::note_paths(const bgp::Input& in) {
    if (in.event == bgp::Event::UpdateMsg) {
        if (const auto* u = std::get_if<bgp::Update>(&in.message)) {
            for (const auto& p : u->nlri) {
                if (data_.accepted.count(p) != 0) {
                    paths_[p] = {static_cast<std::uint32_t>(u->as_path.size()), u->med};
                }
            }
        }
    }
    if (paths_.size() != data_.accepted.size()) {
        std::erase_if(paths_, [&](const auto& kv) { return data_.accepted.count(kv.first) == 0; });
    }
}

void BgpSpeaker::execute(const bgp::Action& action) {
    std::visit(
        Overloaded{
            [&](const bgp::InitiateTcp&) { open_active(); },
            [&](const bgp::DropTcp&) { drop_all(); },
            [&](const bgp::Send& a) { send_message(a.message); },
            [&](const bgp::StartTimer& a) { arm(static_cast<std::size_t>(a.timer), a.after); },
            [&](const bgp::StopTimer& a) { disarm(static_cast<std::size_t>(a.timer)); },
            [&](const bgp::RoutesChanged&) {
                point("bgp", "routes", "", "accepted " + prefixes(data_.accepted));
            },
            [&](const bgp::RoutesDenied& a) {
                point(
                    "bgp", "deny", to_string(a.reason),
                    fmt::format("{}, {}", prefixes(a.prefixes), bgp::describe_denial(cfg_.bgp, a)));
            },
        },
        action);
}

void BgpSpeaker::send_message(const bgp::Message& m) {
    const bool up = session_ && conns_[*session_].state == tcp::State::Established;
    point("bgp", "send", "",
          up ? bgp::deferred_summary(m) : bgp::summary(m) + " (not sent: no connection)");
    if (up) tcp_step(*session_, tcp::Input{.event = tcp::Event::Send, .messages = {&m, 1}});
}

// The one place a TCP connection's state changes and is traced. Actions run in order and stop
// as soon as the connection closes or is replaced by something they set off.
void BgpSpeaker::tcp_step(Slot slot, const tcp::Input& in) {
    auto& c = conns_[slot];
    const auto from = c.state;
    const auto before = tcp::before(c.data);
    auto r = tcp::step(c.cfg, std::move(c.data), from, in);
    if (worth_tracing(from, r.next, r.reason, kQuietTcp)) {
        host_.trace({host_.now(), host_.node_name(), "tcp", to_string(from), to_string(in.event),
                     to_string(r.next), to_string(r.reason),
                     tcp::describe_step(c.cfg, before, from, in, r)});
    }
    c.state = r.next;
    c.data = std::move(r.data);
    if (c.state == tcp::State::Closed && from != tcp::State::Closed) ++c.generation;
    const auto generation = c.generation;
    for (auto& a : r.actions) {
        if (c.generation != generation) break;
        execute(slot, std::move(a));
    }
}

void BgpSpeaker::execute(Slot slot, tcp::Action&& action) {
    const auto rtx_timer = bgp::kTimers.size() + slot;
    const auto fail = [&] {
        const bool session_conn = session_ == slot;
        const bool connecting = !session_ && slot == kActiveSlot && state_ == bgp::State::Connect;
        if (session_conn || connecting) {
            post(bgp::Input{bgp::Event::TcpConnectionFails}, std::nullopt);
        }
    };
    std::visit(Overloaded{
                   [&](tcp::SendSegment& a) {
                       const bool syn = a.segment.flags.syn && !a.segment.flags.ack;
                       const bool out = host_.send_inner(
                           {cfg_.local_addr, cfg_.peer_addr, std::move(a.segment)});
                       if (syn && slot == kActiveSlot) own_syn_out_ = out;
                   },
                   [&](const tcp::StartRetransmitTimer& a) { arm(rtx_timer, a.after); },
                   [&](const tcp::StopRetransmitTimer&) { disarm(rtx_timer); },
                   [&](const tcp::Deliver& a) {
                       point("bgp", "recv", "", bgp::deferred_summary(a.message));
                       post(bgp::classify(cfg_.bgp, a.message), slot);
                   },
                   [&](const tcp::Connected&) {
                       post(bgp::Input{slot == kActiveSlot ? bgp::Event::TcpCrAcked
                                                           : bgp::Event::TcpConnectionConfirmed},
                            slot);
                   },
                   [&](const tcp::Failed&) { fail(); },
                   [&](const tcp::Reset&) { fail(); },
                   [&](const tcp::DroppedSegment&) { ++md5_drops_; },
               },
               action);
}

void BgpSpeaker::arm(std::size_t timer, SimTime after) {
    disarm(timer);
    timers_[timer] = host_.arm_timer(after, tag_ | (timer + 1));
}

void BgpSpeaker::disarm(std::size_t timer) {
    if (timers_[timer].valid()) host_.cancel_timer(timers_[timer]);
    timers_[timer] = {};
}

void BgpSpeaker::point(std::string_view fsm, std::string_view event, std::string_view reason,
                       DeferredText detail) {
    host_.trace({host_.now(), host_.node_name(), fsm, "", event, "", reason, std::move(detail)});
}

std::uint64_t BgpSpeaker::draw(std::uint64_t salt) const {
    return mix(cfg_.isn_seed ^ mix(salt));
}

}  // namespace vpnsim::run
