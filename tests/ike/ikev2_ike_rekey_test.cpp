// IKE SA rekey with CREATE_CHILD_SA (RFC 7296 §1.3.2, §2.18), the CHILD_SAs it hands over
// (§2.8), simultaneous IKE SA rekeys (§2.8.2 with §2.8.1's nonce rule), collisions with other
// exchanges (§2.25.2), and the IKE SA's hard expiry (§1.4.1, §2.8).
#include <catch2/catch.hpp>

#include "models/ike/ikev2_sa.hpp"
#include "tests/ike/ike_pair.hpp"

using namespace vpnsim;
using namespace vpnsim::testing;
using ike::IkeEvent;
using ike::IkeState;
using ike::Reason;

namespace {

struct SaId {
    std::uint64_t spi_i;
    std::uint64_t spi_r;
    bool operator==(const SaId&) const = default;
};
SaId current(const Side& s) {
    return {s.data.spi_i, s.data.spi_r};
}

}  // namespace

TEST_CASE(
    "RFC 7296 §1.3.2: the IKE SA rekey request is SA (IKE proposal, new SPIi), Ni, KEi, no TS",
    "[ike][ikev2][ike-rekey]") {
    Pair p;
    const SaId before = current(p.cgw);
    step(p.cgw, IkeEvent::RekeyIkeDue, nullptr, kAws, 40);
    CHECK(p.cgw.last.reason == Reason::IkeRekeyInitiated);
    CHECK(p.cgw.data.pending == ike::Pending::RekeyIke);
    const auto req = sent(p.cgw.last);
    REQUIRE(req);
    CHECK(req->exchange == ike::Exchange::CreateChildSa);
    CHECK_FALSE(req->response);
    CHECK(SaId{req->spi_i, req->spi_r} == before);  // sent on the SA being rekeyed
    REQUIRE(req->sa);
    CHECK(*req->sa == p.cgw.cfg.ike);  // the phase 1 lists, not the ESP ones
    REQUIRE(req->ike_spi);
    CHECK(*req->ike_spi != before.spi_i);
    CHECK(req->ke == std::optional<std::uint16_t>{14});  // the current IKE SA's group
    CHECK(req->nonce.has_value());
    CHECK(req->tsi.empty());
    CHECK(req->tsr.empty());
    CHECK_FALSE(req->child_spi);
    CHECK_FALSE(req->has_notify(ike::NotifyType::RekeySa));
}

