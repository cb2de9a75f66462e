// Policy-based initiators: one CHILD_SA per proxy-ID pair, the first in IKE_AUTH and each
// further one by CREATE_CHILD_SA (RFC 7296 §1.3.1), each narrowed by the responder (§2.9);
// and the RFC 4301 §5.1 outbound SPD lookup over several SAs.
#include <rapidcheck.h>
#include <rapidcheck/catch.h>
#include <catch2/catch.hpp>

#include "models/ipsec/data_plane.hpp"
#include "tests/ike/ike_pair.hpp"

using namespace vpnsim;
using namespace vpnsim::testing;
using ike::Reason;

namespace {

// Delivers messages back and forth until neither side sends.
void settle(Side& cgw, Side& aws, std::uint64_t n) {
    for (int i = 0; i < 20 && deliver(cgw, aws, n++); ++i) {
        if (!deliver(aws, cgw, n++)) break;
    }
}

// A policy-based CGW: LAN pair first (IKE_AUTH), then `more`.
Side policy_cgw(std::vector<ike::ChildPolicy> more) {
    Side s{cgw_cfg(), {}, IkeState::Idle, kCgw, {}};
    s.cfg.local_ts = tsl("10.0.0.0/16");
    s.cfg.remote_ts = tsl("172.31.0.0/16");
    s.cfg.more_children = std::move(more);
    return s;
}

const ike::ChildPolicy kApipa{tsl("169.254.10.0/30"), tsl("169.254.10.0/30")};

net::InnerPacket bgp_syn(const char* src, const char* dst) {
    net::InnerPacket p;
    p.src = ip(src);
    p.dst = ip(dst);
    p.tcp.src_port = 40000;
    p.tcp.dst_port = 179;
    return p;
}

}  // namespace

