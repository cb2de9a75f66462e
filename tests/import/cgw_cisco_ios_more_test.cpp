// The Cisco IOS / IOS-XE reader: AWS's IKEv2 and IKEv1 configurations and a policy-based crypto
// map give exactly their settings, at their places; IOS's own defaults are set where the
// scenario's differ; every warning and every error (line and column pinned); hostile input; and
// the samples under scenarios/templates/cisco-ios, rendered and put together into a loadable CGW.
// (second part)
#include "tests/import/cgw_cisco_ios_test_util.hpp"

TEST_CASE("cisco ios - what is not modelled is warned, once, at its line", "[import][cisco-ios]") {
    const auto c = GENERATE(values<Case>({
        {"", "crypto ikev2 fragmentation mtu 1360", {"r.cfg:27: crypto ikev2 fragmentation"}},
        {"",
         "interface Tunnel1\n bfd interval 300 min_rx 300 multiplier 3",
         {"r.cfg:28: bfd interval (interface Tunnel1)"}},
        {"",
         "router bgp 65000\n neighbor 169.254.10.1 ebgp-multihop 2",
         {"r.cfg:28: neighbor 169.254.10.1 ebgp-multihop (router bgp 65000)"}},
        {"",
         "router bgp 65000\n bgp router-id 192.0.2.1",
         {"r.cfg:28: bgp router-id (router bgp 65000)"}},
        {"",
         "router bgp 65000\n address-family ipv6\n  neighbor 2001:db8::1 activate",
         {"r.cfg:28: address-family ipv6 (router bgp 65000)"}},
        {"", "router ospf 1\n network 10.0.0.0 0.0.0.255 area 0", {"r.cfg:27: router ospf"}},
        {"", "ip nat inside source list 1 interface Gi1 overload", {"r.cfg:27: ip nat inside"}},
        {"", "ip sla 1\n icmp-echo 169.254.10.1", {"r.cfg:27: ip sla"}},
        {"", "track 1 ip sla 1 reachability", {"r.cfg:27: track 1"}},
        {"", "no crypto isakmp default policy", {"r.cfg:27: no crypto isakmp default"}},
        {"",
         "crypto ipsec fragmentation after-encryption",
         {"r.cfg:27: crypto ipsec fragmentation"}},
        {"",
         "crypto ipsec security-association lifetime kilobytes 4608000",
         {"r.cfg:27: crypto ipsec security-association lifetime kilobytes"}},
        {"",
         "interface GigabitEthernet1\n ip nat outside",
         {"r.cfg:28: ip nat outside (interface GigabitEthernet1)"}},
        {"",
         "crypto ipsec transform-set T2 ah-sha-hmac esp-aes",
         {"r.cfg:27: transform ah-sha-hmac (crypto ipsec transform-set T2)"}},
        {"",
         "crypto map CM 10 ipsec-isakmp\n set peer 203.0.113.20",
         {"r.cfg:27: crypto map CM 10 (applied to no interface)"}},
        {"",
         "crypto map CM 10 ipsec-isakmp dynamic DYN",
         {"r.cfg:27: crypto map CM 10 ipsec-isakmp"}},
        {"",
         "router bgp 65000\n neighbor 169.254.10.1 route-map X out",
         {"r.cfg:28: route-map X out (not defined)"}},
        {"",
         "router bgp 65000\n neighbor 169.254.99.1 activate",
         {"r.cfg:28: neighbor 169.254.99.1 without remote-as (IOS has no such peer)"}},
        {"",
         "router bgp 65000\n neighbor 169.254.11.5 remote-as 64512",
         {"r.cfg:28: neighbor 169.254.11.5 timers (unlike the first neighbor's)"}},
        {"",
         "router bgp 65000\n neighbor AWS peer-group\n neighbor AWS remote-as 64512",
         {"r.cfg:28: neighbor AWS peer-group (router bgp 65000)",
          "r.cfg:29: neighbor AWS remote-as (router bgp 65000)"}},
        {"",
         "interface Tunnel1\n shutdown",
         {"r.cfg:28: interface Tunnel1 shutdown (the tunnel is left out)"}},
        {"",
         "interface Tunnel1\n tunnel vrf OUTSIDE",
         {"r.cfg:28: tunnel vrf (interface Tunnel1)"}},
        {"",
         "interface Tunnel2\n ip address 169.254.11.6 255.255.255.252\n tunnel source "
         "198.51.100.11\n tunnel destination 203.0.113.10\n tunnel mode ipsec ipv4\n tunnel "
         "protection ipsec profile IP\n ip tcp adjust-mss 1379",
         {"r.cfg:29: second outside address 198.51.100.11",
          "r.cfg:27: ip tcp adjust-mss on Tunnel2 (unlike Tunnel1's)"}},
        {"dpd 10 10 on-demand",
         "dpd 10 2 periodic",
         {"r.cfg:14: periodic DPD (crypto ikev2 profile PROF dpd)",
          "r.cfg:14: DPD retry interval 2 s, not 10 s (crypto ikev2 profile PROF dpd)"}},
        {" set pfs group14\n", "", {"r.cfg:15: no set pfs (no PFS) in crypto ipsec profile IP"}},
        {" tunnel mode ipsec ipv4\n",
         "",
         {"r.cfg:18: interface Tunnel1 tunnel mode gre ip (IOS's default)"}},
        {"tunnel mode ipsec ipv4",
         "tunnel mode gre ip",
         {"r.cfg:22: tunnel mode gre ip (interface Tunnel1)"}},
        {"pre-shared-key key1",
         "pre-shared-key 6 key1",
         {"r.cfg:10: an encrypted key (type 6, taken as written)"}},
        {"  pre-shared-key key1\n",
         "  pre-shared-key local key1\n  pre-shared-key remote key2\n",
         {"r.cfg:11: a remote key unlike the local one (peer aws)"}},
        {"crypto ikev2 policy POL\n proposal P\n",
         "",
         {"r.cfg:9: IOS's default IKEv2 policy (no crypto ikev2 policy matches)"}},
        {" keyring local K\n",
         " keyring local K\n authentication local rsa-sig\n",
         {"r.cfg:14: authentication local rsa-sig (crypto ikev2 profile PROF)"}},
        {" encryption aes-cbc-128\n",
         " encryption aes-cbc-128\n prf sha256\n",
         {"r.cfg:3: prf sha256 (crypto ikev2 proposal P)"}},
    }));
    CAPTURE(c.from, c.to);
    const auto d = read(edited(c.from, c.to));
    CHECK(d.errors.empty());
    std::vector<std::string> expected;
    for (const auto& w : c.expected) expected.push_back(w + " not modelled");
    CHECK(d.warnings == expected);
}

