// The FRR reader: the bundled samples (scenarios/templates/frr, placeholders filled in with
// TEST-NET values) give exactly the settings, positions and words expected; every default it
// writes out, every policy path (prefix-lists, route-maps in and out, peer-groups), every
// warning and every error (line and column pinned); hostile input gives errors or an empty
// draft.
#include <fmt/format.h>
#include <catch2/catch.hpp>

#include <string>
#include <string_view>
#include <vector>

#include "sim/import/cgw_draft.hpp"
#include "tests/import/import_test_util.hpp"

using namespace vpnsim;
using vpnsim::import::CgwDraft;
using vpnsim::import::DraftTunnel;
using vpnsim::import::Setting;
using vpnsim::import::SourcePos;

namespace {

// The placeholders as a connection with TEST-NET addresses fills them in.
std::string rendered(std::string text) {
    const std::vector<std::pair<std::string, std::string>> values{
        {"{{ tunnel1.outside_ip }}", "203.0.113.10"},
        {"{{ tunnel2.outside_ip }}", "203.0.113.20"},
        {"{{ tunnel1.inside_cidr }}", "169.254.10.0/30"},
        {"{{ tunnel2.inside_cidr }}", "169.254.11.0/30"},
        {"{{ tunnel1.aws_inside_ip }}", "169.254.10.1"},
        {"{{ tunnel2.aws_inside_ip }}", "169.254.11.1"},
        {"{{ tunnel1.cgw_inside_ip }}", "169.254.10.2"},
        {"{{ tunnel2.cgw_inside_ip }}", "169.254.11.2"},
        {"{{ tunnel1.psk }}", "tunnel1_psk_value"},
        {"{{ tunnel2.psk }}", "tunnel2_psk_value"},
        {"{{ aws.asn }}", "64512"},
        {"{{ cgw.asn }}", "65000"},
        {"{{ cgw.outside_ip }}", "198.51.100.10"},
        {"{{ vpc.cidr }}", "172.31.0.0/16"},
        {"{{ vpn.id }}", "vpn-0123456789abcdef0"},
    };
    for (const auto& [name, value] : values) {
        for (auto at = text.find(name); at != std::string::npos; at = text.find(name, at)) {
            text.replace(at, name.size(), value);
        }
    }
    REQUIRE(text.find("{{") == std::string::npos);
    return text;
}

std::string sample(const std::string& name) {
    return rendered(import::testing::read_text(std::string(VPNSIM_SOURCE_DIR) +
                                               "/scenarios/templates/frr/" + name));
}

// Where `word` is in the first line holding `line` (1-based line and byte column).
SourcePos pos(std::string_view text, std::string_view line, std::string_view word) {
    const auto start = text.find(line);
    REQUIRE(start != std::string_view::npos);
    const auto at = text.find(word, start);
    REQUIRE(at != std::string_view::npos);
    const auto line_start = text.rfind('\n', at);
    const int column =
        static_cast<int>(at - (line_start == std::string_view::npos ? 0 : line_start + 1)) + 1;
    int number = 1;
    for (std::size_t i = 0; i < at; ++i) number += text[i] == '\n' ? 1 : 0;
    return SourcePos{number, column};
}
int line_of(std::string_view text, std::string_view line) {
    return pos(text, line, line).line;
}

std::string item(std::string_view key, std::string_view value, SourcePos at,
                 std::string_view source_key) {
    return fmt::format("{} = {} @{}:{} [{}]", key, value, at.line, at.column, source_key);
}
std::vector<std::string> listed(const std::vector<Setting>& settings) {
    std::vector<std::string> out;
    for (const auto& s : settings) out.push_back(item(s.key, s.value, s.at, s.source_key));
    return out;
}
std::string tunnel(const DraftTunnel& t) {
    return fmt::format("{} ipsec={} inside={} @{}:{}", t.name, t.ipsec,
                       t.inside ? t.inside->to_string() : "-", t.at.line, t.at.column);
}
std::vector<std::string> errors(const CgwDraft& d) {
    std::vector<std::string> out;
    for (const auto& e : d.errors) out.push_back(e.to_string());
    return out;
}
std::string warning(int line, std::string_view what) {
    return fmt::format("frr.conf:{}: {} not modelled", line, what);
}

CgwDraft read(std::string_view text) {
    return import::read_frr(text, "frr.conf");
}

// A healthy two-neighbor router with `extra` added inside `router bgp`.
std::string router(std::string_view extra, std::string_view after = "") {
    return fmt::format(
        "router bgp 65000\n"
        " neighbor 169.254.10.1 remote-as 64512\n"
        " neighbor 169.254.11.1 remote-as 64512\n"
        "{}"
        " address-family ipv4 unicast\n"
        "  network 10.0.0.0/16\n"
        "  network 10.1.0.0/16\n"
        " exit-address-family\n"
        "exit\n"
        "{}",
        extra, after);
}

}  // namespace

