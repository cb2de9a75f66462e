// DOC: further CHILD_SAs on an established IKE SA, one per proxy-ID pair of a policy-based
// device (RFC 7296 §1.3.1 "Creating New Child SAs with the CREATE_CHILD_SA Exchange").
// The initiator's first pair travels in IKE_AUTH (ikev2_sa.cpp); each further pair of
// Config::more_children is requested, in order and one at a time (§2.3), with a
// CREATE_CHILD_SA carrying SA, Ni, TSi and TSr and no REKEY_SA notify. The responder narrows
// each request to its policy exactly as in IKE_AUTH (§2.9) and installs the SA when it
// answers; the initiator installs it when the answer arrives, after checking the answer's
// selectors are within what it proposed. A refusal (NO_PROPOSAL_CHOSEN, TS_UNACCEPTABLE) fails
// that CHILD_SA only: the IKE SA and the other CHILD_SAs stay (§2.21.3), and the next pair is
// still tried.
// Each further CHILD_SA is then rekeyed and expired on its own lifetimes like the first one
// (ikev2_child.cpp, §1.3.3, §2.8), in place, so the SPD order stays as created.
// A responder with Config::one_child_pair (AWS: one SA pair per tunnel) makes the new SA its
// only one and deletes the one it replaces (Data::delete_owed while a request of its own is in
// flight). An initiator asks for a pair again when traffic needs it (IkeEvent::ChildWanted,
// RFC 4301 §5.2), so a policy-based device's pairs take turns on such a responder.
// Left out: PFS (KEi) on these creating exchanges -- the groups matter at rekey (§1.3.3).
#include <fmt/format.h>

#include "models/ike/ikev2_detail.hpp"

