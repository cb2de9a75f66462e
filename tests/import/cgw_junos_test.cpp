// The Junos `set` reader: the bundled samples (scenarios/templates/junos, AWS's SRX
// configuration with TEST-NET values) give exactly the settings, positions and words expected;
// Junos's defaults written out; selectors, export and import policies; every warning and every
// error (line and column pinned); hostile input gives errors or an empty draft.
#include "tests/import/cgw_junos_test_util.hpp"

TEST_CASE("junos - the healthy IKEv1 sample (AWS's SRX configuration)", "[import][junos]") {
    const auto text = sample("healthy.junos");
    const auto d = read(text);
    CHECK(d.dialect == import::Dialect::JunosSet);
    CHECK(d.vendor == scenario::CgwVendor::Junos);
    CHECK(errors(d).empty());
    const int zones = pos(text, "set security zones", "set").line;
    CHECK(d.warnings == std::vector<std::string>{warning(zones, "security zones"),
                                                 warning(zones + 1, "security zones"),
                                                 warning(zones + 2, "security zones")});
    const auto gw1 = "set security ike gateway gw-vpn-0123456789abcdef0-1 ike-policy";
    const auto hold = pos(text, "neighbor 169.254.10.1 hold-time", "30");
    const auto hold_key = "protocols bgp group ebgp neighbor 169.254.10.1 hold-time";
    CHECK(listed(d.cgw) ==
          std::vector<std::string>{
              item("asn", "65000", pos(text, "autonomous-system", "65000"),
                   "routing-options autonomous-system"),
              item("outside_ip", "\"198.51.100.10\"", pos(text, "ge-0/0/0 unit 0", "198"),
                   "interfaces ge-0/0/0 unit 0 family inet address"),
              item("nat_keepalive_seconds", "5", pos(text, gw1, "gw-"),
                   "security ike gateway gw-vpn-0123456789abcdef0-1 nat-keepalive"),
              item("tunnel_mtu", "1436", pos(text, "st0.1 family inet mtu", "1436"),
                   "interfaces st0.1 family inet mtu"),
              item("mss_clamp", "1379", pos(text, "tcp-mss", "1379"),
                   "security flow tcp-mss ipsec-vpn mss"),
              item("bgp.enabled", "true", pos(text, "set protocols bgp", "protocols"),
                   "protocols bgp"),
              item("bgp.remote_as", "64512", pos(text, "169.254.10.1 peer-as", "64512"),
                   "protocols bgp group ebgp neighbor 169.254.10.1 peer-as"),
              item("bgp.hold_time_seconds", "30", hold, hold_key),
              item("bgp.keepalive_seconds", "10", hold, hold_key),
              item("bgp.announce", "[\"10.0.0.0/16\"]", pos(text, "route-filter", "10.0.0.0"),
                   "policy-options policy-statement EXPORT-LAN term lan from route-filter"),
          });
    REQUIRE(d.tunnels.size() == 4);
    const DraftTunnel& t1 = d.tunnels[0];
    CHECK(t1.name == "vpn-0123456789abcdef0-1");
    CHECK(t1.ipsec);
    CHECK(t1.peer->to_string() == "203.0.113.10");
    CHECK(t1.inside->to_string() == "169.254.10.2");
    CHECK(t1.at == pos(text, "ipsec vpn vpn-0123456789abcdef0-1 bind", "vpn-0123456789abcdef0-1"));
    const std::string p1 = "security ike proposal ike-prop-vpn-0123456789abcdef0-1 ";
    const std::string p2 = "security ipsec proposal ipsec-prop-vpn-0123456789abcdef0-1 ";
    const std::string g1 = "security ike gateway gw-vpn-0123456789abcdef0-1 ";
    const auto dpd = "gw-vpn-0123456789abcdef0-1 dead-peer-detection";
    CHECK(
        listed(t1.settings) ==
        std::vector<std::string>{
            item("peer", "\"203.0.113.10\"", pos(text, "address 203.0.113.10", "203"),
                 g1 + "address"),
            item("psk", "\"tunnel1_psk_value\"", pos(text, "\"tunnel1_psk_value", "\""),
                 "security ike policy ike-pol-vpn-0123456789abcdef0-1 pre-shared-key "
                 "ascii-text"),
            item("ike_version", "1", pos(text, gw1, "gw-"), g1 + "version"),
            item("ikev1_mode", "\"main\"", pos(text, "mode main", "main"),
                 "security ike policy ike-pol-vpn-0123456789abcdef0-1 mode"),
            item("phase1_encryption_algorithms", "[\"AES128\"]",
                 pos(text, p1 + "encryption-algorithm", "aes-"), p1 + "encryption-algorithm"),
            item("phase1_integrity_algorithms", "[\"SHA1\"]",
                 pos(text, p1 + "authentication-algorithm", "sha1"),
                 p1 + "authentication-algorithm"),
            item("phase1_dh_group_numbers", "[2]", pos(text, p1 + "dh-group", "group2"),
                 p1 + "dh-group"),
            item("ike_lifetime_seconds", "28800", pos(text, p1 + "lifetime", "28800"),
                 p1 + "lifetime-seconds"),
            item("phase2_encryption_algorithms", "[\"AES128\"]",
                 pos(text, p2 + "encryption-algorithm", "aes-"), p2 + "encryption-algorithm"),
            item("phase2_integrity_algorithms", "[\"SHA1\"]",
                 pos(text, p2 + "authentication-algorithm", "hmac"),
                 p2 + "authentication-algorithm"),
            item("phase2_dh_group_numbers", "[2]", pos(text, "keys group2", "group2"),
                 "security ipsec policy ipsec-pol-vpn-0123456789abcdef0-1 "
                 "perfect-forward-secrecy keys"),
            item("phase2_lifetime_seconds", "3600", pos(text, p2 + "lifetime", "3600"),
                 p2 + "lifetime-seconds"),
            item("inside_ip", "\"169.254.10.2/30\"", pos(text, "st0.1 family inet address", "169"),
                 "interfaces st0.1 family inet address"),
            item("initiate", "true", pos(text, "-1 establish-tunnels", "immediately"),
                 "security ipsec vpn vpn-0123456789abcdef0-1 establish-tunnels"),
            item("dpd_interval_seconds", "10", pos(text, dpd, "10"),
                 g1 + "dead-peer-detection interval"),
            item("dpd_retries", "3", pos(text, dpd, "3\n"), g1 + "dead-peer-detection threshold"),
            item("dpd_action", "\"restart\"", pos(text, dpd, "dead-peer"),
                 g1 + "dead-peer-detection"),
        });
    CHECK(d.tunnels[1].peer->to_string() == "203.0.113.20");
    CHECK(value_of(d.tunnels[1].settings, "psk") == "\"tunnel2_psk_value\"");
    CHECK(value_of(d.tunnels[1].settings, "inside_ip") == "\"169.254.11.2/30\"");
    CHECK(listed(d.tunnels[2].settings) ==
          std::vector<std::string>{item("bgp_neighbor", "\"169.254.10.1\"",
                                        pos(text, "neighbor 169.254.10.1", "169"),
                                        "protocols bgp group ebgp neighbor")});
    CHECK_FALSE(d.tunnels[2].ipsec);
    CHECK(d.tunnels[3].inside->to_string() == "169.254.11.1");
}