TEST_CASE("cisco ios - statements that change nothing simulated are not warned",
          "[import][cisco-ios]") {
    const auto d = read(edited("", R"(!
hostname cgw
service timestamps debug datetime msec
banner motd ^C
Authorised access only. interface Tunnel9
^C
banner login #one line#
crypto pki trustpoint TP-self-signed-1
 enrollment selfsigned
crypto pki certificate chain TP-self-signed-1
 certificate self-signed 01
  3082022B 30820194 A0030201 02020101
  quit
crypto isakmp aggressive-mode disable
crypto ipsec df-bit clear
crypto ipsec fragmentation before-encryption
crypto ipsec security-association replay window-size 128
crypto logging session
interface GigabitEthernet1
 description outside
 negotiation auto
 no mop enabled
interface Tunnel1
 description to AWS
 ip virtual-reassembly in
 no shutdown
router bgp 65000
 bgp log-neighbor-changes
 no synchronization
 neighbor 169.254.10.1 activate
 neighbor 169.254.10.1 soft-reconfiguration inbound
 neighbor 169.254.10.1 description AWS tunnel 1
ip route 10.0.0.0 255.0.0.0 Null0
line vty 0 4
 transport input ssh
end)"));
    CHECK(d.errors.empty());
    CHECK(d.warnings.empty());
}

TEST_CASE("cisco ios - lines that matter and cannot be understood are refused at their column",
          "[import][cisco-ios]") {
    struct Refusal {
        std::string_view from;
        std::string_view to;
        std::string_view needle;  // where the error points, in the edited text
        std::string_view key;
        std::string_view message;
        std::size_t nth = 0;  // which occurrence of the needle
    };
    const auto c = GENERATE(values<Refusal>({
        {"encryption aes-cbc-128", "encryption blowfish", "blowfish",
         "crypto ikev2 proposal P encryption",
         "unknown algorithm 'blowfish' (expected aes-cbc-128, aes-cbc-192, aes-cbc-256, "
         "aes-gcm-128, aes-gcm-256, 3des or des)"},
        {"integrity sha1", "integrity sha1 sha3", "sha3", "crypto ikev2 proposal P integrity",
         "unknown algorithm 'sha3' (expected sha1, sha256, sha384, sha512 or md5)"},
        {"group 14", "group fourteen", "fourteen", "crypto ikev2 proposal P group",
         "expected a DH group number, got 'fourteen'"},
        {"255.255.255.252", "255.255.0.255", "255.255.0.255", "interface Tunnel1 ip address",
         "'255.255.0.255' is not a contiguous mask (e.g. 255.255.255.252)"},
        {"ip address 169.254.10.2", "ip address 169.254.10.300", "169.254.10.300",
         "interface Tunnel1 ip address", "expected an IPv4 address, got '169.254.10.300'"},
        {"tunnel destination 203.0.113.10", "tunnel destination aws.example.com", "aws.example.com",
         "interface Tunnel1 tunnel destination", "expected an IPv4 address, got 'aws.example.com'"},
        {"tunnel protection ipsec profile IP", "tunnel protection ipsec profile NOPE", "NOPE",
         "interface Tunnel1 tunnel protection ipsec profile", "no crypto ipsec profile 'NOPE'"},
        {"tunnel protection ipsec profile IP", "tunnel protection ipsec IP", "ipsec IP",
         "interface Tunnel1 tunnel protection", "expected 'tunnel protection ipsec profile NAME'"},
        {" tunnel destination 203.0.113.10\n", "", "interface Tunnel1", "interface Tunnel1",
         "no tunnel destination (the AWS outside address)"},
        {"neighbor 169.254.10.1 remote-as", "neighbor 169.254.10.x remote-as", "169.254.10.x",
         "router bgp 65000 neighbor", "expected an IPv4 address, got '169.254.10.x'"},
        {"timers 10 30 30", "timers 10", "10\n", "neighbor 169.254.10.1 timers",
         "expected the keepalive and hold times in seconds", 4},
        {"set ikev2-profile PROF", "set ikev2-profile NOPE", "NOPE", "set ikev2-profile",
         "no crypto ikev2 profile 'NOPE'"},
        {"keyring local K", "keyring local NOPE", "NOPE", "crypto ikev2 profile PROF keyring local",
         "no crypto ikev2 keyring 'NOPE'"},
        {"  address 203.0.113.10", "  address 203.0.113.99", "K\n dpd",
         "crypto ikev2 profile PROF keyring local",
         "no pre-shared key for 203.0.113.10 in crypto ikev2 keyring K"},
        {"\n proposal P\n", "\n proposal Q\n", "Q", "crypto ikev2 policy POL proposal",
         "no crypto ikev2 proposal 'Q'"},
        {"set pfs group14", "set pfs fourteen", "fourteen", "crypto ipsec profile IP set pfs",
         "expected groupN (e.g. group14), got 'fourteen'"},
        {"dpd 10 10 on-demand", "dpd 10 10 sometimes", "sometimes", "crypto ikev2 profile PROF dpd",
         "expected on-demand or periodic, got 'sometimes'"},
        {"", "crypto ipsec transform-set T esp-aes 512 esp-sha-hmac", "512",
         "crypto ipsec transform-set T",
         "unknown key size '512' for esp-aes (expected 128, 192 or 256)", 1},
        {"", "crypto ipsec transform-set T esp-blowfish", "esp-blowfish",
         "crypto ipsec transform-set T",
         "unknown transform 'esp-blowfish' (expected esp-aes [128|192|256], esp-gcm [128|256], "
         "esp-3des, esp-des, esp-sha-hmac, esp-sha256-hmac, esp-sha384-hmac, esp-sha512-hmac or "
         "esp-md5-hmac)"},
        {"", "crypto isakmp policy 10\n encryption idea", "idea",
         "crypto isakmp policy 10 encryption",
         "unknown algorithm 'idea' (expected aes [128|192|256], 3des or des)"},
        {"", "crypto isakmp policy 10\n hash sha3", "sha3", "crypto isakmp policy 10 hash",
         "unknown algorithm 'sha3' (expected sha, sha256, sha384, sha512 or md5)"},
        {"", "crypto isakmp policy ten", "ten", "crypto isakmp policy",
         "expected a priority (1-10000)"},
        {"", "ip access-list extended A\n permit ip 10.0.0.0 0.255.0.255 any", "0.255.0.255",
         "ip access-list extended A",
         "'0.255.0.255' is not a contiguous wildcard (e.g. 0.0.255.255)"},
        {"",
         "crypto isakmp key k address 203.0.113.20\n"
         "crypto map CM 10 ipsec-isakmp\n set peer 203.0.113.20\n match address NOPE\n"
         "interface GigabitEthernet1\n crypto map CM",
         "NOPE", "crypto map CM 10 match address", "no extended access list 'NOPE'"},
        {"", "crypto map CM 10 ipsec-isakmp\n set peer aws\n", "aws", "crypto map CM 10 set peer",
         "expected an IPv4 address, got 'aws'", 1},
        {"", "router bgp 65000\n network 10.0.0.0 mask 255.0.255.0", "255.0.255.0",
         "router bgp 65000 network mask", "'255.0.255.0' is not a contiguous mask"},
        {"", "ip route 10.0.0.0 255.0.0.0", "\n", "ip route",
         "expected an interface or a next-hop address", 26},
        {"", "banner motd ^C\nnever ends", "^C", "banner",
         "not terminated: no second '^C' in the rest of the file"},
    }));
    const auto text = edited(c.from, c.to);
    CAPTURE(text);
    const auto pos = where(text, c.needle, c.nth);
    CHECK(errors(text) ==
          std::vector<std::string>{fmt::format("r.cfg:{}: {}: {}", pos, c.key, c.message)});
}

TEST_CASE("cisco ios - IKEv1 details", "[import][cisco-ios]") {
    constexpr std::string_view text = R"(crypto isakmp policy 10
 encryption 3des
 hash md5
 group 5
crypto isakmp policy 20
 encryption aes 192
 authentication pre-share
 lifetime 3600
crypto isakmp policy 30
 authentication pre-share
crypto isakmp profile AGGR
 match identity address 203.0.113.0 255.255.255.0
 keyring KR
 keepalive 20 retry 20
 initiate mode aggressive
crypto keyring KR
 pre-shared-key address 203.0.113.0 255.255.255.0 key 0 wide_key
crypto ipsec transform-set T esp-3des esp-md5-hmac
crypto ipsec profile P
 set transform-set T
 set pfs
 responder-only
crypto isakmp keepalive 10
crypto isakmp nat keepalive 20
interface Tunnel1
 tunnel source Loopback0
 tunnel destination 203.0.113.10
 tunnel mode ipsec ipv4
 tunnel protection ipsec profile P
interface Loopback0
 ip address 198.51.100.10 255.255.255.255
)";
    const auto d = read(text);
    for (const auto& e : d.errors) UNSCOPED_INFO(e.to_string());
    CHECK(d.errors.empty());
    CHECK(d.warnings == std::vector<std::string>{
                            "r.cfg:1: crypto isakmp policy 10 authentication rsa-sig (left out) "
                            "not modelled",
                            "r.cfg:9: crypto isakmp policy 30 lifetime (unlike the first "
                            "policy's) not modelled"});
    CHECK(pairs(d.cgw) == Pairs{{"outside_ip", "\"198.51.100.10\""},
                                {"nat_keepalive_seconds", "20"},
                                {"mss_clamp", "0"},
                                {"tunnel_mtu", "1500"}});
    CHECK(pairs(d.tunnels.at(0).settings) ==
          Pairs{{"peer", "\"203.0.113.10\""},
                {"phase2_encryption_algorithms", "[\"3DES\"]"},
                {"phase2_integrity_algorithms", "[\"MD5\"]"},
                {"phase2_dh_group_numbers", "[1]"},  // `set pfs` alone: group 1
                {"initiate", "false"},
                {"ike_version", "1"},
                {"ikev1_mode", "\"aggressive\""},
                {"psk", "\"wide_key\""},
                {"phase1_encryption_algorithms", "[\"AES192\", \"DES\"]"},
                {"phase1_integrity_algorithms", "[\"SHA1\"]"},
                {"phase1_dh_group_numbers", "[1]"},
                {"ike_lifetime_seconds", "3600"},
                {"dpd_interval_seconds", "20"},
                {"dpd_retries", "5"},
                {"dpd_action", "\"restart\""}});
    CHECK(find(d.tunnels[0].settings, "ikev1_mode").source_key ==
          "crypto isakmp profile AGGR initiate mode");

    SECTION("the global keepalive, with IOS's 2 s retry interval") {
        auto other = std::string(text);
        other.replace(other.find(" keepalive 20 retry 20\n"), 23, "");
        const auto d2 = read(other);
        CHECK(find(d2.tunnels.at(0).settings, "dpd_interval_seconds").value == "10");
        CHECK(d2.warnings.back() ==
              "r.cfg:22: DPD retry interval 2 s, not 10 s (crypto isakmp keepalive) not modelled");
    }
}

