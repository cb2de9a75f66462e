// IKEv1 quick modes after the first, and phase 1 rekey by a new main mode.
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
// - RFC 2409 §5: a phase 1 rekey is a fresh main mode with new cookies beside the old ISAKMP
//   SA, with NAT-D in its messages 3/4 like any main mode (RFC 3947 §3.2); when it completes
//   both ends move to the new SA, which keeps the IPsec SAs (they do not belong to the phase 1
//   SA that made them), and the initiator deletes the old ISAKMP SA.
#include <fmt/format.h>

#include <algorithm>

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

void send_qm3_for(Ctx& c) {
    emit(c, Action{Action::Kind::Send,
                   header(c, Exchange::QuickMode, 3, c.msg().message_id),
                   Timer::Retransmit,
                   {}});
}

}  // namespace

bool has_child(const Ctx& c) {
    return c.d().child.has_value();
}
// The responder's first quick mode under this phase 1 takes the QmReplied2 path (ikev1_sa.cpp).
bool first_quick_mode(const Ctx& c) {
    return !c.d().child && c.d().child_state == ChildState::None;
}
bool later_qm1_duplicate(const Ctx& c) {
    return c.d().qm_reply && c.d().qm_reply->message_id == c.msg().message_id;
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
    c.out.detail += fmt::format("; quick mode for proxy-ID pair {} of {}: IDci {} IDcr {}",
                                d.children_tried + 1, c.cfg.more_children.size() + 1,
                                ipsec::to_string(pair.local_ts), ipsec::to_string(pair.remote_ts));
}

// Soft lifetime of the IPsec SA: a new quick mode with its proxy IDs (and PFS if configured).
void send_phase2_rekey(Ctx& c) {
    const ChildSa& ch = *c.d().child;
    c.d().pending = Pending::RekeyChild;
    send_quick_mode(c, ch.local_ts, ch.remote_ts);
    c.out.reason = Reason::RekeyInitiated;
    c.out.detail =
        fmt::format("phase 2 rekey of spi_in 0x{:08x}: quick mode IDci {} IDcr {}", ch.spi_in,
                    ipsec::to_string(ch.local_ts), ipsec::to_string(ch.remote_ts));
}

// A phase 2 rekey of the installed SA from the peer while ours is in flight (crossing).
bool crossing_rekey(const Ctx& c) {
    const auto& d = c.d();
    const Message& q = c.msg();
    return pending_rekey(c) && d.child && d.last_sent && q.tsi == d.child->remote_ts &&
           q.tsr == d.child->local_ts;
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
    c.out.detail += fmt::format("; phase 2 rekeys cross: ours (SPI 0x{:08x}) is abandoned", own);
}

// A quick mode after the first: answered like the first, installed at QM3.
void reply_later_qm2(Ctx& c) {
    const Message& q = c.msg();
    const Chosen chosen = *select(c.cfg.esp, *q.sa, pfs_wanted(c.cfg, q)).chosen;
    ChildSa ch{q.tsr, q.tsi, c.in.fresh_child_spi, q.child_spi.value_or(0), chosen};
    const bool rekey = c.d().child && same_selectors(ch, *c.d().child);
    Message m = header(c, Exchange::QuickMode, 2, q.message_id);
    m.sa = as_proposal(chosen);
    if (chosen.dh != 0) m.ke = chosen.dh;
    m.child_spi = ch.spi_in;
    m.tsi = q.tsi;
    m.tsr = q.tsr;
    c.d().next_child = std::move(ch);
    c.d().qm_reply = m;
    emit(c, Action{Action::Kind::Send, std::move(m), Timer::Retransmit, {}});
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
    c.d().next_child.reset();
    c.d().qm_reply.reset();
    c.out.detail = ike::detail::child_summary(ch);
    if (c.d().child && same_selectors(ch, *c.d().child)) {
        c.d().old_child = std::move(c.d().child);
        c.d().child = std::move(ch);
        c.d().child_state = ChildState::Installed;
        emit(c, Action::Kind::ChildRekeyed);
        c.out.reason = Reason::ChildRekeyed;
        return;
    }
    c.d().more_children.push_back(std::move(ch));
    emit(c, Action::Kind::ChildAdded);
    c.out.reason = Reason::ChildCreated;
}

