// Run level: packet size against the tunnel (sim/run/flows.hpp). AWS drops a DF packet larger
// than its tunnel carries without an ICMP (no path-MTU discovery); the CGW answers its LAN's
// oversize DF packets with an ICMP fragmentation-needed (RFC 1191), after which they fit; a
// packet without DF is fragmented; the CGW's MSS clamp bounds TCP segments both ways.
#include <catch2/catch.hpp>

#include <fmt/format.h>

#include <string>

#include "tests/run/run_support.hpp"
#include "tests/run/scenario_text.hpp"

using namespace vpnsim;
using testing::count;
using testing::simulate;

namespace {

// One healthy tunnel and one flow; `cgw` and `flow` add keys to [cgw] and [[traffic]].
std::string with_flow(const std::string& cgw, const std::string& flow) {
    return testing::one_tunnel_toml("1m", cgw) +
           fmt::format("\n[[traffic]]\n{}start = \"20s\"\ncount = 10\n", flow);
}

const run::FlowResult& only_flow(const run::RunResult& r) {
    REQUIRE(r.flows.size() == 1);
    return r.flows.front();
}

}  // namespace

TEST_CASE("run - AWS drops DF packets larger than the tunnel carries, without ICMP", "[run][mtu]") {
    SECTION("from the VPC: 1439 bytes with DF over AES-CBC/SHA1 (maximum 1438) are lost") {
        const auto r =
            simulate(with_flow("", "from = \"172.31.1.10\"\nto = \"10.0.1.5\"\nsize = 1439\n"));
        REQUIRE(r);
        CHECK(only_flow(*r).delivered == 0);
        CHECK(count(*r, "esp", "mtu-exceeded") == 10);
    }
    SECTION("1438 bytes fit (and the answers, through a CGW with tunnel_mtu 1500)") {
        const auto r = simulate(with_flow(
            "tunnel_mtu = 1500\n", "from = \"172.31.1.10\"\nto = \"10.0.1.5\"\nsize = 1438\n"));
        REQUIRE(r);
        CHECK(only_flow(*r).answered == 10);
        CHECK(count(*r, "esp", "mtu-exceeded") == 0);
    }
    SECTION("without DF AWS fragments and carries them") {
        const auto r = simulate(
            with_flow("", "from = \"172.31.1.10\"\nto = \"10.0.1.5\"\nsize = 1500\ndf = false\n"));
        REQUIRE(r);
        CHECK(only_flow(*r).delivered == 10);
    }
}

TEST_CASE("run - the CGW tells its LAN the path MTU (RFC 1191) and the flow recovers",
          "[run][mtu]") {
    // From the LAN, 1500 bytes with DF: the CGW's tunnel_mtu 1399 drops the first with an
    // ICMP; the sender's later probes are 1399 bytes and fit. The echo replies from the VPC
    // are as large as the requests they answer.
    const auto r =
        simulate(with_flow("", "from = \"10.0.1.5\"\nto = \"172.31.1.10\"\nsize = 1500\n"));
    REQUIRE(r);
    CHECK(count(*r, "esp", "needs-fragmentation") == 1);
    CHECK(only_flow(*r).answered == 9);
    CHECK(only_flow(*r).last_ok);
}

TEST_CASE("run - the CGW's MSS clamp bounds TCP segments both ways", "[run][mtu]") {
    const std::string tcp =
        "from = \"172.31.1.10\"\nto = \"10.0.1.5\"\nkind = \"tcp\"\nsize = 1500\n";
    SECTION("no clamp: the VPC's 1500-byte segments vanish at AWS") {
        const auto r = simulate(with_flow("mss_clamp = 0\ntunnel_mtu = 1500\n", tcp));
        REQUIRE(r);
        CHECK(only_flow(*r).delivered == 0);
        CHECK(only_flow(*r).kind == "tcp");
    }
    SECTION("clamp 1379: 1419-byte segments cross; the CGW's 1399 MTU costs one answer") {
        const auto r = simulate(with_flow("", tcp));
        REQUIRE(r);
        CHECK(only_flow(*r).delivered == 10);
        CHECK(only_flow(*r).answered == 9);
        CHECK(count(*r, "esp", "mtu-exceeded") == 0);
    }
    SECTION("clamp 1379 and tunnel MTU 1500: every segment and answer crosses") {
        const auto r = simulate(with_flow("tunnel_mtu = 1500\n", tcp));
        REQUIRE(r);
        CHECK(only_flow(*r).answered == 10);
    }
}
