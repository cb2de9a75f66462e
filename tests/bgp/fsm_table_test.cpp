// Totality of the BGP transition table (STYLE 8): every (State x Event) pair is either handled
// by the table, ending in an unguarded row, or listed in kIgnored -- never both, never neither.
#include <catch2/catch.hpp>

#include "tests/bgp/fsm_support.hpp"

namespace vpnsim::bgp {
using namespace test;

TEST_CASE("bgp fsm table - every (state, event) pair is handled", "[bgp][fsm][table]") {
    const auto s = GENERATE(from_range(kStates));
    const auto e = GENERATE(from_range(kEvents));
    CAPTURE(to_string(s), to_string(e));
    bool catch_all = false;
    bool after_catch_all = false;
    for (const auto& t : transitions()) {
        if (t.from != s || t.on != e) continue;
        after_catch_all |= catch_all;
        catch_all |= t.guard == nullptr;
    }
    int ignored_rows = 0;
    for (const auto& i : ignored()) ignored_rows += i.state == s && i.on == e ? 1 : 0;
    CHECK((catch_all ? 1 : 0) + ignored_rows == 1);
    CHECK_FALSE(after_catch_all);  // a row after the unguarded one could never fire

    const auto r = step(aws_config(), Data{}, s, Input{e});
    CHECK(r.reason != Reason::UnexpectedEvent);
    if (ignored_rows == 1) {  // ignored means ignored: no state change, nothing done
        CHECK(r.next == s);
        CHECK(r.actions.empty());
    }
}

TEST_CASE("bgp fsm table - every error path to Idle schedules a restart (RFC 4271 §8.1.1)",
          "[bgp][fsm][table]") {
    // A failing session must cycle, not freeze: all ways into Idle except ManualStop start
    // the IdleHoldTimer, and Idle leaves on its expiry.
    for (const auto& t : transitions()) {
        if (t.to != State::Idle || t.from == State::Idle || t.on == Event::ManualStop) continue;
        if (t.guard != nullptr) continue;  // guarded rows are covered in fsm_test.cpp
        CAPTURE(to_string(t.from), to_string(t.on));
        const auto r = step(aws_config(), Data{}, t.from, Input{t.on});
        CHECK(started(r, TimerId::IdleHold));
        CHECK(has<DropTcp>(r));
        CHECK(stopped(r, TimerId::Hold));
        CHECK(stopped(r, TimerId::ConnectRetry));
    }
    CHECK(step(aws_config(), Data{}, State::Idle, Input{Event::IdleHoldTimerExpires}).next ==
          State::Connect);
}

TEST_CASE("bgp fsm table - RFC 4271 §8.1 event numbers", "[bgp][fsm][table]") {
    CHECK(rfc_event_number(Event::ManualStart) == 1);
    CHECK(rfc_event_number(Event::ConnectRetryTimerExpires) == 9);
    CHECK(rfc_event_number(Event::IdleHoldTimerExpires) == 13);
    CHECK(rfc_event_number(Event::TcpCrAcked) == 16);
    CHECK(rfc_event_number(Event::BgpOpen) == 19);
    CHECK(rfc_event_number(Event::UpdateMsgErr) == 28);
    CHECK(fmt::format("{} {} {}", State::OpenConfirm, Event::HoldTimerExpires,
                      Reason::HoldTimerExpired) ==
          "OpenConfirm HoldTimerExpires hold-timer-expired");
}

}  // namespace vpnsim::bgp