TEST_CASE("frr - the healthy sample", "[import][frr]") {
    const auto text = sample("healthy.frr.conf");
    const auto d = read(text);
    CHECK(d.dialect == import::Dialect::Frr);
    CHECK_FALSE(d.vendor.has_value());
    CHECK(errors(d).empty());
    CHECK(d.warnings.empty());
    const auto n1 = "neighbor 169.254.10.1 timers 10 30";
    CHECK(listed(d.cgw) ==
          std::vector<std::string>{
              item("asn", "65000", pos(text, "router bgp", "65000"), "router bgp"),
              item("bgp.enabled", "true", pos(text, "router bgp", "router"), "router bgp"),
              item("bgp.remote_as", "64512", pos(text, "neighbor 169.254.10.1 remote", "64512"),
                   "neighbor 169.254.10.1 remote-as"),
              item("bgp.keepalive_seconds", "10", pos(text, n1, "10 30"),
                   "neighbor 169.254.10.1 timers"),
              item("bgp.hold_time_seconds", "30", pos(text, n1, "30"),
                   "neighbor 169.254.10.1 timers"),
              item("bgp.connect_retry_seconds", "120", pos(text, "frr defaults", "traditional"),
                   "frr defaults traditional"),
              item("bgp.announce", "[\"10.0.0.0/16\"]", pos(text, "  network", "10.0.0.0/16"),
                   "network"),
          });
    REQUIRE(d.tunnels.size() == 4);
    CHECK(tunnel(d.tunnels[0]) == fmt::format("vti1 ipsec=false inside=169.254.10.2 @{}:{}",
                                              pos(text, "ip address 169.254.10.2", "169").line,
                                              13));
    CHECK(listed(d.tunnels[0].settings) ==
          std::vector<std::string>{item("inside_ip", "\"169.254.10.2/30\"",
                                        pos(text, "ip address 169.254.10.2", "169"),
                                        "interface vti1 ip address")});
    CHECK(tunnel(d.tunnels[1]).substr(0, 37) == "vti2 ipsec=false inside=169.254.11.2 ");
    const auto at1 = pos(text, "neighbor 169.254.10.1 remote", "169");
    CHECK(tunnel(d.tunnels[2]) ==
          fmt::format("169.254.10.1 ipsec=false inside=169.254.10.1 @{}:11", at1.line));
    CHECK(listed(d.tunnels[2].settings) ==
          std::vector<std::string>{
              item("bgp_neighbor", "\"169.254.10.1\"", at1, "neighbor 169.254.10.1")});
    CHECK(d.tunnels[3].inside->to_string() == "169.254.11.1");
    CHECK_FALSE(d.tunnels[3].peer.has_value());
}

TEST_CASE("frr - a password on one neighbor", "[import][frr]") {
    const auto text = sample("md5.frr.conf");
    const auto d = read(text);
    CHECK(errors(d).empty());
    CHECK(d.warnings == std::vector<std::string>{
                            warning(line_of(text, "neighbor 169.254.11.1 remote-as"),
                                    "neighbor 169.254.11.1 no password (one for all neighbors)")});
    const auto password = pos(text, "password", "S3cr3t");
    CHECK(std::count(d.cgw.begin(), d.cgw.end(),
                     Setting{"bgp.md5_password", "\"S3cr3t-md5-key\"", password,
                             "neighbor 169.254.10.1 password"}) == 1);
}

