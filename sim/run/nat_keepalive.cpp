#include "sim/run/nat_keepalive.hpp"

namespace vpnsim::run {

void NatKeepalive::note_sent(bool behind_nat) {
    if (interval_ == SimTime::zero()) return;
    last_sent_ = host_.now();
    if (behind_nat && !timer_.valid()) arm(interval_);
}

// RFC 3948 §2.3 / strongSwan ike_sa send_keepalive(): send only when nothing else went out
// for the whole interval; otherwise look again one interval after the last packet.
bool NatKeepalive::due(bool behind_nat) {
    timer_ = {};
    if (!behind_nat) return false;  // the SA is gone: the next one re-arms on its first packet
    const SimTime idle = host_.now() - last_sent_;
    if (idle < interval_) {
        arm(interval_ - idle);
        return false;
    }
    last_sent_ = host_.now();
    arm(interval_);
    return true;
}

void NatKeepalive::arm(SimTime after) {
    timer_ = host_.arm_timer(after, token_);
}

}  // namespace vpnsim::run