SCENARIO(
    "RFC 7296 §2.18, §2.8: the rekeyed IKE SA inherits the CHILD_SAs; the initiator deletes "
    "the old one",
    "[ike][ikev2][ike-rekey]") {
    Pair p;
    const SaId old = current(p.cgw);
    const auto child_cgw = *p.cgw.data.child;
    const auto child_aws = *p.aws.data.child;
    GIVEN("the CGW's IKE SA reaches its soft lifetime") {
        step(p.cgw, IkeEvent::RekeyIkeDue, nullptr, kAws, 40);
        const std::uint64_t new_spi_i = *sent(p.cgw.last)->ike_spi;
        REQUIRE(deliver(p.cgw, p.aws, 41));
        THEN("AWS answers SA (new SPIr), Nr, KEr and moves to the new IKE SA at once") {
            CHECK(p.aws.last.reason == Reason::IkeRekeyed);
            const auto resp = sent(p.aws.last);
            REQUIRE(resp);
            CHECK(resp->response);
            CHECK(SaId{resp->spi_i, resp->spi_r} == old);  // answered on the old SA
            REQUIRE(resp->ike_spi);
            CHECK(resp->ke == std::optional<std::uint16_t>{14});
            CHECK(resp->nonce.has_value());
            CHECK(current(p.aws) == (SaId{new_spi_i, *resp->ike_spi}));
            CHECK(p.aws.data.next_message_id == 0);  // §1.3.2: counters restart at 0
            REQUIRE(p.aws.data.retired_ike.size() == 1);
            CHECK_FALSE(p.aws.data.retired_ike.front().we_delete);
        }
        REQUIRE(deliver(p.aws, p.cgw, 42));
        THEN("the CGW moves too, and deletes the old IKE SA on the old SA") {
            CHECK(p.cgw.last.reason == Reason::IkeRekeyed);
            CHECK(current(p.cgw) == current(p.aws));
            const auto del = sent(p.cgw.last);
            REQUIRE(del);
            CHECK(del->exchange == ike::Exchange::Informational);
            REQUIRE(del->del);
            CHECK(del->del->ike);
            CHECK(SaId{del->spi_i, del->spi_r} == old);
            CHECK(p.cgw.data.pending == ike::Pending::DeleteIke);
        }
        THEN("neither CHILD_SA changed: the new IKE SA inherited them") {
            CHECK(p.cgw.data.child->spi_in == child_cgw.spi_in);
            CHECK(p.cgw.data.child->spi_out == child_cgw.spi_out);
            CHECK(p.aws.data.child->spi_in == child_aws.spi_in);
            CHECK(p.cgw.data.child_state == ike::ChildState::Installed);
            CHECK(p.aws.data.child_state == ike::ChildState::Installed);
        }
        REQUIRE(deliver(p.cgw, p.aws, 43));
        REQUIRE(deliver(p.aws, p.cgw, 44));
        THEN("after the Delete exchange only the new IKE SA exists on either side") {
            CHECK(p.aws.last.reason == Reason::PeerDeletedOldIkeSa);
            CHECK(p.cgw.last.reason == Reason::OldIkeSaDeleted);
            CHECK(p.aws.data.retired_ike.empty());
            CHECK(p.cgw.data.retired_ike.empty());
            CHECK(p.aws.state == IkeState::Established);
            CHECK(p.cgw.state == IkeState::Established);
            CHECK(p.cgw.data.pending == ike::Pending::None);
        }
        THEN("the next exchange runs on the new IKE SA from Message ID 0 (§1.3.2)") {
            step(p.cgw, IkeEvent::RekeyChildDue, nullptr, kAws, 45);
            const auto req = sent(p.cgw.last);
            REQUIRE(req);
            CHECK(SaId{req->spi_i, req->spi_r} == current(p.aws));
            CHECK(req->message_id == 0);
            CHECK(req->notify_data(ike::NotifyType::RekeySa) == child_cgw.spi_in);
        }
    }
}

TEST_CASE("RFC 7296 §1.3.2: the responder chooses the new IKE SA's transforms in its own order",
          "[ike][ikev2][ike-rekey]") {
    Pair p;
    // The CGW now offers more; AWS walks its own list (AES128 before AES256, SHA1 first).
    p.cgw.cfg.ike = {
        {ike::Encr::Aes256, ike::Encr::Aes128}, {ike::Integ::Sha2_256, ike::Integ::Sha1}, {14}};
    step(p.cgw, IkeEvent::RekeyIkeDue, nullptr, kAws, 40);
    REQUIRE(deliver(p.cgw, p.aws, 41));
    REQUIRE(p.aws.data.ike_chosen);
    CHECK(ike::to_string(*p.aws.data.ike_chosen) == "AES128/SHA1/14");
    REQUIRE(deliver(p.aws, p.cgw, 42));
    CHECK(p.cgw.data.ike_chosen == p.aws.data.ike_chosen);
}

TEST_CASE("RFC 7296 §1.3.2: a KE for another group is answered INVALID_KE_PAYLOAD",
          "[ike][ikev2][ike-rekey]") {
    Pair p;
    p.cgw.cfg.ike.dh = {2};  // the CGW now takes only group 2; AWS's KE is for group 14
    step(p.aws, IkeEvent::RekeyIkeDue, nullptr, kCgw, 40);
    CHECK(sent(p.aws.last)->ke == std::optional<std::uint16_t>{14});
    REQUIRE(deliver(p.aws, p.cgw, 41));
    CHECK(p.cgw.last.reason == Reason::InvalidKePayload);
    CHECK(current(p.cgw) == current(p.aws));  // nothing changed
    REQUIRE(deliver(p.cgw, p.aws, 42));
    CHECK(p.aws.last.reason == Reason::PeerInvalidKePayload);
    CHECK(sent(p.aws.last)->ke == std::optional<std::uint16_t>{2});
    REQUIRE(deliver(p.aws, p.cgw, 43));
    CHECK(p.cgw.last.reason == Reason::IkeRekeyed);
    REQUIRE(deliver(p.cgw, p.aws, 44));
    CHECK(p.aws.last.reason == Reason::IkeRekeyed);
    CHECK(p.aws.data.ike_chosen->dh == 2);
    CHECK(current(p.cgw) == current(p.aws));
}