TEST_CASE("frr - the CGW's own inside address as a neighbor", "[import][frr]") {
    const auto text = sample("wrong-neighbor.frr.conf");
    const auto d = read(text);
    CHECK(errors(d).empty());
    CHECK(d.warnings ==
          std::vector<std::string>{warning(line_of(text, "neighbor 169.254.10.2 remote-as"),
                                           "neighbor 169.254.10.2: own address of vti1")});
    REQUIRE(d.tunnels.size() == 4);
    CHECK(d.tunnels[2].settings.front().value == "\"169.254.10.2\"");
    CHECK(d.tunnels[2].inside->to_string() == "169.254.10.2");
}

TEST_CASE("frr - active/passive by route-map out", "[import][frr]") {
    const auto text = sample("prepend-med.frr.conf");
    const auto d = read(text);
    CHECK(errors(d).empty());
    CHECK(d.warnings.empty());
    REQUIRE(d.tunnels.size() == 4);
    CHECK(listed(d.tunnels[2].settings).size() == 1);  // tunnel 1: nothing changed
    const auto set = pos(text, "set as-path prepend", "65000 65000");
    CHECK(listed(d.tunnels[3].settings) ==
          std::vector<std::string>{
              item("bgp_neighbor", "\"169.254.11.1\"",
                   pos(text, "neighbor 169.254.11.1 remote", "169"), "neighbor 169.254.11.1"),
              item("as_path_prepend", "[65000, 65000]", set, "set as-path prepend"),
              item("med", "200", pos(text, "set metric", "200"), "set metric"),
          });
    const auto announce = std::find_if(d.cgw.begin(), d.cgw.end(),
                                       [](const auto& s) { return s.key == "bgp.announce"; });
    REQUIRE(announce != d.cgw.end());
    CHECK(announce->value == "[\"10.0.0.0/16\", \"10.1.0.0/16\"]");
}

TEST_CASE("frr - FRR's own defaults written out", "[import][frr]") {
    auto keys = [](const CgwDraft& d) {
        std::vector<std::string> out;
        for (const auto& s : d.cgw) {
            if (s.key.find("seconds") != std::string::npos) {
                out.push_back(fmt::format("{}={}@{}:{}", s.key, s.value, s.at.line, s.at.column));
            }
        }
        return out;
    };
    const auto plain = router(" no bgp ebgp-requires-policy\n");
    SECTION("no timers, no profile: traditional's 60/180 and 120, at router bgp") {
        CHECK(keys(read(plain)) == std::vector<std::string>{"bgp.keepalive_seconds=60@1:1",
                                                            "bgp.hold_time_seconds=180@1:1",
                                                            "bgp.connect_retry_seconds=120@1:1"});
    }
    SECTION("frr defaults datacenter: 3/9 and 10, at the profile's name") {
        CHECK(keys(read("frr defaults datacenter\n" + plain)) ==
              std::vector<std::string>{"bgp.keepalive_seconds=3@1:14",
                                       "bgp.hold_time_seconds=9@1:14",
                                       "bgp.connect_retry_seconds=10@1:14"});
    }
    SECTION("timers bgp, and a neighbor's connect timer") {
        const auto d =
            read(router(" no bgp ebgp-requires-policy\n timers bgp 20 60\n"
                        " neighbor 169.254.10.1 timers connect 30\n"
                        " neighbor 169.254.11.1 timers connect 30\n"));
        CHECK(keys(d) == std::vector<std::string>{"bgp.keepalive_seconds=20@5:13",
                                                  "bgp.hold_time_seconds=60@5:16",
                                                  "bgp.connect_retry_seconds=30@6:39"});
        CHECK(d.warnings.empty());
    }
    SECTION("neighbors with different timers: the first's, the other warned about") {
        const auto d =
            read(router(" no bgp ebgp-requires-policy\n neighbor 169.254.10.1 timers 10 30\n"
                        " neighbor 169.254.10.1 timers connect 30\n"));
        CHECK(keys(d) == std::vector<std::string>{"bgp.keepalive_seconds=10@5:31",
                                                  "bgp.hold_time_seconds=30@5:34",
                                                  "bgp.connect_retry_seconds=30@6:39"});
        CHECK(d.warnings ==
              std::vector<std::string>{
                  warning(3, "neighbor 169.254.11.1 timers connect 120 (one for all neighbors)"),
                  warning(3, "neighbor 169.254.11.1 timers 60 180 (one for all neighbors)")});
    }
}

