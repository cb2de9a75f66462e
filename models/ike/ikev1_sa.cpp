#include "models/ike/ikev1_sa.hpp"
#include "models/ike/ikev1_detail.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>

#include "models/common/hash.hpp"
#include "models/ike/ikev2_detail.hpp"

namespace vpnsim::ike::v1 {
namespace {

using namespace detail;

// ---------------------------------------------------------------- guards

bool always(const Ctx&) {
    return true;
}
bool aggressive(const Ctx& c) {
    return c.cfg.aggressive_mode;
}

bool proposal_ok(const Ctx& c) {
    return c.msg().sa && select(c.cfg.ike, *c.msg().sa).chosen.has_value();
}
bool mm5_undecryptable(const Ctx& c) {
    return !c.msg().auth || *c.msg().auth != hash_v1(c.cfg.psk, c.d().spi_i, c.d().spi_r, true);
}
bool mm6_bad(const Ctx& c) {
    return !c.msg().auth || *c.msg().auth != hash_v1(c.cfg.psk, c.d().spi_i, c.d().spi_r, false);
}
bool can_retransmit(const Ctx& c) {
    return c.d().retransmits < c.cfg.retransmit_tries;
}
bool pending_request(const Ctx& c) {
    return c.d().pending != Pending::None;
}
bool duplicate(const Ctx& c) {
    return c.d().last_sent && c.d().last_sent->v1_msg == c.msg().v1_msg + 1;
}

// ---------------------------------------------------------------- actions

// The initiator's first phase 1 message: main mode 1 (SA only), or aggressive mode 1, which
// also carries KE, Ni and IDii -- RFC 2409 §5.4; the identity travels in the clear, which is
// why AWS, main mode only, does not offer it.
void open_phase1(Ctx& c, Exchange exchange, std::string_view what) {
    c.d().spi_i = c.in.fresh_spi;
    Message m = header(c, exchange, 1);
    m.sa = c.cfg.ike;
    m.vendor_ids = own_vendor_ids(c.cfg);  // RFC 3947 §3.1, RFC 3706 §5.1
    c.out.reason = Reason::Initiated;
    c.out.detail = fmt::format("{} SA {}", what, to_string(c.cfg.ike));
    send(c, std::move(m), true);
}
void send_mm1(Ctx& c) {
    open_phase1(c, Exchange::MainMode, "main mode");
}
void send_am1(Ctx& c) {
    open_phase1(c, Exchange::AggressiveMode, "aggressive mode with KE, Ni and IDii;");
}

// A responder that does not do aggressive mode answers with RFC 2408 §3.14.1
// INVALID-EXCHANGE-TYPE (AWS supports IKEv1 main mode only: aws-facts.md).
void refuse_am1(Ctx& c) {
    c.d().spi_i = c.msg().spi_i;
    c.d().failure = NotifyType::InvalidExchangeType;
    notify(c, NotifyType::InvalidExchangeType);
    c.out.reason = Reason::AggressiveModeRefused;
    c.out.detail =
        "aggressive mode is not accepted here (main mode only): sent INVALID_EXCHANGE_TYPE";
}

void reply_mm2(Ctx& c) {
    c.d().spi_i = c.msg().spi_i;
    c.d().spi_r = c.in.fresh_spi;
    c.d().ike_chosen = select(c.cfg.ike, *c.msg().sa).chosen;
    c.d().peer_vendor_ids = c.msg().vendor_ids;
    Message m = header(c, Exchange::MainMode, 2);
    m.sa = as_proposal(*c.d().ike_chosen);
    m.vendor_ids = own_vendor_ids(c.cfg);  // RFC 3947 §3.1, RFC 3706 §5.1
    c.out.reason = Reason::ProposalChosen;
    c.out.detail = fmt::format("chose {}", to_string(*c.d().ike_chosen));
    send(c, std::move(m), false);
    arm(c, Timer::HalfOpen, c.cfg.half_open_timeout);
}

void refuse_mm1(Ctx& c) {
    c.d().spi_i = c.msg().spi_i;
    const Selection s = c.msg().sa ? select(c.cfg.ike, *c.msg().sa) : Selection{};
    c.d().mismatch = s.mismatch;
    c.d().failure = NotifyType::NoProposalChosen;
    notify(c, NotifyType::NoProposalChosen);
    c.out.reason = Reason::NoProposalChosen;
    c.out.detail = fmt::format("no common {} transform: offered {}", to_string(s.mismatch),
                               c.msg().sa ? to_string(*c.msg().sa) : "nothing");
}

void send_mm3(Ctx& c) {
    cancel(c, Timer::Retransmit);
    c.d().spi_r = c.msg().spi_r;
    c.d().ike_chosen = select(*c.msg().sa, *c.msg().sa).chosen;
    c.d().peer_vendor_ids = c.msg().vendor_ids;
    Message m = header(c, Exchange::MainMode, 3);
    m.ke = c.d().ike_chosen->dh;
    add_natd(c, m, c.d().spi_i, c.d().spi_r);  // RFC 3947 §3.2
    c.out.reason = Reason::ProposalChosen;
    c.out.detail = fmt::format("SA {}; KE group {}{}", to_string(*c.d().ike_chosen), *m.ke,
                               nat_t_agreed(c) ? ", NAT-D" : "");
    send(c, std::move(m), true);
}

void reply_mm4(Ctx& c) {
    detect_nat(c);  // RFC 3947 §3.2
    Message m = header(c, Exchange::MainMode, 4);
    m.ke = c.d().ike_chosen->dh;
    add_natd(c, m, c.d().spi_i, c.d().spi_r);
    c.out.reason = Reason::KeysExchanged;
    if (nat_t_agreed(c)) c.out.detail = fmt::format("KE, Nr{}", nat_text(c));
    send(c, std::move(m), false);
}

void send_mm5(Ctx& c) {
    cancel(c, Timer::Retransmit);
    detect_nat(c);  // RFC 3947 §3.2; the adapter floats to UDP 4500 for this message (§4)
    Message m = header(c, Exchange::MainMode, 5);
    m.id = c.cfg.local_id;
    m.auth = hash_v1(c.cfg.psk, c.d().spi_i, c.d().spi_r, true);
    c.out.reason = Reason::KeysExchanged;
    c.out.detail =
        fmt::format("IDii, HASH_I (encrypted under the PSK-derived key){}{}", nat_text(c),
                    c.d().nat_detected() ? ", floating to UDP 4500 (RFC 3947 §4)" : "");
    send(c, std::move(m), true);
}

void refuse_mm5(Ctx& c) {
    cancel(c, Timer::HalfOpen);
    c.d().failure = NotifyType::PayloadMalformed;
    notify(c, NotifyType::PayloadMalformed);
    c.out.reason = Reason::PayloadDecryptionFailed;
    c.out.detail = "main mode 5 does not decrypt with our pre-shared key";
}

void reply_mm6(Ctx& c) {
    cancel(c, Timer::HalfOpen);
    Message m = header(c, Exchange::MainMode, 6);
    m.id = c.cfg.local_id;
    m.auth = hash_v1(c.cfg.psk, c.d().spi_i, c.d().spi_r, false);
    c.out.reason = Reason::Authenticated;
    c.out.detail = "phase 1 established";
    send(c, std::move(m), false);
}

void reject_mm6(Ctx& c) {
    cancel(c, Timer::Retransmit);
    c.d().failure = NotifyType::PayloadMalformed;
    c.out.reason = Reason::PayloadDecryptionFailed;
    c.out.detail = "main mode 6 does not decrypt with our pre-shared key";
}

void resend(Ctx& c) {
    emit(c, Action{Action::Kind::Send, *c.d().last_sent, Timer::Retransmit, {}});
    c.out.reason = Reason::DuplicateRequest;
}

void retransmit(Ctx& c) {
    const int n = ++c.d().retransmits;
    const auto after = ike::detail::backoff(c.cfg, n);
    emit(c, Action{Action::Kind::Send, *c.d().last_sent, Timer::Retransmit, {}});
    arm(c, Timer::Retransmit, after);
    c.out.reason = Reason::Retransmit;
    c.out.detail = fmt::format("retransmit #{} of {} {}, next timeout {}", n,
                               to_string(c.d().last_sent->exchange), c.d().last_sent->v1_msg,
                               format_time(after));
}

void give_up(Ctx& c) {
    c.out.reason = Reason::RetransmitLimit;
    c.out.detail = fmt::format("no response after {} retransmits", c.d().retransmits);
}

void half_open_timeout(Ctx& c) {
    c.out.reason = Reason::HalfOpenTimeout;
    c.out.detail = "deleting un-established phase 1 SA";
}

// Phase 1 failures end the SA; quick-mode refusals leave phase 1 up without an IPsec SA.
void note_notify(Ctx& c) {
    cancel(c, Timer::Retransmit);
    const NotifyType n = c.msg().error().value_or(NotifyType::PayloadMalformed);
    c.d().failure = n;
    c.out.detail = fmt::format("received {}", to_string(n));
    switch (n) {
        case NotifyType::InvalidIdInformation:
            c.out.reason = Reason::PeerInvalidIdInformation;
            break;
        case NotifyType::PayloadMalformed:
            c.out.reason = Reason::PeerPayloadMalformed;
            break;
        case NotifyType::InvalidExchangeType:
            c.out.reason = Reason::PeerInvalidExchangeType;
            break;
        case NotifyType::NoProposalChosen:
        case NotifyType::InvalidKePayload:
        case NotifyType::AuthenticationFailed:
        case NotifyType::TsUnacceptable:
        case NotifyType::TemporaryFailure:
        case NotifyType::ChildSaNotFound:
        case NotifyType::NatDetectionSourceIp:
        case NotifyType::NatDetectionDestinationIp:
        case NotifyType::RekeySa:
        case NotifyType::RUThere:
        case NotifyType::RUThereAck:
            c.out.reason = Reason::PeerNoProposalChosen;
            break;
    }
}

void note_qm_refused(Ctx& c) {
    note_notify(c);
    c.d().child_state = ChildState::Failed;
    emit(c, Action::Kind::ChildFailed);
    create_next_child(c);  // the other proxy-ID pairs are their own quick modes
}

// No QM3 after our retransmits of QM2: phase 2 did not come up (phase 1 stays).
void give_up_first_qm(Ctx& c) {
    c.d().child.reset();
    c.d().child_state = ChildState::Failed;
    emit(c, Action::Kind::ChildFailed);
    c.out.reason = Reason::RetransmitLimit;
    c.out.detail = fmt::format("no QM3 after {} retransmits of QM2", c.d().retransmits);
}

void nothing(Ctx&) {}

// ---------------------------------------------------------------- the table

struct Transition {
    State from;
    Event on;
    Guard guard;
    State to;
    Act action;
};

using S = State;
using E = Event;
// Rows are tried in order; the first whose guard holds fires.
// clang-format off
constexpr std::array kTable{
//  from            event                      guard                  to              action
    Transition{S::Idle,        E::Start,                  aggressive,            S::AmSent1,     send_am1},
    Transition{S::Idle,        E::Start,                  always,                S::MmSent1,     send_mm1},
    Transition{S::Idle,        E::RecvAm1,                always,                S::Failed,      refuse_am1},
    Transition{S::AmSent1,     E::RecvNotify,             always,                S::Failed,      note_notify},
    Transition{S::AmSent1,     E::RetransmitTimerExpires, can_retransmit,        S::AmSent1,     retransmit},
    Transition{S::AmSent1,     E::RetransmitTimerExpires, always,                S::Failed,      give_up},
    Transition{S::Idle,        E::RecvMm1,                proposal_ok,           S::MmReplied2,  reply_mm2},
    Transition{S::Idle,        E::RecvMm1,                always,                S::Failed,      refuse_mm1},
    Transition{S::MmSent1,     E::RecvMm2,                always,                S::MmSent3,     send_mm3},
    Transition{S::MmSent1,     E::RecvNotify,             always,                S::Failed,      note_notify},
    Transition{S::MmSent1,     E::RetransmitTimerExpires, can_retransmit,        S::MmSent1,     retransmit},
    Transition{S::MmSent1,     E::RetransmitTimerExpires, always,                S::Failed,      give_up},
    Transition{S::MmReplied2,  E::RecvMm1,                duplicate,             S::MmReplied2,  resend},
    Transition{S::MmReplied2,  E::RecvMm3,                always,                S::MmReplied4,  reply_mm4},
    Transition{S::MmReplied2,  E::HalfOpenTimerExpires,   always,                S::Failed,      half_open_timeout},
    Transition{S::MmSent3,     E::RecvMm4,                always,                S::MmSent5,     send_mm5},
    Transition{S::MmSent3,     E::RetransmitTimerExpires, can_retransmit,        S::MmSent3,     retransmit},
    Transition{S::MmSent3,     E::RetransmitTimerExpires, always,                S::Failed,      give_up},
    Transition{S::MmReplied4,  E::RecvMm3,                duplicate,             S::MmReplied4,  resend},
    Transition{S::MmReplied4,  E::RecvMm5,                mm5_undecryptable,     S::Failed,      refuse_mm5},
    Transition{S::MmReplied4,  E::RecvMm5,                always,                S::Established, reply_mm6},
    Transition{S::MmReplied4,  E::HalfOpenTimerExpires,   always,                S::Failed,      half_open_timeout},
    Transition{S::MmSent5,     E::RecvMm6,                mm6_bad,               S::Failed,      reject_mm6},
    Transition{S::MmSent5,     E::RecvMm6,                always,                S::QmSent1,     send_qm1},
    Transition{S::MmSent5,     E::RecvNotify,             always,                S::Failed,      note_notify},
    Transition{S::MmSent5,     E::RetransmitTimerExpires, can_retransmit,        S::MmSent5,     retransmit},
    Transition{S::MmSent5,     E::RetransmitTimerExpires, always,                S::Failed,      give_up},
    Transition{S::Established, E::RecvMm5,                peer_rekey_duplicate,  S::Established, resend_rekey_reply},
    Transition{S::Established, E::RecvMm5,                peer_rekey_mm5_bad,    S::Established, refuse_rekey_mm5},
    Transition{S::Established, E::RecvMm5,                peer_rekey_msg,        S::Established, reply_rekey_mm6},
    Transition{S::Established, E::RecvMm5,                duplicate,             S::Established, resend},
    Transition{S::Established, E::RecvQm1,                later_qm1_duplicate,   S::Established, resend_qm_reply},
    Transition{S::Established, E::RecvQm1,                qm_ids_outside_policy, S::Established, refuse_qm1_ids},
    Transition{S::Established, E::RecvQm1,                qm_proposal_bad,       S::Established, refuse_qm1_proposal},
    Transition{S::Established, E::RecvQm1,                first_quick_mode,      S::QmReplied2,  reply_qm2},
    Transition{S::Established, E::RecvQm1,                crossing_rekey_won,    S::Established, drop_crossing_rekey},
    Transition{S::Established, E::RecvQm1,                crossing_rekey,        S::Established, yield_crossing_rekey},
    Transition{S::Established, E::RecvQm1,                always,                S::Established, reply_later_qm2},
    Transition{S::QmSent1,     E::RecvQm2,                always,                S::Established, send_qm3},
    Transition{S::QmSent1,     E::RecvNotify,             always,                S::Established, note_qm_refused},
    Transition{S::QmSent1,     E::RetransmitTimerExpires, can_retransmit,        S::QmSent1,     retransmit},
    Transition{S::QmSent1,     E::RetransmitTimerExpires, always,                S::Failed,      give_up},
    Transition{S::QmReplied2,  E::RecvQm1,                duplicate,             S::QmReplied2,  resend},
    Transition{S::QmReplied2,  E::RecvQm3,                always,                S::Established, accept_qm3},
    Transition{S::QmReplied2,  E::RetransmitTimerExpires, can_retransmit,        S::QmReplied2,  retransmit},
    Transition{S::QmReplied2,  E::RetransmitTimerExpires, always,                S::Established, give_up_first_qm},
    // Later quick modes -- ikev1_rekey.cpp (RFC 2409 §5.5): rekey, a policy-based pair
    Transition{S::Established, E::RecvQm2,                qm2_duplicate,         S::Established, resend_qm3},
    Transition{S::Established, E::RecvQm2,                pending_rekey,         S::Established, install_rekeyed_child},
    Transition{S::Established, E::RecvQm2,                pending_create,        S::Established, install_created_child},
    Transition{S::Established, E::RecvQm2,                always,                S::Established, nothing},
    Transition{S::Established, E::RecvQm3,                later_qm3,             S::Established, install_later_qm},
    Transition{S::Established, E::RekeyPhase2Due,         busy,                  S::Established, nothing},
    Transition{S::Established, E::RekeyPhase2Due,         first_phase2_due,      S::Established, send_phase2_rekey},
    Transition{S::Established, E::RekeyPhase2Due,         further_phase2_due,    S::Established, send_phase2_rekey},
    Transition{S::Established, E::ChildWanted,            busy,                  S::Established, nothing},
    Transition{S::Established, E::ChildWanted,            always,                S::Established, create_wanted_child},
    Transition{S::Established, E::Phase2Expired,          first_phase2_due,      S::Established, expire_phase2},
    Transition{S::Established, E::Phase2Expired,          further_phase2_due,    S::Established, expire_further_phase2},
    // Phase 1 rekey -- ikev1_rekey.cpp (RFC 2409 §5: a new main mode, new cookies)
    Transition{S::Established, E::RekeyPhase1Due,         busy,                  S::Established, nothing},
    Transition{S::Established, E::RekeyPhase1Due,         always,                S::Established, send_rekey_mm1},
    Transition{S::Established, E::RecvMm1,                peer_rekey_duplicate,  S::Established, resend_rekey_reply},
    Transition{S::Established, E::RecvMm1,                peer_rekey_proposal_ok,S::Established, reply_rekey_mm2},
    Transition{S::Established, E::RecvMm1,                peer_rekey_opens,      S::Established, refuse_rekey_mm1},
    Transition{S::Established, E::RecvMm2,                own_rekey_msg,         S::Established, send_rekey_mm3},
    Transition{S::Established, E::RecvMm3,                peer_rekey_duplicate,  S::Established, resend_rekey_reply},
    Transition{S::Established, E::RecvMm3,                peer_rekey_msg,        S::Established, reply_rekey_mm4},
    Transition{S::Established, E::RecvMm4,                own_rekey_msg,         S::Established, send_rekey_mm5},
    Transition{S::Established, E::RecvMm6,                own_rekey_mm6_bad,     S::Established, fail_own_rekey},
    Transition{S::Established, E::RecvMm6,                own_rekey_msg,         S::Established, switch_to_own_rekey},
    Transition{S::Established, E::RecvNotify,             own_rekey_msg,         S::Established, note_ike_rekey_refused},
    Transition{S::Established, E::RecvNotify,             pending_child_request, S::Established, note_child_request_refused},
    Transition{S::Established, E::Phase1Expired,          always,                S::Failed,      expire_phase1},
    Transition{S::QmSent1,     E::Phase1Expired,          always,                S::Failed,      expire_phase1},
    Transition{S::QmReplied2,  E::Phase1Expired,          always,                S::Failed,      expire_phase1},
    // DPD -- ikev1_info.cpp (RFC 3706 §5.2-§5.5) -- and the requests' retransmission
    Transition{S::Established, E::DpdDue,                 busy,                  S::Established, nothing},
    Transition{S::Established, E::DpdDue,                 always,                S::Established, send_r_u_there},
    Transition{S::Established, E::RecvRuThere,            always,                S::Established, answer_r_u_there},
    Transition{S::QmSent1,     E::RecvRuThere,            always,                S::QmSent1,     answer_r_u_there},
    Transition{S::QmReplied2,  E::RecvRuThere,            always,                S::QmReplied2,  answer_r_u_there},
    Transition{S::Established, E::RecvRuThereAck,         ack_matches,           S::Established, note_peer_alive},
    Transition{S::Established, E::RetransmitTimerExpires, dpd_exhausted,         S::Failed,      declare_peer_dead},
    Transition{S::Established, E::RetransmitTimerExpires, pending_dpd,           S::Established, resend_r_u_there},
    Transition{S::Established, E::RetransmitTimerExpires, ike_rekey_exhausted,   S::Established, fail_own_rekey},
    Transition{S::Established, E::RetransmitTimerExpires, child_request_exhausted, S::Established, give_up_child_request},
    Transition{S::Established, E::RetransmitTimerExpires, qm3_wait_exhausted,    S::Established, give_up_later_qm},
    Transition{S::Established, E::RetransmitTimerExpires, pending_request,       S::Established, retransmit},
    // ISAKMP Delete -- ikev1_info.cpp (RFC 2408 §3.15)
    Transition{S::Established, E::RecvDelete,             deletes_retired_ike_sa, S::Established, peer_deleted_retired_ike_sa},
    Transition{S::Established, E::RecvDelete,             deletes_current_ike_sa, S::Failed,     peer_deleted_ike_sa},
    Transition{S::Established, E::RecvDelete,             always,                S::Established, peer_deleted_ipsec_sa},
    Transition{S::QmSent1,     E::RecvDelete,             deletes_current_ike_sa, S::Failed,     peer_deleted_ike_sa},
    Transition{S::QmReplied2,  E::RecvDelete,             deletes_current_ike_sa, S::Failed,     peer_deleted_ike_sa},
};
// clang-format on

// Expected and harmless: late timers, duplicates of messages already answered, messages of a
// rekey or quick mode that is no longer in progress, lifetime events for an SA already gone.
constexpr std::array kIgnored{
    std::pair{S::Established, E::RetransmitTimerExpires},
    std::pair{S::Established, E::HalfOpenTimerExpires},
    std::pair{S::Failed, E::RetransmitTimerExpires},
    std::pair{S::Failed, E::HalfOpenTimerExpires},
    std::pair{S::Idle, E::RetransmitTimerExpires},
    std::pair{S::Idle, E::HalfOpenTimerExpires},
    std::pair{S::AmSent1, E::HalfOpenTimerExpires},
    std::pair{S::MmSent3, E::RecvMm2},
    std::pair{S::MmSent5, E::RecvMm4},
    std::pair{S::QmSent1, E::RecvMm6},
    std::pair{S::Established, E::RecvMm6},
    std::pair{S::QmSent1, E::HalfOpenTimerExpires},
    std::pair{S::QmReplied2, E::HalfOpenTimerExpires},
    std::pair{S::Established, E::RecvNotify},
    std::pair{S::Established, E::RecvMm1},
    std::pair{S::Established, E::RecvMm2},
    std::pair{S::Established, E::RecvMm3},
    std::pair{S::Established, E::RecvMm4},
    std::pair{S::Established, E::RecvQm3},
    std::pair{S::Established, E::RecvRuThereAck},
    std::pair{S::Established, E::RekeyPhase2Due},
    std::pair{S::Established, E::Phase2Expired},
    std::pair{S::QmSent1, E::RecvRuThereAck},
    std::pair{S::QmReplied2, E::RecvRuThereAck},
    std::pair{S::QmSent1, E::RecvDelete},
    std::pair{S::QmReplied2, E::RecvDelete},
};

// Before phase 1 is up nothing of it exists to check, rekey, expire or delete; in the first
// quick mode the adapter raises no DPD or rekey events (it waits for Established).
bool ignored_before_established(State s, Event e) {
    const bool after_phase1 = e == E::RecvRuThere || e == E::RecvRuThereAck || e == E::RecvDelete ||
                              e == E::DpdDue || e == E::RekeyPhase2Due || e == E::Phase2Expired ||
                              e == E::RekeyPhase1Due || e == E::Phase1Expired ||
                              e == E::ChildWanted;
    const bool in_first_qm = (s == S::QmSent1 || s == S::QmReplied2) &&
                             (e == E::DpdDue || e == E::RekeyPhase2Due || e == E::Phase2Expired ||
                              e == E::RekeyPhase1Due || e == E::ChildWanted);
    return (!phase1_up(s) && after_phase1) || in_first_qm;
}

}  // namespace

Event classify(const Message& m) {
    if (m.exchange == Exchange::InformationalV1) {
        if (m.has_notify(NotifyType::RUThere)) return Event::RecvRuThere;
        if (m.has_notify(NotifyType::RUThereAck)) return Event::RecvRuThereAck;
        if (m.del) return Event::RecvDelete;
        return Event::RecvNotify;
    }
    if (m.exchange == Exchange::AggressiveMode) return Event::RecvAm1;  // only AM1 is ever sent
    constexpr std::array kMm{E::RecvMm1, E::RecvMm2, E::RecvMm3,
                             E::RecvMm4, E::RecvMm5, E::RecvMm6};
    constexpr std::array kQm{E::RecvQm1, E::RecvQm2, E::RecvQm3};
    if (m.exchange == Exchange::QuickMode && m.v1_msg >= 1 && m.v1_msg <= 3) {
        return kQm.at(m.v1_msg - 1U);
    }
    if (m.v1_msg >= 1 && m.v1_msg <= 6) return kMm.at(m.v1_msg - 1U);
    return Event::RecvNotify;
}

bool phase1_up(State s) {
    return s == State::QmSent1 || s == State::QmReplied2 || s == State::Established;
}

bool is_ignored(State s, Event e) {
    return ignored_before_established(s, e) ||
           std::find(kIgnored.begin(), kIgnored.end(), std::pair{s, e}) != kIgnored.end();
}

bool carries_message(Event e) {
    switch (e) {
        case Event::RecvMm1:
        case Event::RecvAm1:
        case Event::RecvMm2:
        case Event::RecvMm3:
        case Event::RecvMm4:
        case Event::RecvMm5:
        case Event::RecvMm6:
        case Event::RecvQm1:
        case Event::RecvQm2:
        case Event::RecvQm3:
        case Event::RecvNotify:
        case Event::RecvRuThere:
        case Event::RecvRuThereAck:
        case Event::RecvDelete:
            return true;
        case Event::Start:
        case Event::RetransmitTimerExpires:
        case Event::HalfOpenTimerExpires:
        case Event::DpdDue:
        case Event::RekeyPhase2Due:
        case Event::Phase2Expired:
        case Event::RekeyPhase1Due:
        case Event::Phase1Expired:
        case Event::ChildWanted:
            return false;
    }
    return false;
}

bool knows_sa(const Data& d, const Message& m) {
    if (m.spi_i == d.spi_i) return true;
    if (d.own_ike_rekey && m.spi_i == d.own_ike_rekey->spi_i) return true;
    if (d.peer_ike_rekey && m.spi_i == d.peer_ike_rekey->spi_i) return true;
    return std::any_of(d.retired_ike.begin(), d.retired_ike.end(),
                       [&](const RetiredIkeSa& s) { return s.spi_i == m.spi_i; });
}

bool has_row(State s, Event e) {
    return std::any_of(kTable.begin(), kTable.end(),
                       [&](const Transition& t) { return t.from == s && t.on == e; });
}

StepResult step(const Config& cfg, Data data, State state, Event ev, const Input& in) {
    // Default-initialised, then filled in: g++ zero-fills a braced StepResult{...} (1.5 KB)
    // before constructing its members.
    StepResult out;
    out.next = state;
    out.data = std::move(data);
    out.actions.reserve(4);  // a step emits at most a few (cancel, send, arm, install)
    Ctx c{cfg, in, out};
    if (carries_message(ev) && in.msg == nullptr) {
        out.reason = Reason::UnexpectedEvent;
        return out;
    }
    for (const auto& t : kTable) {
        if (t.from != state || t.on != ev || !t.guard(c)) continue;
        t.action(c);
        out.next = t.to;
        return out;
    }
    out.reason = is_ignored(state, ev) ? Reason::None : Reason::UnexpectedEvent;
    return out;
}

}  // namespace vpnsim::ike::v1
