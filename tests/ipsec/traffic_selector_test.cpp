#include <rapidcheck.h>
#include <rapidcheck/catch.h>
#include <catch2/catch.hpp>

#include "models/ipsec/data_plane.hpp"
#include "models/ipsec/traffic_selector.hpp"

using namespace vpnsim;
using ipsec::TrafficSelector;
using ipsec::TsList;

namespace {

TrafficSelector ts(const char* cidr) {
    return TrafficSelector::from_prefix(*net::Ipv4Prefix::parse(cidr));
}

net::Ipv4Addr ip(const char* s) {
    return *net::Ipv4Addr::parse(s);
}

// Prefixes drawn from a small space so that overlaps are common.
rc::Gen<TrafficSelector> gen_selector() {
    return rc::gen::map(
        rc::gen::pair(rc::gen::inRange<std::uint32_t>(0, 256), rc::gen::inRange<int>(0, 33)),
        [](const std::pair<std::uint32_t, int>& v) {
            const auto len = static_cast<std::uint8_t>(v.second);
            const net::Ipv4Prefix raw{net::Ipv4Addr{v.first << 24 | v.first << 8}, len};
            return TrafficSelector::from_prefix(net::Ipv4Prefix{raw.first(), len});
        });
}

rc::Gen<TsList> gen_list() {
    return rc::gen::resize(4, rc::gen::nonEmpty(rc::gen::container<TsList>(gen_selector())));
}

}  // namespace

TEST_CASE("traffic selectors - RFC 7296 §2.9 narrowing", "[ipsec][ts]") {
    SECTION("a 0.0.0.0/0 policy accepts narrow selectors as proposed (the seed's case)") {
        const TsList proposed{ts("10.0.0.0/16")};
        CHECK(ipsec::narrow(proposed, {ts("0.0.0.0/0")}) == proposed);
    }
    SECTION("a narrow policy narrows a 0.0.0.0/0 proposal to itself") {
        CHECK(ipsec::narrow({ts("0.0.0.0/0")}, {ts("172.31.0.0/16")}) ==
              TsList{ts("172.31.0.0/16")});
    }
    SECTION("disjoint selectors leave nothing: TS_UNACCEPTABLE") {
        CHECK(ipsec::narrow({ts("10.0.0.0/16")}, {ts("192.168.0.0/16")}).empty());
    }
    SECTION("formatting uses CIDR when the range is a prefix") {
        CHECK(ts("172.31.0.0/16").to_string() == "172.31.0.0/16");
        TrafficSelector odd{ip("10.0.0.5"), ip("10.0.0.9")};
        CHECK(odd.to_string() == "10.0.0.5-10.0.0.9");
        CHECK(ipsec::to_string({ts("10.0.0.0/16"), ts("10.1.0.0/16")}) ==
              "10.0.0.0/16, 10.1.0.0/16");
    }
}

TEST_CASE("traffic selectors - properties", "[ipsec][ts][prop]") {
    rc::prop("narrowed selectors lie within both the proposal and the policy", [] {
        const auto proposed = *gen_list();
        const auto policy = *gen_list();
        const auto n = ipsec::narrow(proposed, policy);
        RC_ASSERT(ipsec::covered_by(n, proposed));
        RC_ASSERT(ipsec::covered_by(n, policy));
    });
    rc::prop("narrowing against 0.0.0.0/0 keeps every proposed selector", [] {
        const auto proposed = *gen_list();
        const auto n = ipsec::narrow(proposed, {ts("0.0.0.0/0")});
        RC_ASSERT(ipsec::covered_by(proposed, n));
        RC_ASSERT(n.size() <= proposed.size());
    });
}

TEST_CASE("data plane - RFC 4301 §5.1/§5.2 selector checks", "[ipsec][dataplane]") {
    const TsList local{ts("10.0.0.0/16")};
    const TsList remote{ts("172.31.0.0/16")};
    const ipsec::SaSelectors sa{&local, &remote};
    net::InnerPacket bgp{ip("169.254.10.2"), ip("169.254.10.1"), {}};
    bgp.tcp.dst_port = 179;
    net::InnerPacket lan{ip("10.0.1.1"), ip("172.31.5.5"), {}};
    CHECK(ipsec::check_outbound(sa, bgp) == ipsec::Verdict::SelectorMismatch);
    CHECK(ipsec::check_outbound(sa, lan) == ipsec::Verdict::Pass);
    CHECK(ipsec::check_outbound({}, lan) == ipsec::Verdict::NoSa);
    const net::InnerPacket back{lan.dst, lan.src, {}};
    CHECK(ipsec::check_inbound(sa, back) == ipsec::Verdict::Pass);
    CHECK(ipsec::check_inbound(sa, lan) == ipsec::Verdict::SelectorMismatch);
}
