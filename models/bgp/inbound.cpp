#include "models/bgp/inbound.hpp"

#include <algorithm>
#include <type_traits>

namespace vpnsim::bgp {
namespace {

// §6.2 OPEN message error handling, in the order the RFC lists the checks.
std::optional<Notification> open_error(const Config& cfg, const Open& o) {
    if (o.my_as != cfg.peer_as) return Notification{kOpenError, kBadPeerAs};
    // §6.2: "An implementation MUST reject Hold Time values of one or two seconds. An
    // implementation MAY reject any proposed Hold Time." Cisco IOS rejects, with 2/6, a hold
    // time below the min-holdtime of `timers bgp <keepalive> <holdtime> <min-holdtime>`: the
    // session is established only if the peer advertises at least that (0 included).
    if (o.hold_time_s == 1 || o.hold_time_s == 2)
        return Notification{kOpenError, kUnacceptableHold};
    if (cfg.min_hold_time_s != 0 && o.hold_time_s < cfg.min_hold_time_s)
        return Notification{kOpenError, kUnacceptableHold};
    if (o.bgp_id.value == 0) return Notification{kOpenError, kBadBgpIdentifier};
    return std::nullopt;
}

// §6.3 UPDATE message error handling: a route needs an AS_PATH whose leftmost AS is the
// external peer's (the optional check FRR enables as enforce-first-as) and a NEXT_HOP.
std::optional<Notification> update_error(const Config& cfg, const Update& u) {
    if (u.nlri.empty()) return std::nullopt;
    if (u.as_path.empty() || u.as_path.front() != cfg.peer_as) {
        return Notification{kUpdateError, kMalformedAsPath};
    }
    if (u.next_hop.value == 0) return Notification{kUpdateError, kMissingWellKnown};
    return std::nullopt;
}

Input from_check(const Message& m, Event ok, Event bad, std::optional<Notification> err) {
    return err ? Input{bad, m, *err} : Input{ok, m, {}};
}

}  // namespace

Input classify(const Config& cfg, const Message& m) {
    return std::visit(
        [&](const auto& msg) -> Input {
            using T = std::decay_t<decltype(msg)>;
            if constexpr (std::is_same_v<T, Open>) {
                return from_check(m, Event::BgpOpen, Event::BgpOpenMsgErr, open_error(cfg, msg));
            } else if constexpr (std::is_same_v<T, Keepalive>) {
                return Input{Event::KeepAliveMsg, m, {}};
            } else if constexpr (std::is_same_v<T, Update>) {
                return from_check(m, Event::UpdateMsg, Event::UpdateMsgErr, update_error(cfg, msg));
            } else {
                // §6.4 / §8.1.4 Event 24: a NOTIFICATION carrying a version error.
                const bool version = msg.code == kOpenError && msg.subcode == kUnsupportedVersion;
                return Input{version ? Event::NotifMsgVerErr : Event::NotifMsg, m, {}};
            }
        },
        m);
}

Reason error_reason(const Notification& n) {
    if (n.code == kOpenError && n.subcode == kBadPeerAs) return Reason::BadPeerAs;
    if (n.code == kOpenError && n.subcode == kBadBgpIdentifier) return Reason::BadBgpIdentifier;
    if (n.code == kOpenError && n.subcode == kUnacceptableHold) return Reason::UnacceptableHoldTime;
    if (n.code == kOpenError) return Reason::OpenMessageError;
    if (n.code == kUpdateError) return Reason::UpdateMessageError;
    return Reason::HeaderError;
}

Negotiated negotiate(const Config& cfg, const Open& peer) {
    const auto hold = std::min(cfg.hold_time_s, peer.hold_time_s);
    if (hold == 0) return {};
    const auto third = static_cast<std::uint16_t>(hold / 3);
    const auto keepalive = cfg.keepalive_s == 0 ? third : std::min(cfg.keepalive_s, third);
    return {hold, keepalive};
}

std::optional<Reason> import_denial(const Config& cfg, const Update& u) {
    if (cfg.deny_own_as &&
        std::find(u.as_path.begin(), u.as_path.end(), cfg.local_as) != u.as_path.end()) {
        return Reason::AsPathContainsOwnAs;
    }
    // §6.3: for an EBGP peer one IP hop away the NEXT_HOP must be the sender's address or
    // share a common subnet with the receiver; a semantically incorrect NEXT_HOP is logged and
    // the route ignored, with no NOTIFICATION and the session kept. AWS denies the route
    // ("non-connected next hop", aws-facts.md).
    if (cfg.connected_net && !u.nlri.empty() && !cfg.connected_net->contains(u.next_hop)) {
        return Reason::NextHopNotConnected;
    }
    return std::nullopt;
}

UpdateOutcome apply_update(const Config& cfg, const PrefixSet& accepted,
                           const Update& u) {
    UpdateOutcome out{accepted, {}, Reason::AsPathContainsOwnAs, false};
    for (const auto& p : u.withdrawn) out.changed |= out.accepted.erase(p) > 0;
    const auto denial = import_denial(cfg, u);
    if (denial) out.denial = *denial;
    for (const auto& p : u.nlri) {
        if (denial) {
            out.denied.push_back(p);
            out.changed |= out.accepted.erase(p) > 0;
        } else {
            out.changed |= out.accepted.insert(p).second;
        }
    }
    return out;
}

}  // namespace vpnsim::bgp
