// DOC: what a speaker makes of a received BGP message, as pure functions.
// classify() turns a message into the RFC 4271 §8.1.4 event it raises, after the checks of
// §6.2 (OPEN) and §6.3 (UPDATE); negotiate() applies §4.2 / §10 to an accepted OPEN;
// apply_update() runs §9.1 on the accepted-prefix set with AWS's import policy (it denies a
// route whose AS_PATH contains its own AS, or whose NEXT_HOP is not on the connected subnet).
// No route selection, no attributes beyond what message.hpp carries.
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <vector>

#include "models/bgp/fsm.hpp"

namespace vpnsim::bgp {

// RFC 4271 §4.5 error codes and the subcodes used here.
inline constexpr std::uint8_t kHeaderError = 1;
inline constexpr std::uint8_t kOpenError = 2;
inline constexpr std::uint8_t kUpdateError = 3;
inline constexpr std::uint8_t kHoldTimerExpired = 4;
inline constexpr std::uint8_t kFsmError = 5;
inline constexpr std::uint8_t kCease = 6;
inline constexpr std::uint8_t kUnsupportedVersion = 1;  // 2/1, §6.2
inline constexpr std::uint8_t kBadPeerAs = 2;           // 2/2, §6.2
inline constexpr std::uint8_t kBadBgpIdentifier = 3;    // 2/3, §6.2
inline constexpr std::uint8_t kUnacceptableHold = 6;    // 2/6, §6.2
inline constexpr std::uint8_t kMissingWellKnown = 3;    // 3/3, §6.3
inline constexpr std::uint8_t kMalformedAsPath = 11;    // 3/11, §6.3
inline constexpr std::uint8_t kMaxPrefixes = 1;         // 6/1, RFC 4486 §4
inline constexpr std::uint8_t kAdminShutdown = 2;       // 6/2, RFC 4486 §4

// Message -> Event 19/22 (OPEN), 24/25 (NOTIFICATION), 26 (KEEPALIVE), 27/28 (UPDATE), with the
// NOTIFICATION to answer an erroneous message in Input::error.
Input classify(const Config& cfg, const Message& m);

// The message of an input as a T, or a default T when the input carries another kind (the FSM
// must cope with any input, also an event whose message does not match it).
template <typename T>
T message_as(const Input& in) {
    const auto* m = std::get_if<T>(&in.message);
    return m != nullptr ? *m : T{};
}

// The Reason for an OPEN/UPDATE/header error NOTIFICATION we send (2/2 -> bad-peer-as, ...).
Reason error_reason(const Notification& n);

struct Negotiated {
    std::uint16_t hold_time_s{0};
    std::uint16_t keepalive_s{0};
};
// §4.2: hold = the smaller of ours and the peer's (0 disables); keepalive = min(configured,
// hold / 3), as FRR does (§10 suggests one third of the hold time).
Negotiated negotiate(const Config& cfg, const Open& peer);

// The import policy's verdict on an UPDATE's path attributes, which all of its NLRI share:
// the reason to deny its routes, or nullopt to accept them. AS_PATH loop first, then NEXT_HOP.
std::optional<Reason> import_denial(const Config& cfg, const Update& u);

struct UpdateOutcome {
    PrefixSet accepted;
    std::vector<net::Ipv4Prefix> denied;
    Reason denial{Reason::AsPathContainsOwnAs};  // why `denied` were denied (when not empty)
    bool changed{false};
};
// §9.1: withdrawals first, then the NLRI; a denied announcement also replaces (removes) an
// earlier accepted route for the same prefix.
UpdateOutcome apply_update(const Config& cfg, const PrefixSet& accepted,
                           const Update& u);

}  // namespace vpnsim::bgp
