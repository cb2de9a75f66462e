// A stateful, model-based test of two IKEv2 SA machines talking over a lossy, duplicating
// network (rapidcheck): random sequences of deliver / drop / duplicate / fire-timer commands,
// and IKE SA rekeys started by either side at any moment (RFC 7296 §1.3.2; when both start
// one, §2.8.2), CHILD_SA rekeys and hard expiries (§1.3.3, §1.4.1) and liveness checks
// (§2.4), shrunk to a minimal sequence on failure. Half the runs with matching keys
// start from established SAs, so that the rekeys get most of the commands. Messages for an
// IKE SA the receiver does not hold are dropped, as TunnelEnd does (ike::knows_sa). After
// every command:
//  - the responder is never Established when the pre-shared keys differ (RFC 7296 §2.15);
//  - when both CHILD_SAs are installed and nothing is in flight their SPIs pair up and their
//    selectors are mirror images -- across CHILD_SA rekeys, and IKE SA rekeys, whose new IKE
//    SA inherits them (§2.8);
//  - neither side retransmits more than its configured tries (§2.1);
//  - a delivered message never drives either side into an unexpected (state, event) pair
//    except late duplicates, which the tables ignore;
//  - an IKE SA rekey never makes a side delete the peer's current IKE SA: only the old or a
//    redundant one is deleted (§2.8, §2.8.2), so PeerDeletedIkeSa never happens here;
//  - when both sides are Established and quiet (nothing in flight, nothing pending, no rekey
//    half-settled) they use the same IKE SA.
#include <rapidcheck.h>
#include <rapidcheck/catch.h>
#include <catch2/catch.hpp>

#include <rapidcheck/state.h>

#include <fmt/format.h>

#include <array>
#include <deque>
#include <map>
#include <ostream>
#include <set>
#include <string>

#include "tests/ike/ike_pair.hpp"

using namespace vpnsim;
using namespace vpnsim::testing;

namespace {

struct Wire {
    std::deque<ike::Message> to_aws;
    std::deque<ike::Message> to_cgw;
};

struct Peer {
    Side side;
    std::array<bool, 2> armed{};  // by ike::Timer
};

struct World {
    Peer cgw{{cgw_cfg(), {}, IkeState::Idle, kCgw, {}}, {}};
    Peer aws{{aws_cfg(), {}, IkeState::Idle, kAws, {}}, {}};
    Wire wire;
    std::uint64_t n{100};
};

void collect(Peer& from, std::deque<ike::Message>& out) {
    for (const auto& a : from.side.last.actions) {
        const auto t = static_cast<std::size_t>(a.timer);
        if (a.kind == ike::Action::Kind::Send) out.push_back(a.msg);
        if (a.kind == ike::Action::Kind::ArmTimer) from.armed.at(t) = true;
        if (a.kind == ike::Action::Kind::CancelTimer) from.armed.at(t) = false;
    }
}

void run_step(World& w, Peer& p, IkeEvent ev, const ike::Message* m) {
    const bool is_cgw = &p == &w.cgw;
    step(p.side, ev, m, is_cgw ? kAws : kCgw, ++w.n);
    collect(p, is_cgw ? w.wire.to_aws : w.wire.to_cgw);
    RC_ASSERT(p.side.last.reason != ike::Reason::PeerDeletedIkeSa);
}

// What TunnelEnd::on_ike lets through to the machine.
bool accepted(const Side& s, const ike::Message& m) {
    if (ike::classify(m) == IkeEvent::RecvInitRequest) return true;
    return s.state != IkeState::Idle && ike::knows_sa(s.data, m);
}

void fire(World& w, Peer& p, ike::Timer t) {
    if (!p.armed.at(static_cast<std::size_t>(t))) return;
    p.armed.at(static_cast<std::size_t>(t)) = false;
    run_step(w, p,
             t == ike::Timer::Retransmit ? IkeEvent::RetransmitTimerExpires
                                         : IkeEvent::HalfOpenTimerExpires,
             nullptr);
}

// The adapter's soft lifetime: only when nothing else is in flight (TunnelEnd::on_ike_rekey_due).
void rekey_ike(World& w, Peer& p) {
    if (p.side.state != IkeState::Established || p.side.data.busy()) return;
    run_step(w, p, IkeEvent::RekeyIkeDue, nullptr);
}

// The CHILD_SA's soft lifetime (TunnelEnd: only on an established, idle SA with a CHILD_SA),
// its hard lifetime, and the liveness check of an idle peer (RFC 7296 §2.4).
void rekey_child(World& w, Peer& p) {
    if (p.side.state != IkeState::Established || p.side.data.busy() ||
        p.side.data.child_state != ike::ChildState::Installed) {
        return;
    }
    run_step(w, p, IkeEvent::RekeyChildDue, nullptr);
}
void expire_child(World& w, Peer& p) {
    if (p.side.state != IkeState::Established ||
        p.side.data.child_state != ike::ChildState::Installed) {
        return;
    }
    run_step(w, p, IkeEvent::ChildExpired, nullptr);
}
void liveness_check(World& w, Peer& p) {
    if (p.side.state != IkeState::Established || p.side.data.busy()) return;
    run_step(w, p, IkeEvent::LivenessCheckDue, nullptr);
}

bool quiet(const World& w) {
    const auto& c = w.cgw.side;
    const auto& a = w.aws.side;
    return c.state == IkeState::Established && a.state == IkeState::Established && !c.data.busy() &&
           !a.data.busy() && w.wire.to_aws.empty() && w.wire.to_cgw.empty();
}

}  // namespace

