// Routing keys: [[traffic]] flows, aws.vpc_cidr / aws.ecmp, the CGW's per-tunnel local_pref,
// med and as_path_prepend, and cgw.asymmetric_routing.
#include <catch2/catch.hpp>

#include <string>

#include "scenario_test_util.hpp"
#include "sim/scenario/writer.hpp"

using namespace vpnsim;
using namespace vpnsim::scenario;
using namespace vpnsim::scenario::testing;

TEST_CASE("scenario - traffic flows", "[scenario][traffic]") {
    SECTION("defaults, and the direction from aws.vpc_cidr") {
        const Scenario s = load_ok(
            "[[traffic]]\nfrom = \"172.31.1.10\"\nto = \"10.0.1.5\"\n"
            "[[traffic]]\nfrom = \"10.0.1.5\"\nto = \"172.31.1.10\"\nkind = \"udp\"\n"
            "start = \"20s\"\ninterval = \"500ms\"\ncount = 3\n");
        REQUIRE(s.traffic.size() == 2);
        CHECK(s.traffic[0].from_vpc);
        CHECK(s.traffic[0].kind == FlowKind::Ping);
        CHECK(s.traffic[0].start == sec(10));
        CHECK(s.traffic[0].interval == sec(1));
        CHECK(s.traffic[0].count == 10);
        CHECK_FALSE(s.traffic[1].from_vpc);
        CHECK(s.traffic[1].kind == FlowKind::Udp);
        CHECK(s.traffic[1].interval == ms(500));
        CHECK(s.traffic[1].count == 3);
    }
    SECTION("none by default") {
        CHECK(load_ok("").traffic.empty());
    }
    SECTION("errors") {
        CHECK(errors("[[traffic]]\nfrom = \"10.0.1.5\"\nto = \"10.0.2.5\"\n") ==
              Lines{"t.toml:2:8: traffic[0].from: a flow runs between the VPC (aws.vpc_cidr "
                    "172.31.0.0/16) and on-premises: exactly one of from and to must be in it"});
        CHECK(errors("[[traffic]]\nfrom = \"172.31.0.5\"\nto = \"172.31.2.5\"\n") ==
              Lines{"t.toml:3:6: traffic[0].to: a flow runs between the VPC (aws.vpc_cidr "
                    "172.31.0.0/16) and on-premises: exactly one of from and to must be in it"});
        CHECK(errors("[[traffic]]\nfrom = \"172.31.0.5\"\nto = \"10.0.0.1\"\nkind = \"sctp\"\n"
                     "count = 0\nrate = 1\n") ==
              Lines{"t.toml:4:8: traffic[0].kind: must be one of \"ping\", \"udp\", \"tcp\"; got "
                    "\"sctp\"",
                    "t.toml:5:9: traffic[0].count: must be between 1 and 100000, got 0",
                    "t.toml:6:1: traffic[0].rate: unknown key"});
        CHECK(errors("[[traffic]]\nfrom = \"172.31.0.5\"\nto = \"10.0.0.1\"\nsize = 20\n") ==
              Lines{"t.toml:4:8: traffic[0].size: must be between 28 and 9001, got 20"});
        CHECK(errors("[[traffic]]\nfrom = \"172.31.0.5\"\nto = \"10.0.0.1\"\nkind = \"tcp\"\n"
                     "size = 30\ndf = false\n") ==
              Lines{"t.toml:5:8: traffic[0].size: a TCP segment is at least 40 bytes (IPv4 and "
                    "TCP headers)",
                    "t.toml:6:6: traffic[0].df: TCP sets DF (path-MTU discovery)"});
        CHECK(errors("[cgw]\noutside_ip = \"198.51.100.1\"\nmss_clamp = 100\ntunnel_mtu = 70\n") ==
              Lines{"t.toml:3:13: cgw.mss_clamp: 0 (no clamping) or 536..8961 (RFC 879's default "
                    "MSS is the smallest)",
                    "t.toml:4:14: cgw.tunnel_mtu: must be between 576 and 9001, got 70"});
        CHECK(errors("[cgw]\noutside_ip = \"198.51.100.1\"\nvendor = \"mikrotik\"\n") ==
              Lines{"t.toml:3:10: cgw.vendor: must be one of \"generic\", \"strongswan\", "
                    "\"cisco-ios\", \"junos\"; got \"mikrotik\""});
        CHECK(errors("[[traffic]]\nto = \"10.0.0.1\"\n") ==
              Lines{"t.toml:1:1: traffic[0].from: missing required key"});
    }
}

