#include <catch2/catch.hpp>

#include <optional>

#include "models/ike/ikev2_sa.hpp"
#include "tests/ike/ike_pair.hpp"

using namespace vpnsim;
using namespace vpnsim::testing;
using ike::IkeEvent;
using ike::IkeState;

SCENARIO("ikev2 - a CGW negotiates with an AWS endpoint", "[ike][ikev2]") {
    Side cgw{cgw_cfg(), {}, IkeState::Idle, kCgw, {}};
    Side aws{aws_cfg(), {}, IkeState::Idle, kAws, {}};

    GIVEN("matching PSKs and 0.0.0.0/0 selectors on both sides") {
        negotiate(cgw, aws, kCgw);
        THEN("both IKE SAs are established and the CHILD_SA SPIs pair up") {
            CHECK(cgw.state == IkeState::Established);
            CHECK(aws.state == IkeState::Established);
            REQUIRE(cgw.data.child);
            REQUIRE(aws.data.child);
            CHECK(cgw.data.child->spi_in == aws.data.child->spi_out);
            CHECK(cgw.data.child->spi_out == aws.data.child->spi_in);
            CHECK_FALSE(aws.data.nat_detected());
        }
        THEN("AWS chose from its own list in its own order (RFC 7296 §3.3, AWS docs)") {
            REQUIRE(aws.data.ike_chosen);
            CHECK(ike::to_string(*aws.data.ike_chosen) == "AES256/SHA2-256/14");
        }
    }
    GIVEN("a CGW proposing 10.0.0.0/16 <=> 172.31.0.0/16 (RFC 7296 §2.9)") {
        cgw.cfg.local_ts = tsl("10.0.0.0/16");
        cgw.cfg.remote_ts = tsl("172.31.0.0/16");
        negotiate(cgw, aws, kCgw);
        THEN("AWS's 0.0.0.0/0 policy accepts the narrow selectors as proposed") {
            REQUIRE(aws.data.child);
            CHECK(ipsec::to_string(aws.data.child->local_ts) == "172.31.0.0/16");
            CHECK(ipsec::to_string(aws.data.child->remote_ts) == "10.0.0.0/16");
            CHECK(cgw.data.child_state == ike::ChildState::Installed);
        }
    }
    GIVEN("AWS-side CIDRs that do not overlap the CGW's proposal") {
        cgw.cfg.local_ts = tsl("10.0.0.0/16");
        aws.cfg.remote_ts = tsl("192.168.0.0/16");
        negotiate(cgw, aws, kCgw);
        THEN("TS_UNACCEPTABLE: the IKE SA stays up with no CHILD_SA") {
            CHECK(aws.state == IkeState::Established);
            CHECK(aws.data.child_state == ike::ChildState::Failed);
            CHECK(aws.last.reason == ike::Reason::TsUnacceptable);
            CHECK(cgw.state == IkeState::Established);
            CHECK(cgw.last.reason == ike::Reason::PeerTsUnacceptable);
            CHECK_FALSE(cgw.data.child);
        }
    }
    GIVEN("different pre-shared keys (RFC 7296 §2.15)") {
        cgw.cfg.psk = "wrong_psk_99";
        negotiate(cgw, aws, kCgw);
        THEN("AWS answers AUTHENTICATION_FAILED and neither side keeps an SA") {
            CHECK(aws.state == IkeState::Failed);
            CHECK(aws.last.reason == ike::Reason::AuthenticationFailed);
            CHECK(cgw.state == IkeState::Failed);
            CHECK(cgw.last.reason == ike::Reason::PeerAuthenticationFailed);
        }
    }
    GIVEN("an initiator whose KE is for a group the responder does not choose (RFC 7296 §1.2)") {
        aws.cfg.role = ike::Role::Initiator;  // AWS initiates (startup action start) ...
        cgw.cfg.role = ike::Role::Responder;  // ... with KE group 2; the CGW takes 14 only
        Side& initiator = aws;
        Side& responder = cgw;
        step(initiator, IkeEvent::Start, nullptr, responder.addr, 1);
        REQUIRE(sent(initiator.last));
        CHECK(sent(initiator.last)->ke == 2);
        deliver(initiator, responder, 2);
        THEN("the responder answers INVALID_KE_PAYLOAD naming group 14 and keeps no state") {
            CHECK(responder.state == IkeState::Idle);
            CHECK(responder.last.reason == ike::Reason::InvalidKePayload);
            const auto answer = sent(responder.last);
            REQUIRE(answer);
            CHECK(answer->notify_data(ike::NotifyType::InvalidKePayload) == 14U);
            CHECK(answer->spi_r == 0U);
        }
        THEN("the initiator retries with KE group 14 (§1.2) and both SAs come up") {
            deliver(responder, initiator, 3);
            CHECK(initiator.state == IkeState::InitSent);
            CHECK(initiator.last.reason == ike::Reason::PeerInvalidKePayload);
            REQUIRE(sent(initiator.last));
            CHECK(sent(initiator.last)->ke == 14);
            CHECK(sent(initiator.last)->message_id == 0U);
            for (std::uint64_t n = 4; n < 8; ++n) {
                if (!deliver(n % 2 == 0 ? initiator : responder, n % 2 == 0 ? responder : initiator,
                             n)) {
                    break;
                }
            }
            CHECK(initiator.state == IkeState::Established);
            CHECK(responder.state == IkeState::Established);
        }
    }
    GIVEN("a responder naming a group the initiator never offered") {
        Side& initiator = cgw;
        step(initiator, IkeEvent::Start, nullptr, aws.addr, 1);
        auto answer = *sent(initiator.last);
        answer.response = true;
        answer.notifies = {{ike::NotifyType::InvalidKePayload, 19}};
        step(initiator, ike::classify(answer), &answer, aws.addr, 2);
        THEN("there is nothing to retry with: the initiator gives up") {
            CHECK(initiator.state == IkeState::Failed);
            CHECK(initiator.last.reason == ike::Reason::PeerInvalidKePayload);
        }
    }
    GIVEN("no common phase 1 encryption") {
        cgw.cfg.ike.encr = {ike::Encr::Aes128Gcm16};
        negotiate(cgw, aws, kCgw);
        THEN("IKE_SA_INIT fails with NO_PROPOSAL_CHOSEN") {
            CHECK(aws.state == IkeState::Failed);
            CHECK(aws.data.mismatch == ike::Mismatch::Encryption);
            CHECK(cgw.state == IkeState::Failed);
            CHECK(cgw.last.reason == ike::Reason::PeerNoProposalChosen);
        }
    }
    GIVEN("an AWS endpoint that forces UDP encapsulation (accelerated VPN)") {
        aws.cfg.force_encapsulation = true;
        negotiate(cgw, aws, kCgw);
        THEN("the CGW believes AWS is behind a NAT and will float to UDP 4500") {
            CHECK(cgw.data.peer_behind_nat);
            CHECK_FALSE(aws.data.nat_detected());
            CHECK(cgw.state == IkeState::Established);
        }
    }
    GIVEN("a NAT between them (RFC 7296 §2.23)") {
        negotiate(cgw, aws, ip("192.0.2.1"));
        THEN("AWS detects that the CGW is behind a NAT") {
            CHECK(aws.data.peer_behind_nat);
            CHECK(aws.state == IkeState::Established);
        }
    }
}

