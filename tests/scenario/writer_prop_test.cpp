// Round trip as a property: any loadable scenario, written as TOML and loaded back, is the same
// scenario. Scenarios come from the bundled catalogue with their free-text fields (name,
// summary, lesson, [expect] trace patterns and cause codes) replaced by arbitrary Unicode text that
// leans on what TOML basic strings must escape -- quotes, backslashes, C0 controls, DEL -- and
// with a new seed and duration. "fix --apply" once wrote U+007F raw, which no TOML parser loads.
#include <rapidcheck.h>
#include <rapidcheck/catch.h>
#include <catch2/catch.hpp>

#include <cstdint>
#include <string>
#include <vector>

#include "scenario_test_util.hpp"
#include "sim/scenario/loader.hpp"
#include "sim/scenario/writer.hpp"

using namespace vpnsim;

namespace {

// One Unicode scalar value (no surrogates), as UTF-8.
void append_utf8(std::string& out, char32_t c) {
    if (c < 0x80) {
        out += static_cast<char>(c);
    } else if (c < 0x800) {
        out += static_cast<char>(0xC0 | (c >> 6));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
        out += static_cast<char>(0xE0 | (c >> 12));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (c >> 18));
        out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    }
}

rc::Gen<std::uint32_t> scalar_value() {
    return rc::gen::weightedOneOf<std::uint32_t>({
        {4, rc::gen::inRange<std::uint32_t>(0x00, 0x20)},  // C0 controls
        {2, rc::gen::elementOf(
                std::vector<std::uint32_t>{'"', '\\', 0x7F, '\'', '#', '=', '[', '\n'})},
        {4, rc::gen::inRange<std::uint32_t>(0x20, 0x7F)},
        {1, rc::gen::inRange<std::uint32_t>(0x80, 0xD800)},
        {1, rc::gen::inRange<std::uint32_t>(0xE000, 0x110000)},
    });
}

rc::Gen<std::string> unicode_text(std::size_t min_chars) {
    return rc::gen::map(
        rc::gen::suchThat(
            rc::gen::container<std::vector<std::uint32_t>>(scalar_value()),
            [=](const std::vector<std::uint32_t>& v) { return v.size() >= min_chars; }),
        [](const std::vector<std::uint32_t>& chars) {
            std::string out;
            for (const auto c : chars) append_utf8(out, static_cast<char32_t>(c));
            return out;
        });
}

std::vector<scenario::Scenario> bundled() {
    std::vector<scenario::Scenario> out;
    for (const auto& f : scenario::testing::bundled_scenario_paths()) {
        if (auto r = scenario::testing::load_bundled(f); r.scenario) {
            out.push_back(std::move(*r.scenario));
        }
    }
    return out;
}

}  // namespace

TEST_CASE("scenario - any loadable scenario survives to_toml and back",
          "[scenario][writer][prop]") {
    static const auto catalogue = bundled();
    REQUIRE(catalogue.size() >= 20);
    rc::prop("load(to_toml(s)) == s", [] {
        auto s = catalogue[*rc::gen::inRange<std::size_t>(0, catalogue.size())];
        s.name = *unicode_text(1);
        s.summary = *unicode_text(0);
        s.lesson = *unicode_text(0);
        // TOML integers are signed 64-bit: the loader takes seeds 0 .. 2^63 - 1.
        s.seed = *rc::gen::inRange<std::uint64_t>(0, std::uint64_t{1} << 63);
        s.duration = std::chrono::milliseconds(*rc::gen::inRange<std::int64_t>(1, 86'400'000));
        if (s.expect) {
            for (auto& pattern : s.expect->trace_contains) pattern = *unicode_text(1);
            for (auto& pattern : s.expect->trace_absent) pattern = *unicode_text(1);
            if (auto& causes = s.expect->causes) {
                for (auto& cause : *causes) cause = *unicode_text(1);
            }
        }
        const auto text = scenario::to_toml(s);
        const auto again = scenario::load_string(text, "written.toml");
        for (const auto& d : again.diagnostics) RC_LOG() << d.to_string() << "\n";
        RC_ASSERT(again.scenario.has_value());
        const auto got = scenario::without_position(*again.scenario);
        const auto want = scenario::without_position(s);
        // Section by section, so a failure names what the writer lost.
        RC_ASSERT(got.name == want.name);
        RC_ASSERT(got.summary == want.summary);
        RC_ASSERT(got.lesson == want.lesson);
        RC_ASSERT(got.seed == want.seed);
        RC_ASSERT(got.duration == want.duration);
        RC_ASSERT(got.aws == want.aws);
        RC_ASSERT(got.cgw == want.cgw);
        RC_ASSERT(got.path == want.path);
        RC_ASSERT(got.changes == want.changes);
        RC_ASSERT(got.traffic == want.traffic);
        RC_ASSERT(got.expect == want.expect);
        RC_ASSERT(got == want);
        RC_ASSERT(scenario::to_toml(*again.scenario) == text);
    });
}

TEST_CASE("scenario - writer escapes what TOML basic strings forbid", "[scenario][writer]") {
    auto s = scenario::load_file(std::string(VPNSIM_SOURCE_DIR) +
                                 "/scenarios/training/ts-cgw-proxy-ids-narrow.toml");
    REQUIRE(s.scenario);
    s.scenario->summary = std::string("del\x7F tab\t nul") + '\0' + " quote\" backslash\\";
    const auto text = scenario::to_toml(*s.scenario);
    CHECK(text.find("summary = \"del\\u007F tab\\u0009 nul\\u0000 quote\\\" backslash\\\\\"\n") !=
          std::string::npos);
    const auto again = scenario::load_string(text, "written.toml");
    REQUIRE(again.scenario);
    CHECK(again.scenario->summary == s.scenario->summary);
}
