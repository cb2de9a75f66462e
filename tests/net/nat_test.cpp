#include <catch2/catch.hpp>

#include "sim/net/nat.hpp"
#include "sim/net/topology.hpp"

using namespace vpnsim;
using net::NatBox;
using net::NatKind;

namespace {

net::Ipv4Addr ip(const char* s) {
    return *net::Ipv4Addr::parse(s);
}

net::Packet udp(const char* src, std::uint16_t sport, const char* dst, std::uint16_t dport) {
    return net::Packet{ip(src), ip(dst), net::kProtoUdp, sport, dport, net::NatKeepalive{}};
}

net::Packet esp(const char* src, const char* dst) {
    return net::Packet{ip(src), ip(dst), net::kProtoEsp, 0, 0, net::EspPayload{}};
}

}  // namespace

TEST_CASE("nat - static NAT rewrites the address and keeps ports; ESP crosses", "[net][nat]") {
    NatBox nat(NatKind::Static, ip("10.0.0.10"), ip("192.0.2.1"));
    auto out = udp("10.0.0.10", 500, "203.0.113.10", 500);
    CHECK(nat.outbound(out, sec(1)).drop.empty());
    CHECK(out.src == ip("192.0.2.1"));
    CHECK(out.src_port == 500);
    auto e = esp("10.0.0.10", "203.0.113.10");
    CHECK(nat.outbound(e, sec(1)).drop.empty());
    auto back = esp("203.0.113.10", "192.0.2.1");
    CHECK(nat.inbound(back, sec(1)).drop.empty());
    CHECK(back.dst == ip("10.0.0.10"));
    SECTION("its one-to-one mapping is configured and never expires") {
        auto late = udp("203.0.113.10", 4500, "192.0.2.1", 4500);
        CHECK(nat.inbound(late, sec(86400)).drop.empty());
        CHECK(late.dst == ip("10.0.0.10"));
        CHECK(late.dst_port == 4500);
    }
}

TEST_CASE("nat - PAT translates UDP ports and cannot carry raw ESP (RFC 3022 §2.2)", "[net][nat]") {
    NatBox pat(NatKind::Pat, ip("10.0.0.10"), ip("192.0.2.1"));
    auto ike = udp("10.0.0.10", 500, "203.0.113.10", 500);
    CHECK(pat.outbound(ike, sec(1)).drop.empty());
    CHECK(ike.src_port != 500);  // a port of the PAT's own
    auto natt = udp("10.0.0.10", 4500, "203.0.113.10", 4500);
    CHECK(pat.outbound(natt, sec(1)).drop.empty());
    CHECK(natt.src_port != ike.src_port);
    auto reply = udp("203.0.113.10", 4500, "192.0.2.1", natt.src_port);
    CHECK(pat.inbound(reply, sec(1)).drop.empty());
    CHECK(reply.dst == ip("10.0.0.10"));
    CHECK(reply.dst_port == 4500);
    auto e = esp("10.0.0.10", "203.0.113.10");
    CHECK(pat.outbound(e, sec(1)).drop == "pat-cannot-translate-esp");
    auto unknown = udp("203.0.113.10", 4500, "192.0.2.1", 9);
    const auto r = pat.inbound(unknown, sec(1));
    CHECK(r.drop == "nat-no-mapping");
    CHECK_FALSE(r.expired);  // never mapped
}

