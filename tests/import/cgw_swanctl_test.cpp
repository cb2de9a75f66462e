// The swanctl.conf reader: the bundled samples (every setting, its place and the file's words
// for it), strongSwan's defaults set explicitly, the lifetime mapping, several children, the
// proposal syntax, secrets, every warning and every error (line and column), hostile input.
#include <catch2/catch.hpp>

#include <string>
#include <utility>
#include <vector>

#include "sim/import/cgw_swanctl_detail.hpp"
#include "tests/import/cgw_swanctl_test_util.hpp"

using namespace vpnsim;
using namespace vpnsim::import;
using namespace vpnsim::import::testing;

namespace {

CgwDraft read(std::string_view text) {
    return read_swanctl(text, "in");
}

// One connection to AWS's 203.0.113.10 with `conn` inside its section and `child` inside its
// only child's.
std::string one(std::string_view conn, std::string_view child = "") {
    return "connections {\n    aws {\n        remote_addrs = 203.0.113.10\n"
           "        local_addrs = 198.51.100.10\n        dpd_delay = 10s\n"
           "        local {\n            auth = psk\n        }\n"
           "        remote {\n            auth = psk\n        }\n" +
           std::string(conn) +
           "\n        children {\n            net {\n                local_ts = 0.0.0.0/0\n"
           "                remote_ts = 0.0.0.0/0\n"
           "                esp_proposals = aes128-sha1-modp2048\n" +
           std::string(child) + "\n            }\n        }\n    }\n}\n";
}

}  // namespace

TEST_CASE("swanctl - the healthy sample", "[import][strongswan]") {
    const auto text = strongswan_sample("healthy.swanctl.conf");
    const auto d = read(text);
    CHECK(d.errors.empty());
    CHECK(d.warnings.empty());
    CHECK(d.dialect == Dialect::Swanctl);
    CHECK(d.vendor == scenario::CgwVendor::Strongswan);
    REQUIRE(d.cgw.size() == 1);
    CHECK(d.cgw[0] == Setting{"outside_ip", "\"198.51.100.10\"", pos_of(text, "198.51.100.10"),
                              "connections.aws-tunnel1.local_addrs"});
    REQUIRE(d.tunnels.size() == 2);
    const auto& t = d.tunnels[0];
    CHECK(t.name == "aws-tunnel1");
    CHECK(t.ipsec);
    CHECK(t.peer == net::Ipv4Addr::parse("203.0.113.10"));
    CHECK(t.inside == net::Ipv4Addr::parse("169.254.10.2"));
    CHECK(t.at == pos_of(text, "aws-tunnel1 {"));
    const std::string c = "connections.aws-tunnel1.";
    const std::string k = c + "children.tunnel1.";
    check_settings(
        text, t,
        {{"ike_version", "2", "version = |2", 0, c + "version"},
         {"peer", "\"203.0.113.10\"", "203.0.113.10", 0, c + "remote_addrs"},
         {"phase1_encryption_algorithms", "[\"AES128\"]", "aes128-sha1-modp2048", 0,
          c + "proposals"},
         {"phase1_integrity_algorithms", "[\"SHA1\"]", "aes128-sha1-modp2048", 0, c + "proposals"},
         {"phase1_dh_group_numbers", "[14]", "aes128-sha1-modp2048", 0, c + "proposals"},
         {"dpd_interval_seconds", "10", "10s", 0, c + "dpd_delay"},
         {"dpd_action", "\"restart\"", "dpd_action = |restart", 0, k + "dpd_action"},
         {"phase2_lifetime_seconds", "3600", "life_time = |1h", 0, k + "life_time"},
         {"rekey_margin_time_seconds", "540", "life_time = |1h", 0, k + "life_time"},
         {"rekey_fuzz_percentage", "100", "children {\n            |tunnel1", 0, k + "rand_time"},
         {"ike_lifetime_seconds", "29340", "rekey_time = |8h", 0, c + "rekey_time"},
         {"local_ts", "[\"0.0.0.0/0\"]", "local_ts = |0.0.0.0/0", 0, k + "local_ts"},
         {"remote_ts", "[\"0.0.0.0/0\"]", "remote_ts = |0.0.0.0/0", 0, k + "remote_ts"},
         {"phase2_encryption_algorithms", "[\"AES128\"]", "aes128-sha1-modp2048", 1,
          k + "esp_proposals"},
         {"phase2_integrity_algorithms", "[\"SHA1\"]", "aes128-sha1-modp2048", 1,
          k + "esp_proposals"},
         {"phase2_dh_group_numbers", "[14]", "aes128-sha1-modp2048", 1, k + "esp_proposals"},
         {"inside_ip", "\"169.254.10.2/30\"", "169.254.10.2/30", 0, k + "updown -ll"},
         {"initiate", "true", "start_action = |start", 1, k + "start_action"},
         {"psk", "\"tunnel1_psk_value\"", "tunnel1_psk_value", 0, "secrets.ike-tunnel1.secret"}});
    const auto& t2 = d.tunnels[1];
    CHECK(t2.peer == net::Ipv4Addr::parse("203.0.113.20"));
    CHECK(t2.inside == net::Ipv4Addr::parse("169.254.11.2"));
    CHECK(setting(t2.settings, "psk").value == "\"tunnel2_psk_value\"");
    CHECK(setting(t2.settings, "psk").at == pos_of(text, "tunnel2_psk_value"));

    SECTION("the loader takes every value") {
        const auto s = loaded_cgw(d);
        REQUIRE(s.cgw.tunnels.size() == 2);
        CHECK(s.cgw.tunnels[0].ike_lifetime_seconds == 29340);
        CHECK(s.cgw.tunnels[0].inside_ip->to_string() == "169.254.10.2/30");
        CHECK(s.cgw.tunnels[1].psk == "tunnel2_psk_value");
    }
}

