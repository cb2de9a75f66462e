// Loader tests for the DPD, CHILD_SA and IKE SA lifetime and path-outage keys:
// [[cgw.tunnel]] dpd_*, phase2_lifetime_seconds, ike_lifetime_seconds, rekey_*, rekey;
// [path] outage.
#include <catch2/catch.hpp>

#include "tests/scenario/scenario_test_util.hpp"

using namespace vpnsim;
using namespace vpnsim::scenario;
using namespace vpnsim::scenario::testing;

namespace {

std::string cgw_tunnel(std::string_view keys) {
    return "[cgw]\noutside_ip = \"198.51.100.1\"\n[[cgw.tunnel]]\npeer = \"203.0.113.10\"\n"
           "psk = \"tunnel1.psk_value\"\n" +
           std::string(keys);
}

}  // namespace

TEST_CASE("scenario - cgw DPD and rekey defaults follow AWS's templates", "[scenario][cgw]") {
    const Scenario s = load_ok(cgw_tunnel(""));
    const auto& t = s.cgw.tunnels.at(0);
    CHECK(t.dpd_interval_seconds == 10);
    CHECK(t.dpd_retries == 3);
    CHECK(t.dpd_action == DpdAction::Restart);
    CHECK(t.phase2_lifetime_seconds == 3600);
    CHECK(t.ike_lifetime_seconds == 28800);  // AWS's template: ikelifetime=8h
    CHECK(t.rekey_margin_time_seconds == 540);
    CHECK(t.rekey_fuzz_percentage == 100);
    CHECK(t.rekey);
    CHECK_FALSE(s.path.outage);
}

TEST_CASE("scenario - cgw DPD and rekey keys", "[scenario][cgw]") {
    const Scenario s =
        load_ok(cgw_tunnel("dpd_interval_seconds = 5\ndpd_retries = 5\ndpd_action = \"none\"\n"
                           "phase2_lifetime_seconds = 900\nrekey_margin_time_seconds = 300\n"
                           "rekey_fuzz_percentage = 0\nrekey = false\n"));
    const auto& t = s.cgw.tunnels.at(0);
    CHECK(t.dpd_interval_seconds == 5);
    CHECK(t.dpd_retries == 5);
    CHECK(t.dpd_action == DpdAction::None);
    CHECK(t.phase2_lifetime_seconds == 900);
    CHECK(t.rekey_margin_time_seconds == 300);
    CHECK(t.rekey_fuzz_percentage == 0);
    CHECK_FALSE(t.rekey);
    CHECK(errors(cgw_tunnel("dpd_action = \"hold\"\n")) ==
          Lines{"t.toml:6:14: cgw.tunnel[0].dpd_action: must be one of \"clear\", \"none\", "
                "\"restart\"; got \"hold\""});
    CHECK(errors(cgw_tunnel("rekey_margin_time_seconds = 600\nphase2_lifetime_seconds = 900\n")) ==
          Lines{"t.toml:6:29: cgw.tunnel[0].rekey_margin_time_seconds: must be at most 450 (half "
                "of phase2_lifetime_seconds), got 600"});
    CHECK(errors(cgw_tunnel("rekey_margin_time_seconds = 2000\n")) ==
          Lines{"t.toml:6:29: cgw.tunnel[0].rekey_margin_time_seconds: must be at most 1800 "
                "(half of phase2_lifetime_seconds), got 2000"});
}

TEST_CASE("scenario - cgw IKE SA lifetime (strongSwan ikelifetime)", "[scenario][cgw]") {
    const Scenario s =
        load_ok(cgw_tunnel("ike_lifetime_seconds = 600\n"
                           "rekey_margin_time_seconds = 300\n"));
    CHECK(s.cgw.tunnels.at(0).ike_lifetime_seconds == 600);
    CHECK(errors(cgw_tunnel("ike_lifetime_seconds = 100\n")) ==
          Lines{"t.toml:6:24: cgw.tunnel[0].ike_lifetime_seconds: must be between 120 and 86400, "
                "got 100"});
    CHECK(errors(cgw_tunnel("ike_lifetime_seconds = \"8h\"\n")) ==
          Lines{"t.toml:6:24: cgw.tunnel[0].ike_lifetime_seconds: expected an integer, got "
                "string"});
    // The margin (strongSwan's margintime) applies to the IKE SA too.
    CHECK(errors(cgw_tunnel("rekey_margin_time_seconds = 400\nike_lifetime_seconds = 600\n")) ==
          Lines{"t.toml:6:29: cgw.tunnel[0].rekey_margin_time_seconds: must be at most 300 (half "
                "of ike_lifetime_seconds), got 400"});
    CHECK(errors(cgw_tunnel("ike_lifetime_seconds = 900\n")) ==
          Lines{"t.toml:6:24: cgw.tunnel[0].ike_lifetime_seconds: must be at least 1080 (twice "
                "rekey_margin_time_seconds), got 900"});
    // One margin, one complaint: the phase 2 conflict is reported first.
    CHECK(errors(cgw_tunnel("rekey_margin_time_seconds = 500\nike_lifetime_seconds = 600\n"
                            "phase2_lifetime_seconds = 600\n")) ==
          Lines{"t.toml:6:29: cgw.tunnel[0].rekey_margin_time_seconds: must be at most 300 (half "
                "of phase2_lifetime_seconds), got 500"});
}

TEST_CASE("scenario - [path] outage", "[scenario][path]") {
    const Scenario s = load_ok("[path]\noutage = { start = \"60s\", duration = \"90s\" }\n");
    REQUIRE(s.path.outage);
    CHECK(s.path.outage->start == sec(60));
    CHECK(s.path.outage->duration == sec(90));
    CHECK(errors("[path]\noutage = { start = \"60s\" }\n") ==
          Lines{"t.toml:2:10: path.outage.duration: missing required key"});
    CHECK(errors("[path]\noutage = { start = \"60s\", duration = \"0s\" }\n").size() == 1);
    CHECK(
        errors("[path]\noutage = { start = \"60s\", duration = \"1m\", end = \"2m\" }\n").size() ==
        1);
}
