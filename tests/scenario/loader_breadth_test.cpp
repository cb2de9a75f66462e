// Keys added for the breadth scenarios: path firewall, respond-only CGW tunnels, TCP MD5,
// AS_PATH prepend, the customer gateway resource's ASN.
#include <catch2/catch.hpp>

#include "scenario_test_util.hpp"

using namespace vpnsim::scenario;
using namespace vpnsim::scenario::testing;

TEST_CASE("scenario - path block list", "[scenario][path]") {
    const auto s = load_ok("[path]\nblock = [\"udp/500\", \"tcp/179\"]\n");
    CHECK(s.path.blocks(Block::Udp500));
    CHECK(s.path.blocks(Block::Tcp179));
    CHECK_FALSE(s.path.blocks(Block::Esp));
    CHECK(errors("[path]\nblock = [\"icmp\"]\n") ==
          Lines{"t.toml:2:10: path.block[0]: must be one of \"udp/500\", \"udp/4500\", \"esp\", "
                "\"tcp/179\"; got \"icmp\""});
}

TEST_CASE("scenario - cgw respond-only tunnels, md5 and prepend", "[scenario][cgw]") {
    const auto s = load_ok(R"(
[cgw]
outside_ip = "198.51.100.1"
[[cgw.tunnel]]
peer = "203.0.113.10"
psk = "k"
initiate = false
[cgw.bgp]
md5_password = "s3cret"
as_path_prepend = [64512, 64512]
)");
    REQUIRE(s.cgw.tunnels.size() == 1);
    CHECK_FALSE(s.cgw.tunnels[0].initiate);
    CHECK(s.cgw.bgp.md5_password == "s3cret");
    CHECK(s.cgw.bgp.as_path_prepend == std::vector<std::uint32_t>{64512, 64512});
    CHECK(
        errors("[cgw]\noutside_ip = \"198.51.100.1\"\n[cgw.bgp]\nas_path_prepend = [0]\n") ==
        Lines{"t.toml:4:20: cgw.bgp.as_path_prepend[0]: must be between 1 and 4294967295, got 0"});
}

TEST_CASE("scenario - customer gateway ASN on the AWS side", "[scenario][aws]") {
    const auto s = load_ok(R"(
[aws]
customer_gateway_asn = 65001
[[aws.tunnel]]
outside_ip = "203.0.113.10"
inside_cidr = "169.254.10.0/30"
psk = "tunnel1.psk_value"
)");
    CHECK(s.aws.customer_gateway_asn == 65001U);
    CHECK_FALSE(load_ok("").aws.customer_gateway_asn.has_value());
}

TEST_CASE("scenario - a change sets new options over the ones in force", "[scenario][change]") {
    const auto s = load_ok(R"(
[[change]]
at = "1m"
action = "modify-tunnel-options"
tunnel = 1
dpd_timeout_action = "restart"
[[change]]
at = "2m"
action = "modify-tunnel-options"
tunnel = 1
psk = "new.psk_value"
[[change]]
at = "3m"
action = "modify-vpn-options"
local_ipv4_network_cidr = "10.0.0.0/16"
)");
    REQUIRE(s.changes.size() == 3);
    REQUIRE(s.changes[0].tunnel_options.has_value());
    CHECK(s.changes[0].tunnel_options->dpd_timeout_action == DpdAction::Restart);
    CHECK(s.changes[0].tunnel_options->psk == "tunnel1.psk_value");  // untouched keys stay
    REQUIRE(s.changes[1].tunnel_options.has_value());
    CHECK(s.changes[1].tunnel_options->psk == "new.psk_value");
    CHECK(s.changes[1].tunnel_options->dpd_timeout_action == DpdAction::Restart);  // cumulative
    CHECK(s.changes[2].local_ipv4_network_cidr == vpnsim::net::Ipv4Prefix::parse("10.0.0.0/16"));
    CHECK_FALSE(s.changes[2].remote_ipv4_network_cidr.has_value());
    CHECK(s.aws.tunnels[0].dpd_timeout_action == DpdAction::Clear);  // the start is unchanged

    const auto applied = with_changes_applied(s);
    CHECK(applied.aws.tunnels[0].psk == "new.psk_value");
    CHECK(applied.aws.local_ipv4_network_cidr.to_string() == "10.0.0.0/16");
    REQUIRE(applied.changes.size() == 3);  // still replacements, without new options
    CHECK_FALSE(applied.changes[1].tunnel_options.has_value());

    // Each action takes only its own keys; values are checked as in [aws].
    CHECK(errors("[[change]]\nat = \"1s\"\naction = \"modify-vpn-options\"\npsk = \"x\"\n") ==
          Lines{"t.toml:4:1: change[0].psk: unknown key"});
    CHECK(errors("[[change]]\nat = \"1s\"\naction = \"modify-tunnel-options\"\n"
                 "dpd_timeout_seconds = 5\n") ==
          Lines{"t.toml:4:23: change[0].dpd_timeout_seconds: must be between 30 and 2147483647, "
                "got 5"});
    CHECK(errors("[[change]]\nat = \"1s\"\naction = \"modify-tunnel-options\"\n"
                 "outside_ip = \"203.0.113.99\"\n") ==
          Lines{"t.toml:4:1: change[0].outside_ip: unknown key"});
}

TEST_CASE("scenario - changes during the run", "[scenario][change]") {
    const auto s = load_ok(R"(
[[change]]
at = "90s"
action = "modify-tunnel-options"
tunnel = 1
[[change]]
at = "2m"
action = "modify-vpn-options"
)");
    REQUIRE(s.changes.size() == 2);
    CHECK(s.changes[0].at == vpnsim::sec(90));
    CHECK(s.changes[0].tunnel == 1);
    CHECK_FALSE(s.changes[0].tunnel_options.has_value());  // a bare replacement
    CHECK(s.changes[1].kind == Change::Kind::ModifyVpnOptions);
    CHECK_FALSE(s.changes[1].local_ipv4_network_cidr.has_value());
    CHECK(errors("[[change]]\nat = \"1s\"\naction = \"modify-tunnel-options\"\ntunnel = 2\n") ==
          Lines{"t.toml:4:10: change[0].tunnel: the connection has 1 tunnel(s)"});
    CHECK(errors("[[change]]\nat = \"2m\"\naction = \"modify-vpn-options\"\n"
                 "[[change]]\nat = \"1m\"\naction = \"modify-vpn-options\"\n") ==
          Lines{"t.toml:5:6: change[1].at: changes must be listed in time order; the previous "
                "one is at 120.000s"});
    CHECK(errors("[[change]]\nat = \"1s\"\naction = \"modify-vpn-options\"\ntunnel = 1\n") ==
          Lines{"t.toml:4:10: change[0].tunnel: only for action = \"modify-tunnel-options\""});
    CHECK(errors("[[change]]\nat = \"1s\"\naction = \"reboot\"\n") ==
          Lines{"t.toml:3:10: change[0].action: must be one of \"modify-tunnel-options\", "
                "\"modify-vpn-options\"; got \"reboot\""});
}
