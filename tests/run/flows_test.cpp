// [[traffic]] flows across both tunnels (sim/run/flows): AWS's route choice per tunnel, the
// CGW's own choice for its traffic, its stateful firewall on asymmetric routes, TGW ECMP.
#include <rapidcheck.h>
#include <rapidcheck/catch.h>
#include <catch2/catch.hpp>

#include <algorithm>
#include <array>

#include "sim/diagnose/diagnose.hpp"
#include "sim/fix/search.hpp"
#include "sim/report/aws_json.hpp"
#include "sim/report/expect.hpp"
#include "sim/report/text.hpp"
#include "sim/run/world.hpp"
#include "sim/scenario/loader.hpp"
#include "tests/run/scenario_text.hpp"

using namespace vpnsim;

namespace {

scenario::Scenario healthy(const std::string& duration = "90s") {
    testing::HealthyParams p;
    p.duration = duration;
    auto r = scenario::load_string(testing::healthy_toml(p), "generated.toml");
    for (const auto& d : r.diagnostics) UNSCOPED_INFO(d.to_string());
    REQUIRE(r.scenario);
    return *r.scenario;
}

scenario::Flow flow(const char* from, const char* to, int count = 10) {
    scenario::Flow f;
    f.from = *net::Ipv4Addr::parse(from);
    f.to = *net::Ipv4Addr::parse(to);
    f.from_vpc = f.from.value >> 16 == ((172U << 8) | 31U);
    f.start = sec(10);
    f.interval = sec(5);
    f.count = count;
    return f;
}

std::size_t count_lines(const run::RunResult& r, std::string_view needle) {
    const auto text = r.trace.render();
    std::size_t n = 0;
    for (auto pos = text.find(needle); pos != std::string::npos; pos = text.find(needle, pos + 1))
        ++n;
    return n;
}

}  // namespace

TEST_CASE("flows - none by default: no hosts, no flow records", "[run][traffic]") {
    const auto s = healthy();
    const auto r = run::simulate(s);
    CHECK(r.flows.empty());
    CHECK(count_lines(r, "fsm=flow") == 0);
    CHECK(report::tunnel_table(s, r).find("FLOW") == std::string::npos);
    CHECK(report::describe_vpn_connections(s, r, false).find("\"Flows\"") == std::string::npos);
}

TEST_CASE("flows - AWS prefers the tunnel with the lower MED", "[run][traffic]") {
    auto s = healthy();
    s.traffic = {flow("172.31.1.10", "10.0.1.5")};
    SECTION("equal routes: the lower outside IP, tunnel 1, both ways") {
        const auto r = run::simulate(s);
        REQUIRE(r.flows.size() == 1);
        CHECK(r.flows[0].answered == 10);
        CHECK(r.flows[0].last_ok);
        CHECK(r.tunnels[0].flow_to_cgw == 10);
        CHECK(r.tunnels[0].flow_to_aws == 10);
        CHECK(r.tunnels[1].flow_to_cgw + r.tunnels[1].flow_to_aws == 0);
        CHECK(count_lines(r,
                          "node=vgw fsm=route path reason=tie-break flow 1 to 10.0.1.5: "
                          "tunnel 1") == 1);
    }
    SECTION("MED 200 on tunnel 1, 100 on tunnel 2: AWS sends over tunnel 2") {
        s.cgw.tunnels[0].med = 200;
        s.cgw.tunnels[1].med = 100;
        const auto r = run::simulate(s);
        CHECK(r.flows[0].answered == 10);
        CHECK(r.tunnels[1].flow_to_cgw == 10);
        CHECK(r.tunnels[0].flow_to_aws == 10);  // the CGW still answers over its tunnel 1
        CHECK(count_lines(r, "reason=lowest-med flow 1 to 10.0.1.5: tunnel 2") == 1);
    }
    SECTION("an AS_PATH prepend on tunnel 1 does the same") {
        s.cgw.tunnels[0].as_path_prepend = std::vector<std::uint32_t>{65000, 65000};
        const auto r = run::simulate(s);
        CHECK(r.tunnels[1].flow_to_cgw == 10);
        CHECK(count_lines(r, "reason=shortest-as-path flow 1 to 10.0.1.5: tunnel 2") == 1);
    }
    SECTION("the CGW's local preference picks its own tunnel") {
        s.cgw.tunnels[1].local_pref = 200;
        const auto r = run::simulate(s);
        CHECK(r.tunnels[0].flow_to_cgw == 10);
        CHECK(r.tunnels[1].flow_to_aws == 10);
        CHECK(count_lines(r,
                          "node=cgw fsm=route path reason=local-pref flow 1 to 172.31.1.10: "
                          "tunnel 2") == 1);
    }
    SECTION("no route: a destination the CGW does not announce") {
        s.traffic = {flow("172.31.1.10", "192.168.1.1", 2)};
        const auto r = run::simulate(s);
        CHECK(r.flows[0].delivered == 0);
        CHECK(r.flows[0].dropped == 2);
        CHECK(count_lines(r, "node=vgw fsm=flow drop reason=no-route") == 2);
    }
}

