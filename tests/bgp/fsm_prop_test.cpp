// Model-based test of the BGP FSM (rapidcheck doc/state.md). Commands feed events that are
// realistic where it matters -- timers fire only while running, TCP comes up only when initiated
// or listening -- and arbitrary elsewhere (Chaos). After every step the invariants below must
// hold; the model tracks only what an observer of the actions can know.
#include <rapidcheck.h>
#include <rapidcheck/catch.h>
#include <rapidcheck/state.h>
#include <catch2/catch.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <ostream>

#include "models/bgp/describe.hpp"
#include "tests/bgp/fsm_support.hpp"

namespace vpnsim::bgp {
namespace {

using namespace test;

struct Model {
    Config cfg;
    State state{State::Idle};
    Data data{};
    std::set<TimerId> running;           // from StartTimer/StopTimer actions and expiries
    bool tcp_pending{false};             // InitiateTcp issued, not yet up or dropped
    bool tcp_up{false};                  // a connection carries the session
    bool open_seen{false};               // a BgpOpen since the session last (re)started
    std::set<net::Ipv4Prefix> poisoned;  // latest announcement carried our own AS
    std::set<net::Ipv4Prefix> far;       // latest announcement's NEXT_HOP was not connected
};

struct Sut {
    State state{State::Idle};
    Data data{};
};

std::map<State, int> g_visits;  // coverage: which states the random runs reached

constexpr std::optional<TimerId> expired_timer(Event e) {
    switch (e) {
        case Event::ConnectRetryTimerExpires:
            return TimerId::ConnectRetry;
        case Event::HoldTimerExpires:
            return TimerId::Hold;
        case Event::KeepaliveTimerExpires:
            return TimerId::Keepalive;
        case Event::IdleHoldTimerExpires:
            return TimerId::IdleHold;
        case Event::ManualStart:
        case Event::ManualStop:
        case Event::AutomaticStart:
        case Event::TcpCrAcked:
        case Event::TcpConnectionConfirmed:
        case Event::TcpConnectionFails:
        case Event::BgpOpen:
        case Event::BgpHeaderErr:
        case Event::BgpOpenMsgErr:
        case Event::NotifMsgVerErr:
        case Event::NotifMsg:
        case Event::KeepAliveMsg:
        case Event::UpdateMsg:
        case Event::UpdateMsgErr:
            return std::nullopt;
    }
    return std::nullopt;
}

bool tcp_up_event(Event e) {
    return e == Event::TcpCrAcked || e == Event::TcpConnectionConfirmed;
}
bool before_session(State s) {
    return s == State::Idle || s == State::Connect || s == State::Active;
}

Model advance(const Model& m0, const Input& in, const StepResult& r) {
    Model m = m0;
    m.state = r.next;
    m.data = r.data;
    if (const auto t = expired_timer(in.event)) m.running.erase(*t);
    if (in.event == Event::TcpConnectionFails) m.tcp_pending = m.tcp_up = false;
    if (tcp_up_event(in.event) && r.next == State::OpenSent && before_session(m0.state)) {
        m.tcp_pending = false;
        m.tcp_up = true;
    }
    for (const auto& a : r.actions) {
        if (const auto* s = std::get_if<StartTimer>(&a)) m.running.insert(s->timer);
        if (const auto* s = std::get_if<StopTimer>(&a)) m.running.erase(s->timer);
        if (std::holds_alternative<InitiateTcp>(a)) m.tcp_pending = true;
        if (std::holds_alternative<DropTcp>(a)) m.tcp_pending = m.tcp_up = false;
    }
    m.open_seen = !before_session(r.next) && (m0.open_seen || in.event == Event::BgpOpen);
    const auto* u = std::get_if<Update>(&in.message);
    if (in.event == Event::UpdateMsg && m0.state == State::Established && u != nullptr) {
        const bool own =
            std::find(u->as_path.begin(), u->as_path.end(), m.cfg.local_as) != u->as_path.end();
        const bool far = m.cfg.connected_net && !m.cfg.connected_net->contains(u->next_hop);
        for (const auto& p : u->nlri) {
            if (own) m.poisoned.insert(p);
            if (!own) m.poisoned.erase(p);
            if (far) m.far.insert(p);
            if (!far) m.far.erase(p);
        }
    }
    return m;
}

void check_invariants(const Model& m, const Input& in, const StepResult& r, const Model& next) {
    RC_ASSERT(r.reason != Reason::UnexpectedEvent);
    // Never Established without a valid OPEN and then a KEEPALIVE (RFC 4271 §8.2.2).
    if (r.next == State::Established && m.state != State::Established) {
        RC_ASSERT(m.open_seen);
        RC_ASSERT(in.event == Event::KeepAliveMsg);
    }
    // Hold timer expiry in Established sends NOTIFICATION 4/0 and goes to Idle (Event 10).
    if (m.state == State::Established && in.event == Event::HoldTimerExpires) {
        RC_ASSERT(r.next == State::Idle);
        RC_ASSERT((notifications(r) == std::vector<Notification>{{4, 0}}));
    }
    // In Idle only the restart timer may run, with no routes and no connection.
    if (r.next == State::Idle) {
        for (const auto t : next.running) RC_ASSERT(t == TimerId::IdleHold);
        RC_ASSERT(r.data.accepted.empty());
        RC_ASSERT(!next.tcp_pending && !next.tcp_up);
    }
    // A failure never freezes the session: the restart is scheduled, within the bounds.
    if (r.next == State::Idle && m.state != State::Idle && in.event != Event::ManualStop) {
        const auto hold = started(r, TimerId::IdleHold);
        RC_ASSERT(hold.has_value());
        RC_ASSERT(*hold >= m.cfg.idle_hold_initial);
        RC_ASSERT(*hold <= m.cfg.idle_hold_max);
    }
    if (r.next == State::Connect) RC_ASSERT(next.tcp_pending);
    if (r.next == State::Connect || r.next == State::Active) {
        RC_ASSERT(next.running.count(TimerId::ConnectRetry) == 1);
    }
    if (r.next == State::Established && r.data.hold_time_s != 0) {
        RC_ASSERT(next.running.count(TimerId::Hold) == 1);
    }
    // Nothing is sent without a BGP connection.
    if (!sent(r).empty()) RC_ASSERT(!before_session(m.state) || tcp_up_event(in.event));
    if (m.cfg.max_prefixes) RC_ASSERT(r.data.accepted.size() <= *m.cfg.max_prefixes);
    if (m.cfg.deny_own_as) {
        for (const auto& p : r.data.accepted) RC_ASSERT(next.poisoned.count(p) == 0U);
    }
    if (m.cfg.connected_net) {
        for (const auto& p : r.data.accepted) RC_ASSERT(next.far.count(p) == 0U);
    }
    // An OPEN offering less than our minimum hold time is an OPEN error and never leads
    // anywhere but Idle (RFC 4271 §6.2).
    const auto* open = std::get_if<Open>(&in.message);
    if (open != nullptr && m.cfg.min_hold_time_s != 0 &&
        open->hold_time_s < m.cfg.min_hold_time_s) {
        RC_ASSERT(in.event == Event::BgpOpenMsgErr);
        RC_ASSERT(r.next == State::Idle);
    }
}

struct Step : rc::state::Command<Model, Sut> {
    Input input;
    bool from_message{false};