TEST_CASE("junos - the other samples", "[import][junos]") {
    SECTION("IKEv2 with AES-256, SHA-256, group 14 and AES-256-GCM") {
        const auto text = sample("healthy-ikev2.junos");
        const auto d = read(text);
        CHECK(errors(d).empty());
        REQUIRE(d.tunnels.size() == 4);
        const auto& t = d.tunnels[0].settings;
        CHECK(listed(t)[2] == item("ike_version", "2", pos(text, "-1 version v2-only", "v2-only"),
                                   "security ike gateway gw-vpn-0123456789abcdef0-1 version"));
        CHECK(value_of(t, "ikev1_mode") == "-");
        CHECK(value_of(t, "phase1_encryption_algorithms") == "[\"AES256\"]");
        CHECK(value_of(t, "phase1_integrity_algorithms") == "[\"SHA2-256\"]");
        CHECK(value_of(t, "phase1_dh_group_numbers") == "[14]");
        CHECK(value_of(t, "phase2_encryption_algorithms") == "[\"AES256-GCM-16\"]");
        CHECK(value_of(t, "phase2_integrity_algorithms") == "-");
        CHECK(value_of(t, "phase2_dh_group_numbers") == "[14]");
    }
    SECTION("3DES and MD5, passed on for the simulation to refuse") {
        const auto d = read(sample("legacy-proposals.junos"));
        CHECK(errors(d).empty());
        const auto& t = d.tunnels.at(1).settings;
        CHECK(value_of(t, "phase1_encryption_algorithms") == "[\"3DES\"]");
        CHECK(value_of(t, "phase1_integrity_algorithms") == "[\"MD5\"]");
        CHECK(value_of(t, "phase2_encryption_algorithms") == "[\"3DES\"]");
        CHECK(value_of(t, "phase2_integrity_algorithms") == "[\"MD5\"]");
    }
    SECTION("no-nat-traversal: nat_t off, and no NAT keepalives") {
        const auto text = sample("no-nat-t.junos");
        const auto d = read(text);
        CHECK(errors(d).empty());
        CHECK(value_of(d.cgw, "nat_t") == "false");
        CHECK(value_of(d.cgw, "nat_keepalive_seconds") == "-");
        CHECK(std::find(d.cgw.begin(), d.cgw.end(),
                        Setting{"nat_t", "false", pos(text, "-1 no-nat-traversal", "no-nat"),
                                "security ike gateway gw-vpn-0123456789abcdef0-1 "
                                "no-nat-traversal"}) != d.cgw.end());
    }
    SECTION("a proxy-identity narrows the route-based tunnel's selectors") {
        const auto text = sample("narrow-proxy-ids.junos");
        const auto d = read(text);
        CHECK(errors(d).empty());
        const auto& t = d.tunnels.at(0).settings;
        const auto key = "security ipsec vpn vpn-0123456789abcdef0-1 ike proxy-identity ";
        CHECK(std::count(t.begin(), t.end(),
                         Setting{"local_ts", "[\"10.0.0.0/16\"]",
                                 pos(text, "proxy-identity local", "10.0"),
                                 std::string(key) + "local"}) == 1);
        CHECK(value_of(t, "remote_ts") == "[\"172.31.0.0/16\"]");
        CHECK(value_of(t, "policy") == "-");
    }
    SECTION("a static VPN: each tunnel's static routes, no BGP") {
        const auto text = sample("no-bgp.junos");
        const auto d = read(text);
        CHECK(errors(d).empty());
        CHECK(value_of(d.cgw, "bgp.enabled") == "-");
        REQUIRE(d.tunnels.size() == 2);
        for (const auto& t : d.tunnels) {
            CHECK(value_of(t.settings, "static_routes") == "[\"172.31.0.0/16\"]");
        }
        CHECK(d.warnings.back() ==
              warning(pos(text, "qualified-next-hop", "q").line, "qualified-next-hop preference"));
    }
}