TEST_CASE("flows - the CGW's stateful firewall and asymmetric routing", "[run][traffic]") {
    auto s = healthy();
    s.cgw.tunnels[0].med = 200;
    s.cgw.tunnels[1].med = 100;
    s.traffic = {flow("10.0.1.5", "172.31.1.10")};
    SECTION("allowed (the default): requests on tunnel 1, replies on tunnel 2") {
        const auto r = run::simulate(s);
        CHECK(r.flows[0].answered == 10);
        CHECK(r.tunnels[0].flow_to_aws == 10);
        CHECK(r.tunnels[1].flow_to_cgw == 10);
        CHECK(fix::works(s, r));
    }
    SECTION("dropped: every reply lost; diagnosed, and fixed by allowing it") {
        s.cgw.asymmetric_routing = scenario::AsymmetricRouting::Drop;
        const auto r = run::simulate(s);
        CHECK(r.flows[0].delivered == 10);
        CHECK(r.flows[0].answered == 0);
        CHECK_FALSE(r.flows[0].last_ok);
        CHECK(count_lines(r, "node=cgw-t2 fsm=flow drop reason=asymmetric-route") == 10);
        CHECK(std::all_of(r.tunnels.begin(), r.tunnels.end(),
                          [](const auto& t) { return t.status.up; }));
        CHECK_FALSE(fix::works(s, r));
        const auto d = diagnose::diagnose(s, r);
        REQUIRE(d.causes.size() == 1);
        CHECK(d.causes[0].code == "route.asymmetric-dropped-by-cgw");
        CHECK(d.causes[0].tunnels == std::vector<int>{2});
        s.expect = scenario::Expect{};
        s.expect->flows = {scenario::ExpectFlow{std::string("ok"), 10, 10, 7}};
        CHECK(report::check_expectations(s, r) ==
              std::vector<std::string>{
                  "generated.toml:7: expect.flows[0] (flow 1 10.0.1.5 -> 172.31.1.10): result: "
                  "expected \"ok\", got \"failing\"",
                  "generated.toml:7: expect.flows[0] (flow 1 10.0.1.5 -> 172.31.1.10): answered: "
                  "expected 10, got 0"});
    }
    SECTION("dropped, but the CGW prefers the tunnel AWS prefers: symmetric, nothing lost") {
        s.cgw.asymmetric_routing = scenario::AsymmetricRouting::Drop;
        s.cgw.tunnels[1].local_pref = 150;
        const auto r = run::simulate(s);
        CHECK(r.flows[0].answered == 10);
        CHECK(count_lines(r, "asymmetric-route") == 0);
    }
}

TEST_CASE("flows - ECMP on a transit gateway spreads flows over both tunnels", "[run][traffic]") {
    auto s = healthy("60s");
    s.aws.gateway = scenario::GatewayType::Tgw;
    s.traffic.clear();
    for (int i = 1; i <= 8; ++i) {
        const auto to = fmt::format("10.0.2.{}", i);
        s.traffic.push_back(flow("172.31.1.10", to.c_str(), 2));
    }
    const auto without = run::simulate(s);
    CHECK(without.tunnels[1].flow_to_cgw == 0);  // no ECMP: one preferred tunnel
    s.aws.ecmp = true;
    const auto with = run::simulate(s);
    CHECK(with.tunnels[0].flow_to_cgw > 0);
    CHECK(with.tunnels[1].flow_to_cgw > 0);
    CHECK(with.tunnels[0].flow_to_cgw + with.tunnels[1].flow_to_cgw == 16);
    CHECK(count_lines(with, "reason=ecmp") == 8);  // one path per flow: it never moves
    // Same scenario, same seed: the same spread, byte for byte.
    CHECK(run::simulate(s).trace.render() == with.trace.render());
}

TEST_CASE("flows - static routing: AWS uses the connection's static routes", "[run][traffic]") {
    auto s = healthy();
    s.aws.routing = scenario::Routing::Static;
    s.aws.static_routes = {*net::Ipv4Prefix::parse("10.0.0.0/16")};
    s.cgw.bgp.enabled = false;
    s.traffic = {flow("172.31.1.10", "10.0.1.5", 4), flow("10.0.1.5", "172.31.1.10", 4)};
    const auto r = run::simulate(s);
    REQUIRE(r.flows.size() == 2);
    CHECK(r.flows[0].answered == 4);
    CHECK(r.flows[1].answered == 4);
    CHECK(r.tunnels[0].flow_to_cgw == 8);  // tie-break: the lower outside IP
}

TEST_CASE("flows - properties", "[run][traffic][prop]") {
    const auto base = healthy("40s");
    rc::prop(
        "with both tunnels UP, AWS carries a flow over the tunnel with the shorter AS_PATH, "
        "then the lower MED, then the lower outside IP; the CGW over its higher local_pref",
        [&] {
            auto s = base;
            std::array<std::uint32_t, 2> med{}, prepend{}, pref{};
            for (std::size_t i = 0; i < 2; ++i) {
                med[i] = *rc::gen::elementOf(std::vector<std::uint32_t>{0, 100, 200});
                prepend[i] = *rc::gen::inRange<std::uint32_t>(0, 3);
                pref[i] = *rc::gen::elementOf(std::vector<std::uint32_t>{100, 200});
                s.cgw.tunnels[i].med = med[i];
                s.cgw.tunnels[i].as_path_prepend = std::vector<std::uint32_t>(prepend[i], 65000);
                s.cgw.tunnels[i].local_pref = pref[i];
            }
            const bool from_vpc = *rc::gen::arbitrary<bool>();
            s.traffic = {from_vpc ? flow("172.31.1.10", "10.0.1.5", 3)
                                  : flow("10.0.1.5", "172.31.1.10", 3)};
            const auto r = run::simulate(s);
            const std::size_t aws = prepend[0] != prepend[1] ? (prepend[0] < prepend[1] ? 0 : 1)
                                    : med[0] != med[1]       ? (med[0] < med[1] ? 0 : 1)
                                                             : 0;
            const std::size_t cgw = pref[1] > pref[0] ? 1 : 0;
            RC_ASSERT(r.flows.at(0).answered == 3);
            RC_ASSERT(r.tunnels[aws].flow_to_cgw == 3);
            RC_ASSERT(r.tunnels[cgw].flow_to_aws == 3);
        });
}
