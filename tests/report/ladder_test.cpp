// The report's pieces: the capture (it must not change a run), the ladder (every packet and
// every drop of a tunnel drawn), the timeline, the packet fields, the HTML page's links.
#include <catch2/catch.hpp>

#include <algorithm>
#include <regex>
#include <set>

#include "sim/report/html_report.hpp"
#include "sim/report/ladder.hpp"
#include "sim/report/replay.hpp"
#include "sim/report/timeline.hpp"
#include "sim/report/wire_fields.hpp"
#include "sim/run/world.hpp"
#include "tests/scenario/scenario_test_util.hpp"

namespace {

using namespace vpnsim;

scenario::Scenario bundled(const std::string& rel) {
    auto r = scenario::testing::load_bundled(std::filesystem::path(VPNSIM_SOURCE_DIR) / rel);
    REQUIRE(r.scenario);
    return *r.scenario;
}

std::string trace_text(const run::RunResult& r) {
    return r.trace.render();
}

}  // namespace

TEST_CASE("a capture does not change the run it watches", "[report][capture]") {
    for (const auto* rel : {"scenarios/training/accel-without-nat-t.toml",
                            "scenarios/training/ikev1-pat-no-nat-t-fixed.toml",
                            "scenarios/training/path-heavy-loss.toml",
                            "scenarios/training/firewall-udp-4500-blocked.toml"}) {
        CAPTURE(rel);
        const auto s = run::with_probes(bundled(rel));
        const auto plain = run::simulate(s);
        run::Capture c;
        run::World w(s);
        w.capture_into(c);
        const auto watched = w.run();
        CHECK(trace_text(plain) == trace_text(watched));
        CHECK(plain.stats.events == watched.stats.events);
        CHECK_FALSE(c.hops.empty());
        CHECK_FALSE(c.changes.empty());
    }
}

TEST_CASE("the ladder draws every packet of the tunnel and every drop", "[report][ladder]") {
    const auto r = report::replay(bundled("scenarios/training/accel-without-nat-t.toml"), {}, 0);
    const auto l = report::build_ladder(r->scenario, r->capture, r->result.trace, 1, {}, 100000);
    REQUIRE(l.columns.size() == 2);
    CHECK(l.columns.front().starts_with("CGW"));
    CHECK(l.columns.back().starts_with("AWS tunnel 1"));
    const auto has = [&](std::string_view label, int from, int to) {
        return std::any_of(l.rows.begin(), l.rows.end(), [&](const report::LadderRow& row) {
            return row.kind == report::LadderRow::Kind::Packet && row.label == label &&
                   row.from == from && row.to == to;
        });
    };
    CHECK(has("IKE_SA_INIT request", 0, 1));
    CHECK(has("IKE_SA_INIT response", 1, 0));
    CHECK(has("IKE_AUTH response", 1, 0));
    // The CGW's raw ESP is dropped by AWS, AWS's UDP-encapsulated ESP by the CGW.
    std::set<std::string> reasons;
    for (const auto& row : l.rows) {
        if (row.dropped) reasons.insert(row.reason);
        if (row.kind == report::LadderRow::Kind::Packet && row.dropped) {
            CHECK(row.records.size() == 1);
        }
    }
    CHECK(reasons.count("accelerated-requires-nat-t") == 1);
    CHECK(reasons.count("udp-encapsulated-esp-without-nat-t") == 1);
    // Every drop record of this tunnel's devices is on the ladder: on its packet or as a mark.
    std::set<std::size_t> drawn;
    for (const auto& row : l.rows) drawn.insert(row.records.begin(), row.records.end());
    const auto& records = r->result.trace.records();
    for (std::size_t i = 0; i < records.size(); ++i) {
        if (records[i].event != "drop") continue;
        if (records[i].node != "cgw-t1" && records[i].node != "aws-t1") continue;
        CAPTURE(kernel::format_record(records[i]));
        CHECK(drawn.count(i) == 1);
    }
    // Rows in time order.
    CHECK(std::is_sorted(l.rows.begin(), l.rows.end(),
                         [](const auto& a, const auto& b) { return a.t < b.t; }));
}

TEST_CASE("the ladder shows the boxes on the path and honours the window", "[report][ladder]") {
    const auto r =
        report::replay(bundled("scenarios/training/firewall-udp-4500-blocked.toml"), {}, 0);
    const report::TimeWindow w{sec(1), sec(30)};
    const auto l = report::build_ladder(r->scenario, r->capture, r->result.trace, 1, w, 100000);
    CHECK(std::find(l.columns.begin(), l.columns.end(), "Firewall") != l.columns.end());
    REQUIRE_FALSE(l.rows.empty());
    for (const auto& row : l.rows) CHECK(w.contains(row.t));
    const bool firewall_drop = std::any_of(l.rows.begin(), l.rows.end(), [](const auto& row) {
        return row.dropped && row.reason.starts_with("firewall");
    });
    CHECK(firewall_drop);
    const auto capped = report::build_ladder(r->scenario, r->capture, r->result.trace, 1, w, 5);
    CHECK(capped.rows.size() == 5);
    CHECK(capped.rows_not_shown == l.rows.size() - 5);
    CHECK(report::ladder_svg(capped, true).find("more rows not shown") != std::string::npos);
}

