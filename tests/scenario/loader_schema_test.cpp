// Schema-level rules: syntax, unknown keys, types, required keys, ordering of diagnostics.
#include <fmt/format.h>
#include <catch2/catch.hpp>

#include <string>

#include "scenario_test_util.hpp"

using namespace vpnsim::scenario;
using namespace vpnsim::scenario::testing;

TEST_CASE("scenario - TOML syntax error", "[scenario][schema]") {
    CHECK(errors(R"(
[scenario]
name =
)") == Lines{"t.toml:2:7: invalid TOML: error while parsing key-value pair: expected value, "
             "saw '\\n'"});
    const LoadResult r = load("[scenario]\nname =\n");
    CHECK_FALSE(r.scenario.has_value());
}

TEST_CASE("scenario - unknown keys", "[scenario][schema]") {
    SECTION("top level, with a suggestion") {
        CHECK(errors(R"(
[paht]
delay = "1s"
)") == Lines{"t.toml:1:2: paht: unknown key; did you mean 'path'?"});
    }
    SECTION("a table with more keys than the reader keeps inline") {
        std::string text = R"(
[cgw]
outside_ip = "198.51.100.10"
[[cgw.tunnel]]
peer = "203.0.113.10"
psk = "abcdefgh"
)";
        Lines expected;
        for (int i = 1; i <= 17; ++i) {
            text += fmt::format("extra{:02} = 1\n", i);
            expected.push_back(
                fmt::format("t.toml:{}:1: cgw.tunnel[0].extra{:02}: unknown key", i + 5, i));
        }
        text += "bgp_neighbour = \"169.254.10.1\"\n";
        expected.push_back(
            "t.toml:23:1: cgw.tunnel[0].bgp_neighbour: unknown key; did you mean "
            "'bgp_neighbor'?");
        auto got = errors(text);
        std::erase_if(got, [](const std::string& line) {
            return line.find("cgw.tunnel[0].") == std::string::npos;
        });
        CHECK(got == expected);
    }
    SECTION("nothing close enough to suggest") {
        CHECK(errors(R"(
[scenario]
name = "t"
colour = "blue"
)") == Lines{"t.toml:3:1: scenario.colour: unknown key"});
    }
    SECTION("inside an array of tables") {
        CHECK(errors(R"(
[aws]
[[aws.tunnel]]
outside_ip = "203.0.113.10"
inside_cidr = "169.254.10.0/30"
psk = "abcdefgh"
phase1_lifetime_second = 900
)") == Lines{"t.toml:6:1: aws.tunnel[0].phase1_lifetime_second: unknown key; did you mean "
             "'phase1_lifetime_seconds'?"});
    }
    SECTION("inside an inline table") {
        CHECK(errors(R"(
[expect]
tunnel = [{ stauts = "UP" }]
)") == Lines{"t.toml:2:13: expect.tunnel[0].stauts: unknown key; did you mean 'status'?"});
    }
}

TEST_CASE("scenario - wrong value types", "[scenario][schema]") {
    CHECK(errors(R"(
[scenario]
name = 7
seed = "1"
duration = 30
[path]
delay = 1.5
nat = ["pat"]
[cgw]
outside_ip = "198.51.100.1"
nat_t = "yes"
bgp = 1
)") == Lines{
           "t.toml:2:8: scenario.name: expected a string, got integer",
           "t.toml:3:8: scenario.seed: expected an integer, got string",
           "t.toml:4:12: scenario.duration: expected a string, got integer",
           "t.toml:6:9: path.delay: expected a string, got float",
           "t.toml:7:7: path.nat: expected a string, got array",
           "t.toml:10:9: cgw.nat_t: expected a boolean, got string",
           "t.toml:11:7: cgw.bgp: expected a table, got integer",
       });
}

TEST_CASE("scenario - wrong types inside arrays", "[scenario][schema]") {
    CHECK(errors(R"(
[expect]
trace_contains = "IKE_AUTH"
trace_absent = ["x", 3]
tunnel = [1]
)") == Lines{
           "t.toml:2:18: expect.trace_contains: expected an array, got string",
           "t.toml:3:22: expect.trace_absent[1]: expected a string, got integer",
           "t.toml:4:11: expect.tunnel[0]: expected a table, got integer",
       });
}

TEST_CASE("scenario - missing required keys", "[scenario][schema]") {
    SECTION("required tables, located at the root") {
        CHECK(raw_errors("[path]\n") == Lines{
                                            "t.toml:1:1: scenario: missing required key",
                                            "t.toml:1:1: aws: missing required key",
                                            "t.toml:1:1: cgw: missing required key",
                                        });
    }
    SECTION("required keys, located at their table") {
        CHECK(errors(R"(
[scenario]
summary = "no name"
[aws]
[[aws.tunnel]]
psk = "abcdefgh"
[cgw]
)") == Lines{
           "t.toml:1:1: scenario.name: missing required key",
           "t.toml:4:1: aws.tunnel[0].outside_ip: missing required key",
           "t.toml:4:1: aws.tunnel[0].inside_cidr: missing required key",
           "t.toml:6:1: cgw.outside_ip: missing required key",
       });
    }
}

TEST_CASE("scenario - every problem is reported, in file order", "[scenario][schema]") {
    // [cgw] is read after [aws], but comes first in the file.
    const auto lines = errors(R"(
[cgw]
outside_ip = "198.51.100.300"
[aws]
gateway = "vpg"
[[aws.tunnel]]
outside_ip = "203.0.113.10"
inside_cidr = "169.254.10.1/30"
psk = "short"
)");
    CHECK(lines == Lines{
                       "t.toml:2:14: cgw.outside_ip: invalid IPv4 address '198.51.100.300'",
                       "t.toml:4:11: aws.gateway: must be one of \"vgw\", \"tgw\"; got \"vpg\"",
                       "t.toml:7:15: aws.tunnel[0].inside_cidr: invalid CIDR '169.254.10.1/30' "
                       "(expected a.b.c.d/len with host bits zero)",
                       "t.toml:8:7: aws.tunnel[0].psk: must be 8 to 64 characters, got 5",
                   });
    CHECK_FALSE(load(R"(
[cgw]
outside_ip = "198.51.100.300"
)")
                    .scenario.has_value());
}
