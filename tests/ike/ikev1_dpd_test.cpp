// IKEv1 dead peer detection (RFC 3706): vendor ID, R-U-THERE / R-U-THERE-ACK, timeout.
#include <catch2/catch.hpp>

#include "tests/ike/ikev1_pair.hpp"

using namespace vpnsim;
using namespace vpnsim::testing;
using ike::NotifyType;
using ike::Reason;

TEST_CASE("ikev1 dpd - RFC 3706 §5.1 both ends announce DPD in a vendor ID", "[ike][ikev1][dpd]") {
    UpPair1 p;
    CHECK((p.cgw.data.peer_vendor_ids & ike::kVidDpd) != 0);
    CHECK((p.aws.data.peer_vendor_ids & ike::kVidDpd) != 0);
}

TEST_CASE("ikev1 dpd - RFC 3706 §5.2 R-U-THERE is answered by an ACK with its sequence number",
          "[ike][ikev1][dpd]") {
    UpPair1 p;
    step1(p.aws, v1::Event::DpdDue, nullptr, 100);
    CHECK(p.aws.last.reason == Reason::LivenessCheck);
    CHECK(p.aws.data.pending == ike::Pending::Dpd);
    const auto q = sent1(p.aws.last);
    REQUIRE(q);
    CHECK(q->exchange == ike::Exchange::InformationalV1);
    const auto seq = q->notify_data(NotifyType::RUThere);
    REQUIRE(seq);
    deliver1(p.aws, p.cgw, 101);
    CHECK(p.cgw.last.reason == Reason::LivenessAnswered);
    const auto ack = sent1(p.cgw.last);
    REQUIRE(ack);
    CHECK(ack->notify_data(NotifyType::RUThereAck) == seq);

    SECTION("the ACK proves the peer alive") {
        deliver1(p.cgw, p.aws, 102);
        CHECK(p.aws.last.reason == Reason::PeerAlive);
        CHECK(p.aws.data.pending == ike::Pending::None);
    }
    SECTION("RFC 3706 §6: an ACK with another sequence number proves nothing") {
        auto stale = *ack;
        stale.notifies = {{NotifyType::RUThereAck, *seq + 7}};
        step1(p.aws, v1::classify(stale), &stale, 102, &p.cgw);
        CHECK(p.aws.last.reason == Reason::None);
        CHECK(p.aws.data.pending == ike::Pending::Dpd);
    }
    SECTION("the next check carries the next sequence number") {
        deliver1(p.cgw, p.aws, 102);
        step1(p.aws, v1::Event::DpdDue, nullptr, 103);
        CHECK(sent1(p.aws.last)->notify_data(NotifyType::RUThere) == *seq + 1);
    }
}

TEST_CASE("ikev1 dpd - RFC 3706 §5.5 unanswered checks: the peer is declared dead",
          "[ike][ikev1][dpd]") {
    UpPair1 p;
    p.aws.cfg.dpd_delay = ike::kDpdDelay;      // 10 s
    p.aws.cfg.dpd_timeout = ike::kDpdTimeout;  // 30 s
    step1(p.aws, v1::Event::DpdDue, nullptr, 100);
    int resent = 0;
    while (p.aws.state == v1::State::Established && resent < 10) {
        step1(p.aws, v1::Event::RetransmitTimerExpires, nullptr, 101);
        resent += p.aws.last.reason == Reason::Retransmit;
    }
    CHECK(resent == 2);  // R-U-THERE at 0, 10 and 20 s; dead at 30 s
    CHECK(p.aws.state == v1::State::Failed);
    CHECK(p.aws.last.reason == Reason::DpdTimeout);
    CHECK_FALSE(p.aws.data.child);
    CHECK(has_action(p.aws.last, ike::Action::Kind::ChildDeleted));
    CHECK(sent_all(p.aws.last).empty());  // nothing is sent to a dead peer
}

TEST_CASE("ikev1 dpd - no check while another request is in flight", "[ike][ikev1][dpd]") {
    UpPair1 p;
    step1(p.cgw, v1::Event::RekeyPhase2Due, nullptr, 100);
    REQUIRE(p.cgw.data.pending == ike::Pending::RekeyChild);
    step1(p.cgw, v1::Event::DpdDue, nullptr, 101);
    CHECK(sent_all(p.cgw.last).empty());
    CHECK(p.cgw.data.pending == ike::Pending::RekeyChild);
}
