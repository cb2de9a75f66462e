// IKEv1 rekey and expiry (RFC 2409 §5, §5.5; ISAKMP Delete, RFC 2408 §3.15) and a
// policy-based initiator's one quick mode per proxy-ID pair.
#include <catch2/catch.hpp>

#include "tests/ike/ikev1_pair.hpp"

using namespace vpnsim;
using namespace vpnsim::testing;
using ike::Reason;

TEST_CASE("ikev1 rekey - RFC 2409 §5.5 phase 2 rekey by a new quick mode, make-before-break",
          "[ike][ikev1][rekey]") {
    UpPair1 p;
    const auto old_cgw = *p.cgw.data.child;
    const auto old_aws = *p.aws.data.child;
    step1(p.cgw, v1::Event::RekeyPhase2Due, nullptr, 100);
    CHECK(p.cgw.last.reason == Reason::RekeyInitiated);
    const auto qm1 = sent1(p.cgw.last);
    REQUIRE(qm1);
    CHECK(qm1->exchange == ike::Exchange::QuickMode);
    CHECK(qm1->tsi == old_cgw.local_ts);  // the installed SA's proxy IDs: no REKEY_SA in IKEv1
    deliver1(p.cgw, p.aws, 101);          // QM2: AWS answers, keeps the old SA in use
    CHECK(p.aws.state == v1::State::Established);
    CHECK(p.aws.data.child->spi_in == old_aws.spi_in);
    REQUIRE(p.aws.data.next_child);
    deliver1(p.aws, p.cgw, 102);  // the CGW installs, sends QM3 and deletes the old SA
    CHECK(p.cgw.last.reason == Reason::ChildRekeyed);
    CHECK(has_action(p.cgw.last, ike::Action::Kind::ChildRekeyed));
    const auto out = sent_all(p.cgw.last);
    REQUIRE(out.size() == 2);
    CHECK(out[0].exchange == ike::Exchange::QuickMode);
    CHECK(out[0].v1_msg == 3);
    REQUIRE(out[1].del);
    CHECK(out[1].del->spis == std::vector<std::uint32_t>{old_cgw.spi_in});
    CHECK(p.cgw.data.old_child->spi_in == old_cgw.spi_in);  // still accepted inbound
    deliver1(p.cgw, p.aws, 103);                            // QM3, then the Delete
    CHECK(p.aws.data.child->spi_in != old_aws.spi_in);
    CHECK(p.aws.data.child->spi_out == p.cgw.data.child->spi_in);
    CHECK(p.aws.data.child->spi_in == p.cgw.data.child->spi_out);
    CHECK_FALSE(p.aws.data.old_child);  // removed by the Delete
    CHECK(p.aws.last.reason == Reason::PeerDeletedChild);
    CHECK(p.aws.data.child_state == ike::ChildState::Installed);
    CHECK(p.cgw.data.pending == ike::Pending::None);
}

TEST_CASE("ikev1 rekey - a refused phase 2 rekey leaves the old SA to its hard lifetime",
          "[ike][ikev1][rekey]") {
    UpPair1 p;
    const auto old = *p.cgw.data.child;
    p.cgw.cfg.esp.dh = {5};  // PFS group AWS does not allow
    step1(p.cgw, v1::Event::RekeyPhase2Due, nullptr, 100);
    deliver1(p.cgw, p.aws, 101);
    CHECK(p.aws.last.reason == Reason::NoProposalChosen);
    CHECK(p.aws.data.child_state == ike::ChildState::Installed);  // the old SA stays
    deliver1(p.aws, p.cgw, 102);
    CHECK(p.cgw.last.reason == Reason::RekeyFailed);
    CHECK(p.cgw.data.child->spi_in == old.spi_in);
    CHECK(p.cgw.data.pending == ike::Pending::None);
}

