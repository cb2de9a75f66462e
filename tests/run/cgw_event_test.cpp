// Run level: the CGW's life events ([[cgw.event]]): a reboot loses every SA and BGP session
// and starts again, a silent CGW keeps its state while nothing passes, and a changed PSK is
// used from the next IKE SA on (an IKE SA rekey does not authenticate again, RFC 7296 §2.8).
#include <catch2/catch.hpp>

#include <string>

#include "tests/run/run_support.hpp"
#include "tests/run/scenario_text.hpp"

using namespace vpnsim;
using testing::bgp_history;
using testing::count;
using testing::simulate;

namespace {

// One healthy tunnel over `duration`, with `events` ([[cgw.event]] tables).
std::string with_events(const std::string& duration, const std::string& events) {
    return testing::one_tunnel_toml(duration, "", events);
}

int count_event(const run::RunResult& r, std::string_view what) {
    int n = 0;
    for (const auto& rec : r.trace.records()) n += rec.fsm == "cgw" && rec.event == what;
    return n;
}

}  // namespace

TEST_CASE("run - a CGW reboot loses its SAs and BGP, then it initiates again", "[run][cgw-event]") {
    const auto r = simulate(with_events(
        "3m", "[[cgw.event]]\nat = \"60s\"\naction = \"reboot\"\nduration = \"20s\"\n"));
    REQUIRE(r);
    CHECK(count_event(*r, "reboot") == 1);
    CHECK(count_event(*r, "boot") == 1);
    // Nothing reached the rebooting CGW; AWS then took the new IKE_SA_INIT as a fresh SA.
    CHECK(count(*r, "link", "cgw-offline") > 0);
    const auto& t = r->tunnels.at(0);
    CHECK(t.status.up);
    REQUIRE(t.ike_up_at);
    CHECK(*t.ike_up_at > sec(80));  // the new IKE SA, after the boot
    const auto h = bgp_history(*r, "aws-t1");
    CHECK(h.entered == 2);  // before the reboot and after it
}

TEST_CASE("run - a silent CGW keeps its state; AWS's DPD declares it dead", "[run][cgw-event]") {
    const auto r = simulate(with_events(
        "4m", "[[cgw.event]]\nat = \"60s\"\naction = \"silent\"\nduration = \"90s\"\n"));
    REQUIRE(r);
    CHECK(count_event(*r, "silent") == 1);
    CHECK(count_event(*r, "online") == 1);
    CHECK(count(*r, "ike", "dpd-timeout") >= 1);
    CHECK(r->tunnels.at(0).status.up);  // the CGW's DPD restart brings it back afterwards
}

TEST_CASE("run - a changed PSK waits for the next IKE SA (RFC 7296 §2.8)", "[run][cgw-event]") {
    const std::string change =
        "[[cgw.event]]\nat = \"30s\"\naction = \"set-psk\"\ntunnel = 1\npsk = \"rotated\"\n";
    SECTION("alone: the authenticated IKE SA carries on") {
        const auto r = simulate(with_events("2m", change));
        REQUIRE(r);
        CHECK(count_event(*r, "config-change") == 1);
        CHECK(r->tunnels.at(0).status.up);
        CHECK(count(*r, "ike", "authentication-failed") == 0);
    }
    SECTION("then a reboot: the new IKE_AUTH fails") {
        const auto r = simulate(with_events(
            "2m",
            change + "\n[[cgw.event]]\nat = \"40s\"\naction = \"reboot\"\nduration = \"5s\"\n"));
        REQUIRE(r);
        CHECK_FALSE(r->tunnels.at(0).status.up);
        CHECK(count(*r, "ike", "authentication-failed") >= 1);
    }
}
