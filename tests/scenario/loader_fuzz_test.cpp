// Bad input never crashes: every bundled scenario, mutated at random (a line deleted,
// duplicated or cut short, a value replaced by a hostile token), either loads -- and then
// simulates to its end or its budget -- or is refused with diagnostics that each name the file,
// a line and a column. rapidcheck shrinks a failure to the fewest, simplest mutations.
#include <rapidcheck.h>
#include <rapidcheck/catch.h>
#include <catch2/catch.hpp>

#include <algorithm>
#include <sstream>
#include <string>
#include <vector>

#include "sim/run/world.hpp"
#include "sim/scenario/loader.hpp"
#include "tests/scenario/scenario_test_util.hpp"

using namespace vpnsim;

namespace {

std::vector<std::string> split_lines(const std::string& text) {
    std::vector<std::string> lines;
    std::string line;
    std::istringstream in(text);
    while (std::getline(in, line)) lines.push_back(line);
    return lines;
}

std::string join_lines(const std::vector<std::string>& lines) {
    std::string out;
    for (const auto& l : lines) out += l + "\n";
    return out;
}

// Values that are wrong in type, range or form for most keys, and a few that are plausible.
const std::vector<std::string> kHostile{
    "\"\"",
    "\"x\"",
    "-1",
    "0",
    "4294967296",
    "99999999999999999999",
    "1.5",
    "-0.5",
    "nan",
    "inf",
    "true",
    "[]",
    "{}",
    "[1, \"a\"]",
    "\"0.0.0.0/0\"",
    "\"169.254.0.0/30\"",
    "\"169.254.169.252/30\"",
    "\"256.1.1.1\"",
    "\"10.0.0.0/33\"",
    "\"1h\"",
    "\"0s\"",
    "\"999999h\"",
    "\"1m30\"",
    "\"ikev3\"",
    "[\"udp/501\"]",
    "{ local = \"1.2.3.4/32\" }",
};

enum class Op { DeleteLine, DuplicateLine, ReplaceValue, CutLine };

struct Mutation {
    Op op{Op::DeleteLine};
    std::size_t line{0};   // taken modulo the line count
    std::size_t token{0};  // into kHostile, for ReplaceValue
    std::size_t cut{0};    // characters kept, for CutLine
};

void apply(std::vector<std::string>& lines, const Mutation& m) {
    if (lines.empty()) return;
    const auto i = m.line % lines.size();
    switch (m.op) {
        case Op::DeleteLine:
            lines.erase(lines.begin() + static_cast<std::ptrdiff_t>(i));
            break;
        case Op::DuplicateLine:
            lines.insert(lines.begin() + static_cast<std::ptrdiff_t>(i), lines[i]);
            break;
        case Op::ReplaceValue: {
            const auto eq = lines[i].find(" = ");
            if (eq != std::string::npos) {
                lines[i] = lines[i].substr(0, eq + 3) + kHostile[m.token % kHostile.size()];
            }
            break;
        }
        case Op::CutLine:
            lines[i] = lines[i].substr(0, std::min(m.cut, lines[i].size()));
            break;
    }
}

}  // namespace

namespace rc {
template <>
struct Arbitrary<Mutation> {
    static Gen<Mutation> arbitrary() {
        return gen::build<Mutation>(
            gen::set(&Mutation::op, gen::element(Op::DeleteLine, Op::DuplicateLine,
                                                 Op::ReplaceValue, Op::CutLine)),
            gen::set(&Mutation::line, gen::inRange<std::size_t>(0, 200)),
            gen::set(&Mutation::token, gen::inRange<std::size_t>(0, kHostile.size())),
            gen::set(&Mutation::cut, gen::inRange<std::size_t>(0, 40)));
    }
};
}  // namespace rc

TEST_CASE("scenario - mutated scenarios load or are refused with located errors, never crash",
          "[scenario][fuzz]") {
    static const auto texts = vpnsim::scenario::testing::bundled_scenario_texts();
    REQUIRE(texts.size() > 10);
    rc::prop("a mutated bundled scenario loads or gets file:line:col diagnostics", [] {
        const auto pick = *rc::gen::inRange<std::size_t>(0, texts.size());
        const auto mutations = *rc::gen::container<std::vector<Mutation>>(
            *rc::gen::inRange<std::size_t>(1, 4), rc::gen::arbitrary<Mutation>());
        auto lines = split_lines(texts[pick]);
        for (const auto& m : mutations) apply(lines, m);
        const auto text = join_lines(lines);

        const auto r = scenario::load_string(text, "fuzz.toml");
        RC_CLASSIFY(r.scenario.has_value(), "loaded");
        if (!r.diagnostics.empty()) {
            RC_ASSERT(!r.scenario.has_value());
            for (const auto& d : r.diagnostics) {
                RC_ASSERT(d.file == "fuzz.toml");
                RC_ASSERT(d.line >= 1);
                RC_ASSERT(d.column >= 1);
                RC_ASSERT(!d.message.empty());
                RC_ASSERT(d.to_string().starts_with("fuzz.toml:" + std::to_string(d.line) + ":" +
                                                    std::to_string(d.column) + ": "));
            }
            return;
        }
        RC_ASSERT(r.scenario.has_value());
        // A valid (if odd) scenario runs to its end or to the event budget, without asserting.
        const auto run = run::simulate(*r.scenario, run::RunLimits{200'000});
        RC_ASSERT(run.tunnels.size() == r.scenario->aws.tunnels.size());
    });
}
