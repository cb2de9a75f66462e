// The exchanges of an established IKEv2 SA: liveness checks (RFC 7296 §2.4, RFC 3706),
// CREATE_CHILD_SA rekey make-before-break with PFS (§1.3.3, §2.8), Delete (§1.4.1), expiry.
#include <catch2/catch.hpp>

#include "models/ike/ikev2_sa.hpp"
#include "tests/ike/ike_pair.hpp"

using namespace vpnsim;
using namespace vpnsim::testing;
using ike::IkeEvent;
using ike::IkeState;
using ike::Reason;

namespace {

std::vector<SimTime> armed(const ike::StepResult& r) {
    std::vector<SimTime> out;
    for (const auto& a : r.actions) {
        if (a.kind == ike::Action::Kind::ArmTimer) out.push_back(a.after);
    }
    return out;
}

}  // namespace

TEST_CASE("ikev2 - liveness check answered (RFC 7296 §2.4)", "[ike][ikev2][dpd]") {
    Pair p;
    step(p.aws, IkeEvent::LivenessCheckDue, nullptr, kCgw, 30);
    CHECK(p.aws.last.reason == Reason::LivenessCheck);
    CHECK(p.aws.data.pending == ike::Pending::Dpd);
    const auto probe = sent(p.aws.last);
    REQUIRE(probe);
    CHECK(probe->exchange == ike::Exchange::Informational);
    CHECK_FALSE(probe->response);
    CHECK_FALSE(probe->del);
    CHECK(armed(p.aws.last) == std::vector<SimTime>{sec(10)});
    REQUIRE(deliver(p.aws, p.cgw, 31));
    CHECK(p.cgw.last.reason == Reason::LivenessAnswered);
    REQUIRE(deliver(p.cgw, p.aws, 32));
    CHECK(p.aws.last.reason == Reason::PeerAlive);
    CHECK(p.aws.data.pending == ike::Pending::None);
    CHECK(p.aws.state == IkeState::Established);
}

