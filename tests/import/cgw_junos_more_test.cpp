// The Junos `set` reader: the bundled samples (scenarios/templates/junos, AWS's SRX
// configuration with TEST-NET values) give exactly the settings, positions and words expected;
// Junos's defaults written out; selectors, export and import policies; every warning and every
// error (line and column pinned); hostile input gives errors or an empty draft.
// (second part)
#include "tests/import/cgw_junos_test_util.hpp"

TEST_CASE("junos - export and import policies", "[import][junos]") {
    SECTION("route-filter match types, a filter's own action, per-prefix values") {
        const auto d = read(with_bgp(
            "OUT",
            "set policy-options policy-statement OUT term lans from route-filter 10.0.0.0/8 "
            "orlonger\n"
            "set policy-options policy-statement OUT term lans from route-filter 10.1.0.0/16 "
            "exact reject\n"
            "set policy-options policy-statement OUT term lans then accept\n"
            "set policy-options policy-statement OUT term upto from route-filter 192.168.0.0/16 "
            "upto /24\n"
            "set policy-options policy-statement OUT term upto then as-path-prepend \"65000 "
            "65000\"\n"
            "set policy-options policy-statement OUT term upto then metric 50\n"
            "set policy-options policy-statement OUT term upto then accept\n"
            "set policy-options policy-statement OUT then reject\n"));
        CHECK(errors(d).empty());
        CHECK(d.warnings.empty());
        CHECK(value_of(d.cgw, "bgp.announce") == "[\"10.0.0.0/8\", \"192.168.0.0/16\"]");
        CHECK(value_of(d.cgw, "bgp.route_map") ==
              "[{ prefix = \"192.168.0.0/16\", as_path_prepend = [65000, 65000], med = 50 }]");
        const auto entry = std::find_if(d.cgw.begin(), d.cgw.end(),
                                        [](const auto& s) { return s.key == "bgp.route_map"; });
        CHECK(entry->at == SourcePos{28, 72});
        CHECK(entry->source_key ==
              "policy-options policy-statement OUT term upto then "
              "as-path-prepend");
        CHECK(d.tunnels.at(1).settings.size() == 1);
    }
    SECTION("a neighbor's export replaces its group's; the same values for every prefix") {
        const auto d = read(with_bgp(
            "NONE",
            "set protocols bgp group aws neighbor 169.254.11.1\n"
            "set policy-options prefix-list LANS 10.0.0.0/16\n"
            "set policy-options prefix-list LANS 10.1.0.0/16\n"
            "set policy-options community BACKUP members [ 65000:200 65000:7 ]\n"
            "set policy-options policy-statement NONE then reject\n"
            "set policy-options policy-statement PASSIVE term t from prefix-list LANS\n"
            "set policy-options policy-statement PASSIVE term t then as-path-prepend 65000\n"
            "set policy-options policy-statement PASSIVE term t then metric 100\n"
            "set policy-options policy-statement PASSIVE term t then community add BACKUP\n"
            "set policy-options policy-statement PASSIVE term t then accept\n"
            "set protocols bgp group aws neighbor 169.254.10.1 export PASSIVE\n"));
        CHECK(errors(d).empty());
        CHECK(d.warnings == std::vector<std::string>{warning(
                                24, "neighbor 169.254.11.1 alone not sent 10.0.0.0/16 (+1 more)")});
        CHECK(value_of(d.cgw, "bgp.announce") == "[\"10.0.0.0/16\", \"10.1.0.0/16\"]");
        CHECK(value_of(d.cgw, "bgp.route_map") ==
              "[{ prefix = \"10.0.0.0/16\", communities = [\"65000:200\", \"65000:7\"] }, "
              "{ prefix = \"10.1.0.0/16\", communities = [\"65000:200\", \"65000:7\"] }]");
        const auto& t = d.tunnels.at(1).settings;
        CHECK(listed(t)[1] == item("as_path_prepend", "[65000]", SourcePos{30, 73},
                                   "policy-options policy-statement PASSIVE term t then "
                                   "as-path-prepend"));
        CHECK(value_of(t, "med") == "100");
    }
    SECTION("next policy; an import policy's local-preference; the session's values") {
        const auto d = read(with_bgp(
            "[ FIRST SECOND ]",
            "set policy-options policy-statement FIRST term skip then next policy\n"
            "set policy-options policy-statement SECOND term a from route-filter 10.0.0.0/16 "
            "exact\n"
            "set policy-options policy-statement SECOND term a then accept\n"
            "set policy-options policy-statement PREFER then local-preference 300\n"
            "set policy-options policy-statement PREFER then accept\n"
            "set protocols bgp group aws import PREFER\n"
            "set protocols bgp group aws hold-time 30\n"
            "set protocols bgp group aws authentication-key \"md5 key\"\n"));
        CHECK(errors(d).empty());
        CHECK(d.warnings.empty());
        CHECK(values(d.cgw) ==
              std::vector<std::string>{
                  "asn = 65000", "outside_ip = \"198.51.100.10\"", "nat_keepalive_seconds = 5",
                  "mss_clamp = 0", "bgp.enabled = true", "bgp.remote_as = 64512",
                  "bgp.md5_password = \"md5 key\"", "bgp.hold_time_seconds = 30",
                  "bgp.keepalive_seconds = 10", "bgp.announce = [\"10.0.0.0/16\"]"});
        CHECK(listed(d.tunnels.at(1).settings)[1] ==
              item("local_pref", "300", SourcePos{27, 66},
                   "policy-options policy-statement PREFER then local-preference"));
    }
    SECTION("neighbors that differ where the scenario holds one value") {
        const auto d =
            read(with_bgp("OUT",
                          "set protocols bgp group aws neighbor 169.254.11.1 peer-as 64513\n"
                          "set protocols bgp group aws neighbor 169.254.11.1 hold-time 60\n"
                          "set protocols bgp group aws neighbor 169.254.11.1 authentication-key k\n"
                          "set policy-options policy-statement OUT then reject\n"));
        CHECK(d.warnings ==
              std::vector<std::string>{
                  warning(24, "neighbor 169.254.11.1 peer-as 64513 (one for all neighbors)"),
                  warning(24, "neighbor 169.254.11.1 another md5 key (one for all neighbors)"),
                  warning(24, "neighbor 169.254.11.1 hold-time 60 (one for all neighbors)"),
              });
        CHECK(value_of(d.cgw, "bgp.announce") == "-");
    }
}

