// Rekey and expiry of a policy-based CGW's further CHILD_SAs (RFC 7296 §1.3.1): each is
// rekeyed by CREATE_CHILD_SA with a REKEY_SA notify naming it (§1.3.3), make-before-break
// (§2.8); the new SA takes the old one's place so the RFC 4301 §5.1 SPD order never changes.
#include <catch2/catch.hpp>

#include "tests/ike/ike_pair.hpp"

using namespace vpnsim;
using namespace vpnsim::testing;
using ike::Reason;

namespace {

void settle(Side& cgw, Side& aws, std::uint64_t n) {
    for (int i = 0; i < 20 && deliver(cgw, aws, n++); ++i) {
        if (!deliver(aws, cgw, n++)) break;
    }
}

// The adapter's timer event for one CHILD_SA, named by its spi_in (0: the first one).
void step_child(Side& s, IkeEvent ev, std::uint32_t spi_in, std::uint64_t n) {
    ike::Input in;
    in.event = ev;
    in.local_addr = s.addr;
    in.fresh_spi = 0x1000 + n;
    in.fresh_child_spi = 0xc0000000U + static_cast<std::uint32_t>(n);
    in.fresh_nonce = n;
    in.child_spi = spi_in;
    s.last = ike::step(s.cfg, s.data, s.state, in);
    s.state = s.last.next;
    s.data = s.last.data;
}

bool same(const ike::ChildSa& a, const ike::ChildSa& b) {
    return a.spi_in == b.spi_in && a.spi_out == b.spi_out && a.local_ts == b.local_ts &&
           a.remote_ts == b.remote_ts;
}

const ike::ChildPolicy kLan2{tsl("10.1.0.0/16"), tsl("172.31.0.0/16")};
const ike::ChildPolicy kApipa{tsl("169.254.10.0/30"), tsl("169.254.10.0/30")};

// A CGW with three proxy-ID pairs (LAN, LAN2, APIPA), all three CHILD_SAs up.
std::pair<Side, Side> three_sas() {
    Side cgw{cgw_cfg(), {}, IkeState::Idle, kCgw, {}};
    cgw.cfg.local_ts = tsl("10.0.0.0/16");
    cgw.cfg.remote_ts = tsl("172.31.0.0/16");
    cgw.cfg.more_children = {kLan2, kApipa};
    Side aws{aws_cfg(), {}, IkeState::Idle, kAws, {}};
    negotiate(cgw, aws, kCgw);
    settle(cgw, aws, 50);
    return {cgw, aws};
}

}  // namespace

