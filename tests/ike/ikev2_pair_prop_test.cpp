// A stateful, model-based test of two IKEv2 SA machines talking over a lossy, duplicating
// network (rapidcheck): random sequences of deliver / drop / duplicate / fire-timer commands,
// shrunk to a minimal sequence on failure. After every command:
//  - the responder is never Established when the pre-shared keys differ (RFC 7296 §2.15);
//  - when both CHILD_SAs are installed their SPIs pair up and their selectors are mirror images;
//  - the initiator never retransmits more than its configured tries (§2.1);
//  - a delivered message never drives either side into an unexpected (state, event) pair
//    except late duplicates, which the tables ignore.
#include <rapidcheck.h>
#include <rapidcheck/catch.h>
#include <catch2/catch.hpp>

#include <deque>

#include "tests/ike/ike_pair.hpp"

using namespace vpnsim;
using namespace vpnsim::testing;

namespace {

struct Wire {
    std::deque<ike::Message> to_aws;
    std::deque<ike::Message> to_cgw;
};

struct World {
    Side cgw{cgw_cfg(), {}, IkeState::Idle, kCgw, {}};
    Side aws{aws_cfg(), {}, IkeState::Idle, kAws, {}};
    Wire wire;
    std::uint64_t n{100};
    bool cgw_retransmit_armed{false};
    bool aws_half_open_armed{false};
};

void collect(World& w, Side& from, std::deque<ike::Message>& out, bool& armed, ike::Timer timer) {
    for (const auto& a : from.last.actions) {
        if (a.kind == ike::Action::Kind::Send) out.push_back(a.msg);
        if (a.kind == ike::Action::Kind::ArmTimer && a.timer == timer) armed = true;
        if (a.kind == ike::Action::Kind::CancelTimer && a.timer == timer) armed = false;
    }
    (void)w;
}

void run_step(World& w, Side& s, IkeEvent ev, const ike::Message* m, net::Ipv4Addr from) {
    step(s, ev, m, from, ++w.n);
    if (&s == &w.cgw) {
        collect(w, s, w.wire.to_aws, w.cgw_retransmit_armed, ike::Timer::Retransmit);
    } else {
        collect(w, s, w.wire.to_cgw, w.aws_half_open_armed, ike::Timer::HalfOpen);
    }
}

}  // namespace

TEST_CASE("ikev2 - two SA machines over a lossy network", "[ike][ikev2][prop][stateful]") {
    rc::prop("invariants hold after every command", [] {
        World w;
        const bool same_psk = *rc::gen::arbitrary<bool>();
        if (!same_psk) w.cgw.cfg.psk = "another_psk_value";
        run_step(w, w.cgw, IkeEvent::Start, nullptr, kAws);
        const auto commands = *rc::gen::container<std::vector<int>>(rc::gen::inRange(0, 6));
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
                    run_step(w, to, ike::classify(m), &m, c == 0 ? kCgw : kAws);
                    RC_ASSERT(to.last.reason != ike::Reason::UnexpectedEvent ||
                              to.state == IkeState::Established || to.state == IkeState::Failed);
                    break;
                }
                case 2:  // lose the next message to AWS
                    if (!w.wire.to_aws.empty()) w.wire.to_aws.pop_front();
                    break;
                case 3:  // duplicate the next message to AWS
                    if (!w.wire.to_aws.empty()) w.wire.to_aws.push_back(w.wire.to_aws.front());
                    break;
                case 4:  // the CGW's retransmission timer fires
                    if (w.cgw_retransmit_armed) {
                        w.cgw_retransmit_armed = false;
                        run_step(w, w.cgw, IkeEvent::RetransmitTimerExpires, nullptr, kAws);
                    }
                    break;
                case 5:  // AWS's half-open timer fires
                    if (w.aws_half_open_armed) {
                        w.aws_half_open_armed = false;
                        run_step(w, w.aws, IkeEvent::HalfOpenTimerExpires, nullptr, kCgw);
                    }
                    break;
                default:
                    break;
            }
            if (!same_psk) RC_ASSERT(w.aws.state != IkeState::Established);
            RC_ASSERT(w.cgw.data.retransmits <= w.cgw.cfg.retransmit_tries);
            if (w.cgw.data.child_state == ike::ChildState::Installed &&
                w.aws.data.child_state == ike::ChildState::Installed) {
                RC_ASSERT(w.cgw.data.child->spi_in == w.aws.data.child->spi_out);
                RC_ASSERT(w.cgw.data.child->spi_out == w.aws.data.child->spi_in);
                RC_ASSERT(w.cgw.data.child->local_ts == w.aws.data.child->remote_ts);
            }
        }
    });
}