TEST_CASE("cisco ios - sub-mode lines pasted without indentation stay in their block",
          "[import][cisco-ios]") {
    std::string flat;
    for (std::size_t start = 0; start < kBase.size();) {
        const auto end = kBase.find('\n', start);
        auto line = kBase.substr(start, end - start);
        line.remove_prefix(std::min(line.find_first_not_of(' '), line.size()));
        flat += std::string(line) + "\n";
        if (line == "dpd 10 10 on-demand") flat += "exit\n";
        start = end + 1;
    }
    const auto d = read(flat);
    CHECK(d.errors.empty());
    CHECK(d.warnings.empty());
    CHECK(pairs(d.tunnels.at(0).settings) == pairs(read(kBase).tunnels.at(0).settings));
    CHECK(pairs(d.cgw) == pairs(read(kBase).cgw));
}

TEST_CASE("cisco ios - hostile input: errors or nothing, never a crash", "[import][cisco-ios]") {
    SECTION("empty, blank, comments only") {
        for (const std::string_view text :
             {"", "\n\n  \n", "!\n! comment\n   ! indented\n", "\r\n"}) {
            const auto d = read(text);
            CHECK(d.errors.empty());
            CHECK(d.warnings.empty());
            CHECK(d.tunnels.empty());
            CHECK(d.cgw.empty());
        }
    }
    SECTION("every byte value, NULs included") {
        std::string text;
        for (int i = 0; i < 4096; ++i) text += static_cast<char>((i * 7) % 256);
        constexpr char kNuls[] = "\0crypto\0ikev2 proposal \0\n encryption \0\xff\n";
        text += std::string(kNuls, sizeof kNuls - 1);
        const auto d = read(text);
        CHECK(d.tunnels.empty());
        for (const auto& e : d.errors) CHECK(e.message.size() <= 480);
    }
    SECTION("a 100 KB line") {
        const std::string huge(100 * 1024, 'A');
        for (const auto& text : {huge, "crypto ikev2 proposal " + huge + "\n encryption " + huge,
                                 "interface Tunnel1\n tunnel destination " + huge +
                                     "\n tunnel protection ipsec profile P",
                                 "router bgp 65000\n neighbor " + huge + " remote-as 1"}) {
            const auto d = read(text);
            for (const auto& e : d.errors) {
                CHECK(e.message.size() <= 480);
                CHECK(e.key.size() < 200);
            }
            for (const auto& w : d.warnings) CHECK(w.size() < 200);
        }
    }
    SECTION("deep indentation and a block left open at the end") {
        std::string text = "interface Tunnel1\n";
        for (int i = 0; i < 5000; ++i)
            text += std::string(static_cast<std::size_t>(i), ' ') + "tunnel\n";
        text += "crypto ikev2 keyring K\n peer";
        const auto d = read(text);
        CHECK(d.tunnels.empty());
        REQUIRE(d.errors.size() == 1);
        CHECK(d.errors[0].to_string() ==
              "r.cfg:5003:6: crypto ikev2 keyring K peer: expected a name");
    }
    SECTION("thousands of blocks: reports and look-ups stay bounded") {
        std::string text;
        for (int i = 0; i < 3000; ++i) {
            text += fmt::format(
                "crypto ikev2 proposal P{}\n encryption none\ninterface Tunnel{}\n "
                "tunnel protection ipsec profile X\n",
                i, i);
        }
        const auto d = read(text);
        CHECK(d.errors.size() == 1001);
        CHECK(d.errors.back().message == "more than 1000 errors: the rest not reported");
        CHECK(d.tunnels.empty());
    }
}

