#include <catch2/catch.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "scenario_test_util.hpp"

using namespace vpnsim;
using namespace vpnsim::scenario;
using namespace vpnsim::scenario::testing;
using net::Ipv4Addr;
using net::Ipv4Prefix;

namespace {

Ipv4Addr ip(const char* text) {
    return *Ipv4Addr::parse(text);
}
Ipv4Prefix cidr(const char* text) {
    return *Ipv4Prefix::parse(text);
}

// Proposal lists by their AWS API names.
std::vector<ike::Encr> encr(std::initializer_list<std::string_view> names) {
    std::vector<ike::Encr> out;
    for (const auto n : names) out.push_back(ike::parse_encr(n).value());
    return out;
}
std::vector<ike::Integ> integ(std::initializer_list<std::string_view> names) {
    std::vector<ike::Integ> out;
    for (const auto n : names) out.push_back(ike::parse_integ(n).value());
    return out;
}

const std::vector<ike::Encr> kAllEncryption =
    encr({"AES128", "AES256", "AES128-GCM-16", "AES256-GCM-16"});
const std::vector<ike::Integ> kAllIntegrity = integ({"SHA1", "SHA2-256", "SHA2-384", "SHA2-512"});
const std::vector<int> kAllPhase1Groups{2, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24};
const std::vector<int> kAllPhase2Groups{2, 5, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24};

constexpr const char* kFull = R"(
[scenario]
name = "tgw-basic"
summary = "two tunnels over a PAT"
seed = 42
duration = "1h30m"

[aws]
vpn_id = "vpn-0123456789abcdef0"
gateway = "tgw"
routing = "static"
asn = 4200000001
accelerated = true
local_ipv4_network_cidr = "10.0.0.0/16"
remote_ipv4_network_cidr = "172.31.0.0/16"
static_routes = ["10.0.0.0/16", "10.1.0.0/16"]

[[aws.tunnel]]
outside_ip = "203.0.113.10"
inside_cidr = "169.254.10.0/30"
psk = "Tunnel_1.key"
ike_versions = ["ikev2"]
phase1_encryption_algorithms = ["AES256-GCM-16"]
phase1_integrity_algorithms = ["SHA2-384", "SHA2-512"]
phase1_dh_group_numbers = [20, 21]
phase2_encryption_algorithms = ["AES256"]
phase2_integrity_algorithms = ["SHA2-256"]
phase2_dh_group_numbers = [5]
phase1_lifetime_seconds = 14400
phase2_lifetime_seconds = 1800
rekey_margin_time_seconds = 600
rekey_fuzz_percentage = 50
replay_window_size = 2048
dpd_timeout_seconds = 40
dpd_timeout_action = "restart"
startup_action = "start"

[[aws.tunnel]]
outside_ip = "203.0.113.20"
inside_cidr = "169.254.20.0/30"
psk = "tunnel2_key"

[cgw]
outside_ip = "198.51.100.1"
asn = 65010
nat_t = false

[[cgw.tunnel]]
peer = "203.0.113.10"
psk = "not an AWS psk!"
ike_version = 1
phase1_encryption_algorithms = ["AES256"]
phase1_integrity_algorithms = ["SHA2-256"]
phase1_dh_group_numbers = [5]
phase2_encryption_algorithms = ["AES128-GCM-16"]
phase2_integrity_algorithms = ["SHA2-512"]
phase2_dh_group_numbers = [2]
local_ts = ["10.0.0.0/16"]
remote_ts = ["172.31.0.0/16", "172.30.0.0/16"]
inside_ip = "169.254.10.2/30"
bgp_neighbor = "169.254.10.1"
initiate_after = "250ms"

[cgw.bgp]
enabled = false
remote_as = 4200000001
announce = ["10.0.0.0/16"]
hold_time_seconds = 90
keepalive_seconds = 30
connect_retry_seconds = 120

[path]
delay = "40ms"
nat = "pat"
nat_public_ip = "192.0.2.77"

[expect]
tunnel = [
  { outside_ip = "203.0.113.10", status = "DOWN", message = "IPSEC IS UP", ike = "established", child = "installed", bgp = "Active" },
  { status = "UP" },
]
trace_contains = ["IKE_AUTH"]
trace_absent = ["AUTHENTICATION_FAILED", "TS_UNACCEPTABLE"]
)";

}  // namespace

