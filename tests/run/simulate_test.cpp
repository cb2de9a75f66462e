#include <rapidcheck.h>
#include <rapidcheck/catch.h>
#include <catch2/catch.hpp>

#include "sim/report/aws_json.hpp"
#include "sim/report/text.hpp"
#include "sim/run/world.hpp"
#include "sim/scenario/loader.hpp"
#include "tests/run/healthy_gen.hpp"
#include "tests/run/scenario_text.hpp"

using namespace vpnsim;
using testing::HealthyParams;

namespace {

scenario::Scenario load(const std::string& text) {
    auto r = scenario::load_string(text, "generated.toml");
    for (const auto& d : r.diagnostics) UNSCOPED_INFO(d.to_string());
    REQUIRE(r.scenario);
    return *r.scenario;
}

std::string everything(const scenario::Scenario& s) {
    const auto r = run::simulate(s);
    return report::tunnel_table(s, r) + report::describe_vpn_connections(s, r, true);
}

}  // namespace

TEST_CASE("run - the same scenario and seed give byte-identical output", "[run][determinism]") {
    const auto s = load(testing::healthy_toml({}));
    CHECK(everything(s) == everything(s));
    auto other = s;
    other.seed = 2;
    CHECK(everything(other) != everything(s));  // SPIs and ports come from the seed
}

TEST_CASE("run - a healthy dynamic VPN comes UP with the announced routes", "[run]") {
    HealthyParams p;
    p.prefixes = 3;
    const auto r = run::simulate(load(testing::healthy_toml(p)));
    REQUIRE(r.tunnels.size() == 2);
    for (const auto& t : r.tunnels) {
        CHECK(t.status.status() == "UP");
        CHECK(t.status.message == "3 BGP ROUTES");
        CHECK(t.bgp_state == "Established");
        CHECK(t.selectors_aws == "0.0.0.0/0");
        CHECK(t.logs.ike.size() >= 2);
    }
}

TEST_CASE("run - narrow CGW selectors: IPSEC IS UP, tunnel DOWN, drops in the trace", "[run]") {
    HealthyParams p;
    p.cgw_local_ts = "10.0.0.0/16";
    const auto r = run::simulate(load(testing::healthy_toml(p)));
    for (const auto& t : r.tunnels) {
        CHECK(t.status.status() == "DOWN");
        CHECK(t.status.message == "IPSEC IS UP");
        CHECK(t.selectors_cgw == "10.0.0.0/16");
        CHECK(t.bgp_state != "Established");
    }
    const auto trace = r.trace.render();
    CHECK(trace.find("reason=selector-mismatch outbound tcp 169.254.10.1") != std::string::npos);
    CHECK(trace.find("(AWS-side) 0.0.0.0/0 <=> (CGW-side) 10.0.0.0/16") != std::string::npos);
}

TEST_CASE("run - NAT-T carries IKE and ESP across a PAT", "[run][nat]") {
    HealthyParams p;
    p.nat = "pat";
    p.ike_version = GENERATE(1, 2);  // IKEv1: RFC 3947; IKEv2: RFC 7296 §2.23
    CAPTURE(p.ike_version);
    const auto r = run::simulate(load(testing::healthy_toml(p)));
    for (const auto& t : r.tunnels) {
        CHECK(t.nat_t_detected);
        CHECK(t.status.status() == "UP");
    }
}

TEST_CASE("run - properties of healthy configurations", "[run][prop]") {
    rc::prop("a healthy configuration comes UP within 10 s of simulated time", [] {
        auto p = vpnsim::testing::any_healthy(0, 399);
        p.prefixes = *rc::gen::inRange(0, 6);
        // IKEv1 too: behind a NAT or PAT, NAT-T (RFC 3947) must carry its ESP across.
        p.ike_version = *rc::gen::element(1, 2);
        p.duration = "20s";
        const auto text = testing::healthy_toml(p);
        auto loaded = scenario::load_string(text, "generated.toml");
        RC_ASSERT(loaded.scenario.has_value());
        const auto r = run::simulate(*loaded.scenario);
        for (const auto& t : r.tunnels) {
            RC_ASSERT(t.status.up);
            RC_ASSERT(t.bgp_up_at.has_value());
            RC_ASSERT(*t.bgp_up_at <= sec(10));
            RC_ASSERT(t.accepted_routes == static_cast<std::size_t>(p.prefixes));
        }
    });
}