TEST_CASE("ikev2 - two SA machines over a lossy network", "[ike][ikev2][prop][stateful]") {
    rc::prop("invariants hold after every command", [] {
        World w;
        const bool same_psk = *rc::gen::arbitrary<bool>();
        if (!same_psk) w.cgw.side.cfg.psk = "another_psk_value";
        run_step(w, w.cgw, IkeEvent::Start, nullptr);
        // Half the runs start from established SAs, so that rekeys get most of the commands.
        if (same_psk && *rc::gen::arbitrary<bool>()) {
            for (int i = 0; i < 2; ++i) {
                for (auto* q : {&w.wire.to_aws, &w.wire.to_cgw}) {
                    if (q->empty()) continue;
                    const auto m = q->front();
                    q->pop_front();
                    auto& to = q == &w.wire.to_aws ? w.aws : w.cgw;
                    run_step(w, to, ike::classify(m), &m);
                }
            }
            RC_ASSERT(w.cgw.side.state == IkeState::Established);
            RC_ASSERT(w.aws.side.state == IkeState::Established);
        }
        const auto commands = *rc::gen::container<std::vector<int>>(rc::gen::inRange(0, 16));
        for (const int c : commands) {
            switch (c) {
                case 0:  // deliver to AWS
                case 1:  // deliver to the CGW
                {
                    auto& q = c == 0 ? w.wire.to_aws : w.wire.to_cgw;
                    if (q.empty()) break;
                    const auto m = q.front();
                    q.pop_front();
                    auto& to = c == 0 ? w.aws : w.cgw;
                    if (!accepted(to.side, m)) break;
                    run_step(w, to, ike::classify(m), &m);
                    RC_ASSERT(to.side.last.reason != ike::Reason::UnexpectedEvent ||
                              to.side.state == IkeState::Established ||
                              to.side.state == IkeState::Failed);
                    break;
                }
                case 2:  // lose the next message to AWS
                    if (!w.wire.to_aws.empty()) w.wire.to_aws.pop_front();
                    break;
                case 3:  // duplicate the next message to AWS
                    if (!w.wire.to_aws.empty()) w.wire.to_aws.push_back(w.wire.to_aws.front());
                    break;
                case 4:  // the CGW's retransmission timer fires
                    fire(w, w.cgw, ike::Timer::Retransmit);
                    break;
                case 5:  // AWS's half-open timer fires
                    fire(w, w.aws, ike::Timer::HalfOpen);
                    break;
                case 6:  // the CGW's IKE SA reaches its soft lifetime
                    rekey_ike(w, w.cgw);
                    break;
                case 7:  // AWS's IKE SA reaches its soft lifetime
                    rekey_ike(w, w.aws);
                    break;
                case 8:  // AWS's retransmission timer fires
                    fire(w, w.aws, ike::Timer::Retransmit);
                    break;
                case 9:  // lose the next message to the CGW
                    if (!w.wire.to_cgw.empty()) w.wire.to_cgw.pop_front();
                    break;
                case 10:  // duplicate the next message to the CGW
                    if (!w.wire.to_cgw.empty()) w.wire.to_cgw.push_back(w.wire.to_cgw.front());
                    break;
                case 11:  // the CGW's CHILD_SA reaches its soft lifetime (§1.3.3 rekey)
                    rekey_child(w, w.cgw);
                    break;
                case 12:  // AWS's CHILD_SA reaches its soft lifetime
                    rekey_child(w, w.aws);
                    break;
                case 13:  // the CGW's CHILD_SA reaches its hard lifetime (§1.4.1 delete)
                    expire_child(w, w.cgw);
                    break;
                case 14:  // AWS checks the idle CGW's liveness (§2.4)
                    liveness_check(w, w.aws);
                    break;
                case 15:  // the CGW checks AWS's liveness
                    liveness_check(w, w.cgw);
                    break;
                default:
                    break;
            }
            const auto& cgw = w.cgw.side;
            const auto& aws = w.aws.side;
            if (!same_psk) RC_ASSERT(aws.state != IkeState::Established);
            RC_ASSERT(cgw.data.retransmits <= cgw.cfg.retransmit_tries);
            RC_ASSERT(aws.data.retransmits <= aws.cfg.retransmit_tries);
            // A CHILD_SA rekey is make-before-break (§2.8): while its exchange is in flight
            // the two sides may each hold a different newest SA; once settled they pair up.
            const bool both = cgw.data.child_state == ike::ChildState::Installed &&
                              aws.data.child_state == ike::ChildState::Installed;
            if (both && quiet(w)) {
                RC_ASSERT(cgw.data.child->spi_in == aws.data.child->spi_out);
                RC_ASSERT(cgw.data.child->spi_out == aws.data.child->spi_in);
                RC_ASSERT(cgw.data.child->local_ts == aws.data.child->remote_ts);
            }
            if (quiet(w)) {
                RC_ASSERT(cgw.data.spi_i == aws.data.spi_i);
                RC_ASSERT(cgw.data.spi_r == aws.data.spi_r);
            }
        }
    });
}