TEST_CASE("frr - bgp ebgp-requires-policy", "[import][frr]") {
    auto value_of = [](const CgwDraft& d, std::string_view key) {
        for (const auto& s : d.cgw) {
            if (s.key == key) return s.value;
        }
        return std::string("-");
    };
    SECTION("on by default since FRR 7.4: no routes sent, none accepted (warned)") {
        const auto d = read(router(""));
        CHECK(value_of(d, "bgp.announce") == "-");
        CHECK(value_of(d, "networks") == "[\"10.0.0.0/16\", \"10.1.0.0/16\"]");
        CHECK(d.warnings ==
              std::vector<std::string>{
                  warning(2, "neighbor 169.254.10.1 without policy in (ebgp-requires-policy)"),
                  warning(3, "neighbor 169.254.11.1 without policy in (ebgp-requires-policy)"),
              });
    }
    SECTION("FRR 7.3 had no such default") {
        const auto d = read("frr version 7.3.1\n" + router(""));
        CHECK(value_of(d, "bgp.announce") == "[\"10.0.0.0/16\", \"10.1.0.0/16\"]");
        CHECK(d.warnings.empty());
    }
    SECTION("switched on explicitly; an iBGP neighbor needs no policy") {
        const auto d =
            read("frr version 7.3\n" + router(" bgp ebgp-requires-policy\n neighbor 169.254.12.1 "
                                              "remote-as internal\n"));
        CHECK(value_of(d, "bgp.announce") == "[\"10.0.0.0/16\", \"10.1.0.0/16\"]");
        CHECK(d.warnings ==
              std::vector<std::string>{
                  warning(6, "neighbor 169.254.12.1 remote-as 65000 (one for all neighbors)"),
                  warning(3, "neighbor 169.254.10.1 without policy in (ebgp-requires-policy)"),
                  warning(4, "neighbor 169.254.11.1 without policy in (ebgp-requires-policy)"),
                  warning(3, "neighbor 169.254.10.1 alone not sent 10.0.0.0/16 (+1 more)"),
                  warning(4, "neighbor 169.254.11.1 alone not sent 10.0.0.0/16 (+1 more)"),
              });
    }
    SECTION("not activated for IPv4 unicast") {
        const auto d =
            read(router(" no bgp ebgp-requires-policy\n no bgp default ipv4-unicast\n", "") +
                 "router bgp 65000\n address-family ipv4 unicast\n"
                 "  neighbor 169.254.10.1 activate\n exit-address-family\n");
        CHECK(value_of(d, "bgp.announce") == "[\"10.0.0.0/16\", \"10.1.0.0/16\"]");
        CHECK(d.warnings ==
              std::vector<std::string>{
                  warning(3, "neighbor 169.254.11.1 not activated for IPv4 unicast"),
                  warning(3, "neighbor 169.254.11.1 alone not sent 10.0.0.0/16 (+1 more)"),
              });
    }
}

