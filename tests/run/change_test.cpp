// A [[change]] that sets new options: the replaced AWS endpoint comes back with them, and the
// CGW (unchanged) has to live with the result.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>

#include "tests/run/run_support.hpp"
#include "tests/run/scenario_text.hpp"

namespace {

using vpnsim::testing::healthy_toml;
using vpnsim::testing::HealthyParams;

std::string with_change(const std::string& change) {
    HealthyParams p;
    p.duration = "4m";
    return healthy_toml(p) + "\n[[change]]\nat = \"60s\"\n" + change;
}

bool traced_after(const vpnsim::run::RunResult& r, vpnsim::SimTime t, std::string_view node,
                  std::string_view reason) {
    const auto& records = r.trace.records();
    return std::any_of(records.begin(), records.end(), [&](const auto& rec) {
        return rec.t > t && rec.node == node && rec.reason == reason;
    });
}

}  // namespace

TEST_CASE("change - a rotated AWS PSK the CGW does not know fails IKE_AUTH after the change",
          "[run][change]") {
    const auto r = vpnsim::testing::simulate(with_change(
        "action = \"modify-tunnel-options\"\ntunnel = 1\npsk = \"rotated_psk_value\"\n"));
    REQUIRE(r);
    REQUIRE(r->tunnels.size() == 2);
    CHECK_FALSE(r->tunnels[0].status.up);
    CHECK(r->tunnels[0].status.message == "IPSEC IS DOWN");
    CHECK(traced_after(*r, vpnsim::sec(60), "aws-t1", "authentication-failed"));
    CHECK(r->tunnels[1].status.up);  // the other tunnel was not touched
    CHECK_FALSE(traced_after(*r, vpnsim::sec(0), "aws-t2", "endpoint-replaced"));
}

TEST_CASE("change - a new inside CIDR on AWS only: IPsec comes back, BGP does not",
          "[run][change]") {
    const auto r = vpnsim::testing::simulate(with_change(
        "action = \"modify-tunnel-options\"\ntunnel = 1\ninside_cidr = \"169.254.20.0/30\"\n"));
    REQUIRE(r);
    CHECK_FALSE(r->tunnels[0].status.up);
    CHECK(r->tunnels[0].status.message == "IPSEC IS UP");
    CHECK(r->tunnels[0].bgp_state != "Established");
    CHECK(r->tunnels[1].status.up);
}

TEST_CASE("change - the same change without new options brings the tunnel back UP",
          "[run][change]") {
    const auto r =
        vpnsim::testing::simulate(with_change("action = \"modify-tunnel-options\"\ntunnel = 1\n"));
    REQUIRE(r);
    CHECK(traced_after(*r, vpnsim::sec(0), "aws-t1", "endpoint-replaced"));
    CHECK(r->tunnels[0].status.up);
    CHECK(r->tunnels[1].status.up);
}
