// IKEv1 after (and around) main mode: NAT traversal (RFC 3947), dead peer detection (RFC 3706)
// and the ISAKMP Delete (RFC 2408 §3.15) with the hard expiries that send it.
// - NAT-T: both ends announce RFC 3947 in a vendor ID in main mode 1/2 (§3.1); then main mode
//   3/4 carry two NAT-D payloads each, HASH(CKY-I | CKY-R | IP | Port) of the receiver's
//   address first and the sender's next (§3.2). The receiver compares them with the addresses
//   the packet arrived with: a different sender hash means the sender is behind a NAT, a
//   different receiver hash that we are. The float to UDP 4500 from main mode 5 on (§4) and
//   ESP in UDP (RFC 3948) are the adapter's (sim/run), exactly as for IKEv2.
// - DPD: only when both sent the DPD vendor ID (§5.1). An R-U-THERE notify (§5.3) carries a
//   sequence number; the R-U-THERE-ACK echoes it (§5.2, §6). The check is re-sent unchanged
//   every dpd_delay; after dpd_timeout unanswered the peer is dead (§5.5) and both phases are
//   deleted locally -- what the adapter then does is AWS's DpdTimeoutAction.
// - Delete is one-way in IKEv1 (no answer, RFC 2408 §4.8): of IPsec SAs by the SPIs their
//   sender receives on, or of the ISAKMP SA, which here takes its IPsec SAs with it.
#include <fmt/format.h>

#include <algorithm>

#include "models/ike/ikev1_detail.hpp"
#include "models/ike/ikev2_detail.hpp"