TEST_CASE("junos - what is not modelled is warned about, quiet lines are not", "[import][junos]") {
    const std::string text =
        kBase +
        "deactivate security ike gateway GW1 dead-peer-detection\n"                     // 19
        "delete interfaces st0 unit 9\n"                                                // 20
        "set security policies from-zone trust to-zone untrust policy p then permit\n"  // 21
        "set security nat source rule-set r from zone trust\n"                          // 22
        "set security ike gateway GW1 local-identity inet 198.51.100.10\n"              // 23
        "set security ipsec vpn VPN1 df-bit copy\n"                                     // 24
        "set security ipsec proposal IP1 lifetime-kilobytes 1000\n"                     // 25
        "set security ipsec proposal IP1 protocol ah\n"                                 // 26
        "set security ike policy POL1 proposal-set standard\n"                          // 27
        "set security ike proposal P1 authentication-method rsa-signatures\n"           // 28
        "set security ipsec vpn-monitor-options interval 10\n"                          // 29
        "set firewall family inet filter f term t then accept\n"                        // 30
        "set protocols ospf area 0 interface ge-0/0/1.0\n"                              // 31
        "set routing-options rib inet.0 static\n"                                       // 32
        "set security ike policy POL1 proposals [ P2 PRE ]\n"                           // 33
        "set security ike proposal P2 encryption-algorithm 3des-cbc\n"                  // 34
        "set security ike proposal P2 authentication-algorithm md5\n"                   // 35
        "set security ike gateway GW1 address 203.0.113.11\n"                           // 36
        "# quiet from here on ## even after a statement\n"                              // 37
        "set system host-name srx ## SECRET-DATA\n"                                     // 38
        "set snmp community public\n"                                                   // 39
        "set security ike traceoptions file ike\n"                                      // 40
        "set protocols lldp interface all\n"                                            // 41
        "set routing-options router-id 198.51.100.10\n"                                 // 42
        "set interfaces ge-0/0/1 description LAN\n"                                     // 43
        "set security ipsec vpn VPN1 df-bit clear\n"                                    // 44
        "\n";
    const auto d = read(text);
    CHECK(errors(d).empty());
    CHECK(d.warnings == std::vector<std::string>{
                            warning(19, "deactivate security ike gateway"),
                            warning(20, "delete interfaces st0 unit"),
                            warning(21, "security policies"),
                            warning(22, "security nat"),
                            warning(23, "ike gateway local-identity"),
                            warning(24, "df-bit copy"),
                            warning(25, "ipsec proposal lifetime-kilobytes"),
                            warning(26, "ipsec proposal protocol ah"),
                            warning(27, "ike policy proposal-set"),
                            warning(28, "ike proposal authentication-method rsa-signatures"),
                            warning(29, "security ipsec vpn-monitor-options"),
                            warning(30, "firewall family"),
                            warning(31, "protocols ospf"),
                            warning(32, "routing-options rib"),
                            warning(36, "ike gateway backup address"),
                            warning(33, "undefined ike proposal PRE"),
                            warning(33, "several ike proposals (every combination offered)"),
                            warning(14, "establish-tunnels on-traffic (IKE started by traffic)"),
                        });
    const auto& t = d.tunnels.at(0).settings;
    CHECK(value_of(t, "phase1_encryption_algorithms") == "[\"AES256\", \"3DES\"]");
    CHECK(value_of(t, "phase1_integrity_algorithms") == "[\"SHA2-256\", \"MD5\"]");
    CHECK(value_of(t, "peer") == "\"203.0.113.10\"");
    SECTION("BGP and policy statements") {
        const auto b = read(with_bgp(
            "OUT",
            "set protocols bgp group aws multihop ttl 2\n"                       // 24
            "set protocols bgp group ibgp type internal\n"                       // 25
            "set policy-options policy-statement OUT term a from community X\n"  // 26
            "set policy-options policy-statement OUT term a then origin igp\n"   // 27
            "set policy-options policy-statement OUT term a then accept\n"       // 28
            "set policy-options policy-statement OUT term b from route-filter 10.0.0.0/16 "
            "through 10.0.0.0/20\n"  // 29
            "set policy-options policy-statement IN term x from route-filter 0.0.0.0/0 "
            "exact\n"                                                                   // 30
            "set policy-options policy-statement IN term x then local-preference 50\n"  // 31
            "set protocols bgp group aws import IN\n"                                   // 32
            "set security ipsec policy IPOL2 proposals IP1\n"                           // 33
            "set security ipsec vpn VPN1 ike ipsec-policy IPOL2\n"));                   // 34
        CHECK(errors(b).empty());
        CHECK(b.warnings == std::vector<std::string>{
                                warning(24, "bgp multihop"),
                                warning(25, "bgp type internal"),
                                warning(26, "from community (matches all)"),
                                warning(27, "then origin igp"),
                                warning(29, "route-filter through (taken as exact)"),
                                warning(29, "route-filter action 10.0.0.0/20"),
                                warning(33, "ipsec policy without perfect-forward-secrecy"),
                                warning(30, "import term x (some routes only)"),
                            });
    }
}

