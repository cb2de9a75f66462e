// IKEv1 quick modes after the first: phase 2 rekey and a policy-based device's further pairs.
// - RFC 2409 §5.5: any number of quick modes run under one phase 1 SA. The initiator of a
//   policy-based device asks for one per further proxy-ID pair (Config::more_children), one
//   at a time; a phase 2 rekey is a quick mode with the installed SA's IDs. IKEv1 has no
//   REKEY_SA notify: the responder takes a quick mode whose IDs equal its installed SA's for
//   a rekey of it (strongSwan does the same), anything else for a further SA. Make-before-
//   break: the responder installs the new SA when QM3 arrives, the initiator when QM2 does,
//   and then sends an ISAKMP Delete of the old one (RFC 2408 §3.15). The initiator keeps
//   accepting the old inbound SPI (packets sent before the peer switched may still arrive)
//   until its next rekey replaces it. A refused quick mode (INVALID_ID_INFORMATION,
//   NO_PROPOSAL_CHOSEN) fails only its own SA; a refused rekey leaves the old SA to its hard
//   lifetime. IKEv1 has no rule for phase 2 rekeys that cross; here the one whose initiator
//   chose the lower SPI goes on (as RFC 7296 §2.8.1 settles IKEv2's with nonces): its
//   initiator drops the other's QM1, whose initiator abandons its own and answers instead.
//   QM3 is not repeated by itself: the responder re-sends QM2 until it arrives (when its own
//   request does not hold the retransmission slot), the initiator repeats QM3 for a repeated
//   QM2, and the rekey initiator's Delete of the old SA installs the new one as well.
#include <fmt/format.h>

#include <utility>
#include <vector>

#include "models/ike/ikev1_detail.hpp"
#include "models/ike/ikev2_detail.hpp"