// QM2 of our rekey: install the new SA, confirm with QM3, delete the old one.
void install_rekeyed_child(Ctx& c) {
    cancel(c, Timer::Retransmit);
    ChildSa fresh = answered_sa(c);
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
                               ike::detail::child_summary(fresh), old.spi_in);
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

// ---------------------------------------------------------------- phase 1 rekey (RFC 2409 §5)

bool own_rekey_msg(const Ctx& c) {
    return c.d().own_ike_rekey && c.msg().spi_i == c.d().own_ike_rekey->spi_i;
}
bool own_rekey_mm6_bad(const Ctx& c) {
    const auto& n = c.d().own_ike_rekey;
    return own_rekey_msg(c) &&
           (!c.msg().auth || *c.msg().auth != hash_v1(c.cfg.psk, n->spi_i, n->spi_r, false));
}
bool pending_ike_rekey(const Ctx& c) {
    return c.d().pending == Pending::RekeyIke;
}
bool ike_rekey_exhausted(const Ctx& c) {
    return pending_ike_rekey(c) && c.d().retransmits >= c.cfg.retransmit_tries;
}
bool peer_rekey_msg(const Ctx& c) {
    return c.d().peer_ike_rekey && c.msg().spi_i == c.d().peer_ike_rekey->spi_i;
}
bool peer_rekey_opens(const Ctx& c) {
    return c.msg().spi_i != c.d().spi_i && !peer_rekey_msg(c);
}
bool peer_rekey_proposal_ok(const Ctx& c) {
    return peer_rekey_opens(c) && c.msg().sa && select(c.cfg.ike, *c.msg().sa).chosen.has_value();
}
// A retransmitted main mode message of the peer's rekey (also after we switched to it).
bool peer_rekey_duplicate(const Ctx& c) {
    const auto& r = c.d().ike_rekey_reply;
    return r && r->spi_i == c.msg().spi_i && r->v1_msg == c.msg().v1_msg + 1;
}
bool peer_rekey_mm5_bad(const Ctx& c) {
    const auto& n = c.d().peer_ike_rekey;
    return peer_rekey_msg(c) &&
           (!c.msg().auth || *c.msg().auth != hash_v1(c.cfg.psk, n->spi_i, n->spi_r, true));
}

void send_rekey_mm1(Ctx& c) {
    c.d().own_ike_rekey = NewIkeSa{c.in.fresh_spi, 0, {}, 0, 0, c.d().spi_i, c.d().spi_r};
    Message m = header_for(c, Exchange::MainMode, 1, c.in.fresh_spi, 0);
    m.sa = c.cfg.ike;
    m.vendor_ids = own_vendor_ids(c.cfg);
    c.d().pending = Pending::RekeyIke;
    send(c, std::move(m), true);
    c.out.reason = Reason::IkeRekeyInitiated;
    c.out.detail = fmt::format("phase 1 rekey: new main mode, cookie 0x{:016x}, SA {}",
                               c.in.fresh_spi, to_string(c.cfg.ike));
}

void send_rekey_mm3(Ctx& c) {
    cancel(c, Timer::Retransmit);
    auto& n = *c.d().own_ike_rekey;
    n.spi_r = c.msg().spi_r;
    n.chosen = c.msg().sa ? select(*c.msg().sa, *c.msg().sa).chosen.value_or(Chosen{}) : Chosen{};
    c.d().peer_vendor_ids = c.msg().vendor_ids;
    Message m = header_for(c, Exchange::MainMode, 3, n.spi_i, n.spi_r);
    m.ke = n.chosen.dh;
    add_natd(c, m, n.spi_i, n.spi_r);  // RFC 3947 §3.2, as in any main mode
    c.out.reason = Reason::ProposalChosen;
    c.out.detail = fmt::format("phase 1 rekey: SA {}; KE group {}{}", to_string(n.chosen), *m.ke,
                               nat_t_agreed(c) ? ", NAT-D" : "");
    send(c, std::move(m), true);
}