TEST_CASE("junos - tunnels that differ where the scenario holds one value", "[import][junos]") {
    const auto d = read(kBase +
                        "set security ike gateway GW2 ike-policy POL1\n"                   // 19
                        "set security ike gateway GW2 address 203.0.113.20\n"              // 20
                        "set security ike gateway GW2 no-nat-traversal\n"                  // 21
                        "set security ike gateway GW2 local-address 198.51.100.11\n"       // 22
                        "set security ipsec vpn VPN2 ike gateway GW2\n"                    // 23
                        "set security ipsec vpn VPN2 ike ipsec-policy IPOL1\n"             // 24
                        "set interfaces st0 unit 1 family inet mtu 1436\n"                 // 25
                        "set interfaces st0 unit 2 family inet mtu 1400\n"                 // 26
                        "set security ipsec vpn VPN2 bind-interface st0.2\n"               // 27
                        "set routing-options static route 172.31.0.0/16 next-hop st0.1\n"  // 28
                        "set protocols bgp group aws neighbor 169.254.10.1 peer-as 64512\n"
                        "set security ipsec vpn VPN3 ike gateway GW1\n"  // 30
                        "set security ipsec vpn VPN3 ike ipsec-policy IPOL1\n");
    CHECK(errors(d).empty());
    CHECK(d.warnings == std::vector<std::string>{
                            warning(23, "establish-tunnels on-traffic (IKE started by traffic)"),
                            warning(22, "outside address \"198.51.100.11\" (one for all tunnels)"),
                            warning(26, "st0 mtu 1400 (one for all tunnels)"),
                            warning(30, "ipsec vpn without bind-interface (policy-based)"),
                            warning(30, "establish-tunnels on-traffic (IKE started by traffic)"),
                            warning(21, "no-nat-traversal on some gateways only"),
                            warning(28, "static route 172.31.0.0/16 beside BGP"),
                        });
    CHECK(values(d.cgw) ==
          std::vector<std::string>{"nat_t = false", "outside_ip = \"198.51.100.10\"",
                                   "tunnel_mtu = 1436", "mss_clamp = 0", "bgp.enabled = true",
                                   "bgp.remote_as = 64512", "bgp.hold_time_seconds = 90",
                                   "bgp.keepalive_seconds = 30"});
    REQUIRE(d.tunnels.size() == 4);
    CHECK(value_of(d.tunnels[0].settings, "initiate") == "true");  // BGP runs through st0.1
}