    void checkPreconditions(const Model& m) const override { RC_PRE(valid(m)); }
    void apply(Model& m) const override {
        m = advance(m, input, step(m.cfg, m.data, m.state, input));
    }
    void run(const Model& m, Sut& sut) const override {
        const auto r = step(m.cfg, sut.data, sut.state, input);
        const auto expected = step(m.cfg, m.data, m.state, input);
        RC_ASSERT(r.next == expected.next);  // pure: the same input gives the same result
        RC_ASSERT(r.data == expected.data);
        check_invariants(m, input, r, advance(m, input, r));
        sut.state = r.next;
        sut.data = r.data;
        ++g_visits[r.next];
    }
    void show(std::ostream& os) const override {
        os << to_string(input.event);
        if (from_message) os << " " << summary(input.message);
    }
    virtual bool valid(const Model&) const { return true; }

  protected:
    void set_message(const Model& m, const Message& msg) {
        input = classify(m.cfg, msg);
        from_message = true;
    }
};

// Messages arrive only over a connection.
struct Received : Step {
    bool valid(const Model& m) const override { return m.tcp_up; }
};

struct Start : Step {
    Start() { input.event = *rc::gen::element(Event::ManualStart, Event::AutomaticStart); }
};
struct Stop : Step {
    Stop() { input.event = Event::ManualStop; }
};
struct FireTimer : Step {
    TimerId timer{};
    explicit FireTimer(const Model& m) {
        RC_PRE(!m.running.empty());
        timer = *rc::gen::elementOf(m.running);
        for (const auto e : kEvents) {
            if (expired_timer(e) == timer) input.event = e;
        }
    }
    bool valid(const Model& m) const override { return m.running.count(timer) == 1; }
};
struct TcpUp : Step {
    explicit TcpUp(const Model& m) {
        input.event = m.tcp_pending ? Event::TcpCrAcked : Event::TcpConnectionConfirmed;
        RC_PRE(valid(m));
    }
    bool valid(const Model& m) const override {
        const bool listening = m.state == State::Connect || m.state == State::Active;
        return !m.tcp_up && (m.tcp_pending || listening) &&
               (input.event == Event::TcpCrAcked) == m.tcp_pending;
    }
};
struct TcpFails : Step {
    explicit TcpFails(const Model& m) {
        input.event = Event::TcpConnectionFails;
        RC_PRE(valid(m));
    }
    bool valid(const Model& m) const override { return m.tcp_pending || m.tcp_up; }
};
struct RecvOpen : Received {
    explicit RecvOpen(const Model& m) {
        RC_PRE(m.tcp_up);
        Open o;
        o.my_as = *rc::gen::weightedElement<std::uint32_t>({{4, m.cfg.peer_as}, {1, 65001}});
        o.hold_time_s = *rc::gen::element<std::uint16_t>(0, 1, 2, 3, 9, 30, 90, 240);
        o.bgp_id =
            net::Ipv4Addr{*rc::gen::weightedElement<std::uint32_t>({{9, 0xA9FE0A02}, {1, 0}})};
        set_message(m, o);
    }
};
struct RecvKeepalive : Received {
    explicit RecvKeepalive(const Model& m) {
        RC_PRE(m.tcp_up);
        set_message(m, Keepalive{});
    }
};
struct RecvUpdate : Received {
    explicit RecvUpdate(const Model& m) {
        RC_PRE(m.tcp_up);
        const std::vector<net::Ipv4Prefix> pool = {
            prefix("10.0.0.0/16"), prefix("10.1.0.0/16"),    prefix("10.2.0.0/16"),
            prefix("10.3.0.0/24"), prefix("192.168.0.0/24"), prefix("172.16.0.0/12")};
        const auto pick =
            rc::gen::container<std::vector<net::Ipv4Prefix>>(rc::gen::elementOf(pool));
        Update u;
        u.nlri = *rc::gen::resize(5, pick);
        u.withdrawn = *rc::gen::resize(2, pick);
        switch (*rc::gen::inRange(0, 4)) {
            case 0:
                u.as_path = {m.cfg.peer_as};
                break;
            case 1:
                u.as_path = {m.cfg.peer_as, m.cfg.local_as};
                break;
            case 2:
                u.as_path = {m.cfg.peer_as, 65010};
                break;
            default:
                u.as_path = {};
                break;
        }
        u.next_hop = *rc::gen::weightedElement<net::Ipv4Addr>(
            {{4, addr("169.254.10.2")}, {1, addr("10.0.0.1")}});
        set_message(m, u);
    }
};
struct RecvNotification : Received {
    explicit RecvNotification(const Model& m) {
        RC_PRE(m.tcp_up);
        set_message(m, Notification{*rc::gen::inRange<std::uint8_t>(1, 7),
                                    *rc::gen::inRange<std::uint8_t>(0, 4)});
    }
};
// What a well-behaved peer sends next: its OPEN, then a KEEPALIVE, then KEEPALIVEs.
struct PeerProceeds : Received {
    explicit PeerProceeds(const Model& m) {
        RC_PRE(m.tcp_up);
        if (m.state == State::OpenSent) {
            set_message(m, Open{m.cfg.peer_as, 90, addr("169.254.10.2")});
        } else {
            set_message(m, Keepalive{});
        }
    }
};
struct Chaos : Step {  // any event at all, with whatever message the input defaults to
    Chaos() { input.event = *rc::gen::elementOf(kEvents); }
};

}  // namespace

TEST_CASE("bgp fsm - random event sequences keep the invariants", "[bgp][fsm][prop]") {
    const auto all_visited = [] {
        return std::all_of(kStates.begin(), kStates.end(), [](State s) { return g_visits[s] > 0; });
    };
    // Coverage is a claim about the random runs, so it may take more than one property's worth
    // of them: an unlucky seed once left Established unvisited in 100 runs. A further round
    // draws a different stream of cases from the same seed (it skips `round` draws first);
    // rc::check, not Catch sections, so the rounds run one after another in one pass.
    for (int round = 0; round < 5 && (round == 0 || !all_visited()); ++round) {
        const auto property = [round] {
            for (int k = 0; k < round; ++k) (void)*rc::gen::arbitrary<std::uint64_t>();
            Model m0;
            m0.cfg = aws_config();
            m0.cfg.passive = *rc::gen::arbitrary<bool>();
            m0.cfg.deny_own_as = *rc::gen::arbitrary<bool>();
            if (*rc::gen::arbitrary<bool>()) m0.cfg.connected_net.reset();
            m0.cfg.min_hold_time_s = *rc::gen::element<std::uint16_t>(0, 30, 90);
            m0.cfg.max_prefixes = *rc::gen::element<std::optional<std::size_t>>(std::nullopt, 3);
            m0.cfg.hold_time_s = *rc::gen::element<std::uint16_t>(0, 3, 30, 90);
            Sut sut;
            rc::state::check(
                m0, sut,
                rc::state::gen::execOneOfWithArgs<Start, Stop, FireTimer, TcpUp, TcpFails, RecvOpen,
                                                  RecvKeepalive, RecvUpdate, RecvNotification,
                                                  PeerProceeds, Chaos>());
        };
        REQUIRE(rc::check(
            fmt::format("model-based run of the RFC 4271 §8 FSM (round {})", round + 1), property));
    }
    for (const auto s : kStates) {
        CAPTURE(to_string(s));
        CHECK(g_visits[s] > 0);  // the random runs reached every state
    }
}

}  // namespace vpnsim::bgp