SCENARIO("ikev2 - a policy-based CGW creates one CHILD_SA per proxy-ID pair (RFC 7296 §1.3.1)",
         "[ike][ikev2][policy]") {
    GIVEN("a CGW with a LAN pair and an APIPA pair, and AWS with a 0.0.0.0/0 policy") {
        Side cgw = policy_cgw({kApipa});
        Side aws{aws_cfg(), {}, IkeState::Idle, kAws, {}};
        negotiate(cgw, aws, kCgw);
        REQUIRE(cgw.state == IkeState::Established);
        THEN("IKE_AUTH carries the first pair and CREATE_CHILD_SA follows with the second") {
            CHECK(cgw.data.child->local_ts == tsl("10.0.0.0/16"));
            const auto req = sent(cgw.last);
            REQUIRE(req);
            CHECK(req->exchange == ike::Exchange::CreateChildSa);
            CHECK_FALSE(req->response);
            CHECK_FALSE(req->has_notify(ike::NotifyType::RekeySa));  // new, not a rekey
            CHECK_FALSE(req->ike_spi);
            CHECK(req->tsi == kApipa.local_ts);
            CHECK(req->tsr == kApipa.remote_ts);
            CHECK(cgw.data.pending == ike::Pending::CreateChild);
        }
        WHEN("the exchange completes") {
            REQUIRE(deliver(cgw, aws, 40));
            CHECK(aws.last.reason == Reason::ChildCreated);
            REQUIRE(deliver(aws, cgw, 41));
            CHECK(cgw.last.reason == Reason::ChildCreated);
            THEN("both sides hold a second CHILD_SA with paired SPIs; the first is untouched") {
                REQUIRE(cgw.data.more_children.size() == 1);
                REQUIRE(aws.data.more_children.size() == 1);
                const auto& c = cgw.data.more_children[0];
                const auto& a = aws.data.more_children[0];
                CHECK(c.spi_in == a.spi_out);
                CHECK(c.spi_out == a.spi_in);
                CHECK(c.local_ts == a.remote_ts);
                CHECK(c.remote_ts == a.local_ts);
                CHECK(c.local_ts == kApipa.local_ts);
                CHECK(cgw.data.child->local_ts == tsl("10.0.0.0/16"));
                CHECK(cgw.data.child_state == ike::ChildState::Installed);
                CHECK(cgw.data.pending == ike::Pending::None);
                CHECK_FALSE(sent(cgw.last));  // every pair was tried
            }
            AND_WHEN("the request is retransmitted (its answer was lost)") {
                const auto again = *cgw.data.last_sent;
                step(aws, ike::classify(again), &again, kCgw, 42);
                THEN("AWS answers with the same SA and does not install another (§2.1)") {
                    CHECK(aws.last.reason == Reason::DuplicateRequest);
                    CHECK(aws.data.more_children.size() == 1);
                    CHECK(sent(aws.last)->child_spi == aws.data.more_children[0].spi_in);
                }
            }
            AND_WHEN("AWS deletes the second CHILD_SA (§1.4.1)") {
                ike::Message del;
                del.exchange = ike::Exchange::Informational;
                del.spi_i = cgw.data.spi_i;
                del.spi_r = cgw.data.spi_r;
                del.message_id = 0;
                del.del = ike::DeletePayload{false, {aws.data.more_children[0].spi_in}};
                step(cgw, ike::classify(del), &del, kAws, 43);
                THEN("only that SA goes; the answer names its inbound SPI") {
                    CHECK(cgw.last.reason == Reason::PeerDeletedChild);
                    CHECK(cgw.data.more_children.empty());
                    CHECK(cgw.data.child.has_value());
                    REQUIRE(sent(cgw.last)->del);
                    CHECK(sent(cgw.last)->del->spis ==
                          std::vector<std::uint32_t>{aws.data.more_children[0].spi_out});
                }
            }
            AND_WHEN("the first CHILD_SA is rekeyed (§1.3.3)") {
                step(cgw, IkeEvent::RekeyChildDue, nullptr, kAws, 44);
                settle(cgw, aws, 45);
                THEN("the further CHILD_SA stays on both sides") {
                    CHECK(cgw.data.more_children.size() == 1);
                    CHECK(aws.data.more_children.size() == 1);
                    CHECK(cgw.data.child->spi_out == aws.data.child->spi_in);
                }
            }
        }
    }
    GIVEN("three pairs") {
        Side cgw = policy_cgw({{tsl("10.1.0.0/16"), tsl("172.31.0.0/16")}, kApipa});
        Side aws{aws_cfg(), {}, IkeState::Idle, kAws, {}};
        negotiate(cgw, aws, kCgw);
        settle(cgw, aws, 50);
        THEN("the CREATE_CHILD_SAs run one at a time, in order (§2.3)") {
            REQUIRE(cgw.data.more_children.size() == 2);
            CHECK(cgw.data.more_children[0].local_ts == tsl("10.1.0.0/16"));
            CHECK(cgw.data.more_children[1].local_ts == kApipa.local_ts);
            CHECK(aws.data.more_children.size() == 2);
            CHECK(cgw.data.children_tried == 2);
        }
    }
    GIVEN("an AWS policy that excludes the second pair") {
        Side cgw = policy_cgw({{tsl("192.168.0.0/16"), tsl("172.31.0.0/16")}, kApipa});
        Side aws{aws_cfg(), {}, IkeState::Idle, kAws, {}};
        aws.cfg.remote_ts = tsl("10.0.0.0/8");  // customer side: 10/8 only
        negotiate(cgw, aws, kCgw);
        REQUIRE(deliver(cgw, aws, 60));
        THEN("AWS refuses that CHILD_SA only (§2.9 TS_UNACCEPTABLE) and the next pair goes on") {
            CHECK(aws.last.reason == Reason::ChildCreateRefused);
            CHECK(sent(aws.last)->has_notify(ike::NotifyType::TsUnacceptable));
            REQUIRE(deliver(aws, cgw, 61));
            CHECK(cgw.last.reason == Reason::PeerRefusedChild);
            CHECK(cgw.state == IkeState::Established);
            CHECK(cgw.data.child_state == ike::ChildState::Installed);
            const auto next = sent(cgw.last);
            REQUIRE(next);
            CHECK(next->tsi == kApipa.local_ts);
        }
    }
}

TEST_CASE("ipsec - RFC 4301 §5.1 outbound SPD lookup takes the first matching SA",
          "[ipsec][policy]") {
    const auto lan_l = tsl("10.0.0.0/16");
    const auto lan_r = tsl("172.31.0.0/16");
    const auto apipa = tsl("169.254.10.0/30");
    const auto any = tsl("0.0.0.0/0");
    const auto bgp = bgp_syn("169.254.10.2", "169.254.10.1");
    SECTION("only the LAN pair: BGP matches nothing") {
        const std::vector<ipsec::SaSelectors> sas{{&lan_l, &lan_r}};
        CHECK(ipsec::lookup_outbound(sas, bgp).verdict == ipsec::Verdict::SelectorMismatch);
    }
    SECTION("no SA at all") {
        CHECK(ipsec::lookup_outbound({}, bgp).verdict == ipsec::Verdict::NoSa);
    }
    SECTION("the APIPA pair, second in order, carries BGP") {
        const std::vector<ipsec::SaSelectors> sas{{&lan_l, &lan_r}, {&apipa, &apipa}};
        const auto found = ipsec::lookup_outbound(sas, bgp);
        CHECK(found.verdict == ipsec::Verdict::Pass);
        CHECK(found.index == 1);
        CHECK(ipsec::lookup_outbound(sas, bgp_syn("10.0.1.1", "172.31.2.2")).index == 0);
    }
    SECTION("overlapping SAs: the first one wins") {
        const std::vector<ipsec::SaSelectors> sas{{&any, &any}, {&apipa, &apipa}};
        CHECK(ipsec::lookup_outbound(sas, bgp).index == 0);
    }
}

