// [scenario] lesson: an optional string, one paragraph for the trainee (issue 15). Loaded as
// written, rejected like any other key when it is not a string, and written back by the writer.
#include <catch2/catch.hpp>

#include <string>

#include "scenario_test_util.hpp"
#include "sim/scenario/writer.hpp"

using namespace vpnsim::scenario;
using namespace vpnsim::scenario::testing;

TEST_CASE("scenario - lesson is an optional string", "[scenario][lesson]") {
    SECTION("absent: empty") {
        const auto r = load(R"(
[scenario]
name = "t"
)");
        REQUIRE(r.scenario);
        CHECK(r.scenario->lesson.empty());
    }
    SECTION("a multi-line basic string, kept as written") {
        const auto r = load(R"(
[scenario]
name = "t"
lesson = """
Look at the IKE log: "AWS tunnel is sending AUTHENTICATION_FAILED".
RFC 7296 §2.15."""
)");
        REQUIRE(r.scenario);
        CHECK(r.scenario->lesson ==
              "Look at the IKE log: \"AWS tunnel is sending AUTHENTICATION_FAILED\".\n"
              "RFC 7296 §2.15.");
    }
    SECTION("not a string: located like any other key") {
        CHECK(errors(R"(
[scenario]
name = "t"
lesson = 42
)") == Lines{"t.toml:3:10: scenario.lesson: expected a string, got integer"});
        CHECK(errors(R"(
[scenario]
name = "t"
lesson = ["a", "b"]
)") == Lines{"t.toml:3:10: scenario.lesson: expected a string, got array"});
    }
    SECTION("a near miss gets a suggestion") {
        CHECK(errors(R"(
[scenario]
name = "t"
lessons = "x"
)") == Lines{"t.toml:3:1: scenario.lessons: unknown key; did you mean 'lesson'?"});
    }
}

TEST_CASE("scenario - the writer writes the lesson back, and only when there is one",
          "[scenario][lesson][writer]") {
    auto r = load(R"(
[scenario]
name = "t"
lesson = """
two
lines "quoted" \\ back"""
)");
    REQUIRE(r.scenario);
    const auto text = to_toml(*r.scenario);
    CHECK(text.find("lesson = \"two\\u000Alines \\\"quoted\\\" \\\\ back\"\n") !=
          std::string::npos);
    const auto again = load_string(text, "again.toml");
    REQUIRE(again.scenario);
    CHECK(again.scenario->lesson == r.scenario->lesson);
    r.scenario->lesson.clear();
    CHECK(to_toml(*r.scenario).find("lesson") == std::string::npos);
}