TEST_CASE("ikev1 rekey - phase 2 hard expiry: ISAKMP Delete, phase 1 stays",
          "[ike][ikev1][rekey]") {
    UpPair1 p;
    step1(p.cgw, v1::Event::Phase2Expired, nullptr, 100);
    CHECK(p.cgw.last.reason == Reason::ChildExpired);
    CHECK_FALSE(p.cgw.data.child);
    CHECK(p.cgw.state == v1::State::Established);
    deliver1(p.cgw, p.aws, 101);
    CHECK(p.aws.last.reason == Reason::PeerDeletedChild);
    CHECK_FALSE(p.aws.data.child);
    CHECK(p.aws.state == v1::State::Established);
    CHECK(sent_all(p.aws.last).empty());  // RFC 2408 §4.8: a Delete is not answered
}

TEST_CASE("ikev1 rekey - RFC 2409 §5 phase 1 rekey by a new main mode keeps the IPsec SA",
          "[ike][ikev1][rekey]") {
    UpPair1 p;
    const auto old_i = p.aws.data.spi_i;
    const auto child = *p.aws.data.child;
    step1(p.aws, v1::Event::RekeyPhase1Due, nullptr, 100);
    CHECK(p.aws.last.reason == Reason::IkeRekeyInitiated);
    const auto mm1 = sent1(p.aws.last);
    REQUIRE(mm1);
    CHECK(mm1->exchange == ike::Exchange::MainMode);
    CHECK(mm1->spi_i != old_i);  // new cookies
    play(p.aws, p.cgw, 101);
    CHECK(p.aws.data.spi_i == mm1->spi_i);
    CHECK(p.cgw.data.spi_i == mm1->spi_i);
    CHECK(p.cgw.data.spi_r == p.aws.data.spi_r);
    CHECK(p.aws.data.child->spi_in == child.spi_in);  // the IPsec SA is untouched
    CHECK(p.aws.state == v1::State::Established);
    CHECK(p.cgw.state == v1::State::Established);
    CHECK(p.cgw.data.retired_ike.empty());  // the initiator's Delete of the old SA arrived
    CHECK(p.cgw.last.reason == Reason::PeerDeletedOldIkeSa);
    CHECK(p.aws.data.pending == ike::Pending::None);

    SECTION("the new SA works: DPD on its cookies is answered") {
        step1(p.cgw, v1::Event::DpdDue, nullptr, 200);
        deliver1(p.cgw, p.aws, 201);
        deliver1(p.aws, p.cgw, 202);
        CHECK(p.cgw.last.reason == Reason::PeerAlive);
    }
}

TEST_CASE("ikev1 rekey - phase 1 hard expiry deletes both phases", "[ike][ikev1][rekey]") {
    UpPair1 p;
    step1(p.cgw, v1::Event::Phase1Expired, nullptr, 100);
    CHECK(p.cgw.state == v1::State::Failed);
    CHECK(p.cgw.last.reason == Reason::IkeExpired);
    const auto out = sent_all(p.cgw.last);
    REQUIRE(out.size() == 2);
    CHECK_FALSE(out[0].del->ike);
    CHECK(out[1].del->ike);
    deliver1(p.cgw, p.aws, 101);
    CHECK(p.aws.state == v1::State::Failed);
    CHECK(p.aws.last.reason == Reason::PeerDeletedIkeSa);
    CHECK_FALSE(p.aws.data.child);
}

