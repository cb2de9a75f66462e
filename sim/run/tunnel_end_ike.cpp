// TunnelEnd's IKE side: feeding the IKEv2 SA machine (models/ike/ikev2_sa.hpp) with packets,
// timers and fresh random values, and executing its actions. Also the clock-driven IKE
// behaviour the pure model leaves to its adapter:
// - DPD (RFC 3706; RFC 7296 §2.4): after dpd_delay with nothing received from the peer, a
//   liveness check; any IKE or ESP packet from the peer counts as traffic. On "peer dead"
//   the configured action: clear (stay down until the peer starts over), restart (initiate
//   IKE at once, and keep trying), none (no checks are sent at all).
// - CHILD_SA lifetimes (RFC 7296 §2.8): soft = lifetime - margin - fuzz, drawn from the
//   seeded "ike.rekey" stream; hard = lifetime. A refused rekey (TEMPORARY_FAILURE after a
//   collision) is retried after a random 1-10 s (§2.25 "retry later"). A policy-based end's
//   further CHILD_SAs (§1.3.1) each get the same two timers, in a slot of their own
//   (tunnel_end_timers.hpp), drawn from the "ike.rekey-more" stream; the step that fires them
//   names the SA in Input::child_spi.
// - IKE SA lifetimes (§2.8), the same way from the "ike.sa-rekey" stream, restarted for every
//   new IKE SA -- the first, and each one a rekey (§1.3.2) creates, whichever side started it.
//   Soft: RekeyIkeDue. Hard: IkeExpired -- the SA and its CHILD_SAs are deleted; the end that
//   let it expire starts a new one only if configured to (reinitiate_after_expiry).
//   Nonces (Ni/Nr) come from the "ike.nonce" stream.
// - Which role the end plays for each SA (responder to the peer's IKE_SA_INIT, initiator of
//   its own), and when a new IKE_SA_INIT from the peer replaces the SA we hold.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

#include "models/ipsec/data_plane.hpp"
#include "sim/run/gateway_node.hpp"
#include "sim/run/tunnel_end.hpp"
#include "sim/run/tunnel_end_timers.hpp"
#include "sim/run/world.hpp"

