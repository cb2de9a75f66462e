// Run level: behaviour that depends on the CGW's implementation ([cgw] vendor, aws-facts
// "Real-stack behaviour"): strongSwan ends an IKEv2 liveness check on its request schedule
// (about 165 s) and does not retry a negotiation the peer refused; generic (AWS's files) and
// the others count DPD retries at a fixed interval and retry every 30 s.
#include <catch2/catch.hpp>

#include <string>

#include "tests/run/run_support.hpp"
#include "tests/run/scenario_text.hpp"

using namespace vpnsim;
using testing::count;
using testing::simulate;

namespace {

std::string with_cgw_keys(const std::string& keys, const std::string& extra,
                          const std::string& duration) {
    return testing::one_tunnel_toml(duration, keys) + extra;
}

// When the CGW's DPD declared AWS dead (its first dpd-timeout), if it did.
std::optional<SimTime> cgw_dead_at(const run::RunResult& r) {
    for (const auto& rec : r.trace.records()) {
        if (rec.node == "cgw-t1" && rec.reason == "dpd-timeout") return rec.t;
    }
    return std::nullopt;
}

}  // namespace

TEST_CASE("run - the CGW's DPD timing depends on its vendor", "[run][vendor][dpd]") {
    // A 5-minute outage from 60 s: the CGW's first liveness check goes out about 10 s in.
    const auto with_outage = [](std::string text) {
        const auto at = text.find("[path]\n");
        REQUIRE(at != std::string::npos);
        return text.insert(at + 7, "outage = { start = \"60s\", duration = \"5m\" }\n");
    };
    const auto generic = simulate(with_outage(with_cgw_keys("", "", "8m")));
    const auto strongswan =
        simulate(with_outage(with_cgw_keys("vendor = \"strongswan\"\n", "", "8m")));
    REQUIRE(generic);
    REQUIRE(strongswan);
    const auto g = cgw_dead_at(*generic);
    const auto s = cgw_dead_at(*strongswan);
    REQUIRE(g);
    REQUIRE(s);
    // generic: interval 10 s x (3 retries + 1) = 40 s of checks; strongSwan: 165.1 s.
    CHECK(*s - *g > sec(120));
    CHECK(*s - *g < sec(130));
}

TEST_CASE("run - strongSwan does not retry after AUTHENTICATION_FAILED", "[run][vendor]") {
    const auto psk = [](const std::string& vendor) {
        auto text = with_cgw_keys(vendor, "", "3m");
        const auto at = text.find("psk = \"", text.find("[[cgw.tunnel]]"));
        text.replace(at, 7, "psk = \"wrong-");
        return simulate(text);
    };
    const auto generic = psk("");
    const auto strongswan = psk("vendor = \"strongswan\"\n");
    REQUIRE(generic);
    REQUIRE(strongswan);
    CHECK(count(*strongswan, "ike", "peer-authentication-failed") == 1);
    CHECK(count(*generic, "ike", "peer-authentication-failed") > 3);  // every 30 s
}
