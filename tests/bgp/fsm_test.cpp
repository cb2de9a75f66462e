// Rules of the BGP FSM, one TEST_CASE per rule, named after the RFC section it protects.
#include "models/bgp/fsm.hpp"

#include <catch2/catch.hpp>

#include "models/bgp/describe.hpp"
#include "tests/bgp/fsm_support.hpp"

namespace vpnsim::bgp {
using namespace test;

TEST_CASE("bgp fsm - start initiates or awaits TCP (RFC 4271 §8.2.2 Idle)", "[bgp][fsm]") {
    Fsm f;
    SECTION("active") {
        const auto r = f.feed(Event::ManualStart);
        CHECK(r.next == State::Connect);
        CHECK(r.reason == Reason::ManualStart);
        CHECK(has<InitiateTcp>(r));
        CHECK(started(r, TimerId::ConnectRetry) == sec(30));
    }
    SECTION("passive (Event 4 semantics)") {
        f.cfg.passive = true;
        const auto r = f.feed(Event::ManualStart);
        CHECK(r.next == State::Active);
        CHECK_FALSE(has<InitiateTcp>(r));
    }
}

TEST_CASE("bgp fsm - OPEN exchange reaches Established (RFC 4271 §8.2.2)", "[bgp][fsm]") {
    Fsm f;
    f.feed(Event::ManualStart);
    const auto r1 = f.feed(Event::TcpCrAcked);  // Event 16
    CHECK(r1.next == State::OpenSent);
    CHECK(sent(r1) == std::vector<Message>{Open{64512, 30, addr("169.254.10.1")}});
    CHECK(started(r1, TimerId::Hold) == kOpenHoldTime);
    CHECK(stopped(r1, TimerId::ConnectRetry));

    const auto r2 = f.receive(f.peer_open());  // Event 19
    CHECK(r2.next == State::OpenConfirm);
    CHECK(sent(r2) == std::vector<Message>{Keepalive{}});
    CHECK(f.data.peer_as == 65000);
    CHECK(f.data.peer_bgp_id == addr("169.254.10.2"));

    const auto r3 = f.receive(Keepalive{});  // Event 26
    CHECK(r3.next == State::Established);
    // On entering Established the speaker announces its prefixes, AS_PATH = [local AS].
    const auto update = Update{{}, {prefix("172.31.0.0/16")}, {64512}, addr("169.254.10.1"), 0, {}};
    CHECK(sent(r3) == std::vector<Message>{update});
}

TEST_CASE("bgp fsm - one UPDATE per set of path attributes (RFC 4271 §4.3, RFC 1997)",
          "[bgp][fsm]") {
    Fsm f;
    f.cfg.announce = {prefix("172.31.0.0/16"), prefix("172.16.0.0/16"), prefix("172.17.0.0/16")};
    f.cfg.med = 10;
    // A route-map entry for the second prefix: its own prepend, MED and community.
    f.cfg.prefix_attrs = {
        {prefix("172.16.0.0/16"), std::vector<std::uint32_t>{64512}, 200U, {(64512U << 16) | 7U}}};
    f.feed(Event::ManualStart);
    f.feed(Event::TcpCrAcked);
    f.receive(f.peer_open());
    const auto r = f.receive(Keepalive{});
    REQUIRE(r.next == State::Established);
    const auto nh = addr("169.254.10.1");
    CHECK(
        sent(r) ==
        std::vector<Message>{
            Update{{}, {prefix("172.31.0.0/16"), prefix("172.17.0.0/16")}, {64512}, nh, 10, {}},
            Update{{}, {prefix("172.16.0.0/16")}, {64512, 64512}, nh, 200, {(64512U << 16) | 7U}}});
    CHECK(summary(sent(r).at(1)).find("community 64512:7") != std::string::npos);
}

TEST_CASE("bgp fsm - hold time negotiation (RFC 4271 §4.2)", "[bgp][fsm]") {
    Fsm f;
    f.feed(Event::ManualStart);
    f.feed(Event::TcpConnectionConfirmed);  // Event 17
    SECTION("the smaller hold time wins, keepalive is at most a third") {
        const auto r = f.receive(f.peer_open(90));
        CHECK(f.data.hold_time_s == 30);
        CHECK(f.data.keepalive_s == 10);
        CHECK(started(r, TimerId::Hold) == sec(30));
        CHECK(started(r, TimerId::Keepalive) == sec(10));
    }
    SECTION("a peer hold of 9 s gives keepalive 3 s") {
        f.receive(f.peer_open(9));
        CHECK(f.data.hold_time_s == 9);
        CHECK(f.data.keepalive_s == 3);
    }
    SECTION("hold time 0 disables both timers") {
        const auto r = f.receive(f.peer_open(0));
        CHECK(f.data.hold_time_s == 0);
        CHECK(stopped(r, TimerId::Hold));
        CHECK_FALSE(started(r, TimerId::Keepalive));
    }
    SECTION("hold time 1 or 2 is refused with NOTIFICATION 2/6 (§6.2)") {
        const auto r = f.receive(f.peer_open(GENERATE(1, 2)));
        CHECK(r.next == State::Idle);
        CHECK(r.reason == Reason::UnacceptableHoldTime);
        CHECK(notifications(r) == std::vector<Notification>{{2, 6}});
    }
}

TEST_CASE("bgp fsm - hold time below the configured minimum is refused with 2/6 (RFC 4271 §6.2)",
          "[bgp][fsm]") {
    // Cisco IOS `timers bgp 60 180 90`: a neighbor must offer at least 90 s.
    Fsm f;
    f.cfg.hold_time_s = 180;
    f.cfg.keepalive_s = 60;
    f.cfg.min_hold_time_s = 90;
    f.feed(Event::ManualStart);
    f.feed(Event::TcpCrAcked);
    SECTION("below the minimum (AWS's 30 s, or 0) is an OPEN error") {
        const auto hold = GENERATE(as<std::uint16_t>{}, 30, 89, 0);
        CAPTURE(hold);
        const auto open = f.peer_open(hold);
        const auto r = f.receive(open);
        CHECK(r.next == State::Idle);
        CHECK(r.reason == Reason::UnacceptableHoldTime);
        CHECK(notifications(r) == std::vector<Notification>{{2, 6}});
        CHECK(has<DropTcp>(r));
        CHECK(f.data.last_error == Reason::UnacceptableHoldTime);
        CHECK(f.data.hold_time_s == 0);  // nothing negotiated
        CHECK(describe_step(f.cfg, Data{}, State::OpenSent, classify(f.cfg, open), r).str() ==
              fmt::format("sent NOTIFICATION 2/6 (Unacceptable Hold Time); peer hold time {}s, "
                          "below our minimum 90s; idle hold 2.000s",
                          hold));
    }
    SECTION("the minimum itself and above are accepted; the smaller hold is negotiated") {
        const auto hold = GENERATE(as<std::uint16_t>{}, 90, 240);
        const auto r = f.receive(f.peer_open(hold));
        CHECK(r.next == State::OpenConfirm);
        CHECK(f.data.hold_time_s == std::min<std::uint16_t>(hold, 180));
    }
    SECTION("a refusing session cycles with a growing idle hold, never Established") {
        std::vector<SimTime> holds;
        for (int cycle = 0; cycle < 3; ++cycle) {
            const auto r = f.receive(f.peer_open(30));
            REQUIRE(r.next == State::Idle);
            holds.push_back(*started(r, TimerId::IdleHold));
            CHECK(f.feed(Event::IdleHoldTimerExpires).next == State::Connect);
            CHECK(f.feed(Event::TcpCrAcked).next == State::OpenSent);
        }
        CHECK(holds == std::vector<SimTime>{sec(2), sec(4), sec(8)});
    }
    SECTION("without a minimum any hold time of 3 s or more is accepted") {
        f.cfg.min_hold_time_s = 0;
        CHECK(f.receive(f.peer_open(3)).next == State::OpenConfirm);
    }
}

TEST_CASE("bgp fsm - bad peer AS sends NOTIFICATION 2/2 (RFC 4271 §6.2)", "[bgp][fsm]") {
    Fsm f;
    f.feed(Event::ManualStart);
    f.feed(Event::TcpCrAcked);
    auto open = f.peer_open();
    open.my_as = 65001;
    const auto r = f.receive(open);
    CHECK(r.next == State::Idle);
    CHECK(r.reason == Reason::BadPeerAs);
    CHECK(notifications(r) == std::vector<Notification>{{2, 2}});
    CHECK(has<DropTcp>(r));
    CHECK(started(r, TimerId::IdleHold) == sec(2));
    CHECK(describe_step(f.cfg, Data{}, State::OpenSent, classify(f.cfg, open), r).str() ==
          "sent NOTIFICATION 2/2 (Bad Peer AS); remote AS is 65001, expected 65000; "
          "idle hold 2.000s");
}

TEST_CASE("bgp fsm - idle hold back-off (RFC 4271 §8.1.1 DampPeerOscillations)", "[bgp][fsm]") {
    Fsm f;
    auto bad = f.peer_open();
    bad.my_as = 1;
    f.feed(Event::ManualStart);
    std::vector<SimTime> holds;
    for (int cycle = 0; cycle < 9; ++cycle) {
        f.feed(Event::TcpCrAcked);
        const auto r = f.receive(bad);
        REQUIRE(r.next == State::Idle);
        holds.push_back(*started(r, TimerId::IdleHold));
        const auto restart = f.feed(Event::IdleHoldTimerExpires);  // Event 13
        CHECK(restart.next == State::Connect);
        CHECK(restart.reason == Reason::IdleHoldExpired);
    }
    CHECK(holds == std::vector<SimTime>{sec(2), sec(4), sec(8), sec(16), sec(32), sec(64),
                                        sec(120), sec(120), sec(120)});
    SECTION("reaching Established resets it") {
        f.feed(Event::TcpCrAcked);
        f.receive(f.peer_open());
        f.receive(Keepalive{});
        CHECK(started(f.feed(Event::HoldTimerExpires), TimerId::IdleHold) == sec(2));
    }
    SECTION("ManualStop cancels the restart and resets it") {
        f.feed(Event::TcpCrAcked);
        f.receive(bad);
        const auto r = f.feed(Event::ManualStop);
        CHECK(r.next == State::Idle);
        CHECK(stopped(r, TimerId::IdleHold));
        CHECK(f.data.idle_hold == sec(2));
    }
}

TEST_CASE("bgp fsm - hold timer (RFC 4271 §8.2.2 Event 10)", "[bgp][fsm]") {
    Fsm f;
    f.establish();
    f.receive(f.peer_update({prefix("10.0.0.0/16")}));
    const auto r = f.feed(Event::HoldTimerExpires);
    CHECK(r.next == State::Idle);
    CHECK(r.reason == Reason::HoldTimerExpired);
    CHECK(notifications(r) == std::vector<Notification>{{4, 0}});
    CHECK(f.data.accepted.empty());
    CHECK(all<RoutesChanged>(r).front().accepted == 0);
    SECTION("OpenSent waits 240 s for the OPEN") {
        Fsm g;
        g.feed(Event::ManualStart);
        g.feed(Event::TcpCrAcked);
        CHECK(notifications(g.feed(Event::HoldTimerExpires)) == std::vector<Notification>{{4, 0}});
    }
}

TEST_CASE("bgp fsm - KEEPALIVE and UPDATE restart the hold timer (RFC 4271 §8.2.2 Events 26, 27)",
          "[bgp][fsm]") {
    Fsm f;
    f.establish();
    CHECK(started(f.receive(Keepalive{}), TimerId::Hold) == sec(30));
    CHECK(started(f.receive(f.peer_update({prefix("10.0.0.0/16")})), TimerId::Hold) == sec(30));
    const auto k = f.feed(Event::KeepaliveTimerExpires);  // Event 11
    CHECK(sent(k) == std::vector<Message>{Keepalive{}});
    CHECK(started(k, TimerId::Keepalive) == sec(10));
}

TEST_CASE("bgp fsm - UPDATE adds and withdraws prefixes (RFC 4271 §9.1)", "[bgp][fsm]") {
    Fsm f;
    f.establish();
    const auto r1 = f.receive(f.peer_update({prefix("10.0.0.0/16"), prefix("10.1.0.0/16")}));
    CHECK(r1.reason == Reason::UpdateReceived);
    CHECK(all<RoutesChanged>(r1).front().accepted == 2);
    auto withdraw = Update{{prefix("10.0.0.0/16")}, {}, {}, {}, 0, {}};
    f.receive(withdraw);
    CHECK(f.data.accepted == PrefixSet{prefix("10.1.0.0/16")});
    SECTION("a malformed AS_PATH is an UPDATE error 3/11 (§6.3)") {
        auto bad = f.peer_update({prefix("10.2.0.0/16")});
        bad.as_path = {65099};
        const auto r = f.receive(bad);
        CHECK(r.next == State::Idle);
        CHECK(r.reason == Reason::UpdateMessageError);
        CHECK(notifications(r) == std::vector<Notification>{{3, 11}});
    }
}

TEST_CASE("bgp fsm - routes with our own AS in the AS_PATH are denied (AWS)", "[bgp][fsm]") {
    Fsm f;
    f.establish();
    auto looped = f.peer_update({prefix("10.9.0.0/16")});
    looped.as_path = {65000, 64512, 65010};
    const auto r = f.receive(looped);
    CHECK(f.state == State::Established);
    CHECK(f.data.accepted.empty());
    CHECK(f.data.denied == 1);
    REQUIRE(all<RoutesDenied>(r).size() == 1);
    CHECK(all<RoutesDenied>(r).front().reason == Reason::AsPathContainsOwnAs);
    SECTION("without the policy the route is accepted") {
        Fsm g;
        g.cfg.deny_own_as = false;
        g.establish();
        g.receive(looped);
        CHECK(g.data.accepted.size() == 1);
    }
}

TEST_CASE("bgp fsm - routes with a non-connected NEXT_HOP are denied (RFC 4271 §6.3, AWS)",
          "[bgp][fsm]") {
    Fsm f;
    f.establish();
    f.receive(f.peer_update({prefix("10.1.0.0/16")}));
    REQUIRE(f.data.accepted.size() == 1);
    auto update = f.peer_update({prefix("10.0.0.0/16"), prefix("10.1.0.0/16")});
    update.next_hop = addr("10.0.0.1");  // a LAN address of the CGW, not on 169.254.10.0/30
    const auto r = f.receive(update);
    CHECK(r.next == State::Established);  // §6.3: no NOTIFICATION, the session stays
    CHECK(notifications(r).empty());
    CHECK(f.data.accepted.empty());  // the re-announced 10.1.0.0/16 is replaced, i.e. gone
    CHECK(f.data.denied == 2);
    REQUIRE(all<RoutesDenied>(r).size() == 1);
    const auto denied = all<RoutesDenied>(r).front();
    CHECK(denied.reason == Reason::NextHopNotConnected);
    CHECK(denied.next_hop == addr("10.0.0.1"));
    CHECK(all<RoutesChanged>(r).front().accepted == 0);
    CHECK(describe_denial(f.cfg, denied) ==
          "NEXT_HOP 10.0.0.1 is not on the connected subnet 169.254.10.0/30");
    SECTION("a next hop on the connected subnet is accepted") {
        update.next_hop = addr("169.254.10.2");
        f.receive(update);
        CHECK(f.data.accepted.size() == 2);
    }
    SECTION("an AS_PATH loop is reported first") {
        update.as_path = {65000, 64512};
        CHECK(all<RoutesDenied>(f.receive(update)).front().reason == Reason::AsPathContainsOwnAs);
    }
    SECTION("without the policy the route is accepted") {
        Fsm g;
        g.cfg.connected_net.reset();
        g.establish();
        g.receive(update);
        CHECK(g.data.accepted.size() == 2);
    }
}

TEST_CASE("bgp fsm - maximum prefixes sends Cease 6/1 (RFC 4486 §4)", "[bgp][fsm]") {
    Fsm f;
    f.cfg.max_prefixes = 2;
    f.establish();
    f.receive(f.peer_update({prefix("10.0.0.0/16"), prefix("10.1.0.0/16")}));
    CHECK(f.state == State::Established);
    const auto r = f.receive(f.peer_update({prefix("10.2.0.0/16")}));
    CHECK(r.next == State::Idle);
    CHECK(r.reason == Reason::MaxPrefixExceeded);
    CHECK(notifications(r) == std::vector<Notification>{{6, 1}});
    CHECK(f.data.accepted.empty());
}

TEST_CASE("bgp fsm - ConnectRetry timer (RFC 4271 §8.2.2 Event 9)", "[bgp][fsm]") {
    Fsm f;
    f.feed(Event::ManualStart);
    const auto r = f.feed(Event::ConnectRetryTimerExpires);
    CHECK(r.next == State::Connect);
    CHECK(has<DropTcp>(r));
    CHECK(has<InitiateTcp>(r));
    CHECK(started(r, TimerId::ConnectRetry) == sec(30));
    SECTION("a TCP failure in Connect moves to Active (FRR), ConnectRetry brings it back") {
        const auto fail = f.feed(Event::TcpConnectionFails);
        CHECK(fail.next == State::Active);
        CHECK(fail.reason == Reason::TcpConnectionFails);
        CHECK(f.feed(Event::ConnectRetryTimerExpires).next == State::Connect);
    }
    SECTION("a passive speaker keeps listening in Active") {
        Fsm g;
        g.cfg.passive = true;
        g.feed(Event::ManualStart);
        const auto p = g.feed(Event::ConnectRetryTimerExpires);
        CHECK(p.next == State::Active);
        CHECK_FALSE(has<InitiateTcp>(p));
    }
}

TEST_CASE("bgp fsm - TCP failure after OPEN (RFC 4271 §8.2.2 Event 18)", "[bgp][fsm]") {
    Fsm f;
    f.feed(Event::ManualStart);
    f.feed(Event::TcpCrAcked);
    SECTION("OpenSent returns to Active") {
        const auto r = f.feed(Event::TcpConnectionFails);
        CHECK(r.next == State::Active);
        CHECK(stopped(r, TimerId::Hold));
        CHECK(started(r, TimerId::ConnectRetry) == sec(30));
    }
    SECTION("Established goes to Idle and restarts after the idle hold") {
        f.receive(f.peer_open());
        f.receive(Keepalive{});
        const auto r = f.feed(Event::TcpConnectionFails);
        CHECK(r.next == State::Idle);
        CHECK(notifications(r).empty());
        CHECK(started(r, TimerId::IdleHold));
    }
}

TEST_CASE("bgp fsm - NOTIFICATION received (RFC 4271 §8.2.2 Events 24, 25)", "[bgp][fsm]") {
    Fsm f;
    f.establish();
    const auto r = f.receive(Notification{6, 2});
    CHECK(r.next == State::Idle);
    CHECK(r.reason == Reason::NotificationReceived);
    CHECK(notifications(r).empty());  // never answer a NOTIFICATION
    CHECK(f.data.last_received == Notification{6, 2});
    SECTION("a version error is Event 24") {
        Fsm g;
        g.feed(Event::ManualStart);
        g.feed(Event::TcpCrAcked);
        CHECK(classify(g.cfg, Notification{2, 1}).event == Event::NotifMsgVerErr);
        CHECK(g.receive(Notification{2, 1}).reason == Reason::VersionError);
    }
}

TEST_CASE("bgp fsm - unexpected events are FSM errors (RFC 4271 §8.2.2, RFC 6608)", "[bgp][fsm]") {
    Fsm f;
    f.feed(Event::ManualStart);
    SECTION("before OpenSent there is nothing to send the NOTIFICATION on") {
        const auto r = f.receive(Keepalive{});
        CHECK(r.next == State::Idle);
        CHECK(r.reason == Reason::FsmError);
        CHECK(notifications(r).empty());
    }
    SECTION("OpenSent 5/1, OpenConfirm 5/2, Established 5/3") {
        f.feed(Event::TcpCrAcked);
        Fsm sent_state = f;
        CHECK(notifications(sent_state.receive(Keepalive{})) == std::vector<Notification>{{5, 1}});
        f.receive(f.peer_open());
        Fsm confirm = f;
        CHECK(notifications(confirm.receive(f.peer_update({}))) ==
              std::vector<Notification>{{5, 2}});
        f.receive(Keepalive{});
        CHECK(notifications(f.receive(f.peer_open())) == std::vector<Notification>{{5, 3}});
    }
}

TEST_CASE("bgp fsm - ManualStop sends Cease 6/2 (RFC 4486 §4)", "[bgp][fsm]") {
    Fsm f;
    f.establish();
    const auto r = f.feed(Event::ManualStop);
    CHECK(r.next == State::Idle);
    CHECK(notifications(r) == std::vector<Notification>{{6, 2}});
    CHECK_FALSE(started(r, TimerId::IdleHold));  // a stopped session does not restart
    for (const auto t : kTimers) CHECK(stopped(r, t));
}

TEST_CASE("bgp message - wire sizes (RFC 4271 §4)", "[bgp][message]") {
    CHECK(wire_size(Keepalive{}) == 19);
    CHECK(wire_size(Open{}) == 37);  // 29 + the RFC 6793 capability parameter
    CHECK(wire_size(Notification{4, 0}) == 21);
    CHECK(wire_size(Update{}) == 23);  // End-of-RIB
    CHECK(wire_size(Update{{prefix("10.0.0.0/24")}, {}, {}, {}, 0, {}}) == 27);
    // 19 + 4 + ORIGIN 4 + AS_PATH (3 + 2 + 4) + NEXT_HOP 7 + 10.0.0.0/16 (1 + 2)
    CHECK(wire_size(Update{{}, {prefix("10.0.0.0/16")}, {65000}, addr("1.1.1.1"), 0, {}}) == 46);
}

TEST_CASE("bgp describe - NOTIFICATION names (RFC 4271 §4.5, RFC 4486)", "[bgp][message]") {
    CHECK(describe(Notification{2, 2}) == "NOTIFICATION 2/2 (Bad Peer AS)");
    CHECK(describe(Notification{6, 1}) ==
          "NOTIFICATION 6/1 (Cease/Maximum Number of Prefixes Reached)");
    CHECK(notification_name(Notification{4, 0}) == "Hold Timer Expired");
    CHECK(summary(Open{65000, 30, addr("169.254.10.2")}) ==
          "OPEN as 65000 hold 30 id 169.254.10.2");
}

}  // namespace vpnsim::bgp
