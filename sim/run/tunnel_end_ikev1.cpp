// TunnelEnd's IKEv1 side (models/ike/ikev1_sa.hpp): main mode + quick mode, chosen when the
// end is configured for IKEv1 (CGW ike_version = 1) or answers a peer that speaks it (AWS with
// "ikev1" in its IkeVersions). It shares the SA data, the data plane, the BGP coupling and the
// AWS log with IKEv2; DPD and rekeying are IKEv2-only here (see ikev1_sa.hpp).
#include <fmt/format.h>

#include "sim/run/gateway_node.hpp"
#include "sim/run/tunnel_end.hpp"
#include "sim/run/tunnel_end_timers.hpp"
#include "sim/run/world.hpp"

namespace vpnsim::run {

void TunnelEnd::on_ike_v1(const net::Packet& p, const ike::Message& m) {
    last_rx_ = now();
    const auto ev = ike::v1::classify(m);
    const bool same_sa = version_ == 1 && m.spi_i == data_.spi_i &&
                         (state_ != ike::IkeState::Idle || v1_state_ != ike::v1::State::Idle);
    const bool opens_sa = ev == ike::v1::Event::RecvMm1 || ev == ike::v1::Event::RecvAm1;
    if (opens_sa && !same_sa) {
        // A new main mode from the peer: our own attempt yields only if so configured.
        const bool own_attempt = version_ == 1 && v1_state_ == ike::v1::State::MmSent1;
        if (own_attempt && !cfg_.yield_on_collision) {
            trace({now(), name_, "ike", "", "drop", "", "ike-sa-exists",
                   fmt::format("{}: our own IKE SA with this peer is in progress", describe(p))});
            return;
        }
        if (restart_timer_.valid()) cancel_timer(restart_timer_);
        restart_timer_ = {};
        reset_sa();
        role_ = ike::Role::Responder;
        version_ = 1;
    } else if (!same_sa) {
        trace({now(), name_, "ike", "", "drop", "", "unknown-spi",
               fmt::format("{} for IKEv1 SA 0x{:016x}", describe(p), m.spi_i)});
        return;
    }
    if (role_ == ike::Role::Responder) answer_from(p);
    step_v1(ev, &m, ike::Arrival{p.src, p.dst, p.src_port, p.dst_port});
}

void TunnelEnd::step_v1(ike::v1::Event ev, const ike::Message* m, const ike::Arrival& arrival) {
    const ike::Input in = fresh_input(m, arrival);
    apply_v1(ike::v1::step(ike_config(), data_, v1_state_, ev, in), ev, m);
}

void TunnelEnd::apply_v1(const ike::v1::StepResult& r, ike::v1::Event ev, const ike::Message* m) {
    const auto from = v1_state_;
    const bool was_up = ipsec_up();
    v1_state_ = r.next;
    data_ = r.data;
    trace({now(), name_, "ike", ike::v1::to_string(from), ike::v1::to_string(ev),
           ike::v1::to_string(v1_state_), ike::to_string(r.reason), r.detail});
    // Only the I/O: IKEv1's SA changes are read from data_ below (it neither rekeys nor adds
    // CHILD_SAs here).
    for (const auto& a : r.actions) perform_io(a);
    if (!ike::v1::phase1_up(v1_state_)) ike_up_at_.reset();
    if (ike::v1::phase1_up(v1_state_) && !ike_up_at_) ike_up_at_ = now();
    // The shared AWS log lines, except IKEv2's "processed request ... for IKE_SA_INIT".
    if (cfg_.aws_side && r.reason != ike::Reason::ProposalChosen) {
        log_ike(ike::StepResult{state_, r.data, {}, r.reason, r.detail}, m);
    }
    if (!was_up && ipsec_up()) on_ipsec_up();
    if (was_up && !ipsec_up()) on_ipsec_down();
    if (v1_state_ == ike::v1::State::Failed && cfg_.retry_after && !restart_timer_.valid()) {
        restart_timer_ = arm_timer(*cfg_.retry_after, tag_ | kIkeTimers | kRestartTimer);
    }
    note_status();
}

}  // namespace vpnsim::run