TEST_CASE("scenario - routing keys on [aws] and [cgw]", "[scenario][traffic]") {
    const std::string tunnel =
        "[cgw]\noutside_ip = \"198.51.100.1\"\nasymmetric_routing = \"drop\"\n"
        "[[cgw.tunnel]]\npeer = \"203.0.113.10\"\npsk = \"k\"\nlocal_pref = 200\nmed = 100\n"
        "as_path_prepend = [65000, 65000]\n";
    SECTION("read") {
        const Scenario s = load_ok(tunnel);
        CHECK(s.cgw.asymmetric_routing == AsymmetricRouting::Drop);
        const auto& t = s.cgw.tunnels.at(0);
        CHECK(t.local_pref == 200);
        CHECK(t.med == 100);
        CHECK(t.as_path_prepend == std::vector<std::uint32_t>{65000, 65000});
        CHECK(s.aws.vpc_cidr == *net::Ipv4Prefix::parse("172.31.0.0/16"));
        CHECK_FALSE(s.aws.ecmp);
    }
    SECTION("the writer writes them back as they were read") {
        const Scenario s =
            load_ok(tunnel + "[[traffic]]\nfrom = \"172.31.1.10\"\nto = \"10.0.1.5\"\n");
        const auto again = load_string(to_toml(s), "again.toml");
        REQUIRE(again.scenario);
        CHECK(again.scenario->cgw.asymmetric_routing == AsymmetricRouting::Drop);
        CHECK(again.scenario->cgw.tunnels.at(0).med == 100);
        CHECK(again.scenario->cgw.tunnels.at(0).local_pref == 200);
        CHECK(again.scenario->cgw.tunnels.at(0).as_path_prepend ==
              std::vector<std::uint32_t>{65000, 65000});
        REQUIRE(again.scenario->traffic.size() == 1);
        CHECK(again.scenario->traffic[0].to == net::Ipv4Addr::from_octets(10, 0, 1, 5));
    }
    SECTION("ECMP is a transit gateway option for dynamic routing") {
        const std::string aws =
            "[aws]\nvpc_cidr = \"10.100.0.0/16\"\ngateway = \"tgw\"\necmp = true\n"
            "[[aws.tunnel]]\noutside_ip = \"203.0.113.10\"\ninside_cidr = \"169.254.10.0/30\"\n"
            "psk = \"tunnel1.psk_value\"\n";
        const Scenario s = load_ok(aws);
        CHECK(s.aws.ecmp);
        CHECK(s.aws.vpc_cidr == *net::Ipv4Prefix::parse("10.100.0.0/16"));
        CHECK(errors("[aws]\necmp = true\n[[aws.tunnel]]\noutside_ip = \"203.0.113.10\"\n"
                     "inside_cidr = \"169.254.10.0/30\"\npsk = \"tunnel1.psk_value\"\n") ==
              Lines{"t.toml:2:8: aws.ecmp: ECMP is a transit gateway option (VPN ECMP support): "
                    "set gateway = \"tgw\""});
        CHECK(errors("[aws]\ngateway = \"tgw\"\nrouting = \"static\"\necmp = true\n"
                     "[[aws.tunnel]]\noutside_ip = \"203.0.113.10\"\n"
                     "inside_cidr = \"169.254.10.0/30\"\npsk = \"tunnel1.psk_value\"\n") ==
              Lines{"t.toml:4:8: aws.ecmp: ECMP spreads equal BGP routes: it needs routing = "
                    "\"dynamic\""});
    }
    SECTION("errors") {
        CHECK(errors("[cgw]\noutside_ip = \"198.51.100.1\"\nasymmetric_routing = \"deny\"\n") ==
              Lines{"t.toml:3:22: cgw.asymmetric_routing: must be one of \"allow\", \"drop\"; got "
                    "\"deny\""});
        CHECK(errors("[cgw]\noutside_ip = \"198.51.100.1\"\n[[cgw.tunnel]]\npeer = "
                     "\"203.0.113.10\"\npsk = \"k\"\nmed = -1\nas_path_prepend = [0]\n") ==
              Lines{"t.toml:6:7: cgw.tunnel[0].med: must be between 0 and 4294967295, got -1",
                    "t.toml:7:20: cgw.tunnel[0].as_path_prepend[0]: must be between 1 and "
                    "4294967295, got 0"});
    }
}

TEST_CASE("scenario - expect.flows", "[scenario][traffic]") {
    const Scenario s =
        load_ok("[expect]\nflows = [{ result = \"failing\", delivered = 3, answered = 0 }, {}]\n");
    REQUIRE(s.expect);
    REQUIRE(s.expect->flows.size() == 2);
    CHECK(s.expect->flows[0].result == std::optional<std::string>("failing"));
    CHECK(s.expect->flows[0].delivered == std::optional<int>(3));
    CHECK(s.expect->flows[0].answered == std::optional<int>(0));
    CHECK_FALSE(s.expect->flows[1].result);
    CHECK(errors("[expect]\nflows = [{ result = \"broken\", lost = 1 }]\n") ==
          Lines{"t.toml:2:21: expect.flows[0].result: must be one of \"ok\", \"failing\"; got "
                "\"broken\"",
                "t.toml:2:31: expect.flows[0].lost: unknown key"});
}
