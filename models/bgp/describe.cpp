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
    }
    if (!u.withdrawn.empty()) s += fmt::format(" withdrawn {}", prefix_list(u.withdrawn));
    if (u.nlri.empty() && u.withdrawn.empty()) s += " end-of-rib";
    return s;
}

// The reason-specific facts of a step ("" when the reason says it all).
std::string facts(const Config& cfg, const Data& before, State from, const Input& in,
                  const StepResult& r) {
    switch (r.reason) {
        case Reason::ManualStart:
        case Reason::AutomaticStart:
        case Reason::IdleHoldExpired:
        case Reason::ConnectRetryExpired:
            return r.next == State::Connect
                       ? fmt::format("initiating TCP, connect-retry {}s", cfg.connect_retry_s)
                       : fmt::format("passive, connect-retry {}s", cfg.connect_retry_s);
        case Reason::TcpConnectionFails:
            return r.next == State::Active ? fmt::format("connect-retry {}s", cfg.connect_retry_s)
                                           : "";
        case Reason::OpenAccepted:
            return fmt::format("peer AS {} id {} hold {}s keepalive {}s", r.data.peer_as,
                               r.data.peer_bgp_id, r.data.hold_time_s, r.data.keepalive_s);
        case Reason::KeepaliveReceived:
            if (r.next == State::Established && from != State::Established) {
                return fmt::format("hold {}s keepalive {}s, announcing {} prefixes",
                                   r.data.hold_time_s, r.data.keepalive_s, cfg.announce.size());
            }
            return "";
        case Reason::BadPeerAs:
            return fmt::format("remote AS is {}, expected {}", message_as<Open>(in).my_as,
                               cfg.peer_as);
        case Reason::UnacceptableHoldTime: {
            const auto hold = message_as<Open>(in).hold_time_s;
            if (hold == 1 || hold == 2) return fmt::format("peer hold time {}s", hold);
            return fmt::format("peer hold time {}s, below our minimum {}s", hold,
                               cfg.min_hold_time_s);
        }
        case Reason::BadBgpIdentifier:
            return fmt::format("peer BGP identifier {}", message_as<Open>(in).bgp_id);
        case Reason::UpdateMessageError:
            return summary(in.message);
        case Reason::HoldTimerExpired:
            return from == State::OpenSent
                       ? "no OPEN within 240s"
                       : fmt::format("nothing received for {}s", before.hold_time_s);
        case Reason::NotificationReceived:
        case Reason::VersionError:
            return "received " + describe(message_as<Notification>(in));
        case Reason::MaxPrefixExceeded:
            return fmt::format(
                "received {} prefixes, limit is {}",
                apply_update(cfg, before.accepted, message_as<Update>(in)).accepted.size(),
                cfg.max_prefixes.value_or(0));
        case Reason::FsmError:
            return fmt::format("{} unexpected in {}", in.event, from);
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
            return "";
    }
    return "";
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

std::string describe_denial(const Config& cfg, const RoutesDenied& d) {
    if (d.reason == Reason::NextHopNotConnected) {
        const auto net = cfg.connected_net.value_or(net::Ipv4Prefix{});
        return fmt::format("NEXT_HOP {} is not on the connected subnet {}", d.next_hop, net);
    }
    return fmt::format("AS_PATH contains our own AS {}", cfg.local_as);
}

std::string describe_step(const Config& cfg, const Data& before, State from, const Input& in,
                          const StepResult& r) {
    std::vector<std::string> parts;
    for (const auto& a : r.actions) {
        const auto* s = std::get_if<Send>(&a);
        const auto* n = s != nullptr ? std::get_if<Notification>(&s->message) : nullptr;
        if (n != nullptr) parts.push_back("sent " + describe(*n));
    }
    if (auto f = facts(cfg, before, from, in, r); !f.empty()) parts.push_back(std::move(f));
    for (const auto& a : r.actions) {
        const auto* t = std::get_if<StartTimer>(&a);
        if (t != nullptr && t->timer == TimerId::IdleHold) {
            parts.push_back(fmt::format("idle hold {}", format_time(t->after)));
        }
    }
    return fmt::format("{}", fmt::join(parts, "; "));
}

}  // namespace vpnsim::bgp