TEST_CASE("swanctl - the broken samples", "[import][strongswan]") {
    SECTION("narrow-ts: the networks only") {
        const auto text = strongswan_sample("narrow-ts.swanctl.conf");
        const auto d = read(text);
        CHECK(d.errors.empty());
        CHECK(d.warnings.empty());
        REQUIRE(d.tunnels.size() == 2);
        for (const auto& t : d.tunnels) {
            CHECK(setting(t.settings, "local_ts").value == "[\"10.0.0.0/16\"]");
            CHECK(setting(t.settings, "remote_ts").value == "[\"172.31.0.0/16\"]");
        }
        CHECK(setting(d.tunnels[0].settings, "local_ts").at ==
              pos_of(text, "local_ts = |10.0.0.0/16"));
        loaded_cgw(d);
    }
    SECTION("respond-only: start_action none on both") {
        const auto text = strongswan_sample("respond-only.swanctl.conf");
        const auto d = read(text);
        CHECK(d.errors.empty());
        CHECK(d.warnings.empty());
        REQUIRE(d.tunnels.size() == 2);
        CHECK(setting(d.tunnels[0].settings, "initiate").value == "false");
        CHECK(setting(d.tunnels[0].settings, "initiate").at ==
              pos_of(text, "start_action = |none", 1));
        CHECK(setting(d.tunnels[1].settings, "initiate").value == "false");
        CHECK_FALSE(loaded_cgw(d).cgw.tunnels[1].initiate);
    }
}

