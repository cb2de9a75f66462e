// [[cgw.tunnel]] policy and proxy_ids: a policy-based device lists its proxy-ID pairs, one
// CHILD_SA each (RFC 7296 §1.3.1); a route-based one keeps local_ts / remote_ts.
#include <catch2/catch.hpp>

#include <string>

#include "scenario_test_util.hpp"
#include "sim/scenario/writer.hpp"

using namespace vpnsim;
using namespace vpnsim::scenario;
using namespace vpnsim::scenario::testing;

namespace {

// A [cgw] with one tunnel; `extra` starts at line 6.
std::string cgw_tunnel(std::string_view extra) {
    return "[cgw]\noutside_ip = \"198.51.100.1\"\n[[cgw.tunnel]]\npeer = \"203.0.113.10\"\n"
           "psk = \"k\"\n" +
           std::string(extra);
}

net::Ipv4Prefix cidr(const char* s) {
    return *net::Ipv4Prefix::parse(s);
}

}  // namespace

TEST_CASE("scenario - cgw policy-based proxy_ids", "[scenario][cgw][policy]") {
    SECTION("route-based is the default and keeps local_ts / remote_ts") {
        const Scenario s = load_ok(cgw_tunnel("local_ts = [\"10.0.0.0/16\"]\n"));
        CHECK(s.cgw.tunnels.at(0).policy == TunnelPolicy::RouteBased);
        CHECK(s.cgw.tunnels.at(0).proxy_ids.empty());
    }
    SECTION("policy-based reads its pairs in order") {
        const Scenario s = load_ok(cgw_tunnel(
            "policy = \"policy-based\"\nproxy_ids = [{ local = \"10.0.0.0/16\", remote = "
            "\"172.31.0.0/16\" }, { local = \"169.254.10.0/30\", remote = \"169.254.10.0/30\" "
            "}]\n"));
        const auto& t = s.cgw.tunnels.at(0);
        CHECK(t.policy == TunnelPolicy::PolicyBased);
        CHECK(t.proxy_ids ==
              std::vector<ProxyId>{{cidr("10.0.0.0/16"), cidr("172.31.0.0/16")},
                                   {cidr("169.254.10.0/30"), cidr("169.254.10.0/30")}});
    }
    SECTION("errors") {
        CHECK(errors(cgw_tunnel("policy = \"crypto-map\"\n")) ==
              Lines{"t.toml:6:10: cgw.tunnel[0].policy: must be one of \"route-based\", "
                    "\"policy-based\"; got \"crypto-map\""});
        CHECK(errors(cgw_tunnel("proxy_ids = [{ local = \"10.0.0.0/16\", remote = "
                                "\"172.31.0.0/16\" }]\n")) ==
              Lines{"t.toml:6:13: cgw.tunnel[0].proxy_ids: only for policy = \"policy-based\""});
        CHECK(errors(cgw_tunnel("policy = \"policy-based\"\n")) ==
              Lines{"t.toml:3:1: cgw.tunnel[0].proxy_ids: a policy-based tunnel needs at least "
                    "one proxy-ID pair"});
        CHECK(errors(cgw_tunnel("policy = \"policy-based\"\nproxy_ids = []\n")) ==
              Lines{"t.toml:7:13: cgw.tunnel[0].proxy_ids: must list at least one { local = "
                    "..., remote = ... } pair"});
        CHECK(errors(cgw_tunnel("policy = \"policy-based\"\nlocal_ts = [\"10.0.0.0/16\"]\n"
                                "proxy_ids = [{ local = \"10.0.0.0/16\", remote = "
                                "\"172.31.0.0/16\" }]\n")) ==
              Lines{"t.toml:7:12: cgw.tunnel[0].local_ts: not used by a policy-based tunnel; "
                    "list its selectors in proxy_ids"});
        CHECK(errors(cgw_tunnel("policy = \"policy-based\"\nproxy_ids = [{ local = "
                                "\"10.0.0.0/16\", remote = \"172.31.0.0/33\", port = 1 }]\n")) ==
              Lines{"t.toml:7:48: cgw.tunnel[0].proxy_ids[0].remote: invalid CIDR "
                    "'172.31.0.0/33' (expected a.b.c.d/len with host bits zero)",
                    "t.toml:7:65: cgw.tunnel[0].proxy_ids[0].port: unknown key"});
        CHECK(errors(cgw_tunnel("policy = \"policy-based\"\nproxy_ids = [{ local = "
                                "\"10.0.0.0/16\" }]\n")) ==
              Lines{"t.toml:7:14: cgw.tunnel[0].proxy_ids[0].remote: missing required key"});
        // IKEv1 runs one quick mode per pair (RFC 2409 §5.5).
        CHECK(errors(cgw_tunnel("ike_version = 1\npolicy = \"policy-based\"\nproxy_ids = [{ "
                                "local = \"10.0.0.0/16\", remote = \"172.31.0.0/16\" }]\n"))
                  .empty());
    }
    SECTION("the writer writes policy-based tunnels back as they were read") {
        const Scenario s = load_ok(cgw_tunnel(
            "policy = \"policy-based\"\nproxy_ids = [{ local = \"10.0.0.0/16\", remote = "
            "\"172.31.0.0/16\" }, { local = \"169.254.10.0/30\", remote = \"169.254.10.0/30\" "
            "}]\n"));
        const std::string text = to_toml(s);
        CHECK_THAT(text, Catch::Contains("policy = \"policy-based\"\nproxy_ids = [{ local = "
                                         "\"10.0.0.0/16\", remote = \"172.31.0.0/16\" }, { local "
                                         "= \"169.254.10.0/30\", remote = \"169.254.10.0/30\" }]"));
        CHECK_THAT(text, !Catch::Contains("local_ts"));
        const auto again = load_string(text, "w.toml");
        REQUIRE(again.scenario);
        CHECK(again.scenario->cgw.tunnels.at(0).proxy_ids == s.cgw.tunnels.at(0).proxy_ids);
        CHECK(again.scenario->cgw.tunnels.at(0).policy == TunnelPolicy::PolicyBased);
    }
}

