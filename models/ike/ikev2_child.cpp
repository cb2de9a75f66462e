// DOC: CHILD_SA rekey with CREATE_CHILD_SA (RFC 7296 §1.3.3, §2.8) and CHILD_SA expiry.
// Make-before-break: the request carries SA, Ni, [KEi], TSi, TSr and a REKEY_SA notify naming
// the SA it replaces; the responder installs the new SA when it answers, the initiator when
// the answer arrives and then deletes the old SA with an INFORMATIONAL Delete (§1.4.1). Until
// that Delete completes both ends accept inbound ESP on the old and the new SPI, so traffic --
// BGP included -- never stops while both sides are healthy.
// PFS (§1.3.3 "KEi"): when phase 2 DH groups are configured the request carries KE and the
// groups are negotiated like any transform; a group mismatch is NO_PROPOSAL_CHOSEN, which
// fails only this CHILD_SA: the IKE SA and the old CHILD_SA stay up until the old one expires
// (aws-facts.md: "PFS group mismatch in Phase 2 fails the CHILD_SA while the IKE SA stays up").
// Collisions (§2.8.1) are simplified: a rekey request that crosses our own is answered with
// TEMPORARY_FAILURE (§2.25) and each side retries after a randomised delay chosen by its
// adapter. Not modelled for CHILD_SAs: the nonce comparison (the IKE SA's own rekey uses it,
// ikev2_ike_rekey.cpp).
#include <fmt/format.h>

#include "models/ike/ikev2_detail.hpp"