// For policy-based CGWs: every installed SA's selectors are within both sides' policies --
// the CGW's pair it proposed (§2.9: the responder only narrows) and AWS's configured policy.
TEST_CASE("ikev2 - policy-based CHILD_SAs stay within both policies",
          "[ike][ikev2][policy][prop]") {
    const std::array<const char*, 8> cidrs{"0.0.0.0/0",      "10.0.0.0/8",    "10.0.0.0/16",
                                           "10.1.0.0/16",    "172.31.0.0/16", "169.254.10.0/30",
                                           "169.254.0.0/16", "192.168.0.0/16"};
    const auto gen_ts = rc::gen::map(rc::gen::inRange<std::size_t>(0, cidrs.size()),
                                     [&](std::size_t i) { return tsl(cidrs[i]); });
    rc::prop("installed SAs are within the proposal and AWS's policy", [&] {
        auto pairs = *rc::gen::resize(
            4, rc::gen::nonEmpty(
                   rc::gen::container<std::vector<std::pair<ipsec::TsList, ipsec::TsList>>>(
                       rc::gen::pair(gen_ts, gen_ts))));
        std::vector<ike::ChildPolicy> more;
        for (std::size_t i = 1; i < pairs.size(); ++i)
            more.push_back({pairs[i].first, pairs[i].second});
        Side cgw = policy_cgw(more);
        cgw.cfg.local_ts = pairs[0].first;
        cgw.cfg.remote_ts = pairs[0].second;
        Side aws{aws_cfg(), {}, IkeState::Idle, kAws, {}};
        aws.cfg.local_ts = *gen_ts;   // AWS side (remote IPv4 network CIDR)
        aws.cfg.remote_ts = *gen_ts;  // customer side (local IPv4 network CIDR)
        negotiate(cgw, aws, kCgw);
        RC_ASSERT(cgw.state == IkeState::Established);
        settle(cgw, aws, 100);
        RC_ASSERT(cgw.data.children_tried == more.size());
        RC_ASSERT(cgw.data.pending == ike::Pending::None);
        std::vector<const ike::ChildSa*> mine;
        std::vector<ike::ChildPolicy> proposed;
        if (cgw.data.child) {
            mine.push_back(&*cgw.data.child);
            proposed.push_back({cgw.cfg.local_ts, cgw.cfg.remote_ts});
        }
        RC_ASSERT(cgw.data.more_children.size() == aws.data.more_children.size());
        for (std::size_t i = 0; i < cgw.data.more_children.size(); ++i) {
            mine.push_back(&cgw.data.more_children[i]);
            const auto& a = aws.data.more_children[i];
            RC_ASSERT(cgw.data.more_children[i].spi_out == a.spi_in);
            RC_ASSERT(cgw.data.more_children[i].spi_in == a.spi_out);
        }
        for (const auto* ch : mine) {
            // CGW side of the SA within AWS's customer-side policy, AWS side within its own.
            RC_ASSERT(ipsec::covered_by(ch->local_ts, aws.cfg.remote_ts));
            RC_ASSERT(ipsec::covered_by(ch->remote_ts, aws.cfg.local_ts));
            // ... and within one of the CGW's proposed pairs.
            bool within_a_pair = ipsec::covered_by(ch->local_ts, cgw.cfg.local_ts) &&
                                 ipsec::covered_by(ch->remote_ts, cgw.cfg.remote_ts);
            for (const auto& p : more) {
                within_a_pair = within_a_pair || (ipsec::covered_by(ch->local_ts, p.local_ts) &&
                                                  ipsec::covered_by(ch->remote_ts, p.remote_ts));
            }
            RC_ASSERT(within_a_pair);
        }
    });
}

