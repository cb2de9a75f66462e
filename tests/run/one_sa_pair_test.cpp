// Run level: AWS keeps one SA pair per tunnel (aws-facts.md "The CGW side AWS expects"). A
// policy-based CGW's further CHILD_SA (RFC 7296 §1.3.1) or quick mode (RFC 2409 §5.5) with other
// selectors replaces the installed one, which AWS deletes; traffic for a pair whose SA is gone
// makes the CGW negotiate it again (RFC 4301 §5.2), so the pairs take turns.
#include <catch2/catch.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <string>

#include "sim/diagnose/diagnose.hpp"
#include "sim/fix/catalogue.hpp"
#include "sim/fix/search.hpp"
#include "sim/scenario/loader.hpp"
#include "tests/run/run_support.hpp"
#include "tests/run/scenario_text.hpp"

using namespace vpnsim;
using testing::count;
using testing::simulate;

namespace {

scenario::Scenario load(const std::string& text) {
    auto loaded = scenario::load_string(text, "pairs.toml");
    REQUIRE(loaded.scenario);
    return *loaded.scenario;
}

// The CGW's trace of a Delete that removed its current SA (not a rekeyed one).
int deletes_of_current_sa(const run::RunResult& r) {
    int n = 0;
    for (const auto& rec : r.trace.records()) {
        n += rec.node.rfind("cgw-", 0) == 0 && rec.fsm == "ike" &&
             rec.detail.str().find(" (current)") != std::string::npos;
    }
    return n;
}

bool has_cause(const diagnose::Diagnosis& d, std::string_view code) {
    return std::any_of(d.causes.begin(), d.causes.end(),
                       [&](const diagnose::Cause& c) { return c.code == code; });
}

}  // namespace

TEST_CASE("run - one SA pair per tunnel: each further pair replaces the installed SA",
          "[run][policy][one-sa-pair]") {
    const int version = GENERATE(1, 2);
    CAPTURE(version);
    const auto r = simulate(testing::policy_based_pairs_toml(version, false));
    REQUIRE(r);
    // Three pairs, no LAN traffic: the second replaces the first, the third the second, and the
    // last one (the inside /30) stays, so BGP comes up over it.
    CHECK(count(*r, "ike", "child-replaced") == 2 * 2);
    CHECK(count(*r, "ike", "child-on-demand") == 0);
    for (const auto& t : r->tunnels) {
        INFO("tunnel " << t.number);
        CHECK(t.sa_replacements == 2);
        CHECK(t.further_sas.empty());  // AWS holds one SA
        CHECK(t.selectors_cgw == fmt::format("169.254.{}.0/30", 9 + t.number));
        CHECK(t.status.up);
    }
    // AWS told the CGW about each SA it dropped: a Delete per replacement, which removed the
    // CGW's SA of that pair.
    CHECK(deletes_of_current_sa(*r) == 2 * 2);
    const auto s = load(testing::policy_based_pairs_toml(version, false));
    CHECK(has_cause(diagnose::diagnose(s, *r), "ipsec.multiple-sa-pairs"));
}

TEST_CASE("run - one SA pair per tunnel: LAN traffic makes the pairs take turns",
          "[run][policy][one-sa-pair]") {
    const int version = GENERATE(1, 2);
    CAPTURE(version);
    const auto text = testing::policy_based_pairs_toml(version, true);
    const auto r = simulate(text);
    REQUIRE(r);
    // Every ping from a LAN whose SA is gone asks for it again (RFC 4301 §5.2).
    CHECK(count(*r, "ike", "child-on-demand") > 100);
    CHECK(count(*r, "ike", "child-replaced") > 100);
    // Intermittent: both LANs lose pings; the one that pings more often gets some through.
    REQUIRE(r->flows.size() == 2);
    for (const auto& f : r->flows) {
        INFO("flow " << f.number);
        CHECK(f.answered < f.sent);
    }
    CHECK(r->flows.front().answered > 0);
    const auto s = load(text);
    const auto d = diagnose::diagnose(s, *r);
    CHECK(has_cause(d, "ipsec.multiple-sa-pairs"));
    CHECK_FALSE(has_cause(d, "ipsec.stale-sa"));  // explained by the turns
    CHECK_FALSE(has_cause(d, "ts.excludes-bgp-peers"));
    CHECK_FALSE(fix::works(s, *r));
}

TEST_CASE("run - one SA pair per tunnel: one 0.0.0.0/0 pair carries BGP and both LANs",
          "[run][policy][one-sa-pair]") {
    const int version = GENERATE(1, 2);
    CAPTURE(version);
    auto s = load(testing::policy_based_pairs_toml(version, true));
    const auto& cat = fix::catalogue();
    const auto any = std::find_if(cat.begin(), cat.end(),
                                  [](const fix::Fix& f) { return f.code == "cgw.proxy-ids-any"; });
    REQUIRE(any != cat.end());
    REQUIRE(any->applicable(s));
    any->apply(s);
    const auto r = run::simulate(s);
    for (const auto& t : r.tunnels) {
        CHECK(t.sa_replacements == 0);
        CHECK(t.status.up);
    }
    CHECK(count(r, "ike", "child-on-demand") == 0);
    for (const auto& f : r.flows) CHECK(f.answered == f.sent);
    CHECK(fix::works(s, r));
}