TEST_CASE("the timeline has a lane per machine and ends in the run's final states",
          "[report][timeline]") {
    const auto broken =
        report::replay(bundled("scenarios/training/accel-without-nat-t.toml"), {}, 0);
    const auto fixed =
        report::replay(bundled("scenarios/training/accel-without-nat-t-fixed.toml"), {}, 0);
    const auto last_state = [](const report::Replay& r, std::string_view node,
                               std::string_view machine) {
        const auto lanes = report::timeline_lanes(r.capture, r.result.stats.end_time, {});
        for (const auto& l : lanes) {
            if (l.node == node && l.machine == machine) {
                REQUIRE_FALSE(l.spans.empty());
                return l.spans.back().state;
            }
        }
        FAIL("no lane " << node << " " << machine);
        return std::string();
    };
    const auto lanes = report::timeline_lanes(broken->capture, broken->result.stats.end_time, {});
    CHECK(lanes.size() == 2 * 4 + 2 * 5);  // two CGW ends, two AWS ends with their Status
    CHECK(last_state(*broken, "aws-t1", "BGP") != "Established");
    CHECK(last_state(*broken, "aws-t1", "CHILD_SA") == "established");
    CHECK(last_state(*broken, "aws-t1", "Status") == "DOWN (IPSEC IS UP)");
    CHECK(last_state(*fixed, "aws-t1", "BGP") == "Established");
    CHECK(last_state(*fixed, "aws-t1", "Status").starts_with("UP"));
    // Spans tile the run without gaps.
    for (const auto& l : lanes) {
        for (std::size_t i = 1; i < l.spans.size(); ++i)
            CHECK(l.spans[i].from == l.spans[i - 1].to);
    }
    const auto svg = report::timeline_svg(lanes, {});
    CHECK(svg.find("data-state=\"Established\"") == std::string::npos);  // BGP never got there
}

TEST_CASE("a packet's fields name its payloads", "[report][fields]") {
    const auto r =
        report::replay(bundled("scenarios/training/accel-without-nat-t-fixed.toml"), {}, 0);
    std::set<std::string> names;
    std::string all;
    for (const auto& p : r->capture.trips) {
        for (const auto& [k, v] : report::wire_fields(p)) {
            names.insert(k);
            all += k + ": " + v + "\n";
        }
    }
    for (const auto* n :
         {"outer", "IKE", "SPIi / SPIr", "SA", "KE", "TSi", "TSr", "ESP", "inner", "TCP", "BGP"}) {
        CAPTURE(n);
        CHECK(names.count(n) == 1);
    }
    CHECK(all.find("NAT_DETECTION_SOURCE_IP") != std::string::npos);
    CHECK(all.find("BGP: OPEN as 65000") != std::string::npos);
    CHECK(all.find("(UDP-encapsulated, RFC 3948)") != std::string::npos);
}

TEST_CASE("every evidence link of the page has its target, and the page is deterministic",
          "[report][html]") {
    const auto s = bundled("scenarios/training/accel-without-nat-t.toml");
    const auto render = [&] {
        const auto r = report::replay(s, {}, 20);
        report::ReportRun run{"",          &r->scenario,  &r->result,
                              &r->capture, &r->diagnosis, r->fixes ? &*r->fixes : nullptr};
        return report::html_report({run}, {});
    };
    const auto html = render();
    CHECK(html == render());
    const std::regex link(R"re(class="ev" href="#(run1-rec-[0-9]+)")re");
    std::size_t links = 0;
    for (auto it = std::sregex_iterator(html.begin(), html.end(), link);
         it != std::sregex_iterator(); ++it) {
        ++links;
        CHECK(html.find("id=\"" + (*it)[1].str() + "\"") != std::string::npos);
    }
    CHECK(links > 0);
    for (const auto* part : {"<svg", "class=\"timeline\"", "accel.nat-t-required",
                             "cgw.enable-nat-t", "AWS tunnel Phase 2 SA"}) {
        CAPTURE(part);
        CHECK(html.find(part) != std::string::npos);
    }
    CHECK(html.find("http://") == html.find("http://www.w3.org/2000/svg"));  // no fetches
    CHECK(html.find("https://") == std::string::npos);
}

TEST_CASE("a full capture counts what it does not keep, and what it keeps stays consistent",
          "[report][capture]") {
    const auto s = run::with_probes(bundled("scenarios/training/accel-without-nat-t-fixed.toml"));
    for (const std::size_t max : {1U, 7U, 40U}) {
        CAPTURE(max);
        run::Capture c(max);
        run::World w(s);
        w.capture_into(c);
        const auto r = w.run();
        CHECK(c.hops.size() <= max);
        CHECK(c.trips.size() <= max);
        CHECK(c.hops_not_kept > 0);
        for (const auto& h : c.hops) {
            REQUIRE(h.trip < c.trips.size());
            // A hop's packet is its trip's: the same AWS endpoint at one end or the other.
            const auto& p = c.trips[h.trip];
            CHECK((p.src == h.brief.src || p.dst == h.brief.dst || p.src == h.brief.dst ||
                   p.dst == h.brief.src));
        }
        const auto l = report::build_ladder(s, c, r.trace, 1, {}, 100000);
        CHECK_FALSE(report::ladder_svg(l, true).empty());
    }
}
