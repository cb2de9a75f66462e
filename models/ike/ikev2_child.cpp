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
// A policy-based CGW's further CHILD_SAs (Data::more_children, ikev2_child_create.cpp) are
// rekeyed and expired the same way, one exchange at a time (§2.3): Input::child_spi names the
// SA whose timer fired, REKEY_SA names it to the peer, and the responder looks the SPI up in
// `child` and `more_children` (§1.3.3: none of ours -> CHILD_SA_NOT_FOUND). The new SA takes
// the old one's place in more_children, so the RFC 4301 §5.1 SPD order never changes; the old
// one waits in old_more_children for its Delete.
#include <fmt/format.h>

#include <algorithm>
#include <utility>

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

ChildSa* further_by_in(Data& d, std::uint32_t spi_in) {
    for (auto& ch : d.more_children) {
        if (spi_in != 0 && ch.spi_in == spi_in) return &ch;
    }
    return nullptr;
}

ChildSa* further_by_out(Data& d, std::uint32_t spi_out) {
    for (auto& ch : d.more_children) {
        if (ch.spi_out == spi_out) return &ch;
    }
    return nullptr;
}

// The further CHILD_SA a REKEY_SA notify names: the peer names its inbound SPI, our outbound.
ChildSa* rekeyed_further(const Ctx& c) {
    const auto spi = c.msg().notify_data(NotifyType::RekeySa);
    if (!spi || (c.d().child && c.d().child->spi_out == *spi)) return nullptr;
    return further_by_out(c.d(), static_cast<std::uint32_t>(*spi));
}

}  // namespace

void send_delete_child(Ctx& c, std::uint32_t spi_in) {
    Message m = header(c, Exchange::Informational, false, c.d().next_message_id++);
    m.del = DeletePayload{false, {spi_in}};
    c.d().pending = Pending::DeleteChild;
    c.d().retransmits = 0;
    send(c, std::move(m));
    arm(c, Timer::Retransmit, c.cfg.retransmit_timeout);
}

bool has_child(const Ctx& c) {
    return c.d().child.has_value();
}
// RekeyChildDue / ChildExpired for Data::child (Input::child_spi 0) ...
bool first_child_due(const Ctx& c) {
    return c.in.child_spi == 0 && has_child(c);
}
// ... or for one of the further CHILD_SAs (§1.3.1) still installed.
bool further_child_due(const Ctx& c) {
    return further_by_in(c.d(), c.in.child_spi) != nullptr;
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
// §1.3.3: REKEY_SA must name a CHILD_SA of ours: the first one or a further one.
bool names_unknown_child(const Ctx& c) {
    const auto spi = c.msg().notify_data(NotifyType::RekeySa);
    if (!spi) return true;
    if (c.d().child && *spi == c.d().child->spi_out) return false;
    return rekeyed_further(c) == nullptr;
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

// §1.3.3: rekey the CHILD_SA at its soft lifetime (Input::child_spi: which one).
void send_rekey(Ctx& c) {
    const ChildSa* further = further_by_in(c.d(), c.in.child_spi);
    const ChildSa& old = further ? *further : *c.d().child;
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
    if (further) {
        append(c.out.detail,
               fmt::format("; further CHILD_SA {} <=> {}", ipsec::to_string(old.local_ts),
                           ipsec::to_string(old.remote_ts)));
    }
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
    // TSi is the initiator's side, TSr ours, narrowed to our policy as in IKE_AUTH (§2.9). A
    // further CHILD_SA's policy is its own proxy-ID pair: the selectors of the SA it replaces
    // (a policy-based CGW answering AWS's rekey of it; AWS's 0.0.0.0/0 holds them anyway).
    const ChildSa* further = rekeyed_further(c);
    const ipsec::TsList tsi = ipsec::narrow(q.tsi, further ? further->remote_ts : c.cfg.remote_ts);
    const ipsec::TsList tsr = ipsec::narrow(q.tsr, further ? further->local_ts : c.cfg.local_ts);
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
    if (ChildSa* old = rekeyed_further(c)) {
        // The new SA takes the old one's SPD position (RFC 4301 §5.1); the old one stays
        // inbound until the initiator's Delete (§2.8).
        c.out.detail = fmt::format("new {} replaces further CHILD_SA spi_in 0x{:08x}",
                                   child_summary(ch).str(), old->spi_in);
        c.d().old_more_children.push_back(std::exchange(*old, std::move(ch)));
        return;
    }
    c.out.detail = fmt::format("new {} replaces spi_in 0x{:08x}", child_summary(ch).str(),
                               c.d().child->spi_in);
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
    const auto named =
        static_cast<std::uint32_t>(c.d().last_sent->notify_data(NotifyType::RekeySa).value_or(0));
    if (ChildSa* further = further_by_in(c.d(), named)) {
        // A further CHILD_SA: replaced in place (RFC 4301 §5.1 order), the old one deleted.
        append(c.out.detail, fmt::format("; further CHILD_SA, Delete old spi_in 0x{:08x}", named));
        c.d().old_more_children.push_back(std::exchange(*further, std::move(ch)));
        send_delete_child(c, named);
        return;
    }
    if (c.d().child && c.d().child->spi_in != named) {
        // The further SA we rekeyed went (expired or deleted) while the rekey was in flight:
        // the new one is a further CHILD_SA of its own, last in order.
        append(c.out.detail, "; the rekeyed further CHILD_SA is gone: added last");
        c.d().more_children.push_back(std::move(ch));
        emit(c, Action::Kind::ChildAdded);
        return;
    }
    std::optional<ChildSa> old = std::move(c.d().child);
    c.d().child = std::move(ch);
    c.d().child_state = ChildState::Installed;
    if (!old) {
        emit(c, Action::Kind::ChildInstalled);
        return;
    }
    append(c.out.detail, fmt::format("; Delete old spi_in 0x{:08x}", old->spi_in));
    const auto old_spi = old->spi_in;
    c.d().old_child = std::move(old);
    emit(c, Action::Kind::ChildRekeyed);
    send_delete_child(c, old_spi);
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
    if (c.d().pending == Pending::None) send_delete_child(c, old.spi_in);
}

// A further CHILD_SA's hard lifetime ran out (§2.8): it alone is removed, the IKE SA and the
// other CHILD_SAs stay; the peer is told when no other request is in flight.
void expire_further_child(Ctx& c) {
    auto& more = c.d().more_children;
    const auto it = std::find_if(more.begin(), more.end(),
                                 [&](const ChildSa& ch) { return ch.spi_in == c.in.child_spi; });
    const ChildSa old = *it;
    more.erase(it);
    c.out.reason = Reason::ChildExpired;
    c.out.detail = fmt::format(
        "hard lifetime reached: further CHILD_SA spi_in 0x{:08x} spi_out 0x{:08x} removed",
        old.spi_in, old.spi_out);
    if (c.d().pending == Pending::None) send_delete_child(c, old.spi_in);
}

}  // namespace vpnsim::ike::detail
