// The FRR reader: the bundled samples (scenarios/templates/frr, placeholders filled in with
// TEST-NET values) give exactly the settings, positions and words expected; every default it
// writes out, every policy path (prefix-lists, route-maps in and out, peer-groups), every
// warning and every error (line and column pinned); hostile input gives errors or an empty
// draft.
// (second part)
#include "tests/import/cgw_frr_test_util.hpp"

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