TEST_CASE("cisco ios - any mix of statements and noise reads without a crash",
          "[import][cisco-ios][prop]") {
    rc::prop("every setting points into the text; reports are bounded", [] {
        static const std::vector<std::string> kLines{"crypto ikev2 proposal P",
                                                     " encryption aes-cbc-128 bogus",
                                                     " group 14 x",
                                                     "crypto ikev2 keyring K",
                                                     " peer a",
                                                     "  address 203.0.113.10",
                                                     "  pre-shared-key k",
                                                     "crypto ikev2 profile PR",
                                                     " keyring local K",
                                                     " dpd 10 10 on-demand",
                                                     " lifetime",
                                                     "crypto ipsec profile IP",
                                                     " set ikev2-profile PR",
                                                     " set pfs group",
                                                     " set transform-set T",
                                                     "crypto ipsec transform-set T esp-aes 999",
                                                     "interface Tunnel1",
                                                     " tunnel destination 203.0.113.10",
                                                     " tunnel protection ipsec profile IP",
                                                     " ip address 169.254.10.2 255.255.255.252",
                                                     "router bgp",
                                                     "router bgp 65000",
                                                     " neighbor 169.254.10.1 remote-as",
                                                     " neighbor 169.254.10.1 timers 1",
                                                     " address-family ipv4",
                                                     " exit-address-family",
                                                     "exit",
                                                     "banner motd #",
                                                     "#",
                                                     "crypto map M 1 ipsec-isakmp",
                                                     " match address A",
                                                     "ip access-list extended A",
                                                     " permit ip any",
                                                     "route-map R permit",
                                                     " set as-path prepend",
                                                     "ip route 1.2.3.4",
                                                     "crypto isakmp policy 99999999999",
                                                     " encryption aes 1",
                                                     "crypto keyring KR",
                                                     " pre-shared-key address 1.2.3.4 key"};
        const auto picks = *rc::gen::container<std::vector<std::size_t>>(
            rc::gen::inRange<std::size_t>(0, kLines.size() + 1));
        std::string text;
        for (const auto p : picks) {
            text += p < kLines.size() ? kLines[p] : *rc::gen::arbitrary<std::string>();
            text += '\n';
        }
        const auto d = read(text);
        const auto lines = static_cast<int>(std::count(text.begin(), text.end(), '\n')) + 1;
        const auto inside = [&](const Setting& s) { return s.at.line >= 1 && s.at.line <= lines; };
        for (const auto& s : d.cgw) RC_ASSERT(inside(s));
        for (const auto& t : d.tunnels) {
            for (const auto& s : t.settings) RC_ASSERT(inside(s));
        }
        RC_ASSERT(d.errors.size() <= 1001U);
        RC_ASSERT(d.warnings.size() <= 1001U);
    });
}

