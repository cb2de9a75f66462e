// Setting a key of a scenario by its dotted path (matrix axes, --set): the text changes only
// there, and the loader judges the value.
#include <catch2/catch.hpp>

#include <string>

#include "sim/scenario/loader.hpp"
#include "sim/scenario/patch.hpp"
#include "sim/scenario/writer.hpp"

using namespace vpnsim;

namespace {

std::string base_text() {
    const auto r = scenario::load_string(R"([scenario]
name = "patch"
[aws]
[[aws.tunnel]]
outside_ip = "203.0.113.10"
inside_cidr = "169.254.10.0/30"
psk = "psk_one_key"
[[aws.tunnel]]
outside_ip = "203.0.113.20"
inside_cidr = "169.254.10.4/30"
psk = "psk_two_key"
[cgw]
outside_ip = "198.51.100.10"
[[cgw.tunnel]]
peer = "203.0.113.10"
psk = "psk_one_key"
)",
                                         "p.toml");
    REQUIRE(r.scenario);
    return scenario::to_toml(*r.scenario);
}

scenario::Scenario loaded(const std::string& text) {
    auto r = scenario::load_string(text, "patched.toml");
    for (const auto& d : r.diagnostics) UNSCOPED_INFO(d.to_string());
    REQUIRE(r.scenario);
    return *r.scenario;
}

}  // namespace

TEST_CASE("a key of a table is replaced", "[scenario][patch]") {
    auto text = base_text();
    REQUIRE_FALSE(scenario::set_key(text, "aws.routing", "\"static\""));
    CHECK(loaded(text).aws.routing == scenario::Routing::Static);
    REQUIRE_FALSE(scenario::set_key(text, "path.nat", "\"pat\""));
    CHECK(loaded(text).path.nat == scenario::NatMode::Pat);
}

TEST_CASE("every element, or one, of an array of tables", "[scenario][patch]") {
    auto text = base_text();
    REQUIRE_FALSE(scenario::set_key(text, "aws.tunnel[*].dpd_timeout_seconds", "40"));
    auto s = loaded(text);
    CHECK(s.aws.tunnels[0].dpd_timeout_seconds == 40);
    CHECK(s.aws.tunnels[1].dpd_timeout_seconds == 40);
    REQUIRE_FALSE(scenario::set_key(text, "aws.tunnel[1].ike_versions", "[\"ikev2\"]"));
    s = loaded(text);
    CHECK(s.aws.tunnels[0].ike_versions == std::vector<int>{1, 2});
    CHECK(s.aws.tunnels[1].ike_versions == std::vector<int>{2});
}

TEST_CASE("a key the writer leaves out is added to its table", "[scenario][patch]") {
    auto text = base_text();
    REQUIRE(text.find("vpc_cidr") == std::string::npos);
    REQUIRE_FALSE(scenario::set_key(text, "aws.vpc_cidr", "\"10.9.0.0/16\""));
    CHECK(loaded(text).aws.vpc_cidr.to_string() == "10.9.0.0/16");
}

TEST_CASE("a value the loader refuses is refused at its key", "[scenario][patch]") {
    auto text = base_text();
    REQUIRE_FALSE(scenario::set_key(text, "aws.tunnel[0].phase1_dh_group_numbers", "[7]"));
    const auto r = scenario::load_string(text, "patched.toml");
    REQUIRE(r.diagnostics.size() == 1);
    CHECK(r.diagnostics[0].key == "aws.tunnel[0].phase1_dh_group_numbers[0]");
}

TEST_CASE("paths that name no table are refused", "[scenario][patch]") {
    auto text = base_text();
    const auto before = text;
    CHECK(scenario::set_key(text, "aws.tunnel[2].psk", "\"x\"") ==
          "the scenario has no table aws.tunnel[2]");
    CHECK(scenario::set_key(text, "expect.causes", "[]") == "the scenario has no table expect");
    CHECK(scenario::set_key(text, "routing", "\"static\"") == "'routing' names no table");
    CHECK(scenario::set_key(text, "aws.Routing", "1") == "'aws.Routing' is not a key path");
    CHECK(scenario::set_key(text, "aws.tunnel[x].psk", "1") ==
          "'aws.tunnel[x].psk' is not a key path");
    CHECK(text == before);
}
