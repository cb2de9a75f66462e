// IKEv1 main mode + quick mode with a pre-shared key (RFC 2409 §5, §5.4, §5.5).
#include <catch2/catch.hpp>

#include "models/ike/ikev1_sa.hpp"
#include "tests/ike/ikev1_pair.hpp"

using namespace vpnsim;
using namespace vpnsim::testing;
using ike::Reason;

TEST_CASE("ikev1 - main mode", "[ike][ikev1]") {
    Pair1 p;
    SECTION("six main mode and three quick mode messages bring up phase 1 and 2") {
        CHECK(run(p.cgw, p.aws) == 9);
        CHECK(p.cgw.state == v1::State::Established);
        CHECK(p.aws.state == v1::State::Established);
        REQUIRE(p.cgw.data.child);
        REQUIRE(p.aws.data.child);
        CHECK(p.cgw.data.child->spi_in == p.aws.data.child->spi_out);
        CHECK(p.cgw.data.child->spi_out == p.aws.data.child->spi_in);
        CHECK(p.aws.data.child_state == ike::ChildState::Installed);
        CHECK(p.aws.last.reason == Reason::QuickModeComplete);
        CHECK(ike::to_string(*p.aws.data.ike_chosen) == "AES256/SHA2-256/14");
    }
    SECTION("a PSK mismatch fails at main mode 5: it does not decrypt (RFC 2409 §5.4)") {
        p.cgw.cfg.psk = "another_psk_1";
        run(p.cgw, p.aws);
        CHECK(p.aws.state == v1::State::Failed);
        CHECK(p.aws.last.reason == Reason::PayloadDecryptionFailed);
        CHECK(p.cgw.state == v1::State::Failed);
        CHECK(p.cgw.last.reason == Reason::PeerPayloadMalformed);
    }
    SECTION("no common phase 1 proposal: NO_PROPOSAL_CHOSEN at message 1") {
        p.cgw.cfg.ike.dh = {5};
        CHECK(run(p.cgw, p.aws) == 2);
        CHECK(p.aws.state == v1::State::Failed);
        CHECK(p.aws.data.mismatch == ike::Mismatch::DhGroup);
        CHECK(p.cgw.state == v1::State::Failed);
    }
}

TEST_CASE("ikev1 - quick mode proxy IDs are compared exactly", "[ike][ikev1]") {
    Pair1 p;
    p.aws.cfg.remote_ts = tsl("10.0.0.0/16");   // customer side
    p.aws.cfg.local_ts = tsl("172.31.0.0/16");  // AWS side
    SECTION("0.0.0.0/0 is not within the policy: INVALID_ID_INFORMATION, phase 1 stays") {
        run(p.cgw, p.aws);
        CHECK(p.aws.last.reason == Reason::InvalidIdInformation);
        CHECK(p.aws.state == v1::State::Established);
        CHECK(p.aws.data.child_state == ike::ChildState::Failed);
        CHECK(p.cgw.last.reason == Reason::PeerInvalidIdInformation);
        CHECK(p.cgw.state == v1::State::Established);
        CHECK(v1::phase1_up(p.cgw.state));
        CHECK_FALSE(p.cgw.data.child);
    }
    SECTION("IDs within the policy are accepted as proposed (no narrowing in IKEv1)") {
        p.cgw.cfg.local_ts = tsl("10.0.1.0/24");
        p.cgw.cfg.remote_ts = tsl("172.31.0.0/16");
        run(p.cgw, p.aws);
        REQUIRE(p.aws.data.child);
        CHECK(ipsec::to_string(p.aws.data.child->remote_ts) == "10.0.1.0/24");
        CHECK(p.cgw.data.child_state == ike::ChildState::Installed);
    }
    SECTION("a PFS group mismatch in quick mode: NO_PROPOSAL_CHOSEN, phase 1 stays") {
        p.cgw.cfg.local_ts = tsl("10.0.0.0/16");
        p.cgw.cfg.remote_ts = tsl("172.31.0.0/16");
        p.cgw.cfg.esp.dh = {5};
        run(p.cgw, p.aws);
        CHECK(p.aws.last.reason == Reason::NoProposalChosen);
        CHECK(p.aws.state == v1::State::Established);
        CHECK(p.cgw.data.child_state == ike::ChildState::Failed);
    }
}