TEST_CASE("RFC 7296 §1.3.2: no common proposal leaves the old IKE SA in place",
          "[ike][ikev2][ike-rekey]") {
    Pair p;
    const SaId before = current(p.cgw);
    p.cgw.cfg.ike.encr = {ike::Encr::Aes128Gcm16};
    step(p.cgw, IkeEvent::RekeyIkeDue, nullptr, kAws, 40);
    REQUIRE(deliver(p.cgw, p.aws, 41));
    CHECK(p.aws.last.reason == Reason::IkeRekeyRefused);
    CHECK(p.aws.data.mismatch == ike::Mismatch::Encryption);
    REQUIRE(deliver(p.aws, p.cgw, 42));
    CHECK(p.cgw.last.reason == Reason::IkeRekeyFailed);
    CHECK(p.cgw.data.pending == ike::Pending::None);
    CHECK(current(p.cgw) == before);
    CHECK(current(p.aws) == before);
    CHECK(p.cgw.state == IkeState::Established);
    CHECK(p.aws.state == IkeState::Established);
}

TEST_CASE("RFC 7296 §2.1: a retransmitted IKE SA rekey request gets the same answer",
          "[ike][ikev2][ike-rekey]") {
    Pair p;
    step(p.cgw, IkeEvent::RekeyIkeDue, nullptr, kAws, 40);
    REQUIRE(deliver(p.cgw, p.aws, 41));
    const auto first = sent(p.aws.last);  // ... and this answer is lost
    step(p.cgw, IkeEvent::RetransmitTimerExpires, nullptr, kAws, 42);
    CHECK(p.cgw.last.reason == Reason::Retransmit);
    REQUIRE(deliver(p.cgw, p.aws, 43));  // arrives on what is now AWS's retired SA
    CHECK(p.aws.last.reason == Reason::DuplicateRequest);
    CHECK(sent(p.aws.last)->ike_spi == first->ike_spi);
    CHECK(sent(p.aws.last)->nonce == first->nonce);
    REQUIRE(deliver(p.aws, p.cgw, 44));
    CHECK(p.cgw.last.reason == Reason::IkeRekeyed);
    CHECK(current(p.cgw) == current(p.aws));
}