TEST_CASE("nat - PAT forgets a UDP mapping idle for its timeout (RFC 4787 §4.3)", "[net][nat]") {
    const auto timeout = GENERATE(sec(5), sec(30), sec(120));
    CAPTURE(timeout.count());
    NatBox pat(NatKind::Pat, ip("10.0.0.10"), ip("192.0.2.1"), timeout);
    CHECK(pat.udp_timeout() == timeout);
    auto first = udp("10.0.0.10", 4500, "203.0.113.10", 4500);
    REQUIRE(pat.outbound(first, sec(1)).drop.empty());
    const auto port = first.src_port;
    const auto inbound_at = [&](SimTime t) {
        auto p = udp("203.0.113.10", 4500, "192.0.2.1", port);
        return pat.inbound(p, t);
    };

    SECTION("traffic either way within the timeout keeps it alive") {
        // Inbound refreshes too (conntrack): four times 0.9 x timeout, from one packet.
        SimTime t = sec(1);
        for (int i = 0; i < 4; ++i) {
            t += timeout * 9 / 10;
            CHECK(inbound_at(t).drop.empty());
        }
        auto out = udp("10.0.0.10", 4500, "203.0.113.10", 4500);
        const auto r = pat.outbound(out, t + timeout * 9 / 10);
        CHECK_FALSE(r.expired);
        CHECK(out.src_port == port);  // the same mapping
    }
    SECTION("an inbound packet after the timeout finds the mapping expired and is dropped") {
        CHECK(inbound_at(sec(1) + timeout - ms(1)).drop.empty());  // refreshed here
        const auto r = inbound_at(sec(1) + 2 * timeout - ms(1));
        CHECK(r.drop == "nat-mapping-expired");
        CHECK(r.expired);
        CHECK(r.expired_port == port);
        // A dropped packet refreshes nothing: the mapping stays dead.
        CHECK(inbound_at(sec(1) + 2 * timeout).drop == "nat-mapping-expired");
    }
    SECTION("an outbound packet after the timeout gets a new public port") {
        auto out = udp("10.0.0.10", 4500, "203.0.113.10", 4500);
        const auto r = pat.outbound(out, sec(1) + timeout);
        CHECK(r.drop.empty());
        CHECK(r.expired);
        CHECK(r.expired_port == port);
        CHECK(out.src_port != port);
        CHECK(inbound_at(sec(1) + timeout).drop == "nat-mapping-expired");  // the old port
        auto reply = udp("203.0.113.10", 4500, "192.0.2.1", out.src_port);
        CHECK(pat.inbound(reply, sec(1) + timeout).drop.empty());
        CHECK(reply.dst_port == 4500);
    }
}

TEST_CASE("topology - least-delay next hops over the Boost.Graph", "[net][topology]") {
    net::Topology t;
    const auto a = t.add_device("a");
    const auto b = t.add_device("b");
    const auto c = t.add_device("c");
    const auto d = t.add_device("island");
    t.add_address(c, ip("203.0.113.10"));
    t.add_address(d, ip("203.0.113.99"));
    t.add_link(a, b, ms(1));
    t.add_link(b, c, ms(5));
    t.add_link(a, c, ms(20));
    t.freeze();
    const auto hop = t.next_hop(a, ip("203.0.113.10"));
    REQUIRE(hop);
    CHECK(hop->next == b);  // 1 + 5 ms beats the direct 20 ms link
    CHECK(hop->delay == ms(1));
    CHECK_FALSE(t.next_hop(a, ip("203.0.113.99")));  // unreachable
    CHECK_FALSE(t.next_hop(a, ip("198.51.100.1")));  // nobody owns it
    CHECK(t.to_dot().find("n0 -- n1") != std::string::npos);
}

TEST_CASE("topology - a tree's next hops: the only path, hop by hop", "[net][topology]") {
    // cgw -- nat -- internet -- aws-t1, internet -- aws-t2, and a device with no links.
    net::Topology t;
    const auto cgw = t.add_device("cgw");
    const auto nat = t.add_device("nat");
    const auto inet = t.add_device("internet");
    const auto t1 = t.add_device("aws-t1");
    const auto t2 = t.add_device("aws-t2");
    const auto island = t.add_device("island");
    t.add_address(cgw, ip("198.51.100.10"));
    t.add_address(t1, ip("203.0.113.10"));
    t.add_address(t2, ip("203.0.113.20"));
    t.add_address(island, ip("203.0.113.99"));
    t.add_link(cgw, nat, SimTime::zero());
    t.add_link(nat, inet, ms(2));
    t.add_link(inet, t1, ms(15));
    t.add_link(inet, t2, ms(15));
    t.freeze();
    const auto out = t.next_hop(cgw, ip("203.0.113.20"));
    REQUIRE(out);
    CHECK(out->next == nat);
    CHECK(out->delay == SimTime::zero());
    const auto across = t.next_hop(t1, ip("203.0.113.20"));
    REQUIRE(across);
    CHECK(across->next == inet);
    CHECK(across->delay == ms(15));
    const auto back = t.next_hop(inet, ip("198.51.100.10"));
    REQUIRE(back);
    CHECK(back->next == nat);
    CHECK(back->delay == ms(2));
    CHECK_FALSE(t.next_hop(cgw, ip("203.0.113.99")));     // unreachable
    CHECK_FALSE(t.next_hop(island, ip("203.0.113.10")));  // unreachable from it either
    CHECK_FALSE(t.next_hop(t1, ip("203.0.113.10")));      // its own address
}
