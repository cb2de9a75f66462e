// The ipsec.conf and ipsec.secrets readers: AWS's downloadable strongSwan configuration (the
// bundled samples: every setting, its place and the file's words for it), ipsec.conf's defaults
// set explicitly, conn %default and also=, auto=, every warning and every error (line and
// column), hostile input.
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

CgwDraft conf(std::string_view text) {
    return read_ipsec_conf(text, "in");
}
CgwDraft secrets(std::string_view text) {
    return read_ipsec_secrets(text, "in");
}

// One conn to AWS's 203.0.113.10 as AWS's file has it, then `extra` (later lines count).
std::string one(std::string_view extra) {
    return "conn aws\n"
           "\tleft=198.51.100.10\n"
           "\tright=203.0.113.10\n"
           "\tauthby=secret\n"
           "\tauto=start\n"
           "\tkeyingtries=%forever\n"
           "\tleftsubnet=0.0.0.0/0\n"
           "\trightsubnet=0.0.0.0/0\n"
           "\tike=aes128-sha1-modp2048!\n"
           "\tesp=aes128-sha1-modp2048!\n" +
           std::string(extra) + "\n";
}

}  // namespace

TEST_CASE("ipsec.conf - the healthy sample (AWS's downloadable configuration)",
          "[import][strongswan]") {
    const auto text = strongswan_sample("healthy.ipsec.conf");
    const auto d = conf(text);
    CHECK(d.errors.empty());
    CHECK(d.warnings.empty());
    CHECK(d.dialect == Dialect::IpsecConf);
    CHECK(d.vendor == scenario::CgwVendor::Strongswan);
    REQUIRE(d.cgw.size() == 1);
    CHECK(d.cgw[0] == Setting{"outside_ip", "\"198.51.100.10\"", pos_of(text, "198.51.100.10"),
                              "conn %default leftid"});
    REQUIRE(d.tunnels.size() == 2);
    const auto& t = d.tunnels[0];
    CHECK(t.name == "Tunnel1");
    CHECK(t.ipsec);
    CHECK(t.peer == net::Ipv4Addr::parse("203.0.113.10"));
    CHECK(t.inside == net::Ipv4Addr::parse("169.254.10.2"));
    CHECK(t.at == pos_of(text, "conn Tunnel1"));
    const std::string c = "conn %default ";
    check_settings(
        text, t,
        {{"ike_version", "1", "keyexchange=|ikev1", 0, c + "keyexchange"},
         {"peer", "\"203.0.113.10\"", "right=|203.0.113.10", 0, "conn Tunnel1 right"},
         {"phase1_encryption_algorithms", "[\"AES128\"]", "ike=|aes128", 0, c + "ike"},
         {"phase1_integrity_algorithms", "[\"SHA1\"]", "ike=|aes128", 0, c + "ike"},
         {"phase1_dh_group_numbers", "[2]", "ike=|aes128", 0, c + "ike"},
         {"dpd_interval_seconds", "10", "dpddelay=|10s", 0, c + "dpddelay"},
         // IKEv1: dead after dpdtimeout, 30 s at 10 s intervals
         {"dpd_retries", "2", "dpdtimeout=|30s", 0, c + "dpdtimeout"},
         {"dpd_action", "\"restart\"", "dpdaction=|restart", 0, c + "dpdaction"},
         {"ike_lifetime_seconds", "28800", "ikelifetime=|8h", 0, c + "ikelifetime"},
         {"phase2_lifetime_seconds", "3600", "\tlifetime=|1h", 0, c + "lifetime"},
         {"rekey_margin_time_seconds", "540", "margintime=|9m", 0, c + "margintime"},
         {"rekey_fuzz_percentage", "100", "conn Tunnel1", 0, "conn Tunnel1 rekeyfuzz"},
         {"local_ts", "[\"0.0.0.0/0\"]", "leftsubnet=|0.0.0.0/0", 0, c + "leftsubnet"},
         {"remote_ts", "[\"0.0.0.0/0\"]", "rightsubnet=|0.0.0.0/0", 0, c + "rightsubnet"},
         {"phase2_encryption_algorithms", "[\"AES128\"]", "esp=|aes128", 0, c + "esp"},
         {"phase2_integrity_algorithms", "[\"SHA1\"]", "esp=|aes128", 0, c + "esp"},
         {"phase2_dh_group_numbers", "[2]", "esp=|aes128", 0, c + "esp"},
         {"initiate", "true", "auto=|start", 1, c + "auto"},
         {"inside_ip", "\"169.254.10.2/30\"", "169.254.10.2/30", 0,
          "conn Tunnel1 leftupdown -ll"}});
    const auto& t2 = d.tunnels[1];
    CHECK(t2.name == "Tunnel2");
    CHECK(t2.peer == net::Ipv4Addr::parse("203.0.113.20"));
    CHECK(t2.inside == net::Ipv4Addr::parse("169.254.11.2"));
    CHECK(setting(t2.settings, "dpd_retries").at == pos_of(text, "dpdtimeout=|30s"));

    SECTION("ipsec.secrets has the keys") {
        const auto keys_text = strongswan_sample("healthy.ipsec.secrets");
        const auto keys = secrets(keys_text);
        CHECK(keys.errors.empty());
        CHECK(keys.warnings.empty());
        CHECK(keys.dialect == Dialect::IpsecSecrets);
        CHECK(keys.vendor == scenario::CgwVendor::Strongswan);
        CHECK(keys.cgw.empty());
        REQUIRE(keys.tunnels.size() == 2);
        const auto& k = keys.tunnels[0];
        CHECK(k.name == "198.51.100.10 203.0.113.10");
        CHECK_FALSE(k.ipsec);
        CHECK(k.peer == net::Ipv4Addr::parse("203.0.113.10"));
        CHECK_FALSE(k.inside);
        CHECK(k.at == pos_of(keys_text, "198.51.100.10 203.0.113.10"));
        CHECK(k.settings == std::vector<Setting>{{"psk", "\"tunnel1_psk_value\"",
                                                  pos_of(keys_text, "tunnel1_psk_value"),
                                                  "198.51.100.10 203.0.113.10 : PSK"}});
        CHECK(keys.tunnels[1].peer == net::Ipv4Addr::parse("203.0.113.20"));

        const auto s = loaded_cgw(d, &keys);
        REQUIRE(s.cgw.tunnels.size() == 2);
        CHECK(s.cgw.tunnels[0].psk == "tunnel1_psk_value");
        CHECK(s.cgw.tunnels[1].psk == "tunnel2_psk_value");
        CHECK(s.cgw.tunnels[0].ike_version == 1);
        CHECK(s.cgw.tunnels[0].dpd_retries == 2);
    }
}

