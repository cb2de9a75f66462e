// Fuzz harness: whatever loads is run, diagnosed and reported (issue 11, "Fuzzing in the
// project"). A scenario that loads is simulated for at most an hour and 20 000 events -- enough
// for IKE, BGP, rekeys, DPD and a few [[change]]s, few enough that the sanitized fuzz build
// still runs about a hundred inputs a second -- with the built-in reachability probes, as
// `vpnsim diagnose` runs it; then diagnosed, and every report is rendered: the tunnel table
// and its notes (an incomplete run must say so), the describe-vpn-connections JSON with its
// trace, the diagnosis as text and JSON, the [expect] check, the rendered trace and the AWS
// log lines. Built like loader_fuzz.cpp.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "sim/diagnose/diagnose.hpp"
#include "sim/report/aws_json.hpp"
#include "sim/report/diagnosis.hpp"
#include "sim/report/expect.hpp"
#include "sim/report/text.hpp"
#include "sim/run/reachability.hpp"
#include "sim/run/world.hpp"
#include "sim/scenario/loader.hpp"
#include "tests/fuzz/fuzz_check.hpp"

namespace {

using namespace vpnsim;

constexpr SimTime kMaxDuration = sec(3600);
constexpr std::uint64_t kEventBudget = 20'000;

void run_and_report(scenario::Scenario& s) {
    s.duration = std::min(s.duration, kMaxDuration);
    s = run::with_probes(s);  // as `diagnose` runs it: the built-in reachability probes
    run::RunLimits limits;
    limits.event_budget = kEventBudget;
    const auto r = run::simulate(s, limits);
    VPNSIM_FUZZ_CHECK(r.tunnels.size() == s.aws.tunnels.size());
    VPNSIM_FUZZ_CHECK(r.flows.size() == s.traffic.size());
    const auto reach = run::reachability(r);
    VPNSIM_FUZZ_CHECK(reach.own_flows + 2 * reach.probes.size() == r.flows.size());
    VPNSIM_FUZZ_CHECK(!run::reachability_line(reach).empty());
    const auto d = diagnose::diagnose(s, r);
    VPNSIM_FUZZ_CHECK(!report::tunnel_table(s, r).empty());
    VPNSIM_FUZZ_CHECK(r.complete() || !report::run_notes(s, r).empty());
    VPNSIM_FUZZ_CHECK(!report::describe_vpn_connections(s, r, true).empty());
    VPNSIM_FUZZ_CHECK(!report::diagnosis_text(s, r, d).empty());
    VPNSIM_FUZZ_CHECK(!report::diagnosis_json(s, r, d).empty());
    (void)report::check_expectations(s, r);
    VPNSIM_FUZZ_CHECK(r.trace.render().size() >= r.trace.records().size());
    for (const auto& t : r.tunnels) {
        for (const auto& e : t.logs.ike) (void)report::ike_log_line(e);
        for (const auto& e : t.logs.bgp) (void)report::bgp_log_line(e, r.vpn_id);
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    auto loaded = scenario::load_string(text, fuzz::kLabel);
    fuzz::check_load(loaded);
    if (loaded.scenario) run_and_report(*loaded.scenario);
    return 0;
}