namespace vpnsim::run {
namespace {

// A rekey that finds another request in flight (§2.3 window of 1) tries again this much later.
constexpr SimTime kRekeyBusyRetry = sec(1);
// DPD restart that could not reach the peer tries again this much later (the CGW's own
// re-initiation interval, configure.hpp kCgwRetryAfter, when it has one).
constexpr SimTime kRestartRetry = sec(30);

}  // namespace

// RFC 7296 §2.4 / strongSwan: a peer that starts a new IKE SA has lost the one we hold (it
// restarted, or it cleared the SA after DPD), so an established SA is replaced. While our
// own IKE_SA_INIT is outstanding we answer only if configured to yield (AWS does).
bool TunnelEnd::answer_as_responder(const ike::Message& m) {
    const bool known = state_ != ike::IkeState::Idle && m.spi_i == data_.spi_i;
    if (role_ == ike::Role::Responder && known && state_ != ike::IkeState::Failed) return true;
    const bool yield = state_ == ike::IkeState::InitSent && cfg_.yield_on_collision;
    const bool half_open_by_peer =
        role_ == ike::Role::Responder && state_ != ike::IkeState::InitSent;
    const bool replaceable = state_ == ike::IkeState::Idle || state_ == ike::IkeState::Failed ||
                             state_ == ike::IkeState::Established || half_open_by_peer;
    if (!replaceable && !yield) return false;
    if (restart_timer_.valid()) cancel_timer(restart_timer_);
    restart_timer_ = {};
    reset_sa();
    role_ = ike::Role::Responder;
    return true;
}

void TunnelEnd::on_ike(const net::Packet& p, const ike::Message& m) {
    // AWS's IkeVersions: a version that is not enabled is not answered at all.
    const auto& ok = cfg_.accepted_versions;
    if (std::find(ok.begin(), ok.end(), m.version) == ok.end()) {
        trace({now(), name_, "ike", "", "drop", "", "ike-version-not-enabled",
               fmt::format("{}: IKEv{} is not enabled on this tunnel (accepts {})", describe(p),
                           m.version, fmt::join(ok, ", "))});
        return;
    }
    if (m.version == 1) return on_ike_v1(p, m);
    last_rx_ = now();  // RFC 3706 §5.3: any traffic from the peer proves it alive
    const ike::IkeEvent ev = ike::classify(m);
    if (second_sa_due(m, ev)) return on_second_sa(p, m, ev);
    if (ev == ike::IkeEvent::RecvInitRequest) {
        if (!answer_as_responder(m)) {
            trace({now(), name_, "ike", "", "drop", "", "ike-sa-exists",
                   fmt::format("{}: our own IKE SA with this peer is in progress", describe(p))});
            return;
        }
    } else if (state_ == ike::IkeState::Idle || !ike::knows_sa(data_, m)) {
        trace({now(), name_, "ike", "", "drop", "", "unknown-spi",
               fmt::format("{} for IKE SA 0x{:016x}", describe(p), m.spi_i)});
        return;
    }
    if (role_ == ike::Role::Responder) answer_from(p);
    step(ev, &m, ike::Arrival{p.src, p.dst, p.src_port, p.dst_port});
}

// IKE (either version) to the peer, on the ports this SA currently uses (500, or 4500 after
// the NAT-T float).
void TunnelEnd::send_ike(ike::Message m) {
    send_to_peer(net::Packet{cfg_.outside, peer_addr_, net::kProtoUdp, local_port_, peer_port_,
                             std::move(m)});
}

// A responder answers from the address and ports the request used (after any NAT).
void TunnelEnd::answer_from(const net::Packet& p) {
    note_peer_moved(p);  // RFC 7296 §2.23, as for ESP (follow_peer)
    peer_addr_ = p.src;
    peer_port_ = p.src_port;
    local_port_ = p.dst_port;
}

// BGP's timers, the most frequent, go straight to the speaker.
void TunnelEnd::on_timer(std::uint64_t token) {
    if ((token & 0xffff0000ULL) == kBgpTimers) {
        if (bgp_) bgp_->on_timer(token);
        return;
    }
    on_ike_timer(token & 0xffffULL);
}

void TunnelEnd::on_ike_timer(std::uint64_t id) {
    if (version_ == 1 && on_timer_v1(id)) return;
    if (id >= kFurtherChildTimers && id < kFurtherChildTimers + 2 * kFurtherChildSlots) {
        return on_further_child_timer(id - kFurtherChildTimers);
    }
    switch (id) {
        case kRestartTimer:
            restart_timer_ = {};
            reset_sa();
            role_ = ike::Role::Initiator;
            // A DPD restart re-initiates in the version of the SA that died (AWS answers a
            // CGW's IKEv1, and its restart must be IKEv1 too); otherwise our own version.
            if (!(restarting_ && version_ == 1)) version_ = cfg_.ike_version;
            if (version_ == 1) return step_v1(ike::v1::Event::Start, nullptr, {});
            step(ike::IkeEvent::Start, nullptr, {});
            return;
        case kDpdTimer:
            dpd_timer_ = {};
            on_dpd_check();
            return;
        case kRekeyTimer:
            rekey_timer_ = {};
            on_rekey_due();
            return;
        case kReplaceTimer:
            replace_endpoint();
            return;
        case kExpireTimer:
            expire_timer_ = {};
            step(ike::IkeEvent::ChildExpired, nullptr, {});
            return;
        case kIkeRekeyTimer:
            ike_rekey_timer_ = {};
            on_ike_rekey_due();
            return;
        case kIkeExpireTimer:
            ike_expire_timer_ = {};
            step(ike::IkeEvent::IkeExpired, nullptr, {});
            return;
        case kSecondSaTimer:
            if (second_) {
                trace({now(), name_, "ike", ike::to_string(second_->state), "HalfOpenTimerExpires",
                       "Failed", "half-open-timeout",
                       DeferredText::format("second IKE SA 0x{:016x} never authenticated: deleted",
                                            second_->data.spi_i)});
                second_->half_open = {};
                drop_second_sa();
            }
            return;
        default:
            break;  // an ike::Timer (the switch is over integers, not an enum)
    }
    ike_timers_.at(id) = {};
    if (version_ == 1) {
        return step_v1(id == static_cast<std::uint64_t>(ike::Timer::Retransmit)
                           ? ike::v1::Event::RetransmitTimerExpires
                           : ike::v1::Event::HalfOpenTimerExpires,
                       nullptr, {});
    }
    step(id == static_cast<std::uint64_t>(ike::Timer::Retransmit)
             ? ike::IkeEvent::RetransmitTimerExpires
             : ike::IkeEvent::HalfOpenTimerExpires,
         nullptr, {});
}

ike::Input TunnelEnd::fresh_input(const ike::Message* m, const ike::Arrival& arrival) {
    ike::Input in;
    in.msg = m;
    in.arrival = arrival;
    in.local_addr = cfg_.outside;
    in.local_port = local_port_;
    in.peer_addr = peer_addr_;
    in.peer_port = peer_port_;
    in.fresh_spi = spi_rng_.next_u64() | 1;  // never 0: a zero SPI means "not yet known"
    // strongSwan-style inbound SPIs (0xc0000000 | random), like the seed's 0xcbf7f2e3.
    in.fresh_child_spi = static_cast<std::uint32_t>(spi_rng_.next_u64()) | 0xc0000000U;
    in.fresh_nonce = nonce_rng_.next_u64();
    return in;
}

void TunnelEnd::step(ike::IkeEvent ev, const ike::Message* m, const ike::Arrival& arrival) {
    ike::Input in = fresh_input(m, arrival);
    in.event = ev;
    apply(in, m);
}

// The packet matched no installed CHILD_SA. When it is within one of our proxy-ID pairs (the
// first, then the further ones) and no installed SA was made from that pair (narrowed by the
// peer, it may not cover the packet: asking again would not help), IKE creates the pair's SA
// -- once nothing else is in flight; until then packets are dropped and ask again.
void TunnelEnd::want_child_for(const net::InnerPacket& packet) {
    if (!ike_established() || data_.busy()) return;
    const ike::Config& cfg = ike_config();
    const ike::ChildPolicy first{cfg.local_ts, cfg.remote_ts};
    const auto within = [&](const ike::ChildPolicy& pair) {
        return ipsec::check_outbound({&pair.local_ts, &pair.remote_ts}, packet) ==
               ipsec::Verdict::Pass;
    };
    const ike::ChildPolicy* wanted = within(first) ? &first : nullptr;
    for (const auto& pair : cfg.more_children) {
        if (!wanted && within(pair)) wanted = &pair;
    }
    if (!wanted) return;
    const auto made_from = [&](const ike::ChildSa& sa) {
        return ipsec::covered_by(sa.local_ts, wanted->local_ts) &&
               ipsec::covered_by(sa.remote_ts, wanted->remote_ts);
    };
    if ((data_.child && made_from(*data_.child)) ||
        std::any_of(data_.more_children.begin(), data_.more_children.end(), made_from)) {
        return;
    }
    ike::Input in = fresh_input(nullptr, {});
    in.wanted = wanted;
    if (version_ == 1) {
        apply_v1(ike::v1::Event::ChildWanted, in, nullptr);
        return;
    }
    in.event = ike::IkeEvent::ChildWanted;
    apply(in, nullptr);
}

void TunnelEnd::step_child(ike::IkeEvent ev, std::uint32_t spi_in) {
    ike::Input in = fresh_input(nullptr, {});
    in.event = ev;
    in.child_spi = spi_in;
    apply(in, nullptr);
}

// Carries out a step's actions in order (both IKE versions).
TunnelEnd::Performed TunnelEnd::perform_all(std::vector<ike::Action>& actions) {
    Performed done;
    for (auto& a : actions) {
        const auto kind = a.kind;
        perform_io(std::move(a));
        done.new_child |=
            kind == ike::Action::Kind::ChildInstalled || kind == ike::Action::Kind::ChildRekeyed;
        done.new_ike_sa |= kind == ike::Action::Kind::IkeRekeyed;
        // §1.3.1: a further CHILD_SA's lifetimes: sync_further_child_timers() after the step.
        if (kind == ike::Action::Kind::ChildAdded) note_child_selectors();
    }
    return done;
}

// Runs the IKEv2 machine on `in` and carries out its result. The SA data is moved into the
// step and back, so whatever reads it from before the step reads it first.
void TunnelEnd::apply(const ike::Input& in, const ike::Message* m) {
    const ike::IkeEvent ev = in.event;
    const ike::IkeState from = state_;
    const bool was_up = ipsec_up();
    auto r = ike::step(ike_config(), std::move(data_), state_, in);
    state_ = r.next;
    data_ = std::move(r.data);
    if (role_ == ike::Role::Initiator && data_.nat_detected()) {
        local_port_ = peer_port_ = net::kNatTPort;  // RFC 7296 §2.23: float to 4500
    }
    trace({now(), name_, "ike", ike::to_string(from), ike::to_string(ev), ike::to_string(state_),
           ike::to_string(r.reason), std::move(r.detail)});
    const auto done = perform_all(r.actions);
    // "Up at" is when the current IKE SA came up: a new SA after a failure starts afresh.
    if (state_ != ike::IkeState::Established) ike_up_at_.reset();
    if (state_ == ike::IkeState::Established && !ike_up_at_) ike_up_at_ = now();
    if (cfg_.aws_side) log_ike(r.reason, m);
    if (!was_up && ipsec_up()) on_ipsec_up();
    if (was_up && !ipsec_up()) on_ipsec_down();
    if (done.new_child && data_.child) {
        note_child_selectors();
        arm_child_timers();
    }
    if (!data_.child) cancel_child_timers();
    sync_further_child_timers();
    // §2.8: every IKE SA has its own lifetime, a rekeyed one included.
    const bool established = state_ == ike::IkeState::Established;
    if (established && (from != ike::IkeState::Established || done.new_ike_sa)) arm_ike_sa_timers();
    if (!established) cancel_ike_sa_timers();
    after_step(r.reason, from == ike::IkeState::Established, established,
               state_ == ike::IkeState::Failed);
    note_status();
}

// What the adapter does after a step of either version, beyond executing its actions: DPD and
// restart policy. `established`: the IKE SA (IKEv1: phase 1) is up after the step.
void TunnelEnd::after_step(ike::Reason reason, bool was_established, bool established,
                           bool failed) {
    if (reason == ike::Reason::ChildReplaced) ++sa_replacements_;
    if (established && !was_established) {
        restarting_ = cleared_ = false;
        last_rx_ = now();
        if (cfg_.dpd_enabled) arm_own(dpd_timer_, cfg_.ike.dpd_delay + kDpdSlack, kDpdTimer);
    }
    if (reason == ike::Reason::PeerAlive && cfg_.dpd_enabled) {
        arm_own(dpd_timer_, cfg_.ike.dpd_delay + kDpdSlack, kDpdTimer);
    }
    if (reason == ike::Reason::PeerTemporaryFailure) {
        // §2.25: retry the rekey that was refused -- the first CHILD_SA's or a further one's.
        // The SPI our refused request named (0: none, never an SA's SPI).
        const std::uint64_t named =
            data_.last_sent ? data_.last_sent->notify_data(ike::NotifyType::RekeySa).value_or(0)
                            : 0;
        const auto slot = std::find_if(
            further_timers_.begin(), further_timers_.end(),
            [&](const FurtherChildTimers& t) { return named != 0 && t.spi_in == named; });
        if (slot != further_timers_.end()) {
            auto& rng = node_.world().kernel().rng("ike.rekey-more");
            const auto n = static_cast<std::uint64_t>(slot - further_timers_.begin());
            arm_own(slot->rekey, ms(rng.between(1000, 10000)), kFurtherChildTimers + 2 * n);
        } else {
            auto& rng = node_.world().kernel().rng("ike.rekey");
            arm_own(rekey_timer_, ms(rng.between(1000, 10000)), kRekeyTimer);
        }
    }
    if (reason == ike::Reason::IkeRekeyDeferred) {
        auto& rng = node_.world().kernel().rng("ike.sa-rekey");
        arm_own(ike_rekey_timer_, ms(rng.between(1000, 10000)), kIkeRekeyTimer);
    }
    if (reason == ike::Reason::IkeExpired && !cfg_.reinitiate_after_expiry) cleared_ = true;
    if (!established) cancel_own(dpd_timer_);
    if (reason == ike::Reason::DpdTimeout) {
        // RFC 3706 §5.5: the peer is dead. AWS DpdTimeoutAction / strongSwan dpdaction.
        switch (cfg_.dpd_action) {
            case DpdAction::Restart:
                restarting_ = true;
                break;
            case DpdAction::Clear:
            case DpdAction::None:
                cleared_ = true;
                break;
        }
        if (restarting_) arm_own(restart_timer_, SimTime::zero(), kRestartTimer);
    }
    const bool refused = reason == ike::Reason::PeerAuthenticationFailed ||
                         reason == ike::Reason::PeerNoProposalChosen;
    const bool retries =
        ((cfg_.retry_after && !cleared_) || restarting_) && (cfg_.retry_after_refusal || !refused);
    if (failed && retries && !restart_timer_.valid()) {
        restart_timer_ =
            arm_timer(cfg_.retry_after.value_or(kRestartRetry), tag_ | kIkeTimers | kRestartTimer);
    }
}

void TunnelEnd::arm_own(kernel::EventId& id, SimTime after, std::uint64_t which) {
    cancel_own(id);
    id = arm_timer(after, tag_ | kIkeTimers | which);
}

void TunnelEnd::cancel_own(kernel::EventId& id) {
    if (id.valid()) cancel_timer(id);
    id = {};
}

void TunnelEnd::arm_ike_timer(ike::Timer t, SimTime after) {
    arm_own(ike_timers_.at(static_cast<std::size_t>(t)), after, static_cast<std::uint64_t>(t));
}

void TunnelEnd::cancel_ike_timer(ike::Timer t) {
    cancel_own(ike_timers_.at(static_cast<std::size_t>(t)));
}

// RFC 3706 §5.3 / AWS: check liveness only after dpd_delay without anything from the peer.
// On demand (no NAT): only when we have sent traffic the peer has not answered since; periodic
// once a NAT was detected (aws-facts.md "The CGW side": AWS does the same).
// IKEv1 (RFC 3706 §5.1): only with a peer that announced DPD in its vendor ID; while the first
// quick mode is still running the check waits.
void TunnelEnd::on_dpd_check() {
    if (version_ == 1) {
        if ((data_.peer_vendor_ids & ike::kVidDpd) == 0) return;
        if (ike::v1::phase1_up(v1_state_) && !ike_established()) {
            arm_own(dpd_timer_, cfg_.ike.dpd_delay, kDpdTimer);
            return;
        }
    }
    if (!ike_established()) return;
    const SimTime idle = now() - last_rx_;
    const bool wanted = data_.nat_detected() || last_tx_ > last_rx_;
    if (data_.pending != ike::Pending::None || (idle > cfg_.ike.dpd_delay && !wanted)) {
        arm_own(dpd_timer_, cfg_.ike.dpd_delay, kDpdTimer);
    } else if (idle > cfg_.ike.dpd_delay && version_ == 1) {
        step_v1(ike::v1::Event::DpdDue, nullptr, {});  // re-armed when answered
    } else if (idle > cfg_.ike.dpd_delay) {
        step(ike::IkeEvent::LivenessCheckDue, nullptr, {});  // re-armed when answered
    } else {
        arm_own(dpd_timer_, cfg_.ike.dpd_delay + kDpdSlack - idle, kDpdTimer);
    }
}

void TunnelEnd::on_rekey_due() {
    if (state_ != ike::IkeState::Established || !data_.child) return;
    if (data_.busy()) {
        arm_own(rekey_timer_, kRekeyBusyRetry, kRekeyTimer);
        return;
    }
    step(ike::IkeEvent::RekeyChildDue, nullptr, {});
}

// RFC 7296 §2.8: soft lifetime (rekey) and hard lifetime (expiry) of the current CHILD_SA.
void TunnelEnd::arm_child_timers() {
    const auto& l = cfg_.child_lifetime;
    arm_own(expire_timer_, l.lifetime, kExpireTimer);
    if (!l.initiate_rekey) return;
    auto& rng = node_.world().kernel().rng("ike.rekey");
    const std::int64_t fuzz_ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(l.margin).count() * l.fuzz_percent /
        100;
    const SimTime fuzz = ms(fuzz_ms > 0 ? rng.between(0, fuzz_ms) : 0);
    arm_own(rekey_timer_, l.lifetime - l.margin - fuzz, kRekeyTimer);
}

void TunnelEnd::cancel_child_timers() {
    cancel_own(rekey_timer_);
    cancel_own(expire_timer_);
}

// A further CHILD_SA's soft lifetime (even `which`: rekey, waiting while another request is
// in flight, §2.3) or hard lifetime (odd: ChildExpired), for the SA in that slot.
// IKEv1 (RFC 2409 §5.5): the same, as Phase2Expired / RekeyPhase2Due.
void TunnelEnd::on_further_child_timer(std::uint64_t which) {
    auto& t = further_timers_.at(which / 2);
    const std::uint32_t spi = t.spi_in;
    if (which % 2 == 1) {
        t.expire = {};
        if (version_ == 1) return step_v1_child(ike::v1::Event::Phase2Expired, spi);
        return step_child(ike::IkeEvent::ChildExpired, spi);
    }
    t.rekey = {};
    if (!ike_established()) return;
    if (data_.busy()) {
        arm_own(t.rekey, kRekeyBusyRetry, kFurtherChildTimers + which);
        return;
    }
    if (version_ == 1) return step_v1_child(ike::v1::Event::RekeyPhase2Due, spi);
    step_child(ike::IkeEvent::RekeyChildDue, spi);
}

// After every step: each further CHILD_SA in data_.more_children has a timer slot, armed when
// the SA appeared (created, or the new SA of a rekey, RFC 7296 §2.8); the slots of SAs that
// are gone (rekeyed, expired, deleted) are cancelled and freed.
void TunnelEnd::sync_further_child_timers() {
    const auto installed = [&](std::uint32_t spi) {
        return std::any_of(data_.more_children.begin(), data_.more_children.end(),
                           [spi](const ike::ChildSa& ch) { return ch.spi_in == spi; });
    };
    bool changed = false;
    for (auto& t : further_timers_) {
        if (t.spi_in == 0 || installed(t.spi_in)) continue;
        cancel_own(t.rekey);
        cancel_own(t.expire);
        t.spi_in = 0;
        changed = true;
    }
    const auto& l = cfg_.child_lifetime;
    for (const auto& ch : data_.more_children) {
        const auto has_slot =
            std::any_of(further_timers_.begin(), further_timers_.end(),
                        [&](const FurtherChildTimers& t) { return t.spi_in == ch.spi_in; });
        if (has_slot) continue;
        auto slot = std::find_if(further_timers_.begin(), further_timers_.end(),
                                 [](const FurtherChildTimers& t) { return t.spi_in == 0; });
        if (slot == further_timers_.end()) slot = further_timers_.emplace(further_timers_.end());
        const auto n = static_cast<std::uint64_t>(slot - further_timers_.begin());
        slot->spi_in = ch.spi_in;
        changed = true;
        arm_own(slot->expire, l.lifetime, kFurtherChildTimers + 2 * n + 1);
        if (!l.initiate_rekey) continue;
        auto& rng = node_.world().kernel().rng("ike.rekey-more");
        const std::int64_t fuzz_ms =
            std::chrono::duration_cast<std::chrono::milliseconds>(l.margin).count() *
            l.fuzz_percent / 100;
        const SimTime fuzz = ms(fuzz_ms > 0 ? rng.between(0, fuzz_ms) : 0);
        arm_own(slot->rekey, l.lifetime - l.margin - fuzz, kFurtherChildTimers + 2 * n);
    }
    if (changed) note_child_selectors();
}

void TunnelEnd::cancel_further_child_timers() {
    for (auto& t : further_timers_) {
        cancel_own(t.rekey);
        cancel_own(t.expire);
        t.spi_in = 0;
    }
}

// §2.8 / §1.3.2: the IKE SA's soft lifetime. Another request in flight (§2.3) -- or the peer's
// own rekey of this SA, answered and not yet settled -- puts it off a little.
void TunnelEnd::on_ike_rekey_due() {
    if (state_ != ike::IkeState::Established) return;
    if (data_.busy()) {
        arm_own(ike_rekey_timer_, kRekeyBusyRetry, kIkeRekeyTimer);
        return;
    }
    step(ike::IkeEvent::RekeyIkeDue, nullptr, {});
}

// RFC 7296 §2.8: soft lifetime (rekey) and hard lifetime (expiry) of the current IKE SA.
void TunnelEnd::arm_ike_sa_timers() {
    const auto& l = cfg_.ike_lifetime;
    arm_own(ike_expire_timer_, l.lifetime, kIkeExpireTimer);
    if (!l.initiate_rekey) return;
    auto& rng = node_.world().kernel().rng("ike.sa-rekey");
    const std::int64_t fuzz_ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(l.margin).count() * l.fuzz_percent /
        100;
    const SimTime fuzz = ms(fuzz_ms > 0 ? rng.between(0, fuzz_ms) : 0);
    arm_own(ike_rekey_timer_, l.lifetime - l.margin - fuzz, kIkeRekeyTimer);
}

void TunnelEnd::cancel_ike_sa_timers() {
    cancel_own(ike_rekey_timer_);
    cancel_own(ike_expire_timer_);
}

// ModifyVpnTunnelOptions / ModifyVpnConnectionOptions: AWS replaces the endpoint, which comes
// back with no SA and no BGP session, keeping its outside IP -- and with the new options, when
// the change set any. Under startup action "add" it waits for the CGW to initiate; under
// "start" it initiates itself. Replacements fire in time order (the kernel keeps equal times
// in the order they were armed), so the n-th expiry is the n-th replacement.
// The I/O an IKE step asks for, in either version: send, arm or cancel a timer. The other
// actions note state changes, which each version's apply reads itself.
void TunnelEnd::perform_io(ike::Action&& a) {
    switch (a.kind) {
        case ike::Action::Kind::Send:
            send_ike(std::move(a.msg));
            return;
        case ike::Action::Kind::ArmTimer:
            arm_ike_timer(a.timer, a.after);
            return;
        case ike::Action::Kind::CancelTimer:
            cancel_ike_timer(a.timer);
            return;
        case ike::Action::Kind::ChildInstalled:
        case ike::Action::Kind::ChildFailed:
        case ike::Action::Kind::ChildRekeyed:
        case ike::Action::Kind::ChildDeleted:
        case ike::Action::Kind::IkeRekeyed:
        case ike::Action::Kind::ChildAdded:
            return;
    }
}

void TunnelEnd::replace_endpoint() {
    const auto& replacement = cfg_.replacements.at(replacements_done_++);
    trace({now(), name_, "aws", "", "endpoint-replaced", "", "endpoint-replaced",
           replacement.next
               ? "tunnel options modified: the endpoint comes back with the new options, "
                 "without SAs or BGP session"
               : "tunnel options modified: the endpoint comes back without SAs or BGP session"});
    if (restart_timer_.valid()) cancel_timer(restart_timer_);
    restart_timer_ = {};
    reset_sa();
    if (bgp_) bgp_->stop();  // the new endpoint's speaker starts afresh
    if (replacement.next) adopt(*replacement.next);
    if (bgp_) bgp_->start();
    role_ = cfg_.ike.role;
    if (cfg_.initiate_after) {
        restart_timer_ = arm_timer(*cfg_.initiate_after, tag_ | kIkeTimers | kRestartTimer);
    }
}

// The replaced endpoint's configuration (its schedule of replacements stays).
void TunnelEnd::adopt(const TunnelEndConfig& next) {
    auto replacements = std::move(cfg_.replacements);
    cfg_ = next;
    cfg_.replacements = std::move(replacements);
    other_role_cfg_.reset();
    peer_addr_ = cfg_.peer;
    if (bgp_ && cfg_.bgp) bgp_->reconfigure(*cfg_.bgp);
}

void TunnelEnd::reset_sa() {
    const bool was_up = ipsec_up();
    cancel_ike_timer(ike::Timer::Retransmit);
    cancel_ike_timer(ike::Timer::HalfOpen);
    cancel_own(dpd_timer_);
    cancel_child_timers();
    cancel_further_child_timers();
    cancel_ike_sa_timers();
    state_ = ike::IkeState::Idle;
    v1_state_ = ike::v1::State::Idle;
    data_ = ike::Data{};
    peer_addr_ = cfg_.peer;
    peer_port_ = local_port_ = net::kIkePort;
    if (was_up) on_ipsec_down();
}

}  // namespace vpnsim::run