TEST_CASE("ipsec.conf - the legacy-proposals sample", "[import][strongswan]") {
    const auto text = strongswan_sample("legacy-proposals.ipsec.conf");
    const auto d = conf(text);
    CHECK(d.errors.empty());
    CHECK(d.warnings.empty());
    REQUIRE(d.tunnels.size() == 2);
    for (const auto& t : d.tunnels) {
        CHECK(setting(t.settings, "phase1_encryption_algorithms").value == "[\"3DES\"]");
        CHECK(setting(t.settings, "phase1_integrity_algorithms").value == "[\"MD5\"]");
        CHECK(setting(t.settings, "phase1_dh_group_numbers").value == "[2]");
    }
    const auto s = loaded_cgw(d, nullptr);
    CHECK(s.cgw.tunnels[0].phase1.encryption == std::vector{ike::Encr::TripleDes});
}

TEST_CASE("ipsec.conf - strongSwan's defaults are set explicitly", "[import][strongswan]") {
    const std::string text = "conn aws\n\tright=203.0.113.10\n\tauto=start\n";
    const auto d = conf(text);
    CHECK(d.errors.empty());
    CHECK(d.cgw.empty());
    // authby defaults to public keys, keyingtries to 3, leftsubnet to left's own address
    CHECK(d.warnings == std::vector<std::string>{
                            "in:1: authby=pubkey (only a PSK) not modelled",
                            "in:1: leftsubnet absent (address unknown) not modelled",
                            "in:1: esp (the default) without a DH group (no PFS) not modelled",
                            "in:1: keyingtries=3 (gives up) not modelled",
                        });
    const std::string c = "conn aws ";
    check_settings(
        text, d.tunnels.at(0),
        {{"ike_version", "2", "conn aws", 0, c + "keyexchange"},  // keyexchange=ike: IKEv2
         {"peer", "\"203.0.113.10\"", "203.0.113.10", 0, c + "right"},
         {"phase1_encryption_algorithms",
          "[\"AES128\", \"AES192\", \"AES256\", \"AES128-GCM-16\", \"AES256-GCM-16\"]", "conn aws",
          0, c + "ike"},
         {"phase1_integrity_algorithms", "[\"SHA2-256\", \"SHA2-384\", \"SHA2-512\", \"SHA1\"]",
          "conn aws", 0, c + "ike"},
         {"phase1_dh_group_numbers", "[19, 20, 21, 15, 16, 17, 18, 14]", "conn aws", 0, c + "ike"},
         {"dpd_action", "\"none\"", "conn aws", 0, c + "dpdaction"},           // no DPD by default
         {"ike_lifetime_seconds", "10800", "conn aws", 0, c + "ikelifetime"},  // 3 h
         {"phase2_lifetime_seconds", "3600", "conn aws", 0, c + "lifetime"},
         {"rekey_margin_time_seconds", "540", "conn aws", 0, c + "margintime"},
         {"rekey_fuzz_percentage", "100", "conn aws", 0, c + "rekeyfuzz"},
         {"remote_ts", "[\"203.0.113.10/32\"]", "conn aws", 0, c + "rightsubnet"},
         {"phase2_encryption_algorithms",
          "[\"AES128-GCM-16\", \"AES256-GCM-16\", \"AES128\", \"AES192\", \"AES256\"]", "conn aws",
          0, c + "esp"},
         {"phase2_integrity_algorithms", "[\"SHA2-256\", \"SHA2-384\", \"SHA2-512\", \"SHA1\"]",
          "conn aws", 0, c + "esp"},
         {"initiate", "true", "start", 0, c + "auto"}});
    loaded_cgw(d);

    SECTION("dpdaction set: dpddelay 30 s; IKEv1: dpdtimeout 150 s") {
        const auto v2 = conf(one("\tdpdaction=clear"));
        CHECK(setting(v2.tunnels.at(0).settings, "dpd_interval_seconds").value == "30");
        CHECK_FALSE(has(v2.tunnels.at(0).settings, "dpd_retries"));  // IKEv2: retransmissions
        const auto v1 = conf(one("\tdpdaction=restart\n\tkeyexchange=ikev1"));
        CHECK(setting(v1.tunnels.at(0).settings, "dpd_retries").value == "4");
        CHECK(setting(v1.tunnels.at(0).settings, "dpd_retries").source_key ==
              "conn aws dpdtimeout");
        CHECK(setting(conf(one("\tdpdaction=restart\n\tdpddelay=0")).tunnels.at(0).settings,
                      "dpd_action")
                  .value == "\"none\"");
    }
}