TEST_CASE(
    "RFC 7296 §2.8.2: simultaneous IKE SA rekeys -- the new SA with the lowest nonce is "
    "deleted by its creator",
    "[ike][ikev2][ike-rekey][collision]") {
    // Nonces: the CGW's Ni, AWS's Ni, then the two answers' Nr.
    const bool cgw_loses = GENERATE(true, false);
    CAPTURE(cgw_loses);
    Pair p;
    const SaId old = current(p.cgw);
    const auto child_cgw = p.cgw.data.child->spi_in;
    step(p.cgw, IkeEvent::RekeyIkeDue, nullptr, kAws, 40, cgw_loses ? 5 : 500);
    const auto from_cgw = *sent(p.cgw.last);
    step(p.aws, IkeEvent::RekeyIkeDue, nullptr, kCgw, 41, cgw_loses ? 400 : 40);
    const auto from_aws = *sent(p.aws.last);
    // Each answers the other's request while its own is in flight.
    step(p.aws, ike::classify(from_cgw), &from_cgw, kCgw, 42, 300);
    CHECK(p.aws.last.reason == Reason::IkeRekeyCollision);
    const auto to_cgw = *sent(p.aws.last);
    step(p.cgw, ike::classify(from_aws), &from_aws, kAws, 43, 200);
    CHECK(p.cgw.last.reason == Reason::IkeRekeyCollision);
    const auto to_aws = *sent(p.cgw.last);
    // The CGW's SA was made with nonces {cgw Ni, 300}, AWS's with {aws Ni, 200}.
    const SaId cgw_sa{*from_cgw.ike_spi, *to_cgw.ike_spi};
    const SaId aws_sa{*from_aws.ike_spi, *to_aws.ike_spi};
    step(p.cgw, ike::classify(to_cgw), &to_cgw, kAws, 44);
    step(p.aws, ike::classify(to_aws), &to_aws, kCgw, 45);
    const SaId survivor = cgw_loses ? aws_sa : cgw_sa;
    CHECK(current(p.cgw) == survivor);
    CHECK(current(p.aws) == survivor);
    Side& winner = cgw_loses ? p.aws : p.cgw;
    Side& loser = cgw_loses ? p.cgw : p.aws;
    CHECK(winner.last.reason == Reason::IkeRekeyed);
    CHECK(loser.last.reason == Reason::IkeRekeyCollisionLost);
    const auto winner_del = *sent(winner.last);
    const auto loser_del = *sent(loser.last);
    // The winner deletes the old SA, the loser its own redundant one.
    CHECK(SaId{winner_del.spi_i, winner_del.spi_r} == old);
    CHECK(SaId{loser_del.spi_i, loser_del.spi_r} == (cgw_loses ? cgw_sa : aws_sa));
    CHECK(winner_del.del->ike);
    CHECK(loser_del.del->ike);
    step(loser, ike::classify(winner_del), &winner_del, winner.addr, 46);
    CHECK(loser.last.reason == Reason::PeerDeletedOldIkeSa);
    const auto loser_answer = *sent(loser.last);
    step(winner, ike::classify(loser_del), &loser_del, loser.addr, 47);
    CHECK(winner.last.reason == Reason::PeerDeletedOldIkeSa);
    REQUIRE(deliver(winner, loser, 48));
    CHECK(loser.last.reason == Reason::OldIkeSaDeleted);
    step(winner, ike::classify(loser_answer), &loser_answer, loser.addr, 49);
    CHECK(winner.last.reason == Reason::OldIkeSaDeleted);
    for (const Side* s : {&p.cgw, &p.aws}) {
        CHECK(s->state == IkeState::Established);
        CHECK(s->data.retired_ike.empty());
        CHECK_FALSE(s->data.peer_ike_rekey);
        CHECK(s->data.pending == ike::Pending::None);
    }
    CHECK(p.cgw.data.child->spi_in == child_cgw);  // §2.8.2: the survivor inherits them
}

TEST_CASE(
    "RFC 7296 §2.8.2: when only one side noticed the collision, the Delete of the old SA "
    "makes it forget its own rekey",
    "[ike][ikev2][ike-rekey][collision]") {
    Pair p;
    step(p.cgw, IkeEvent::RekeyIkeDue, nullptr, kAws, 40);
    const auto lost = *sent(p.cgw.last);  // the CGW's request is lost
    step(p.aws, IkeEvent::RekeyIkeDue, nullptr, kCgw, 41);
    REQUIRE(deliver(p.aws, p.cgw, 42));
    CHECK(p.cgw.last.reason == Reason::IkeRekeyCollision);
    REQUIRE(deliver(p.cgw, p.aws, 43));  // AWS saw no collision: an ordinary rekey
    CHECK(p.aws.last.reason == Reason::IkeRekeyed);
    SECTION("the CGW's retransmission reaches the SA AWS is closing: TEMPORARY_FAILURE") {
        step(p.aws, ike::classify(lost), &lost, kCgw, 44);
        CHECK(p.aws.last.reason == Reason::RekeyCollision);
        REQUIRE(deliver(p.aws, p.cgw, 45));
        CHECK(p.cgw.last.reason == Reason::IkeRekeyAbandoned);
        CHECK(p.cgw.data.pending == ike::Pending::None);
        CHECK(p.cgw.data.peer_ike_rekey);
    }
    // AWS's Delete of the old IKE SA, still current for the CGW.
    const auto del = *p.aws.data.last_sent;
    REQUIRE(del.del);
    step(p.cgw, ike::classify(del), &del, kAws, 46);
    CHECK(p.cgw.last.reason == Reason::PeerDeletedOldIkeSa);
    CHECK(p.cgw.state == IkeState::Established);
    CHECK(current(p.cgw) == current(p.aws));
    CHECK(p.cgw.data.pending == ike::Pending::None);
    CHECK_FALSE(p.cgw.data.peer_ike_rekey);
    REQUIRE(deliver(p.cgw, p.aws, 47));
    CHECK(p.aws.last.reason == Reason::OldIkeSaDeleted);
}

