// Internal to TunnelEnd: how its timer tokens are laid out. The node puts the tunnel's index
// in the upper 32 bits; bits 16..31 say which component armed the timer; the low 16 bits say
// which timer (an ike::Timer value, or one of the adapter's own).
#pragma once

#include <cstdint>

#include "models/common/time.hpp"

namespace vpnsim::run {

inline constexpr std::uint64_t kIkeTimers = 1ULL << 16;
inline constexpr std::uint64_t kBgpTimers = 2ULL << 16;
inline constexpr std::uint64_t kRestartTimer = 0xff;
inline constexpr std::uint64_t kDpdTimer = 0xfe;
inline constexpr std::uint64_t kRekeyTimer = 0xfd;
inline constexpr std::uint64_t kExpireTimer = 0xfc;
inline constexpr std::uint64_t kReplaceTimer = 0xfb;
inline constexpr std::uint64_t kIkeRekeyTimer = 0xfa;
inline constexpr std::uint64_t kIkeExpireTimer = 0xf9;
inline constexpr std::uint64_t kSecondSaTimer = 0xf8;  // a second IKE SA's half-open timeout
// A policy-based end's further CHILD_SAs (RFC 7296 §1.3.1), each with its own lifetimes
// (§2.8): slot s has kFurtherChildTimers + 2s (soft: rekey) and kFurtherChildTimers + 2s + 1
// (hard: expiry). The first CHILD_SA keeps kRekeyTimer / kExpireTimer.
inline constexpr std::uint64_t kFurtherChildTimers = 0x100;
inline constexpr std::uint64_t kFurtherChildSlots = 0x7000;

// The DPD idle check runs this long after dpd_delay of silence, so that a packet arriving
// exactly dpd_delay after the last one still counts ("more than 10 s without traffic").
inline constexpr SimTime kDpdSlack = ms(1);

}  // namespace vpnsim::run