// The proposal syntax is strongSwan's in both files (cgw_swanctl_detail.cpp): read here as
// ipsec.conf's ike= and esp=.
TEST_CASE("ipsec.conf and swanctl.conf - proposals", "[import][strongswan]") {
    const auto phase1 = [](std::string_view proposals) {
        const auto d = conf(one("\tike=" + std::string(proposals) + "!"));
        for (const auto& e : d.errors) UNSCOPED_INFO(e.to_string());
        REQUIRE(d.errors.empty());
        const auto& s = d.tunnels.at(0).settings;
        return std::vector<std::string>{setting(s, "phase1_encryption_algorithms").value,
                                        has(s, "phase1_integrity_algorithms")
                                            ? setting(s, "phase1_integrity_algorithms").value
                                            : "-",
                                        setting(s, "phase1_dh_group_numbers").value};
    };
    SECTION("GCM: integrity implicit, PRF ignored") {
        CHECK(phase1("aes256gcm16-prfsha256-ecp384") ==
              std::vector<std::string>{"[\"AES256-GCM-16\"]", "-", "[20]"});
    }
    SECTION("several proposals: the union per transform type, in the order first written") {
        CHECK(
            phase1("aes128-sha1-modp2048, aes256gcm16-prfsha384-ecp384,aes256-sha256-sha1-modp2048"
                   "-ecp521") ==
            std::vector<std::string>{"[\"AES128\", \"AES256-GCM-16\", \"AES256\"]",
                                     "[\"SHA1\", \"SHA2-256\"]", "[14, 20, 21]"});
    }
    SECTION("strongSwan's spellings") {
        CHECK(phase1("aes-sha-modp1024,3des-md5-modp1536,aes192-sha2_512-modp1024s160,"
                     "des-sha384-ecp256,aes128gcm128-ecp521") ==
              std::vector<std::string>{
                  "[\"AES128\", \"3DES\", \"AES192\", \"DES\", \"AES128-GCM-16\"]",
                  "[\"SHA1\", \"MD5\", \"SHA2-512\", \"SHA2-384\"]", "[2, 5, 22, 19, 21]"});
    }
    SECTION("a known algorithm vpnsim does not model is passed on for the loader to name") {
        CHECK(phase1("aes128ctr-aesxcbc-curve25519") ==
              std::vector<std::string>{"[\"aes128ctr\"]", "[\"aesxcbc\"]", "[31]"});
    }
    SECTION("default adds strongSwan's default proposal") {
        CHECK(phase1("aes128-sha1-modp1024,default")[2] == "[2, 19, 20, 21, 15, 16, 17, 18, 14]");
    }
    SECTION("ESP: PFS groups; none is warned") {
        const auto text = one("\tesp=aes256gcm16-modp2048, aes128-sha1!");
        const auto d = conf(text);
        const auto& s = d.tunnels.at(0).settings;
        CHECK(setting(s, "phase2_encryption_algorithms").value ==
              "[\"AES256-GCM-16\", \"AES128\"]");
        CHECK(setting(s, "phase2_dh_group_numbers").value == "[14]");
        CHECK(d.warnings == std::vector<std::string>{warning_at(
                                text, "esp=aes256gcm16", "esp without a DH group (no PFS)")});
    }
}

