// Run level: IKE SAs are found by their SPIs, not by the peer's address (RFC 7296 §2.1, §3.1).
// Two CGW tunnels pointed at one AWS outside IP are two IKE SAs there, each authenticated
// with that endpoint's key; a peer that restarts gets a new IKE SA that replaces the old one
// once it authenticates.
#include <catch2/catch.hpp>

#include <string>

#include "sim/scenario/loader.hpp"
#include "tests/run/run_support.hpp"
#include "tests/run/scenario_text.hpp"

using namespace vpnsim;
using testing::count;

TEST_CASE(
    "run - two CGW tunnels to one AWS outside IP: the right key wins, the other is "
    "refused (RFC 7296 §2.1)",
    "[run][ike][second-sa]") {
    auto loaded = scenario::load_file(std::string(VPNSIM_SOURCE_DIR) +
                                      "/scenarios/training/cgw-duplicate-peer.toml");
    REQUIRE(loaded.scenario);
    const auto r = run::simulate(*loaded.scenario);
    // The CGW hands each answer to the tunnel whose SA it names: tunnel 1's SA comes up.
    CHECK(r.tunnels.at(0).status.up);
    CHECK_FALSE(r.tunnels.at(1).status.up);
    // AWS refuses the second SA on every retry (every 30 s over 3 minutes) and keeps the first.
    const int refused = count(r, "ike", "second-ike-sa-authentication-failed");
    CHECK(refused >= 5);
    CHECK(count(r, "ike", "second-ike-sa-replaces") == 0);
    CHECK(count(r, "ike", "authentication-failed") == 0);  // AWS's own SA never failed
}

TEST_CASE("run - a restarted peer's new IKE SA replaces the old one once it authenticates",
          "[run][ike][second-sa]") {
    const auto text = testing::one_tunnel_toml(
        "3m", "", "[[cgw.event]]\nat = \"60s\"\naction = \"reboot\"\nduration = \"5s\"\n");
    const auto r = testing::simulate(text);
    REQUIRE(r);
    CHECK(count(*r, "ike", "second-ike-sa-replaces") == 1);
    const auto& t = r->tunnels.at(0);
    CHECK(t.status.up);
    REQUIRE(t.ike_up_at);
    CHECK(*t.ike_up_at > sec(65));  // the new SA's time, not the replaced one's
}