TEST_CASE("ikev2 - unanswered liveness checks declare the peer dead (RFC 3706 §5.5)",
          "[ike][ikev2][dpd]") {
    SECTION("AWS default: 30 s, a check every 10 s, dead after 2 retransmits") {
        Pair p;
        step(p.aws, IkeEvent::LivenessCheckDue, nullptr, kCgw, 30);
        step(p.aws, IkeEvent::RetransmitTimerExpires, nullptr, kCgw, 31);
        CHECK(p.aws.last.reason == Reason::Retransmit);
        CHECK(armed(p.aws.last) == std::vector<SimTime>{sec(10)});
        step(p.aws, IkeEvent::RetransmitTimerExpires, nullptr, kCgw, 32);
        CHECK(p.aws.state == IkeState::Established);
        step(p.aws, IkeEvent::RetransmitTimerExpires, nullptr, kCgw, 33);
        CHECK(p.aws.state == IkeState::Failed);
        CHECK(p.aws.last.reason == Reason::DpdTimeout);
        CHECK(p.aws.data.retransmits == 2);
        CHECK_FALSE(p.aws.data.child);
        CHECK_FALSE(sent(p.aws.last));  // the peer is unreachable: nothing is sent
    }
    SECTION("a 35 s timeout ends with a 5 s wait") {
        Pair p;
        p.aws.cfg.dpd_timeout = sec(35);
        step(p.aws, IkeEvent::LivenessCheckDue, nullptr, kCgw, 30);
        std::vector<SimTime> waits = armed(p.aws.last);
        while (p.aws.state == IkeState::Established) {
            step(p.aws, IkeEvent::RetransmitTimerExpires, nullptr, kCgw, 31);
            for (const auto t : armed(p.aws.last)) waits.push_back(t);
        }
        CHECK(waits == std::vector<SimTime>{sec(10), sec(10), sec(10), sec(5)});
        CHECK(p.aws.last.reason == Reason::DpdTimeout);
    }
    SECTION("strongSwan: the request schedule (RFC 7296 §2.1), dead after about 165 s") {
        Pair p;
        p.cgw.cfg.liveness_on_request_schedule = true;
        step(p.cgw, IkeEvent::LivenessCheckDue, nullptr, kAws, 30);
        std::vector<SimTime> waits = armed(p.cgw.last);
        while (p.cgw.state == IkeState::Established) {
            step(p.cgw, IkeEvent::RetransmitTimerExpires, nullptr, kAws, 31);
            for (const auto t : armed(p.cgw.last)) waits.push_back(t);
        }
        // 4 s x 1.8^n: 4, 7.2, 12.96, 23.328, 41.9904, 75.58272 s -- 165.1 s in all.
        const std::vector<SimTime> schedule{ms(4000),
                                            ms(7200),
                                            ms(12960),
                                            ms(23328),
                                            SimTime{41'990'400'000},
                                            SimTime{75'582'720'000}};
        CHECK(waits == schedule);
        CHECK(p.cgw.last.reason == Reason::DpdTimeout);
        CHECK(p.cgw.data.retransmits == 5);
    }
}

SCENARIO("ikev2 - CHILD_SA rekey is make-before-break (RFC 7296 §1.3.3)", "[ike][ikev2][rekey]") {
    Pair p;
    const auto old_cgw = *p.cgw.data.child;
    GIVEN("the CGW's soft lifetime expires") {
        step(p.cgw, IkeEvent::RekeyChildDue, nullptr, kAws, 40);
        const auto req = sent(p.cgw.last);
        REQUIRE(req);
        THEN("CREATE_CHILD_SA carries REKEY_SA with the old inbound SPI, and KE for PFS") {
            CHECK(req->exchange == ike::Exchange::CreateChildSa);
            CHECK(req->notify_data(ike::NotifyType::RekeySa) == old_cgw.spi_in);
            CHECK(req->ke == std::optional<std::uint16_t>{14});
            CHECK(p.cgw.data.pending == ike::Pending::RekeyChild);
        }
        REQUIRE(deliver(p.cgw, p.aws, 41));
        THEN("AWS installs the new SA and keeps the old one for inbound") {
            CHECK(p.aws.last.reason == Reason::ChildRekeyed);
            REQUIRE(p.aws.data.old_child);
            CHECK(p.aws.data.old_child->spi_out == old_cgw.spi_in);
            CHECK(p.aws.data.child->chosen.dh == 14);
        }
        REQUIRE(deliver(p.aws, p.cgw, 42));
        THEN("the CGW installs it and deletes the old SA; both ends pair the new SPIs") {
            CHECK(p.cgw.last.reason == Reason::ChildRekeyed);
            CHECK(p.cgw.data.child->spi_in == p.aws.data.child->spi_out);
            CHECK(p.cgw.data.child->spi_out == p.aws.data.child->spi_in);
            const auto del = sent(p.cgw.last);
            REQUIRE(del);
            REQUIRE(del->del);
            CHECK(del->del->spis == std::vector<std::uint32_t>{old_cgw.spi_in});
            CHECK(p.cgw.data.child_state == ike::ChildState::Installed);
        }
        REQUIRE(deliver(p.cgw, p.aws, 43));
        REQUIRE(deliver(p.aws, p.cgw, 44));
        THEN("after the Delete exchange only the new SA is left on either side") {
            CHECK(p.aws.last.reason == Reason::PeerDeletedChild);
            CHECK(p.cgw.last.reason == Reason::OldChildDeleted);
            CHECK_FALSE(p.aws.data.old_child);
            CHECK_FALSE(p.cgw.data.old_child);
            CHECK(p.aws.data.child_state == ike::ChildState::Installed);
            CHECK(p.cgw.data.pending == ike::Pending::None);
        }
    }
}

TEST_CASE("ikev2 - PFS group mismatch fails the rekey, not the IKE SA", "[ike][ikev2][rekey]") {
    Pair p;
    p.cgw.cfg.esp.dh = {5};
    p.aws.cfg.esp.dh = {14};
    const auto before = *p.cgw.data.child;
    step(p.cgw, IkeEvent::RekeyChildDue, nullptr, kAws, 40);
    REQUIRE(deliver(p.cgw, p.aws, 41));
    CHECK(p.aws.last.reason == Reason::NoProposalChosen);
    CHECK(p.aws.data.mismatch == ike::Mismatch::DhGroup);
    REQUIRE(deliver(p.aws, p.cgw, 42));
    CHECK(p.cgw.last.reason == Reason::RekeyFailed);
    CHECK(p.cgw.data.failure == ike::NotifyType::NoProposalChosen);
    CHECK(p.cgw.state == IkeState::Established);
    CHECK(p.aws.state == IkeState::Established);
    CHECK(p.cgw.data.child->spi_in == before.spi_in);  // the old CHILD_SA runs on to expiry
    SECTION("a side without PFS groups does not match one that asks for PFS") {
        p.aws.cfg.esp.dh = {};
        step(p.cgw, IkeEvent::RekeyChildDue, nullptr, kAws, 43);
        REQUIRE(deliver(p.cgw, p.aws, 44));
        CHECK(p.aws.last.reason == Reason::NoProposalChosen);
    }
}

TEST_CASE("ikev2 - crossing rekeys are answered TEMPORARY_FAILURE (RFC 7296 §2.25)",
          "[ike][ikev2][rekey]") {
    Pair p;
    step(p.cgw, IkeEvent::RekeyChildDue, nullptr, kAws, 40);
    const auto from_cgw = sent(p.cgw.last);
    step(p.aws, IkeEvent::RekeyChildDue, nullptr, kCgw, 41);
    const auto from_aws = sent(p.aws.last);
    step(p.aws, ike::classify(*from_cgw), &*from_cgw, kCgw, 42);
    CHECK(p.aws.last.reason == Reason::RekeyCollision);
    step(p.cgw, ike::classify(*from_aws), &*from_aws, kAws, 43);
    CHECK(p.cgw.last.reason == Reason::RekeyCollision);
    REQUIRE(deliver(p.aws, p.cgw, 44));
    CHECK(p.cgw.last.reason == Reason::PeerTemporaryFailure);
    CHECK(p.cgw.data.pending == ike::Pending::None);
}

TEST_CASE("ikev2 - hard lifetime and Delete (RFC 7296 §1.4.1, §2.8)", "[ike][ikev2][rekey]") {
    Pair p;
    step(p.aws, IkeEvent::ChildExpired, nullptr, kCgw, 50);
    CHECK(p.aws.last.reason == Reason::ChildExpired);
    CHECK_FALSE(p.aws.data.child);
    REQUIRE(deliver(p.aws, p.cgw, 51));
    CHECK(p.cgw.last.reason == Reason::PeerDeletedChild);
    CHECK_FALSE(p.cgw.data.child);
    CHECK(p.cgw.data.child_state == ike::ChildState::None);
    CHECK(p.cgw.state == IkeState::Established);  // the IKE SA stays
    SECTION("a Delete of the IKE SA ends it") {
        ike::Message del;
        del.exchange = ike::Exchange::Informational;
        del.spi_i = p.cgw.data.spi_i;
        del.spi_r = p.cgw.data.spi_r;
        del.message_id = 1;  // AWS's next request: its first, the child's Delete, was 0
        del.del = ike::DeletePayload{true, {}};
        step(p.cgw, IkeEvent::RecvInfoRequest, &del, kAws, 52);
        CHECK(p.cgw.state == IkeState::Failed);
        CHECK(p.cgw.last.reason == Reason::PeerDeletedIkeSa);
    }
    SECTION("the Delete retransmitted is answered again, not processed again (§2.2)") {
        const auto answer = p.cgw.data.last_reply;
        REQUIRE(answer);
        ike::Message again;
        again.exchange = ike::Exchange::Informational;
        again.spi_i = p.cgw.data.spi_i;
        again.spi_r = p.cgw.data.spi_r;
        again.message_id = answer->message_id;
        again.del = ike::DeletePayload{false, {}};
        step(p.cgw, IkeEvent::RecvInfoRequest, &again, kAws, 53);
        CHECK(p.cgw.last.reason == Reason::DuplicateRequest);
        const auto resent = sent(p.cgw.last);
        REQUIRE(resent);
        CHECK(resent->message_id == answer->message_id);
        CHECK(resent->response);
        CHECK(p.cgw.state == IkeState::Established);
    }
}

TEST_CASE("ikev2 - a KE for another group is answered INVALID_KE_PAYLOAD (RFC 7296 §1.3.3)",
          "[ike][ikev2][rekey]") {
    Pair p;
    p.aws.cfg.esp.dh = {2, 14};  // AWS sends KE for group 2, the CGW only accepts 14
    p.cgw.cfg.esp.dh = {14};
    step(p.aws, IkeEvent::RekeyChildDue, nullptr, kCgw, 60);
    CHECK(sent(p.aws.last)->ke == std::optional<std::uint16_t>{2});
    REQUIRE(deliver(p.aws, p.cgw, 61));
    CHECK(p.cgw.last.reason == Reason::InvalidKePayload);
    REQUIRE(deliver(p.cgw, p.aws, 62));
    CHECK(p.aws.last.reason == Reason::PeerInvalidKePayload);
    CHECK(sent(p.aws.last)->ke == std::optional<std::uint16_t>{14});
    REQUIRE(deliver(p.aws, p.cgw, 63));
    CHECK(p.cgw.last.reason == Reason::ChildRekeyed);
    REQUIRE(deliver(p.cgw, p.aws, 64));
    CHECK(p.aws.last.reason == Reason::ChildRekeyed);
    CHECK(p.aws.data.child->chosen.dh == 14);
}