TEST_CASE("junos - Junos's defaults written out", "[import][junos]") {
    SECTION("no DPD, no MSS clamping, IKEv1, on-traffic with nothing to start it") {
        const auto d = read(kBase);
        CHECK(errors(d).empty());
        CHECK(d.warnings == std::vector<std::string>{warning(
                                14, "establish-tunnels on-traffic (IKE started by traffic)")});
        CHECK(listed(d.cgw) ==
              std::vector<std::string>{
                  item("outside_ip", "\"198.51.100.10\"", SourcePos{17, 52},
                       "interfaces ge-0/0/0 unit 0 family inet address"),
                  item("nat_keepalive_seconds", "5", SourcePos{7, 26},
                       "security ike gateway GW1 nat-keepalive"),
                  item("mss_clamp", "0", SourcePos{14, 24}, "security flow tcp-mss ipsec-vpn"),
              });
        REQUIRE(d.tunnels.size() == 1);
        CHECK(values(d.tunnels[0].settings) ==
              std::vector<std::string>{
                  "peer = \"203.0.113.10\"",
                  "psk = \"tunnel1 psk\"",
                  "ike_version = 1",
                  "phase1_encryption_algorithms = [\"AES256\"]",
                  "phase1_integrity_algorithms = [\"SHA2-256\"]",
                  "phase1_dh_group_numbers = [14]",
                  "phase2_encryption_algorithms = [\"AES128-GCM-16\"]",
                  "phase2_dh_group_numbers = [14]",
                  "inside_ip = \"169.254.10.2/30\"",
                  "initiate = false",
                  "dpd_action = \"none\"",
              });
        CHECK(listed(d.tunnels[0].settings)[9] ==
              item("initiate", "false", SourcePos{14, 24},
                   "security ipsec vpn VPN1 establish-tunnels"));
    }
    SECTION("DPD without a threshold: Junos's 5; on-traffic over BGP initiates at once") {
        const auto d = read(with_bgp("OUT",
                                     "set security ike gateway GW1 dead-peer-detection "
                                     "always-send\n"
                                     "set security flow tcp-mss ipsec-vpn\n"));
        const auto& t = d.tunnels.at(0).settings;
        CHECK(value_of(t, "initiate") == "true");
        CHECK(value_of(t, "dpd_interval_seconds") == "-");
        CHECK(value_of(t, "dpd_retries") == "5");
        CHECK(value_of(t, "dpd_action") == "\"restart\"");
        CHECK(value_of(d.cgw, "mss_clamp") == "1320");
        CHECK(value_of(d.cgw, "bgp.hold_time_seconds") == "90");
        CHECK(value_of(d.cgw, "bgp.keepalive_seconds") == "30");
        CHECK(errors(d) ==
              std::vector<std::string>{"srx.conf:22:36: protocols bgp group aws export: no "
                                       "policy-statement named 'OUT'"});
    }
    SECTION("vpn-monitor also starts on-traffic tunnels; DPD clears when nothing restarts") {
        auto d = read(kBase + "set security ipsec vpn VPN1 vpn-monitor\n");
        CHECK(value_of(d.tunnels.at(0).settings, "initiate") == "true");
        d = read(kBase +
                 "set security ipsec vpn VPN1 establish-tunnels responder-only\n"
                 "set security ike gateway GW1 dead-peer-detection interval 20\n");
        CHECK(d.warnings.empty());
        CHECK(value_of(d.tunnels.at(0).settings, "initiate") == "false");
        CHECK(value_of(d.tunnels.at(0).settings, "dpd_action") == "\"clear\"");
        CHECK(value_of(d.tunnels.at(0).settings, "dpd_interval_seconds") == "20");
    }
    SECTION("local-address, aggressive mode, a hexadecimal key, all-tcp MSS") {
        const auto d = read(kBase +
                            "set security ike gateway GW1 local-address 198.51.100.77\n"
                            "set security ike policy POL1 mode aggressive\n"
                            "set security ike policy POL1 pre-shared-key hexadecimal 6b65792131\n"
                            "set security flow tcp-mss all-tcp mss 1400\n"
                            "set security ike gateway GW1 nat-keepalive 20\n");
        CHECK(errors(d).empty());
        CHECK(values(d.cgw) == std::vector<std::string>{"outside_ip = \"198.51.100.77\"",
                                                        "nat_keepalive_seconds = 20",
                                                        "mss_clamp = 1400"});
        CHECK(value_of(d.tunnels.at(0).settings, "ikev1_mode") == "\"aggressive\"");
        CHECK(value_of(d.tunnels.at(0).settings, "psk") == "\"key!1\"");
    }
}