TEST_CASE("ikev2 - initiator retransmits with back-off then gives up (RFC 7296 §2.1)",
          "[ike][ikev2]") {
    Side cgw{cgw_cfg(), {}, IkeState::Idle, kCgw, {}};
    step(cgw, IkeEvent::Start, nullptr, kAws, 1);
    std::vector<SimTime> timeouts;
    for (int i = 0; i < 10 && cgw.state == IkeState::InitSent; ++i) {
        step(cgw, IkeEvent::RetransmitTimerExpires, nullptr, kAws, 2);
        for (const auto& a : cgw.last.actions) {
            if (a.kind == ike::Action::Kind::ArmTimer) timeouts.push_back(a.after);
        }
    }
    CHECK(cgw.state == IkeState::Failed);
    CHECK(cgw.last.reason == ike::Reason::RetransmitLimit);
    REQUIRE(timeouts.size() == static_cast<std::size_t>(ike::kRetransmitTries));
    CHECK(timeouts.front() == ms(7200));
    for (std::size_t i = 1; i < timeouts.size(); ++i) CHECK(timeouts[i] > timeouts[i - 1]);
}

TEST_CASE("ikev2 - every (state, event) pair is handled, ignored or flagged", "[ike][fsm]") {
    const auto states = {IkeState::Idle,     IkeState::InitSent,    IkeState::InitReplied,
                         IkeState::AuthSent, IkeState::Established, IkeState::Failed};
    const auto events = {IkeEvent::Start,
                         IkeEvent::RecvInitRequest,
                         IkeEvent::RecvInitResponse,
                         IkeEvent::RecvAuthRequest,
                         IkeEvent::RecvAuthResponse,
                         IkeEvent::RetransmitTimerExpires,
                         IkeEvent::HalfOpenTimerExpires,
                         IkeEvent::LivenessCheckDue,
                         IkeEvent::RekeyChildDue,
                         IkeEvent::ChildExpired,
                         IkeEvent::RecvInfoRequest,
                         IkeEvent::RecvInfoResponse,
                         IkeEvent::RecvCreateChildRequest,
                         IkeEvent::RecvCreateChildResponse,
                         IkeEvent::RekeyIkeDue,
                         IkeEvent::IkeExpired};
    const ike::Message any;
    for (const auto s : states) {
        for (const auto e : events) {
            CAPTURE(ike::to_string(s), ike::to_string(e));
            if (ike::has_row(s, e)) continue;
            ike::Input in;
            in.event = e;
            in.msg = &any;
            const auto r = ike::step(cgw_cfg(), {}, s, in);
            CHECK(r.next == s);
            CHECK(r.actions.empty());
            CHECK(r.reason ==
                  (ike::is_ignored(s, e) ? ike::Reason::None : ike::Reason::UnexpectedEvent));
        }
    }
}
