// DOC: rekeying the IKE SA itself with CREATE_CHILD_SA (RFC 7296 §1.3.2, §2.18), and its hard
// expiry.
// The request carries an IKE proposal -- the configured phase 1 lists, its SPI field holding the
// new SPIi -- with Ni and KEi, and no TS payloads (§2.18). KEi is for the DH group of the current
// IKE SA (strongSwan's choice), so a healthy pair never needs INVALID_KE_PAYLOAD. The responder
// selects in its own configured order exactly as in IKE_SA_INIT (proposal.hpp: AWS's order),
// answers SA (its new SPIr), Nr and KEr, and from then on uses the new SA; the initiator
// switches when the answer arrives. §2.8: "An IKE SA so created inherits all of the original
// IKE SA's Child SAs" -- Data::child and Data::old_child are untouched, so ESP and BGP never
// notice. The new SA counts Message IDs from 0 (§1.3.2); the old one keeps its numbering for
// the Delete the rekey initiator sends on it, "the last request sent over the old IKE SA"
// (§2.8). Until that Delete arrives the old SA is retired (Data::retired_ike): requests on it
// are answered, but a CREATE_CHILD_SA on it is refused with TEMPORARY_FAILURE, "because it is
// an IKE SA that it is currently trying to close" (§2.8.2).
// Collisions with other exchanges (§2.25.2): an IKE SA rekey request that arrives while we
// create, rekey or delete a CHILD_SA (or check liveness) is answered TEMPORARY_FAILURE, and so
// is a CHILD_SA rekey request while we rekey the IKE SA; the refused side tries again later.
// Simultaneous IKE SA rekeys (§2.8.2): each side answers the other's request and, once its own
// completes, knows all four nonces. "The new IKE_SA containing the lowest nonce SHOULD be
// deleted by the node that created it, and the other surviving new IKE_SA MUST inherit all the
// CHILD_SAs" (§2.8.2, applying §2.8.1's rule). The creator of the surviving SA then deletes the
// old one (strongSwan: "collision won, deleting old IKE_SA"), the loser its redundant SA. When
// only one side noticed the collision, the other side's Delete of the old SA tells it that the
// other rekey stands, and it "can forget its own rekey attempt" (§2.8.2).
// Hard expiry (lifetimes are local policy, §2.8): the IKE SA and every CHILD_SA under it are
// deleted and the peer is told with an INFORMATIONAL Delete (§1.4.1), sent once.
#include <fmt/format.h>

#include <algorithm>
#include <tuple>

#include "models/ike/ikev2_detail.hpp"