TEST_CASE("RFC 7296 §2.25.2: IKE SA and CHILD_SA rekeys that cross get TEMPORARY_FAILURE",
          "[ike][ikev2][ike-rekey][collision]") {
    Pair p;
    step(p.cgw, IkeEvent::RekeyIkeDue, nullptr, kAws, 40);
    const auto ike_rekey = *sent(p.cgw.last);
    step(p.aws, IkeEvent::RekeyChildDue, nullptr, kCgw, 41);
    const auto child_rekey = *sent(p.aws.last);
    SECTION("a CHILD_SA rekey while we rekey the IKE SA") {
        step(p.cgw, ike::classify(child_rekey), &child_rekey, kAws, 42);
        CHECK(p.cgw.last.reason == Reason::RekeyCollision);
        CHECK(sent(p.cgw.last)->has_notify(ike::NotifyType::TemporaryFailure));
    }
    SECTION("an IKE SA rekey while we rekey a CHILD_SA") {
        step(p.aws, ike::classify(ike_rekey), &ike_rekey, kCgw, 42);
        CHECK(p.aws.last.reason == Reason::RekeyCollision);
        REQUIRE(deliver(p.aws, p.cgw, 43));
        CHECK(p.cgw.last.reason == Reason::IkeRekeyDeferred);
        CHECK(p.cgw.data.pending == ike::Pending::None);
        CHECK(current(p.cgw) == current(p.aws));
    }
}

TEST_CASE("RFC 7296 §1.3.2: no new exchange starts while the IKE SA is being rekeyed",
          "[ike][ikev2][ike-rekey]") {
    Pair p;
    step(p.cgw, IkeEvent::RekeyIkeDue, nullptr, kAws, 40);
    const auto req = *sent(p.cgw.last);
    step(p.cgw, IkeEvent::RekeyChildDue, nullptr, kAws, 41);
    CHECK_FALSE(sent(p.cgw.last));
    step(p.cgw, IkeEvent::RekeyIkeDue, nullptr, kAws, 42);
    CHECK_FALSE(sent(p.cgw.last));
    // The responder side, too, once it has answered a crossing IKE SA rekey.
    step(p.aws, IkeEvent::RekeyIkeDue, nullptr, kCgw, 43);
    step(p.aws, ike::classify(req), &req, kCgw, 44);
    REQUIRE(p.aws.data.peer_ike_rekey);
    CHECK(p.aws.data.busy());
    p.aws.data.pending = ike::Pending::None;  // even with its own request answered
    step(p.aws, IkeEvent::RekeyChildDue, nullptr, kCgw, 45);
    CHECK_FALSE(sent(p.aws.last));
}

TEST_CASE("RFC 7296 §2.8, §1.4.1: at its hard lifetime the IKE SA and its CHILD_SAs are deleted",
          "[ike][ikev2][ike-rekey]") {
    Pair p;
    const SaId sa = current(p.cgw);
    step(p.cgw, IkeEvent::IkeExpired, nullptr, kAws, 50);
    CHECK(p.cgw.state == IkeState::Failed);
    CHECK(p.cgw.last.reason == Reason::IkeExpired);
    CHECK_FALSE(p.cgw.data.child);
    CHECK(p.cgw.data.child_state == ike::ChildState::None);
    bool child_deleted = false;
    for (const auto& a : p.cgw.last.actions) {
        child_deleted = child_deleted || a.kind == ike::Action::Kind::ChildDeleted;
    }
    CHECK(child_deleted);
    const auto del = sent(p.cgw.last);
    REQUIRE(del);
    REQUIRE(del->del);
    CHECK(del->del->ike);
    CHECK(SaId{del->spi_i, del->spi_r} == sa);
    REQUIRE(deliver(p.cgw, p.aws, 51));
    CHECK(p.aws.state == IkeState::Failed);
    CHECK(p.aws.last.reason == Reason::PeerDeletedIkeSa);
    CHECK_FALSE(p.aws.data.child);
}
