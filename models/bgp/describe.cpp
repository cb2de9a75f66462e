#include "models/bgp/describe.hpp"

#include <array>
#include <type_traits>

#include "models/bgp/inbound.hpp"

namespace vpnsim::bgp {
namespace {

struct NotificationName {
    std::uint8_t code;
    std::uint8_t subcode;
    std::string_view name;
};
constexpr std::uint8_t kAnySubcode = 0xff;

// clang-format off
constexpr std::array kNotificationNames = {
//  code  subcode       name                                                       // source
    NotificationName{1, 1,           "Connection Not Synchronized"},               // RFC 4271 §6.1
    NotificationName{1, 2,           "Bad Message Length"},
    NotificationName{1, 3,           "Bad Message Type"},
    NotificationName{1, kAnySubcode, "Message Header Error"},
    NotificationName{2, 1,           "Unsupported Version Number"},                // RFC 4271 §6.2
    NotificationName{2, 2,           "Bad Peer AS"},
    NotificationName{2, 3,           "Bad BGP Identifier"},
    NotificationName{2, 4,           "Unsupported Optional Parameter"},
    NotificationName{2, 6,           "Unacceptable Hold Time"},
    NotificationName{2, kAnySubcode, "OPEN Message Error"},
    NotificationName{3, 1,           "Malformed Attribute List"},                  // RFC 4271 §6.3
    NotificationName{3, 3,           "Missing Well-known Attribute"},
    NotificationName{3, 8,           "Invalid NEXT_HOP Attribute"},
    NotificationName{3, 11,          "Malformed AS_PATH"},
    NotificationName{3, kAnySubcode, "UPDATE Message Error"},
    NotificationName{4, kAnySubcode, "Hold Timer Expired"},                        // RFC 4271 §6.5
    NotificationName{5, 1,           "FSM Error/Unexpected Message in OpenSent"},  // RFC 6608 §4
    NotificationName{5, 2,           "FSM Error/Unexpected Message in OpenConfirm"},
    NotificationName{5, 3,           "FSM Error/Unexpected Message in Established"},
    NotificationName{5, kAnySubcode, "Finite State Machine Error"},
    NotificationName{6, 1,           "Cease/Maximum Number of Prefixes Reached"},  // RFC 4486 §4
    NotificationName{6, 2,           "Cease/Administrative Shutdown"},
    NotificationName{6, 3,           "Cease/Peer De-configured"},
    NotificationName{6, 4,           "Cease/Administrative Reset"},
    NotificationName{6, 5,           "Cease/Connection Rejected"},
    NotificationName{6, 6,           "Cease/Other Configuration Change"},
    NotificationName{6, 7,           "Cease/Connection Collision Resolution"},
    NotificationName{6, 8,           "Cease/Out of Resources"},
    NotificationName{6, kAnySubcode, "Cease"},
};
// clang-format on

constexpr std::size_t kListedPrefixes = 4;

std::string prefix_list(const std::vector<net::Ipv4Prefix>& ps) {
    std::string s;
    for (std::size_t i = 0; i < ps.size() && i < kListedPrefixes; ++i) {
        s += fmt::format("{}{}", i == 0 ? "" : ",", ps[i]);
    }
    if (ps.size() > kListedPrefixes) s += fmt::format(",+{} more", ps.size() - kListedPrefixes);
    return s;
}

std::string update_summary(const Update& u) {
    std::string s = "UPDATE";
    if (!u.nlri.empty()) {
        s += fmt::format(" nlri {} as-path {} next-hop {}", prefix_list(u.nlri),
                         fmt::join(u.as_path, " "), u.next_hop);
        if (u.med != 0) s += fmt::format(" med {}", u.med);  // MULTI_EXIT_DISC, when set
        for (const auto c : u.communities)
            s += fmt::format(" community {}:{}", c >> 16, c & 0xffff);
    }
    if (!u.withdrawn.empty()) s += fmt::format(" withdrawn {}", prefix_list(u.withdrawn));
    if (u.nlri.empty() && u.withdrawn.empty()) s += " end-of-rib";
    return s;
}

// The numbers one step's line shows, taken when the step happens; the text is built from them
// only when the trace is read.
struct StepFacts {
    Reason reason{};
    State from{};
    State next{};
    Event event{};
    std::uint16_t connect_retry_s{0};
    std::uint16_t hold_s{0};       // negotiated, after the step
    std::uint16_t keepalive_s{0};  // negotiated, after the step
    std::uint16_t before_hold_s{0};
    std::uint16_t min_hold_s{0};
    std::uint16_t open_hold_s{0};  // the received OPEN's fields
    std::uint32_t open_as{0};
    net::Ipv4Addr open_id;
    std::uint32_t peer_as{0};  // configured
    std::uint32_t accepted_peer_as{0};
    net::Ipv4Addr accepted_peer_id;
    std::uint32_t announce{0};
    std::uint32_t received_prefixes{0};
    std::uint32_t prefix_limit{0};
    Notification received{};
    bool sent_notification{false};
    Notification sent{};
    SimTime idle_hold{-1};  // < 0: no idle hold started
};

void append_notification(std::string& out, const Notification& n) {
    fmt::format_to(std::back_inserter(out), "NOTIFICATION {}/{} ({})", n.code, n.subcode,
                   notification_name(n));
}

// The reason-specific facts of a step (nothing when the reason says it all).
void append_facts(std::string& out, const StepFacts& f) {
    auto it = std::back_inserter(out);
    switch (f.reason) {
        case Reason::ManualStart:
        case Reason::AutomaticStart:
        case Reason::IdleHoldExpired:
        case Reason::ConnectRetryExpired:
            fmt::format_to(it, "{}, connect-retry {}s",
                           f.next == State::Connect ? "initiating TCP" : "passive",
                           f.connect_retry_s);
            return;
        case Reason::TcpConnectionFails:
            if (f.next == State::Active) fmt::format_to(it, "connect-retry {}s", f.connect_retry_s);
            return;
        case Reason::OpenAccepted:
            fmt::format_to(it, "peer AS {} id {} hold {}s keepalive {}s", f.accepted_peer_as,
                           f.accepted_peer_id, f.hold_s, f.keepalive_s);
            return;
        case Reason::KeepaliveReceived:
            if (f.next == State::Established && f.from != State::Established) {
                fmt::format_to(it, "hold {}s keepalive {}s, announcing {} prefixes", f.hold_s,
                               f.keepalive_s, f.announce);
            }
            return;
        case Reason::BadPeerAs:
            fmt::format_to(it, "remote AS is {}, expected {}", f.open_as, f.peer_as);
            return;
        case Reason::UnacceptableHoldTime:
            if (f.open_hold_s == 1 || f.open_hold_s == 2) {
                fmt::format_to(it, "peer hold time {}s", f.open_hold_s);
            } else {
                fmt::format_to(it, "peer hold time {}s, below our minimum {}s", f.open_hold_s,
                               f.min_hold_s);
            }
            return;
        case Reason::BadBgpIdentifier:
            fmt::format_to(it, "peer BGP identifier {}", f.open_id);
            return;
        case Reason::HoldTimerExpired:
            if (f.from == State::OpenSent) {
                out += "no OPEN within 240s";
            } else {
                fmt::format_to(it, "nothing received for {}s", f.before_hold_s);
            }
            return;
        case Reason::NotificationReceived:
        case Reason::VersionError:
            out += "received ";
            append_notification(out, f.received);
            return;
        case Reason::MaxPrefixExceeded:
            fmt::format_to(it, "received {} prefixes, limit is {}", f.received_prefixes,
                           f.prefix_limit);
            return;
        case Reason::FsmError:
            fmt::format_to(it, "{} unexpected in {}", f.event, f.from);
            return;
        case Reason::UpdateMessageError:  // described eagerly (describe_step)
        case Reason::TcpConnected:
        case Reason::ManualStop:
        case Reason::KeepaliveSent:
        case Reason::UpdateReceived:
        case Reason::OpenMessageError:
        case Reason::HeaderError:
        case Reason::AsPathContainsOwnAs:
        case Reason::NextHopNotConnected:
        case Reason::AlreadyStarted:
        case Reason::Ignored:
        case Reason::CollisionTracked:
        case Reason::UnexpectedEvent:
            return;
    }
}

StepFacts step_facts(const Config& cfg, const Data& before, State from, const Input& in,
                     const StepResult& r) {
    StepFacts f;
    f.reason = r.reason;
    f.from = from;
    f.next = r.next;
    f.event = in.event;
    f.connect_retry_s = cfg.connect_retry_s;
    f.hold_s = r.data.hold_time_s;
    f.keepalive_s = r.data.keepalive_s;
    f.before_hold_s = before.hold_time_s;
    f.min_hold_s = cfg.min_hold_time_s;
    f.peer_as = cfg.peer_as;
    f.accepted_peer_as = r.data.peer_as;
    f.accepted_peer_id = r.data.peer_bgp_id;
    f.announce = static_cast<std::uint32_t>(cfg.announce.size());
    if (const auto* open = std::get_if<Open>(&in.message)) {
        f.open_hold_s = open->hold_time_s;
        f.open_as = open->my_as;
        f.open_id = open->bgp_id;
    }
    if (const auto* n = std::get_if<Notification>(&in.message)) f.received = *n;
    if (r.reason == Reason::MaxPrefixExceeded) {
        f.received_prefixes = static_cast<std::uint32_t>(
            apply_update(cfg, before.accepted, message_as<Update>(in)).accepted.size());
        f.prefix_limit = static_cast<std::uint32_t>(cfg.max_prefixes.value_or(0));
    }
    for (const auto& a : r.actions) {
        const auto* s = std::get_if<Send>(&a);
        const auto* n = s != nullptr ? std::get_if<Notification>(&s->message) : nullptr;
        if (n != nullptr && !f.sent_notification) {
            f.sent_notification = true;
            f.sent = *n;
        }
        const auto* t = std::get_if<StartTimer>(&a);
        if (t != nullptr && t->timer == TimerId::IdleHold) f.idle_hold = t->after;
    }
    return f;
}

// "sent NOTIFICATION 2/2 (Bad Peer AS); remote AS is 65001, expected 65000; idle hold 2.000s"
void append_step(std::string& out, const StepFacts& f) {
    const auto separate = [&out, mark = out.size()] {
        if (out.size() > mark) out += "; ";
    };
    if (f.sent_notification) {
        out += "sent ";
        append_notification(out, f.sent);
    }
    const auto before_facts = out.size();
    separate();
    const auto after_separator = out.size();
    append_facts(out, f);
    if (out.size() == after_separator) out.resize(before_facts);  // no facts: no separator
    if (f.idle_hold >= SimTime::zero()) {
        separate();
        fmt::format_to(std::back_inserter(out), "idle hold {}", TimeText{f.idle_hold});
    }
}

}  // namespace

std::string_view notification_name(const Notification& n) {
    for (const auto& e : kNotificationNames) {
        if (e.code == n.code && (e.subcode == n.subcode || e.subcode == kAnySubcode)) {
            return e.name;
        }
    }
    return "Unknown Error Code";
}

std::string describe(const Notification& n) {
    return fmt::format("NOTIFICATION {}/{} ({})", n.code, n.subcode, notification_name(n));
}

std::string summary(const Message& m) {
    return std::visit(
        [](const auto& msg) -> std::string {
            using T = std::decay_t<decltype(msg)>;
            if constexpr (std::is_same_v<T, Open>) {
                return fmt::format("OPEN as {} hold {} id {}", msg.my_as, msg.hold_time_s,
                                   msg.bgp_id);
            } else if constexpr (std::is_same_v<T, Keepalive>) {
                return "KEEPALIVE";
            } else if constexpr (std::is_same_v<T, Update>) {
                return update_summary(msg);
            } else {
                return describe(msg);
            }
        },
        m);
}

DeferredText deferred_summary(const Message& m) {
    if (std::holds_alternative<Keepalive>(m)) return DeferredText::literal("KEEPALIVE");
    if (const auto* o = std::get_if<Open>(&m)) {
        return DeferredText::format("OPEN as {} hold {} id {}", o->my_as, o->hold_time_s,
                                    o->bgp_id);
    }
    if (const auto* n = std::get_if<Notification>(&m)) {
        return DeferredText::lazy([n = *n](std::string& out) { out += describe(n); });
    }
    return summary(m);
}

std::string describe_denial(const Config& cfg, const RoutesDenied& d) {
    if (d.reason == Reason::NextHopNotConnected) {
        const auto net = cfg.connected_net.value_or(net::Ipv4Prefix{});
        return fmt::format("NEXT_HOP {} is not on the connected subnet {}", d.next_hop, net);
    }
    return fmt::format("AS_PATH contains our own AS {}", cfg.local_as);
}

DeferredText describe_step(const Config& cfg, const Data& before, State from, const Input& in,
                           const StepResult& r) {
    const auto facts = step_facts(cfg, before, from, in, r);
    if (r.reason == Reason::UpdateMessageError) {  // rare, and an UPDATE is not a few numbers
        std::string out;
        append_step(out, facts);
        out += out.empty() ? "" : "; ";
        out += summary(in.message);
        return out;
    }
    return DeferredText::lazy([facts](std::string& out) { append_step(out, facts); });
}

}  // namespace vpnsim::bgp