void send_rekey_mm5(Ctx& c) {
    cancel(c, Timer::Retransmit);
    const auto& n = *c.d().own_ike_rekey;
    detect_nat(c);
    Message m = header_for(c, Exchange::MainMode, 5, n.spi_i, n.spi_r);
    m.id = c.cfg.local_id;
    m.auth = hash_v1(c.cfg.psk, n.spi_i, n.spi_r, true);
    c.out.reason = Reason::KeysExchanged;
    c.out.detail = fmt::format("phase 1 rekey: IDii, HASH_I{}", nat_text(c));
    send(c, std::move(m), true);
}

// MM6 of our rekey: move to the new ISAKMP SA and delete the one it replaces (no answer in
// IKEv1). If the peer's own rekey crossed ours, we already moved to the peer's new SA when we
// answered it; IKEv1 has no rule to pick one (RFC 7296 §2.8.2's nonces are IKEv2's), so both
// new SAs live on -- each end's own is its current one, the peer's a retired one it still
// answers on -- and only the SA both replaced is deleted.
void switch_to_own_rekey(Ctx& c) {
    cancel(c, Timer::Retransmit);
    const NewIkeSa n = *c.d().own_ike_rekey;
    auto& d = c.d();
    Message del = header_for(c, Exchange::InformationalV1, 1, n.replaces_i, n.replaces_r,
                             static_cast<std::uint32_t>(c.in.fresh_spi));
    del.response = false;
    del.del = DeletePayload{true, {}};
    emit(c, Action{Action::Kind::Send, std::move(del), Timer::Retransmit, {}});
    // Crossed: the replaced SA is already retired (we answered the peer's rekey), and stays so
    // until the peer's own Delete of it arrives.
    const bool crossed = d.spi_i != n.replaces_i;
    if (crossed) d.retired_ike.push_back(RetiredIkeSa{d.spi_i, d.spi_r, 0, false});
    d.spi_i = n.spi_i;
    d.spi_r = n.spi_r;
    d.ike_chosen = n.chosen;
    d.own_ike_rekey.reset();
    d.pending = Pending::None;
    emit(c, Action::Kind::IkeRekeyed);
    c.out.reason = Reason::IkeRekeyed;
    c.out.detail = fmt::format(
        "new ISAKMP SA 0x{:016x}/0x{:016x} {} replaces 0x{:016x}/0x{:016x} (ISAKMP Delete sent); "
        "the IPsec SAs stay{}",
        n.spi_i, n.spi_r, to_string(n.chosen), n.replaces_i, n.replaces_r,
        crossed ? "; the peer's crossing rekey's SA is kept too (IKEv1 picks none)" : "");
}

void fail_own_rekey(Ctx& c) {
    cancel(c, Timer::Retransmit);
    c.d().own_ike_rekey.reset();
    c.d().pending = Pending::None;
    c.out.reason = Reason::IkeRekeyFailed;
    c.out.detail = "phase 1 rekey failed; the ISAKMP SA lives on to its hard lifetime";
}

void note_ike_rekey_refused(Ctx& c) {
    const NotifyType n = c.msg().error().value_or(NotifyType::PayloadMalformed);
    fail_own_rekey(c);
    c.d().failure = n;
    c.out.detail = fmt::format("received {}; {}", to_string(n), c.out.detail);
}

