// TunnelEnd's IKEv1 side (models/ike/ikev1_sa.hpp): main mode + quick mode, chosen when the
// end is configured for IKEv1 (CGW ike_version = 1) or answers a peer that speaks it (AWS with
// "ikev1" in its IkeVersions). It shares with IKEv2 the SA data, the data plane (ESP in UDP
// 4500 once NAT-T found a NAT, RFC 3948), NAT keepalives, the BGP coupling, the AWS log and
// the clock-driven parts, run the same way with the same seeded streams:
// - the float to UDP 4500 from main mode 5 on when NAT-D found a NAT (RFC 3947 §4);
// - DPD (RFC 3706 §5.4): after dpd_delay with nothing from the peer, DpdDue -- only when the
//   peer announced DPD in its vendor ID (§5.1); the timeout action as for IKEv2;
// - phase 2 and phase 1 lifetimes: soft (RekeyPhase2Due / RekeyPhase1Due, lifetime - margin -
//   fuzz from the "ike.rekey" / "ike.sa-rekey" streams) and hard (Phase2Expired /
//   Phase1Expired), each restarted for a new SA; a policy-based CGW's further quick-mode SAs
//   have the same two timers each, in the IKEv2 adapter's per-SA slots (RFC 2409 §5.5), whose
//   events name the SA by Input::child_spi;
// - a new main mode from the peer while phase 1 is up is a phase 1 rekey, not a restart.
#include <fmt/format.h>

#include <algorithm>

#include "sim/run/gateway_node.hpp"
#include "sim/run/tunnel_end.hpp"
#include "sim/run/tunnel_end_timers.hpp"
#include "sim/run/world.hpp"