SCENARIO(
    "ikev2 - a responder with one SA pair per IKE SA replaces the installed CHILD_SA "
    "(aws-facts one SA pair; RFC 7296 §1.4.1 Delete, RFC 4301 §5.2 on demand)",
    "[ike][ikev2][policy][one-sa-pair]") {
    GIVEN("a CGW with a LAN pair and an APIPA pair, and AWS keeping one SA pair") {
        Side cgw = policy_cgw({kApipa});
        Side aws{aws_cfg(), {}, IkeState::Idle, kAws, {}};
        aws.cfg.one_child_pair = true;
        negotiate(cgw, aws, kCgw);
        REQUIRE(cgw.state == IkeState::Established);
        const auto lan_spi = aws.data.child->spi_in;
        REQUIRE(deliver(cgw, aws, 40));  // the APIPA pair's CREATE_CHILD_SA
        THEN("AWS answers it, makes it its one SA and deletes the LAN pair's") {
            CHECK(aws.last.reason == Reason::ChildReplaced);
            CHECK(aws.data.child->local_ts == kApipa.remote_ts);
            CHECK(aws.data.more_children.empty());
            CHECK_FALSE(aws.data.old_child);
            int answers = 0;
            std::optional<ike::Message> del;
            for (const auto& a : aws.last.actions) {
                if (a.kind != ike::Action::Kind::Send) continue;
                if (a.msg.response) ++answers;
                if (!a.msg.response && a.msg.del) del = a.msg;
            }
            CHECK(answers == 1);
            REQUIRE(del);
            CHECK(del->del->spis == std::vector<std::uint32_t>{lan_spi});
            CHECK(aws.data.pending == ike::Pending::DeleteChild);
        }
        WHEN("the CGW gets the answer, then the Delete") {
            ike::Message answer;
            ike::Message del;
            for (const auto& a : aws.last.actions) {
                if (a.kind != ike::Action::Kind::Send) continue;
                (a.msg.response ? answer : del) = a.msg;
            }
            step(cgw, ike::classify(answer), &answer, kAws, 41);
            CHECK(cgw.last.reason == Reason::ChildCreated);
            step(cgw, ike::classify(del), &del, kAws, 42);
            THEN("the CGW's LAN SA goes and the APIPA SA takes its place, first in SPD order") {
                CHECK(cgw.last.reason == Reason::PeerDeletedChild);
                REQUIRE(cgw.data.child);
                CHECK(cgw.data.child->local_ts == kApipa.local_ts);
                CHECK(cgw.data.child_state == ike::ChildState::Installed);
                CHECK(cgw.data.more_children.empty());
            }
            AND_WHEN("LAN traffic asks for its pair again (ChildWanted)") {
                const ike::ChildPolicy lan{cgw.cfg.local_ts, cgw.cfg.remote_ts};
                ike::Input in;
                in.event = IkeEvent::ChildWanted;
                in.wanted = &lan;
                in.fresh_child_spi = 0xc0000077U;
                // nothing in flight on the CGW: the request goes out
                REQUIRE_FALSE(cgw.data.busy());
                cgw.last = ike::step(cgw.cfg, cgw.data, cgw.state, in);
                cgw.state = cgw.last.next;
                cgw.data = cgw.last.data;
                THEN("a CREATE_CHILD_SA for the LAN pair goes out") {
                    CHECK(cgw.last.reason == Reason::ChildOnDemand);
                    const auto req = sent(cgw.last);
                    REQUIRE(req);
                    CHECK(req->exchange == ike::Exchange::CreateChildSa);
                    CHECK(req->tsi == lan.local_ts);
                    CHECK(cgw.data.pending == ike::Pending::CreateChild);
                }
                AND_WHEN("AWS's Delete exchange is still in flight when it arrives") {
                    REQUIRE(aws.data.pending == ike::Pending::DeleteChild);
                    REQUIRE(deliver(cgw, aws, 50));
                    THEN("AWS replaces the APIPA SA and owes its Delete until it is free") {
                        CHECK(aws.last.reason == Reason::ChildReplaced);
                        CHECK(aws.data.child->local_ts == lan.remote_ts);
                        REQUIRE(aws.data.delete_owed);
                        ike::Message ack = del;
                        ack.response = true;
                        ack.del.reset();
                        ack.message_id = del.message_id;
                        step(aws, ike::classify(ack), &ack, kCgw, 51);
                        CHECK_FALSE(aws.data.delete_owed);
                        const auto owed = sent(aws.last);
                        REQUIRE(owed);
                        REQUIRE(owed->del);
                        CHECK(aws.data.pending == ike::Pending::DeleteChild);
                    }
                }
            }
        }
    }
}

TEST_CASE("ikev2 - ChildWanted waits while a request is in flight (RFC 7296 §2.3)",
          "[ike][ikev2][policy][one-sa-pair]") {
    Side cgw = policy_cgw({kApipa});
    Side aws{aws_cfg(), {}, IkeState::Idle, kAws, {}};
    negotiate(cgw, aws, kCgw);
    REQUIRE(cgw.data.pending == ike::Pending::CreateChild);  // the APIPA pair's request
    ike::Input in;
    in.event = IkeEvent::ChildWanted;
    in.wanted = &kApipa;
    const auto r = ike::step(cgw.cfg, cgw.data, cgw.state, in);
    CHECK(r.actions.empty());
    CHECK(r.reason == Reason::None);
}
