// The writer loses nothing that matters: every bundled scenario, written out and loaded back,
// simulates to exactly the same trace and tunnel table.
#include <catch2/catch.hpp>

#include <filesystem>

#include "sim/report/text.hpp"
#include "sim/run/world.hpp"
#include "sim/scenario/loader.hpp"
#include "sim/scenario/writer.hpp"
#include "tests/scenario/scenario_test_util.hpp"

using namespace vpnsim;

TEST_CASE("scenario - writer round trip keeps behaviour", "[scenario][writer]") {
    std::size_t checked = 0;
    for (const auto& path : scenario::testing::bundled_scenario_paths()) {
        CAPTURE(path.string());
        auto original = scenario::testing::load_bundled(path);
        REQUIRE(original.scenario);
        const auto text = scenario::to_toml(*original.scenario);
        auto again = scenario::load_string(text, path.string());
        for (const auto& d : again.diagnostics) UNSCOPED_INFO(d.to_string());
        REQUIRE(again.scenario);
        CHECK(scenario::to_toml(*again.scenario) == text);
        const auto a = run::simulate(*original.scenario);
        const auto b = run::simulate(*again.scenario);
        CHECK(report::tunnel_table(*original.scenario, a) ==
              report::tunnel_table(*again.scenario, b));
        CHECK(a.trace.render() == b.trace.render());
        ++checked;
    }
    CHECK(checked >= 20);
}

TEST_CASE("scenario - writer keeps the BGP minimum hold time and next hop", "[scenario][writer]") {
    const std::string text = R"([scenario]
name = "t"
[aws]
[[aws.tunnel]]
outside_ip = "203.0.113.10"
inside_cidr = "169.254.10.0/30"
psk = "tunnel1.psk_value"
[cgw]
outside_ip = "198.51.100.1"
[cgw.bgp]
keepalive_seconds = 60
hold_time_seconds = 180
min_hold_time_seconds = 90
next_hop = "10.0.0.1"
)";
    auto loaded = scenario::load_string(text, "t.toml");
    REQUIRE(loaded.scenario);
    const auto written = scenario::to_toml(*loaded.scenario);
    CHECK(written.find("min_hold_time_seconds = 90\n") != std::string::npos);
    CHECK(written.find("next_hop = \"10.0.0.1\"\n") != std::string::npos);
    auto again = scenario::load_string(written, "t.toml");
    REQUIRE(again.scenario);
    CHECK(again.scenario->cgw.bgp.min_hold_time_seconds == 90);
    CHECK(again.scenario->cgw.bgp.next_hop == loaded.scenario->cgw.bgp.next_hop);
    SECTION("the defaults: no minimum, next-hop-self (no next_hop key)") {
        auto s = *loaded.scenario;
        s.cgw.bgp.min_hold_time_seconds = 0;
        s.cgw.bgp.next_hop.reset();
        const auto plain = scenario::to_toml(s);
        CHECK(plain.find("min_hold_time_seconds = 0\n") != std::string::npos);
        CHECK(plain.find("next_hop") == std::string::npos);
        auto back = scenario::load_string(plain, "t.toml");
        REQUIRE(back.scenario);
        CHECK_FALSE(back.scenario->cgw.bgp.next_hop.has_value());
    }
}
