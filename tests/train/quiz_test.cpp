// The pure pieces of `vpnsim quiz` (sim/train/quiz): drawing questions, choosing options,
// reading answers, scoring, difficulty. Deterministic by seed; the true answer always offered;
// distractors distinct and never true.
#include <rapidcheck.h>
#include <rapidcheck/catch.h>
#include <catch2/catch.hpp>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "sim/diagnose/diagnose.hpp"
#include "sim/train/quiz.hpp"

using namespace vpnsim;
using train::Difficulty;
using train::Features;

namespace {

bool has(const std::vector<std::string>& v, const std::string& s) {
    return std::find(v.begin(), v.end(), s) != v.end();
}

bool distinct(const std::vector<std::string>& v) {
    return std::set<std::string>(v.begin(), v.end()).size() == v.size();
}

const std::vector<std::string> kPool{"ike.psk-mismatch",       "ike.proposal-mismatch",
                                     "ike.version-mismatch",   "ike.nobody-initiates",
                                     "bgp.peer-as-mismatch",   "bgp.md5-mismatch",
                                     "ts.excludes-bgp-peers",  "firewall.esp-blocked",
                                     "bgp.hold-timer-expired", "dpd.peer-dead"};

}  // namespace

TEST_CASE("quiz - questions are drawn by the seed", "[train][quiz]") {
    const auto a = train::draw_questions(48, 10, 7);
    CHECK(a == train::draw_questions(48, 10, 7));
    CHECK(a.size() == 10);
    CHECK(std::set<std::size_t>(a.begin(), a.end()).size() == 10);
    CHECK(std::all_of(a.begin(), a.end(), [](std::size_t i) { return i < 48; }));
    CHECK(a != train::draw_questions(48, 10, 8));
    SECTION("more asked than there are: each once") {
        const auto all = train::draw_questions(5, 10, 1);
        CHECK(std::set<std::size_t>(all.begin(), all.end()) ==
              std::set<std::size_t>{0, 1, 2, 3, 4});
    }
    SECTION("the first questions of a longer quiz are the same questions") {
        const auto longer = train::draw_questions(48, 20, 7);
        CHECK(std::equal(a.begin(), a.end(), longer.begin()));
    }
}

TEST_CASE("quiz - cause options", "[train][quiz]") {
    const std::vector<std::string> truth{"ike.psk-mismatch", "bgp.hold-timer-expired"};
    const auto options =
        train::cause_options("ike.psk-mismatch", truth, kPool, diagnose::cause_codes(), 3);
    CHECK(options.size() == train::kCauseOptions);
    CHECK(has(options, "ike.psk-mismatch"));
    CHECK(distinct(options));
    // The other true cause is never offered as a distractor.
    CHECK_FALSE(has(options, "bgp.hold-timer-expired"));
    // Same family first: the pool has three other ike.* codes, all of them are offered.
    CHECK(has(options, "ike.proposal-mismatch"));
    CHECK(has(options, "ike.version-mismatch"));
    CHECK(has(options, "ike.nobody-initiates"));
    SECTION("deterministic, and the order depends on the seed") {
        CHECK(options ==
              train::cause_options("ike.psk-mismatch", truth, kPool, diagnose::cause_codes(), 3));
        bool differs = false;
        for (std::uint64_t seed = 4; seed < 20 && !differs; ++seed) {
            differs = options != train::cause_options("ike.psk-mismatch", truth, kPool,
                                                      diagnose::cause_codes(), seed);
        }
        CHECK(differs);
    }
    SECTION("the pool's order does not matter, only the seed") {
        auto reversed = kPool;
        std::reverse(reversed.begin(), reversed.end());
        CHECK(options == train::cause_options("ike.psk-mismatch", truth, reversed,
                                              diagnose::cause_codes(), 3));
    }
    SECTION("a tiny catalogue: distractors come from every code diagnose knows") {
        const auto few = train::cause_options("ts.unacceptable", {"ts.unacceptable"}, {},
                                              diagnose::cause_codes(), 1);
        CHECK(few.size() == train::kCauseOptions);
        CHECK(distinct(few));
        CHECK(has(few, "ts.unacceptable"));
    }
}