TEST_CASE("ikev1 policy-based - RFC 2409 §5.5 one quick mode per proxy-ID pair",
          "[ike][ikev1][policy]") {
    Pair1 p;
    p.cgw.cfg.local_ts = tsl("10.0.0.0/16");
    p.cgw.cfg.remote_ts = tsl("172.31.0.0/16");
    p.cgw.cfg.more_children = {{tsl("169.254.10.0/30"), tsl("169.254.10.0/30")},
                               {tsl("10.1.0.0/16"), tsl("172.31.0.0/16")}};
    SECTION("every pair gets its own IPsec SA, one quick mode at a time") {
        run(p.cgw, p.aws);
        REQUIRE(p.cgw.data.child);
        CHECK(p.cgw.data.more_children.size() == 2);
        CHECK(p.aws.data.more_children.size() == 2);
        CHECK(p.cgw.data.children_tried == 2);
        CHECK(ipsec::to_string(p.aws.data.more_children.at(0).remote_ts) == "169.254.10.0/30");
        CHECK(p.cgw.data.more_children.at(1).spi_out == p.aws.data.more_children.at(1).spi_in);
        CHECK(p.aws.data.child_state == ike::ChildState::Installed);
    }
    SECTION("a pair outside AWS's policy is refused alone (INVALID_ID_INFORMATION)") {
        p.aws.cfg.remote_ts = tsl("10.0.0.0/16");  // customer side: 10.1.0.0/16 is outside
        p.aws.cfg.local_ts = tsl("0.0.0.0/0");
        p.cgw.cfg.more_children.at(0) = {tsl("10.0.1.0/24"), tsl("172.31.1.0/24")};
        run(p.cgw, p.aws);
        CHECK(p.cgw.data.more_children.size() == 1);
        CHECK(p.cgw.last.reason == Reason::PeerRefusedChild);
        CHECK(p.cgw.data.child_state == ike::ChildState::Installed);
        CHECK(p.aws.data.child_state == ike::ChildState::Installed);
        CHECK(p.cgw.data.pending == ike::Pending::None);
    }
}

TEST_CASE("ikev1 rekey - crossing phase 1 rekeys: both new ISAKMP SAs live, the old one goes",
          "[ike][ikev1][rekey]") {
    UpPair1 p;
    const auto old_i = p.cgw.data.spi_i;
    const auto child = *p.cgw.data.child;
    step1(p.cgw, v1::Event::RekeyPhase1Due, nullptr, 100);
    const auto from_cgw = sent_all(p.cgw.last);
    step1(p.aws, v1::Event::RekeyPhase1Due, nullptr, 101);
    const auto from_aws = sent_all(p.aws.last);
    exchange(p.cgw, p.aws, from_cgw, from_aws);
    CHECK(p.cgw.state == v1::State::Established);
    CHECK(p.aws.state == v1::State::Established);
    CHECK(p.cgw.data.pending == ike::Pending::None);
    CHECK(p.aws.data.pending == ike::Pending::None);
    CHECK(p.cgw.data.spi_i != old_i);
    CHECK(p.aws.data.spi_i != old_i);
    const auto on = [](std::uint64_t cookie) {
        ike::Message m;
        m.spi_i = cookie;
        return m;
    };
    // Each end knows the other's current SA, and neither still holds the old one.
    CHECK(v1::knows_sa(p.cgw.data, on(p.aws.data.spi_i)));
    CHECK(v1::knows_sa(p.aws.data, on(p.cgw.data.spi_i)));
    CHECK_FALSE(v1::knows_sa(p.cgw.data, on(old_i)));
    CHECK_FALSE(v1::knows_sa(p.aws.data, on(old_i)));
    CHECK(p.cgw.data.child->spi_in == child.spi_in);  // the IPsec SA is untouched
    // DPD still works both ways.
    step1(p.cgw, v1::Event::DpdDue, nullptr, 900);
    exchange(p.cgw, p.aws, sent_all(p.cgw.last), {});
    CHECK(p.cgw.last.reason == Reason::PeerAlive);
}

TEST_CASE("ikev1 rekey - crossing phase 2 rekeys: the lower initiator SPI goes on",
          "[ike][ikev1][rekey]") {
    UpPair1 p;
    const auto old_cgw = *p.cgw.data.child;
    step1(p.cgw, v1::Event::RekeyPhase2Due, nullptr, 100);
    const auto from_cgw = sent_all(p.cgw.last);
    step1(p.aws, v1::Event::RekeyPhase2Due, nullptr, 101);
    const auto from_aws = sent_all(p.aws.last);
    REQUIRE(from_cgw.at(0).child_spi < from_aws.at(0).child_spi);  // the CGW's is lower
    exchange(p.cgw, p.aws, from_cgw, from_aws);
    CHECK(p.cgw.data.pending == ike::Pending::None);
    CHECK(p.aws.data.pending == ike::Pending::None);
    // One new SA, the CGW's: it is current on both ends, and the pair matches.
    REQUIRE(p.cgw.data.child);
    REQUIRE(p.aws.data.child);
    CHECK(p.cgw.data.child->spi_in == *from_cgw.at(0).child_spi);
    CHECK(p.cgw.data.child->spi_in == p.aws.data.child->spi_out);
    CHECK(p.cgw.data.child->spi_out == p.aws.data.child->spi_in);
    CHECK(p.cgw.data.old_child->spi_in == old_cgw.spi_in);
    CHECK_FALSE(p.aws.data.old_child);  // deleted by the CGW's ISAKMP Delete
    CHECK_FALSE(p.aws.data.next_child);
}