TEST_CASE("swanctl - strongSwan's defaults are set explicitly", "[import][strongswan]") {
    const std::string text =
        "connections {\n"
        "  aws {\n"
        "    remote_addrs = 203.0.113.10\n"
        "    local {\n      auth = psk\n    }\n"
        "    remote {\n      auth = psk\n    }\n"
        "    children {\n      net {\n      }\n    }\n"
        "  }\n"
        "}\n";
    const auto d = read(text);
    CHECK(d.errors.empty());
    CHECK(d.cgw.empty());
    // No local address: the default local_ts (dynamic) is not known; the ESP default has no PFS.
    CHECK(d.warnings == std::vector<std::string>{
                            warning_at(text, "net {", "local_ts = dynamic (address unknown)"),
                            warning_at(text, "net {",
                                       "esp_proposals (the default) without a DH group (no PFS)")});
    REQUIRE(d.tunnels.size() == 1);
    const std::string c = "connections.aws.";
    const std::string k = c + "children.net.";
    check_settings(
        text, d.tunnels[0],
        {{"ike_version", "2", "aws {", 0, c + "version"},
         {"peer", "\"203.0.113.10\"", "203.0.113.10", 0, c + "remote_addrs"},
         {"phase1_encryption_algorithms",
          "[\"AES128\", \"AES192\", \"AES256\", \"AES128-GCM-16\", \"AES256-GCM-16\"]", "aws {", 0,
          c + "proposals"},
         {"phase1_integrity_algorithms", "[\"SHA2-256\", \"SHA2-384\", \"SHA2-512\", \"SHA1\"]",
          "aws {", 0, c + "proposals"},
         {"phase1_dh_group_numbers", "[19, 20, 21, 15, 16, 17, 18, 14]", "aws {", 0,
          c + "proposals"},
         // dpd_delay 0: no liveness checks at all
         {"dpd_action", "\"none\"", "aws {", 0, c + "dpd_delay"},
         // CHILD_SA: rekey 1 h, life_time 1 h + 10 %, rand_time the difference; the IKE SA is
         // rekeyed after 4 h (its lifetime: 4 h + the margin)
         {"phase2_lifetime_seconds", "3960", "net {", 0, k + "life_time"},
         {"rekey_margin_time_seconds", "360", "net {", 0, k + "life_time"},
         {"rekey_fuzz_percentage", "100", "net {", 0, k + "rand_time"},
         {"ike_lifetime_seconds", "14760", "aws {", 0, c + "rekey_time"},
         {"remote_ts", "[\"203.0.113.10/32\"]", "net {", 0, k + "remote_ts"},
         {"phase2_encryption_algorithms",
          "[\"AES128-GCM-16\", \"AES256-GCM-16\", \"AES128\", \"AES192\", \"AES256\"]", "net {", 0,
          k + "esp_proposals"},
         {"phase2_integrity_algorithms", "[\"SHA2-256\", \"SHA2-384\", \"SHA2-512\", \"SHA1\"]",
          "net {", 0, k + "esp_proposals"},
         // start_action none: only answers
         {"initiate", "false", "net {", 0, k + "start_action"}});
    const auto s = loaded_cgw(d);
    CHECK(s.cgw.tunnels[0].dpd_action == scenario::DpdAction::None);
    CHECK_FALSE(s.cgw.tunnels[0].initiate);
}

TEST_CASE("swanctl - versions, DPD and start actions", "[import][strongswan]") {
    SECTION("version 1 with aggressive mode; IKEv1's dpd_timeout gives the retries") {
        const auto text =
            one("        version = 1\n        aggressive = yes\n"
                "        dpd_timeout = 35s\n");
        const auto d = read(text);
        CHECK(d.errors.empty());
        const auto& t = d.tunnels.at(0);
        CHECK(setting(t.settings, "ike_version").value == "1");
        CHECK(setting(t.settings, "ikev1_mode").value == "\"aggressive\"");
        CHECK(setting(t.settings, "ikev1_mode").at == pos_of(text, "yes"));
        // dead after 35 s at 10 s intervals: 4 checks, 3 retries
        CHECK(setting(t.settings, "dpd_retries").value == "3");
        CHECK(setting(t.settings, "dpd_action").value == "\"clear\"");  // the child's default
        CHECK(setting(t.settings, "dpd_action").source_key ==
              "connections.aws.children.net.dpd_action");
        loaded_cgw(d);
    }
    SECTION("IKEv2 ignores dpd_timeout and aggressive") {
        const auto d = read(one("        aggressive = yes\n        dpd_timeout = 35s\n"));
        CHECK(d.errors.empty());
        CHECK_FALSE(has(d.tunnels.at(0).settings, "ikev1_mode"));
        CHECK_FALSE(has(d.tunnels.at(0).settings, "dpd_retries"));
    }
    SECTION("version 0 initiates IKEv2; a version strongSwan does not know is passed on") {
        CHECK(setting(read(one("version = 0")).tunnels.at(0).settings, "ike_version").value == "2");
        CHECK(setting(read(one("version = 3")).tunnels.at(0).settings, "ike_version").value ==
              "\"3\"");
    }
    SECTION("dpd_action: none is clear, start is restart, trap is clear (warned)") {
        for (const auto& [word, value] : std::vector<std::pair<std::string, std::string>>{
                 {"none", "\"clear\""}, {"start", "\"restart\""}, {"trap", "\"clear\""}}) {
            const auto d = read(one("", "dpd_action = " + word));
            CHECK(setting(d.tunnels.at(0).settings, "dpd_action").value == value);
        }
    }
    SECTION("start_action trap|start (6.x) initiates") {
        const auto text = one("keyingtries = 0", "start_action = trap|start\n");
        const auto d = read(text);
        CHECK(setting(d.tunnels.at(0).settings, "initiate").value == "true");
        CHECK(d.warnings == std::vector<std::string>{warning_at(
                                text, "trap|", "start_action = trap|start (trap policy)")});
    }
    SECTION("an unknown start_action is passed on for the loader to refuse") {
        const auto d = read(one("", "start_action = always\n"));
        CHECK(setting(d.tunnels.at(0).settings, "initiate").value == "\"always\"");
    }
}