TEST_CASE("scenario - full file round trip", "[scenario][loader]") {
    const Scenario s = load_ok(kFull);
    CHECK(s.file == "t.toml");
    CHECK(s.name == "tgw-basic");
    CHECK(s.summary == "two tunnels over a PAT");
    CHECK(s.seed == 42);
    CHECK(s.duration == sec(5400));

    CHECK(s.aws.vpn_id == "vpn-0123456789abcdef0");
    CHECK(s.aws.gateway == GatewayType::Tgw);
    CHECK(s.aws.routing == Routing::Static);
    CHECK(s.aws.asn == 4200000001U);
    CHECK(s.aws.accelerated);
    CHECK(s.aws.local_ipv4_network_cidr == cidr("10.0.0.0/16"));
    CHECK(s.aws.remote_ipv4_network_cidr == cidr("172.31.0.0/16"));
    CHECK(s.aws.static_routes == std::vector{cidr("10.0.0.0/16"), cidr("10.1.0.0/16")});
    REQUIRE(s.aws.tunnels.size() == 2);

    const AwsTunnel& t1 = s.aws.tunnels[0];
    CHECK(t1.source_line == 17);
    CHECK(t1.outside_ip == ip("203.0.113.10"));
    CHECK(t1.inside_cidr == cidr("169.254.10.0/30"));
    CHECK(t1.psk == "Tunnel_1.key");
    CHECK(t1.ike_versions == std::vector{2});
    CHECK(t1.phase1.encryption == encr({"AES256-GCM-16"}));
    CHECK(t1.phase1.integrity == integ({"SHA2-384", "SHA2-512"}));
    CHECK(t1.phase1.dh_groups == std::vector{20, 21});
    CHECK(t1.phase2.encryption == encr({"AES256"}));
    CHECK(t1.phase2.integrity == integ({"SHA2-256"}));
    CHECK(t1.phase2.dh_groups == std::vector{5});
    CHECK(t1.phase1_lifetime_seconds == 14400);
    CHECK(t1.phase2_lifetime_seconds == 1800);
    CHECK(t1.rekey_margin_time_seconds == 600);
    CHECK(t1.rekey_fuzz_percentage == 50);
    CHECK(t1.replay_window_size == 2048);
    CHECK(t1.dpd_timeout_seconds == 40);
    CHECK(t1.dpd_timeout_action == DpdAction::Restart);
    CHECK(t1.startup_action == StartupAction::Start);
    CHECK(s.aws.tunnels[1].source_line == 37);
    CHECK(s.aws.tunnels[1].psk == "tunnel2_key");

    CHECK(s.cgw.outside_ip == ip("198.51.100.1"));
    CHECK(s.cgw.asn == 65010U);
    CHECK_FALSE(s.cgw.nat_t);
    REQUIRE(s.cgw.tunnels.size() == 1);
    const CgwTunnel& c = s.cgw.tunnels[0];
    CHECK(c.peer == ip("203.0.113.10"));
    CHECK(c.psk == "not an AWS psk!");
    CHECK(c.ike_version == 1);
    CHECK(c.phase1.encryption == encr({"AES256"}));
    CHECK(c.phase1.integrity == integ({"SHA2-256"}));
    CHECK(c.phase1.dh_groups == std::vector{5});
    CHECK(c.phase2.encryption == encr({"AES128-GCM-16"}));
    CHECK(c.phase2.integrity == integ({"SHA2-512"}));
    CHECK(c.phase2.dh_groups == std::vector{2});
    CHECK(c.local_ts == std::vector{cidr("10.0.0.0/16")});
    CHECK(c.remote_ts == std::vector{cidr("172.31.0.0/16"), cidr("172.30.0.0/16")});
    // The host bits of an interface address are kept.
    CHECK(c.inside_ip == Ipv4Prefix{ip("169.254.10.2"), 30});
    CHECK(c.bgp_neighbor == ip("169.254.10.1"));
    CHECK(c.initiate_after == ms(250));

    CHECK_FALSE(s.cgw.bgp.enabled);
    CHECK(s.cgw.bgp.remote_as == 4200000001U);
    CHECK(s.cgw.bgp.announce == std::vector{cidr("10.0.0.0/16")});
    CHECK(s.cgw.bgp.hold_time_seconds == 90);
    CHECK(s.cgw.bgp.keepalive_seconds == 30);
    CHECK(s.cgw.bgp.connect_retry_seconds == 120);

    CHECK(s.path.delay == ms(40));
    CHECK(s.path.nat == NatMode::Pat);
    CHECK(s.path.nat_public_ip == ip("192.0.2.77"));

    REQUIRE(s.expect.has_value());
    CHECK(s.expect->source_line == 76);
    REQUIRE(s.expect->tunnels.size() == 2);
    const ExpectTunnel& e = s.expect->tunnels[0];
    CHECK(e.source_line == 78);
    CHECK(e.outside_ip == ip("203.0.113.10"));
    CHECK(e.status == "DOWN");
    CHECK(e.message == "IPSEC IS UP");
    CHECK(e.ike == "established");
    CHECK(e.child == "installed");
    CHECK(e.bgp == "Active");
    CHECK(s.expect->tunnels[1].status == "UP");
    CHECK_FALSE(s.expect->tunnels[1].outside_ip.has_value());
    CHECK(s.expect->trace_contains == std::vector<std::string>{"IKE_AUTH"});
    CHECK(s.expect->trace_absent ==
          std::vector<std::string>{"AUTHENTICATION_FAILED", "TS_UNACCEPTABLE"});
}