// The same two machines under rapidcheck's state testing (rc::state): the model is the pair of
// pure machines with the wire between them, plus a ledger of the RFC 7296 rules that an
// observer of the messages can check; each command is applied to the model and to the system
// under test, which must end equal (the steps are pure), and the ledger must hold:
//  - §2.2: a side's requests on an IKE SA are numbered 0, 1, 2, ...: a new request carries the
//    next Message ID, a retransmission the same one;
//  - §2.3 (window size 1): a side sends its next request only once the previous one was
//    answered -- or it gave up on the SA;
//  - §2.2: a response carries the Message ID of a request the side received on that SA;
//  - §2.15: the responder is never Established when the pre-shared keys differ.
namespace {

struct Ledger {
    struct Sa {
        std::optional<std::uint32_t> last_request;  // this side's latest request
        bool answered{true};                        // ...and whether its response arrived
        std::set<std::uint32_t> received;           // requests from the peer
    };
    std::array<std::map<std::uint64_t, Sa>, 2> sides;  // [0] CGW, [1] AWS; by IKE SA spi_i
    std::string broken;                                // the first rule broken, if any

    void note(std::string why) {
        if (broken.empty()) broken = std::move(why);
    }
    void sent(int side, const ike::Message& m, IkeState state) {
        auto& sa = sides[side][m.spi_i];
        if (m.response) {
            if (!sa.received.count(m.message_id)) {
                note(fmt::format("side {} answered Message ID {} it never received", side,
                                 m.message_id));
            }
            return;
        }
        if (sa.last_request && m.message_id == *sa.last_request) return;  // a retransmission
        const std::uint32_t expected = sa.last_request ? *sa.last_request + 1 : 0;
        if (m.message_id != expected && m.exchange != ike::Exchange::IkeAuth) {
            note(fmt::format("side {} sent request {} after {} (§2.2)", side, m.message_id,
                             sa.last_request ? static_cast<long>(*sa.last_request) : -1L));
        }
        if (!sa.answered && state != IkeState::Failed) {
            note(fmt::format("side {} sent request {} ({}) with {} unanswered (§2.3)", side,
                             m.message_id, ike::to_string(m.exchange), *sa.last_request));
        }
        sa.last_request = m.message_id;
        sa.answered = false;
    }
    void received(int side, const ike::Message& m) {
        auto& sa = sides[side][m.spi_i];
        if (!m.response) {
            sa.received.insert(m.message_id);
        } else if (sa.last_request && m.message_id == *sa.last_request) {
            sa.answered = true;
        }
    }
};

struct Lifecycle {
    World w;
    Ledger ledger;
    bool same_psk{true};
};

void record_sends(Lifecycle& l, int side, const Peer& p) {
    for (const auto& a : p.side.last.actions) {
        if (a.kind != ike::Action::Kind::Send) continue;
        const bool was_broken = !l.ledger.broken.empty();
        l.ledger.sent(side, a.msg, p.side.state);
        if (!was_broken && !l.ledger.broken.empty()) {
            l.ledger.broken +=
                fmt::format(" -- the step: {} ({})", ike::to_string(p.side.last.reason),
                            p.side.last.detail.str());
        }
    }
}

// One command of the loop above, on a lifecycle, with the ledger kept.
void perform(Lifecycle& l, int c) {
    auto& w = l.w;
    const auto step_on = [&](Peer& p, IkeEvent ev, const ike::Message* m) {
        run_step(w, p, ev, m);
        record_sends(l, &p == &w.cgw ? 0 : 1, p);
    };
    const auto deliver_next = [&](std::deque<ike::Message>& q, Peer& to) {
        if (q.empty()) return;
        const auto m = q.front();
        q.pop_front();
        if (!accepted(to.side, m)) return;
        l.ledger.received(&to == &w.cgw ? 0 : 1, m);
        step_on(to, ike::classify(m), &m);
    };
    const auto timer = [&](Peer& p, ike::Timer t) {
        if (!p.armed.at(static_cast<std::size_t>(t))) return;
        p.armed.at(static_cast<std::size_t>(t)) = false;
        step_on(p,
                t == ike::Timer::Retransmit ? IkeEvent::RetransmitTimerExpires
                                            : IkeEvent::HalfOpenTimerExpires,
                nullptr);
    };
    const auto when_idle = [&](Peer& p, IkeEvent ev, bool need_child) {
        if (p.side.state != IkeState::Established || p.side.data.busy()) return;
        if (need_child && p.side.data.child_state != ike::ChildState::Installed) return;
        step_on(p, ev, nullptr);
    };
    switch (c) {
        case 0:
            deliver_next(w.wire.to_aws, w.aws);
            break;
        case 1:
            deliver_next(w.wire.to_cgw, w.cgw);
            break;
        case 2:
            if (!w.wire.to_aws.empty()) w.wire.to_aws.pop_front();
            break;
        case 3:
            if (!w.wire.to_cgw.empty()) w.wire.to_cgw.pop_front();
            break;
        case 4:
            if (!w.wire.to_aws.empty()) w.wire.to_aws.push_back(w.wire.to_aws.front());
            break;
        case 5:
            if (!w.wire.to_cgw.empty()) w.wire.to_cgw.push_back(w.wire.to_cgw.front());
            break;
        case 6:
            timer(w.cgw, ike::Timer::Retransmit);
            break;
        case 7:
            timer(w.aws, ike::Timer::Retransmit);
            break;
        case 8:
            timer(w.aws, ike::Timer::HalfOpen);
            break;
        case 9:
            when_idle(w.cgw, IkeEvent::RekeyIkeDue, false);
            break;
        case 10:
            when_idle(w.aws, IkeEvent::RekeyIkeDue, false);
            break;
        case 11:
            when_idle(w.cgw, IkeEvent::RekeyChildDue, true);
            break;
        case 12:
            when_idle(w.aws, IkeEvent::RekeyChildDue, true);
            break;
        case 13:
            when_idle(w.cgw, IkeEvent::LivenessCheckDue, false);
            break;
        case 14:
            when_idle(w.aws, IkeEvent::LivenessCheckDue, false);
            break;
        default:
            break;
    }
    if (!l.same_psk && w.aws.side.state == IkeState::Established) {
        l.ledger.note("the responder is Established with a wrong pre-shared key (§2.15)");
    }
}

constexpr const char* kCommandNames[] = {
    "deliver to AWS",      "deliver to CGW",     "lose to AWS",          "lose to CGW",
    "duplicate to AWS",    "duplicate to CGW",   "CGW retransmit timer", "AWS retransmit timer",
    "AWS half-open timer", "CGW IKE rekey due",  "AWS IKE rekey due",    "CGW CHILD rekey due",
    "AWS CHILD rekey due", "CGW liveness check", "AWS liveness check"};

struct Act : rc::state::Command<Lifecycle, Lifecycle> {
    int kind{*rc::gen::inRange(0, 15)};
    void apply(Lifecycle& m) const override { perform(m, kind); }
    void run(const Lifecycle& m, Lifecycle& sut) const override {
        Lifecycle expected = m;
        perform(expected, kind);
        perform(sut, kind);
        // Pure machines: the system under test ends where the model does.
        RC_ASSERT(sut.w.cgw.side.state == expected.w.cgw.side.state);
        RC_ASSERT(sut.w.aws.side.state == expected.w.aws.side.state);
        RC_ASSERT(sut.w.wire.to_aws.size() == expected.w.wire.to_aws.size());
        RC_ASSERT(sut.w.wire.to_cgw.size() == expected.w.wire.to_cgw.size());
        RC_ASSERT(sut.w.cgw.side.data.spi_i == expected.w.cgw.side.data.spi_i);
        RC_LOG() << sut.ledger.broken;
        RC_ASSERT(sut.ledger.broken.empty());
    }
    void show(std::ostream& os) const override { os << kCommandNames[kind]; }
};

}  // namespace

TEST_CASE("ikev2 - SA lifecycle against the RFC 7296 message rules (rc::state)",
          "[ike][ikev2][prop][stateful]") {
    rc::prop("Message IDs, window size 1, responses and PSKs follow §2.2, §2.3, §2.15", [] {
        Lifecycle start;
        start.same_psk = *rc::gen::weightedElement<bool>({{4, true}, {1, false}});
        if (!start.same_psk) start.w.cgw.side.cfg.psk = "another_psk_value";
        perform(start, 99);  // no command: only so the ledger exists
        run_step(start.w, start.w.cgw, IkeEvent::Start, nullptr);
        record_sends(start, 0, start.w.cgw);
        Lifecycle sut = start;
        rc::state::check(start, sut, rc::state::gen::execOneOfWithArgs<Act>());
    });
}