TEST_CASE("quiz - cause options hold for any pool", "[train][quiz][prop]") {
    const auto codes = diagnose::cause_codes();
    rc::prop("key offered once, distractors distinct and never true", [&] {
        const auto n = *rc::gen::inRange<std::size_t>(1, 4);
        std::vector<std::string> truth;
        for (std::size_t i = 0; i < n; ++i) {
            truth.push_back(codes[*rc::gen::inRange<std::size_t>(0, codes.size())]);
        }
        const auto key = truth[*rc::gen::inRange<std::size_t>(0, truth.size())];
        std::vector<std::string> pool;
        const auto m = *rc::gen::inRange<std::size_t>(0, 30);
        for (std::size_t i = 0; i < m; ++i) {
            pool.push_back(codes[*rc::gen::inRange<std::size_t>(0, codes.size())]);
        }
        const auto seed = *rc::gen::arbitrary<std::uint64_t>();
        const auto options = train::cause_options(key, truth, pool, codes, seed);
        RC_ASSERT(options.size() == train::kCauseOptions);
        RC_ASSERT(distinct(options));
        RC_ASSERT(std::count(options.begin(), options.end(), key) == 1);
        for (const auto& o : options) RC_ASSERT(o == key || !has(truth, o));
        RC_ASSERT(options == train::cause_options(key, truth, pool, codes, seed));
    });
}

TEST_CASE("quiz - fix options", "[train][quiz]") {
    const std::vector<std::string> applicable{"cgw.psk-match-aws",       "aws.startup-action-start",
                                              "aws.dpd-action-restart",  "cgw.enable-dpd",
                                              "aws.recreate-vpn-static", "cgw.repoint-peers"};
    const std::vector<std::string> rest{"cgw.enable-bgp", "firewall.allow-esp", "cgw.clamp-mss"};
    const std::vector<train::FixSet> working{{"cgw.psk-match-aws"},
                                             {"aws.recreate-vpn-static", "cgw.repoint-peers"}};
    const auto options =
        train::fix_options(train::FixSet{"cgw.psk-match-aws"}, working, applicable, rest, 5);
    CHECK(options.size() == train::kFixOptions);
    CHECK(has(options, "cgw.psk-match-aws"));
    CHECK(options.back() == train::kNoFix);
    CHECK(distinct(options));
    CHECK(options ==
          train::fix_options(train::FixSet{"cgw.psk-match-aws"}, working, applicable, rest, 5));
    SECTION("nothing works: the answer is none, four distractors before it") {
        const auto none = train::fix_options(std::nullopt, {}, applicable, rest, 5);
        CHECK(none.size() == train::kFixOptions);
        CHECK(none.back() == train::kNoFix);
        CHECK(distinct(none));
    }
    SECTION("a set of two: distractors are sets of two that do not work") {
        const train::FixSet two{"aws.recreate-vpn-static", "cgw.repoint-peers"};
        const auto sets = train::fix_options(two, {two}, applicable, rest, 9);
        CHECK(has(sets, "aws.recreate-vpn-static + cgw.repoint-peers"));
        for (const auto& o : sets) {
            if (o == train::kNoFix) continue;
            const auto set = train::parse_fix_set(o);
            CHECK(set.size() == 2);
            const bool works = std::includes(set.begin(), set.end(), two.begin(), two.end());
            CHECK((!works || o == "aws.recreate-vpn-static + cgw.repoint-peers"));
        }
    }
}

TEST_CASE("quiz - fix options hold for any catalogue", "[train][quiz][prop]") {
    rc::prop("the cheapest set offered once, distractors distinct and never working", [] {
        std::vector<std::string> codes;
        const auto n = *rc::gen::inRange<std::size_t>(0, 12);
        for (std::size_t i = 0; i < n; ++i) codes.push_back("fix." + std::to_string(i));
        const auto split = *rc::gen::inRange<std::size_t>(0, n + 1);
        const std::vector<std::string> preferred(codes.begin(), codes.begin() + split);
        const std::vector<std::string> rest(codes.begin() + split, codes.end());
        std::optional<train::FixSet> cheapest;
        std::vector<train::FixSet> working;
        if (n > 0 && *rc::gen::arbitrary<bool>()) {
            cheapest = train::FixSet{codes[*rc::gen::inRange<std::size_t>(0, n)]};
            working.push_back(*cheapest);
            working.push_back({codes[*rc::gen::inRange<std::size_t>(0, n)]});
        }
        const auto seed = *rc::gen::arbitrary<std::uint64_t>();
        const auto options = train::fix_options(cheapest, working, preferred, rest, seed);
        RC_ASSERT(options.size() <= train::kFixOptions);
        RC_ASSERT(distinct(options));
        RC_ASSERT(options.back() == std::string(train::kNoFix));
        if (cheapest) RC_ASSERT(has(options, train::to_string(*cheapest)));
        for (const auto& o : options) {
            if (cheapest && o == train::to_string(*cheapest)) continue;
            for (const auto& w : working) RC_ASSERT(o != train::to_string(w));
        }
        RC_ASSERT(options == train::fix_options(cheapest, working, preferred, rest, seed));
    });
}