TEST_CASE("frr - prefix-lists and route-maps out", "[import][frr]") {
    const std::string lists =
        "ip prefix-list ONE seq 5 permit 10.0.0.0/16\n"
        "ip prefix-list SECOND permit 10.1.0.0/16\n"
        "ip prefix-list WIDE seq 10 permit 10.0.0.0/8 le 16\n"
        "ip prefix-list NONE seq 5 deny any\n";
    auto cgw = [](const CgwDraft& d) {
        std::vector<std::string> out;
        for (const auto& s : d.cgw) {
            if (s.key == "bgp.announce" || s.key == "networks" || s.key == "bgp.route_map" ||
                s.key == "bgp.next_hop") {
                out.push_back(s.key + " = " + s.value);
            }
        }
        return out;
    };
    SECTION("a prefix-list out that denies one network to every neighbor") {
        const auto d =
            read(router(" no bgp ebgp-requires-policy\n"
                        " neighbor 169.254.10.1 prefix-list ONE out\n"
                        " neighbor 169.254.11.1 prefix-list WIDE out\n",
                        lists));
        CHECK(cgw(d) ==
              std::vector<std::string>{"bgp.announce = [\"10.0.0.0/16\", \"10.1.0.0/16\"]"});
        CHECK(d.warnings == std::vector<std::string>{
                                warning(2, "neighbor 169.254.10.1 alone not sent 10.1.0.0/16")});
    }
    SECTION("denied to all: the network stays a LAN, not announced") {
        const auto d =
            read(router(" no bgp ebgp-requires-policy\n"
                        " neighbor 169.254.10.1 prefix-list SECOND out\n"
                        " neighbor 169.254.11.1 prefix-list SECOND out\n",
                        lists));
        CHECK(cgw(d) == std::vector<std::string>{"bgp.announce = [\"10.1.0.0/16\"]",
                                                 "networks = [\"10.0.0.0/16\"]"});
        CHECK(d.warnings.empty());
    }
    SECTION("a route-map setting values for one prefix only: route_map entries") {
        const auto d =
            read(router(" no bgp ebgp-requires-policy\n"
                        " neighbor 169.254.11.1 route-map BACKUP out\n",
                        lists + "route-map BACKUP permit 10\n"
                                " match ip address prefix-list SECOND\n"
                                " set as-path prepend 65000\n"
                                " set community 65000:120 65000:7 additive\n"
                                " set ip next-hop 169.254.11.2\n"
                                "route-map BACKUP permit 20\n"
                                "route-map BACKUP deny 15\n"
                                " match ip address prefix-list NONE\n"));
        CHECK(cgw(d) == std::vector<std::string>{
                            "bgp.next_hop = \"169.254.11.2\"",
                            "bgp.announce = [\"10.0.0.0/16\", \"10.1.0.0/16\"]",
                            "bgp.route_map = [{ prefix = \"10.1.0.0/16\", as_path_prepend = "
                            "[65000], communities = [\"65000:120\", \"65000:7\"] }]"});
        // Neighbor 1 has no route-map, but the scenario's entry is every neighbor's.
        CHECK(d.warnings == std::vector<std::string>{warning(
                                2, "neighbor 169.254.10.1 route-map values for 10.1.0.0/16")});
        const auto entry = std::find_if(d.cgw.begin(), d.cgw.end(),
                                        [](const auto& s) { return s.key == "bgp.route_map"; });
        CHECK(entry->at == SourcePos{17, 22});
        CHECK(entry->source_key == "set as-path prepend");
    }
    SECTION("an undefined route-map or prefix-list denies every route") {
        const auto d =
            read(router(" no bgp ebgp-requires-policy\n"
                        " neighbor 169.254.10.1 route-map MISSING out\n"
                        " neighbor 169.254.11.1 prefix-list GONE out\n"));
        CHECK(cgw(d) == std::vector<std::string>{"networks = [\"10.0.0.0/16\", \"10.1.0.0/16\"]"});
        CHECK(d.warnings == std::vector<std::string>{
                                warning(2, "undefined route-map MISSING (denies all)"),
                                warning(3, "undefined prefix-list GONE (denies all)"),
                            });
    }
}

TEST_CASE("frr - route-map in, peer-groups", "[import][frr]") {
    SECTION("local-preference for every route AWS sends is the tunnel's local_pref") {
        const auto d =
            read(router(" no bgp ebgp-requires-policy\n"
                        " neighbor 169.254.10.1 route-map PREFER in\n"
                        " neighbor 169.254.11.1 route-map PICKY in\n",
                        "ip prefix-list VPC permit 172.31.0.0/16\n"
                        "route-map PREFER permit 10\n"
                        " set local-preference 200\n"
                        "route-map PICKY permit 10\n"
                        " match ip address prefix-list VPC\n"
                        " set local-preference 50\n"
                        "route-map PICKY permit 20\n"));
        REQUIRE(d.tunnels.size() == 2);
        CHECK(listed(d.tunnels[0].settings)[1] ==
              item("local_pref", "200", SourcePos{14, 23}, "set local-preference"));
        CHECK(d.tunnels[1].settings.size() == 1);
        CHECK(d.warnings == std::vector<std::string>{
                                warning(15, "route-map PICKY permit 10 in (some routes only)")});
    }
    SECTION("a peer-group's settings are its members'") {
        const auto d = read(
            "router bgp 65000\n"
            " neighbor AWS peer-group\n"
            " neighbor AWS remote-as 64512\n"
            " neighbor AWS password grouped\n"
            " neighbor AWS timers 10 30\n"
            " neighbor 169.254.10.1 peer-group AWS\n"
            " neighbor 169.254.11.1 peer-group AWS\n"
            " no bgp ebgp-requires-policy\n"
            " network 10.0.0.0/16\n");
        CHECK(errors(d).empty());
        CHECK(d.warnings.empty());
        CHECK(
            listed(d.cgw) ==
            std::vector<std::string>{
                item("asn", "65000", SourcePos{1, 12}, "router bgp"),
                item("bgp.enabled", "true", SourcePos{1, 1}, "router bgp"),
                item("bgp.remote_as", "64512", SourcePos{3, 25}, "neighbor AWS remote-as"),
                item("bgp.md5_password", "\"grouped\"", SourcePos{4, 24}, "neighbor AWS password"),
                item("bgp.keepalive_seconds", "10", SourcePos{5, 22}, "neighbor AWS timers"),
                item("bgp.hold_time_seconds", "30", SourcePos{5, 25}, "neighbor AWS timers"),
                item("bgp.connect_retry_seconds", "120", SourcePos{1, 1}, "router bgp"),
                item("bgp.announce", "[\"10.0.0.0/16\"]", SourcePos{9, 10}, "network"),
            });
        REQUIRE(d.tunnels.size() == 2);
        CHECK(tunnel(d.tunnels[1]) == "169.254.11.1 ipsec=false inside=169.254.11.1 @7:11");
    }
}