TEST_CASE("junos - errors at the offending word", "[import][junos]") {
    // The first error of kBase with `extra` (line 19 on) added.
    auto first_error = [](std::string_view extra) {
        const auto d = read(kBase + std::string(extra));
        REQUIRE_FALSE(d.errors.empty());
        return d.errors.front().to_string();
    };
    CHECK(first_error("set security ike proposal P1 encryption-algorithm blowfish\n") ==
          "srx.conf:19:51: security ike proposal P1 encryption-algorithm: unknown encryption "
          "algorithm 'blowfish' (Junos has aes-128-cbc, aes-192-cbc, aes-256-cbc, aes-128-gcm, "
          "aes-256-gcm, 3des-cbc, des-cbc, aes-192-gcm, null)");
    CHECK(first_error("set security ipsec proposal IP1 authentication-algorithm sha1\n") ==
          "srx.conf:19:58: security ipsec proposal IP1 authentication-algorithm: unknown "
          "authentication algorithm 'sha1' (Junos has hmac-md5-96, hmac-sha1-96, "
          "hmac-sha-256-128, hmac-sha-384, hmac-sha-512, hmac-sha-256-96)");
    CHECK(first_error("set security ike proposal P1 dh-group modp2048\n") ==
          "srx.conf:19:39: security ike proposal P1 dh-group: unknown DH group 'modp2048' (Junos "
          "writes group1, group2, group5, group14, ..., group24)");
    CHECK(first_error("set security ike gateway GW2 address 203.0.113.300\n") ==
          "srx.conf:19:38: security ike gateway GW2 address: expected an IPv4 address, got "
          "'203.0.113.300'");
    CHECK(first_error("set security ipsec vpn VPN1 ike gateway GW9\n") ==
          "srx.conf:19:41: security ipsec vpn VPN1 ike gateway: no IKE gateway named 'GW9'");
    CHECK(first_error("set security ipsec vpn VPN1 ike ipsec-policy NOPE\n") ==
          "srx.conf:19:46: security ipsec vpn VPN1 ike ipsec-policy: no IPsec policy named "
          "'NOPE'");
    CHECK(first_error("set security ike gateway GW1 ike-policy NOPE\n") ==
          "srx.conf:19:41: security ike gateway GW1 ike-policy: no IKE policy named 'NOPE'");
    CHECK(first_error("set security ipsec vpn VPN2 bind-interface st0.2\n") ==
          "srx.conf:19:24: security ipsec vpn VPN2: names no IKE gateway (ike gateway NAME)");
    CHECK(first_error("set security ike gateway GW2 ike-policy POL1\n"
                      "set security ipsec vpn VPN1 ike gateway GW2\n") ==
          "srx.conf:19:26: security ike gateway GW2: names no peer address (address A.B.C.D)");
    CHECK(first_error("set security ike policy POL1 pre-shared-key ascii-text \"open\n") ==
          "srx.conf:19:56: security ike policy POL1 pre-shared-key ascii-text: a quoted word is "
          "not closed");
    CHECK(first_error("security {\n") ==
          "srx.conf:19:1: security {: a curly-brace statement: this reader takes `set` "
          "statements (show configuration | display set)");
    CHECK(first_error("set security ike policy POL1 pre-shared-key ascii-text "
                      "\"$9$Vw2aGHqfz6/\"\n") ==
          "srx.conf:19:56: security ike policy POL1 pre-shared-key ascii-text: an encrypted "
          "($9$) key cannot be read: write the key as plain text (pre-shared-key ascii-text "
          "\"...\")");
    CHECK(first_error("set security ike policy POL1 proposals [ P1 P2\n") ==
          "srx.conf:19:40: security ike policy POL1 proposals: a list opened with '[' is not "
          "closed with ']'");
    CHECK(first_error("set security ike policy POL1 mode quick\n") ==
          "srx.conf:19:35: security ike policy POL1 mode: expected main or aggressive, got "
          "'quick'");
    CHECK(first_error("set security ike gateway GW1 version v3-only\n") ==
          "srx.conf:19:38: security ike gateway GW1 version: expected v1-only or v2-only, got "
          "'v3-only'");
    CHECK(first_error("set security ike proposal P1 lifetime-seconds 8h\n") ==
          "srx.conf:19:47: security ike proposal P1 lifetime-seconds: expected a lifetime in "
          "seconds (0-4294967295), got '8h'");
    CHECK(first_error("set interfaces st0 unit 1 family inet address 169.254.10.2\n") ==
          "srx.conf:19:47: interfaces st0 unit 1 family inet address: expected an address with "
          "its prefix length (169.254.10.2/30), got '169.254.10.2'");
    CHECK(first_error("set security ipsec vpn VPN1 ike proxy-identity local 10.0.0.1/16\n") ==
          "srx.conf:19:54: security ipsec vpn VPN1 ike proxy-identity local: expected an IPv4 "
          "prefix with no host bits (10.0.0.0/16), got '10.0.0.1/16'");
    CHECK(first_error("set security ipsec vpn VPN1 establish-tunnels sometimes\n") ==
          "srx.conf:19:47: security ipsec vpn VPN1 establish-tunnels: expected immediately or "
          "on-traffic, got 'sometimes'");
    CHECK(first_error("set security ike gateway GW1\n") ==
          "srx.conf:19:29: security ike gateway GW1: missing a gateway setting");
    SECTION("routing and policies") {
        auto bgp_error = [](std::string_view policy, std::string_view extra) {
            const auto d = read(with_bgp(policy, extra));
            REQUIRE_FALSE(d.errors.empty());
            return d.errors.front().to_string();
        };
        CHECK(bgp_error("OUT",
                        "set policy-options policy-statement OUT term a from route-filter "
                        "10.0.0.1/8 exact\n") ==
              "srx.conf:24:66: policy-options policy-statement OUT term a from route-filter: "
              "expected an IPv4 prefix with no host bits (10.0.0.0/16), got '10.0.0.1/8'");
        CHECK(
            bgp_error("OUT",
                      "set policy-options policy-statement OUT then as-path-prepend \"650x\"\n") ==
            "srx.conf:24:62: policy-options policy-statement OUT then as-path-prepend: expected "
            "AS numbers (\"65000 65000\"), got '650x'");
        CHECK(bgp_error("OUT",
                        "set policy-options policy-statement OUT then community add NONE\n"
                        "set policy-options policy-statement OUT then accept\n") ==
              "srx.conf:24:60: policy-options policy-statement OUT then community add: no "
              "community named 'NONE'");
        CHECK(bgp_error("OUT", "set policy-options policy-statement OUT from prefix-list GONE\n") ==
              "srx.conf:24:58: policy-options policy-statement OUT from prefix-list: no "
              "prefix-list named 'GONE'");
        CHECK(bgp_error("OUT",
                        "set protocols bgp group other neighbor 169.254.11.1\n"
                        "set policy-options policy-statement OUT then accept\n") ==
              "srx.conf:24:40: protocols bgp group other neighbor: neighbor 169.254.11.1 has no "
              "peer-as");
        CHECK(bgp_error("OUT", "set routing-options autonomous-system 65000.1\n") ==
              "srx.conf:24:39: routing-options autonomous-system: expected an AS number "
              "(1-4294967295), got '65000.1'");
    }
    SECTION("every error is reported") {
        const auto d = read(kBase +
                            "set security ike proposal P1 encryption-algorithm blowfish\n"
                            "set security ike proposal P1 dh-group modp2048\n"
                            "set security ipsec vpn VPN1 ike gateway GW9\n");
        CHECK(d.errors.size() == 3);
    }
}