TEST_CASE("ipsec.conf - conn %default, also= and auto=", "[import][strongswan]") {
    SECTION("a conn's own settings, then its also= conns' in order, then %default's") {
        const std::string text =
            "conn base\n"
            "\tike=aes256-sha256-modp2048!\n"
            "\tikelifetime=2h\n"
            "\tlifetime=20m\n"
            "conn crypto\n"
            "\tesp=aes256gcm16-modp2048!\n"
            "\tikelifetime=5h\n"
            "conn %default\n"
            "\tauthby=psk\n"
            "\tleft=198.51.100.10\n"
            "\tleftsubnet=10.0.0.0/16\n"
            "\tikelifetime=1h\n"
            "\tlifetime=30m\n"
            "\tmargintime=3m\n"
            "\tauto=add\n"
            "conn aws\n"
            "\talso=base\n"
            "\talso=crypto\n"
            "\tright=203.0.113.10\n"
            "\tlifetime=40m\n"
            "\trekeyfuzz=50%\n"
            "\trekey=no\n";
        const auto d = conf(text);
        CHECK(d.errors.empty());
        CHECK(d.warnings.empty());
        REQUIRE(d.tunnels.size() == 1);  // base and crypto are only named by also=
        const auto& s = d.tunnels[0].settings;
        CHECK(setting(s, "phase1_encryption_algorithms").value == "[\"AES256\"]");
        CHECK(setting(s, "phase1_encryption_algorithms").source_key == "conn base ike");
        CHECK(setting(s, "phase2_encryption_algorithms").value == "[\"AES256-GCM-16\"]");
        CHECK(setting(s, "ike_lifetime_seconds").value == "7200");  // base's, before crypto's
        CHECK(setting(s, "ike_lifetime_seconds").at == pos_of(text, "2h"));
        CHECK(setting(s, "phase2_lifetime_seconds").value == "2400");   // its own
        CHECK(setting(s, "rekey_margin_time_seconds").value == "180");  // %default's
        CHECK(setting(s, "rekey_fuzz_percentage").value == "50");
        CHECK(setting(s, "rekey").value == "false");
        CHECK(setting(s, "local_ts").value == "[\"10.0.0.0/16\"]");
        CHECK(setting(s, "initiate").value == "false");  // auto=add
        CHECK(setting(s, "initiate").source_key == "conn %default auto");
        loaded_cgw(d);
    }
    SECTION("auto=ignore (the default) is not loaded, unless a conn is only a base") {
        const std::string text =
            "conn base\n\tright=203.0.113.20\n"
            "conn idle\n\tright=203.0.113.10\n"
            "conn aws\n\talso=base\n\tauto=add\n\tauthby=secret\n\tleftsubnet=10.0.0.0/8\n";
        const auto d = conf(text);
        CHECK(d.errors.empty());
        CHECK(d.warnings ==
              std::vector<std::string>{
                  "in:3: conn idle with auto=ignore (not loaded) not modelled",
                  "in:5: esp (the default) without a DH group (no PFS) not modelled"});
        REQUIRE(d.tunnels.size() == 1);
        CHECK(d.tunnels[0].peer == net::Ipv4Addr::parse("203.0.113.20"));
    }
}

