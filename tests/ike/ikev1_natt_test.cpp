// IKEv1 NAT traversal (RFC 3947): vendor IDs in main mode 1/2, NAT-D in main mode 3/4.
#include <catch2/catch.hpp>

#include "tests/ike/ikev1_pair.hpp"

using namespace vpnsim;
using namespace vpnsim::testing;
using ike::NotifyType;

namespace {

int natd_count(const ike::Message& m) {
    int n = 0;
    for (const auto& x : m.notifies) {
        n += x.type == NotifyType::NatDetectionSourceIp ||
             x.type == NotifyType::NatDetectionDestinationIp;
    }
    return n;
}

// The CGW behind a PAT: it knows its private address, AWS sees the public one and port.
void behind_pat(Pair1& p) {
    p.cgw.addr = ip("10.0.0.5");
    p.cgw.seen = ip("192.0.2.1");
    p.cgw.seen_port = 40000;
}

}  // namespace

TEST_CASE("ikev1 natt - RFC 3947 §3.1 both ends announce NAT-T in a vendor ID",
          "[ike][ikev1][nat]") {
    Pair1 p;
    step1(p.cgw, v1::Event::Start, nullptr, 1);
    const auto mm1 = sent1(p.cgw.last);
    REQUIRE(mm1);
    CHECK((mm1->vendor_ids & ike::kVidNatT) != 0);
    deliver1(p.cgw, p.aws, 2);
    const auto mm2 = sent1(p.aws.last);
    REQUIRE(mm2);
    CHECK((mm2->vendor_ids & ike::kVidNatT) != 0);
    CHECK((p.aws.data.peer_vendor_ids & ike::kVidNatT) != 0);

    SECTION("a CGW without NAT-T announces none, and no NAT-D is sent (§3.1)") {
        Pair1 q;
        q.cgw.cfg.nat_t = false;
        behind_pat(q);
        step1(q.cgw, v1::Event::Start, nullptr, 1);
        CHECK((sent1(q.cgw.last)->vendor_ids & ike::kVidNatT) == 0);
        deliver1(q.cgw, q.aws, 2);  // MM2
        deliver1(q.aws, q.cgw, 3);  // MM3
        CHECK(natd_count(*sent1(q.cgw.last)) == 0);
        play(q.cgw, q.aws, 4);
        CHECK(q.cgw.state == v1::State::Established);
        CHECK_FALSE(q.cgw.data.nat_detected());
        CHECK_FALSE(q.aws.data.nat_detected());
    }
}

TEST_CASE("ikev1 natt - RFC 3947 §3.2 NAT-D in main mode 3/4 finds who is behind the NAT",
          "[ike][ikev1][nat]") {
    Pair1 p;
    SECTION("no NAT: both hashes match on both ends") {
        run(p.cgw, p.aws);
        CHECK(p.cgw.state == v1::State::Established);
        CHECK_FALSE(p.cgw.data.nat_detected());
        CHECK_FALSE(p.aws.data.nat_detected());
    }
    SECTION("behind a PAT: the CGW finds itself behind it, AWS finds its peer behind it") {
        behind_pat(p);
        step1(p.cgw, v1::Event::Start, nullptr, 1);
        deliver1(p.cgw, p.aws, 2);  // MM2
        deliver1(p.aws, p.cgw, 3);  // MM3
        const auto mm3 = sent1(p.cgw.last);
        REQUIRE(mm3);
        REQUIRE(natd_count(*mm3) == 2);
        // The first NAT-D hashes the receiver's address and port (§3.2).
        CHECK(mm3->notifies.at(0).type == NotifyType::NatDetectionDestinationIp);
        CHECK(mm3->notifies.at(0).data == ike::natd_hash(mm3->spi_i, mm3->spi_r, kAws, 500));
        deliver1(p.cgw, p.aws, 4);  // MM4: AWS compares
        CHECK(p.aws.data.peer_behind_nat);
        CHECK_FALSE(p.aws.data.local_behind_nat);
        CHECK(natd_count(*sent1(p.aws.last)) == 2);
        deliver1(p.aws, p.cgw, 5);  // MM5: the CGW compares, then floats (§4, the adapter's)
        CHECK(p.cgw.data.local_behind_nat);
        CHECK_FALSE(p.cgw.data.peer_behind_nat);
        CHECK(p.cgw.last.detail.str().find("floating to UDP 4500") != std::string::npos);
        play(p.cgw, p.aws, 6);
        CHECK(p.cgw.state == v1::State::Established);
        CHECK(p.aws.data.child_state == ike::ChildState::Installed);
    }
    SECTION("a forced encapsulation (AWS accelerated) makes the CGW see its peer behind a NAT") {
        p.aws.cfg.force_encapsulation = true;
        run(p.cgw, p.aws);
        CHECK(p.cgw.data.peer_behind_nat);
        CHECK_FALSE(p.cgw.data.local_behind_nat);
        CHECK(p.cgw.data.nat_detected());
    }
}

TEST_CASE("ikev1 natt - a phase 1 rekey's main mode carries NAT-D too (RFC 3947 §3.2)",
          "[ike][ikev1][nat][rekey]") {
    Pair1 p;
    behind_pat(p);
    run(p.cgw, p.aws);
    REQUIRE(p.cgw.data.local_behind_nat);
    // The adapter floated both ends to UDP 4500 (§4); the PAT maps the CGW's 4500 anew.
    p.cgw.port = 4500;
    p.cgw.peer_port = 4500;
    p.cgw.seen_port = 40001;
    p.aws.port = 4500;
    step1(p.cgw, v1::Event::RekeyPhase1Due, nullptr, 100);
    deliver1(p.cgw, p.aws, 101);  // MM2
    deliver1(p.aws, p.cgw, 102);  // MM3
    CHECK(natd_count(*sent1(p.cgw.last)) == 2);
    play(p.cgw, p.aws, 103);
    CHECK(p.cgw.data.spi_i == p.aws.data.spi_i);
    CHECK(p.cgw.last.reason == ike::Reason::IkeRekeyed);
    CHECK(p.cgw.data.local_behind_nat);
    CHECK(p.aws.data.peer_behind_nat);
    CHECK_FALSE(p.aws.data.local_behind_nat);
}