namespace vpnsim::run {

void TunnelEnd::on_ike_v1(const net::Packet& p, const ike::Message& m) {
    last_rx_ = now();
    const auto ev = ike::v1::classify(m);
    const bool same_sa = version_ == 1 && ike::v1::knows_sa(data_, m) &&
                         (state_ != ike::IkeState::Idle || v1_state_ != ike::v1::State::Idle);
    const bool opens_sa = ev == ike::v1::Event::RecvMm1 || ev == ike::v1::Event::RecvAm1;
    // RFC 2409 §5: a new main mode while phase 1 is established makes a new ISAKMP SA beside
    // the old one (a phase 1 rekey): the IPsec SAs stay.
    const bool rekey =
        ev == ike::v1::Event::RecvMm1 && version_ == 1 && v1_state_ == ike::v1::State::Established;
    if (opens_sa && !same_sa && !rekey) {
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
    } else if (!same_sa && !rekey) {
        trace({now(), name_, "ike", "", "drop", "", "unknown-spi",
               fmt::format("{} for IKEv1 SA 0x{:016x}", describe(p), m.spi_i)});
        return;
    }
    if (role_ == ike::Role::Responder) answer_from(p);
    step_v1(ev, &m, ike::Arrival{p.src, p.dst, p.src_port, p.dst_port});
}

void TunnelEnd::step_v1(ike::v1::Event ev, const ike::Message* m, const ike::Arrival& arrival) {
    apply_v1(ev, fresh_input(m, arrival), m);
}

void TunnelEnd::step_v1_child(ike::v1::Event ev, std::uint32_t spi_in) {
    ike::Input in = fresh_input(nullptr, {});
    in.child_spi = spi_in;
    apply_v1(ev, in, nullptr);
}

// Runs the IKEv1 machine on (ev, in) and carries out its result; the SA data moves as in
// apply().
void TunnelEnd::apply_v1(ike::v1::Event ev, const ike::Input& in, const ike::Message* m) {
    const auto from = v1_state_;
    const bool was_up = ipsec_up();
    auto r = ike::v1::step(ike_config(), std::move(data_), v1_state_, ev, in);
    const bool was_phase1 = ike::v1::phase1_up(from);
    v1_state_ = r.next;
    data_ = std::move(r.data);
    if (role_ == ike::Role::Initiator && data_.nat_detected()) {
        local_port_ = peer_port_ = net::kNatTPort;  // RFC 3947 §4: from main mode 5 on
    }
    trace({now(), name_, "ike", ike::v1::to_string(from), ike::v1::to_string(ev),
           ike::v1::to_string(v1_state_), ike::to_string(r.reason), std::move(r.detail)});
    const auto done = perform_all(r.actions);
    const bool phase1 = ike::v1::phase1_up(v1_state_);
    if (!phase1) ike_up_at_.reset();
    if (phase1 && !ike_up_at_) ike_up_at_ = now();
    if (cfg_.aws_side) log_ike_v1(r, m);
    if (!was_up && ipsec_up()) on_ipsec_up();
    if (was_up && !ipsec_up()) on_ipsec_down();
    if (done.new_child && data_.child) {
        note_child_selectors();
        arm_child_timers();
    }
    if (!data_.child) cancel_child_timers();
    // A policy-based CGW's further quick-mode SAs: each its own lifetimes, as for IKEv2.
    sync_further_child_timers();
    // Each ISAKMP SA has its own lifetime, a rekeyed one included.
    if (phase1 && (!was_phase1 || done.new_ike_sa)) arm_ike_sa_timers();
    if (!phase1) cancel_ike_sa_timers();
    after_step(r.reason, was_phase1, phase1, v1_state_ == ike::v1::State::Failed);
    // DPD stays scheduled while phase 1 is up: whatever ended a check in flight (its ACK, or
    // a quick mode from the peer, which proves it alive as well), the idle check resumes.
    if (cfg_.dpd_enabled && phase1 && !dpd_timer_.valid() && data_.pending != ike::Pending::Dpd) {
        arm_own(dpd_timer_, cfg_.ike.dpd_delay + kDpdSlack, kDpdTimer);
    }
    note_status();
}

// The shared AWS log lines (aws_logs.cpp), in IKEv1's words: a quick mode is no
// CREATE_CHILD_SA, and main mode has no "processed request ... for IKE_SA_INIT" line.
void TunnelEnd::log_ike_v1(const ike::v1::StepResult& r, const ike::Message* m) {
    const auto reason = r.reason;
    if (reason == ike::Reason::ChildRekeyed) {
        // A further SA's rekey: its new SA, the one without a timer slot yet (the slots are
        // synced after this).
        const auto fresh = std::find_if(
            data_.more_children.begin(), data_.more_children.end(), [&](const ike::ChildSa& ch) {
                return std::none_of(
                    further_timers_.begin(), further_timers_.end(),
                    [&](const FurtherChildTimers& t) { return t.spi_in == ch.spi_in; });
            });
        if (fresh != data_.more_children.end()) {
            log_phase2(*fresh);
        } else if (data_.child) {
            log_phase2(*data_.child);
        }
    } else if (reason == ike::Reason::ChildCreated) {
        if (!data_.more_children.empty()) log_phase2(data_.more_children.back());
    } else if (reason == ike::Reason::ChildReplaced) {  // one SA pair per tunnel
        log_phase2(*data_.child);
    } else if (reason != ike::Reason::ProposalChosen && reason != ike::Reason::RekeyInitiated &&
               reason != ike::Reason::IkeRekeyInitiated && reason != ike::Reason::IkeRekeyed) {
        log_ike(reason, m);
    }
}

// The clock-driven IKEv1 events; false when `id` is not one of them.
bool TunnelEnd::on_timer_v1(std::uint64_t id) {
    const bool established = v1_state_ == ike::v1::State::Established;
    switch (id) {
        case kDpdTimer:
            dpd_timer_ = {};
            on_dpd_check();
            return true;
        case kRekeyTimer:
            rekey_timer_ = {};
            if (!established || !data_.child) return true;
            if (data_.busy()) {
                arm_own(rekey_timer_, sec(1), kRekeyTimer);
                return true;
            }
            step_v1(ike::v1::Event::RekeyPhase2Due, nullptr, {});
            return true;
        case kExpireTimer:
            expire_timer_ = {};
            step_v1(ike::v1::Event::Phase2Expired, nullptr, {});
            return true;
        case kIkeRekeyTimer:
            ike_rekey_timer_ = {};
            if (!established) return true;
            if (data_.busy()) {
                arm_own(ike_rekey_timer_, sec(1), kIkeRekeyTimer);
                return true;
            }
            step_v1(ike::v1::Event::RekeyPhase1Due, nullptr, {});
            return true;
        case kIkeExpireTimer:
            ike_expire_timer_ = {};
            step_v1(ike::v1::Event::Phase1Expired, nullptr, {});
            return true;
        default:
            // A further SA's own lifetimes: on_further_child_timer steps the IKEv1 machine.
            if (id >= kFurtherChildTimers && id < kFurtherChildTimers + 2 * kFurtherChildSlots) {
                on_further_child_timer(id - kFurtherChildTimers);
                return true;
            }
            return false;
    }
}

}  // namespace vpnsim::run