TEST_CASE("ipsec.conf - statements that are not modelled are warned", "[import][strongswan]") {
    struct Row {
        std::string extra;
        std::string needle;  // on the warning's line
        std::string warning;
    };
    const std::vector<Row> rows{
        {"\tcompress=yes", "compress", "compress=yes"},
        {"\tforceencaps=yes", "forceencaps", "forceencaps=yes"},
        {"\ttype=transport", "type", "type=transport"},
        {"\ttype=tunnel\n\tcompress=no\n\tmobike=no\n\tmark=7\n\treauth=no\n\tleftid=@cgw", "", ""},
        {"\tcloseaction=restart", "closeaction", "closeaction=restart"},
        {"\tleftsourceip=%config", "leftsourceip", "leftsourceip"},
        {"\tkeyingtries=3", "keyingtries=3", "keyingtries=3 (gives up)"},
        {"\tauto=route", "auto=route", "auto=route (trap policy)"},
        {"\tleftauth=pubkey\n\trightauth=psk", "leftauth", "leftauth=pubkey (only a PSK)"},
        {"\tauthby=rsasig", "rsasig", "authby=rsasig (only a PSK)"},
        {"\tauth=ah", "auth=ah", "auth=ah"},
        {"\tike=aes128-sha1-modp2048", "ike=aes128-sha1-modp2048\n",
         "ike without '!' (strongSwan's defaults offered too)"},
        {"\tdpdaction=hold", "hold", "dpdaction=hold (simulated as clear)"},
        {"\tleft=cgw.example.com", "cgw.example.com", "left=cgw.example.com (not IPv4)"},
        {"\tright=203.0.113.10,203.0.113.11", "203.0.113.11", "right: addresses after the first"},
        {"\tleftsubnet=10.0.0.0/16[tcp]", "[tcp]", "leftsubnet: protocol/port [tcp]"},
        {"\tkeyexchange=ikev1\n\tleftsubnet=10.0.0.0/16,10.1.0.0/16", "10.1.0.0",
         "leftsubnet: subnets after the first (IKEv1)"},
        {"\tesp=aes128-sha1!", "esp=aes128-sha1!", "esp without a DH group (no PFS)"},
    };
    for (const auto& row : rows) {
        CAPTURE(row.extra);
        const auto text = one(row.extra);
        const auto d = conf(text);
        for (const auto& e : d.errors) UNSCOPED_INFO(e.to_string());
        CHECK(d.errors.empty());
        CHECK(d.warnings == (row.warning.empty() ? std::vector<std::string>{}
                                                 : std::vector<std::string>{
                                                       warning_at(text, row.needle, row.warning)}));
    }
    SECTION("file level") {
        const std::string text =
            "config setup\n"
            "\tcharondebug=\"ike 2\"\n"
            "\tuniqueids=no\n"
            "ca corporate\n"
            "\tcacert=ca.pem\n"
            "include /etc/ipsec.d/*.conf\n" +
            one("") + "conn other\n\talso=aws\n\tright=203.0.113.20\n\tleft=198.51.100.99\n";
        const auto d = conf(text);
        CHECK(d.errors.empty());
        CHECK(d.warnings ==
              std::vector<std::string>{
                  "in:3: config setup uniqueids not modelled", "in:4: ca corporate not modelled",
                  "in:6: include /etc/ipsec.d/*.conf not modelled",
                  "in:21: left=198.51.100.99 (outside_ip is 198.51.100.10) not modelled"});
        CHECK(d.tunnels.size() == 2);
    }
}

