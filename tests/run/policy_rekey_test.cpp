// Run level: a policy-based CGW's further CHILD_SAs (RFC 7296 §1.3.1) are rekeyed like the
// first one (§1.3.3, §2.8 make-before-break), each by its own soft lifetime, so a run longer
// than the phase 2 lifetime keeps every proxy-ID pair's SA and the BGP sessions.
#include <catch2/catch.hpp>

#include <fmt/format.h>

#include <string>

#include "tests/run/run_support.hpp"
#include "tests/run/scenario_text.hpp"

using namespace vpnsim;
using testing::bgp_history;
using testing::count;
using testing::simulate;

namespace {

// Rekeys started, on either end, of the CHILD_SA whose trace detail mentions `selector`
// (further SAs name their selectors; the first one's rekeys name none).
int rekeys_of(const run::RunResult& r, std::string_view selector) {
    int n = 0;
    for (const auto& rec : r.trace.records()) {
        if (rec.fsm != "ike" || rec.reason != "rekey-initiated") continue;
        const auto text = kernel::format_record(rec);
        const bool further = text.find("further CHILD_SA") != std::string::npos;
        n += selector.empty() ? !further : further && text.find(selector) != std::string::npos;
    }
    return n;
}

}  // namespace

TEST_CASE("run - a policy-based CGW rekeys every CHILD_SA and keeps BGP up",
          "[run][rekey][policy]") {
    const auto r = simulate(testing::policy_based_rekey_toml(2));
    REQUIRE(r);
    // 1 h, lifetime 900 s, margin 270 s with 100 % fuzz on both ends: each end's soft lifetime
    // is 360..630 s after an SA is made, so every SA is rekeyed 5 to 10 times per tunnel.
    const int first = rekeys_of(*r, "");
    CHECK(first >= 2 * 5);
    CHECK(first <= 2 * 10);
    const int lan2 = rekeys_of(*r, "10.1.0.0/16");
    CHECK(lan2 >= 2 * 5);
    CHECK(lan2 <= 2 * 10);
    for (const auto* apipa : {"169.254.10.0/30", "169.254.11.0/30"}) {
        const int n = rekeys_of(*r, apipa);
        CHECK(n >= 5);
        CHECK(n <= 10);
    }
    CHECK(count(*r, "ike", "child-expired") == 0);
    CHECK(count(*r, "ike", "rekey-refused") == 0);
    // make-before-break: every rekey's old SA was deleted by its Delete (the last may still be
    // in flight when the run ends)
    const int rekeys = first + lan2 + rekeys_of(*r, "169.254.1");
    const int deleted = count(*r, "ike", "old-child-deleted");
    CHECK(deleted >= rekeys - 1);
    CHECK(deleted <= rekeys);
    for (std::size_t i = 0; i < r->tunnels.size(); ++i) {
        INFO("tunnel " << i + 1);
        CHECK(r->tunnels[i].status.up);
        const auto h = bgp_history(*r, fmt::format("aws-t{}", i + 1));
        CHECK(h.entered == 1);
        CHECK(h.left == 0);
    }
    // The first BGP SYNs precede the APIPA CHILD_SA; after that no packet misses its SA.
    int late_mismatch = 0;
    for (const auto& rec : r->trace.records()) {
        const bool mismatch = rec.reason == "selector-mismatch" ||
                              rec.reason == "inbound-selector-mismatch" || rec.reason == "no-sa";
        late_mismatch += mismatch && rec.t > sec(60);
    }
    CHECK(late_mismatch == 0);
}
