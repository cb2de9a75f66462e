// The Junos `set` reader: the bundled samples (scenarios/templates/junos, AWS's SRX
// configuration with TEST-NET values) give exactly the settings, positions and words expected;
// Junos's defaults written out; selectors, export and import policies; every warning and every
// error (line and column pinned); hostile input gives errors or an empty draft.
#include <fmt/format.h>
#include <catch2/catch.hpp>

#include <algorithm>
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

std::string rendered(std::string text) {
    const std::vector<std::pair<std::string, std::string>> values{
        {"{{ tunnel1.outside_ip }}", "203.0.113.10"},
        {"{{ tunnel2.outside_ip }}", "203.0.113.20"},
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
                                               "/scenarios/templates/junos/" + name));
}

// Where `word` is in the first line holding `line`.
SourcePos pos(std::string_view text, std::string_view line, std::string_view word) {
    const auto start = text.find(line);
    REQUIRE(start != std::string_view::npos);
    const auto at = text.find(word, start);
    REQUIRE(at != std::string_view::npos);
    const auto line_start = text.rfind('\n', at);
    const auto from = line_start == std::string_view::npos ? 0 : line_start + 1;
    int number = 1;
    for (std::size_t i = 0; i < at; ++i) number += text[i] == '\n' ? 1 : 0;
    return SourcePos{number, static_cast<int>(at - from) + 1};
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
// "key = value" of each setting, positions left out.
std::vector<std::string> values(const std::vector<Setting>& settings) {
    std::vector<std::string> out;
    for (const auto& s : settings) out.push_back(s.key + " = " + s.value);
    return out;
}
std::string value_of(const std::vector<Setting>& settings, std::string_view key) {
    for (const auto& s : settings) {
        if (s.key == key) return s.value;
    }
    return "-";
}
std::vector<std::string> errors(const CgwDraft& d) {
    std::vector<std::string> out;
    for (const auto& e : d.errors) out.push_back(e.to_string());
    return out;
}
std::string warning(int line, std::string_view what) {
    return fmt::format("srx.conf:{}: {} not modelled", line, what);
}

CgwDraft read(std::string_view text) {
    return import::read_junos_set(text, "srx.conf");
}

// One IKEv1 tunnel with every optional statement left out: Junos's defaults apply.
const std::string kBase =
    "set security ike proposal P1 authentication-method pre-shared-keys\n"      // 1
    "set security ike proposal P1 authentication-algorithm sha-256\n"           // 2
    "set security ike proposal P1 encryption-algorithm aes-256-cbc\n"           // 3
    "set security ike proposal P1 dh-group group14\n"                           // 4
    "set security ike policy POL1 proposals P1\n"                               // 5
    "set security ike policy POL1 pre-shared-key ascii-text \"tunnel1 psk\"\n"  // 6
    "set security ike gateway GW1 ike-policy POL1\n"                            // 7
    "set security ike gateway GW1 address 203.0.113.10\n"                       // 8
    "set security ike gateway GW1 external-interface ge-0/0/0\n"                // 9
    "set security ipsec proposal IP1 protocol esp\n"                            // 10
    "set security ipsec proposal IP1 encryption-algorithm aes-128-gcm\n"        // 11
    "set security ipsec policy IPOL1 perfect-forward-secrecy keys group14\n"    // 12
    "set security ipsec policy IPOL1 proposals IP1\n"                           // 13
    "set security ipsec vpn VPN1 bind-interface st0.1\n"                        // 14
    "set security ipsec vpn VPN1 ike gateway GW1\n"                             // 15
    "set security ipsec vpn VPN1 ike ipsec-policy IPOL1\n"                      // 16
    "set interfaces ge-0/0/0 unit 0 family inet address 198.51.100.10/24\n"     // 17
    "set interfaces st0 unit 1 family inet address 169.254.10.2/30\n";          // 18

// BGP over the tunnel: one neighbor exporting through `policy`.
std::string with_bgp(std::string_view policy, std::string_view extra = "") {
    return kBase + "set routing-options autonomous-system 65000\n" +                    // 19
           "set protocols bgp group aws type external\n" +                              // 20
           "set protocols bgp group aws peer-as 64512\n" +                              // 21
           fmt::format("set protocols bgp group aws export {}\n", policy) +             // 22
           "set protocols bgp group aws neighbor 169.254.10.1\n" + std::string(extra);  // 23
}

}  // namespace

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