TEST_CASE("ipsec.conf - what cannot be understood is an error at its place",
          "[import][strongswan]") {
    struct Row {
        std::string extra;
        std::string needle;
        std::string key_and_message;
    };
    const std::vector<Row> rows{
        {"\tright=vpn.example.com", "vpn.example.com",
         "conn aws right: 'vpn.example.com': a hostname is not modelled; give the address"},
        {"\tright=%any", "%any",
         "conn aws right: '%any': the AWS outside address is needed to reach AWS; give the "
         "address"},
        {"\tike=aes128-sha1-modpXYZ!", "modpXYZ", "conn aws ike: 'modpXYZ' is not a DH group"},
        {"\tesp=aes128-aes128gcm16-sha1-modp2048!", "aes128-aes128gcm16",
         "conn aws esp: classic and combined-mode (AEAD) ciphers cannot share a proposal"},
        {"\tleftsubnet=10.0.0.0/40", "10.0.0.0/40",
         "conn aws leftsubnet: '10.0.0.0/40' is not a CIDR (a.b.c.d/len)"},
        {"\tikelifetime=8 hours", "8 hours",
         "conn aws ikelifetime: '8 hours' is not a time (seconds, or a number with s, m, h or d "
         "up to 10 years)"},
        {"\trekeyfuzz=lots", "lots", "conn aws rekeyfuzz: 'lots' is not a percentage"},
        {"\trekey=maybe", "maybe", "conn aws rekey: 'maybe' is neither yes nor no"},
        {"\tleftupdown=\"/etc/ipsec.d/aws-updown.sh -ll", "\"/etc",
         "conn aws leftupdown: unterminated string: a '\"' is missing"},
        {"\tnot a setting", "not a setting", "conn aws not a setting: expected key=value"},
    };
    for (const auto& row : rows) {
        CAPTURE(row.extra);
        const auto text = one(row.extra);
        const auto d = conf(text);
        CHECK(error_texts(d) ==
              std::vector<std::string>{where_in(text, row.needle) + ": " + row.key_and_message});
    }
    SECTION("the file's structure") {
        const auto errors = [](std::string_view text) { return error_texts(conf(text)); };
        CHECK(errors("\tright=203.0.113.10\n") ==
              std::vector<std::string>{"in:1:1: right=203.0.113.10: a setting before any section"});
        CHECK(errors("connection aws\n\tright=203.0.113.10\n") ==
              std::vector<std::string>{"in:1:1: connection aws: expected 'config setup', 'conn "
                                       "<name>', 'ca <name>' or 'include <file>'"});
        CHECK(errors("conn a\n\talso=b\n\tright=203.0.113.10\n\tauto=add\n\tauthby=psk\n") ==
              std::vector<std::string>{"in:2:7: conn a also: also=b: no such conn"});
        CHECK(errors(one("") + "conn aws\n\tright=203.0.113.20\n") ==
              std::vector<std::string>{"in:12:1: conn aws: a second conn of that name"});
        CHECK(errors("conn aws\n\tauto=start\n\tkeyingtries=%forever\n\tauthby=psk\n") ==
              std::vector<std::string>{"in:1:1: conn aws right: the AWS outside address is "
                                       "needed: right=<address>"});
        std::string chain = "conn c0\n\tright=203.0.113.10\n\tauto=add\n\tauthby=psk\n";
        for (int i = 0; i < 20; ++i) {
            chain += "\talso=c" + std::to_string(i + 1) + "\nconn c" + std::to_string(i + 1) + "\n";
        }
        CHECK(errors(chain) == std::vector<std::string>{"in:37:7: conn c16 also: also= more "
                                                        "than 16 deep"});
    }
}

