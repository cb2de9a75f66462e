// The round trip: every bundled scenario, run, and rendered as `vpnsim run --format json`
// renders it (report::describe_vpn_connections), imports back to the same [aws] -- but for what
// a describe-vpn-connections document cannot carry, AWS's no more than vpnsim's. And the
// scenario `vpnsim import` builds around an imported connection loads, and comes UP.
#include <catch2/catch.hpp>

#include "sim/import/generic_cgw.hpp"
#include "sim/report/aws_json.hpp"
#include "sim/run/world.hpp"
#include "sim/scenario/writer.hpp"
#include "tests/import/import_test_util.hpp"
#include "tests/scenario/scenario_test_util.hpp"

using namespace vpnsim;
using namespace vpnsim::import::testing;
using scenario::Aws;

namespace {

// The [aws] section alone, as the writer writes it: a readable difference when one fails.
std::string aws_text(const Aws& aws) {
    scenario::Scenario s;
    s.aws = aws;
    const auto all = scenario::to_toml(s);
    return all.substr(all.find("[aws]"), all.find("[cgw]") - all.find("[aws]"));
}

}  // namespace

TEST_CASE("import - round trip: each bundled scenario's run --format json imports to its AWS side",
          "[import][round-trip]") {
    const auto paths = scenario::testing::bundled_scenario_paths();
    REQUIRE(paths.size() > 50);
    for (const auto& path : paths) {
        INFO(path.string());
        auto loaded = scenario::testing::load_bundled(path);
        REQUIRE(loaded.scenario);
        const auto& s = *loaded.scenario;
        const auto result = run::simulate(s);
        const auto back = imported(report::describe_vpn_connections(s, result, false));
        REQUIRE(back.connections.size() == 1);
        CHECK(back.warnings.empty());  // vpnsim's own document: every key is known
        auto got = back.connections.front();
        // Not in a describe-vpn-connections document, so they come back as the defaults:
        //   asn                   the Amazon-side ASN is the gateway's (describe-vpn-gateways,
        //                         describe-transit-gateways Options.AmazonSideAsn)
        //   customer_gateway_asn  the customer gateway resource's BgpAsn
        //                         (describe-customer-gateways)
        //   vpc_cidr              the VPC's (describe-vpcs), not the VPN's
        //   ecmp                  the transit gateway's VpnEcmpSupport option
        // (AWS's CustomerGatewayConfiguration XML has both ASNs; vpnsim writes none.)
        const Aws defaults;
        CHECK(got.asn == defaults.asn);
        CHECK_FALSE(got.customer_gateway_asn);
        CHECK(got.vpc_cidr == defaults.vpc_cidr);
        CHECK(got.ecmp == defaults.ecmp);
        got.asn = s.aws.asn;
        got.customer_gateway_asn = s.aws.customer_gateway_asn;
        got.vpc_cidr = s.aws.vpc_cidr;
        got.ecmp = s.aws.ecmp;
        // Everything else comes back as it was (the [[change]]s are the run's, not the
        // connection's: the document shows the options the connection was created with).
        auto want = s.aws;
        for (auto& t : want.tunnels) t.source_line = 0;
        CHECK(aws_text(got) == aws_text(want));
        CHECK(got == want);
    }
}

TEST_CASE("import - round trip: the document with its trace", "[import][round-trip]") {
    auto loaded = scenario::load_file(std::string(VPNSIM_SOURCE_DIR) +
                                      "/scenarios/examples/130-tgw-ecmp.toml");
    REQUIRE(loaded.scenario);
    const auto result = run::simulate(*loaded.scenario);
    const auto back = imported(report::describe_vpn_connections(*loaded.scenario, result, true));
    CHECK(back.warnings.empty());
    CHECK(back.connections.at(0).gateway == scenario::GatewayType::Tgw);
    CHECK(back.connections.at(0).vpn_id == loaded.scenario->aws.vpn_id);
}

TEST_CASE("import - the generic CGW around each sample connection", "[import][cgw]") {
    const auto r = imported(read_text(sample_path()));
    REQUIRE(r.connections.size() == 2);
    for (const auto& aws : r.connections) {
        INFO(aws.vpn_id);
        const auto s = import::generic_scenario(aws);
        CHECK(s.name == "imported-" + aws.vpn_id);
        CHECK(s.aws == aws);
        CHECK(s.cgw.outside_ip == import::kCgwOutsideIp);
        REQUIRE(s.cgw.tunnels.size() == aws.tunnels.size());
        for (std::size_t i = 0; i < aws.tunnels.size(); ++i) {
            CHECK(s.cgw.tunnels[i].peer == aws.tunnels[i].outside_ip);
            CHECK(s.cgw.tunnels[i].psk == aws.tunnels[i].psk);
            CHECK_FALSE(s.cgw.tunnels[i].inside_ip);  // derived from the AWS inside CIDR
        }
        CHECK(s.cgw.bgp.enabled == (aws.routing == scenario::Routing::Dynamic));
        CHECK(s.cgw.bgp.remote_as == aws.asn);
        // What the writer writes loads back as the same scenario.
        auto again = scenario::load_string(scenario::to_toml(s), "again.toml");
        REQUIRE(again.scenario);
        CHECK(scenario::without_position(*again.scenario) == scenario::without_position(s));
        // And it works: every tunnel UP.
        const auto run = run::simulate(s);
        REQUIRE(run.complete());
        for (const auto& t : run.tunnels) {
            INFO(t.outside_ip.to_string() << " " << t.status.message);
            CHECK(t.status.up);
        }
    }
    SECTION("proposals narrowed to what the tunnel accepts; defaults where it accepts them") {
        const auto s = import::generic_scenario(r.connections[0]);
        const auto& t1 = s.cgw.tunnels[0];
        CHECK(t1.phase1.encryption == std::vector{ike::Encr::Aes128});
        CHECK(t1.phase1.integrity == std::vector{ike::Integ::Sha1});
        CHECK(t1.phase1.dh_groups == std::vector<int>{14});
        const auto& t2 = s.cgw.tunnels[1];
        CHECK(t2.ike_version == 2);
        CHECK(t2.phase1.encryption == std::vector{ike::Encr::Aes256});
        CHECK(t2.phase1.integrity == std::vector{ike::Integ::Sha2_256});
        CHECK(t2.phase1.dh_groups == std::vector<int>{14});
        CHECK(t2.phase2.encryption == std::vector{ike::Encr::Aes256Gcm16});
        CHECK(t2.phase2.integrity == std::vector{ike::Integ::Sha2_256});
    }
    SECTION("an IKEv1-only tunnel, an AWS endpoint on the default CGW address") {
        auto aws = r.connections[0];
        aws.tunnels[0].ike_versions = {1};
        aws.tunnels[0].outside_ip = import::kCgwOutsideIp;
        const auto s = import::generic_scenario(aws);
        CHECK(s.cgw.tunnels[0].ike_version == 1);
        CHECK(s.cgw.outside_ip.to_string() == "198.51.100.11");
    }
}