TEST_CASE("swanctl - lifetimes: each SA's rekey time kept, the first child's margin and fuzz",
          "[import][strongswan]") {
    const auto get = [](const CgwDraft& d, std::string_view key) {
        return setting(d.tunnels.at(0).settings, key).value;
    };
    SECTION("rekey_time, life_time and rand_time written") {
        const auto d = read(one("rekey_time = 6h\n",
                                "rekey_time = 50m\nlife_time = 1h\n"
                                "rand_time = 5m\n"));
        CHECK(d.warnings.empty());
        CHECK(get(d, "phase2_lifetime_seconds") == "3600");
        CHECK(get(d, "rekey_margin_time_seconds") == "600");
        CHECK(get(d, "rekey_fuzz_percentage") == "50");
        CHECK(get(d, "ike_lifetime_seconds") == "22200");  // 6 h + 10 min
        loaded_cgw(d);
    }
    SECTION("the IKE SA's own over_time and rand_time give way, warned") {
        const auto text = one("over_time = 30m\nrand_time = 6m\n", "rekey_time = 50m\n");
        const auto d = read(text);
        CHECK(get(d, "rekey_margin_time_seconds") == "300");  // 55 min - 50 min
        CHECK(d.warnings ==
              std::vector<std::string>{
                  warning_at(text, "over_time", "over_time = 30m (the first child's is used)"),
                  warning_at(text, "rand_time", "rand_time = 6m (the first child's is used)")});
    }
    SECTION("reauth_time is simulated as a rekey") {
        const auto text = one("reauth_time = 2h\n");
        const auto d = read(text);
        CHECK(get(d, "ike_lifetime_seconds") == "7560");
        CHECK(setting(d.tunnels.at(0).settings, "ike_lifetime_seconds").source_key ==
              "connections.aws.reauth_time");
        CHECK(d.warnings ==
              std::vector<std::string>{warning_at(
                  text, "reauth_time", "reauth_time (reauthentication, simulated as a rekey)")});
    }
    SECTION("a rand_time over the margin caps the fuzz at 100 %") {
        const auto text = one("", "rand_time = 20m\n");
        const auto d = read(text);
        CHECK(get(d, "rekey_fuzz_percentage") == "100");
        CHECK(d.warnings ==
              std::vector<std::string>{
                  warning_at(text, "rand_time", "rand_time = 20m (over the margin: fuzz 100%)")});
    }
    SECTION("no rekeying: the IKE SA gives the margin; nothing renews it") {
        const auto text = one("rekey_time = 0\nover_time = 10m\n", "rekey_time = 0\n");
        const auto d = read(text);
        CHECK_FALSE(has(d.tunnels.at(0).settings, "phase2_lifetime_seconds"));
        CHECK_FALSE(has(d.tunnels.at(0).settings, "ike_lifetime_seconds"));
        CHECK(get(d, "rekey_margin_time_seconds") == "600");
        CHECK(d.warnings ==
              std::vector<std::string>{
                  warning_at(text, "rekey_time", "rekey_time = 0 (the IKE SA never renewed)"),
                  warning_at(text, "rekey_time = 0", "rekey_time = 0 (the CHILD_SA never rekeyed)",
                             1)});
    }
}