TEST_CASE("ipsec.secrets - keys", "[import][strongswan]") {
    SECTION("the forms strongSwan takes") {
        const std::string text =
            "# comment\n"
            "\n"
            "203.0.113.10 : PSK 'single quoted'\n"
            "%any 203.0.113.20 : psk bare_key # a comment\n"
            "  198.51.100.10 203.0.113.30 : PSK \"with # inside\"\n"
            "198.51.100.10\t203.0.113.40\t:\tPSK\tk4\n"
            "include\t/etc/ipsec.secrets.d/*\n";
        const auto d = secrets(text);
        CHECK(d.errors.empty());
        CHECK(d.warnings == std::vector<std::string>{"in:7: include not modelled"});
        REQUIRE(d.tunnels.size() == 4);
        CHECK(d.tunnels[3].peer == net::Ipv4Addr::parse("203.0.113.40"));
        CHECK(setting(d.tunnels[3].settings, "psk").value == "\"k4\"");
        CHECK(d.tunnels[0].peer == net::Ipv4Addr::parse("203.0.113.10"));
        CHECK(d.tunnels[0].settings ==
              std::vector<Setting>{{"psk", "\"single quoted\"", pos_of(text, "single quoted"),
                                    "203.0.113.10 : PSK"}});
        CHECK(d.tunnels[1].peer == net::Ipv4Addr::parse("203.0.113.20"));
        CHECK(setting(d.tunnels[1].settings, "psk").value == "\"bare_key\"");
        CHECK(d.tunnels[2].peer == net::Ipv4Addr::parse("203.0.113.30"));
        CHECK(d.tunnels[2].at == pos_of(text, "198.51.100.10"));
        CHECK(setting(d.tunnels[2].settings, "psk").value == "\"with # inside\"");
    }
    SECTION("what is not modelled") {
        const std::string text =
            ": PSK \"for anyone\"\n"
            "@aws.example.com : PSK x\n"
            "2001:db8::1 : PSK y\n"
            ": RSA cgw-key.pem\n"
            "include /etc/ipsec.secrets.d/*\n"
            "198.51.100.10 203.0.113.10 : PSK 0x6b6579\n";
        const auto d = secrets(text);
        CHECK(d.errors.empty());
        CHECK(d.warnings == std::vector<std::string>{
                                "in:1: a PSK for any peer (no IPv4 address) not modelled",
                                "in:2: a PSK for @aws.example.com (no IPv4 address) not modelled",
                                "in:3: a PSK for 2001:db8::1 (no IPv4 address) not modelled",
                                "in:4: RSA secret not modelled", "in:5: include not modelled",
                                "in:6: a hex or base64 key (taken as written) not modelled"});
        REQUIRE(d.tunnels.size() == 1);
        CHECK(setting(d.tunnels[0].settings, "psk").value == "\"0x6b6579\"");
    }
    SECTION("errors") {
        const auto errors = [](std::string_view text) { return error_texts(secrets(text)); };
        CHECK(errors("203.0.113.10 PSK \"k\"\n") ==
              std::vector<std::string>{"in:1:1: 203.0.113.10 PSK \"k\": expected '<ids> : PSK "
                                       "\"<key>\"'"});
        CHECK(errors("203.0.113.10 : PSK\n") ==
              std::vector<std::string>{"in:1:19: 203.0.113.10 : PSK: a PSK needs its key: PSK "
                                       "\"<key>\""});
        CHECK(errors("203.0.113.10 : PSK \"open\n") ==
              std::vector<std::string>{"in:1:20: 203.0.113.10 : PSK: unterminated string: a \" is "
                                       "missing"});
        CHECK(errors("203.0.113.10 :\n") ==
              std::vector<std::string>{"in:1:15: 203.0.113.10 : : expected a secret type after "
                                       "':' (PSK)"});
    }
}

TEST_CASE("ipsec.conf and ipsec.secrets - hostile input", "[import][strongswan]") {
    static constexpr char kBinary[] = "\x00\xff=\x01:\"\x00\n\t\xfe'\n conn \x00\n";
    const std::string binary(kBinary, sizeof(kBinary) - 1);
    const std::string long_line(100 * 1024, 'x');
    for (const auto reader : {&read_ipsec_conf, &read_ipsec_secrets}) {
        const auto empty = reader("", "in");
        CHECK(empty.cgw.empty());
        CHECK(empty.tunnels.empty());
        CHECK(empty.warnings.empty());
        CHECK(empty.errors.empty());
        CHECK_FALSE(reader(binary, "in").errors.empty());
        CHECK(reader(long_line, "in").errors.size() == 1);
    }
    const auto long_key = conf("conn a\n\tauto=add\n\t" + long_line + "=" + long_line);
    CHECK(long_key.errors.size() == 1);  // no right=
    // the key; authby, leftsubnet and rightsubnet left out; no PFS
    CHECK(long_key.warnings.size() == 5);
    std::string many;
    for (int i = 0; i < 6000; ++i) {
        many += "conn c" + std::to_string(i) + "\n\talso=c" + std::to_string(i + 1) +
                "\n\tauto=add\n\tright=203.0.113.10\n";
    }
    const auto d = read_ipsec_conf(many, "in");
    CHECK(d.tunnels.size() == 4096);
    CHECK(d.errors.size() == swan::Report::kMaxReports);
    CHECK(d.warnings.size() == swan::Report::kMaxReports);
}
