// DOC: NAT keepalives for one tunnel end (RFC 3948 §2.3, RFC 7296 §2.23).
// An end that NAT-T found behind a NAT (its own NAT_DETECTION_DESTINATION_IP did not match)
// sends a NAT-keepalive -- a single 0xFF octet on UDP 4500 -- to its peer whenever it has sent
// the peer nothing else for `interval` (strongSwan's keep_alive, default 20 s), so that the NAT
// keeps its UDP mapping. The peer discards it (RFC 3948 §2.3); it proves nothing, so DPD does
// not count it as liveness, and it is not integrity protected, so the peer does not follow its
// source port either (RFC 7296 §2.23 "validated packet"). An end not behind a NAT (AWS's
// endpoint, always) never sends one.
// The timer is armed once the end is behind a NAT and has sent something; each expiry either
// sends a keepalive (idle for the whole interval) or waits out the rest of the interval since
// the last packet, so a busy tunnel costs one timer per interval and sends no keepalives. It
// stops when the SA that detected the NAT is gone and starts again with the next one. The same
// holds for IKEv1, whose NAT-D payloads (RFC 3947 §3.2) set the same "behind a NAT" flag.
#pragma once

#include <cstdint>

#include "models/common/time.hpp"
#include "sim/kernel/kernel.hpp"
#include "sim/run/host.hpp"
#include "sim/run/tunnel_end_timers.hpp"

namespace vpnsim::run {

// Timer token component (tunnel_end_timers.hpp's layout, bits 16..31) of the keepalive timer.
inline constexpr std::uint64_t kNatKeepaliveTimer = 3ULL << 16;
static_assert(kNatKeepaliveTimer != kIkeTimers && kNatKeepaliveTimer != kBgpTimers);

class NatKeepalive {
  public:
    // interval == 0: disabled. tag: the tunnel's timer tag (its index in the upper 32 bits).
    NatKeepalive(Host& host, SimTime interval, std::uint64_t tag)
        : host_(host), interval_(interval), token_(tag | kNatKeepaliveTimer) {}

    static bool owns(std::uint64_t token) { return (token & 0xffff0000ULL) == kNatKeepaliveTimer; }
    SimTime interval() const { return interval_; }

    // Every packet the end sends to its peer (IKE or ESP): postpones the next keepalive, and
    // starts the timer once the end is behind a NAT.
    void note_sent(bool behind_nat);
    // The timer expired. True when a keepalive is due now: the caller sends it (and the timer
    // is already re-armed for one interval later).
    bool due(bool behind_nat);

  private:
    void arm(SimTime after);

    Host& host_;
    SimTime interval_;
    std::uint64_t token_;
    kernel::EventId timer_{};
    SimTime last_sent_{};
};

}  // namespace vpnsim::run