TEST_CASE("quiz - the key cause is the fault the cheapest fix removes", "[train][quiz]") {
    const std::vector<std::string> incidents{"bgp.hold-timer-expired", "dpd.peer-dead",
                                             "ipsec.stale-sa", "path.outage"};
    // A key changed before a reboot: the incidents come first in time.
    CHECK(train::key_cause({"bgp.hold-timer-expired", "dpd.peer-dead", "ike.psk-mismatch"},
                           {"bgp.hold-timer-expired"}, incidents) == "ike.psk-mismatch");
    // An outage and a CGW without DPD: only an incident goes away with the fix.
    CHECK(train::key_cause(
              {"path.outage", "bgp.hold-timer-expired", "dpd.peer-dead", "ipsec.stale-sa"},
              {"path.outage", "bgp.hold-timer-expired", "dpd.peer-dead"},
              incidents) == "ipsec.stale-sa");
    // Nothing works (nothing removed): the first that is no incident.
    CHECK(train::key_cause({"path.packet-loss", "dpd.peer-dead"},
                           {"path.packet-loss", "dpd.peer-dead"}, incidents) == "path.packet-loss");
    // Only incidents, none removed: the first.
    CHECK(train::key_cause({"dpd.peer-dead", "ipsec.stale-sa"}, {"dpd.peer-dead", "ipsec.stale-sa"},
                           incidents) == "dpd.peer-dead");
}

TEST_CASE("quiz - difficulty from the simulation's features", "[train][quiz]") {
    CHECK(train::classify(Features{1, false, false, false}) == Difficulty::Easy);
    CHECK(train::classify(Features{1, false, false, true}) == Difficulty::Medium);
    CHECK(train::classify(Features{2, false, false, false}) == Difficulty::Medium);
    CHECK(train::classify(Features{3, false, false, false}) == Difficulty::Hard);
    CHECK(train::classify(Features{1, true, false, false}) == Difficulty::Hard);
    CHECK(train::classify(Features{1, false, true, false}) == Difficulty::Hard);
    CHECK(train::classify(Features{4, true, true, false}) == Difficulty::Hard);
    CHECK(train::difficulty_score(Features{4, true, true, true}) == 3 + 2 + 2 + 1);
    CHECK(train::parse_difficulty("hard") == Difficulty::Hard);
    CHECK(train::parse_difficulty("Hard") == std::nullopt);
    CHECK(train::to_string(Difficulty::Medium) == "medium");
}

TEST_CASE("quiz - answers, fix sets, score", "[train][quiz]") {
    const std::vector<std::string> options{"a.x", "b.y", "c.z"};
    CHECK(train::parse_reply(" 2 ", options).kind == train::Reply::Kind::Option);
    CHECK(train::parse_reply("2", options).code == "b.y");
    CHECK(train::parse_reply("4", options).kind == train::Reply::Kind::Code);
    CHECK(train::parse_reply("ike.psk-mismatch", options).code == "ike.psk-mismatch");
    CHECK(train::parse_reply("q", options).kind == train::Reply::Kind::Quit);
    CHECK(train::parse_reply("   ", options).kind == train::Reply::Kind::Empty);
    CHECK(train::parse_fix_set("b + a") == train::FixSet{"a", "b"});
    CHECK(train::parse_fix_set("a+b") == train::FixSet{"a", "b"});
    CHECK(train::parse_fix_set("") == train::FixSet{});
    CHECK(train::to_string(train::FixSet{"a", "b"}) == "a + b");
    CHECK(train::summary(train::Score{10, 7, 10, 5}) == "7/10 causes, 5/10 fixes");
}

TEST_CASE("quiz - wrap", "[train][quiz]") {
    CHECK(train::wrap("one  two\nthree", "  ", 96) == "  one two three\n");
    CHECK(train::wrap("aaaa bbbb cccc", "", 9) == "aaaa bbbb\ncccc\n");
    CHECK(train::wrap("", "  ", 96).empty());
}