namespace {

// AWS's side of a two-tunnel connection, every option at its default.
scenario::Aws two_tunnels() {
    const auto r = scenario::load_string(R"([scenario]
name = "ios"
[aws]
vpn_id = "vpn-0123456789abcdef0"
[[aws.tunnel]]
outside_ip = "203.0.113.10"
inside_cidr = "169.254.10.0/30"
psk = "tunnel1_psk_value"
[[aws.tunnel]]
outside_ip = "203.0.113.20"
inside_cidr = "169.254.11.4/30"
psk = "tunnel2_psk_value"
[cgw]
outside_ip = "198.51.100.10"
[[cgw.tunnel]]
peer = "203.0.113.10"
psk = "tunnel1_psk_value"
)",
                                         "aws.toml");
    for (const auto& e : r.diagnostics) UNSCOPED_INFO(e.to_string());
    REQUIRE(r.scenario);
    return r.scenario->aws;
}

// A sample under scenarios/templates/cisco-ios, rendered for two_tunnels().
CgwDraft sample(const std::string& name) {
    const auto path = std::string(VPNSIM_SOURCE_DIR) + "/scenarios/templates/cisco-ios/" + name;
    const auto text = import::testing::read_text(path);
    REQUIRE(!text.empty());
    auto r = render_template(text, name, template_values(two_tunnels()));
    if (const auto* e = std::get_if<std::vector<scenario::Diagnostic>>(&r)) {
        for (const auto& x : *e) UNSCOPED_INFO(x.to_string());
    }
    REQUIRE(std::holds_alternative<Rendered>(r));
    return read_cisco_ios(std::get<Rendered>(r).text, name);
}