namespace vpnsim::ike::detail {
namespace {

void answer_refusal(Ctx& c, NotifyType n, std::string detail) {
    Message m = reply_header(c, Exchange::CreateChildSa);
    m.notifies.push_back({n, 0});
    reply(c, std::move(m));
    c.out.reason = Reason::ChildCreateRefused;
    c.out.detail = std::move(detail);
}

const ChildSa* created_for(const Data& d, std::uint32_t peer_spi) {
    if (d.child && d.child->spi_out == peer_spi) return &*d.child;  // Config::one_child_pair
    for (const auto& ch : d.more_children) {
        if (ch.spi_out == peer_spi) return &ch;
    }
    return nullptr;
}

// §1.3.1: a CREATE_CHILD_SA for one proxy-ID pair; the answer is checked against what it
// proposed (Data::last_sent), whichever pair it was.
void send_create_child(Ctx& c, const ChildPolicy& p, std::string_view why) {
    Message m = header(c, Exchange::CreateChildSa, false, c.d().next_message_id++);
    m.sa = c.cfg.esp;
    m.child_spi = c.in.fresh_child_spi;
    m.tsi = p.local_ts;
    m.tsr = p.remote_ts;
    c.d().pending = Pending::CreateChild;
    c.d().retransmits = 0;
    append(c.out.detail,
           fmt::format("{}CREATE_CHILD_SA {} TSi {} TSr {}", c.out.detail.known_empty() ? "" : "; ",
                       why, ipsec::to_string(m.tsi), ipsec::to_string(m.tsr)));
    send(c, std::move(m));
    arm(c, Timer::Retransmit, c.cfg.retransmit_timeout);
}

// One SA pair per IKE SA (Config::one_child_pair, AWS): the new CHILD_SA becomes the one; the
// one it replaces is removed at once and the peer told by a Delete when no other request of
// ours is in flight (as for an expired SA, §2.8).
void keep_one_child(Ctx& c, ChildSa ch) {
    auto& d = c.d();
    std::optional<ChildSa> old = std::exchange(d.child, std::move(ch));
    d.child_state = ChildState::Installed;
    if (!old) {
        emit(c, Action::Kind::ChildInstalled);
        return;
    }
    emit(c, Action::Kind::ChildRekeyed);
    c.out.reason = Reason::ChildReplaced;
    append(
        c.out.detail,
        fmt::format("; one SA pair per tunnel: replaces spi_in 0x{:08x} TSi {} TSr {}", old->spi_in,
                    ipsec::to_string(old->remote_ts), ipsec::to_string(old->local_ts)));
    d.delete_owed = old->spi_in;
    send_owed_delete(c);
}

}  // namespace

void send_owed_delete(Ctx& c) {
    auto& d = c.d();
    if (!d.delete_owed || d.busy()) return;
    const std::uint32_t spi = *std::exchange(d.delete_owed, std::nullopt);
    send_delete_child(c, spi);
    append(c.out.detail, fmt::format("{}Delete of replaced spi_in 0x{:08x} sent",
                                     c.out.detail.known_empty() ? "" : "; ", spi));
}

bool creates_new_child(const Ctx& c) {
    const Message& q = c.msg();
    return !q.ike_spi && !q.has_notify(NotifyType::RekeySa);
}
bool pending_create(const Ctx& c) {
    return c.d().pending == Pending::CreateChild;
}
bool more_children_due(const Ctx& c) {
    return c.d().children_tried < c.cfg.more_children.size();
}

// §1.3.1: request the next proxy-ID pair's CHILD_SA; nothing when all were tried.
void create_next_child(Ctx& c) {
    if (!more_children_due(c) || c.d().pending != Pending::None) return;
    const ChildPolicy& p = c.cfg.more_children[c.d().children_tried++];
    send_create_child(c, p, fmt::format("#{}", c.d().children_tried + 1));
}

// RFC 4301 §5.2: outbound traffic for a pair with no CHILD_SA (AWS deleted it, or it expired)
// makes IKE create one on demand; the packet that asked is dropped. The adapter raises
// ChildWanted only when nothing is in flight.
void create_wanted_child(Ctx& c) {
    c.out.reason = Reason::ChildOnDemand;
    send_create_child(c, *c.in.wanted, "on demand (traffic for a pair with no SA)");
}

// Responder: §1.3.1 with the §2.9 narrowing of IKE_AUTH. A retransmitted request (the SA
// already made from it) is answered again with the same SA.
void answer_new_child(Ctx& c) {
    const Message& q = c.msg();
    if (const ChildSa* made = created_for(c.d(), q.child_spi.value_or(0))) {
        Message m = reply_header(c, Exchange::CreateChildSa);
        m.sa = as_proposal(made->chosen);
        m.child_spi = made->spi_in;
        m.tsi = made->remote_ts;
        m.tsr = made->local_ts;
        reply(c, std::move(m));
        c.out.reason = Reason::DuplicateRequest;
        c.out.detail = fmt::format("CREATE_CHILD_SA re-answered: {}", child_summary(*made).str());
        return;
    }
    const Selection esp = q.sa ? select(c.cfg.esp, *q.sa, false) : Selection{};
    const ipsec::TsList tsi = ipsec::narrow(q.tsi, c.cfg.remote_ts);
    const ipsec::TsList tsr = ipsec::narrow(q.tsr, c.cfg.local_ts);
    if (!esp.chosen) {
        c.d().mismatch = esp.mismatch;
        answer_refusal(
            c, NotifyType::NoProposalChosen,
            fmt::format("new CHILD_SA: no common {} transform", to_string(esp.mismatch)));
        return;
    }
    if (tsi.empty() || tsr.empty()) {
        answer_refusal(
            c, NotifyType::TsUnacceptable,
            fmt::format("new CHILD_SA: proposed TSi {} TSr {} outside policy {} <=> {}",
                        ipsec::to_string(q.tsi), ipsec::to_string(q.tsr),
                        ipsec::to_string(c.cfg.remote_ts), ipsec::to_string(c.cfg.local_ts)));
        return;
    }
    ChildSa ch{tsr, tsi, c.in.fresh_child_spi, q.child_spi.value_or(0), *esp.chosen};
    Message m = reply_header(c, Exchange::CreateChildSa);
    m.sa = as_proposal(*esp.chosen);
    m.child_spi = ch.spi_in;
    m.tsi = tsi;
    m.tsr = tsr;
    reply(c, std::move(m));
    c.out.reason = Reason::ChildCreated;
    c.out.detail = child_summary(ch);
    if (c.cfg.one_child_pair) {
        keep_one_child(c, std::move(ch));
        return;
    }
    c.d().more_children.push_back(std::move(ch));
    emit(c, Action::Kind::ChildAdded);
}

// Initiator: the answer to our CREATE_CHILD_SA (§1.3.1); then the next pair, if any.
void install_created_child(Ctx& c) {
    cancel(c, Timer::Retransmit);
    const Message& r = c.msg();
    const ChildPolicy p{c.d().last_sent->tsi, c.d().last_sent->tsr};
    c.d().pending = Pending::None;
    if (const auto err = r.error()) {
        c.out.reason = Reason::PeerRefusedChild;
        c.out.detail =
            fmt::format("CHILD_SA TSi {} TSr {} refused: {}", ipsec::to_string(p.local_ts),
                        ipsec::to_string(p.remote_ts), to_string(*err));
    } else if (!ipsec::covered_by(r.tsi, p.local_ts) || !ipsec::covered_by(r.tsr, p.remote_ts)) {
        // §2.9: the responder's selectors must be a subset of what we proposed.
        c.out.reason = Reason::TsNotSubset;
        c.out.detail = fmt::format("responder selectors TSi {} TSr {} not within ours",
                                   ipsec::to_string(r.tsi), ipsec::to_string(r.tsr));
    } else {
        ChildSa ch{r.tsi, r.tsr, c.d().last_sent->child_spi.value_or(0), r.child_spi.value_or(0),
                   r.sa ? select(*r.sa, *r.sa, false).chosen.value_or(Chosen{}) : Chosen{}};
        c.out.reason = Reason::ChildCreated;
        c.out.detail = child_summary(ch);
        c.d().more_children.push_back(std::move(ch));
        emit(c, Action::Kind::ChildAdded);
    }
    create_next_child(c);
}

}  // namespace vpnsim::ike::detail