TEST_CASE("ikev1 - an unanswered main mode is retransmitted, then given up", "[ike][ikev1]") {
    Side1 cgw = Pair1{}.cgw;
    step1(cgw, v1::Event::Start, nullptr, 1);
    int retransmits = 0;
    while (cgw.state == v1::State::MmSent1 && retransmits < 10) {
        step1(cgw, v1::Event::RetransmitTimerExpires, nullptr, 2);
        retransmits += cgw.last.reason == Reason::Retransmit;
    }
    CHECK(retransmits == ike::kRetransmitTries);
    CHECK(cgw.state == v1::State::Failed);
    CHECK(cgw.last.reason == Reason::RetransmitLimit);
}

TEST_CASE(
    "ikev1 - RFC 2409 §5.4 aggressive mode is refused with RFC 2408 §3.14.1 "
    "INVALID-EXCHANGE-TYPE",
    "[ike][ikev1]") {
    Pair1 p;
    p.cgw.cfg.aggressive_mode = true;
    const int messages = run(p.cgw, p.aws);
    CHECK(messages == 2);  // AM1, then the refusal
    CHECK(p.aws.state == v1::State::Failed);
    CHECK(p.aws.last.reason == Reason::AggressiveModeRefused);
    CHECK(p.cgw.state == v1::State::Failed);
    CHECK(p.cgw.last.reason == Reason::PeerInvalidExchangeType);
    CHECK(p.cgw.data.failure == ike::NotifyType::InvalidExchangeType);

    // Main mode (the default) with the same configurations gets the SA.
    Pair1 main;
    run(main.cgw, main.aws);
    CHECK(main.cgw.state == v1::State::Established);
}

TEST_CASE("ikev1 - an unanswered aggressive mode is retransmitted, then given up", "[ike][ikev1]") {
    Side1 cgw = Pair1{}.cgw;
    cgw.cfg.aggressive_mode = true;
    step1(cgw, v1::Event::Start, nullptr, 1);
    REQUIRE(cgw.state == v1::State::AmSent1);
    REQUIRE(sent1(cgw.last)->exchange == ike::Exchange::AggressiveMode);
    int retransmits = 0;
    while (cgw.state == v1::State::AmSent1 && retransmits < 10) {
        step1(cgw, v1::Event::RetransmitTimerExpires, nullptr, 2);
        retransmits += cgw.last.reason == Reason::Retransmit;
    }
    CHECK(retransmits == ike::kRetransmitTries);
    CHECK(cgw.state == v1::State::Failed);
}

TEST_CASE("ikev1 - every (state, event) pair is handled, ignored or flagged", "[ike][ikev1][fsm]") {
    using S = v1::State;
    using E = v1::Event;
    const auto states = {S::Idle,       S::MmSent1,     S::AmSent1,    S::MmSent3,
                         S::MmSent5,    S::MmReplied2,  S::MmReplied4, S::QmSent1,
                         S::QmReplied2, S::Established, S::Failed};
    const auto events = {E::Start,
                         E::RecvMm1,
                         E::RecvAm1,
                         E::RecvMm2,
                         E::RecvMm3,
                         E::RecvMm4,
                         E::RecvMm5,
                         E::RecvMm6,
                         E::RecvQm1,
                         E::RecvQm2,
                         E::RecvQm3,
                         E::RecvNotify,
                         E::RetransmitTimerExpires,
                         E::HalfOpenTimerExpires,
                         E::RecvRuThere,
                         E::RecvRuThereAck,
                         E::RecvDelete,
                         E::DpdDue,
                         E::RekeyPhase2Due,
                         E::Phase2Expired,
                         E::RekeyPhase1Due,
                         E::Phase1Expired};
    const ike::Message any;
    for (const auto s : states) {
        for (const auto e : events) {
            CAPTURE(v1::to_string(s), v1::to_string(e));
            if (v1::has_row(s, e)) continue;
            ike::Input in;
            in.msg = &any;
            const auto r = v1::step(cgw_cfg(), {}, s, e, in);
            CHECK(r.next == s);
            CHECK(r.actions.empty());
            CHECK(r.reason == (v1::is_ignored(s, e) ? Reason::None : Reason::UnexpectedEvent));
        }
    }
}