namespace vpnsim::ike::v1::detail {

// ---------------------------------------------------------------- NAT-T (RFC 3947)

// RFC 3947 §3.1 / RFC 3706 §5.1: what this end announces in main mode 1/2.
std::uint8_t own_vendor_ids(const Config& cfg) {
    return static_cast<std::uint8_t>(kVidDpd | (cfg.nat_t ? kVidNatT : 0U));
}

// RFC 3947 §3.1: NAT-D is sent only when both ends announced NAT-T.
bool nat_t_agreed(const Ctx& c) {
    return c.cfg.nat_t && (c.d().peer_vendor_ids & kVidNatT) != 0;
}

// RFC 3947 §3.2: the first NAT-D hashes the remote end's address and port, the second ours.
// A forced encapsulation (AWS on an accelerated VPN) hashes a port no packet of ours carries,
// so the peer's check fails as if a NAT had rewritten our address (as on the IKEv2 side).
void add_natd(const Ctx& c, Message& m, std::uint64_t spi_i, std::uint64_t spi_r) {
    if (!nat_t_agreed(c)) return;
    const bool responder = c.cfg.role == Role::Responder;
    const net::Ipv4Addr peer = responder ? c.in.arrival.src : c.in.peer_addr;
    const std::uint16_t peer_port = responder ? c.in.arrival.src_port : c.in.peer_port;
    const std::uint16_t own_port = c.cfg.force_encapsulation ? 0 : c.in.local_port;
    m.notifies.push_back(
        {NotifyType::NatDetectionDestinationIp, natd_hash(spi_i, spi_r, peer, peer_port)});
    m.notifies.push_back(
        {NotifyType::NatDetectionSourceIp, natd_hash(spi_i, spi_r, c.in.local_addr, own_port)});
}

// RFC 3947 §3.2: compare the peer's NAT-D hashes with the addresses the message arrived with.
void detect_nat(Ctx& c) {
    const Message& m = c.msg();
    if (!nat_t_agreed(c) || !m.has_notify(NotifyType::NatDetectionSourceIp)) return;
    const auto& a = c.in.arrival;
    for (const auto& n : m.notifies) {
        if (n.type == NotifyType::NatDetectionSourceIp) {
            c.d().peer_behind_nat = n.data != natd_hash(m.spi_i, m.spi_r, a.src, a.src_port);
        } else if (n.type == NotifyType::NatDetectionDestinationIp) {
            c.d().local_behind_nat = n.data != natd_hash(m.spi_i, m.spi_r, a.dst, a.dst_port);
        }
    }
}

std::string nat_text(const Ctx& c) {
    if (!nat_t_agreed(c)) return c.cfg.nat_t ? "; peer sent no NAT-T vendor ID" : "";
    return fmt::format("; NAT-D nat local={} peer={}", c.d().local_behind_nat,
                       c.d().peer_behind_nat);
}

// ---------------------------------------------------------------- Delete (RFC 2408 §3.15)

// The ISAKMP SA ends: its IPsec SAs and anything half-done go with it.
void lose_children(Ctx& c) {
    const bool had = c.d().child.has_value();
    c.d().drop_child_sas();
    c.d().next_child.reset();
    c.d().qm_reply.reset();
    c.d().own_ike_rekey.reset();
    c.d().ike_rekey_reply.reset();
    if (had) {
        c.d().child_state = ChildState::None;
        emit(c, Action::Kind::ChildDeleted);
    }
}

// RFC 2408 §4.8: an Informational exchange is one message; nothing answers a Delete.
void send_delete(Ctx& c, DeletePayload del) {
    Message m = header(c, Exchange::InformationalV1, 1, static_cast<std::uint32_t>(c.in.fresh_spi));
    m.response = false;
    m.del = std::move(del);
    emit(c, Action{Action::Kind::Send, std::move(m), Timer::Retransmit, {}});
}

bool deletes_current_ike_sa(const Ctx& c) {
    return c.msg().del && c.msg().del->ike && c.msg().spi_i == c.d().spi_i;
}

bool deletes_retired_ike_sa(const Ctx& c) {
    const auto& r = c.d().retired_ike;
    return c.msg().del && c.msg().del->ike &&
           std::any_of(r.begin(), r.end(),
                       [&](const RetiredIkeSa& s) { return s.spi_i == c.msg().spi_i; });
}

void peer_deleted_ike_sa(Ctx& c) {
    cancel(c, Timer::Retransmit);
    lose_children(c);
    c.out.reason = Reason::PeerDeletedIkeSa;
    c.out.detail = "ISAKMP Delete of the ISAKMP SA: phase 1 and its IPsec SAs are gone";
}

// The rekey initiator deletes the ISAKMP SA its new main mode replaced (ikev1_rekey.cpp).
void peer_deleted_retired_ike_sa(Ctx& c) {
    auto& r = c.d().retired_ike;
    r.erase(std::remove_if(r.begin(), r.end(),
                           [&](const RetiredIkeSa& s) { return s.spi_i == c.msg().spi_i; }),
            r.end());
    c.out.reason = Reason::PeerDeletedOldIkeSa;
    c.out.detail = fmt::format("ISAKMP Delete of the rekeyed ISAKMP SA 0x{:016x}/0x{:016x}",
                               c.msg().spi_i, c.msg().spi_r);
}

namespace {

// A quick mode we answered (QM2 sent, kept for re-sending) whose QM3 has not come -- whether
// its QM2 holds the retransmission slot (Pending::QuickModeReply) or our own R-U-THERE does
// and QM2 was sent once (reply_later_qm2).
bool answered_qm_awaits_qm3(const Data& d) {
    return d.next_child && d.qm_reply && d.qm_reply->v1_msg == 2;
}

}  // namespace

// A rekey of the installed SA answered by us (QM2) whose QM3 has not arrived yet.
bool rekey_awaits_qm3(const Ctx& c) {
    const auto& d = c.d();
    return answered_qm_awaits_qm3(d) && d.child && d.next_child->local_ts == d.child->local_ts &&
           d.next_child->remote_ts == d.child->remote_ts;
}

// The answered quick mode's QM3 is no longer awaited: its retransmission stops -- unless our
// own request (an R-U-THERE) held the one retransmission slot, whose timer stays.
void stop_awaiting_qm3(Ctx& c) {
    if (c.d().pending == Pending::QuickModeReply) {
        cancel(c, Timer::Retransmit);
        c.d().pending = Pending::None;
    }
    c.d().next_child.reset();
    c.d().qm_reply.reset();
}

// The peer names the SPIs it receives on: our outbound ones. Phase 1 stays.
void peer_deleted_ipsec_sa(Ctx& c) {
    auto& d = c.d();
    std::string gone;
    for (const auto spi : c.msg().del ? c.msg().del->spis : std::vector<std::uint32_t>{}) {
        if (d.old_child && d.old_child->spi_out == spi) {
            d.old_child.reset();
            gone += fmt::format(" 0x{:08x} (rekeyed)", spi);
        } else if (d.child && d.child->spi_out == spi && rekey_awaits_qm3(c)) {
            // Our QM3 of its rekey has not come (lost), but the rekey initiator deleting the
            // SA it replaced proves it has the new one: install it now (RFC 2409 §5.5).
            d.child = std::move(d.next_child);
            stop_awaiting_qm3(c);
            d.child_state = ChildState::Installed;
            emit(c, Action::Kind::ChildRekeyed);
            gone += fmt::format(" 0x{:08x} (replaced: its rekey is installed without QM3)", spi);
        } else if (d.child && d.child->spi_out == spi) {
            d.child.reset();
            d.child_state = ChildState::None;
            gone += fmt::format(" 0x{:08x} (current)", spi);
            if (d.promote_further_child()) {
                emit(c, Action::Kind::ChildInstalled);
                gone += fmt::format("; further SA spi_in 0x{:08x} is first now", d.child->spi_in);
            } else {
                emit(c, Action::Kind::ChildDeleted);
            }
        } else if (const auto old =
                       std::find_if(d.old_more_children.begin(), d.old_more_children.end(),
                                    [spi](const ChildSa& ch) { return ch.spi_out == spi; });
                   old != d.old_more_children.end()) {
            // The old SA of a further SA's rekey (make-before-break, RFC 2409 §5.5).
            d.old_more_children.erase(old);
            gone += fmt::format(" 0x{:08x} (rekeyed further SA)", spi);
        } else if (const auto it =
                       std::find_if(d.more_children.begin(), d.more_children.end(),
                                    [spi](const ChildSa& ch) { return ch.spi_out == spi; });
                   it != d.more_children.end()) {
            if (answered_qm_awaits_qm3(d) && d.next_child->local_ts == it->local_ts &&
                d.next_child->remote_ts == it->remote_ts) {
                // As for the first SA: our QM3 of its rekey was lost, the Delete proves the
                // initiator has the new SA -- it takes the old one's place (RFC 4301 §5.1).
                *it = std::move(*d.next_child);
                stop_awaiting_qm3(c);
                gone +=
                    fmt::format(" 0x{:08x} (replaced: its rekey is installed without QM3)", spi);
                continue;
            }
            d.more_children.erase(it);
            gone += fmt::format(" 0x{:08x} (further SA)", spi);
        } else {
            gone += fmt::format(" 0x{:08x} (unknown)", spi);
        }
    }
    c.out.reason = Reason::PeerDeletedChild;
    c.out.detail = fmt::format("ISAKMP Delete of ESP SPI{}", gone);
}

// Hard lifetime of the IPsec SA: it is deleted and the peer told so; phase 1 stays.
void expire_phase2(Ctx& c) {
    const ChildSa ch = *c.d().child;
    if (c.d().pending == Pending::RekeyChild) {
        cancel(c, Timer::Retransmit);
        c.d().pending = Pending::None;
    }
    send_delete(c, DeletePayload{false, {ch.spi_in}});
    c.d().child.reset();
    c.d().old_child.reset();
    c.d().child_state = ChildState::None;
    emit(c, Action::Kind::ChildDeleted);
    c.out.reason = Reason::ChildExpired;
    c.out.detail = fmt::format("hard lifetime: ISAKMP Delete of ESP SPI 0x{:08x}", ch.spi_in);
}

// Hard lifetime of a further SA (Input::child_spi, RFC 2409 §5.5): only it is deleted, the
// peer told (RFC 2408 §4.8); phase 1 and the other IPsec SAs stay. Its rekey, if in flight,
// is abandoned as for the first SA.
void expire_further_phase2(Ctx& c) {
    auto& more = c.d().more_children;
    const auto it = std::find_if(more.begin(), more.end(),
                                 [&](const ChildSa& ch) { return ch.spi_in == c.in.child_spi; });
    const ChildSa ch = *it;
    const Message* req = c.d().last_sent ? &*c.d().last_sent : nullptr;
    if (c.d().pending == Pending::RekeyChild && req && req->tsi == ch.local_ts &&
        req->tsr == ch.remote_ts) {
        cancel(c, Timer::Retransmit);
        c.d().pending = Pending::None;
    }
    more.erase(it);
    std::erase_if(c.d().old_more_children, [&](const ChildSa& o) {
        return o.local_ts == ch.local_ts && o.remote_ts == ch.remote_ts;
    });
    send_delete(c, DeletePayload{false, {ch.spi_in}});
    c.out.reason = Reason::ChildExpired;
    c.out.detail =
        fmt::format("hard lifetime: ISAKMP Delete of further SA ESP SPI 0x{:08x}", ch.spi_in);
}

// Hard lifetime of the ISAKMP SA: its IPsec SAs and the SA itself are deleted, the peer told.
void expire_phase1(Ctx& c) {
    cancel(c, Timer::Retransmit);
    DeletePayload esp;
    if (c.d().child) esp.spis.push_back(c.d().child->spi_in);
    for (const auto& ch : c.d().more_children) esp.spis.push_back(ch.spi_in);
    if (!esp.spis.empty()) send_delete(c, esp);
    send_delete(c, DeletePayload{true, {}});
    lose_children(c);
    c.out.reason = Reason::IkeExpired;
    c.out.detail = "hard lifetime: ISAKMP Delete of the IPsec SAs and of the ISAKMP SA";
}

// ---------------------------------------------------------------- DPD (RFC 3706)

namespace {

SimTime dpd_elapsed(const Config& cfg, int retransmits) {
    return std::min(cfg.dpd_delay * (retransmits + 1), cfg.dpd_timeout);
}

}  // namespace

bool pending_dpd(const Ctx& c) {
    return c.d().pending == Pending::Dpd;
}
bool dpd_exhausted(const Ctx& c) {
    return pending_dpd(c) && dpd_elapsed(c.cfg, c.d().retransmits) >= c.cfg.dpd_timeout;
}
bool busy(const Ctx& c) {
    return c.d().busy();
}
// RFC 3706 §6: an ACK counts only with the sequence number of our R-U-THERE.
bool ack_matches(const Ctx& c) {
    return pending_dpd(c) && c.msg().notify_data(NotifyType::RUThereAck) == c.d().next_message_id;
}

// RFC 3706 §5.4: idle for dpd_delay, we ask. The sequence number (§6) is Data::next_message_id,
// which IKEv1 does not otherwise use.
void send_r_u_there(Ctx& c) {
    const std::uint32_t seq = ++c.d().next_message_id;
    Message m = header(c, Exchange::InformationalV1, 1, static_cast<std::uint32_t>(c.in.fresh_spi));
    m.response = false;
    m.notifies.push_back({NotifyType::RUThere, seq});
    c.d().pending = Pending::Dpd;
    send(c, std::move(m), false);
    arm(c, Timer::Retransmit, std::min(c.cfg.dpd_delay, c.cfg.dpd_timeout));
    c.out.reason = Reason::LivenessCheck;
    c.out.detail =
        DeferredText::format("no traffic from the peer for {}: R-U-THERE seq {} (RFC 3706 §5.2)",
                             TimeText{c.cfg.dpd_delay}, seq);
}

void resend_r_u_there(Ctx& c) {
    const int n = ++c.d().retransmits;
    const SimTime elapsed = dpd_elapsed(c.cfg, n - 1);
    emit(c, Action{Action::Kind::Send, *c.d().last_sent, Timer::Retransmit, {}});
    arm(c, Timer::Retransmit, std::min(c.cfg.dpd_delay, c.cfg.dpd_timeout - elapsed));
    c.out.reason = Reason::Retransmit;
    c.out.detail =
        DeferredText::format("R-U-THERE retransmit #{}, unanswered for {}", n, TimeText{elapsed});
}

// RFC 3706 §5.2: answer with R-U-THERE-ACK carrying the same sequence number.
void answer_r_u_there(Ctx& c) {
    const auto seq = c.msg().notify_data(NotifyType::RUThere).value_or(0);
    Message m = header(c, Exchange::InformationalV1, 1, c.msg().message_id);
    m.response = true;
    m.notifies.push_back({NotifyType::RUThereAck, seq});
    emit(c, Action{Action::Kind::Send, std::move(m), Timer::Retransmit, {}});
    c.out.reason = Reason::LivenessAnswered;
    c.out.detail = DeferredText::format("R-U-THERE-ACK seq {}", seq);
}

void note_peer_alive(Ctx& c) {
    cancel(c, Timer::Retransmit);
    c.d().pending = Pending::None;
    c.out.reason = Reason::PeerAlive;
    c.out.detail = DeferredText::format("R-U-THERE-ACK seq {}", c.d().next_message_id);
}

// RFC 3706 §5.5: no answer -- the peer is dead; both phases are deleted locally (nothing is
// sent: the peer is unreachable).
void declare_peer_dead(Ctx& c) {
    const int retransmits = c.d().retransmits;
    lose_children(c);
    c.d().retransmits = retransmits;
    c.out.reason = Reason::DpdTimeout;
    c.out.detail = fmt::format("no R-U-THERE-ACK for {} after {} retransmits",
                               format_time(c.cfg.dpd_timeout), retransmits);
}

}  // namespace vpnsim::ike::v1::detail