TEST_CASE(
    "ikev1 quick mode - RFC 2409 §5.5 a lost QM3: the responder re-sends QM2, the "
    "initiator repeats QM3",
    "[ike][ikev1][rekey]") {
    SECTION("the first quick mode") {
        Pair1 p;
        step1(p.cgw, v1::Event::Start, nullptr, 1);
        for (int i = 0; i < 7; ++i) {  // MM1..MM6, QM1
            Side1& from = i % 2 == 0 ? p.cgw : p.aws;
            Side1& to = i % 2 == 0 ? p.aws : p.cgw;
            deliver1(from, to, 10 + static_cast<std::uint64_t>(i));
        }
        REQUIRE(p.aws.state == v1::State::QmReplied2);
        deliver1(p.aws, p.cgw, 20);  // QM2: the CGW installs and sends QM3, which is lost
        REQUIRE(p.cgw.state == v1::State::Established);
        step1(p.aws, v1::Event::RetransmitTimerExpires, nullptr, 21);
        CHECK(p.aws.last.reason == Reason::Retransmit);
        deliver1(p.aws, p.cgw, 22);  // QM2 again
        CHECK(p.cgw.last.reason == Reason::DuplicateRequest);
        deliver1(p.cgw, p.aws, 23);  // QM3 again
        CHECK(p.aws.state == v1::State::Established);
        CHECK(p.aws.data.child_state == ike::ChildState::Installed);
        CHECK(has_action(p.aws.last, ike::Action::Kind::CancelTimer));
    }
    SECTION("a phase 2 rekey") {
        UpPair1 p;
        step1(p.cgw, v1::Event::RekeyPhase2Due, nullptr, 100);
        deliver1(p.cgw, p.aws, 101);
        CHECK(p.aws.data.pending == ike::Pending::QuickModeReply);
        deliver1(p.aws, p.cgw, 102);  // QM3 and the Delete of the old SA are lost
        const auto fresh = *p.cgw.data.child;
        step1(p.aws, v1::Event::RetransmitTimerExpires, nullptr, 103);
        deliver1(p.aws, p.cgw, 104);
        CHECK(p.cgw.last.reason == Reason::DuplicateRequest);
        deliver1(p.cgw, p.aws, 105);
        CHECK(p.aws.last.reason == Reason::ChildRekeyed);
        CHECK(p.aws.data.child->spi_in == fresh.spi_out);
        CHECK(p.aws.data.pending == ike::Pending::None);
    }
}

namespace {

// A lifetime event for one IPsec SA, named as the adapter names it (Input::child_spi).
void step_sa(Side1& s, v1::Event ev, std::uint32_t spi_in, std::uint64_t n) {
    ike::Input in;
    in.local_addr = s.addr;
    in.local_port = s.port;
    in.peer_addr = s.peer;
    in.peer_port = s.peer_port;
    in.fresh_spi = 0x2000 + n;
    in.fresh_child_spi = 0xc1000000U + static_cast<std::uint32_t>(n);
    in.child_spi = spi_in;
    s.last = v1::step(s.cfg, s.data, s.state, ev, in);
    s.state = s.last.next;
    s.data = s.last.data;
}

struct PolicyPair1 : Pair1 {
    PolicyPair1() {
        cgw.cfg.local_ts = tsl("10.0.0.0/16");
        cgw.cfg.remote_ts = tsl("172.31.0.0/16");
        cgw.cfg.more_children = {{tsl("10.1.0.0/16"), tsl("172.31.0.0/16")},
                                 {tsl("169.254.10.0/30"), tsl("169.254.10.0/30")}};
        run(cgw, aws);
    }
};

bool same_ids(const ike::ChildSa& a, const ike::ChildSa& b) {
    return a.local_ts == b.local_ts && a.remote_ts == b.remote_ts;
}

}  // namespace

