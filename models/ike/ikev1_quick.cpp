// IKEv1 helpers and Quick Mode (RFC 2409 §5.5): HASH(1)+SA+Ni[+KE]+IDci+IDcr, HASH(2)+SA+Nr
// [+KE]+IDci+IDcr, HASH(3). Proxy IDs are compared with the responder's policy exactly -- IKEv1
// has no narrowing -- and a PFS group must match when either side asks for PFS.
#include <fmt/format.h>

#include <algorithm>

#include "models/common/hash.hpp"
#include "models/ike/ikev1_detail.hpp"
#include "models/ike/ikev2_detail.hpp"

namespace vpnsim::ike::v1::detail {

// ---------------------------------------------------------------- helpers

void emit(Ctx& c, Action a) {
    c.out.actions.push_back(std::move(a));
}
void emit(Ctx& c, Action::Kind k) {
    emit(c, Action{k, {}, Timer::Retransmit, {}});
}
void arm(Ctx& c, Timer t, SimTime after) {
    emit(c, Action{Action::Kind::ArmTimer, {}, t, after});
}
void cancel(Ctx& c, Timer t) {
    emit(c, Action{Action::Kind::CancelTimer, {}, t, {}});
}

Message header_for(const Ctx&, Exchange ex, std::uint8_t n, std::uint64_t spi_i,
                   std::uint64_t spi_r, std::uint32_t id) {
    Message m;
    m.version = 1;
    m.v1_msg = n;
    m.exchange = ex;
    m.response = n % 2 == 0;
    m.message_id = id;
    m.spi_i = spi_i;
    m.spi_r = spi_r;
    return m;
}

Message header(const Ctx& c, Exchange ex, std::uint8_t n, std::uint32_t id) {
    return header_for(c, ex, n, c.d().spi_i, c.d().spi_r, id);
}

// Requests are kept for retransmission (RFC 2409 relies on ISAKMP retransmission; the
// strongSwan back-off of ikev2_sa.hpp applies), responses for answering a retransmit again.
void send(Ctx& c, Message m, bool await_reply) {
    c.d().last_sent = m;
    c.d().retransmits = 0;
    emit(c, Action{Action::Kind::Send, std::move(m), Timer::Retransmit, {}});
    if (await_reply) arm(c, Timer::Retransmit, c.cfg.retransmit_timeout);
}

void notify(Ctx& c, NotifyType n, std::uint32_t id) {
    Message m = header(c, Exchange::InformationalV1, 1, id);
    m.response = false;
    m.notifies.push_back({n, 0});
    emit(c, Action{Action::Kind::Send, std::move(m), Timer::Retransmit, {}});
}

// HASH_I / HASH_R (RFC 2409 §5) under the PSK-derived SKEYID, as a stable hash. The same
// value stands for "MM5/MM6 decrypts": a different PSK gives a different key.
std::uint64_t hash_v1(std::string_view psk, std::uint64_t ci, std::uint64_t cr, bool initiator) {
    return mix(auth_value(psk, ci, cr, initiator), stable_hash("SKEYID"));
}

bool pfs_wanted(const Config& cfg, const Message& m) {
    return m.ke.has_value() || !cfg.esp.dh.empty();
}

// A refused quick mode fails the IPsec SA only when it was to be the first (a refused rekey
// or further pair leaves the installed SA alone).
void fail_first_child(Ctx& c) {
    if (c.d().child) return;
    c.d().child_state = ChildState::Failed;
    emit(c, Action::Kind::ChildFailed);
}

void refuse_qm1_ids(Ctx& c) {
    const Message& q = c.msg();
    c.d().failure = NotifyType::InvalidIdInformation;
    notify(c, NotifyType::InvalidIdInformation, q.message_id);
    fail_first_child(c);
    c.out.reason = Reason::InvalidIdInformation;
    c.out.detail = fmt::format("proxy IDs {} <=> {} not within policy {} <=> {}",
                               ipsec::to_string(q.tsi), ipsec::to_string(q.tsr),
                               ipsec::to_string(c.cfg.remote_ts), ipsec::to_string(c.cfg.local_ts));
}

void refuse_qm1_proposal(Ctx& c) {
    const Message& q = c.msg();
    const Selection s = q.sa ? select(c.cfg.esp, *q.sa, pfs_wanted(c.cfg, q)) : Selection{};
    c.d().mismatch = s.mismatch;
    c.d().failure = NotifyType::NoProposalChosen;
    notify(c, NotifyType::NoProposalChosen, q.message_id);
    fail_first_child(c);
    c.out.reason = Reason::NoProposalChosen;
    c.out.detail = fmt::format("quick mode: no common {} transform", to_string(s.mismatch));
}

void reply_qm2(Ctx& c) {
    const Message& q = c.msg();
    if (c.d().pending == Pending::Dpd) {
        // RFC 3706 §5.3: the peer's quick mode proves it alive; our check is over, and the
        // retransmission slot is QM2's (it waits for QM3).
        cancel(c, Timer::Retransmit);
        c.d().pending = Pending::None;
    }
    const Chosen chosen = *select(c.cfg.esp, *q.sa, pfs_wanted(c.cfg, q)).chosen;
    c.d().child = ChildSa{q.tsr, q.tsi, c.in.fresh_child_spi, q.child_spi.value_or(0), chosen};
    Message m = header(c, Exchange::QuickMode, 2, q.message_id);
    m.sa = as_proposal(chosen);
    if (chosen.dh != 0) m.ke = chosen.dh;
    m.child_spi = c.d().child->spi_in;
    m.tsi = q.tsi;
    m.tsr = q.tsr;
    c.out.reason = Reason::ProposalChosen;
    c.out.detail = fmt::format("quick mode: chose {} for IDci {} IDcr {}", to_string(chosen),
                               ipsec::to_string(q.tsi), ipsec::to_string(q.tsr));
    send(c, std::move(m), true);  // re-sent until QM3 arrives: QM3 itself is never repeated
}

void send_qm3(Ctx& c) {
    cancel(c, Timer::Retransmit);
    const Message& r = c.msg();
    const Message& q1 = *c.d().last_sent;
    c.d().child =
        ChildSa{q1.tsi, q1.tsr, q1.child_spi.value_or(0), r.child_spi.value_or(0),
                r.sa ? select(*r.sa, *r.sa, r.ke.has_value()).chosen.value_or(Chosen{}) : Chosen{}};
    c.d().child_state = ChildState::Installed;
    emit(c, Action::Kind::ChildInstalled);
    Message qm3 = header(c, Exchange::QuickMode, 3, r.message_id);
    c.d().qm_reply = qm3;  // re-sent if QM2 comes again (our QM3 was lost)
    send(c, std::move(qm3), false);
    c.out.reason = Reason::QuickModeComplete;
    c.out.detail = ike::detail::child_summary(*c.d().child);
    create_next_child(c);  // a policy-based initiator's further pairs (ikev1_rekey.cpp)
}

void accept_qm3(Ctx& c) {
    cancel(c, Timer::Retransmit);
    c.d().child_state = ChildState::Installed;
    emit(c, Action::Kind::ChildInstalled);
    c.out.reason = Reason::QuickModeComplete;
    c.out.detail = ike::detail::child_summary(*c.d().child);
}

bool qm_ids_outside_policy(const Ctx& c) {
    // IDci is the initiator's (customer) side, IDcr ours: each must fit our policy exactly --
    // for a policy-based device, one of its proxy-ID pairs (the peer's rekey of a further SA,
    // RFC 2409 §5.5, carries that pair's IDs).
    const Message& q = c.msg();
    if (q.tsi.empty() || q.tsr.empty()) return true;
    const auto fits = [&](const ipsec::TsList& local, const ipsec::TsList& remote) {
        return ipsec::covered_by(q.tsi, remote) && ipsec::covered_by(q.tsr, local);
    };
    if (fits(c.cfg.local_ts, c.cfg.remote_ts)) return false;
    return std::none_of(c.cfg.more_children.begin(), c.cfg.more_children.end(),
                        [&](const ChildPolicy& p) { return fits(p.local_ts, p.remote_ts); });
}

bool qm_proposal_bad(const Ctx& c) {
    const Message& q = c.msg();
    return !q.sa || !select(c.cfg.esp, *q.sa, pfs_wanted(c.cfg, q)).chosen.has_value();
}

void send_quick_mode(Ctx& c, const ipsec::TsList& local, const ipsec::TsList& remote) {
    Message m = header(c, Exchange::QuickMode, 1, static_cast<std::uint32_t>(c.in.fresh_spi));
    m.sa = c.cfg.esp;
    if (!c.cfg.esp.dh.empty()) m.ke = c.cfg.esp.dh.front();
    m.child_spi = c.in.fresh_child_spi;
    m.tsi = local;
    m.tsr = remote;
    send(c, std::move(m), true);
}

// RFC 2409 §5.5: phase 1 is up; the initiator starts quick mode right away.
void send_qm1(Ctx& c) {
    cancel(c, Timer::Retransmit);
    c.out.reason = Reason::Authenticated;
    c.out.detail = fmt::format("phase 1 established; quick mode IDci {} IDcr {}",
                               ipsec::to_string(c.cfg.local_ts), ipsec::to_string(c.cfg.remote_ts));
    send_quick_mode(c, c.cfg.local_ts, c.cfg.remote_ts);
}

}  // namespace vpnsim::ike::v1::detail