namespace vpnsim::ike::detail {
namespace {

Selection ike_selection(const Ctx& c) {
    const Message& q = c.msg();
    if (!q.sa) return Selection{std::nullopt, Mismatch::Encryption};
    return select(c.cfg.ike, *q.sa);
}

std::string sa_name(std::uint64_t spi_i, std::uint64_t spi_r) {
    return fmt::format("0x{:016x}/0x{:016x}", spi_i, spi_r);
}

std::string inherited(const Ctx& c) {
    if (!c.d().child) return "no CHILD_SA to inherit";
    return fmt::format("inherits CHILD_SA spi_in 0x{:08x} (§2.8)", c.d().child->spi_in);
}


void refuse(Ctx& c, NotifyType n, std::uint64_t data = 0) {
    Message m = reply_header(c, Exchange::CreateChildSa);
    m.notifies.push_back({n, data});
    reply(c, std::move(m));
    c.d().failure = n;
}

// §1.3.2: "A new responder SPI is supplied in the SPI field of the SA payload", with Nr and KEr.
NewIkeSa reply_ike_rekey(Ctx& c) {
    const Message& q = c.msg();
    const Chosen chosen = *ike_selection(c).chosen;
    const NewIkeSa sa{*q.ike_spi, c.in.fresh_spi, chosen, q.nonce.value_or(0), c.in.fresh_nonce};
    Message m = reply_header(c, Exchange::CreateChildSa);
    m.sa = as_proposal(chosen);
    m.ke = chosen.dh;
    m.nonce = sa.nonce_r;
    m.ike_spi = sa.spi_r;
    c.d().ike_rekey_reply = m;
    reply(c, std::move(m));
    return sa;
}

// The new IKE SA our own request created, from our request and the peer's answer.
NewIkeSa own_new_sa(const Ctx& c) {
    const Message& r = c.msg();
    const Message& q = *c.d().last_sent;
    return NewIkeSa{q.ike_spi.value_or(0), r.ike_spi.value_or(0),
                    select(*r.sa, *r.sa).chosen.value_or(Chosen{}), q.nonce.value_or(0),
                    r.nonce.value_or(0)};
}

// §2.8: the current IKE SA is replaced by `next` and retired until its Delete; the CHILD_SAs
// stay where they are. Returns the retired SA.
RetiredIkeSa switch_to(Ctx& c, const NewIkeSa& next, bool we_delete_old) {
    auto& d = c.d();
    const RetiredIkeSa old{d.spi_i, d.spi_r, d.next_message_id, we_delete_old};
    d.retired_ike.push_back(old);
    d.spi_i = next.spi_i;
    d.spi_r = next.spi_r;
    d.next_message_id = 0;  // §1.3.2: "The new IKE SA has its message counters set to 0"
    d.ike_chosen = next.chosen;
    emit(c, Action::Kind::IkeRekeyed);
    return old;
}

// §1.4.1 / §2.8: the Delete of a retired IKE SA goes on that SA, with its own next Message ID.
void send_delete_ike(Ctx& c, std::uint64_t spi_i) {
    auto& d = c.d();
    const auto it = std::find_if(d.retired_ike.begin(), d.retired_ike.end(),
                                 [&](const RetiredIkeSa& s) { return s.spi_i == spi_i; });
    Message m;
    m.exchange = Exchange::Informational;
    m.message_id = it->next_message_id++;
    m.spi_i = it->spi_i;
    m.spi_r = it->spi_r;
    m.del = DeletePayload{true, {}};
    d.pending = Pending::DeleteIke;
    d.retransmits = 0;
    send(c, std::move(m));
    arm(c, Timer::Retransmit, c.cfg.retransmit_timeout);
}

void erase_retired(Ctx& c, std::uint64_t spi_i) {
    std::erase_if(c.d().retired_ike, [&](const RetiredIkeSa& s) { return s.spi_i == spi_i; });
}

// §2.8.1: "the SA created with the lowest of the four nonces". Ties (which real nonces of at
// least 128 bits do not produce) fall back to the other nonce and the SPIs, so that both sides
// still reach the same verdict.
bool holds_lowest_nonce(const NewIkeSa& a, const NewIkeSa& b) {
    const auto key = [](const NewIkeSa& s) {
        return std::tuple{std::min(s.nonce_i, s.nonce_r), std::max(s.nonce_i, s.nonce_r), s.spi_i,
                          s.spi_r};
    };
    return key(a) < key(b);
}

}  // namespace

// ---------------------------------------------------------------- guards

RetiredIkeSa* retired(const Ctx& c) {
    auto& r = c.d().retired_ike;
    const auto it = std::find_if(r.begin(), r.end(),
                                 [&](const RetiredIkeSa& s) { return s.spi_i == c.msg().spi_i; });
    return it == r.end() ? nullptr : &*it;
}
bool on_retired_sa(const Ctx& c) {
    return retired(c) != nullptr;
}
bool busy(const Ctx& c) {
    return c.d().busy();
}
bool pending_ike_rekey(const Ctx& c) {
    return c.d().pending == Pending::RekeyIke;
}
bool delete_ike_answered(const Ctx& c) {
    return c.d().pending == Pending::DeleteIke && answers_pending(c);
}
bool delete_ike_exhausted(const Ctx& c) {
    return c.d().pending == Pending::DeleteIke && c.d().retransmits >= c.cfg.retransmit_tries;
}
bool ike_rekey_request(const Ctx& c) {
    return c.msg().ike_spi.has_value();
}
bool duplicate_ike_rekey(const Ctx& c) {
    const auto& sent = c.d().ike_rekey_reply;
    return ike_rekey_request(c) && sent && sent->spi_i == c.msg().spi_i &&
           sent->message_id == c.msg().message_id;
}
bool ike_rekey_proposal_bad(const Ctx& c) {
    return ike_rekey_request(c) && !ike_selection(c).chosen;
}
bool ike_rekey_ke_differs(const Ctx& c) {
    const auto chosen = ike_selection(c).chosen;
    return ike_rekey_request(c) && chosen && c.msg().ke != chosen->dh;
}
bool ike_rekeys_cross(const Ctx& c) {
    return ike_rekey_request(c) && pending_ike_rekey(c) && !c.d().peer_ike_rekey;
}
bool ike_rekey_while_busy(const Ctx& c) {
    return ike_rekey_request(c) && busy(c);
}
bool ike_rekey_answered(const Ctx& c) {
    return pending_ike_rekey(c) && answers_pending(c);
}
bool ike_rekey_refused(const Ctx& c) {
    return ike_rekey_answered(c) &&
           (c.msg().error().has_value() || !c.msg().ike_spi || !c.msg().sa);
}
bool ike_rekey_refused_in_collision(const Ctx& c) {
    return ike_rekey_refused(c) && c.d().peer_ike_rekey.has_value();
}
bool ike_rekey_collided(const Ctx& c) {
    return ike_rekey_answered(c) && c.d().peer_ike_rekey.has_value();
}
bool deletes_retired_ike_sa(const Ctx& c) {
    return on_retired_sa(c) && c.msg().del && c.msg().del->ike;
}
bool deletes_ike_sa_being_rekeyed(const Ctx& c) {
    return !on_retired_sa(c) && c.msg().del && c.msg().del->ike && c.d().peer_ike_rekey;
}

// ---------------------------------------------------------------- initiator

// §2.8 / §1.3.2: at the soft lifetime, a CREATE_CHILD_SA with SA (IKE proposal, new SPIi), Ni
// and KEi; no TS (§2.18).
void send_ike_rekey(Ctx& c) {
    auto& d = c.d();
    Message m = header(c, Exchange::CreateChildSa, false, d.next_message_id++);
    m.sa = c.cfg.ike;
    const std::uint16_t first = c.cfg.ike.dh.empty() ? std::uint16_t{0} : c.cfg.ike.dh.front();
    m.ke = d.ike_chosen ? d.ike_chosen->dh : first;
    m.nonce = c.in.fresh_nonce;
    m.ike_spi = c.in.fresh_spi;
    d.pending = Pending::RekeyIke;
    d.retransmits = 0;
    c.out.reason = Reason::IkeRekeyInitiated;
    c.out.detail = fmt::format("IKE SA {}: SA {} new SPIi 0x{:016x} KE group {}, no TS",
                               sa_name(d.spi_i, d.spi_r), to_string(c.cfg.ike), *m.ike_spi, *m.ke);
    send(c, std::move(m));
    arm(c, Timer::Retransmit, c.cfg.retransmit_timeout);
}

void install_rekeyed_ike(Ctx& c) {
    cancel(c, Timer::Retransmit);
    c.d().pending = Pending::None;
    const NewIkeSa ours = own_new_sa(c);
    const RetiredIkeSa old = switch_to(c, ours, true);
    c.out.reason = Reason::IkeRekeyed;
    c.out.detail =
        fmt::format("new IKE SA {} {} {}; Delete old IKE SA {}", sa_name(ours.spi_i, ours.spi_r),
                    to_string(ours.chosen), inherited(c), sa_name(old.spi_i, old.spi_r));
    send_delete_ike(c, old.spi_i);
}

// §2.8.2: both rekeys completed; the new SA holding the lowest of the four nonces goes.
void settle_ike_rekey_collision(Ctx& c) {
    cancel(c, Timer::Retransmit);
    auto& d = c.d();
    d.pending = Pending::None;
    const NewIkeSa ours = own_new_sa(c);
    const NewIkeSa theirs = *d.peer_ike_rekey;
    d.peer_ike_rekey.reset();
    if (holds_lowest_nonce(ours, theirs)) {
        // Lost: the peer's SA inherits the CHILD_SAs, the peer deletes the old SA, we our own.
        const RetiredIkeSa old = switch_to(c, theirs, false);
        d.retired_ike.push_back(RetiredIkeSa{ours.spi_i, ours.spi_r, 0, true});
        c.out.reason = Reason::IkeRekeyCollisionLost;
        c.out.detail = fmt::format(
            "simultaneous rekey: our new IKE SA {} holds the lowest nonce and is deleted; the "
            "peer's {} {} {}; old IKE SA {} left for the peer to delete",
            sa_name(ours.spi_i, ours.spi_r), sa_name(theirs.spi_i, theirs.spi_r),
            to_string(theirs.chosen), inherited(c), sa_name(old.spi_i, old.spi_r));
        send_delete_ike(c, ours.spi_i);
        return;
    }
    // Won: ours survives; we delete the old SA, the peer deletes its redundant one.
    const RetiredIkeSa old = switch_to(c, ours, true);
    d.retired_ike.push_back(RetiredIkeSa{theirs.spi_i, theirs.spi_r, 0, false});
    c.out.reason = Reason::IkeRekeyed;
    c.out.detail = fmt::format(
        "simultaneous rekey won: new IKE SA {} {} {}; the peer's {} holds the lowest nonce and "
        "is deleted by the peer; Delete old IKE SA {}",
        sa_name(ours.spi_i, ours.spi_r), to_string(ours.chosen), inherited(c),
        sa_name(theirs.spi_i, theirs.spi_r), sa_name(old.spi_i, old.spi_r));
    send_delete_ike(c, old.spi_i);
}

// §2.8.2: ours was refused, but the peer's crossing rekey (which we answered) stands.
void abandon_ike_rekey(Ctx& c) {
    cancel(c, Timer::Retransmit);
    c.d().pending = Pending::None;
    c.d().failure = c.msg().error();
    c.out.reason = Reason::IkeRekeyAbandoned;
    c.out.detail = fmt::format(
        "our IKE SA rekey was answered {}; the peer's crossing rekey to {} stands: waiting for "
        "its Delete of the old IKE SA",
        c.msg().error() ? to_string(*c.msg().error()) : "without an SA",
        sa_name(c.d().peer_ike_rekey->spi_i, c.d().peer_ike_rekey->spi_r));
}

void note_ike_rekey_refused(Ctx& c) {
    cancel(c, Timer::Retransmit);
    c.d().pending = Pending::None;
    const auto n = c.msg().error();
    c.d().failure = n;
    const bool later = n == NotifyType::TemporaryFailure;
    c.out.reason = later ? Reason::IkeRekeyDeferred : Reason::IkeRekeyFailed;
    c.out.detail = fmt::format(
        "IKE SA rekey answered {}; {}", n ? to_string(*n) : "without an SA",
        later ? "trying again later (§2.25)" : "the IKE SA lives on to its hard lifetime");
}

// ---------------------------------------------------------------- responder

void resend_ike_rekey_reply(Ctx& c) {
    reply(c, *c.d().ike_rekey_reply);
    c.out.reason = Reason::DuplicateRequest;
    c.out.detail = "IKE SA rekey request retransmitted: the same answer again (§2.1)";
}

// §2.8.2 / §2.25.2: a CREATE_CHILD_SA on an IKE SA we are closing.
void answer_closing_sa(Ctx& c) {
    refuse(c, NotifyType::TemporaryFailure);
    c.out.reason = Reason::RekeyCollision;
    c.out.detail = fmt::format("CREATE_CHILD_SA on retired IKE SA {}: TEMPORARY_FAILURE (§2.8.2)",
                               sa_name(c.msg().spi_i, c.msg().spi_r));
}

void answer_ike_rekey_no_proposal(Ctx& c) {
    const Selection s = ike_selection(c);
    c.d().mismatch = s.mismatch;
    refuse(c, NotifyType::NoProposalChosen);
    c.out.reason = Reason::IkeRekeyRefused;
    c.out.detail =
        fmt::format("IKE SA rekey: no common {} transform: offered {}", to_string(s.mismatch),
                    c.msg().sa ? to_string(*c.msg().sa) : "nothing");
}

// §1.3.2 requires KEi; a KE for another group than the one chosen is answered as in §1.3.3.
void answer_ike_rekey_invalid_ke(Ctx& c) {
    const auto group = ike_selection(c).chosen->dh;
    refuse(c, NotifyType::InvalidKePayload, group);
    c.out.reason = Reason::InvalidKePayload;
    c.out.detail = fmt::format("IKE SA rekey KE group {} but group {} chosen: INVALID_KE_PAYLOAD",
                               c.msg().ke.value_or(0), group);
}

// §2.8.2: the peer's IKE SA rekey crosses ours. Answer it; which new SA survives is settled
// when our own completes.
void answer_ike_rekey_collision(Ctx& c) {
    const NewIkeSa sa = reply_ike_rekey(c);
    c.d().peer_ike_rekey = sa;
    c.out.reason = Reason::IkeRekeyCollision;
    c.out.detail = fmt::format(
        "the peer's IKE SA rekey crosses ours: answered with new IKE SA {} {}; the new SA with "
        "the lowest nonce will be deleted (§2.8.2)",
        sa_name(sa.spi_i, sa.spi_r), to_string(sa.chosen));
}

// §2.25.2: "If a peer receives a request to rekey the IKE SA, and it is currently creating,
// rekeying, or closing a Child SA of that IKE SA, it SHOULD reply with TEMPORARY_FAILURE."
void answer_ike_rekey_busy(Ctx& c) {
    refuse(c, NotifyType::TemporaryFailure);
    c.out.reason = Reason::RekeyCollision;
    c.out.detail = fmt::format("IKE SA rekey while our {} request is in flight: TEMPORARY_FAILURE",
                               to_string(c.d().pending));
}

void answer_ike_rekey(Ctx& c) {
    const NewIkeSa sa = reply_ike_rekey(c);
    const RetiredIkeSa old = switch_to(c, sa, false);
    c.out.reason = Reason::IkeRekeyed;
    c.out.detail = fmt::format("new IKE SA {} {} replaces {}; {}", sa_name(sa.spi_i, sa.spi_r),
                               to_string(sa.chosen), sa_name(old.spi_i, old.spi_r), inherited(c));
}

// ---------------------------------------------------------------- retired IKE SAs

void note_retired_ike_deleted(Ctx& c) {
    cancel(c, Timer::Retransmit);
    c.d().pending = Pending::None;
    erase_retired(c, c.msg().spi_i);
    c.out.reason = Reason::OldIkeSaDeleted;
    c.out.detail = fmt::format("IKE SA {} removed", sa_name(c.msg().spi_i, c.msg().spi_r));
}

// §2.4 ends the SA a request went unanswered on: here the retired one, not the current one.
void give_up_retired_ike(Ctx& c) {
    const Message& m = *c.d().last_sent;
    c.d().pending = Pending::None;
    erase_retired(c, m.spi_i);
    c.out.reason = Reason::OldIkeSaDeleted;
    c.out.detail = fmt::format("no answer to the Delete of IKE SA {} after {} retransmits: removed",
                               sa_name(m.spi_i, m.spi_r), c.d().retransmits);
}

void peer_deleted_retired_ike(Ctx& c) {
    const Message& q = c.msg();
    reply(c, reply_header(c, Exchange::Informational));
    erase_retired(c, q.spi_i);
    c.out.reason = Reason::PeerDeletedOldIkeSa;
    c.out.detail = fmt::format("Delete IKE SA {} (retired); the current IKE SA is {}",
                               sa_name(q.spi_i, q.spi_r), sa_name(c.d().spi_i, c.d().spi_r));
}

// §2.8.2: "If the peer that did notice the simultaneous rekey gets the delete request from the
// other peer for the old IKE SA, it knows that the other peer did not detect the simultaneous
// rekey, and the first peer can forget its own rekey attempt."
void adopt_peer_ike_sa(Ctx& c) {
    reply(c, reply_header(c, Exchange::Informational));
    auto& d = c.d();
    if (d.pending == Pending::RekeyIke) {
        cancel(c, Timer::Retransmit);
        d.pending = Pending::None;
    }
    const std::string old = sa_name(d.spi_i, d.spi_r);
    const NewIkeSa next = *d.peer_ike_rekey;
    d.peer_ike_rekey.reset();
    d.spi_i = next.spi_i;
    d.spi_r = next.spi_r;
    d.next_message_id = 0;
    d.ike_chosen = next.chosen;
    emit(c, Action::Kind::IkeRekeyed);
    c.out.reason = Reason::PeerDeletedOldIkeSa;
    c.out.detail = fmt::format(
        "Delete IKE SA {}: the peer's rekey stands and ours is forgotten (§2.8.2); new IKE SA "
        "{} {} {}",
        old, sa_name(next.spi_i, next.spi_r), to_string(next.chosen), inherited(c));
}

// ---------------------------------------------------------------- expiry

void expire_ike_sa(Ctx& c) {
    cancel(c, Timer::Retransmit);
    const std::string name = sa_name(c.d().spi_i, c.d().spi_r);
    const bool had_child = c.d().child.has_value();
    lose_children(c);
    Message m = header(c, Exchange::Informational, false, c.d().next_message_id++);
    m.del = DeletePayload{true, {}};
    reply(c, std::move(m));  // sent once: nothing is left to retransmit it for
    fail(c, Reason::IkeExpired, std::nullopt);
    c.out.detail = fmt::format(
        "hard lifetime reached: IKE SA {}{} deleted; INFORMATIONAL Delete "
        "sent",
        name, had_child ? " and its CHILD_SA" : "");
}

}  // namespace vpnsim::ike::detail
