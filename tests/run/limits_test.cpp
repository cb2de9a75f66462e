// Run limits (issue 11): what a run keeps is bounded, and a run stopped by its event budget
// is incomplete -- no verdict, cause or fix is derived from it.
#include <catch2/catch.hpp>

#include <string>

#include "sim/diagnose/diagnose.hpp"
#include "sim/fix/search.hpp"
#include "sim/run/world.hpp"
#include "sim/scenario/loader.hpp"

using namespace vpnsim;

namespace {

scenario::Scenario narrow(SimTime duration) {
    auto r = scenario::load_file(std::string(VPNSIM_SOURCE_DIR) +
                                 "/scenarios/training/ts-cgw-proxy-ids-narrow.toml");
    REQUIRE(r.scenario);
    r.scenario->duration = duration;
    return *r.scenario;
}

}  // namespace

TEST_CASE("run limits - a run stopped by its event budget is incomplete", "[run][limits]") {
    const auto s = narrow(std::chrono::hours(24));
    const auto r = run::simulate(s, run::RunLimits{.event_budget = 1000});
    CHECK_FALSE(r.complete());
    CHECK(r.stats.end_time < s.duration);

    const auto d = diagnose::diagnose(s, r);
    CHECK_FALSE(d.complete);
    CHECK(d.causes.empty());

    const auto f = fix::search(s, 20, 1000);
    CHECK_FALSE(f.complete);
    CHECK(f.minimal.empty());
    CHECK(f.tried.empty());
    CHECK(f.evaluated == 1);
}

TEST_CASE("run limits - the same run with room to finish is judged", "[run][limits]") {
    const auto s = narrow(std::chrono::minutes(3));
    const auto r = run::simulate(s);
    CHECK(r.complete());
    const auto d = diagnose::diagnose(s, r);
    CHECK(d.complete);
    CHECK_FALSE(d.causes.empty());
}

TEST_CASE("run limits - trace and log streams keep at most their limits", "[run][limits]") {
    const auto s = narrow(std::chrono::minutes(3));
    const auto full = run::simulate(s);
    const auto bounded = run::simulate(s, run::RunLimits{.trace_records = 10, .log_events = 1});
    CHECK(bounded.trace.records().size() == 10);
    CHECK(bounded.trace.dropped() == full.trace.records().size() - 10);
    std::size_t kept = 0;
    for (const auto& t : bounded.tunnels) {
        CHECK(t.logs.ike.size() <= 1);
        CHECK(t.logs.bgp.size() <= 1);
        kept += t.logs.ike.size() + t.logs.bgp.size();
    }
    std::size_t all = 0;
    for (const auto& t : full.tunnels) all += t.logs.ike.size() + t.logs.bgp.size();
    CHECK(bounded.log_events_dropped == all - kept);
    // Keeping less changes nothing about the run itself.
    for (std::size_t i = 0; i < full.tunnels.size(); ++i) {
        CHECK(bounded.tunnels[i].status.status() == full.tunnels[i].status.status());
        CHECK(bounded.tunnels[i].status.message == full.tunnels[i].status.message);
    }
    CHECK(bounded.stats.events == full.stats.events);
}