namespace vpnsim::ike::detail {
namespace {

// PFS is negotiated when either side asks for it; a side without groups then matches nothing.
bool wants_pfs(const Config& cfg, const Message& m) {
    return m.ke.has_value() || !cfg.esp.dh.empty();
}

Selection child_selection(const Ctx& c) {
    const Message& q = c.msg();
    if (!q.sa) return Selection{std::nullopt, Mismatch::Encryption};
    return select(c.cfg.esp, *q.sa, wants_pfs(c.cfg, q));
}

void answer_error(Ctx& c, NotifyType n) {
    Message m = reply_header(c, Exchange::CreateChildSa);
    m.notifies.push_back({n, 0});
    reply(c, std::move(m));
    c.d().failure = n;
}

void send_delete_old(Ctx& c, std::uint32_t spi_in) {
    Message m = header(c, Exchange::Informational, false, c.d().next_message_id++);
    m.del = DeletePayload{false, {spi_in}};
    c.d().pending = Pending::DeleteChild;
    c.d().retransmits = 0;
    send(c, std::move(m));
    arm(c, Timer::Retransmit, c.cfg.retransmit_timeout);
}

}  // namespace

bool has_child(const Ctx& c) {
    return c.d().child.has_value();
}
bool pending_rekey(const Ctx& c) {
    return c.d().pending == Pending::RekeyChild;
}
// §1.3.2: while the IKE SA is being rekeyed no new CREATE_CHILD_SA exchange starts on it.
bool rekey_in_flight(const Ctx& c) {
    return c.d().busy();
}
bool rekey_refused(const Ctx& c) {
    return pending_rekey(c) && c.msg().error().has_value();
}
bool names_unknown_child(const Ctx& c) {
    const auto spi = c.msg().notify_data(NotifyType::RekeySa);
    return !c.d().child || !spi || *spi != c.d().child->spi_out;
}
bool child_proposal_bad(const Ctx& c) {
    return !child_selection(c).chosen.has_value();
}
bool ke_group_differs(const Ctx& c) {
    const auto chosen = child_selection(c).chosen;
    return chosen && c.msg().ke && *c.msg().ke != chosen->dh;
}
bool peer_wants_other_group(const Ctx& c) {
    const bool rekeying = pending_rekey(c) || c.d().pending == Pending::RekeyIke;
    return rekeying && c.msg().has_notify(NotifyType::InvalidKePayload);
}

// §1.3.3: "If the responder selects a proposal with a different DH group than the one in KEi,
// it MUST reject the request and indicate its preferred DH group in the INVALID_KE_PAYLOAD".
void answer_invalid_ke(Ctx& c) {
    const auto group = child_selection(c).chosen->dh;
    Message m = reply_header(c, Exchange::CreateChildSa);
    m.notifies.push_back({NotifyType::InvalidKePayload, group});
    reply(c, std::move(m));
    c.out.reason = Reason::InvalidKePayload;
    c.out.detail =
        fmt::format("KE group {} but group {} chosen: INVALID_KE_PAYLOAD", *c.msg().ke, group);
}

// ... and the initiator retries with KE for that group (§1.3.3, §2.7); an IKE SA rekey
// (§1.3.2) the same way.
void resend_rekey_with_group(Ctx& c) {
    cancel(c, Timer::Retransmit);
    const auto group =
        static_cast<std::uint16_t>(c.msg().notify_data(NotifyType::InvalidKePayload).value_or(0));
    Message m = *c.d().last_sent;
    m.ke = group;
    m.message_id = c.d().next_message_id++;
    c.d().retransmits = 0;
    c.out.reason = Reason::PeerInvalidKePayload;
    c.out.detail = fmt::format("peer wants KE group {}: CREATE_CHILD_SA re-sent", group);
    send(c, std::move(m));
    arm(c, Timer::Retransmit, c.cfg.retransmit_timeout);
}

// §1.3.3: rekey the CHILD_SA at its soft lifetime.
void send_rekey(Ctx& c) {
    const ChildSa& old = *c.d().child;
    Message m = header(c, Exchange::CreateChildSa, false, c.d().next_message_id++);
    m.sa = c.cfg.esp;
    if (!c.cfg.esp.dh.empty()) m.ke = c.cfg.esp.dh.front();
    m.child_spi = c.in.fresh_child_spi;
    m.notifies.push_back({NotifyType::RekeySa, old.spi_in});
    m.tsi = old.local_ts;
    m.tsr = old.remote_ts;
    c.d().pending = Pending::RekeyChild;
    c.d().retransmits = 0;
    c.out.reason = Reason::RekeyInitiated;
    c.out.detail = fmt::format("REKEY_SA 0x{:08x}: SA {} {}", old.spi_in, to_string(c.cfg.esp),
                               m.ke ? fmt::format("KE group {}", *m.ke) : "no KE (no PFS)");
    send(c, std::move(m));
    arm(c, Timer::Retransmit, c.cfg.retransmit_timeout);
}

void answer_rekey_collision(Ctx& c) {
    answer_error(c, NotifyType::TemporaryFailure);
    c.out.reason = Reason::RekeyCollision;
    c.out.detail = "peer's CREATE_CHILD_SA crosses our own rekey: TEMPORARY_FAILURE";
}

void answer_child_not_found(Ctx& c) {
    answer_error(c, NotifyType::ChildSaNotFound);
    c.out.reason = Reason::RekeyRefused;
    c.out.detail = "REKEY_SA names no CHILD_SA of ours: CHILD_SA_NOT_FOUND";
}

void answer_rekey_no_proposal(Ctx& c) {
    const Selection s = child_selection(c);
    c.d().mismatch = s.mismatch;
    answer_error(c, NotifyType::NoProposalChosen);
    c.out.reason = Reason::NoProposalChosen;
    const Message& q = c.msg();
    c.out.detail = fmt::format("CREATE_CHILD_SA: no common {} transform: offered {} KE {}",
                               to_string(s.mismatch), q.sa ? to_string(*q.sa) : "nothing",
                               q.ke ? fmt::format("group {}", *q.ke) : "none");
}

void answer_rekey(Ctx& c) {
    const Message& q = c.msg();
    const Chosen chosen = *child_selection(c).chosen;
    // TSi is the initiator's side, TSr ours, narrowed to our policy as in IKE_AUTH (§2.9).
    const ipsec::TsList tsi = ipsec::narrow(q.tsi, c.cfg.remote_ts);
    const ipsec::TsList tsr = ipsec::narrow(q.tsr, c.cfg.local_ts);
    if (tsi.empty() || tsr.empty()) {
        answer_error(c, NotifyType::TsUnacceptable);
        c.out.reason = Reason::TsUnacceptable;
        c.out.detail = "CREATE_CHILD_SA: proposed selectors outside policy";
        return;
    }
    ChildSa ch{tsr, tsi, c.in.fresh_child_spi, q.child_spi.value_or(0), chosen};
    Message m = reply_header(c, Exchange::CreateChildSa);
    m.sa = as_proposal(chosen);
    if (chosen.dh != 0) m.ke = chosen.dh;
    m.child_spi = ch.spi_in;
    m.tsi = tsi;
    m.tsr = tsr;
    reply(c, std::move(m));
    c.out.reason = Reason::ChildRekeyed;
    c.out.detail =
        fmt::format("new {} replaces spi_in 0x{:08x}", child_summary(ch), c.d().child->spi_in);
    c.d().old_child = std::move(c.d().child);
    c.d().child = std::move(ch);
    emit(c, Action::Kind::ChildRekeyed);
}

void note_rekey_refused(Ctx& c) {
    cancel(c, Timer::Retransmit);
    c.d().pending = Pending::None;
    const NotifyType n = *c.msg().error();
    c.d().failure = n;
    c.out.reason =
        n == NotifyType::TemporaryFailure ? Reason::PeerTemporaryFailure : Reason::RekeyFailed;
    c.out.detail = fmt::format("CREATE_CHILD_SA answered {}; the IKE SA and the old CHILD_SA stay",
                               to_string(n));
}

void install_rekeyed_child(Ctx& c) {
    cancel(c, Timer::Retransmit);
    const Message& r = c.msg();
    c.d().pending = Pending::None;
    const bool pfs = r.ke.has_value();
    ChildSa ch{r.tsi, r.tsr, c.d().last_sent->child_spi.value_or(0), r.child_spi.value_or(0),
               r.sa ? select(*r.sa, *r.sa, pfs).chosen.value_or(Chosen{}) : Chosen{}};
    c.out.reason = Reason::ChildRekeyed;
    c.out.detail = child_summary(ch);
    std::optional<ChildSa> old = std::move(c.d().child);
    c.d().child = std::move(ch);
    c.d().child_state = ChildState::Installed;
    if (!old) {
        emit(c, Action::Kind::ChildInstalled);
        return;
    }
    c.out.detail += fmt::format("; Delete old spi_in 0x{:08x}", old->spi_in);
    const auto old_spi = old->spi_in;
    c.d().old_child = std::move(old);
    emit(c, Action::Kind::ChildRekeyed);
    send_delete_old(c, old_spi);
}

// The hard lifetime ran out before a rekey replaced the SA: it is removed (§2.8 "SAs
// expire"), and the peer is told when no other request is in flight.
void expire_child(Ctx& c) {
    const ChildSa old = *c.d().child;
    c.d().child.reset();
    c.d().child_state = ChildState::None;
    emit(c, Action::Kind::ChildDeleted);
    c.out.reason = Reason::ChildExpired;
    c.out.detail = fmt::format("hard lifetime reached: spi_in 0x{:08x} spi_out 0x{:08x} removed",
                               old.spi_in, old.spi_out);
    if (c.d().pending == Pending::None) send_delete_old(c, old.spi_in);
}

}  // namespace vpnsim::ike::detail