TEST_CASE("swanctl - several children are one policy-based tunnel", "[import][strongswan]") {
    const std::string text =
        "connections {\n"
        "  aws {\n"
        "    remote_addrs = 203.0.113.10\n"
        "    local_addrs = 198.51.100.10\n"
        "    keyingtries = 0\n"
        "    local {\n      auth = psk\n    }\n"
        "    remote {\n      auth = psk\n    }\n"
        "    children {\n"
        "      lan {\n"
        "        local_ts = 10.0.0.0/16, 10.1.0.0/16\n"
        "        remote_ts = 172.31.0.0/16\n"
        "        esp_proposals = aes256-sha256-modp2048\n"
        "        start_action = start\n"
        "      }\n"
        "      dmz {\n"
        "        local_ts = 192.168.5.7/24\n"
        "        esp_proposals = aes256-sha256-modp2048\n"
        "        rekey_time = 30m\n"
        "      }\n"
        "    }\n"
        "  }\n"
        "}\n";
    const auto d = read(text);
    CHECK(d.errors.empty());
    // The second child's own lifetime is not modelled: the first child's counts.
    CHECK(d.warnings == std::vector<std::string>{warning_at(
                            text, "rekey_time = 30m", "rekey_time unlike the first child's")});
    const auto& t = d.tunnels.at(0);
    CHECK_FALSE(has(t.settings, "local_ts"));
    CHECK_FALSE(has(t.settings, "remote_ts"));
    CHECK(setting(t.settings, "policy").value == "\"policy-based\"");
    CHECK(setting(t.settings, "policy").at == pos_of(text, "children {"));
    CHECK(setting(t.settings, "proxy_ids").source_key == "connections.aws.children");
    // each child's local x remote; dmz's remote_ts is dynamic: the peer's address
    CHECK(setting(t.settings, "proxy_ids").value ==
          "[{ local = \"10.0.0.0/16\", remote = \"172.31.0.0/16\" }, "
          "{ local = \"10.1.0.0/16\", remote = \"172.31.0.0/16\" }, "
          "{ local = \"192.168.5.0/24\", remote = \"203.0.113.10/32\" }]");
    CHECK(setting(t.settings, "initiate").value == "true");
    const auto s = loaded_cgw(d);
    CHECK(s.cgw.tunnels[0].proxy_ids.size() == 3);
}

TEST_CASE("swanctl - secrets", "[import][strongswan]") {
    const auto psk_of = [](const CgwDraft& d, std::size_t i) {
        return setting(d.tunnels.at(i).settings, "psk").value;
    };
    SECTION("by remote_addrs, by remote id, or for any peer") {
        const std::string text =
            "connections {\n"
            "  one {\n    remote_addrs = 203.0.113.10\n  }\n"
            "  two {\n    remote_addrs = 203.0.113.20\n    remote {\n      id = aws-2\n    }\n  }\n"
            "  three {\n    remote_addrs = 203.0.113.30\n  }\n"
            "}\n"
            "secrets {\n"
            "  ike-any {\n    secret = 'for-anyone'\n  }\n"
            "  ike-2 {\n    id-remote = aws-2\n    secret = \"second key\"\n  }\n"
            "  ike-1 {\n    id-a = 198.51.100.10\n    id-b = 203.0.113.10\n    secret = k1\n  }\n"
            "}\n";
        const auto d = read(text);
        CHECK(d.errors.empty());
        REQUIRE(d.tunnels.size() == 3);
        CHECK(psk_of(d, 0) == "\"k1\"");
        CHECK(setting(d.tunnels[0].settings, "psk").at == pos_of(text, "k1"));
        CHECK(setting(d.tunnels[0].settings, "psk").source_key == "secrets.ike-1.secret");
        CHECK(psk_of(d, 1) == "\"second key\"");
        CHECK(psk_of(d, 2) == "\"'for-anyone'\"");  // single quotes are no quotes in swanctl
    }
    SECTION("a key no connection here takes is a key for its IPv4 ids") {
        const std::string text =
            "secrets {\n  ike-tunnel1 {\n    id = 203.0.113.10\n    secret = \"k\\\"1\"\n  }\n"
            "  ike-named {\n    id = aws.example.com\n    secret = k2\n  }\n}\n";
        const auto d = read(text);
        CHECK(d.errors.empty());
        REQUIRE(d.tunnels.size() == 1);
        CHECK_FALSE(d.tunnels[0].ipsec);
        CHECK(d.tunnels[0].name == "ike-tunnel1");
        CHECK(d.tunnels[0].peer == net::Ipv4Addr::parse("203.0.113.10"));
        CHECK(d.tunnels[0].settings ==
              std::vector<Setting>{
                  {"psk", "\"k\\\"1\"", pos_of(text, "k\\\"1"), "secrets.ike-tunnel1.secret"}});
        CHECK(d.warnings == std::vector<std::string>{warning_at(
                                text, "ike-named", "ike-named: no connection, no peer address")});
    }
}

