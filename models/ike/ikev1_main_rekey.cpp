// IKEv1 phase 1 rekey (RFC 2409 §5): a fresh main mode with new cookies beside the old ISAKMP
// SA, with NAT-D in its messages 3/4 like any main mode (RFC 3947 §3.2). When it completes both
// ends move to the new SA, which keeps the IPsec SAs (they do not belong to the phase 1 SA that
// made them), and the initiator deletes the old ISAKMP SA with an ISAKMP Delete (RFC 2408
// §3.15). The responder keeps the old SA retired until that Delete arrives. Rekeys that cross
// both complete: each end's own new SA is its current one and the peer's is kept retired (it
// is still answered on); only the SA both replaced is deleted.
#include <fmt/format.h>

#include "models/ike/ikev1_detail.hpp"
#include "models/ike/ikev2_detail.hpp"

namespace vpnsim::ike::v1::detail {

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
    c.out.detail = fmt::format("received {}; {}", to_string(n), c.out.detail.str());
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
