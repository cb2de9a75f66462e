// [scenario], [path] and [expect].
#include <catch2/catch.hpp>

#include "scenario_test_util.hpp"

using namespace vpnsim;
using namespace vpnsim::scenario;
using namespace vpnsim::scenario::testing;

TEST_CASE("scenario - scenario header", "[scenario][header]") {
    CHECK(errors("[scenario]\nname = \"\"\n") ==
          Lines{"t.toml:2:8: scenario.name: must not be empty"});
    CHECK(errors("[scenario]\nname = \"t\"\nseed = -1\n") ==
          Lines{"t.toml:3:8: scenario.seed: must be at least 0, got -1"});
    CHECK(load_ok("[scenario]\nname = \"t\"\nseed = 0\n").seed == 0);
}

TEST_CASE("scenario - scenario duration", "[scenario][header]") {
    const auto duration = [](const char* value) {
        return errors(fmt::format("[scenario]\nname = \"t\"\nduration = \"{}\"\n", value));
    };
    CHECK(load_ok("[scenario]\nname = \"t\"\nduration = \"24h\"\n").duration == sec(86400));
    CHECK(duration("0s") ==
          Lines{"t.toml:3:12: scenario.duration: must be between 1ms and 24h, got \"0s\""});
    CHECK(duration("24h1ms") ==
          Lines{"t.toml:3:12: scenario.duration: must be between 1ms and 24h, got \"24h1ms\""});
    CHECK(duration("5 min") == Lines{"t.toml:3:12: scenario.duration: invalid duration '5 min' "
                                     "(expected e.g. \"30s\", \"10m\", \"1h\")"});
}

TEST_CASE("scenario - path", "[scenario][path]") {
    CHECK(errors("[path]\ndelay = \"11s\"\n") ==
          Lines{"t.toml:2:9: path.delay: must be between 0s and 10s, got \"11s\""});
    CHECK(load_ok("[path]\ndelay = \"0s\"\n").path.delay == SimTime{0});
    CHECK(
        errors("[path]\nnat = \"cgnat\"\n") ==
        Lines{"t.toml:2:7: path.nat: must be one of \"none\", \"static\", \"pat\"; got \"cgnat\""});
}

TEST_CASE("scenario - path nat public address", "[scenario][path]") {
    SECTION("defaults to 192.0.2.1 behind a NAT") {
        const Scenario s = load_ok("[path]\nnat = \"static\"\n");
        CHECK(s.path.nat == NatMode::Static);
        CHECK(s.path.nat_public_ip == net::Ipv4Addr::from_octets(192, 0, 2, 1));
    }
    SECTION("only allowed behind a NAT") {
        CHECK(errors("[path]\nnat_public_ip = \"192.0.2.9\"\n") ==
              Lines{"t.toml:2:17: path.nat_public_ip: only allowed when nat is \"static\" or "
                    "\"pat\""});
        CHECK(errors("[path]\nnat = \"none\"\nnat_public_ip = \"192.0.2.9\"\n") ==
              Lines{"t.toml:3:17: path.nat_public_ip: only allowed when nat is \"static\" or "
                    "\"pat\""});
    }
}

TEST_CASE("scenario - expect", "[scenario][expect]") {
    SECTION("array-of-tables form records lines") {
        const Scenario s = load_ok(R"(
[expect]
trace_contains = ["IKE_AUTH"]
[[expect.tunnel]]
status = "UP"
[[expect.tunnel]]
outside_ip = "203.0.113.20"
)");
        REQUIRE(s.expect.has_value());
        CHECK(s.expect->source_line == 1);
        REQUIRE(s.expect->tunnels.size() == 2);
        CHECK(s.expect->tunnels[0].source_line == 3);
        CHECK(s.expect->tunnels[1].source_line == 5);
        CHECK(s.expect->tunnels[1].outside_ip == net::Ipv4Addr::from_octets(203, 0, 113, 20));
    }
    SECTION("bad values") {
        CHECK(errors(R"(
[expect]
tunnel = [{ status = "up" }, { outside_ip = "x", bgp = 6 }]
trace_absent = [""]
)") == Lines{
           "t.toml:2:22: expect.tunnel[0].status: must be one of \"UP\", \"DOWN\"; got "
           "\"up\"",
           "t.toml:2:45: expect.tunnel[1].outside_ip: invalid IPv4 address 'x'",
           "t.toml:2:56: expect.tunnel[1].bgp: expected a string, got integer",
           "t.toml:3:17: expect.trace_absent[0]: must not be empty",
       });
    }
}
