// DOC: the INFORMATIONAL exchange of an established IKEv2 SA (RFC 7296 §1.4, §2.4).
// Liveness: an empty INFORMATIONAL request is the IKEv2 form of RFC 3706's R-U-THERE; any
// answer proves the peer alive. Unlike §2.1's exponential back-off, the check is re-sent every
// dpd_delay and the peer is declared dead once dpd_timeout has passed unanswered -- AWS's
// DpdTimeoutSeconds ("AWS tunnel DPD timed out after {retry_count} retransmits").
// Delete (§1.4.1): a Delete of ESP SPIs removes those CHILD_SAs and is answered with the
// SPIs of the paired inbound SAs; a Delete of the IKE SA ends it and everything under it.
// Other requests (rekey, delete) use §2.1 retransmission; exhausting it ends the IKE SA (§2.4).
#include <fmt/format.h>

#include <algorithm>

#include "models/ike/ikev2_detail.hpp"

namespace vpnsim::ike::detail {
namespace {

// Time since the first liveness check after the n-th re-send.
SimTime dpd_elapsed(const Config& cfg, int retransmits) {
    return std::min(cfg.dpd_delay * (retransmits + 1), cfg.dpd_timeout);
}

// The wait after the n-th liveness check was sent (0: the first).
SimTime liveness_wait(const Config& cfg, int n) {
    if (cfg.liveness_on_request_schedule) return backoff(cfg, n);
    return std::min(cfg.dpd_delay, cfg.dpd_timeout - dpd_elapsed(cfg, n - 1));
}

}  // namespace

// The IKE SA ends: its CHILD_SAs, any retired IKE SA and any half-settled rekey go with it.
void lose_children(Ctx& c) {
    const bool had = c.d().child.has_value();
    c.d().drop_child_sas();
    if (had) {
        c.d().child_state = ChildState::None;
        emit(c, Action::Kind::ChildDeleted);
    }
}

bool pending_dpd(const Ctx& c) {
    return c.d().pending == Pending::Dpd;
}
bool pending_delete(const Ctx& c) {
    return c.d().pending == Pending::DeleteChild;
}
bool pending_request(const Ctx& c) {
    return c.d().pending != Pending::None;
}
bool dpd_exhausted(const Ctx& c) {
    if (!pending_dpd(c)) return false;
    if (c.cfg.liveness_on_request_schedule) return c.d().retransmits >= c.cfg.retransmit_tries;
    return dpd_elapsed(c.cfg, c.d().retransmits) >= c.cfg.dpd_timeout;
}
bool request_exhausted(const Ctx& c) {
    return pending_request(c) && c.d().retransmits >= c.cfg.retransmit_tries;
}
bool deletes_ike_sa(const Ctx& c) {
    return c.msg().del && c.msg().del->ike;
}

// §2.4: "If there has only been outgoing traffic on all of the SAs associated with an IKE SA,
// it is essential to confirm liveness" -- AWS checks after dpd_delay of silence.
void send_liveness_check(Ctx& c) {
    c.d().pending = Pending::Dpd;
    c.d().retransmits = 0;
    send(c, header(c, Exchange::Informational, false, c.d().next_message_id++));
    arm(c, Timer::Retransmit, liveness_wait(c.cfg, 0));
    c.out.reason = Reason::LivenessCheck;
    c.out.detail = DeferredText::format(
        "no traffic from the peer for {}: empty INFORMATIONAL request", TimeText{c.cfg.dpd_delay});
}

void resend_liveness_check(Ctx& c) {
    const int n = ++c.d().retransmits;
    emit(c, Action{Action::Kind::Send, *c.d().last_sent, Timer::Retransmit, {}});
    arm(c, Timer::Retransmit, liveness_wait(c.cfg, n));
    c.out.reason = Reason::Retransmit;
    c.out.detail = c.cfg.liveness_on_request_schedule
                       ? DeferredText::format("liveness check retransmit #{}, next timeout {}", n,
                                              TimeText{liveness_wait(c.cfg, n)})
                       : DeferredText::format("liveness check retransmit #{}, unanswered for {}", n,
                                              TimeText{dpd_elapsed(c.cfg, n - 1)});
}

// RFC 3706 §5.5 / RFC 7296 §2.4: no answer within the timeout -- the peer is dead; the IKE SA
// and its CHILD_SAs are deleted locally (the peer is unreachable, so no Delete is sent).
void declare_peer_dead(Ctx& c) {
    lose_children(c);
    fail(c, Reason::DpdTimeout, std::nullopt);
    c.out.detail = fmt::format("no answer to liveness checks for {} after {} retransmits",
                               format_time(c.cfg.dpd_timeout), c.d().retransmits);
}

void note_peer_alive(Ctx& c) {
    cancel(c, Timer::Retransmit);
    c.d().pending = Pending::None;
    c.out.reason = Reason::PeerAlive;
}

// §2.4: "If the retransmission attempts fail, the IKE SA and all CHILD_SAs are deleted."
void request_timed_out(Ctx& c) {
    lose_children(c);
    fail(c, Reason::RetransmitLimit, std::nullopt);
    c.out.detail = fmt::format("no response after {} retransmits", c.d().retransmits);
}

// §1.4.1: answer an empty request (liveness) or a Delete of ESP SAs with the paired SPIs.
void answer_informational(Ctx& c) {
    const Message& q = c.msg();
    Message m = reply_header(c, Exchange::Informational);
    c.out.reason = Reason::LivenessAnswered;
    if (q.del && !q.del->spis.empty()) {
        DeletePayload mine;
        std::string gone;
        for (const auto spi : q.del->spis) {
            // The peer names its inbound SPI: our outbound one.
            auto& d = c.d();
            if (d.old_child && d.old_child->spi_out == spi) {
                mine.spis.push_back(d.old_child->spi_in);
                d.old_child.reset();
                gone += fmt::format(" 0x{:08x} (rekeyed)", spi);
            } else if (d.child && d.child->spi_out == spi) {
                mine.spis.push_back(d.child->spi_in);
                d.child.reset();
                d.child_state = ChildState::None;
                gone += fmt::format(" 0x{:08x} (current)", spi);
                if (d.promote_further_child()) {
                    emit(c, Action::Kind::ChildInstalled);
                    gone += fmt::format("; further CHILD_SA spi_in 0x{:08x} is first now",
                                        d.child->spi_in);
                } else {
                    emit(c, Action::Kind::ChildDeleted);
                }
            } else if (const auto it =
                           std::find_if(d.more_children.begin(), d.more_children.end(),
                                        [spi](const ChildSa& ch) { return ch.spi_out == spi; });
                       it != d.more_children.end()) {
                mine.spis.push_back(it->spi_in);
                d.more_children.erase(it);
                gone += fmt::format(" 0x{:08x} (further CHILD_SA)", spi);
            } else if (const auto old =
                           std::find_if(d.old_more_children.begin(), d.old_more_children.end(),
                                        [spi](const ChildSa& ch) { return ch.spi_out == spi; });
                       old != d.old_more_children.end()) {
                // The old SA of a further CHILD_SA's rekey (§2.8 make-before-break).
                mine.spis.push_back(old->spi_in);
                d.old_more_children.erase(old);
                gone += fmt::format(" 0x{:08x} (rekeyed further CHILD_SA)", spi);
            } else {
                gone += fmt::format(" 0x{:08x} (unknown)", spi);
            }
        }
        if (!mine.spis.empty()) m.del = std::move(mine);
        c.out.reason = Reason::PeerDeletedChild;
        c.out.detail = fmt::format("Delete ESP SPI{}", gone);
    }
    reply(c, std::move(m));
}

void peer_deleted_ike_sa(Ctx& c) {
    cancel(c, Timer::Retransmit);
    lose_children(c);
    reply(c, reply_header(c, Exchange::Informational));
    fail(c, Reason::PeerDeletedIkeSa, std::nullopt);
    c.out.detail = "Delete IKE SA";
}

void note_old_child_deleted(Ctx& c) {
    cancel(c, Timer::Retransmit);
    c.d().pending = Pending::None;
    c.out.reason = Reason::OldChildDeleted;
    // Our Delete named a rekeyed further CHILD_SA (§2.8): that one goes, `old_child` stays.
    const auto& sent = c.d().last_sent;
    const DeletePayload* del = sent && sent->del ? &*sent->del : nullptr;
    auto& olds = c.d().old_more_children;
    if (del && del->spis.size() == 1) {
        const auto spi = del->spis.front();
        const auto it = std::find_if(olds.begin(), olds.end(),
                                     [spi](const ChildSa& ch) { return ch.spi_in == spi; });
        if (it != olds.end()) {
            c.out.detail = fmt::format("further CHILD_SA spi_in 0x{:08x} spi_out 0x{:08x} removed",
                                       it->spi_in, it->spi_out);
            olds.erase(it);
            return;
        }
    }
    if (c.d().old_child) {
        c.out.detail = fmt::format("spi_in 0x{:08x} spi_out 0x{:08x} removed",
                                   c.d().old_child->spi_in, c.d().old_child->spi_out);
    }
    c.d().old_child.reset();
}

}  // namespace vpnsim::ike::detail