TEST_CASE("ikev1 rekey - RFC 2409 §5.5 a further SA is rekeyed with its own proxy IDs, in place",
          "[ike][ikev1][rekey][policy]") {
    PolicyPair1 p;
    REQUIRE(p.cgw.data.more_children.size() == 2);
    REQUIRE(p.aws.data.more_children.size() == 2);
    const auto first_cgw = *p.cgw.data.child;
    const auto first_aws = *p.aws.data.child;
    const auto before_cgw = p.cgw.data.more_children;
    const auto before_aws = p.aws.data.more_children;
    const auto old = before_cgw.at(0);  // 10.1.0.0/16 <=> 172.31.0.0/16
    step_sa(p.cgw, v1::Event::RekeyPhase2Due, old.spi_in, 1000);
    CHECK(p.cgw.last.reason == Reason::RekeyInitiated);
    const auto qm1 = sent1(p.cgw.last);
    REQUIRE(qm1);
    CHECK(qm1->exchange == ike::Exchange::QuickMode);
    CHECK(qm1->v1_msg == 1);
    CHECK(qm1->tsi == old.local_ts);  // THAT SA's proxy IDs, not the first SA's
    CHECK(qm1->tsr == old.remote_ts);
    deliver1(p.cgw, p.aws, 1010);  // QM2: recognised as a rekey by its IDs
    CHECK(p.aws.last.reason == Reason::ProposalChosen);
    CHECK(p.aws.last.detail.str().find("rekey of the installed SA") != std::string::npos);
    CHECK(p.aws.data.more_children.at(0).spi_in == before_aws.at(0).spi_in);  // not yet
    deliver1(p.aws, p.cgw, 1020);  // the CGW installs in place, QM3, Delete of the old SA
    CHECK(p.cgw.last.reason == Reason::ChildRekeyed);
    CHECK_FALSE(has_action(p.cgw.last, ike::Action::Kind::ChildRekeyed));  // not the first SA
    CHECK_FALSE(has_action(p.cgw.last, ike::Action::Kind::ChildAdded));
    const auto out = sent_all(p.cgw.last);
    REQUIRE(out.size() == 2);
    CHECK(out[0].v1_msg == 3);
    REQUIRE(out[1].del);  // RFC 2408 §4.8
    CHECK_FALSE(out[1].del->ike);
    CHECK(out[1].del->spis == std::vector<std::uint32_t>{old.spi_in});
    // RFC 4301 §5.1: the SPD order is unchanged; the other SAs are untouched.
    REQUIRE(p.cgw.data.more_children.size() == 2);
    const auto& fresh = p.cgw.data.more_children.at(0);
    CHECK(same_ids(fresh, old));
    CHECK(fresh.spi_in != old.spi_in);
    CHECK(p.cgw.data.more_children.at(1).spi_in == before_cgw.at(1).spi_in);
    CHECK(p.cgw.data.child->spi_in == first_cgw.spi_in);
    CHECK_FALSE(p.cgw.data.old_child);
    REQUIRE(p.cgw.data.old_more_children.size() == 1);  // still accepted inbound
    CHECK(p.cgw.data.old_more_children.at(0).spi_in == old.spi_in);
    CHECK(p.cgw.data.pending == ike::Pending::None);
    deliver1(p.cgw, p.aws, 1030);  // QM3, then the Delete
    REQUIRE(p.aws.data.more_children.size() == 2);
    const auto& aws_fresh = p.aws.data.more_children.at(0);
    CHECK(same_ids(aws_fresh, before_aws.at(0)));
    CHECK(aws_fresh.spi_out == fresh.spi_in);
    CHECK(aws_fresh.spi_in == fresh.spi_out);
    CHECK(p.aws.data.more_children.at(1).spi_in == before_aws.at(1).spi_in);
    CHECK(p.aws.data.child->spi_in == first_aws.spi_in);
    CHECK(p.aws.data.old_more_children.empty());  // removed by the Delete
    CHECK(p.aws.last.reason == Reason::PeerDeletedChild);
    CHECK(p.aws.last.detail.str().find("rekeyed further SA") != std::string::npos);
    CHECK(p.aws.data.pending == ike::Pending::None);
    SECTION("the next rekey of the pair retires the SA the first one kept inbound") {
        step_sa(p.cgw, v1::Event::RekeyPhase2Due, fresh.spi_in, 2000);
        CHECK(sent1(p.cgw.last)->tsi == old.local_ts);
        deliver1(p.cgw, p.aws, 2010);
        deliver1(p.aws, p.cgw, 2020);
        REQUIRE(p.cgw.data.old_more_children.size() == 1);
        CHECK(p.cgw.data.old_more_children.at(0).spi_in != old.spi_in);
        CHECK(p.cgw.data.more_children.at(1).spi_in == before_cgw.at(1).spi_in);
    }
}