TEST_CASE("swanctl - statements that are not modelled are warned", "[import][strongswan]") {
    struct Row {
        std::string conn;    // in the connection's section
        std::string child;   // in its child's
        std::string needle;  // on the warning's line
        std::string warning;
    };
    const std::vector<Row> rows{
        {"encap = yes", "", "encap", "encap = yes"},
        {"encap = no", "", "", ""},
        {"local_port = 4501", "", "local_port", "local_port = 4501"},
        {"vips = 0.0.0.0", "", "vips", "vips = 0.0.0.0"},
        {"mobike = no\nfragmentation = yes\nunique = replace\nif_id_in = 7", "", "", ""},
        {"send_mail = yes", "", "send_mail", "send_mail"},
        {"pools = p1", "", "pools", "pools"},
        {"keyingtries = 3", "start_action = start", "keyingtries", "keyingtries = 3 (gives up)"},
        {"", "start_action = start", "aws {", "keyingtries = 1 (gives up)"},
        {"keyingtries = 0", "start_action = start", "", ""},
        {"remote_addrs = 203.0.113.10, 203.0.113.11", "", "203.0.113.11",
         "remote_addrs: addresses after the first"},
        {"local_addrs = %any", "", "", ""},
        {"local_addrs = cgw.example.com", "", "cgw.example.com",
         "local_addrs = cgw.example.com (not IPv4)"},
        {"remote-2 {\nauth = psk\n}", "", "remote-2", "second authentication round remote-2"},
        {"local {\nauth = pubkey\n}", "", "pubkey", "local.auth = pubkey (only psk)"},
        {"", "ah_proposals = sha256", "ah_proposals", "ah_proposals"},
        {"", "mode = transport", "mode", "mode = transport"},
        {"", "mode = tunnel\nhostaccess = yes\nmark_in = 42\ninactivity = 0s", "", ""},
        {"", "close_action = start", "close_action", "close_action = start"},
        {"", "inactivity = 5m", "inactivity", "inactivity = 5m"},
        {"", "start_action = trap", "start_action", "start_action = trap (trap policy)"},
        {"", "dpd_action = trap", "dpd_action", "dpd_action = trap (simulated as clear)"},
        {"", "local_ts = 10.0.0.0/16[tcp/443]", "[tcp", "local_ts: protocol/port [tcp/443]"},
        {"", "local_ts = 10.0.0.0/16, fd00::/8", "fd00", "local_ts: IPv6 selector fd00::/8"},
        {"", "esp_proposals = aes128-sha1-modp2048-ke1_mlkem768", "ke1_",
         "additional key exchange ke1_mlkem768"},
        {"", "esp_proposals = aes128-modp2048", "aes128-modp2048",
         "esp_proposals: a cipher without integrity"},
    };
    for (const auto& row : rows) {
        CAPTURE(row.conn, row.child);
        const auto text = one(row.conn, row.child);
        const auto d = read(text);
        for (const auto& e : d.errors) UNSCOPED_INFO(e.to_string());
        CHECK(d.errors.empty());
        CHECK(d.warnings == (row.warning.empty() ? std::vector<std::string>{}
                                                 : std::vector<std::string>{
                                                       warning_at(text, row.needle, row.warning)}));
    }
    SECTION("file level") {
        const std::string text =
            "include conf.d/*.conf\n"
            "charon_log = yes\n"
            "pools {\n  p1 {\n    addrs = 10.3.0.0/24\n  }\n}\n"
            "connections {\n"
            "  stray = 1\n"
            "  base : other {\n    remote_addrs = 203.0.113.10\n  }\n"
            "  nochild {\n    remote_addrs = 203.0.113.20\n    local_addrs = 198.51.100.10\n"
            "    local {\n      auth = psk\n    }\n    remote {\n      auth = psk\n    }\n  }\n"
            "  other {\n    remote_addrs = 203.0.113.30\n    local_addrs = 198.51.100.99\n"
            "    local {\n      auth = psk\n    }\n    remote {\n      auth = psk\n    }\n"
            "    children {\n      x {\n        remote_ts = 0.0.0.0/0\n      }\n    }\n  }\n"
            "}\n"
            "secrets {\n"
            "  eap-user {\n    id = bob\n    secret = pw\n  }\n"
            "  ike-hex {\n    id = 203.0.113.30\n    secret = 0x6b6579\n    file = x\n  }\n"
            "  ike-none {\n    secret = x\n  }\n"
            "}\n";
        const auto d = read(text);
        CHECK(d.errors.empty());
        CHECK(d.warnings ==
              std::vector<std::string>{
                  "in:1: include not modelled",
                  "in:2: charon_log not modelled",
                  "in:3: section pools not modelled",
                  "in:9: stray not modelled",
                  "in:10: section references (name : other) not modelled",
                  "in:10: local.auth = pubkey (the default; only psk) not modelled",
                  "in:10: a connection without children (no CHILD_SA) not modelled",
                  "in:13: a connection without children (no CHILD_SA) not modelled",
                  "in:25: local_addrs = 198.51.100.99 (outside_ip is 198.51.100.10) "
                  "not modelled",
                  "in:33: esp_proposals (the default) without a DH group (no PFS) not modelled",
                  "in:40: secrets.eap-user (not an IKE key) not modelled",
                  "in:46: a hex or base64 secret (taken as written) not modelled",
                  "in:47: file not modelled",
              });
        // ike-none (no ids) is the key of every connection without a better one.
        CHECK(setting(d.tunnels.at(0).settings, "psk").value == "\"x\"");
        CHECK(setting(d.tunnels.at(2).settings, "psk").value == "\"0x6b6579\"");
    }
}