TEST_CASE("scenario - minimal file gets every default", "[scenario][loader]") {
    const Scenario s = load_ok(R"(
[[cgw.tunnel]]
peer = "203.0.113.10"
psk = "tunnel1.psk_value"
)");
    CHECK(s.name == "t");
    CHECK(s.summary.empty());
    CHECK(s.seed == 1);
    CHECK(s.duration == sec(300));

    CHECK(s.aws.vpn_id == "vpn-0af63e94c860202a3");  // FNV-1a-64("t")
    CHECK(s.aws.gateway == GatewayType::Vgw);
    CHECK(s.aws.routing == Routing::Dynamic);
    CHECK(s.aws.asn == 64512U);
    CHECK_FALSE(s.aws.accelerated);
    CHECK(s.aws.local_ipv4_network_cidr == Ipv4Prefix::any());
    CHECK(s.aws.remote_ipv4_network_cidr == Ipv4Prefix::any());
    CHECK(s.aws.static_routes.empty());
    REQUIRE(s.aws.tunnels.size() == 1);
    const AwsTunnel& t = s.aws.tunnels[0];
    CHECK(t.ike_versions == std::vector{1, 2});
    for (const ProposalLists* p : {&t.phase1, &t.phase2}) {
        CHECK(p->encryption == kAllEncryption);
        CHECK(p->integrity == kAllIntegrity);
    }
    CHECK(t.phase1.dh_groups == kAllPhase1Groups);
    CHECK(t.phase2.dh_groups == kAllPhase2Groups);
    CHECK(t.phase1_lifetime_seconds == 28800);
    CHECK(t.phase2_lifetime_seconds == 3600);
    CHECK(t.rekey_margin_time_seconds == 270);
    CHECK(t.rekey_fuzz_percentage == 100);
    CHECK(t.replay_window_size == 1024);
    CHECK(t.dpd_timeout_seconds == 30);
    CHECK(t.dpd_timeout_action == DpdAction::Clear);
    CHECK(t.startup_action == StartupAction::Add);

    CHECK(s.cgw.asn == 65000U);
    CHECK(s.cgw.nat_t);
    REQUIRE(s.cgw.tunnels.size() == 1);
    const CgwTunnel& c = s.cgw.tunnels[0];
    CHECK(c.ike_version == 2);
    for (const ProposalLists* p : {&c.phase1, &c.phase2}) {
        CHECK(p->encryption == encr({"AES128"}));
        CHECK(p->integrity == integ({"SHA1"}));
        CHECK(p->dh_groups == std::vector{14});
    }
    CHECK(c.local_ts == std::vector{Ipv4Prefix::any()});
    CHECK(c.remote_ts == std::vector{Ipv4Prefix::any()});
    CHECK_FALSE(c.inside_ip.has_value());
    CHECK_FALSE(c.bgp_neighbor.has_value());
    CHECK(c.initiate_after == sec(1));

    CHECK(s.cgw.bgp.enabled);
    CHECK(s.cgw.bgp.remote_as == 64512U);
    CHECK(s.cgw.bgp.announce.empty());
    CHECK(s.cgw.bgp.hold_time_seconds == 30);
    CHECK(s.cgw.bgp.keepalive_seconds == 10);
    CHECK(s.cgw.bgp.connect_retry_seconds == 120);

    CHECK(s.path.delay == ms(15));
    CHECK(s.path.nat == NatMode::None);
    CHECK_FALSE(s.path.nat_public_ip.has_value());
    CHECK_FALSE(s.expect.has_value());
}

