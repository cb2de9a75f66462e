// DOC: the BGP-4 finite state machine of one peering (RFC 4271 §8), as a pure step function.
// Models: the six states and the §8.1 events a single-connection speaker meets (numbers cited
// on each enumerator); ConnectRetry, Hold, Keepalive timers (§8.2.2, §10) and the optional
// IdleHoldTimer with exponential back-off (§8.1.1 DampPeerOscillations) so a failing session
// visibly cycles Idle -> Connect/Active -> ... -> Idle with a growing delay; OPEN validation
// (§6.2: Bad Peer AS 2/2, Bad BGP Identifier 2/3, Unacceptable Hold Time 2/6, also below a
// configured minimum hold time as Cisco IOS's min-holdtime); hold time negotiation (§4.2,
// smaller of the two OPENs, 0 disables the timers); UPDATE processing into an Adj-RIB-In of
// prefixes, AWS's import policy (deny "as-path contains our own AS" and a NEXT_HOP outside the
// connected subnet, §6.3) and the RFC 4486 maximum prefix Cease 6/1; FSM Error NOTIFICATIONs
// with RFC 6608 subcodes for unexpected events.
// Deviations, following FRR 8.4 (shared/aws-facts.md "How real stacks behave"): in Connect a TCP
// failure moves to Active (RFC: Idle), so an unanswered speaker alternates Connect/Active; a
// passive speaker stays in Active when ConnectRetry expires.
// Leaves out: DelayOpen, OpenCollisionDump (Event 23; collisions are resolved by the adapter
// when it accepts a connection, see sim/run/bgp_speaker.hpp), capabilities, route selection and
// any RIB beyond the accepted prefix set; Events 4-8, 12, 14, 15, 20 are not raised.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <set>
#include <span>
#include <string_view>
#include <variant>
#include <vector>

#include <fmt/format.h>

#include "models/bgp/message.hpp"
#include "models/common/enum_format.hpp"
#include "models/common/ipv4.hpp"
#include "models/common/small_vector.hpp"
#include "models/common/time.hpp"
#include "models/common/transition_table.hpp"

