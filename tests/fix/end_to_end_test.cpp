// A fix works end to end or not at all (issue 12 §1): tunnels UP is not enough, traffic must
// flow both ways between the VPC and every on-premises prefix.
#include <catch2/catch.hpp>

#include <algorithm>

#include "sim/fix/search.hpp"
#include "sim/report/expect.hpp"
#include "sim/run/world.hpp"
#include "sim/scenario/loader.hpp"
#include "sim/scenario/writer.hpp"
#include "tests/run/scenario_text.hpp"
#include "tests/scenario/scenario_test_util.hpp"

using namespace vpnsim;

namespace {

const fix::Fix& find_fix(std::string_view code) {
    const auto& cat = fix::catalogue();
    return *std::find_if(cat.begin(), cat.end(), [&](const fix::Fix& f) { return f.code == code; });
}

bool mentions(const fix::Candidate& c, std::string_view code) {
    return std::any_of(c.fixes.begin(), c.fixes.end(),
                       [&](std::size_t i) { return fix::catalogue()[i].code == code; });
}

scenario::Scenario load_bundled(const std::string& relative) {
    auto loaded = scenario::load_file(std::string(VPNSIM_SOURCE_DIR) + "/" + relative);
    REQUIRE(loaded.scenario);
    return *loaded.scenario;
}

}  // namespace

TEST_CASE("fix - a static recreate is no fix while ESP is blocked, though its tunnels are UP",
          "[fix][reachability]") {
    const auto s = load_bundled("scenarios/training/firewall-esp-blocked.toml");
    const auto found = fix::search(s);
    REQUIRE(found.probes.size() == 1);
    CHECK_FALSE(found.before_reach.holds());
    REQUIRE_FALSE(found.minimal.empty());
    for (const auto& m : found.minimal) CHECK_FALSE(mentions(m, "aws.recreate-vpn-static"));
    const auto recreated = std::find_if(found.tried.begin(), found.tried.end(), [](const auto& c) {
        return c.fixes.size() == 2 && mentions(c, "aws.recreate-vpn-static") &&
               mentions(c, "cgw.repoint-peers");
    });
    REQUIRE(recreated != found.tried.end());
    CHECK(std::all_of(recreated->outcome.begin(), recreated->outcome.end(),
                      [](const fix::TunnelOutcome& o) { return o.status == "UP"; }));
    CHECK(recreated->reach.probes_reaching() == 0);
}

TEST_CASE("fix - the static recreate is a complete static design, within AWS's quota",
          "[fix][reachability]") {
    testing::HealthyParams p;
    p.prefixes = 3;
    auto loaded = scenario::load_string(testing::healthy_toml(p), "healthy.toml");
    REQUIRE(loaded.scenario);
    auto s = *loaded.scenario;
    const auto& recreate = find_fix("aws.recreate-vpn-static");
    REQUIRE(recreate.applicable(s));
    auto v = s;
    recreate.apply(v);
    CHECK(v.aws.routing == scenario::Routing::Static);
    CHECK(v.aws.static_routes == s.cgw.bgp.announce);
    CHECK_FALSE(v.cgw.bgp.enabled);  // static routes on the CGW, not a BGP session to nowhere
    CHECK(v.aws.tunnels[0].outside_ip != s.aws.tunnels[0].outside_ip);

    auto none = s;
    none.cgw.bgp.announce.clear();
    CHECK_FALSE(recreate.applicable(none));  // no LAN to route statically

    auto many = s;
    many.cgw.bgp.announce.clear();
    for (std::uint32_t i = 0; i <= scenario::kMaxVgwStaticRoutes; ++i) {
        many.cgw.bgp.announce.push_back(net::Ipv4Prefix{net::Ipv4Addr{(10U << 24) | (i << 8)}, 24});
    }
    CHECK_FALSE(recreate.applicable(many));  // 101 static routes: over a VGW's quota
    many.aws.gateway = scenario::GatewayType::Tgw;
    CHECK(recreate.applicable(many));
}

TEST_CASE("loader - more than 100 static routes on a virtual private gateway is an error",
          "[scenario][reachability]") {
    std::string routes;
    for (int i = 0; i <= 100; ++i) {
        routes += fmt::format("{}\"10.{}.{}.0/24\"", i == 0 ? "" : ", ", i / 256, i % 256);
    }
    const auto doc =
        scenario::testing::document("[aws]\nrouting = \"static\"\nstatic_routes = [" + routes +
                                    "]\n[[aws.tunnel]]\noutside_ip = \"203.0.113.10\"\n");
    const auto r = scenario::load_string(doc, "quota.toml");
    CHECK_FALSE(r.scenario);
    REQUIRE_FALSE(r.diagnostics.empty());
    CHECK_THAT(r.diagnostics.front().message,
               Catch::Contains("at most 100 static routes") && Catch::Contains("got 101"));
}

// Every bundled scenario: each fix set `fix` reports, applied as `fix --apply` writes it (TOML,
// probes as [[traffic]]) and replayed as `vpnsim run` would, brings every probe through and
// meets the [expect] written from its verifying run.
TEST_CASE("fix - every reported fix set, applied and replayed, carries traffic end to end",
          "[fix][reachability][catalogue]") {
    std::size_t sets = 0;
    for (const auto& path : scenario::testing::bundled_scenario_paths()) {
        CAPTURE(path.string());
        auto loaded = scenario::testing::load_bundled(path);
        REQUIRE(loaded.scenario);
        const auto found = fix::search(*loaded.scenario);
        REQUIRE(found.complete);
        for (const auto& m : found.minimal) {
            if (m.fixes.empty()) continue;
            CAPTURE(fix::codes(m.fixes));
            const auto text = scenario::to_toml(fix::fixed_scenario(*loaded.scenario, found, m));
            auto fixed = scenario::load_string(text, "fixed.toml");
            REQUIRE(fixed.scenario);
            const auto r = run::simulate(*fixed.scenario);
            CHECK(report::check_expectations(*fixed.scenario, r).empty());
            // Written down, the probes are plain flows: each must have half its pings back.
            CHECK(r.flows.size() == loaded.scenario->traffic.size() + 2 * found.probes.size());
            for (const auto& f : r.flows) {
                CAPTURE(f.number);
                CHECK((f.last_ok || (f.ping && 2 * f.answered >= f.sent)));
            }
            ++sets;
        }
    }
    CHECK(sets > 30);
}