TEST_CASE("scenario - derived vpn_id follows the name", "[scenario][loader]") {
    CHECK(load_ok("[scenario]\nname = \"tgw-basic\"\n").aws.vpn_id == "vpn-04c29ee2e023e8772");
    CHECK(load_ok("[aws]\nvpn_id = \"vpn-0a1b2c3d\"\n[[aws.tunnel]]\noutside_ip = "
                  "\"203.0.113.10\"\ninside_cidr = \"169.254.10.0/30\"\npsk = \"abcdefgh\"\n")
              .aws.vpn_id == "vpn-0a1b2c3d");
}

TEST_CASE("scenario - load_file", "[scenario][loader]") {
    const auto dir = std::filesystem::temp_directory_path();
    SECTION("reads the file and records its path") {
        const std::string path = (dir / "vpnsim_loader_test.toml").string();
        {
            std::ofstream out(path);
            out << document("");
        }
        const LoadResult r = load_file(path);
        std::remove(path.c_str());
        REQUIRE(r.diagnostics.empty());
        REQUIRE(r.scenario.has_value());
        CHECK(r.scenario->file == path);
        CHECK(r.scenario->name == "t");
    }
    SECTION("diagnostics carry the path") {
        const std::string path = (dir / "vpnsim_loader_bad_test.toml").string();
        {
            std::ofstream out(path);
            out << document("[scenario]\nname = 3\n");
        }
        const LoadResult r = load_file(path);
        std::remove(path.c_str());
        CHECK_FALSE(r.scenario.has_value());
        REQUIRE(r.diagnostics.size() == 1);
        CHECK(r.diagnostics[0].to_string() ==
              path + ":2:8: scenario.name: expected a string, got integer");
    }
    SECTION("a missing file is one diagnostic") {
        const LoadResult r = load_file("/nonexistent/vpnsim/x.toml");
        CHECK_FALSE(r.scenario.has_value());
        REQUIRE(r.diagnostics.size() == 1);
        CHECK(r.diagnostics[0].to_string() ==
              "/nonexistent/vpnsim/x.toml:1:1: cannot read file: no such file");
    }
    SECTION("a directory is not a scenario file") {
        const LoadResult r = load_file(dir.string());
        REQUIRE(r.diagnostics.size() == 1);
        CHECK(r.diagnostics[0].message == "cannot read file: is a directory");
    }
}
