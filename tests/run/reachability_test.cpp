// End-to-end reachability (sim/run/reachability): which prefixes are probed, how, and the
// verdict read off a run.
#include <catch2/catch.hpp>

#include "sim/run/reachability.hpp"
#include "sim/run/world.hpp"
#include "sim/scenario/loader.hpp"
#include "tests/run/scenario_text.hpp"

using namespace vpnsim;

namespace {

net::Ipv4Prefix prefix(const char* text) {
    return *net::Ipv4Prefix::parse(text);
}

scenario::Scenario load(const std::string& toml) {
    auto loaded = scenario::load_string(toml, "reachability.toml");
    REQUIRE(loaded.scenario);
    return *loaded.scenario;
}

scenario::Scenario healthy(int prefixes = 1) {
    testing::HealthyParams p;
    p.prefixes = prefixes;
    p.duration = "2m";
    return load(testing::healthy_toml(p));
}

run::FlowResult ping(int sent, int answered, const net::Ipv4Prefix& p) {
    run::FlowResult f;
    f.sent = sent;
    f.delivered = answered;
    f.answered = answered;
    f.probe_for = p;
    return f;
}

}  // namespace

TEST_CASE("reachability - the on-premises prefixes: announced, or routed statically",
          "[run][reachability]") {
    auto s = healthy(0);
    CHECK(run::onprem_prefixes(s).empty());
    s.cgw.bgp.announce = {prefix("10.1.0.0/16"), prefix("10.0.0.0/16"), prefix("10.1.0.0/16")};
    CHECK(run::onprem_prefixes(s) == std::vector{prefix("10.0.0.0/16"), prefix("10.1.0.0/16")});
    // A static VPN adds its static routes; a prefix overlapping the VPC has no host to probe.
    s.aws.routing = scenario::Routing::Static;
    s.aws.static_routes = {prefix("192.168.1.0/24"), prefix("172.31.5.0/24")};
    CHECK(run::onprem_prefixes(s) ==
          std::vector{prefix("10.0.0.0/16"), prefix("10.1.0.0/16"), prefix("192.168.1.0/24")});
}

TEST_CASE("reachability - probe hosts and timing", "[run][reachability]") {
    CHECK(run::probe_host(prefix("10.0.0.0/16")).to_string() == "10.0.0.10");
    CHECK(run::probe_host(prefix("10.0.0.0/28")).to_string() == "10.0.0.10");
    CHECK(run::probe_host(prefix("10.0.0.8/29")).to_string() == "10.0.0.9");
    CHECK(run::probe_host(prefix("10.0.0.4/31")).to_string() == "10.0.0.4");
    CHECK(run::probe_host(prefix("10.0.0.7/32")).to_string() == "10.0.0.7");

    auto s = healthy(2);
    const auto plan = run::probe_plan(s);
    REQUIRE(plan.size() == 2);
    const auto& out = plan[0].to_onprem;
    const auto& back = plan[0].to_vpc;
    CHECK(out.from.to_string() == "172.31.0.10");
    CHECK(out.to.to_string() == "10.0.0.10");
    CHECK((out.from_vpc && !back.from_vpc));
    CHECK((back.from == out.to && back.to == out.from));
    CHECK(out.count == run::kProbePings);
    CHECK(out.start == s.duration - run::kProbeWindow);
    CHECK(out.start + out.interval * (out.count - 1) < s.duration);
    CHECK(plan[1].prefix == prefix("10.1.0.0/16"));
    // A run shorter than twice the window probes in its last half.
    s.duration = sec(10);
    const auto short_plan = run::probe_plan(s);
    CHECK(short_plan[0].to_onprem.start == sec(5));
    CHECK(short_plan[0].to_onprem.start + short_plan[0].to_onprem.interval * 9 < sec(10));

    const auto probed = run::with_probes(s, short_plan);
    CHECK(probed.traffic.size() == s.traffic.size() + 4);
    CHECK(probed.traffic.back().probe_for == prefix("10.1.0.0/16"));
}

TEST_CASE("reachability - a prefix is reached when half the pings come back both ways",
          "[run][reachability]") {
    const auto p = prefix("10.0.0.0/16");
    run::RunResult r;
    run::FlowResult own;
    own.last_ok = true;
    r.flows = {own, ping(10, 5, p), ping(10, 9, p)};
    auto reach = run::reachability(r);
    CHECK(reach.own_flows == 1);
    CHECK(reach.own_ok == 1);
    REQUIRE(reach.probes.size() == 1);
    CHECK(reach.holds());
    r.flows[1] = ping(10, 4, p);
    reach = run::reachability(r);
    CHECK_FALSE(reach.holds());
    CHECK(run::reachability_line(reach) ==
          "reachability: FAILING -- 1 of 1 flow(s) working; 0 of 1 on-premises prefix(es) "
          "reached both ways (unreached: 10.0.0.0/16)");
    r.flows[0].last_ok = false;
    r.flows[1] = ping(10, 10, p);
    CHECK_FALSE(run::reachability(r).holds());  // an own flow failing fails the verdict too
    const run::RunResult empty;
    CHECK_FALSE(run::reachability(empty).checked());
}

TEST_CASE("reachability - simulated: a healthy VPN carries the probes, blocked ESP does not",
          "[run][reachability]") {
    auto s = healthy(2);
    const auto plan = run::probe_plan(s);
    auto r = run::simulate(run::with_probes(s, plan));
    auto reach = run::reachability(r);
    REQUIRE(reach.probes.size() == 2);
    CHECK(reach.holds());
    for (const auto& p : reach.probes) {
        CHECK(p.to_onprem.answered == run::kProbePings);
        CHECK(p.to_vpc.answered == run::kProbePings);
    }
    // Static routing: the tunnels are UP on IPsec alone, while every ESP packet is dropped.
    s.aws.routing = scenario::Routing::Static;
    s.aws.static_routes = s.cgw.bgp.announce;
    s.cgw.bgp.enabled = false;
    s.path.block = {scenario::Block::Esp};
    r = run::simulate(run::with_probes(s, plan));
    CHECK(std::all_of(r.tunnels.begin(), r.tunnels.end(),
                      [](const run::TunnelResult& t) { return t.status.up; }));
    reach = run::reachability(r);
    CHECK(reach.probes_reaching() == 0);
    CHECK_FALSE(reach.holds());
}