namespace vpnsim::bgp {

enum class State : std::uint8_t { Idle, Connect, Active, OpenSent, OpenConfirm, Established };
inline constexpr std::array kStates = {State::Idle,     State::Connect,     State::Active,
                                       State::OpenSent, State::OpenConfirm, State::Established};

enum class Event : std::uint8_t {
    ManualStart,               // Event 1
    ManualStop,                // Event 2
    AutomaticStart,            // Event 3
    ConnectRetryTimerExpires,  // Event 9
    HoldTimerExpires,          // Event 10
    KeepaliveTimerExpires,     // Event 11
    IdleHoldTimerExpires,      // Event 13
    TcpCrAcked,                // Event 16: our outgoing connection completed
    TcpConnectionConfirmed,    // Event 17: an incoming connection completed
    TcpConnectionFails,        // Event 18
    BgpOpen,                   // Event 19: a valid OPEN
    BgpHeaderErr,              // Event 21
    BgpOpenMsgErr,             // Event 22
    NotifMsgVerErr,            // Event 24
    NotifMsg,                  // Event 25
    KeepAliveMsg,              // Event 26
    UpdateMsg,                 // Event 27
    UpdateMsgErr,              // Event 28
};
inline constexpr std::array kEvents = {
    Event::ManualStart,
    Event::ManualStop,
    Event::AutomaticStart,
    Event::ConnectRetryTimerExpires,
    Event::HoldTimerExpires,
    Event::KeepaliveTimerExpires,
    Event::IdleHoldTimerExpires,
    Event::TcpCrAcked,
    Event::TcpConnectionConfirmed,
    Event::TcpConnectionFails,
    Event::BgpOpen,
    Event::BgpHeaderErr,
    Event::BgpOpenMsgErr,
    Event::NotifMsgVerErr,
    Event::NotifMsg,
    Event::KeepAliveMsg,
    Event::UpdateMsg,
    Event::UpdateMsgErr,
};

enum class TimerId : std::uint8_t { ConnectRetry, Hold, Keepalive, IdleHold };
inline constexpr std::array kTimers = {TimerId::ConnectRetry, TimerId::Hold, TimerId::Keepalive,
                                       TimerId::IdleHold};

enum class Reason : std::uint8_t {
    ManualStart,
    AutomaticStart,
    IdleHoldExpired,
    ManualStop,
    ConnectRetryExpired,
    TcpConnected,
    TcpConnectionFails,
    OpenAccepted,
    KeepaliveReceived,
    KeepaliveSent,
    UpdateReceived,
    HoldTimerExpired,
    BadPeerAs,
    BadBgpIdentifier,
    UnacceptableHoldTime,
    OpenMessageError,
    HeaderError,
    UpdateMessageError,
    NotificationReceived,
    VersionError,
    MaxPrefixExceeded,
    AsPathContainsOwnAs,
    NextHopNotConnected,
    FsmError,
    AlreadyStarted,
    Ignored,
    CollisionTracked,
    UnexpectedEvent,
};

constexpr std::string_view to_string(State s) {
    switch (s) {
        case State::Idle:
            return "Idle";
        case State::Connect:
            return "Connect";
        case State::Active:
            return "Active";
        case State::OpenSent:
            return "OpenSent";
        case State::OpenConfirm:
            return "OpenConfirm";
        case State::Established:
            return "Established";
    }
    return "?";
}

constexpr std::string_view to_string(Event e) {
    switch (e) {
        case Event::ManualStart:
            return "ManualStart";
        case Event::ManualStop:
            return "ManualStop";
        case Event::AutomaticStart:
            return "AutomaticStart";
        case Event::ConnectRetryTimerExpires:
            return "ConnectRetryTimerExpires";
        case Event::HoldTimerExpires:
            return "HoldTimerExpires";
        case Event::KeepaliveTimerExpires:
            return "KeepaliveTimerExpires";
        case Event::IdleHoldTimerExpires:
            return "IdleHoldTimerExpires";
        case Event::TcpCrAcked:
            return "TcpCrAcked";
        case Event::TcpConnectionConfirmed:
            return "TcpConnectionConfirmed";
        case Event::TcpConnectionFails:
            return "TcpConnectionFails";
        case Event::BgpOpen:
            return "BgpOpen";
        case Event::BgpHeaderErr:
            return "BgpHeaderErr";
        case Event::BgpOpenMsgErr:
            return "BgpOpenMsgErr";
        case Event::NotifMsgVerErr:
            return "NotifMsgVerErr";
        case Event::NotifMsg:
            return "NotifMsg";
        case Event::KeepAliveMsg:
            return "KeepAliveMsg";
        case Event::UpdateMsg:
            return "UpdateMsg";
        case Event::UpdateMsgErr:
            return "UpdateMsgErr";
    }
    return "?";
}

constexpr std::string_view to_string(TimerId t) {
    switch (t) {
        case TimerId::ConnectRetry:
            return "ConnectRetryTimer";
        case TimerId::Hold:
            return "HoldTimer";
        case TimerId::Keepalive:
            return "KeepaliveTimer";
        case TimerId::IdleHold:
            return "IdleHoldTimer";
    }
    return "?";
}

constexpr std::string_view to_string(Reason r) {
    switch (r) {
        case Reason::ManualStart:
            return "manual-start";
        case Reason::AutomaticStart:
            return "automatic-start";
        case Reason::IdleHoldExpired:
            return "idle-hold-expired";
        case Reason::ManualStop:
            return "manual-stop";
        case Reason::ConnectRetryExpired:
            return "connect-retry-expired";
        case Reason::TcpConnected:
            return "tcp-connected";
        case Reason::TcpConnectionFails:
            return "tcp-connection-fails";
        case Reason::OpenAccepted:
            return "open-accepted";
        case Reason::KeepaliveReceived:
            return "keepalive-received";
        case Reason::KeepaliveSent:
            return "keepalive-sent";
        case Reason::UpdateReceived:
            return "update-received";
        case Reason::HoldTimerExpired:
            return "hold-timer-expired";
        case Reason::BadPeerAs:
            return "bad-peer-as";
        case Reason::BadBgpIdentifier:
            return "bad-bgp-identifier";
        case Reason::UnacceptableHoldTime:
            return "unacceptable-hold-time";
        case Reason::OpenMessageError:
            return "open-message-error";
        case Reason::HeaderError:
            return "header-error";
        case Reason::UpdateMessageError:
            return "update-message-error";
        case Reason::NotificationReceived:
            return "notification-received";
        case Reason::VersionError:
            return "notification-version-error";
        case Reason::MaxPrefixExceeded:
            return "max-prefix-exceeded";
        case Reason::AsPathContainsOwnAs:
            return "as-path-contains-own-as";
        case Reason::NextHopNotConnected:
            return "next-hop-not-connected";
        case Reason::FsmError:
            return "fsm-error";
        case Reason::AlreadyStarted:
            return "already-started";
        case Reason::Ignored:
            return "ignored";
        case Reason::CollisionTracked:
            return "collision-tracked";
        case Reason::UnexpectedEvent:
            return "unexpected-event";
    }
    return "?";
}

// The RFC 4271 §8.1 event number, for documentation and table dumps.
constexpr int rfc_event_number(Event e) {
    constexpr std::array kNumbers = {1,  2,  3,  9,  10, 11, 13, 16, 17,
                                     18, 19, 21, 22, 24, 25, 26, 27, 28};
    return kNumbers[static_cast<std::size_t>(e)];
}

// RFC 4271 §8.2.2: the HoldTimer is set to "a large value" while the OPEN is awaited; 4 minutes
// is the suggested value.
inline constexpr SimTime kOpenHoldTime = sec(240);
// Idle hold back-off: FRR bgpd starts at 1 s and doubles on every failure up to 120 s
// (bgp_fsm.c, peer->v_start); RFC 4271 §8.1.1 leaves the values to the implementation.
inline constexpr SimTime kIdleHoldInitial = sec(2);  // FRR: 2, 4, 8, 16 s (aws-facts)
inline constexpr SimTime kIdleHoldMax = sec(120);

// An outbound route-map entry for one announced prefix: what it sets replaces the session's
// AS_PATH prepend / MED, and it adds COMMUNITIES (RFC 1997).
struct PrefixAttrs {
    net::Ipv4Prefix prefix;
    std::optional<std::vector<std::uint32_t>> as_path_prepend;
    std::optional<std::uint32_t> med;
    std::vector<std::uint32_t> communities;
};

struct Config {
    std::uint32_t local_as{65000};
    std::uint32_t peer_as{64512};  // expected in the peer's OPEN (§6.2)
    net::Ipv4Addr bgp_id;
    std::uint16_t hold_time_s{30};      // offered in our OPEN; 0 or >= 3 (§4.2)
    std::uint16_t min_hold_time_s{0};   // smallest peer hold time accepted (§6.2); 0 = any
    std::uint16_t keepalive_s{10};      // used as min(keepalive, negotiated hold / 3)
    std::uint16_t connect_retry_s{30};  // AWS's; a CGW's comes from its scenario (FRR: 120)
    bool passive{false};                // §8.1.1 PassiveTcpEstablishment
    std::vector<net::Ipv4Prefix> announce;
    std::vector<std::uint32_t> as_path_prepend;  // after our own AS in announced AS_PATHs
    std::uint32_t med{0};                        // MULTI_EXIT_DISC on our UPDATEs (§5.1.4)
    net::Ipv4Addr next_hop;                      // on our UPDATEs; usually our peering address
    std::vector<PrefixAttrs> prefix_attrs;       // per-prefix route-map entries
    std::optional<std::size_t> max_prefixes;     // RFC 4486; AWS: 100 on a VGW, 1000 on a TGW
    bool deny_own_as{false};                     // AWS denies routes whose AS_PATH holds its own AS
    // The peering link's subnet; when set, a route whose NEXT_HOP lies outside it is denied
    // (§6.3, AWS: "non-connected next hop").
    std::optional<net::Ipv4Prefix> connected_net;
    SimTime idle_hold_initial{kIdleHoldInitial};
    SimTime idle_hold_max{kIdleHoldMax};
};

struct Data {
    std::uint16_t hold_time_s{0};  // negotiated (§4.2); 0 = no Hold/Keepalive timers
    std::uint16_t keepalive_s{0};
    std::uint32_t peer_as{0};  // from the last valid OPEN
    net::Ipv4Addr peer_bgp_id;
    PrefixSet accepted;                      // Adj-RIB-In after policy
    std::uint64_t denied{0};                 // prefixes denied by policy, cumulative
    std::uint32_t connect_retry_counter{0};  // §8 ConnectRetryCounter
    SimTime idle_hold{};                     // next IdleHoldTime; 0 = Config initial
    std::optional<Notification> last_sent;
    std::optional<Notification> last_received;
    std::optional<Reason> last_error;  // why the session last went to Idle
    bool operator==(const Data&) const = default;
};

struct Input {
    Event event{Event::ManualStart};
    Message message{Keepalive{}};  // the received message, Events 19-28
    Notification error{};          // the NOTIFICATION to answer Events 21, 22, 28 with
};

// Actions are data, carried out in order by the adapter.
struct InitiateTcp {};
struct DropTcp {};
struct Send {
    Message message;
};
struct StartTimer {  // (re)start: replaces a running timer of the same id
    TimerId timer{TimerId::ConnectRetry};
    SimTime after{};
};
struct StopTimer {
    TimerId timer{TimerId::ConnectRetry};
};
struct RoutesChanged {
    std::size_t accepted{0};
};
struct RoutesDenied {
    std::vector<net::Ipv4Prefix> prefixes;
    Reason reason{Reason::AsPathContainsOwnAs};
    net::Ipv4Addr next_hop;  // the routes' NEXT_HOP, for the record
};
using Action =
    std::variant<InitiateTcp, DropTcp, Send, StartTimer, StopTimer, RoutesChanged, RoutesDenied>;

// A step emits a handful of actions; they stay inline (models/common/small_vector.hpp).
using Actions = SmallVector<Action, 4>;

struct StepResult {
    State next{State::Idle};
    Data data;
    Actions actions;
    Reason reason{Reason::UnexpectedEvent};
};

StepResult step(const Config& cfg, const Data& data, State state, const Input& in);

// The transition table, exposed for the totality test and table dumpers.
struct Ctx;
using Guard = bool (*)(const Config&, const Data&, const Input&);
using Effect = Reason (*)(Ctx&);
using Transition = table::Transition<State, Event, Guard, Effect>;
using Ignored = table::Ignored<State, Event, Reason>;
std::span<const Transition> transitions();
std::span<const Ignored> ignored();

}  // namespace vpnsim::bgp

template <>
struct fmt::formatter<vpnsim::bgp::State> : vpnsim::EnumFormatter<vpnsim::bgp::State> {};
template <>
struct fmt::formatter<vpnsim::bgp::Event> : vpnsim::EnumFormatter<vpnsim::bgp::Event> {};
template <>
struct fmt::formatter<vpnsim::bgp::TimerId> : vpnsim::EnumFormatter<vpnsim::bgp::TimerId> {};
template <>
struct fmt::formatter<vpnsim::bgp::Reason> : vpnsim::EnumFormatter<vpnsim::bgp::Reason> {};