namespace vpnsim::ike::v1::detail {
namespace {

bool same_selectors(const ChildSa& a, const ChildSa& b) {
    return a.local_ts == b.local_ts && a.remote_ts == b.remote_ts;
}

ChildSa answered_sa(const Ctx& c) {
    const Message& r = c.msg();
    const Message& q1 = *c.d().last_sent;
    return ChildSa{
        q1.tsi, q1.tsr, q1.child_spi.value_or(0), r.child_spi.value_or(0),
        r.sa ? select(*r.sa, *r.sa, r.ke.has_value()).chosen.value_or(Chosen{}) : Chosen{}};
}

// RFC 2409 §5.5: the further SA (Data::more_children) with these proxy IDs, if any.
ChildSa* further_with_ids(Data& d, const ChildSa& like) {
    for (auto& ch : d.more_children) {
        if (same_selectors(ch, like)) return &ch;
    }
    return nullptr;
}
ChildSa* further_by_in(Data& d, std::uint32_t spi_in) {
    for (auto& ch : d.more_children) {
        if (spi_in != 0 && ch.spi_in == spi_in) return &ch;
    }
    return nullptr;
}

// A further SA's new SA takes the old one's place (RFC 4301 §5.1: the SPD order stays); the
// old one stays inbound in old_more_children until the peer's Delete of it (responder) or
// our next rekey of the pair (initiator), as Data::old_child does for the first SA.
void replace_further(Data& d, ChildSa& old, ChildSa fresh) {
    std::erase_if(d.old_more_children, [&](const ChildSa& o) { return same_selectors(o, old); });
    d.old_more_children.push_back(std::exchange(old, std::move(fresh)));
}

void send_qm3_for(Ctx& c) {
    Message qm3 = header(c, Exchange::QuickMode, 3, c.msg().message_id);
    c.d().qm_reply = qm3;  // re-sent if QM2 comes again (our QM3 was lost)
    emit(c, Action{Action::Kind::Send, std::move(qm3), Timer::Retransmit, {}});
}

}  // namespace

bool has_child(const Ctx& c) {
    return c.d().child.has_value();
}
// RekeyPhase2Due / Phase2Expired for Data::child (Input::child_spi 0) ...
bool first_phase2_due(const Ctx& c) {
    return c.in.child_spi == 0 && has_child(c);
}
// ... or for one of a policy-based device's further SAs still installed (RFC 2409 §5.5).
bool further_phase2_due(const Ctx& c) {
    return further_by_in(c.d(), c.in.child_spi) != nullptr;
}
// The responder's first quick mode under this phase 1 takes the QmReplied2 path (ikev1_sa.cpp).
bool first_quick_mode(const Ctx& c) {
    return !c.d().child && c.d().child_state == ChildState::None;
}
bool later_qm1_duplicate(const Ctx& c) {
    return c.d().qm_reply && c.d().qm_reply->v1_msg == 2 &&
           c.d().qm_reply->message_id == c.msg().message_id;
}
// QM2 again for a quick mode we completed: our QM3 was lost (the responder re-sent QM2).
bool qm2_duplicate(const Ctx& c) {
    return c.d().qm_reply && c.d().qm_reply->v1_msg == 3 &&
           c.d().qm_reply->message_id == c.msg().message_id;
}
bool awaiting_qm3(const Ctx& c) {
    return c.d().pending == Pending::QuickModeReply;
}
bool qm3_wait_exhausted(const Ctx& c) {
    return awaiting_qm3(c) && c.d().retransmits >= c.cfg.retransmit_tries;
}

// No QM3 after our retransmits: the later quick mode is abandoned (the installed SA stays).
void give_up_later_qm(Ctx& c) {
    c.d().next_child.reset();
    c.d().qm_reply.reset();
    c.d().pending = Pending::None;
    c.out.reason = Reason::RetransmitLimit;
    c.out.detail = fmt::format("no QM3 after {} retransmits of QM2", c.d().retransmits);
}

void resend_qm3(Ctx& c) {
    emit(c, Action{Action::Kind::Send, *c.d().qm_reply, Timer::Retransmit, {}});
    c.out.reason = Reason::DuplicateRequest;
    c.out.detail = "QM2 again: our QM3 was lost, re-sent";
}
bool later_qm3(const Ctx& c) {
    return c.d().next_child && later_qm1_duplicate(c);
}
bool pending_rekey(const Ctx& c) {
    return c.d().pending == Pending::RekeyChild;
}
bool pending_create(const Ctx& c) {
    return c.d().pending == Pending::CreateChild;
}
bool pending_child_request(const Ctx& c) {
    return pending_rekey(c) || pending_create(c);
}
bool child_request_exhausted(const Ctx& c) {
    return pending_child_request(c) && c.d().retransmits >= c.cfg.retransmit_tries;
}

// RFC 2409 §5.5: the policy-based initiator's next proxy-ID pair, once nothing is in flight.
void create_next_child(Ctx& c) {
    auto& d = c.d();
    if (d.pending != Pending::None || d.children_tried >= c.cfg.more_children.size()) return;
    const auto& pair = c.cfg.more_children.at(d.children_tried++);
    d.pending = Pending::CreateChild;
    send_quick_mode(c, pair.local_ts, pair.remote_ts);
    append(c.out.detail,
           fmt::format("; quick mode for proxy-ID pair {} of {}: IDci {} IDcr {}",
                       d.children_tried + 1, c.cfg.more_children.size() + 1,
                       ipsec::to_string(pair.local_ts), ipsec::to_string(pair.remote_ts)));
}

// RFC 4301 §5.2: outbound traffic for a pair whose SA is gone (the peer deleted it) makes a
// quick mode for it; the packet that asked is dropped.
void create_wanted_child(Ctx& c) {
    const auto& pair = *c.in.wanted;
    c.d().pending = Pending::CreateChild;
    send_quick_mode(c, pair.local_ts, pair.remote_ts);
    c.out.reason = Reason::ChildOnDemand;
    c.out.detail =
        fmt::format("quick mode on demand (traffic for a pair with no SA): IDci {} IDcr {}",
                    ipsec::to_string(pair.local_ts), ipsec::to_string(pair.remote_ts));
}

// Soft lifetime of an IPsec SA (Input::child_spi: the first or a further one): a new quick
// mode with THAT SA's proxy IDs (RFC 2409 §5.5), and PFS if configured.
void send_phase2_rekey(Ctx& c) {
    const ChildSa* further = further_by_in(c.d(), c.in.child_spi);
    const ChildSa ch = further ? *further : *c.d().child;
    c.d().pending = Pending::RekeyChild;
    send_quick_mode(c, ch.local_ts, ch.remote_ts);
    c.out.reason = Reason::RekeyInitiated;
    c.out.detail = fmt::format("phase 2 rekey of {}spi_in 0x{:08x}: quick mode IDci {} IDcr {}",
                               further ? "further SA " : "", ch.spi_in,
                               ipsec::to_string(ch.local_ts), ipsec::to_string(ch.remote_ts));
}

// A phase 2 rekey from the peer of the SA ours is rekeying (the same proxy IDs, mirrored),
// the first SA or a further one (crossing).
bool crossing_rekey(const Ctx& c) {
    const auto& d = c.d();
    const Message& q = c.msg();
    return pending_rekey(c) && d.last_sent && q.tsi == d.last_sent->tsr &&
           q.tsr == d.last_sent->tsi;
}
// Ours has the lower SPI: it goes on, the peer's is dropped (the peer abandons it).
bool crossing_rekey_won(const Ctx& c) {
    return crossing_rekey(c) &&
           c.d().last_sent->child_spi.value_or(0) < c.msg().child_spi.value_or(0);
}

void drop_crossing_rekey(Ctx& c) {
    c.out.reason = Reason::RekeyCollision;
    c.out.detail = fmt::format(
        "phase 2 rekeys cross: ours (SPI 0x{:08x}) is lower and goes on; the peer's (SPI "
        "0x{:08x}) is dropped",
        c.d().last_sent->child_spi.value_or(0), c.msg().child_spi.value_or(0));
}

// Theirs has the lower SPI: abandon ours and answer theirs.
void yield_crossing_rekey(Ctx& c) {
    const auto own = c.d().last_sent->child_spi.value_or(0);
    cancel(c, Timer::Retransmit);
    c.d().pending = Pending::None;
    reply_later_qm2(c);
    c.out.reason = Reason::RekeyCollision;
    append(c.out.detail,
           fmt::format("; phase 2 rekeys cross: ours (SPI 0x{:08x}) is abandoned", own));
}

// A quick mode after the first: answered like the first, installed at QM3.
void reply_later_qm2(Ctx& c) {
    const Message& q = c.msg();
    const Chosen chosen = *select(c.cfg.esp, *q.sa, pfs_wanted(c.cfg, q)).chosen;
    ChildSa ch{q.tsr, q.tsi, c.in.fresh_child_spi, q.child_spi.value_or(0), chosen};
    const bool rekey =
        (c.d().child && same_selectors(ch, *c.d().child)) || further_with_ids(c.d(), ch) != nullptr;
    Message m = header(c, Exchange::QuickMode, 2, q.message_id);
    m.sa = as_proposal(chosen);
    if (chosen.dh != 0) m.ke = chosen.dh;
    m.child_spi = ch.spi_in;
    m.tsi = q.tsi;
    m.tsr = q.tsr;
    c.d().next_child = std::move(ch);
    c.d().qm_reply = m;
    if (c.d().pending == Pending::None) {
        c.d().pending = Pending::QuickModeReply;  // re-sent until QM3 arrives (§5.5)
        send(c, std::move(m), true);
    } else {
        // Our own request holds the one retransmission slot: QM2 is sent once, and re-sent
        // only when QM1 is (the initiator's Delete of the old SA also installs a rekey).
        emit(c, Action{Action::Kind::Send, std::move(m), Timer::Retransmit, {}});
    }
    c.out.reason = Reason::ProposalChosen;
    c.out.detail = fmt::format("quick mode ({}): chose {} for IDci {} IDcr {}",
                               rekey ? "rekey of the installed SA" : "a further SA",
                               to_string(chosen), ipsec::to_string(q.tsi), ipsec::to_string(q.tsr));
}

void resend_qm_reply(Ctx& c) {
    emit(c, Action{Action::Kind::Send, *c.d().qm_reply, Timer::Retransmit, {}});
    c.out.reason = Reason::DuplicateRequest;
}

// QM3 of a later quick mode: a rekey replaces the installed SA (kept inbound until the
// initiator's Delete of it), anything else is a further SA.
void install_later_qm(Ctx& c) {
    ChildSa ch = *c.d().next_child;
    stop_awaiting_qm3(c);
    c.out.detail = ike::detail::child_summary(ch);
    if (!c.d().child && (c.d().child_state == ChildState::None || c.cfg.one_child_pair)) {
        // The SA it was to replace is gone already (deleted or expired meanwhile), or there
        // is none (one SA pair per tunnel): the new one is the tunnel's IPsec SA.
        c.d().child = std::move(ch);
        c.d().child_state = ChildState::Installed;
        emit(c, Action::Kind::ChildInstalled);
        c.out.reason = Reason::QuickModeComplete;
        return;
    }
    if (c.d().child && same_selectors(ch, *c.d().child)) {
        c.d().old_child = std::move(c.d().child);
        c.d().child = std::move(ch);
        c.d().child_state = ChildState::Installed;
        emit(c, Action::Kind::ChildRekeyed);
        c.out.reason = Reason::ChildRekeyed;
        return;
    }
    if (ChildSa* old = further_with_ids(c.d(), ch)) {
        // A further SA's rekey (its IDs): replaced in place; no action, as for IKEv2 (the
        // adapter's per-SA timers follow Data::more_children).
        append(c.out.detail, fmt::format("; replaces further SA spi_in 0x{:08x}", old->spi_in));
        replace_further(c.d(), *old, std::move(ch));
        c.out.reason = Reason::ChildRekeyed;
        return;
    }
    if (c.cfg.one_child_pair) {
        // One SA pair per tunnel (AWS): the new SA replaces the installed one, deleted at once.
        const ChildSa old = *std::exchange(c.d().child, std::move(ch));
        c.d().child_state = ChildState::Installed;
        emit(c, Action::Kind::ChildRekeyed);
        send_delete(c, DeletePayload{false, {old.spi_in}});
        c.out.reason = Reason::ChildReplaced;
        append(c.out.detail,
               fmt::format("; one SA pair per tunnel: replaces spi_in 0x{:08x} IDci {} IDcr {}, "
                           "ISAKMP Delete sent",
                           old.spi_in, ipsec::to_string(old.remote_ts),
                           ipsec::to_string(old.local_ts)));
        return;
    }
    c.d().more_children.push_back(std::move(ch));
    emit(c, Action::Kind::ChildAdded);
    c.out.reason = Reason::ChildCreated;
}

// QM2 of our rekey: install the new SA, confirm with QM3, delete the old one (RFC 2408 §4.8).
// A further SA's new SA replaces it in place (RFC 4301 §5.1 order); one whose old SA is gone
// meanwhile (expired, deleted) is added last.
void install_rekeyed_child(Ctx& c) {
    cancel(c, Timer::Retransmit);
    ChildSa fresh = answered_sa(c);
    if (!c.d().child || !same_selectors(fresh, *c.d().child)) {
        c.d().pending = Pending::None;
        send_qm3_for(c);
        c.out.reason = Reason::ChildRekeyed;
        c.out.detail = ike::detail::child_summary(fresh);
        ChildSa* old = further_with_ids(c.d(), fresh);
        if (!old) {
            append(c.out.detail, "; the rekeyed further SA is gone: added last");
            c.d().more_children.push_back(std::move(fresh));
            emit(c, Action::Kind::ChildAdded);
            return;
        }
        const std::uint32_t old_spi = old->spi_in;
        replace_further(c.d(), *old, std::move(fresh));
        send_delete(c, DeletePayload{false, {old_spi}});
        append(c.out.detail,
               fmt::format("; further SA, QM3, ISAKMP Delete of old spi_in 0x{:08x}", old_spi));
        return;
    }
    const ChildSa old = *c.d().child;
    c.d().old_child = old;
    c.d().child = fresh;
    c.d().child_state = ChildState::Installed;
    c.d().pending = Pending::None;
    emit(c, Action::Kind::ChildRekeyed);
    send_qm3_for(c);
    send_delete(c, DeletePayload{false, {old.spi_in}});
    c.out.reason = Reason::ChildRekeyed;
    c.out.detail = fmt::format("{}; QM3, ISAKMP Delete of old spi_in 0x{:08x}",
                               ike::detail::child_summary(fresh).str(), old.spi_in);
}

void install_created_child(Ctx& c) {
    cancel(c, Timer::Retransmit);
    ChildSa fresh = answered_sa(c);
    c.out.detail = ike::detail::child_summary(fresh);
    c.d().more_children.push_back(std::move(fresh));
    c.d().pending = Pending::None;
    emit(c, Action::Kind::ChildAdded);
    send_qm3_for(c);
    c.out.reason = Reason::ChildCreated;
    create_next_child(c);
}

void note_child_request_refused(Ctx& c) {
    cancel(c, Timer::Retransmit);
    const bool rekey = pending_rekey(c);
    const NotifyType n = c.msg().error().value_or(NotifyType::PayloadMalformed);
    c.d().failure = n;
    c.d().pending = Pending::None;
    c.out.reason = rekey ? Reason::RekeyFailed : Reason::PeerRefusedChild;
    c.out.detail = fmt::format("received {}{}", to_string(n),
                               rekey ? "; the old SA lives on to its hard lifetime" : "");
    if (!rekey) create_next_child(c);
}

void give_up_child_request(Ctx& c) {
    const bool rekey = pending_rekey(c);
    c.d().pending = Pending::None;
    c.out.reason = rekey ? Reason::RekeyFailed : Reason::PeerRefusedChild;
    c.out.detail = fmt::format("quick mode unanswered after {} retransmits", c.d().retransmits);
    if (!rekey) create_next_child(c);
}

}  // namespace vpnsim::ike::v1::detail