TEST_CASE("scenario - cgw static_routes, a static CGW's routes into each tunnel",
          "[scenario][cgw][routing]") {
    SECTION("none by default: the VPC CIDR over every tunnel") {
        const Scenario s = load_ok(cgw_tunnel("") + "[cgw.bgp]\nenabled = false\n");
        CHECK(s.cgw.tunnels.at(0).static_routes.empty());
        CHECK_FALSE(s.cgw.has_static_routes());
    }
    SECTION("read per tunnel, written back") {
        const Scenario s =
            load_ok(cgw_tunnel("static_routes = [\"172.31.0.0/16\", \"172.16.0.0/12\"]\n") +
                    "[cgw.bgp]\nenabled = false\n");
        CHECK(s.cgw.tunnels.at(0).static_routes ==
              std::vector{cidr("172.31.0.0/16"), cidr("172.16.0.0/12")});
        CHECK(s.cgw.has_static_routes());
        CHECK(to_toml(s).find("static_routes = [\"172.31.0.0/16\", \"172.16.0.0/12\"]") !=
              std::string::npos);
    }
    SECTION("a BGP CGW learns the VPC CIDR from AWS: static routes are refused at the key") {
        CHECK(errors(cgw_tunnel("static_routes = [\"172.31.0.0/16\"]\n")) ==
              std::vector<std::string>{
                  "t.toml:6:17: cgw.tunnel[0].static_routes: only for a static CGW: set "
                  "[cgw.bgp] enabled = false (a BGP CGW learns the VPC CIDR from AWS)"});
    }
    SECTION("each entry is a CIDR") {
        CHECK(errors(cgw_tunnel("static_routes = [\"172.31.0.0\"]\n") +
                     "[cgw.bgp]\nenabled = false\n")
                  .size() == 1);
    }
}