TEST_CASE("frr - zebra: interfaces and static routes", "[import][frr]") {
    const std::string zebra =
        "interface vti1\n"
        " ip address 169.254.10.2/30\n"
        "interface eth0\n"
        " ip address 198.51.100.10/24\n"
        "ip route 172.31.0.0/16 vti1\n"
        "ip route 172.30.0.0/16 169.254.11.1\n"
        "ip route 172.29.0.0/16 vti1 10\n"
        "ip route 0.0.0.0/0 198.51.100.1\n";
    SECTION("without BGP: each tunnel's static routes") {
        const auto d = read(zebra);
        CHECK(errors(d).empty());
        CHECK(d.warnings.empty());
        CHECK(d.cgw.empty());
        REQUIRE(d.tunnels.size() == 3);
        CHECK(tunnel(d.tunnels[0]) == "vti1 ipsec=false inside=169.254.10.2 @2:13");
        CHECK(tunnel(d.tunnels[1]) == "vti1 ipsec=false inside=169.254.10.2 @5:10");
        CHECK(
            listed(d.tunnels[1].settings) ==
            std::vector<std::string>{item("static_routes", "[\"172.31.0.0/16\", \"172.29.0.0/16\"]",
                                          SourcePos{5, 10}, "ip route")});
        CHECK(tunnel(d.tunnels[2]) == "169.254.11.1 ipsec=false inside=169.254.11.1 @6:10");
    }
    SECTION("beside BGP: warned about, not written") {
        const auto d = read(zebra + router(" no bgp ebgp-requires-policy\n"));
        CHECK(d.warnings.size() == 3);
        CHECK(d.warnings[0] == warning(5, "ip route 172.31.0.0/16 vti1 beside BGP"));
        for (const auto& t : d.tunnels) CHECK(t.settings.front().key != "static_routes");
    }
}

