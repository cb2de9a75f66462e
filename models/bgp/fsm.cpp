#include "models/bgp/fsm.hpp"

#include <algorithm>

#include "models/bgp/inbound.hpp"

namespace vpnsim::bgp {

struct Ctx {
    const Config& cfg;
    const Input& in;
    State from;
    Data& data;
    Actions& out;
};

namespace {

bool passive(const Config&, const Data&, const Input&);
bool exceeds_max_prefixes(const Config&, const Data&, const Input&);

Reason start_connect(Ctx&);
Reason start_listen(Ctx&);
Reason cancel_restart(Ctx&);
Reason stop_quiet(Ctx&);
Reason stop_with_cease(Ctx&);
Reason retry_connect(Ctx&);
Reason keep_listening(Ctx&);
Reason send_open(Ctx&);
Reason tcp_failed_to_active(Ctx&);
Reason tcp_failed(Ctx&);
Reason fsm_error(Ctx&);
Reason hold_expired(Ctx&);
Reason accept_open(Ctx&);
Reason reject_message(Ctx&);
Reason notification_received(Ctx&);
Reason send_keepalive(Ctx&);
Reason establish(Ctx&);
Reason restart_hold(Ctx&);
Reason take_update(Ctx&);
Reason max_prefixes(Ctx&);

using enum State;
using enum Event;

// RFC 4271 §8.2.2, one row per (state, event[, guard]). Rows are tried in order; each pair ends
// with an unguarded row or sits in kIgnored (tests/bgp/fsm_table_test.cpp checks totality).
// clang-format off
constexpr std::array kTransitions = {
//  from         on                        guard                 to           action                // RFC 4271 §8.2.2
    Transition{Idle,        ManualStart,              passive,              Active,      start_listen},          // Event 1 (+4)
    Transition{Idle,        ManualStart,              nullptr,              Connect,     start_connect},         // Event 1
    Transition{Idle,        AutomaticStart,           passive,              Active,      start_listen},          // Event 3 (+5)
    Transition{Idle,        AutomaticStart,           nullptr,              Connect,     start_connect},         // Event 3
    Transition{Idle,        IdleHoldTimerExpires,     passive,              Active,      start_listen},          // Event 13, §8.1.1
    Transition{Idle,        IdleHoldTimerExpires,     nullptr,              Connect,     start_connect},         // Event 13, §8.1.1
    Transition{Idle,        ManualStop,               nullptr,              Idle,        cancel_restart},        // Event 2
    Transition{Connect,     ManualStop,               nullptr,              Idle,        stop_quiet},            // Event 2
    Transition{Connect,     ConnectRetryTimerExpires, nullptr,              Connect,     retry_connect},         // Event 9
    Transition{Connect,     TcpCrAcked,               nullptr,              OpenSent,    send_open},             // Event 16
    Transition{Connect,     TcpConnectionConfirmed,   nullptr,              OpenSent,    send_open},             // Event 17
    Transition{Connect,     TcpConnectionFails,       nullptr,              Active,      tcp_failed_to_active},  // Event 18 (FRR)
    Transition{Connect,     HoldTimerExpires,         nullptr,              Idle,        fsm_error},             // Events 8, 10-13, 19-28
    Transition{Connect,     KeepaliveTimerExpires,    nullptr,              Idle,        fsm_error},
    Transition{Connect,     IdleHoldTimerExpires,     nullptr,              Idle,        fsm_error},
    Transition{Connect,     BgpOpen,                  nullptr,              Idle,        fsm_error},
    Transition{Connect,     BgpHeaderErr,             nullptr,              Idle,        fsm_error},
    Transition{Connect,     BgpOpenMsgErr,            nullptr,              Idle,        fsm_error},
    Transition{Connect,     NotifMsgVerErr,           nullptr,              Idle,        fsm_error},
    Transition{Connect,     NotifMsg,                 nullptr,              Idle,        fsm_error},
    Transition{Connect,     KeepAliveMsg,             nullptr,              Idle,        fsm_error},
    Transition{Connect,     UpdateMsg,                nullptr,              Idle,        fsm_error},
    Transition{Connect,     UpdateMsgErr,             nullptr,              Idle,        fsm_error},
    Transition{Active,      ManualStop,               nullptr,              Idle,        stop_quiet},            // Event 2
    Transition{Active,      ConnectRetryTimerExpires, passive,              Active,      keep_listening},        // Event 9 (FRR passive)
    Transition{Active,      ConnectRetryTimerExpires, nullptr,              Connect,     retry_connect},         // Event 9
    Transition{Active,      TcpCrAcked,               nullptr,              OpenSent,    send_open},             // Event 16
    Transition{Active,      TcpConnectionConfirmed,   nullptr,              OpenSent,    send_open},             // Event 17
    Transition{Active,      TcpConnectionFails,       nullptr,              Idle,        tcp_failed},            // Event 18
    Transition{Active,      HoldTimerExpires,         nullptr,              Idle,        fsm_error},             // Events 8, 10-13, 19-28
    Transition{Active,      KeepaliveTimerExpires,    nullptr,              Idle,        fsm_error},
    Transition{Active,      IdleHoldTimerExpires,     nullptr,              Idle,        fsm_error},
    Transition{Active,      BgpOpen,                  nullptr,              Idle,        fsm_error},
    Transition{Active,      BgpHeaderErr,             nullptr,              Idle,        fsm_error},
    Transition{Active,      BgpOpenMsgErr,            nullptr,              Idle,        fsm_error},
    Transition{Active,      NotifMsgVerErr,           nullptr,              Idle,        fsm_error},
    Transition{Active,      NotifMsg,                 nullptr,              Idle,        fsm_error},
    Transition{Active,      KeepAliveMsg,             nullptr,              Idle,        fsm_error},
    Transition{Active,      UpdateMsg,                nullptr,              Idle,        fsm_error},
    Transition{Active,      UpdateMsgErr,             nullptr,              Idle,        fsm_error},
    Transition{OpenSent,    ManualStop,               nullptr,              Idle,        stop_with_cease},       // Event 2
    Transition{OpenSent,    ConnectRetryTimerExpires, nullptr,              Idle,        fsm_error},             // Event 9
    Transition{OpenSent,    HoldTimerExpires,         nullptr,              Idle,        hold_expired},          // Event 10
    Transition{OpenSent,    KeepaliveTimerExpires,    nullptr,              Idle,        fsm_error},             // Event 11
    Transition{OpenSent,    IdleHoldTimerExpires,     nullptr,              Idle,        fsm_error},             // Event 13
    Transition{OpenSent,    TcpConnectionFails,       nullptr,              Active,      tcp_failed_to_active},  // Event 18
    Transition{OpenSent,    BgpOpen,                  nullptr,              OpenConfirm, accept_open},           // Event 19
    Transition{OpenSent,    BgpHeaderErr,             nullptr,              Idle,        reject_message},        // Event 21
    Transition{OpenSent,    BgpOpenMsgErr,            nullptr,              Idle,        reject_message},        // Event 22
    Transition{OpenSent,    NotifMsgVerErr,           nullptr,              Idle,        notification_received}, // Event 24
    Transition{OpenSent,    NotifMsg,                 nullptr,              Idle,        fsm_error},             // Event 25
    Transition{OpenSent,    KeepAliveMsg,             nullptr,              Idle,        fsm_error},             // Event 26
    Transition{OpenSent,    UpdateMsg,                nullptr,              Idle,        fsm_error},             // Event 27
    Transition{OpenSent,    UpdateMsgErr,             nullptr,              Idle,        fsm_error},             // Event 28
    Transition{OpenConfirm, ManualStop,               nullptr,              Idle,        stop_with_cease},       // Event 2
    Transition{OpenConfirm, ConnectRetryTimerExpires, nullptr,              Idle,        fsm_error},             // Event 9
    Transition{OpenConfirm, HoldTimerExpires,         nullptr,              Idle,        hold_expired},          // Event 10
    Transition{OpenConfirm, KeepaliveTimerExpires,    nullptr,              OpenConfirm, send_keepalive},        // Event 11
    Transition{OpenConfirm, IdleHoldTimerExpires,     nullptr,              Idle,        fsm_error},             // Event 13
    Transition{OpenConfirm, TcpConnectionFails,       nullptr,              Idle,        tcp_failed},            // Event 18
    Transition{OpenConfirm, BgpOpen,                  nullptr,              Idle,        fsm_error},             // Event 19, no collision here
    Transition{OpenConfirm, BgpHeaderErr,             nullptr,              Idle,        reject_message},        // Event 21
    Transition{OpenConfirm, BgpOpenMsgErr,            nullptr,              Idle,        reject_message},        // Event 22
    Transition{OpenConfirm, NotifMsgVerErr,           nullptr,              Idle,        notification_received}, // Event 24
    Transition{OpenConfirm, NotifMsg,                 nullptr,              Idle,        notification_received}, // Event 25
    Transition{OpenConfirm, KeepAliveMsg,             nullptr,              Established, establish},             // Event 26
    Transition{OpenConfirm, UpdateMsg,                nullptr,              Idle,        fsm_error},             // Event 27
    Transition{OpenConfirm, UpdateMsgErr,             nullptr,              Idle,        fsm_error},             // Event 28
    Transition{Established, ManualStop,               nullptr,              Idle,        stop_with_cease},       // Event 2
    Transition{Established, ConnectRetryTimerExpires, nullptr,              Idle,        fsm_error},             // Event 9
    Transition{Established, HoldTimerExpires,         nullptr,              Idle,        hold_expired},          // Event 10
    Transition{Established, KeepaliveTimerExpires,    nullptr,              Established, send_keepalive},        // Event 11
    Transition{Established, IdleHoldTimerExpires,     nullptr,              Idle,        fsm_error},             // Event 13
    Transition{Established, TcpConnectionFails,       nullptr,              Idle,        tcp_failed},            // Event 18
    Transition{Established, BgpOpen,                  nullptr,              Idle,        fsm_error},             // Event 19
    Transition{Established, BgpHeaderErr,             nullptr,              Idle,        reject_message},        // Event 21
    Transition{Established, BgpOpenMsgErr,            nullptr,              Idle,        reject_message},        // Event 22
    Transition{Established, NotifMsgVerErr,           nullptr,              Idle,        notification_received}, // Event 24
    Transition{Established, NotifMsg,                 nullptr,              Idle,        notification_received}, // Event 25
    Transition{Established, KeepAliveMsg,             nullptr,              Established, restart_hold},          // Event 26
    Transition{Established, UpdateMsg,                exceeds_max_prefixes, Idle,        max_prefixes},          // Event 27, RFC 4486
    Transition{Established, UpdateMsg,                nullptr,              Established, take_update},           // Event 27
    Transition{Established, UpdateMsgErr,             nullptr,              Idle,        reject_message},        // Event 28
};

// "Any other event received in the Idle state does not cause change in the state" (§8.2.2);
// start events are ignored once started; a second connection completing while one is in
// OpenSent or later is the collision the adapter resolves (§6.8).
constexpr std::array kIgnored = {
//  state        on                        reason
    Ignored{Idle,        ConnectRetryTimerExpires, Reason::Ignored},
    Ignored{Idle,        HoldTimerExpires,         Reason::Ignored},
    Ignored{Idle,        KeepaliveTimerExpires,    Reason::Ignored},
    Ignored{Idle,        TcpCrAcked,               Reason::Ignored},
    Ignored{Idle,        TcpConnectionConfirmed,   Reason::Ignored},
    Ignored{Idle,        TcpConnectionFails,       Reason::Ignored},
    Ignored{Idle,        BgpOpen,                  Reason::Ignored},
    Ignored{Idle,        BgpHeaderErr,             Reason::Ignored},
    Ignored{Idle,        BgpOpenMsgErr,            Reason::Ignored},
    Ignored{Idle,        NotifMsgVerErr,           Reason::Ignored},
    Ignored{Idle,        NotifMsg,                 Reason::Ignored},
    Ignored{Idle,        KeepAliveMsg,             Reason::Ignored},
    Ignored{Idle,        UpdateMsg,                Reason::Ignored},
    Ignored{Idle,        UpdateMsgErr,             Reason::Ignored},
    Ignored{Connect,     ManualStart,              Reason::AlreadyStarted},
    Ignored{Connect,     AutomaticStart,           Reason::AlreadyStarted},
    Ignored{Active,      ManualStart,              Reason::AlreadyStarted},
    Ignored{Active,      AutomaticStart,           Reason::AlreadyStarted},
    Ignored{OpenSent,    ManualStart,              Reason::AlreadyStarted},
    Ignored{OpenSent,    AutomaticStart,           Reason::AlreadyStarted},
    Ignored{OpenSent,    TcpCrAcked,               Reason::CollisionTracked},
    Ignored{OpenSent,    TcpConnectionConfirmed,   Reason::CollisionTracked},
    Ignored{OpenConfirm, ManualStart,              Reason::AlreadyStarted},
    Ignored{OpenConfirm, AutomaticStart,           Reason::AlreadyStarted},
    Ignored{OpenConfirm, TcpCrAcked,               Reason::CollisionTracked},
    Ignored{OpenConfirm, TcpConnectionConfirmed,   Reason::CollisionTracked},
    Ignored{Established, ManualStart,              Reason::AlreadyStarted},
    Ignored{Established, AutomaticStart,           Reason::AlreadyStarted},
    Ignored{Established, TcpCrAcked,               Reason::CollisionTracked},
    Ignored{Established, TcpConnectionConfirmed,   Reason::CollisionTracked},
};
// clang-format on

constexpr auto kIndex = table::index_rows<kStates.size(), kEvents.size()>(kTransitions);

bool passive(const Config& c, const Data&, const Input&) {
    return c.passive;
}
bool exceeds_max_prefixes(const Config& c, const Data& d, const Input& in) {
    if (!c.max_prefixes) return false;
    return apply_update(c, d.accepted, message_as<Update>(in)).accepted.size() > *c.max_prefixes;
}

SimTime seconds(std::uint16_t s) {
    return sec(s);
}
void start(Ctx& x, TimerId t, SimTime after) {
    x.out.emplace_back(StartTimer{t, after});
}
void stop(Ctx& x, TimerId t) {
    x.out.emplace_back(StopTimer{t});
}
void send(Ctx& x, Message m) {
    x.out.emplace_back(Send{std::move(m)});
}
void notify(Ctx& x, Notification n) {
    x.data.last_sent = n;
    send(x, n);
}
void clear_routes(Ctx& x) {
    if (x.data.accepted.empty()) return;
    x.data.accepted.clear();
    x.out.emplace_back(RoutesChanged{0});
}
void reset_damping(Ctx& x) {
    x.data.idle_hold = x.cfg.idle_hold_initial;
    x.data.connect_retry_counter = 0;
}
SimTime current_idle_hold(const Ctx& x) {
    return x.data.idle_hold > SimTime{} ? x.data.idle_hold : x.cfg.idle_hold_initial;
}
// Restarts the session's clock: ConnectRetry runs, Hold and Keepalive do not.
void restart_connect_retry(Ctx& x) {
    stop(x, TimerId::Hold);
    stop(x, TimerId::Keepalive);
    start(x, TimerId::ConnectRetry, seconds(x.cfg.connect_retry_s));
}

// The common way down after an error (§8.2.2 "releases all BGP resources, drops the TCP
// connection, increments the ConnectRetryCounter, (optionally) performs peer oscillation
// damping, and changes its state to Idle"): the IdleHoldTimer schedules the automatic restart
// and its next value doubles, capped (§8.1.1 DampPeerOscillations).
Reason go_idle(Ctx& x, Reason why) {
    stop(x, TimerId::ConnectRetry);
    stop(x, TimerId::Hold);
    stop(x, TimerId::Keepalive);
    x.out.emplace_back(DropTcp{});
    clear_routes(x);
    ++x.data.connect_retry_counter;
    const auto hold = current_idle_hold(x);
    start(x, TimerId::IdleHold, hold);
    x.data.idle_hold = std::min(hold * 2, x.cfg.idle_hold_max);
    x.data.last_error = why;
    return why;
}

// Only Events 1, 3 and 13 lead out of Idle (see the table).
Reason start_reason(Ctx& x) {
    x.data.hold_time_s = 0;
    x.data.keepalive_s = 0;
    stop(x, TimerId::IdleHold);
    if (x.in.event == ManualStart) {
        reset_damping(x);
        return Reason::ManualStart;
    }
    return x.in.event == AutomaticStart ? Reason::AutomaticStart : Reason::IdleHoldExpired;
}
Reason start_connect(Ctx& x) {
    const auto why = start_reason(x);
    start(x, TimerId::ConnectRetry, seconds(x.cfg.connect_retry_s));
    x.out.emplace_back(InitiateTcp{});
    return why;
}
Reason start_listen(Ctx& x) {
    const auto why = start_reason(x);
    start(x, TimerId::ConnectRetry, seconds(x.cfg.connect_retry_s));
    return why;
}
Reason cancel_restart(Ctx& x) {
    stop(x, TimerId::IdleHold);
    reset_damping(x);
    return Reason::ManualStop;
}
Reason stop_quiet(Ctx& x) {
    for (const auto t : kTimers) stop(x, t);
    x.out.emplace_back(DropTcp{});
    clear_routes(x);
    reset_damping(x);
    return Reason::ManualStop;
}
Reason stop_with_cease(Ctx& x) {
    notify(x, Notification{kCease, kAdminShutdown});  // RFC 4486 §4
    return stop_quiet(x);
}
Reason retry_connect(Ctx& x) {
    x.out.emplace_back(DropTcp{});
    start(x, TimerId::ConnectRetry, seconds(x.cfg.connect_retry_s));
    x.out.emplace_back(InitiateTcp{});
    return Reason::ConnectRetryExpired;
}
Reason keep_listening(Ctx& x) {
    start(x, TimerId::ConnectRetry, seconds(x.cfg.connect_retry_s));
    return Reason::ConnectRetryExpired;
}
Reason send_open(Ctx& x) {
    stop(x, TimerId::ConnectRetry);
    send(x, Open{x.cfg.local_as, x.cfg.hold_time_s, x.cfg.bgp_id});
    start(x, TimerId::Hold, kOpenHoldTime);
    return Reason::TcpConnected;
}
Reason tcp_failed_to_active(Ctx& x) {
    x.out.emplace_back(DropTcp{});
    restart_connect_retry(x);
    return Reason::TcpConnectionFails;
}
Reason tcp_failed(Ctx& x) {
    return go_idle(x, Reason::TcpConnectionFails);
}
Reason fsm_error(Ctx& x) {
    // RFC 6608 §4 subcodes: 1 OpenSent, 2 OpenConfirm, 3 Established. Before OpenSent there is
    // no BGP connection to send it on (§8.2.2 Connect/Active "any other event").
    const auto subcode = x.from == OpenSent      ? 1
                         : x.from == OpenConfirm ? 2
                         : x.from == Established ? 3
                                                 : 0;
    if (subcode != 0) notify(x, Notification{kFsmError, static_cast<std::uint8_t>(subcode)});
    return go_idle(x, Reason::FsmError);
}
Reason hold_expired(Ctx& x) {
    notify(x, Notification{kHoldTimerExpired, 0});
    return go_idle(x, Reason::HoldTimerExpired);
}
Reason accept_open(Ctx& x) {
    const auto open = message_as<Open>(x.in);
    const auto n = negotiate(x.cfg, open);
    x.data.hold_time_s = n.hold_time_s;
    x.data.keepalive_s = n.keepalive_s;
    x.data.peer_as = open.my_as;
    x.data.peer_bgp_id = open.bgp_id;
    stop(x, TimerId::ConnectRetry);
    send(x, Keepalive{});
    if (n.hold_time_s == 0) {  // §8.2.2: "the HoldTimer and KeepaliveTimer are not started"
        stop(x, TimerId::Hold);
        stop(x, TimerId::Keepalive);
    } else {
        start(x, TimerId::Keepalive, seconds(n.keepalive_s));
        start(x, TimerId::Hold, seconds(n.hold_time_s));
    }
    return Reason::OpenAccepted;
}
Reason reject_message(Ctx& x) {
    notify(x, x.in.error);
    return go_idle(x, error_reason(x.in.error));
}
Reason notification_received(Ctx& x) {
    x.data.last_received = message_as<Notification>(x.in);
    return go_idle(
        x, x.in.event == NotifMsgVerErr ? Reason::VersionError : Reason::NotificationReceived);
}
Reason send_keepalive(Ctx& x) {
    send(x, Keepalive{});
    if (x.data.keepalive_s != 0) start(x, TimerId::Keepalive, seconds(x.data.keepalive_s));
    return Reason::KeepaliveSent;
}
Reason restart_hold(Ctx& x) {
    if (x.data.hold_time_s != 0) start(x, TimerId::Hold, seconds(x.data.hold_time_s));
    return Reason::KeepaliveReceived;
}
// §4.3: one UPDATE carries one set of path attributes, so the announced prefixes go out in
// one UPDATE per distinct set (the session's, and each route-map entry's), in the order of
// their first prefix.
std::vector<Update> announcements(const Config& cfg) {
    std::vector<Update> out;
    for (const auto& prefix : cfg.announce) {
        const auto it = std::find_if(cfg.prefix_attrs.begin(), cfg.prefix_attrs.end(),
                                     [&](const PrefixAttrs& a) { return a.prefix == prefix; });
        const auto* attrs = it == cfg.prefix_attrs.end() ? nullptr : &*it;
        std::vector<std::uint32_t> path{cfg.local_as};
        const auto& prepend =
            attrs && attrs->as_path_prepend ? *attrs->as_path_prepend : cfg.as_path_prepend;
        path.insert(path.end(), prepend.begin(), prepend.end());
        Update u{{},
                 {prefix},
                 std::move(path),
                 cfg.next_hop,
                 attrs && attrs->med ? *attrs->med : cfg.med,
                 attrs ? attrs->communities : std::vector<std::uint32_t>{}};
        const auto same = std::find_if(out.begin(), out.end(), [&](const Update& o) {
            return o.as_path == u.as_path && o.med == u.med && o.communities == u.communities;
        });
        if (same != out.end()) {
            same->nlri.push_back(prefix);
        } else {
            out.push_back(std::move(u));
        }
    }
    return out;
}

Reason establish(Ctx& x) {
    restart_hold(x);
    x.data.idle_hold = x.cfg.idle_hold_initial;  // a session that came up resets the back-off
    if (!x.cfg.announce.empty()) {
        for (auto& u : announcements(x.cfg)) send(x, std::move(u));
        if (x.data.keepalive_s != 0) start(x, TimerId::Keepalive, seconds(x.data.keepalive_s));
    }
    return Reason::KeepaliveReceived;
}
Reason take_update(Ctx& x) {
    restart_hold(x);
    auto outcome = apply_update(x.cfg, x.data.accepted, message_as<Update>(x.in));
    x.data.accepted = std::move(outcome.accepted);
    x.data.denied += outcome.denied.size();
    if (!outcome.denied.empty()) {
        const auto next_hop = message_as<Update>(x.in).next_hop;
        x.out.emplace_back(RoutesDenied{std::move(outcome.denied), outcome.denial, next_hop});
    }
    if (outcome.changed) x.out.emplace_back(RoutesChanged{x.data.accepted.size()});
    return Reason::UpdateReceived;
}
Reason max_prefixes(Ctx& x) {
    notify(x, Notification{kCease, kMaxPrefixes});
    return go_idle(x, Reason::MaxPrefixExceeded);
}

}  // namespace

StepResult step(const Config& cfg, const Data& data, State state, const Input& in) {
    // Default-initialised, then filled in: a value-initialised StepResult (StepResult r{...})
    // would zero its inline action storage, hundreds of bytes, on every step.
    StepResult r;
    r.next = state;
    r.data = data;
    if (const auto* t = table::first_match(kTransitions, kIndex, state, in.event, cfg, data, in)) {
        Ctx ctx{cfg, in, state, r.data, r.actions};
        r.reason = t->action(ctx);
        r.next = t->to;
    } else if (const auto why = table::ignored_reason<Ignored>(kIgnored, state, in.event)) {
        r.reason = *why;
    }
    return r;
}

std::span<const Transition> transitions() {
    return kTransitions;
}
std::span<const Ignored> ignored() {
    return kIgnored;
}

}  // namespace vpnsim::bgp