TEST_CASE("junos - hostile input", "[import][junos]") {
    SECTION("empty and comment-only files: an empty draft, no vendor") {
        for (const auto* text : {"", "\n", "# only a comment\n## and another\n", "   \t\n"}) {
            const auto d = read(text);
            CHECK(d.errors.empty());
            CHECK(d.warnings.empty());
            CHECK(d.cgw.empty());
            CHECK(d.tunnels.empty());
            CHECK_FALSE(d.vendor.has_value());
        }
    }
    SECTION("binary bytes, NULs, a 100 KB line, a lone quote at the end") {
        std::string binary;
        for (int i = 0; i < 4096; ++i) binary += static_cast<char>((i * 151 + 3) % 256);
        CHECK(read(binary).tunnels.empty());
        const std::string nul("set security ike gateway G\0 address 1.2.3.4\n", 44);
        CHECK(read(nul).tunnels.empty());
        const auto huge = read("set security ike proposal P " + std::string(100 * 1024, 'x') +
                               " 1\nset \"" + std::string(100 * 1024, 'y'));
        REQUIRE(huge.errors.size() == 1);
        CHECK(huge.errors[0].to_string().size() < 700);
        CHECK(huge.warnings.size() == 1);
        CHECK(errors(read("set \"")) ==
              std::vector<std::string>{"srx.conf:1:5: a quoted word is not closed"});
        CHECK(read("set\n").errors.size() == 1);
    }
    SECTION("past the bound on policy entries: one error") {
        std::string text;
        for (int i = 0; i < 2100; ++i) {
            text +=
                fmt::format("set policy-options prefix-list L 10.{}.{}.0/24\n", i / 256, i % 256);
        }
        CHECK(errors(read(text)) ==
              std::vector<std::string>{"srx.conf:2049:5: policy-options prefix-list: more than "
                                       "2048 policy terms, route-filters and prefix-list "
                                       "entries"});
    }
    SECTION("more vpns or neighbors than a CGW has are refused") {
        std::string text;
        for (int i = 0; i < 17; ++i) {
            text += fmt::format("set security ipsec vpn V{} bind-interface st0.{}\n", i, i);
            text += fmt::format("set protocols bgp group g neighbor 169.254.{}.1 peer-as 1\n", i);
        }
        const auto d = read(text);
        REQUIRE(d.errors.size() > 2);  // the vpns name no gateway either
        CHECK(d.errors[0].to_string() ==
              "srx.conf:33:24: security ipsec vpn V16: more than 16 vpns");
        CHECK(d.errors[1].to_string() ==
              "srx.conf:34:36: protocols bgp group g neighbor: more than 16 neighbors");
    }
}