TEST_CASE("frr - what is not modelled is warned about, quiet lines are not", "[import][frr]") {
    const std::string text =
        "! a comment\n"                                  // 1
        "# another\n"                                    // 2
        "frr version 9.0\n"                              // 3
        "log file /var/log/frr/bgpd.log\n"               // 4
        "debug bgp updates\n"                            // 5
        "ipv6 forwarding\n"                              // 6
        "frr defaults simple\n"                          // 7
        "router ospf\n"                                  // 8
        " network 10.0.0.0/16 area 0\n"                  // 9
        "vrf blue\n"                                     // 10
        " ip route 172.31.0.0/16 vti1\n"                 // 11
        "exit-vrf\n"                                     // 12
        "interface vti1\n"                               // 13
        " shutdown\n"                                    // 14
        " ipv6 address fe80::1/64\n"                     // 15
        "router bgp 65000\n"                             // 16
        " bgp bestpath as-path multipath-relax\n"        // 17
        " no bgp ebgp-requires-policy\n"                 // 18
        " neighbor 169.254.10.1 remote-as external\n"    // 19
        " neighbor 169.254.10.1 ebgp-multihop 2\n"       // 20
        " neighbor 169.254.10.1 prefix-list VPC in\n"    // 21
        " neighbor fd00::1 remote-as 64512\n"            // 22
        " neighbor eth0 interface remote-as external\n"  // 23
        " address-family ipv4 unicast\n"                 // 24
        "  redistribute connected\n"                     // 25
        "  neighbor 169.254.10.1 route-map OUT out\n"    // 26
        " exit-address-family\n"                         // 27
        " address-family ipv6 unicast\n"                 // 28
        "  neighbor fd00::1 activate\n"                  // 29
        " exit-address-family\n"                         // 30
        "exit\n"                                         // 31
        "route-map OUT permit 10\n"                      // 32
        " match community 10\n"                          // 33
        " on-match next\n"                               // 34
        " set metric +10\n"                              // 35
        "mpls ldp\n"                                     // 36
        "line vty\n"                                     // 37
        " exec-timeout 0 0\n"                            // 38
        "end\n";                                         // 39
    const auto d = read(text);
    CHECK(errors(d).empty());
    CHECK(d.warnings == std::vector<std::string>{
                            warning(7, "frr defaults simple"),
                            warning(8, "router ospf"),
                            warning(10, "vrf"),
                            warning(14, "interface vti1 shutdown"),
                            warning(17, "bgp bestpath"),
                            warning(20, "neighbor 169.254.10.1 ebgp-multihop"),
                            warning(21, "neighbor 169.254.10.1 prefix-list VPC in"),
                            warning(23, "neighbor eth0 interface (unnumbered BGP)"),
                            warning(25, "redistribute connected (prefixes not in the file)"),
                            warning(33, "match community 10 (matches all)"),
                            warning(34, "on-match next"),
                            warning(35, "set metric +10"),
                            warning(36, "mpls ldp"),
                            warning(19, "neighbor 169.254.10.1 remote-as external (any AS)"),
                        });
    CHECK(d.tunnels.size() == 1);  // the IPv6 neighbor and the VRF's route are not IPv4 tunnels
}

TEST_CASE("frr - errors at the offending word", "[import][frr]") {
    auto first_error = [](std::string_view text) {
        const auto d = read(text);
        REQUIRE_FALSE(d.errors.empty());
        return d.errors.front().to_string();
    };
    CHECK(first_error("router bgp sixty\n") ==
          "frr.conf:1:12: router bgp: expected an AS number (1-4294967295), got 'sixty'");
    CHECK(first_error("router bgp 65000\n neighbor 169.254.10.300 remote-as 64512\n") ==
          "frr.conf:2:11: neighbor 169.254.10.300 remote-as: '169.254.10.300' is not an IPv4 "
          "address or a peer-group declared before");
    CHECK(first_error("router bgp 65000\n neighbor 169.254.10.1 timers 10 30\n") ==
          "frr.conf:2:11: neighbor 169.254.10.1 timers: neighbor 169.254.10.1 has no remote-as "
          "(FRR needs `neighbor 169.254.10.1 remote-as` first)");
    CHECK(first_error("router bgp 65000\n neighbor 169.254.10.1 remote-as AWS\n") ==
          "frr.conf:2:34: neighbor 169.254.10.1 remote-as: expected an AS number (1-4294967295), "
          "external or internal, got 'AWS'");
    CHECK(first_error("router bgp 65000\n neighbor 169.254.10.1 remote-as 1\n"
                      " neighbor 169.254.10.1 timers ten 30\n") ==
          "frr.conf:3:31: neighbor 169.254.10.1 timers: expected a keepalive time (0-65535), got "
          "'ten'");
    CHECK(first_error("router bgp 65000\n neighbor 169.254.10.1 remote-as 1\n"
                      " neighbor 169.254.10.1 route-map OUT\n") ==
          "frr.conf:3:37: neighbor 169.254.10.1 route-map OUT: missing in or out");
    CHECK(first_error("router bgp 65000\n neighbor 169.254.10.1 peer-group AWS\n") ==
          "frr.conf:2:35: neighbor 169.254.10.1 peer-group: no peer-group AWS");
    CHECK(first_error("router bgp 65000\n network 10.0.0.1/16\n") ==
          "frr.conf:2:10: network: expected an IPv4 prefix with no host bits (10.0.0.0/16), got "
          "'10.0.0.1/16'");
    CHECK(first_error("router bgp 65000\nrouter bgp 65001\n") ==
          "frr.conf:2:12: router bgp: BGP is already running as AS 65000");
    CHECK(first_error("interface vti1\n ip address 169.254.10.2\n") ==
          "frr.conf:2:13: interface vti1 ip address: expected an address with its prefix length "
          "(169.254.10.2/30), got '169.254.10.2'");
    CHECK(first_error("ip prefix-list A seq 5 allow 10.0.0.0/8\n") ==
          "frr.conf:1:24: ip prefix-list A: expected permit or deny, got 'allow'");
    CHECK(first_error("ip prefix-list A seq 5 permit 10.0.0.0/8 le 7\n") ==
          "frr.conf:1:45: ip prefix-list A seq 5 permit 10.0.0.0/8 le: expected a prefix length "
          "(8-32), got '7'");
    CHECK(first_error("route-map OUT permit\n") ==
          "frr.conf:1:21: route-map OUT permit: missing a sequence number");
    CHECK(first_error("route-map OUT permit 10\n set as-path prepend 65000 x\n") ==
          "frr.conf:2:28: set as-path prepend: expected an AS number (1-4294967295), got 'x'");
    CHECK(first_error("ip route 172.31.0.0/33 vti1\n") ==
          "frr.conf:1:10: ip route: expected an IPv4 prefix with no host bits, got "
          "'172.31.0.0/33'");
    SECTION("every error is reported, reading goes on") {
        const auto d = read(
            "router bgp x\nrouter bgp 65000\n network 1.2.3.4/8\n"
            " neighbor 169.254.10.1 remote-as 64512\n");
        CHECK(d.errors.size() == 2);
        CHECK(d.tunnels.size() == 1);
    }
}

