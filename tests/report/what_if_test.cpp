// what-if: settings as the loader judges them, errors that point at the argument, the diff.
#include <catch2/catch.hpp>

#include "sim/report/what_if.hpp"
#include "tests/scenario/scenario_test_util.hpp"

namespace {

using namespace vpnsim;

scenario::Scenario accel() {
    auto r = scenario::testing::load_bundled(std::filesystem::path(VPNSIM_SOURCE_DIR) /
                                             "scenarios/training/accel-without-nat-t.toml");
    REQUIRE(r.scenario);
    return *r.scenario;
}

}  // namespace

TEST_CASE("a setting's value is TOML, or a bare word taken as a string", "[what-if]") {
    CHECK(report::parse_setting("a.b=restart")->value == "\"restart\"");
    CHECK(report::parse_setting("a.b=true")->value == "true");
    CHECK(report::parse_setting("a.b=30")->value == "30");
    CHECK(report::parse_setting(R"(a.b=["0.0.0.0/0"])")->value == R"(["0.0.0.0/0"])");
    CHECK(report::parse_setting(R"(a.b=say "hi")")->value == R"("say \"hi\"")");
    CHECK(report::parse_setting("a.b=x=y")->value == "\"x=y\"");
    CHECK(report::parse_setting("a.b=")->value == "\"\"");
    CHECK_FALSE(report::parse_setting("novalue"));
    CHECK_FALSE(report::parse_setting("=3"));
}

TEST_CASE("settings and fixes change the scenario; bad ones point at their argument", "[what-if]") {
    const auto s = accel();
    auto ok = report::changed_scenario(s, {}, {*report::parse_setting("cgw.nat_t=true")});
    REQUIRE(std::holds_alternative<scenario::Scenario>(ok));
    CHECK(std::get<scenario::Scenario>(ok).cgw.nat_t);
    auto fixed = report::changed_scenario(s, {"cgw.enable-nat-t"}, {});
    REQUIRE(std::holds_alternative<scenario::Scenario>(fixed));
    CHECK(std::get<scenario::Scenario>(fixed).cgw.nat_t);

    auto bad = report::changed_scenario(
        s, {}, {*report::parse_setting("aws.tunnel[0].dpd_timeout_action=restrat")});
    REQUIRE(std::holds_alternative<std::vector<scenario::Diagnostic>>(bad));
    const auto& d = std::get<std::vector<scenario::Diagnostic>>(bad).front();
    CHECK(d.file == "--set aws.tunnel[0].dpd_timeout_action=restrat");
    CHECK(d.column == 34);
    CHECK(d.key == "aws.tunnel[0].dpd_timeout_action");

    auto nowhere = report::changed_scenario(s, {}, {*report::parse_setting("aws.tunel[0].x=1")});
    REQUIRE(std::holds_alternative<std::vector<scenario::Diagnostic>>(nowhere));
    auto unknown = report::changed_scenario(s, {"cgw.enable-nat"}, {});
    REQUIRE(std::holds_alternative<std::vector<scenario::Diagnostic>>(unknown));
    CHECK(std::get<std::vector<scenario::Diagnostic>>(unknown).front().message.find(
              "did you mean 'cgw.enable-nat-t'") != std::string::npos);
}

TEST_CASE("the diff names the divergence and the causes that went away", "[what-if]") {
    const auto s = accel();
    const auto before = report::replay(s, {}, 0);
    const auto same = report::replay(s, {}, 0);
    CHECK_FALSE(report::first_divergence(before->result.trace, same->result.trace));
    auto changed = report::changed_scenario(s, {"cgw.enable-nat-t"}, {});
    const auto after = report::replay(std::get<scenario::Scenario>(changed), {}, 0);
    const auto at = report::first_divergence(before->result.trace, after->result.trace);
    REQUIRE(at);
    CHECK(kernel::format_record(before->result.trace.records()[*at]) !=
          kernel::format_record(after->result.trace.records()[*at]));
    const auto text = report::what_if_text("f.toml", {"--fix cgw.enable-nat-t"}, *before, *after);
    CHECK(text.find("causes gone:\n  accel.nat-t-required") != std::string::npos);
    CHECK(text.find("<- changed") != std::string::npos);
    CHECK(text.find("verdict: the changed scenario is healthy end to end") != std::string::npos);
    const auto nothing = report::what_if_text("f.toml", {}, *before, *same);
    CHECK(nothing.find("traces are identical") != std::string::npos);
    CHECK(nothing.find("NOT healthy") != std::string::npos);
}