TEST_CASE("junos - traffic selectors", "[import][junos]") {
    SECTION("one traffic-selector: the route-based tunnel's selectors") {
        const auto d = read(kBase +
                            "set security ipsec vpn VPN1 traffic-selector ts1 local-ip "
                            "10.0.0.0/16\n"
                            "set security ipsec vpn VPN1 traffic-selector ts1 remote-ip "
                            "172.31.0.0/16\n");
        CHECK(errors(d).empty());
        CHECK(listed(d.tunnels.at(0).settings)[8] ==
              item("local_ts", "[\"10.0.0.0/16\"]", SourcePos{19, 59},
                   "security ipsec vpn VPN1 traffic-selector ts1 local-ip"));
        CHECK(value_of(d.tunnels.at(0).settings, "remote_ts") == "[\"172.31.0.0/16\"]");
    }
    SECTION("several: one SA each, the scenario's policy-based proxy IDs") {
        const auto d =
            read(kBase +
                 "set security ipsec vpn VPN1 traffic-selector a local-ip 10.0.0.0/16\n"
                 "set security ipsec vpn VPN1 traffic-selector a remote-ip 172.31.0.0/16\n"
                 "set security ipsec vpn VPN1 traffic-selector b local-ip 10.1.0.0/16\n"
                 "set security ipsec vpn VPN1 traffic-selector b remote-ip "
                 "172.31.0.0/16\n");
        CHECK(errors(d).empty());
        const auto& t = d.tunnels.at(0).settings;
        CHECK(value_of(t, "policy") == "\"policy-based\"");
        CHECK(value_of(t, "proxy_ids") ==
              "[{ local = \"10.0.0.0/16\", remote = \"172.31.0.0/16\" }, { local = "
              "\"10.1.0.0/16\", remote = \"172.31.0.0/16\" }]");
    }
    SECTION("refused: half a selector, both forms at once") {
        auto d =
            read(kBase + "set security ipsec vpn VPN1 traffic-selector a local-ip 10.0.0.0/16\n");
        CHECK(errors(d) == std::vector<std::string>{
                               "srx.conf:19:46: security ipsec vpn VPN1 traffic-selector a: "
                               "traffic-selector a needs both local-ip and remote-ip"});
        d = read(kBase +
                 "set security ipsec vpn VPN1 ike proxy-identity local 10.0.0.0/16\n"
                 "set security ipsec vpn VPN1 traffic-selector a local-ip 10.0.0.0/16\n"
                 "set security ipsec vpn VPN1 traffic-selector a remote-ip 10.9.0.0/16\n");
        CHECK(errors(d) == std::vector<std::string>{
                               "srx.conf:20:46: security ipsec vpn VPN1 traffic-selector: a vpn "
                               "has either proxy-identity or traffic-selector, not both"});
    }
    SECTION("a proxy-identity naming one side proposes 0.0.0.0/0 for the other") {
        const auto d = read(kBase +
                            "set security ipsec vpn VPN1 ike proxy-identity remote "
                            "172.31.0.0/16\n");
        CHECK(value_of(d.tunnels.at(0).settings, "local_ts") == "[\"0.0.0.0/0\"]");
    }
}