TEST_CASE("frr - hostile input", "[import][frr]") {
    SECTION("empty and comment-only files: an empty draft") {
        for (const auto* text : {"", "\n\n", "!\n! only comments\n#\n", "end\n"}) {
            const auto d = read(text);
            CHECK(d.errors.empty());
            CHECK(d.warnings.empty());
            CHECK(d.cgw.empty());
            CHECK(d.tunnels.empty());
        }
    }
    SECTION("binary bytes, NULs, a 100 KB line") {
        std::string binary;
        for (int i = 0; i < 4096; ++i) binary += static_cast<char>((i * 131 + 7) % 256);
        const auto d1 = read(binary);
        CHECK(d1.tunnels.empty());
        std::string nul("router bgp 65000\n neighbor 169.254.10.1\0 remote-as 1\n", 53);
        CHECK_FALSE(read(nul).errors.empty());
        const std::string huge = "router bgp 65000\n neighbor 169.254.10.1 remote-as 64512 " +
                                 std::string(100 * 1024, 'x') + "\n network " +
                                 std::string(100 * 1024, '9') + "\n";
        const auto d2 = read(huge);
        REQUIRE(d2.errors.size() == 1);
        CHECK(d2.errors[0].message.size() < 600);
    }
    SECTION("past the bound on list entries: one error") {
        std::string text;
        for (int i = 0; i < 2100; ++i) text += "ip prefix-list L permit any\n";
        CHECK(errors(read(text)) ==
              std::vector<std::string>{"frr.conf:2049:1: ip prefix-list: more than 2048 list "
                                       "entries, matches, routes and addresses"});
    }
    SECTION("more neighbors than a CGW has are refused") {
        std::string text = "router bgp 65000\n";
        for (int i = 0; i < 20; ++i) {
            text += fmt::format(" neighbor 169.254.{}.1 remote-as 64512\n", i);
        }
        const auto d = read(text);
        REQUIRE(d.errors.size() == 4);
        CHECK(d.errors[0].to_string() ==
              "frr.conf:18:11: neighbor 169.254.16.1 remote-as: more than 16 neighbors");
    }
    SECTION("unterminated blocks and stray exits") {
        const auto d = read(
            "exit\nexit-address-family\nroute-map X permit 10\n address-family\n"
            "router bgp 1\n address-family ipv4\n");
        CHECK(d.errors.empty());
    }
}
