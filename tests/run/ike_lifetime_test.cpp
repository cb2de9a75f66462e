// Run-level IKE behaviour over time: DPD across a path outage (RFC 3706, RFC 7296 §2.4) and
// CHILD_SA rekeys (RFC 7296 §1.3.3) that never drop an established BGP session.
#include <rapidcheck.h>
#include <rapidcheck/catch.h>
#include <catch2/catch.hpp>

#include <string>

#include "tests/run/healthy_gen.hpp"
#include "tests/run/run_support.hpp"
#include "tests/run/scenario_text.hpp"

using namespace vpnsim;
using testing::bgp_history;
using testing::count;
using testing::HealthyParams;
using testing::simulate;
using testing::with_tunnel_keys;

TEST_CASE("run - BGP keepalives count as liveness: a healthy tunnel sends no DPD checks",
          "[run][dpd]") {
    HealthyParams p;
    p.duration = "5m";
    const auto r = simulate(testing::healthy_toml(p));
    REQUIRE(r);
    CHECK(count(*r, "ike", "liveness-check") == 0);
}

TEST_CASE("run - a path outage: DPD clears AWS's SA, the CGW's DPD restart brings it back",
          "[run][dpd]") {
    HealthyParams p;
    p.tunnels = 1;
    p.duration = "5m";
    const auto base =
        testing::healthy_toml(p) + "outage = { start = \"60s\", duration = \"90s\" }\n";
    SECTION("CGW with DPD (restart, the template default)") {
        const auto r = simulate(base);
        REQUIRE(r);
        CHECK(count(*r, "ike", "dpd-timeout") == 2);  // AWS and the CGW
        CHECK(r->tunnels.at(0).status.up);
        CHECK(bgp_history(*r, "aws-t1").entered == 2);
    }
    SECTION("CGW without DPD: AWS clears, the CGW keeps a stale SA, the tunnel stays DOWN") {
        const auto r = simulate(with_tunnel_keys(base, false, "dpd_action = \"none\"\n"));
        REQUIRE(r);
        CHECK(count(*r, "ike", "dpd-timeout") == 1);
        CHECK_FALSE(r->tunnels.at(0).status.up);
        CHECK(r->tunnels.at(0).ike_state == "down");
        CHECK(count(*r, "link", "unknown-spi") > 0);
    }
    SECTION("AWS with dpd_timeout_action restart re-initiates; the CGW's stale SA is replaced") {
        auto text = with_tunnel_keys(base, false, "dpd_action = \"none\"\n");
        text = with_tunnel_keys(text, true, "dpd_timeout_action = \"restart\"\n");
        const auto r = simulate(text);
        REQUIRE(r);
        CHECK(r->tunnels.at(0).status.up);
    }
    SECTION("AWS with dpd_timeout_action none never declares the peer dead") {
        const auto r =
            simulate(with_tunnel_keys(with_tunnel_keys(base, false, "dpd_action = \"none\"\n"),
                                      true, "dpd_timeout_action = \"none\"\n"));
        REQUIRE(r);
        CHECK(count(*r, "ike", "dpd-timeout") == 0);
        CHECK(r->tunnels.at(0).ike_state == "established");
    }
}

TEST_CASE("run - properties of CHILD_SA rekey", "[run][prop][rekey]") {
    rc::prop("rekey never drops an established BGP session when both sides are healthy", [] {
        auto p = vpnsim::testing::any_healthy(0, 299);
        p.ike_version = *rc::gen::element(1, 2);  // IKEv1: a new quick mode (RFC 2409 §5.5)
        p.duration = "35m";                       // more than two 900 s phase 2 lifetimes
        const int aws_margin = *rc::gen::inRange(60, 451);
        const int aws_fuzz = *rc::gen::inRange(0, 101);
        const int cgw_lifetime = *rc::gen::element(900, 1200, 3600);
        const int cgw_margin = *rc::gen::inRange(60, cgw_lifetime / 2 + 1);
        auto text = with_tunnel_keys(testing::healthy_toml(p), true,
                                     fmt::format("phase2_lifetime_seconds = 900\n"
                                                 "rekey_margin_time_seconds = {}\n"
                                                 "rekey_fuzz_percentage = {}\n",
                                                 aws_margin, aws_fuzz));
        text = with_tunnel_keys(text, false,
                                fmt::format("phase2_lifetime_seconds = {}\n"
                                            "rekey_margin_time_seconds = {}\n",
                                            cgw_lifetime, cgw_margin));
        const auto r = simulate(text);
        RC_ASSERT(r.has_value());
        RC_ASSERT(count(*r, "ike", "child-rekeyed") >= 2 * 2 * p.tunnels);  // both ends, 2+ each
        RC_ASSERT(count(*r, "ike", "child-expired") == 0);
        for (std::size_t i = 0; i < r->tunnels.size(); ++i) {
            const auto node = fmt::format("aws-t{}", i + 1);
            const auto h = bgp_history(*r, node);
            RC_ASSERT(h.entered == 1);
            RC_ASSERT(h.left == 0);
            RC_ASSERT(r->tunnels[i].status.up);
        }
    });
}