scenario::Cgw assembled(const CgwDraft& d) {
    auto r = assemble_cgw(two_tunnels(), {d});
    if (const auto* e = std::get_if<std::vector<scenario::Diagnostic>>(&r)) {
        for (const auto& x : *e) UNSCOPED_INFO(x.to_string());
    }
    REQUIRE(std::holds_alternative<AssembledCgw>(r));
    return std::get<AssembledCgw>(r).cgw;
}

}  // namespace

TEST_CASE("cisco ios - the samples read clean and make a loadable CGW", "[import][cisco-ios]") {
    const auto name = GENERATE(as<std::string>{}, "healthy-ikev2.cfg", "healthy-ikev1.cfg",
                               "no-bgp.cfg", "legacy-proposals.cfg", "no-nat-t.cfg",
                               "wrong-neighbor.cfg", "md5.cfg", "narrow-proxy-ids.cfg");
    CAPTURE(name);
    const auto d = sample(name);
    for (const auto& e : d.errors) UNSCOPED_INFO(e.to_string());
    CHECK(d.errors.empty());
    CHECK(d.warnings.empty());
    const auto cgw = assembled(d);
    REQUIRE(cgw.tunnels.size() == 2);
    CHECK(cgw.vendor == scenario::CgwVendor::CiscoIos);
    CHECK(cgw.outside_ip == net::Ipv4Addr::from_octets(198, 51, 100, 10));
    CHECK(cgw.tunnels[0].psk == "tunnel1_psk_value");
    CHECK(cgw.tunnels[1].psk == "tunnel2_psk_value");
    const auto& t = cgw.tunnels[0];
    if (name == "healthy-ikev2.cfg") {
        CHECK(t.ike_version == 2);
        CHECK(t.dpd_action == scenario::DpdAction::Restart);
        CHECK(t.ike_lifetime_seconds == 28800);
        CHECK(cgw.bgp.enabled);
        CHECK(cgw.bgp.hold_time_seconds == 30);
        CHECK(cgw.bgp.announce == std::vector{*net::Ipv4Prefix::parse("10.0.0.0/16")});
        CHECK(cgw.tunnels[1].bgp_neighbor == net::Ipv4Addr::from_octets(169, 254, 11, 5));
        CHECK(cgw.tunnel_mtu == 1399);
        CHECK(cgw.mss_clamp == 1379);
    } else if (name == "healthy-ikev1.cfg") {
        CHECK(t.ike_version == 1);
        CHECK(t.phase1.dh_groups == std::vector<int>{2});
        CHECK(t.phase2.dh_groups == std::vector<int>{2});
        CHECK(cgw.bgp.announce == std::vector{net::Ipv4Prefix::any()});
    } else if (name == "no-bgp.cfg") {
        CHECK_FALSE(cgw.bgp.enabled);
    } else if (name == "legacy-proposals.cfg") {
        CHECK(t.phase1.encryption == std::vector{ike::Encr::TripleDes});
        CHECK(t.phase1.integrity == std::vector{ike::Integ::Md5});
    } else if (name == "no-nat-t.cfg") {
        CHECK_FALSE(cgw.nat_t);
    } else if (name == "wrong-neighbor.cfg") {
        CHECK(t.bgp_neighbor == net::Ipv4Addr::from_octets(169, 254, 10, 2));
    } else if (name == "md5.cfg") {
        CHECK(cgw.bgp.md5_password == "bgp-md5-secret");
    } else if (name == "narrow-proxy-ids.cfg") {
        CHECK(t.policy == scenario::TunnelPolicy::PolicyBased);
        REQUIRE(t.proxy_ids.size() == 1);
        CHECK(t.proxy_ids[0].local == *net::Ipv4Prefix::parse("10.0.0.0/16"));
        CHECK(t.proxy_ids[0].remote == *net::Ipv4Prefix::parse("172.31.0.0/16"));
    }
}
