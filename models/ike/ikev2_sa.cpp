#include "models/ike/ikev2_sa.hpp"
#include "models/ike/ikev2_detail.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>

namespace vpnsim::ike {
namespace {

using namespace detail;

// RFC 7296 §2.23: NAT_DETECTION_SOURCE_IP hashes the sender's address as it sent it;
// NAT_DETECTION_DESTINATION_IP the address it sent to. SPIr is zero in the request.
void add_natd(const Ctx& c, Message& m, net::Ipv4Addr peer, std::uint16_t peer_port) {
    if (!c.cfg.nat_t) return;
    // A forced encapsulation hashes a port no packet of ours carries (0), so the peer's check
    // fails as if a NAT had rewritten our address.
    const std::uint16_t src_port = c.cfg.force_encapsulation ? 0 : c.in.local_port;
    m.notifies.push_back(
        {NotifyType::NatDetectionSourceIp, natd_hash(m.spi_i, m.spi_r, c.in.local_addr, src_port)});
    m.notifies.push_back(
        {NotifyType::NatDetectionDestinationIp, natd_hash(m.spi_i, m.spi_r, peer, peer_port)});
}

// RFC 7296 §2.23: compare the received hashes (over the SPIs of the message's own header,
// SPIr zero in the request) with the addresses actually seen. A source
// mismatch means the sender is behind a NAT; a destination mismatch means we are.
void detect_nat(Ctx& c) {
    const Message& m = c.msg();
    if (!c.cfg.nat_t || !m.has_notify(NotifyType::NatDetectionSourceIp)) return;
    const auto& a = c.in.arrival;
    for (const auto& n : m.notifies) {
        if (n.type == NotifyType::NatDetectionSourceIp) {
            c.d().peer_behind_nat = n.data != natd_hash(m.spi_i, m.spi_r, a.src, a.src_port);
        } else if (n.type == NotifyType::NatDetectionDestinationIp) {
            c.d().local_behind_nat = n.data != natd_hash(m.spi_i, m.spi_r, a.dst, a.dst_port);
        }
    }
}

// ---------------------------------------------------------------- guards

bool always(const Ctx&) {
    return true;
}
bool peer_sent_error(const Ctx& c) {
    return c.msg().error().has_value();
}
bool ike_proposal_ok(const Ctx& c) {
    return c.msg().sa && c.msg().ke && select(c.cfg.ike, *c.msg().sa).chosen.has_value();
}
// RFC 7296 §1.2: the proposal is acceptable but the KE payload is not for the group the
// responder chose.
bool init_ke_differs(const Ctx& c) {
    const auto chosen = c.msg().sa ? select(c.cfg.ike, *c.msg().sa).chosen : std::nullopt;
    return chosen && c.msg().ke && *c.msg().ke != chosen->dh;
}
// ... and the responder named a group the initiator itself offered (else there is nothing to
// retry with: the initiator gives up on the error).
bool peer_wants_init_group(const Ctx& c) {
    const auto group = c.msg().notify_data(NotifyType::InvalidKePayload);
    const auto& offered = c.cfg.ike.dh;
    return group && std::find(offered.begin(), offered.end(), *group) != offered.end() &&
           c.d().last_sent && c.d().last_sent->ke != static_cast<std::uint16_t>(*group);
}
bool can_retransmit(const Ctx& c) {
    return c.d().retransmits < c.cfg.retransmit_tries;
}
bool same_sa(const Ctx& c) {
    return c.msg().spi_i == c.d().spi_i;
}
bool peer_auth_bad(const Ctx& c) {
    const Message& m = c.msg();
    const bool peer_is_initiator = c.cfg.role == Role::Responder;
    return !m.auth || *m.auth != auth_value(c.cfg.psk, m.spi_i, m.spi_r, peer_is_initiator);
}
bool auth_response_failed(const Ctx& c) {
    return c.msg().has_notify(NotifyType::AuthenticationFailed) || peer_auth_bad(c);
}

// ---------------------------------------------------------------- initiator actions

void send_init(Ctx& c) {
    c.d().spi_i = c.in.fresh_spi;
    Message m = header(c, Exchange::IkeSaInit, false, 0);
    m.sa = c.cfg.ike;
    m.ke = c.cfg.ike.dh.empty() ? std::uint16_t{0} : c.cfg.ike.dh.front();
    add_natd(c, m, c.in.peer_addr, c.in.peer_port);
    c.d().next_message_id = 1;
    c.out.detail = text("SAi1 {} KE group {}", ProposalText(c.cfg.ike), *m.ke);
    send(c, std::move(m));
    arm(c, Timer::Retransmit, c.cfg.retransmit_timeout);
    c.out.reason = Reason::Initiated;
}

// §1.2: "the initiator ... MUST retry the IKE_SA_INIT with the corrected Diffie-Hellman
// group" -- the same request, KE for the group the responder wants, message ID 0 again.
void resend_init_with_group(Ctx& c) {
    cancel(c, Timer::Retransmit);
    const auto group =
        static_cast<std::uint16_t>(*c.msg().notify_data(NotifyType::InvalidKePayload));
    Message m = *c.d().last_sent;
    m.ke = group;
    c.d().retransmits = 0;
    c.out.reason = Reason::PeerInvalidKePayload;
    c.out.detail = text("peer wants KE group {}: IKE_SA_INIT re-sent", group);
    send(c, std::move(m));
    arm(c, Timer::Retransmit, c.cfg.retransmit_timeout);
}

void note_peer_error(Ctx& c) {
    cancel(c, Timer::Retransmit);
    const NotifyType n = *c.msg().error();
    fail(c,
         n == NotifyType::NoProposalChosen   ? Reason::PeerNoProposalChosen
         : n == NotifyType::InvalidKePayload ? Reason::PeerInvalidKePayload
                                             : Reason::PeerAuthenticationFailed,
         n);
    c.out.detail = text("received {}", to_string(n));
}

void send_auth(Ctx& c) {
    cancel(c, Timer::Retransmit);
    const Message& r = c.msg();
    c.d().spi_r = r.spi_r;
    c.d().ike_chosen = select(*r.sa, *r.sa).chosen;
    c.d().retransmits = 0;
    detect_nat(c);
    Message m = header(c, Exchange::IkeAuth, false, c.d().next_message_id++);
    m.id = c.cfg.local_id;
    m.auth = auth_value(c.cfg.psk, m.spi_i, m.spi_r, true);
    m.sa = c.cfg.esp;
    m.child_spi = c.in.fresh_child_spi;
    m.tsi = c.cfg.local_ts;
    m.tsr = c.cfg.remote_ts;
    c.out.detail =
        text("SAr1 {} nat local={} peer={}; IKE_AUTH TSi {} TSr {}", MaybeChosen{c.d().ike_chosen},
             c.d().local_behind_nat, c.d().peer_behind_nat, ipsec::TsText(c.cfg.local_ts),
             ipsec::TsText(c.cfg.remote_ts));
    send(c, std::move(m));
    arm(c, Timer::Retransmit, c.cfg.retransmit_timeout);
    c.out.reason = Reason::ProposalChosen;
}

void give_up(Ctx& c) {
    fail(c, Reason::RetransmitLimit, std::nullopt);
    c.out.detail = text("no response after {} retransmits", c.d().retransmits);
}

void child_failed(Ctx& c, Reason r, std::optional<NotifyType> n) {
    c.d().child_state = ChildState::Failed;
    c.d().failure = n;
    c.out.reason = r;
    emit(c, Action::Kind::ChildFailed);
}

void accept_auth(Ctx& c) {
    cancel(c, Timer::Retransmit);
    c.d().retransmits = 0;
    const Message& r = c.msg();
    c.out.reason = Reason::Authenticated;
    if (const auto err = r.error()) {
        child_failed(c,
                     *err == NotifyType::TsUnacceptable ? Reason::PeerTsUnacceptable
                                                        : Reason::PeerNoProposalChosen,
                     err);
        c.out.detail = text("IKE SA up; CHILD_SA refused: {}", to_string(*err));
        create_next_child(c);  // §1.3.1: the other proxy-ID pairs are their own CHILD_SAs
        return;
    }
    // RFC 7296 §2.9: the responder's selectors must be a subset of what we proposed.
    if (!ipsec::covered_by(r.tsi, c.cfg.local_ts) || !ipsec::covered_by(r.tsr, c.cfg.remote_ts)) {
        child_failed(c, Reason::TsNotSubset, std::nullopt);
        c.out.detail = fmt::format("responder selectors TSi {} TSr {} not within ours",
                                   ipsec::to_string(r.tsi), ipsec::to_string(r.tsr));
        create_next_child(c);
        return;
    }
    ChildSa ch{r.tsi, r.tsr, *c.d().last_sent->child_spi, r.child_spi.value_or(0),
               select(*r.sa, *r.sa, false).chosen.value_or(Chosen{})};
    c.out.detail = child_summary(ch);
    c.d().child = std::move(ch);
    c.d().child_state = ChildState::Installed;
    emit(c, Action::Kind::ChildInstalled);
    create_next_child(c);
}

// ---------------------------------------------------------------- responder actions

void reply_init(Ctx& c) {
    const Message& q = c.msg();
    c.d().spi_i = q.spi_i;
    c.d().spi_r = c.in.fresh_spi;
    c.d().ike_chosen = select(c.cfg.ike, *q.sa).chosen;
    c.d().next_message_id = 1;
    detect_nat(c);
    Message m = header(c, Exchange::IkeSaInit, true, q.message_id);
    m.sa = as_proposal(*c.d().ike_chosen);
    m.ke = c.d().ike_chosen->dh;
    if (q.has_notify(NotifyType::NatDetectionSourceIp)) {
        add_natd(c, m, c.in.arrival.src, c.in.arrival.src_port);
    }
    c.out.detail = text("chose {} nat local={} peer={}", *c.d().ike_chosen, c.d().local_behind_nat,
                        c.d().peer_behind_nat);
    send(c, std::move(m));
    arm(c, Timer::HalfOpen, c.cfg.half_open_timeout);
    c.out.reason = Reason::ProposalChosen;
}

// §1.2, §1.3: "If the responder selects a proposal with a different Diffie-Hellman group than
// the one in KEi, it MUST reject the request and indicate its preferred group in the
// INVALID_KE_PAYLOAD Notify payload." The responder keeps no state: the retry starts afresh.
void reply_init_invalid_ke(Ctx& c) {
    const Message& q = c.msg();
    const auto group = select(c.cfg.ike, *q.sa).chosen->dh;
    c.d().spi_i = q.spi_i;
    Message m = header(c, Exchange::IkeSaInit, true, q.message_id);
    m.notifies.push_back({NotifyType::InvalidKePayload, group});
    reply(c, std::move(m));
    c.d().spi_i = 0;
    c.out.reason = Reason::InvalidKePayload;
    c.out.detail = text("KE group {} but group {} chosen: INVALID_KE_PAYLOAD", *q.ke, group);
}

void reply_no_proposal(Ctx& c) {
    const Message& q = c.msg();
    const Selection s =
        q.sa ? select(c.cfg.ike, *q.sa) : Selection{std::nullopt, Mismatch::DhGroup};
    c.d().spi_i = q.spi_i;
    c.d().mismatch = s.mismatch;
    Message m = header(c, Exchange::IkeSaInit, true, q.message_id);
    m.notifies.push_back({NotifyType::NoProposalChosen, 0});
    send(c, std::move(m));
    fail(c, Reason::NoProposalChosen, NotifyType::NoProposalChosen);
    c.out.detail = fmt::format("no common {} transform: offered {}", to_string(s.mismatch),
                               q.sa ? to_string(*q.sa) : "nothing");
}

void resend_response(Ctx& c) {
    emit(c, Action{Action::Kind::Send, *c.d().last_sent, Timer::Retransmit, {}});
    c.out.reason = Reason::DuplicateRequest;
}

void reply_auth_failed(Ctx& c) {
    cancel(c, Timer::HalfOpen);
    Message m = header(c, Exchange::IkeAuth, true, c.msg().message_id);
    m.notifies.push_back({NotifyType::AuthenticationFailed, 0});
    send(c, std::move(m));
    fail(c, Reason::AuthenticationFailed, NotifyType::AuthenticationFailed);
    c.out.detail = "AUTH payload does not verify with our pre-shared key";
}

// RFC 7296 §1.2 + §2.9: authenticate, then create the CHILD_SA from the narrowed selectors.
void reply_auth(Ctx& c) {
    cancel(c, Timer::HalfOpen);
    c.d().next_message_id = 0;  // §2.2: our own requests count from 0
    const Message& q = c.msg();
    Message m = header(c, Exchange::IkeAuth, true, q.message_id);
    m.id = c.cfg.local_id;
    m.auth = auth_value(c.cfg.psk, q.spi_i, q.spi_r, false);
    c.out.reason = Reason::Authenticated;
    const Selection esp = q.sa ? select(c.cfg.esp, *q.sa, false) : Selection{};
    // TSi is the initiator's (remote) side, TSr ours; each is narrowed to our policy.
    ipsec::TsList tsi = ipsec::narrow(q.tsi, c.cfg.remote_ts);
    ipsec::TsList tsr = ipsec::narrow(q.tsr, c.cfg.local_ts);
    if (!esp.chosen) {
        c.d().mismatch = esp.mismatch;
        m.notifies.push_back({NotifyType::NoProposalChosen, 0});
        child_failed(c, Reason::NoProposalChosen, NotifyType::NoProposalChosen);
        c.out.detail = text("CHILD_SA: no common {} transform", to_string(esp.mismatch));
    } else if (tsi.empty() || tsr.empty()) {
        m.notifies.push_back({NotifyType::TsUnacceptable, 0});
        child_failed(c, Reason::TsUnacceptable, NotifyType::TsUnacceptable);
        c.out.detail =
            fmt::format("CHILD_SA: proposed TSi {} TSr {} outside policy {} <=> {}",
                        ipsec::to_string(q.tsi), ipsec::to_string(q.tsr),
                        ipsec::to_string(c.cfg.remote_ts), ipsec::to_string(c.cfg.local_ts));
    } else {
        m.sa = as_proposal(*esp.chosen);
        m.child_spi = c.in.fresh_child_spi;
        m.tsi = tsi;
        m.tsr = tsr;
        // The narrowed lists are copied into the response, then moved into the CHILD_SA.
        ChildSa ch{std::move(tsr), std::move(tsi), c.in.fresh_child_spi, q.child_spi.value_or(0),
                   *esp.chosen};
        c.out.detail = child_summary(ch);
        c.d().child = std::move(ch);
        c.d().child_state = ChildState::Installed;
        emit(c, Action::Kind::ChildInstalled);
    }
    send(c, std::move(m));
}

void half_open_timeout(Ctx& c) {
    fail(c, Reason::HalfOpenTimeout, std::nullopt);
    c.out.detail = "deleting un-established IKE SA";
}

// ---------------------------------------------------------------- the table

void nothing(Ctx&) {}

// RFC 7296 §2.2: "If a responder receives a request with the same Message ID as the last
// request it answered, it retransmits that response" -- on the same IKE SA.
bool duplicate_request(const Ctx& c) {
    const auto& r = c.d().last_reply;
    return r && r->spi_i == c.msg().spi_i && r->spi_r == c.msg().spi_r &&
           r->message_id == c.msg().message_id;
}
// §2.2: a response is matched to the outstanding request by its Message ID; one that answers
// no outstanding request (a late duplicate) is discarded, never acted on a second time.
bool stale_response(const Ctx& c) {
    return !answers_pending(c);
}
void discard_stale_response(Ctx& c) {
    c.out.reason = Reason::StaleResponse;
    c.out.detail = DeferredText::format("response to Message ID {} answers no outstanding request",
                                        c.msg().message_id);
}

void resend_last_reply(Ctx& c) {
    reply(c, *c.d().last_reply);
    c.out.reason = Reason::DuplicateRequest;
    c.out.detail = "request retransmitted: the same answer again (§2.2)";
}
// Keeps the answer to a request on the established SA for its retransmissions.
void remember_reply(const Input& in, StepResult& out) {
    if (in.event != IkeEvent::RecvCreateChildRequest && in.event != IkeEvent::RecvInfoRequest) {
        return;
    }
    for (auto a = out.actions.rbegin(); a != out.actions.rend(); ++a) {
        if (a->kind == Action::Kind::Send && a->msg.response) {
            out.data.last_reply = a->msg;
            return;
        }
    }
}

struct Transition {
    IkeState from;
    IkeEvent on;
    Guard guard;
    IkeState to;
    Act action;
};

using S = IkeState;
using E = IkeEvent;
// Rows are tried in order; the first whose guard holds fires.
// clang-format off
constexpr std::array kTable{
//  from            event                      guard                 to              action
    Transition{S::Idle,        E::Start,                  always,               S::InitSent,    send_init},
    Transition{S::Idle,        E::RecvInitRequest,        init_ke_differs,      S::Idle,        reply_init_invalid_ke},
    Transition{S::Idle,        E::RecvInitRequest,        ike_proposal_ok,      S::InitReplied, reply_init},
    Transition{S::Idle,        E::RecvInitRequest,        always,               S::Failed,      reply_no_proposal},
    Transition{S::InitSent,    E::RecvInitResponse,       peer_wants_init_group, S::InitSent,   resend_init_with_group},
    Transition{S::InitSent,    E::RecvInitResponse,       peer_sent_error,      S::Failed,      note_peer_error},
    Transition{S::InitSent,    E::RecvInitResponse,       always,               S::AuthSent,    send_auth},
    Transition{S::InitSent,    E::RetransmitTimerExpires, can_retransmit,       S::InitSent,    retransmit},
    Transition{S::InitSent,    E::RetransmitTimerExpires, always,               S::Failed,      give_up},
    Transition{S::InitReplied, E::RecvInitRequest,        same_sa,              S::InitReplied, resend_response},
    Transition{S::InitReplied, E::RecvAuthRequest,        peer_auth_bad,        S::Failed,      reply_auth_failed},
    Transition{S::InitReplied, E::RecvAuthRequest,        always,               S::Established, reply_auth},
    Transition{S::InitReplied, E::HalfOpenTimerExpires,   always,               S::Failed,      half_open_timeout},
    Transition{S::AuthSent,    E::RecvAuthResponse,       auth_response_failed, S::Failed,      note_peer_error},
    Transition{S::AuthSent,    E::RecvAuthResponse,       always,               S::Established, accept_auth},
    Transition{S::AuthSent,    E::RetransmitTimerExpires, can_retransmit,       S::AuthSent,    retransmit},
    Transition{S::AuthSent,    E::RetransmitTimerExpires, always,               S::Failed,      give_up},
    Transition{S::Established, E::RecvAuthRequest,        same_sa,              S::Established, resend_response},
    // After IKE_AUTH -- ikev2_info.cpp (§1.4, §2.4), ikev2_child.cpp (§1.3.3, §2.8) and
    // ikev2_ike_rekey.cpp (§1.3.2, §2.8.2, §2.18). For each message, the rows for an IKE SA
    // being rekeyed or retired come before the ordinary ones.
    Transition{S::Established, E::LivenessCheckDue,       pending_request,      S::Established, nothing},
    Transition{S::Established, E::LivenessCheckDue,       always,               S::Established, send_liveness_check},
    Transition{S::Established, E::RetransmitTimerExpires, dpd_exhausted,        S::Failed,      declare_peer_dead},
    Transition{S::Established, E::RetransmitTimerExpires, pending_dpd,          S::Established, resend_liveness_check},
    Transition{S::Established, E::RetransmitTimerExpires, delete_ike_exhausted, S::Established, give_up_retired_ike},
    Transition{S::Established, E::RetransmitTimerExpires, request_exhausted,    S::Failed,      request_timed_out},
    Transition{S::Established, E::RetransmitTimerExpires, pending_request,      S::Established, retransmit},
    Transition{S::Established, E::RecvInfoRequest,        duplicate_request,    S::Established, resend_last_reply},
    Transition{S::Established, E::RecvInfoRequest,        deletes_retired_ike_sa, S::Established, peer_deleted_retired_ike},
    Transition{S::Established, E::RecvInfoRequest,        on_retired_sa,        S::Established, answer_informational},
    Transition{S::Established, E::RecvInfoRequest,        deletes_ike_sa_being_rekeyed, S::Established, adopt_peer_ike_sa},
    Transition{S::Established, E::RecvInfoRequest,        deletes_ike_sa,       S::Failed,      peer_deleted_ike_sa},
    Transition{S::Established, E::RecvInfoRequest,        always,               S::Established, answer_informational},
    Transition{S::Established, E::RecvInfoResponse,       stale_response,       S::Established, discard_stale_response},
    Transition{S::Established, E::RecvInfoResponse,       delete_ike_answered,  S::Established, note_retired_ike_deleted},
    Transition{S::Established, E::RecvInfoResponse,       pending_dpd,          S::Established, note_peer_alive},
    Transition{S::Established, E::RecvInfoResponse,       pending_delete,       S::Established, note_old_child_deleted},
    Transition{S::Established, E::RekeyChildDue,          rekey_in_flight,      S::Established, nothing},
    Transition{S::Established, E::RekeyChildDue,          first_child_due,      S::Established, send_rekey},
    Transition{S::Established, E::RekeyChildDue,          further_child_due,    S::Established, send_rekey},
    // IKE SA rekey -- ikev2_ike_rekey.cpp (§1.3.2, §2.8.2, §2.18, §2.25.2)
    Transition{S::Established, E::RecvCreateChildRequest, duplicate_request,    S::Established, resend_last_reply},
    Transition{S::Established, E::RecvCreateChildRequest, duplicate_ike_rekey,  S::Established, resend_ike_rekey_reply},
    Transition{S::Established, E::RecvCreateChildRequest, on_retired_sa,        S::Established, answer_closing_sa},
    Transition{S::Established, E::RecvCreateChildRequest, ike_rekey_proposal_bad, S::Established, answer_ike_rekey_no_proposal},
    Transition{S::Established, E::RecvCreateChildRequest, ike_rekey_ke_differs, S::Established, answer_ike_rekey_invalid_ke},
    Transition{S::Established, E::RecvCreateChildRequest, ike_rekeys_cross,     S::Established, answer_ike_rekey_collision},
    Transition{S::Established, E::RecvCreateChildRequest, ike_rekey_while_busy, S::Established, answer_ike_rekey_busy},
    Transition{S::Established, E::RecvCreateChildRequest, ike_rekey_request,    S::Established, answer_ike_rekey},
    Transition{S::Established, E::RecvCreateChildRequest, pending_ike_rekey,    S::Established, answer_rekey_collision},
    Transition{S::Established, E::RecvCreateChildRequest, creates_new_child,    S::Established, answer_new_child},
    Transition{S::Established, E::RecvCreateChildRequest, pending_rekey,        S::Established, answer_rekey_collision},
    Transition{S::Established, E::RecvCreateChildRequest, names_unknown_child,  S::Established, answer_child_not_found},
    Transition{S::Established, E::RecvCreateChildRequest, child_proposal_bad,   S::Established, answer_rekey_no_proposal},
    Transition{S::Established, E::RecvCreateChildRequest, ke_group_differs,     S::Established, answer_invalid_ke},
    Transition{S::Established, E::RecvCreateChildRequest, always,               S::Established, answer_rekey},
    Transition{S::Established, E::RecvCreateChildResponse, stale_response,      S::Established, discard_stale_response},
    Transition{S::Established, E::RecvCreateChildResponse, peer_wants_other_group, S::Established, resend_rekey_with_group},
    Transition{S::Established, E::RecvCreateChildResponse, ike_rekey_refused_in_collision, S::Established, abandon_ike_rekey},
    Transition{S::Established, E::RecvCreateChildResponse, ike_rekey_refused,   S::Established, note_ike_rekey_refused},
    Transition{S::Established, E::RecvCreateChildResponse, ike_rekey_collided,  S::Established, settle_ike_rekey_collision},
    Transition{S::Established, E::RecvCreateChildResponse, ike_rekey_answered,  S::Established, install_rekeyed_ike},
    Transition{S::Established, E::RecvCreateChildResponse, pending_create,      S::Established, install_created_child},
    Transition{S::Established, E::RecvCreateChildResponse, rekey_refused,       S::Established, note_rekey_refused},
    Transition{S::Established, E::RecvCreateChildResponse, pending_rekey,       S::Established, install_rekeyed_child},
    // RFC 4301 §5.2: traffic for a proxy-ID pair with no CHILD_SA -- ikev2_child_create.cpp
    Transition{S::Established, E::ChildWanted,            busy,                 S::Established, nothing},
    Transition{S::Established, E::ChildWanted,            always,               S::Established, create_wanted_child},
    Transition{S::Established, E::ChildExpired,           first_child_due,      S::Established, expire_child},
    Transition{S::Established, E::ChildExpired,           further_child_due,    S::Established, expire_further_child},
    Transition{S::Established, E::RekeyIkeDue,            busy,                 S::Established, nothing},
    Transition{S::Established, E::RekeyIkeDue,            always,               S::Established, send_ike_rekey},
    Transition{S::Established, E::IkeExpired,             always,               S::Failed,      expire_ike_sa},
};
// clang-format on

// Pairs that are expected and harmless: late timers, duplicate responses to retransmits,
// lifetime events for a CHILD_SA that is already gone, traffic for an SA that has ended, and
// the responder's first requests (a rekey, a liveness check) reaching an initiator whose
// IKE_AUTH response was lost: it cannot answer on an SA it has not authenticated, and the
// responder retransmits (§2.1).
// clang-format off
constexpr std::array kIgnored{
    std::pair{S::Established, E::HalfOpenTimerExpires},   std::pair{S::Established, E::RecvInitResponse},
    std::pair{S::Established, E::RecvAuthResponse},       std::pair{S::AuthSent, E::RecvInitResponse},
    std::pair{S::Failed, E::RetransmitTimerExpires},      std::pair{S::Failed, E::HalfOpenTimerExpires},
    std::pair{S::InitReplied, E::RetransmitTimerExpires}, std::pair{S::Idle, E::RetransmitTimerExpires},
    std::pair{S::Idle, E::HalfOpenTimerExpires},          std::pair{S::Established, E::RetransmitTimerExpires},
    std::pair{S::Established, E::RecvInfoResponse},       std::pair{S::Established, E::RecvCreateChildResponse},
    std::pair{S::Established, E::RekeyChildDue},          std::pair{S::Established, E::ChildExpired},
    std::pair{S::Failed, E::LivenessCheckDue},            std::pair{S::Failed, E::RekeyChildDue},
    std::pair{S::Failed, E::ChildExpired},                std::pair{S::Failed, E::RecvInfoResponse},
    std::pair{S::Failed, E::RecvCreateChildResponse},     std::pair{S::Idle, E::LivenessCheckDue},
    std::pair{S::Idle, E::RekeyChildDue},                 std::pair{S::Idle, E::ChildExpired},
    std::pair{S::Idle, E::RekeyIkeDue},                   std::pair{S::Idle, E::IkeExpired},
    std::pair{S::AuthSent, E::RecvCreateChildRequest},    std::pair{S::AuthSent, E::RecvInfoRequest},
    std::pair{S::Failed, E::RekeyIkeDue},                 std::pair{S::Failed, E::IkeExpired},
    std::pair{S::Idle, E::ChildWanted},                   std::pair{S::Failed, E::ChildWanted},
    std::pair{S::InitSent, E::ChildWanted},               std::pair{S::AuthSent, E::ChildWanted},
    std::pair{S::InitReplied, E::ChildWanted},
};
// clang-format on

}  // namespace

IkeEvent classify(const Message& m) {
    switch (m.exchange) {
        case Exchange::IkeSaInit:
            return m.response ? IkeEvent::RecvInitResponse : IkeEvent::RecvInitRequest;
        case Exchange::IkeAuth:
            return m.response ? IkeEvent::RecvAuthResponse : IkeEvent::RecvAuthRequest;
        case Exchange::CreateChildSa:
            return m.response ? IkeEvent::RecvCreateChildResponse
                              : IkeEvent::RecvCreateChildRequest;
        case Exchange::Informational:
            return m.response ? IkeEvent::RecvInfoResponse : IkeEvent::RecvInfoRequest;
        case Exchange::MainMode:
        case Exchange::AggressiveMode:
        case Exchange::QuickMode:
        case Exchange::InformationalV1:
            break;  // IKEv1: ikev1_sa.hpp v1::classify()
    }
    return IkeEvent::RecvInfoRequest;
}

bool knows_sa(const Data& d, const Message& m) {
    if (m.spi_i == d.spi_i) return true;
    return std::any_of(d.retired_ike.begin(), d.retired_ike.end(),
                       [&](const RetiredIkeSa& s) { return s.spi_i == m.spi_i; });
}

bool is_ignored(IkeState s, IkeEvent e) {
    return std::find(kIgnored.begin(), kIgnored.end(), std::pair{s, e}) != kIgnored.end();
}

bool has_row(IkeState s, IkeEvent e) {
    return std::any_of(kTable.begin(), kTable.end(),
                       [&](const Transition& t) { return t.from == s && t.on == e; });
}

bool carries_message(IkeEvent e) {
    switch (e) {
        case IkeEvent::RecvInitRequest:
        case IkeEvent::RecvInitResponse:
        case IkeEvent::RecvAuthRequest:
        case IkeEvent::RecvAuthResponse:
        case IkeEvent::RecvInfoRequest:
        case IkeEvent::RecvInfoResponse:
        case IkeEvent::RecvCreateChildRequest:
        case IkeEvent::RecvCreateChildResponse:
            return true;
        case IkeEvent::Start:
        case IkeEvent::ChildWanted:
        case IkeEvent::RetransmitTimerExpires:
        case IkeEvent::HalfOpenTimerExpires:
        case IkeEvent::LivenessCheckDue:
        case IkeEvent::RekeyChildDue:
        case IkeEvent::ChildExpired:
        case IkeEvent::RekeyIkeDue:
        case IkeEvent::IkeExpired:
            return false;
    }
    return false;
}

StepResult step(const Config& cfg, Data data, IkeState state, const Input& in) {
    // Default-initialised, then filled in: g++ zero-fills a braced StepResult{...} (1.5 KB)
    // before constructing its members.
    StepResult out;
    out.next = state;
    out.data = std::move(data);
    out.actions.reserve(4);  // a step emits at most a few (cancel, send, arm, install)
    Ctx c{cfg, in, out};
    if (carries_message(in.event) && in.msg == nullptr) {
        out.reason = Reason::UnexpectedEvent;
        return out;
    }
    for (const auto& t : kTable) {
        if (t.from != state || t.on != in.event || !t.guard(c)) continue;
        t.action(c);
        out.next = t.to;
        if (out.next == IkeState::Established) send_owed_delete(c);
        if (state == IkeState::Established) remember_reply(in, out);
        return out;
    }
    out.reason = is_ignored(state, in.event) ? Reason::None : Reason::UnexpectedEvent;
    return out;
}

}  // namespace vpnsim::ike