SCENARIO("ikev2 - a further CHILD_SA is rekeyed in its SPD position (RFC 7296 §1.3.3, §2.8)",
         "[ike][ikev2][policy][rekey]") {
    GIVEN("a policy-based CGW with three CHILD_SAs") {
        auto [cgw, aws] = three_sas();
        REQUIRE(cgw.data.more_children.size() == 2);
        REQUIRE(aws.data.more_children.size() == 2);
        const ike::ChildSa first = *cgw.data.child;
        const ike::ChildSa old = cgw.data.more_children[0];
        const ike::ChildSa apipa = cgw.data.more_children[1];
        const ike::ChildSa aws_old = aws.data.more_children[0];
        WHEN("the second SA's soft lifetime comes") {
            step_child(cgw, IkeEvent::RekeyChildDue, old.spi_in, 70);
            THEN("CREATE_CHILD_SA names it in REKEY_SA with its selectors") {
                CHECK(cgw.last.reason == Reason::RekeyInitiated);
                const auto req = sent(cgw.last);
                REQUIRE(req);
                CHECK(req->exchange == ike::Exchange::CreateChildSa);
                CHECK(req->notify_data(ike::NotifyType::RekeySa) == old.spi_in);
                CHECK(req->tsi == kLan2.local_ts);
                CHECK(req->tsr == kLan2.remote_ts);
                CHECK(cgw.data.pending == ike::Pending::RekeyChild);
            }
            AND_WHEN("AWS answers") {
                REQUIRE(deliver(cgw, aws, 71));
                THEN("AWS finds the SA by the REKEY_SA SPI and replaces it in place") {
                    CHECK(aws.last.reason == Reason::ChildRekeyed);
                    REQUIRE(aws.data.more_children.size() == 2);
                    CHECK(aws.data.more_children[0].spi_out == 0xc0000000U + 70);
                    CHECK(aws.data.more_children[0].local_ts == aws_old.local_ts);
                    CHECK(aws.data.more_children[1].spi_out == apipa.spi_in);
                    CHECK(aws.data.child->spi_out == first.spi_in);
                    REQUIRE(aws.data.old_more_children.size() == 1);
                    CHECK(aws.data.old_more_children[0].spi_in == aws_old.spi_in);
                }
                AND_WHEN("the CGW installs it and deletes the old SA") {
                    REQUIRE(deliver(aws, cgw, 72));
                    THEN("the SPD order and the other SAs are unchanged") {
                        CHECK(cgw.last.reason == Reason::ChildRekeyed);
                        REQUIRE(cgw.data.more_children.size() == 2);
                        const auto& now = cgw.data.more_children[0];
                        CHECK(now.spi_in == 0xc0000000U + 70);
                        CHECK(now.spi_out == aws.data.more_children[0].spi_in);
                        CHECK(now.local_ts == kLan2.local_ts);
                        CHECK(now.remote_ts == kLan2.remote_ts);
                        CHECK(same(cgw.data.more_children[1], apipa));
                        CHECK(same(*cgw.data.child, first));
                        const auto del = sent(cgw.last);
                        REQUIRE(del);
                        REQUIRE(del->del);
                        CHECK(del->del->spis == std::vector<std::uint32_t>{old.spi_in});
                        CHECK(cgw.data.pending == ike::Pending::DeleteChild);
                        REQUIRE(cgw.data.old_more_children.size() == 1);
                    }
                    AND_WHEN("the Delete completes") {
                        REQUIRE(deliver(cgw, aws, 73));
                        CHECK(aws.last.reason == Reason::PeerDeletedChild);
                        REQUIRE(deliver(aws, cgw, 74));
                        THEN("only the old SA is gone, on both sides") {
                            CHECK(cgw.last.reason == Reason::OldChildDeleted);
                            CHECK(cgw.data.old_more_children.empty());
                            CHECK(aws.data.old_more_children.empty());
                            CHECK(cgw.data.pending == ike::Pending::None);
                            REQUIRE(aws.data.more_children.size() == 2);
                            for (std::size_t i = 0; i < 2; ++i) {
                                CHECK(cgw.data.more_children[i].spi_in ==
                                      aws.data.more_children[i].spi_out);
                                CHECK(cgw.data.more_children[i].spi_out ==
                                      aws.data.more_children[i].spi_in);
                            }
                            CHECK(cgw.data.child->spi_out == aws.data.child->spi_in);
                        }
                    }
                }
            }
        }
        WHEN("REKEY_SA names an SPI that is none of AWS's CHILD_SAs") {
            step_child(cgw, IkeEvent::RekeyChildDue, old.spi_in, 80);
            auto req = *sent(cgw.last);
            for (auto& n : req.notifies) {
                if (n.type == ike::NotifyType::RekeySa) n.data = 0xc0ffee00U;
            }
            step(aws, ike::classify(req), &req, kCgw, 81);
            THEN("AWS answers CHILD_SA_NOT_FOUND (§1.3.3) and keeps every SA") {
                CHECK(aws.last.reason == Reason::RekeyRefused);
                CHECK(sent(aws.last)->has_notify(ike::NotifyType::ChildSaNotFound));
                CHECK(aws.data.more_children.size() == 2);
                CHECK(aws.data.old_more_children.empty());
            }
        }
        WHEN("another request is in flight") {
            step(cgw, IkeEvent::LivenessCheckDue, nullptr, kAws, 90);
            REQUIRE(cgw.data.pending == ike::Pending::Dpd);
            step_child(cgw, IkeEvent::RekeyChildDue, old.spi_in, 91);
            THEN("the rekey waits (§2.3)") {
                CHECK_FALSE(sent(cgw.last));
                CHECK(cgw.data.pending == ike::Pending::Dpd);
            }
        }
        WHEN("both ends rekey the same further SA at once (§2.8.1)") {
            step_child(cgw, IkeEvent::RekeyChildDue, old.spi_in, 100);
            step_child(aws, IkeEvent::RekeyChildDue, aws_old.spi_in, 101);
            const auto from_cgw = *sent(cgw.last);
            const auto from_aws = *sent(aws.last);
            CHECK(from_aws.notify_data(ike::NotifyType::RekeySa) == aws_old.spi_in);
            step(aws, ike::classify(from_cgw), &from_cgw, kCgw, 102);
            step(cgw, ike::classify(from_aws), &from_aws, kAws, 103);
            THEN("each answers TEMPORARY_FAILURE and both keep the SA to retry later") {
                CHECK(aws.last.reason == Reason::RekeyCollision);
                CHECK(cgw.last.reason == Reason::RekeyCollision);
                REQUIRE(deliver(aws, cgw, 104));
                CHECK(cgw.last.reason == Reason::PeerTemporaryFailure);
                CHECK(same(cgw.data.more_children[0], old));
                CHECK(cgw.data.pending == ike::Pending::None);
            }
        }
        WHEN("the second SA reaches its hard lifetime (CGW with rekey=false)") {
            step_child(cgw, IkeEvent::ChildExpired, old.spi_in, 110);
            THEN("it alone is removed and the peer is told") {
                CHECK(cgw.last.reason == Reason::ChildExpired);
                REQUIRE(cgw.data.more_children.size() == 1);
                CHECK(same(cgw.data.more_children[0], apipa));
                CHECK(same(*cgw.data.child, first));
                CHECK(cgw.state == IkeState::Established);
                const auto del = sent(cgw.last);
                REQUIRE(del);
                REQUIRE(del->del);
                CHECK(del->del->spis == std::vector<std::uint32_t>{old.spi_in});
                REQUIRE(deliver(cgw, aws, 111));
                CHECK(aws.data.more_children.size() == 1);
            }
        }
        WHEN("a timer names an SA that is already gone") {
            step_child(cgw, IkeEvent::RekeyChildDue, 0xc0ffee00U, 120);
            THEN("nothing happens") {
                CHECK_FALSE(sent(cgw.last));
                CHECK(cgw.data.more_children.size() == 2);
            }
        }
    }
}