TEST_CASE("ikev1 rekey - the responder's rekey of a further SA is taken in place too",
          "[ike][ikev1][rekey][policy]") {
    PolicyPair1 p;
    const auto before_cgw = p.cgw.data.more_children;
    const auto old = p.aws.data.more_children.at(1);  // the inside /30
    step_sa(p.aws, v1::Event::RekeyPhase2Due, old.spi_in, 1000);
    CHECK(sent1(p.aws.last)->tsi == old.local_ts);
    play(p.aws, p.cgw, 1010);
    REQUIRE(p.aws.data.more_children.size() == 2);
    REQUIRE(p.cgw.data.more_children.size() == 2);
    CHECK(p.aws.data.more_children.at(1).spi_in != old.spi_in);
    CHECK(same_ids(p.aws.data.more_children.at(1), old));
    CHECK(p.cgw.data.more_children.at(1).spi_out == p.aws.data.more_children.at(1).spi_in);
    CHECK(p.cgw.data.more_children.at(0).spi_in == before_cgw.at(0).spi_in);
    CHECK(p.cgw.data.old_more_children.empty());
}

TEST_CASE("ikev1 rekey - a further SA's hard expiry removes only that SA",
          "[ike][ikev1][rekey][policy]") {
    PolicyPair1 p;
    const auto first = *p.cgw.data.child;
    const auto gone = p.cgw.data.more_children.at(0);
    const auto kept = p.cgw.data.more_children.at(1);
    step_sa(p.cgw, v1::Event::Phase2Expired, gone.spi_in, 1000);
    CHECK(p.cgw.last.reason == Reason::ChildExpired);
    CHECK(p.cgw.state == v1::State::Established);
    const auto del = sent1(p.cgw.last);
    REQUIRE(del);
    REQUIRE(del->del);
    CHECK(del->del->spis == std::vector<std::uint32_t>{gone.spi_in});
    REQUIRE(p.cgw.data.more_children.size() == 1);
    CHECK(p.cgw.data.more_children.at(0).spi_in == kept.spi_in);
    CHECK(p.cgw.data.child->spi_in == first.spi_in);
    CHECK(p.cgw.data.child_state == ike::ChildState::Installed);
    deliver1(p.cgw, p.aws, 1010);
    CHECK(p.aws.last.reason == Reason::PeerDeletedChild);
    REQUIRE(p.aws.data.more_children.size() == 1);
    CHECK(p.aws.data.more_children.at(0).spi_out == kept.spi_in);
    CHECK(p.aws.data.child);
    // A lifetime event for the SA that is gone changes nothing.
    step_sa(p.cgw, v1::Event::RekeyPhase2Due, gone.spi_in, 1020);
    CHECK(sent_all(p.cgw.last).empty());
    CHECK(p.cgw.data.pending == ike::Pending::None);
    CHECK(p.cgw.data.more_children.size() == 1);
}