void reply_rekey_mm2(Ctx& c) {
    const Message& q = c.msg();
    const Chosen chosen = *select(c.cfg.ike, *q.sa).chosen;
    c.d().peer_ike_rekey = NewIkeSa{q.spi_i, c.in.fresh_spi, chosen, 0, 0};
    c.d().peer_vendor_ids = q.vendor_ids;
    Message m = header_for(c, Exchange::MainMode, 2, q.spi_i, c.in.fresh_spi);
    m.sa = as_proposal(chosen);
    m.vendor_ids = own_vendor_ids(c.cfg);
    c.d().ike_rekey_reply = m;
    emit(c, Action{Action::Kind::Send, std::move(m), Timer::Retransmit, {}});
    c.out.reason = Reason::ProposalChosen;
    c.out.detail =
        fmt::format("phase 1 rekey by the peer (new main mode): chose {}", to_string(chosen));
}

void refuse_rekey_mm1(Ctx& c) {
    Message m = header_for(c, Exchange::InformationalV1, 1, c.msg().spi_i, 0);
    m.notifies.push_back({NotifyType::NoProposalChosen, 0});
    emit(c, Action{Action::Kind::Send, std::move(m), Timer::Retransmit, {}});
    c.out.reason = Reason::IkeRekeyRefused;
    c.out.detail = "phase 1 rekey by the peer: no common proposal";
}

void reply_rekey_mm4(Ctx& c) {
    const auto& n = *c.d().peer_ike_rekey;
    detect_nat(c);
    Message m = header_for(c, Exchange::MainMode, 4, n.spi_i, n.spi_r);
    m.ke = n.chosen.dh;
    add_natd(c, m, n.spi_i, n.spi_r);
    c.d().ike_rekey_reply = m;
    emit(c, Action{Action::Kind::Send, std::move(m), Timer::Retransmit, {}});
    c.out.reason = Reason::KeysExchanged;
    c.out.detail = fmt::format("phase 1 rekey by the peer: KE, Nr{}", nat_text(c));
}

void reply_rekey_mm6(Ctx& c) {
    const NewIkeSa n = *c.d().peer_ike_rekey;
    Message m = header_for(c, Exchange::MainMode, 6, n.spi_i, n.spi_r);
    m.id = c.cfg.local_id;
    m.auth = hash_v1(c.cfg.psk, n.spi_i, n.spi_r, false);
    c.d().ike_rekey_reply = m;
    emit(c, Action{Action::Kind::Send, std::move(m), Timer::Retransmit, {}});
    c.d().retired_ike.push_back(RetiredIkeSa{c.d().spi_i, c.d().spi_r, 0, false});
    c.out.detail = fmt::format(
        "new ISAKMP SA 0x{:016x}/0x{:016x} {} replaces 0x{:016x}/0x{:016x}; the IPsec SAs stay",
        n.spi_i, n.spi_r, to_string(n.chosen), c.d().spi_i, c.d().spi_r);
    c.d().spi_i = n.spi_i;
    c.d().spi_r = n.spi_r;
    c.d().ike_chosen = n.chosen;
    c.d().peer_ike_rekey.reset();
    emit(c, Action::Kind::IkeRekeyed);
    c.out.reason = Reason::IkeRekeyed;
}

void refuse_rekey_mm5(Ctx& c) {
    const auto n = *c.d().peer_ike_rekey;
    Message m = header_for(c, Exchange::InformationalV1, 1, n.spi_i, n.spi_r);
    m.notifies.push_back({NotifyType::PayloadMalformed, 0});
    emit(c, Action{Action::Kind::Send, std::move(m), Timer::Retransmit, {}});
    c.d().peer_ike_rekey.reset();
    c.d().ike_rekey_reply.reset();
    c.out.reason = Reason::PayloadDecryptionFailed;
    c.out.detail = "phase 1 rekey: main mode 5 does not decrypt with our pre-shared key";
}

void resend_rekey_reply(Ctx& c) {
    emit(c, Action{Action::Kind::Send, *c.d().ike_rekey_reply, Timer::Retransmit, {}});
    c.out.reason = Reason::DuplicateRequest;
}

}  // namespace vpnsim::ike::v1::detail
