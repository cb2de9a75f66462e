// TunnelEnd's second IKE SA (RFC 7296 §2.1, §3.1: an exchange belongs to the IKE SA its SPIs
// name, not to an address). A request for a new IKEv2 SA from the peer's address while ours is
// established, or half-open and answered by us, is negotiated beside ours as responder
// (SecondIkeSa): if its IKE_AUTH verifies it replaces our SA -- a restarted peer -- and if not
// it is refused and forgotten, ours staying -- another CGW tunnel pointed at our address.
#include <fmt/format.h>

#include "sim/run/gateway_node.hpp"
#include "sim/run/tunnel_end.hpp"
#include "sim/run/tunnel_end_timers.hpp"
#include "sim/run/world.hpp"

namespace vpnsim::run {

bool TunnelEnd::knows_ike_sa(const ike::Message& m) const {
    if (m.version == 1) return v1_state_ != ike::v1::State::Idle && ike::v1::knows_sa(data_, m);
    if (second_ && m.spi_i == second_->data.spi_i) return true;
    return state_ != ike::IkeState::Idle && ike::knows_sa(data_, m);
}

// A request for a new IKE SA, under SPIs other than ours, while ours is established or
// half-open with this peer -- or any later message of such a second SA.
bool TunnelEnd::second_sa_due(const ike::Message& m, ike::IkeEvent ev) const {
    if (second_ && m.spi_i == second_->data.spi_i) return true;
    if (ev != ike::IkeEvent::RecvInitRequest || m.spi_i == data_.spi_i) return false;
    return state_ == ike::IkeState::Established ||
           (state_ == ike::IkeState::InitReplied && role_ == ike::Role::Responder);
}

// Runs the second SA's exchange (as responder) beside ours. If its IKE_AUTH verifies, it
// becomes our SA and the step is replayed as ours; if not, it is refused and forgotten.
void TunnelEnd::on_second_sa(const net::Packet& p, const ike::Message& m, ike::IkeEvent ev) {
    if (!second_ || m.spi_i != second_->data.spi_i) {
        drop_second_sa();  // a newer request replaces an unfinished one
        second_ = std::make_unique<SecondIkeSa>();
    }
    ike::Input in = fresh_input(&m, ike::Arrival{p.src, p.dst, p.src_port, p.dst_port});
    in.event = ev;
    ike::Config cfg = cfg_.ike;
    cfg.role = ike::Role::Responder;
    const auto from = second_->state;
    auto r = ike::step(cfg, second_->data, from, in);
    if (r.next == ike::IkeState::Established) {
        trace({now(), name_, "ike", "", "second-ike-sa", "", "second-ike-sa-replaces",
               fmt::format("IKE SA 0x{:016x} authenticated: it replaces IKE SA 0x{:016x} with "
                           "this peer",
                           m.spi_i, data_.spi_i)});
        SecondIkeSa next = std::move(*second_);
        drop_second_sa();
        if (restart_timer_.valid()) cancel_timer(restart_timer_);
        restart_timer_ = {};
        reset_sa();
        ike_up_at_.reset();
        child_up_at_.reset();
        role_ = ike::Role::Responder;
        state_ = next.state;
        data_ = std::move(next.data);
        answer_from(p);
        apply(in, &m);
        return;
    }
    second_->state = r.next;
    second_->data = std::move(r.data);
    // A refused second SA is told apart from a refusal of our own peer's SA.
    const std::string_view reason = r.reason == ike::Reason::AuthenticationFailed
                                        ? "second-ike-sa-authentication-failed"
                                        : ike::to_string(r.reason);
    trace({now(), name_, "ike", ike::to_string(from), ike::to_string(ev), ike::to_string(r.next),
           reason,
           fmt::format("second IKE SA 0x{:016x} from {}: {}", m.spi_i, p.src, r.detail.str())});
    for (auto& a : r.actions) {
        if (a.kind == ike::Action::Kind::Send) {
            // RFC 7296 §2.11: a response goes to the address and port its request came from
            // -- a rebooted CGW behind a PAT comes from a new public port, not our SA's.
            send_to_peer(net::Packet{cfg_.outside, p.src, net::kProtoUdp, p.dst_port, p.src_port,
                                     std::move(a.msg)});
        } else if (a.kind == ike::Action::Kind::ArmTimer && a.timer == ike::Timer::HalfOpen) {
            second_->half_open = arm_timer(a.after, tag_ | kIkeTimers | kSecondSaTimer);
        }
    }
    if (cfg_.aws_side) log_ike(r.reason, &m);
    if (r.next == ike::IkeState::Failed) drop_second_sa();
}

void TunnelEnd::drop_second_sa() {
    if (second_ && second_->half_open.valid()) cancel_timer(second_->half_open);
    second_.reset();
}

}  // namespace vpnsim::run