TEST_CASE("scenario - cgw.bgp.route_map, per-prefix attributes", "[scenario][cgw][bgp]") {
    const std::string bgp =
        "[cgw]\noutside_ip = \"198.51.100.1\"\n[cgw.bgp]\nannounce = [\"10.0.0.0/16\", "
        "\"10.1.0.0/16\"]\n";
    SECTION("read in order, written back") {
        const Scenario s = load_ok(bgp +
                                   "[[cgw.bgp.route_map]]\nprefix = \"10.1.0.0/16\"\n"
                                   "as_path_prepend = [65000]\nmed = 50\n"
                                   "communities = [\"65000:100\", \"0:65535\"]\n");
        REQUIRE(s.cgw.bgp.route_map.size() == 1);
        const auto& e = s.cgw.bgp.route_map.front();
        CHECK(e.prefix == cidr("10.1.0.0/16"));
        CHECK(e.as_path_prepend == std::vector<std::uint32_t>{65000});
        CHECK(e.med == 50U);
        CHECK(e.communities == std::vector<std::uint32_t>{(65000U << 16) | 100U, 65535U});
        const auto text = to_toml(s);
        CHECK(text.find("[[cgw.bgp.route_map]]\nprefix = \"10.1.0.0/16\"\nas_path_prepend = "
                        "[65000]\nmed = 50\ncommunities = [\"65000:100\", \"0:65535\"]") !=
              std::string::npos);
    }
    SECTION("errors name the entry's key") {
        CHECK(errors(bgp + "[[cgw.bgp.route_map]]\nprefix = \"10.2.0.0/16\"\n") ==
              Lines{"t.toml:6:10: cgw.bgp.route_map[0].prefix: 10.2.0.0/16 is not in [cgw.bgp] "
                    "announce"});
        CHECK(errors(bgp + "[[cgw.bgp.route_map]]\nprefix = \"10.0.0.0/16\"\n"
                           "[[cgw.bgp.route_map]]\nprefix = \"10.0.0.0/16\"\n") ==
              Lines{"t.toml:8:10: cgw.bgp.route_map[1].prefix: a second route_map entry for "
                    "10.0.0.0/16"});
        CHECK(errors(bgp + "[[cgw.bgp.route_map]]\nprefix = \"10.0.0.0/16\"\n"
                           "communities = [\"65536:1\", \"1:2:3\", \"x\"]\n") ==
              Lines{"t.toml:7:16: cgw.bgp.route_map[0].communities[0]: a community is "
                    "\"ASN:value\" (each 0-65535, RFC 1997), got \"65536:1\"",
                    "t.toml:7:27: cgw.bgp.route_map[0].communities[1]: a community is "
                    "\"ASN:value\" (each 0-65535, RFC 1997), got \"1:2:3\"",
                    "t.toml:7:36: cgw.bgp.route_map[0].communities[2]: a community is "
                    "\"ASN:value\" (each 0-65535, RFC 1997), got \"x\""});
    }
}

TEST_CASE("scenario - cgw.event, the CGW's life events", "[scenario][cgw][event]") {
    SECTION("read and written back") {
        const Scenario s = load_ok(cgw_tunnel("") +
                                   "[[cgw.event]]\nat = \"1m\"\naction = \"set-psk\"\ntunnel = 1\n"
                                   "psk = \"k2\"\n[[cgw.event]]\nat = \"2m\"\naction = \"reboot\"\n"
                                   "duration = \"30s\"\n");
        REQUIRE(s.cgw.events.size() == 2);
        CHECK(s.cgw.events[0].kind == CgwEvent::Kind::SetPsk);
        CHECK(s.cgw.events[0].psk == "k2");
        CHECK(s.cgw.events[1].at == sec(120));
        CHECK(s.cgw.events[1].duration == sec(30));
        const auto again = load_ok(to_toml(s));
        CHECK(again.cgw.events == s.cgw.events);
    }
    SECTION("errors") {
        CHECK(errors(cgw_tunnel("") +
                     "[[cgw.event]]\nat = \"2m\"\naction = \"silent\"\nduration = \"1s\"\n"
                     "[[cgw.event]]\nat = \"1m\"\naction = \"reboot\"\n") ==
              Lines{"t.toml:10:1: cgw.event[1].duration: missing required key",
                    "t.toml:11:6: cgw.event[1].at: events must be listed in time order; the "
                    "previous one is at 120.000s"});
        CHECK(errors(cgw_tunnel("") +
                     "[[cgw.event]]\nat = \"1m\"\naction = \"set-psk\"\ntunnel = 2\n") ==
              Lines{"t.toml:6:1: cgw.event[0].psk: missing required key",
                    "t.toml:9:10: cgw.event[0].tunnel: the CGW has 1 tunnel(s)"});
    }
}