TEST_CASE("swanctl - what cannot be understood is an error at its place", "[import][strongswan]") {
    struct Row {
        std::string conn;
        std::string child;
        std::string needle;  // where the error is (first occurrence in the text)
        std::string key_and_message;
    };
    const std::vector<Row> rows{
        {"remote_addrs = vpn.example.com", "", "vpn.example.com",
         "connections.aws.remote_addrs: 'vpn.example.com': a hostname is not modelled; give the "
         "address"},
        {"remote_addrs = %any", "", "%any",
         "connections.aws.remote_addrs: '%any': the AWS outside address is needed to reach AWS; "
         "give the address"},
        {"remote_addrs = 2001:db8::1", "", "2001:db8::1",
         "connections.aws.remote_addrs: '2001:db8::1': IPv6 is not modelled; give the IPv4 "
         "address"},
        {"remote_addrs = 203.0.113.0/24", "", "203.0.113.0/24",
         "connections.aws.remote_addrs: '203.0.113.0/24': a subnet or range is not modelled; give "
         "the address"},
        {"remote_addrs =", "", "remote_addrs =|\n",
         "connections.aws.remote_addrs: the AWS outside address is needed"},
        {"proposals = aes128-sha1-modpXYZ", "", "modpXYZ",
         "connections.aws.proposals: 'modpXYZ' is not a DH group"},
        {"proposals = aes128-sha1-rot13-modp2048", "", "rot13",
         "connections.aws.proposals: 'rot13' is not an algorithm"},
        {"proposals = aes128-sha1-modp2048-", "", "-|\n        children",
         "connections.aws.proposals: an empty algorithm name"},
        {"proposals = aes128-sha1-modp2048,,aes256-sha1-modp2048", "", ",aes256",
         "connections.aws.proposals: an empty proposal"},
        {"proposals = sha1-modp2048", "", "sha1-modp2048",
         "connections.aws.proposals: an encryption algorithm is mandatory in a proposal"},
        {"proposals = aes128-aes128gcm16-sha1-modp2048", "", "aes128-aes128gcm16",
         "connections.aws.proposals: classic and combined-mode (AEAD) ciphers cannot share a "
         "proposal"},
        {"proposals = aes128-sha1", "", "aes128-sha1\n",
         "connections.aws.proposals: a DH group is mandatory in IKE proposals"},
        {"proposals = aes128-modp2048", "", "aes128-modp2048",
         "connections.aws.proposals: an integrity algorithm is mandatory in IKE proposals with a "
         "classic cipher"},
        {"rekey_time = 4x", "", "4x",
         "connections.aws.rekey_time: '4x' is not a time (seconds, or a number with s, m, h or d "
         "up to 10 years)"},
        {"aggressive = maybe", "", "maybe",
         "connections.aws.aggressive: 'maybe' is neither yes nor no"},
        {"", "local_ts = 10.0.0.0/33", "10.0.0.0/33",
         "connections.aws.children.net.local_ts: '10.0.0.0/33' is not a CIDR (a.b.c.d/len)"},
        {"", "remote_ts = 10.0.0.1-10.0.0.9", "10.0.0.1-10.0.0.9",
         "connections.aws.children.net.remote_ts: '10.0.0.1-10.0.0.9' is not a CIDR "
         "(a.b.c.d/len): an address range is not modelled"},
        {"", "remote_ts = 10.0.0.0/8[tcp", "10.0.0.0/8[tcp",
         "connections.aws.children.net.remote_ts: '10.0.0.0/8[tcp': no closing ']'"},
        {"", "esp_proposals = aes128-sha1-ecp999", "ecp999",
         "connections.aws.children.net.esp_proposals: 'ecp999' is not a DH group"},
    };
    for (const auto& row : rows) {
        CAPTURE(row.conn, row.child);
        const auto text = one(row.conn, row.child);
        const auto d = read(text);
        CHECK(error_texts(d) ==
              std::vector<std::string>{where_in(text, row.needle) + ": " + row.key_and_message});
        CHECK(d.warnings.empty());
    }
    SECTION("the file's structure") {
        const auto errors = [](std::string_view text) { return error_texts(read(text)); };
        CHECK(errors("connections {\n  aws {\n    remote_addrs = 203.0.113.10\n  }\n") ==
              std::vector<std::string>{"in:1:1: connections: '{' is never closed: a '}' is "
                                       "missing"});
        CHECK(errors("connections {\n}\n}\n") ==
              std::vector<std::string>{"in:3:1: }: '}' without a matching '{'"});
        CHECK(errors("connections {\n  aws\n}\n") ==
              std::vector<std::string>{"in:2:6: connections.aws: expected '=' or '{' after "
                                       "'aws'"});
        CHECK(errors("secrets {\n  = x\n}\n") ==
              std::vector<std::string>{"in:2:3: secrets: '=' where a name belongs"});
        CHECK(errors("secrets {\n  ike-1 {\n    secret = \"abc\n  }\n}\n") ==
              std::vector<std::string>{"in:3:14: secrets.ike-1.secret: unterminated string: a "
                                       "'\"' is missing"});
        CHECK(errors("secrets {\n  ike-1 {\n    id = 203.0.113.10\n  }\n}\n") ==
              std::vector<std::string>{"in:2:3: secrets.ike-1.secret: an IKE secret needs "
                                       "secret = <key>"});
        CHECK(errors("connections {\n  aws {\n  }\n}\n") ==
              std::vector<std::string>{"in:2:3: connections.aws.remote_addrs: the AWS outside "
                                       "address is needed: remote_addrs = <address>"});
        CHECK(errors("a{b{c{d{e{f{g{h{i{j{}}}}}}}}}}\n") ==
              std::vector<std::string>{"in:1:17: a.b.c.d.e.f.g.h.i: sections nested deeper than 8 "
                                       "or more than 4096 are not read"});
    }
}

TEST_CASE("swanctl - hostile input", "[import][strongswan]") {
    const auto empty = read("");
    CHECK(empty.cgw.empty());
    CHECK(empty.tunnels.empty());
    CHECK(empty.warnings.empty());
    CHECK(empty.errors.empty());
    CHECK(read("# only a comment\n\n   \n").errors.empty());
    const std::string binary("\x00\xff{\x01}=\"\x00\n\xfe}}{{", 14);
    CHECK_FALSE(read(binary).errors.empty());
    const std::string long_line(100 * 1024, 'x');
    CHECK(read(long_line).errors.size() == 1);
    CHECK(read("k = " + long_line).warnings.size() == 1);
    std::string deep;
    for (int i = 0; i < 20000; ++i) deep += "s {";
    const auto d = read(deep);
    CHECK(d.errors.size() == 2);  // too deep, never closed
    std::string many;
    for (int i = 0; i < 6000; ++i) many += "connections { c" + std::to_string(i) + " { } }\n";
    const auto m = read(many);
    CHECK(m.tunnels.size() == 4094);  // the file, connections and 4094 connections are kept
    CHECK(m.errors.size() == swan::Report::kMaxReports);
    CHECK(m.warnings.size() == swan::Report::kMaxReports);
}
