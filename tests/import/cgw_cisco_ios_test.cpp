// The Cisco IOS / IOS-XE reader: AWS's IKEv2 and IKEv1 configurations and a policy-based crypto
// map give exactly their settings, at their places; IOS's own defaults are set where the
// scenario's differ; every warning and every error (line and column pinned); hostile input; and
// the samples under scenarios/templates/cisco-ios, rendered and put together into a loadable CGW.
#include "tests/import/cgw_cisco_ios_test_util.hpp"

TEST_CASE("cisco ios - AWS's IKEv2 configuration", "[import][cisco-ios]") {
    const auto d = read(kIkev2);
    CHECK(d.errors.empty());
    CHECK(d.warnings.empty());
    CHECK(d.dialect == Dialect::CiscoIos);
    CHECK(d.vendor == scenario::CgwVendor::CiscoIos);
    CHECK(pairs(d.cgw) == Pairs{{"outside_ip", "\"198.51.100.10\""},
                                {"asn", "65000"},
                                {"bgp.enabled", "true"},
                                {"bgp.announce", "[\"10.0.0.0/16\", \"10.1.0.0/16\"]"},
                                {"bgp.remote_as", "64512"},
                                {"bgp.keepalive_seconds", "10"},
                                {"bgp.hold_time_seconds", "30"},
                                {"bgp.min_hold_time_seconds", "30"},
                                {"nat_keepalive_seconds", "0"},
                                {"mss_clamp", "1379"},
                                {"tunnel_mtu", "1399"}});
    REQUIRE(d.tunnels.size() == 4);
    const auto& t1 = d.tunnels[0];
    CHECK(t1.name == "Tunnel1");
    CHECK(t1.ipsec);
    CHECK(t1.peer == net::Ipv4Addr::from_octets(203, 0, 113, 10));
    CHECK(t1.inside == net::Ipv4Addr::from_octets(169, 254, 10, 2));
    CHECK(fmt::format("{}:{}", t1.at.line, t1.at.column) == where(kIkev2, "interface Tunnel1"));
    CHECK(pairs(t1.settings) == Pairs{{"peer", "\"203.0.113.10\""},
                                      {"inside_ip", "\"169.254.10.2/30\""},
                                      {"phase2_encryption_algorithms", "[\"AES256\"]"},
                                      {"phase2_integrity_algorithms", "[\"SHA2-256\"]"},
                                      {"phase2_dh_group_numbers", "[14]"},
                                      {"phase2_lifetime_seconds", "3600"},
                                      {"ike_version", "2"},
                                      {"psk", "\"tunnel1_psk_value\""},
                                      {"ike_lifetime_seconds", "28800"},
                                      {"dpd_interval_seconds", "10"},
                                      {"dpd_retries", "5"},
                                      {"dpd_action", "\"restart\""},
                                      {"phase1_encryption_algorithms", "[\"AES128\", \"AES256\"]"},
                                      {"phase1_integrity_algorithms", "[\"SHA1\", \"SHA2-256\"]"},
                                      {"phase1_dh_group_numbers", "[14, 19]"}});
    CHECK(find(d.tunnels[1].settings, "psk").value == "\"tunnel2_psk_value\"");
    CHECK(d.tunnels[1].inside == net::Ipv4Addr::from_octets(169, 254, 11, 6));

    SECTION("each value at its place, with the file's words for it") {
        const auto& outside = find(d.cgw, "outside_ip");  // GigabitEthernet1's address
        CHECK(at(outside) == where(kIkev2, "198.51.100.10 255.255.255.0"));
        CHECK(outside.source_key == "interface GigabitEthernet1 ip address");
        const auto& peer = find(t1.settings, "peer");
        CHECK(at(peer) == where(kIkev2, "203.0.113.10\n  tunnel mode"));
        CHECK(peer.source_key == "interface Tunnel1 tunnel destination");
        const auto& enc = find(t1.settings, "phase1_encryption_algorithms");
        CHECK(at(enc) == where(kIkev2, "aes-cbc-128"));
        CHECK(enc.source_key == "crypto ikev2 proposal PROPOSAL1 encryption");
        CHECK(find(t1.settings, "psk").source_key ==
              "crypto ikev2 keyring KEYRING1 peer 203.0.113.10 pre-shared-key");
        CHECK(at(find(t1.settings, "dpd_retries")) == where(kIkev2, "dpd 10"));
        CHECK(at(find(d.cgw, "bgp.min_hold_time_seconds")) == where(kIkev2, "30\n"));
        CHECK(find(d.cgw, "asn").source_key == "router bgp");
    }
    SECTION("each BGP neighbor is a tunnel description of its own") {
        const auto& n = d.tunnels[2];
        CHECK_FALSE(n.ipsec);
        CHECK(n.name == "neighbor 169.254.10.1");
        CHECK(n.inside == net::Ipv4Addr::from_octets(169, 254, 10, 1));
        CHECK_FALSE(n.peer);
        CHECK(pairs(n.settings) == Pairs{{"bgp_neighbor", "\"169.254.10.1\""}});
        CHECK(at(n.settings[0]) == where(kIkev2, "169.254.10.1 remote-as"));
    }
}

TEST_CASE("cisco ios - AWS's IKEv1 configuration", "[import][cisco-ios]") {
    const auto d = read(kIkev1);
    CHECK(d.errors.empty());
    CHECK(d.warnings.empty());
    CHECK(pairs(d.cgw) == Pairs{{"outside_ip", "\"198.51.100.10\""},
                                {"nat_keepalive_seconds", "0"},
                                {"mss_clamp", "1379"},
                                {"tunnel_mtu", "1500"}});
    REQUIRE(d.tunnels.size() == 1);
    // Policies in priority order (100 before 200); the ISAKMP profile found by the peer.
    CHECK(pairs(d.tunnels[0].settings) ==
          Pairs{{"peer", "\"203.0.113.10\""},
                {"inside_ip", "\"169.254.10.2/30\""},
                {"phase2_encryption_algorithms", "[\"AES128\"]"},
                {"phase2_integrity_algorithms", "[\"SHA1\"]"},
                {"phase2_dh_group_numbers", "[2]"},
                {"phase2_lifetime_seconds", "3600"},
                {"ike_version", "1"},
                {"psk", "\"tunnel1_psk_value\""},
                {"phase1_encryption_algorithms", "[\"AES256\", \"AES128\"]"},
                {"phase1_integrity_algorithms", "[\"SHA2-256\", \"SHA1\"]"},
                {"phase1_dh_group_numbers", "[14, 2]"},
                {"ike_lifetime_seconds", "28800"},
                {"dpd_interval_seconds", "10"},
                {"dpd_retries", "5"},
                {"dpd_action", "\"restart\""}});
    CHECK(find(d.tunnels[0].settings, "psk").source_key ==
          "crypto keyring keyring-vpn-1 pre-shared-key address");
    CHECK(find(d.tunnels[0].settings, "dpd_interval_seconds").source_key ==
          "crypto isakmp keepalive");
}

TEST_CASE("cisco ios - IOS's defaults where the scenario's differ", "[import][cisco-ios]") {
    const std::string text = R"(crypto ikev2 proposal P
 encryption aes-cbc-256
 integrity sha256
 group 19
crypto ikev2 policy POL
 proposal P
crypto ikev2 keyring K
 peer aws
  address 203.0.113.0 255.255.255.0
  pre-shared-key wide
 peer aws1
  address 203.0.113.10
  pre-shared-key narrow
crypto ikev2 profile PROF
 match identity remote address 203.0.113.10
 keyring local K
crypto isakmp policy 5
 authentication pre-share
crypto ipsec profile IP
 set ikev2-profile PROF
 set pfs group14
interface Tunnel7
 ip address 169.254.10.2 255.255.255.252
 tunnel destination 203.0.113.10
 tunnel mode ipsec ipv4
 tunnel protection ipsec profile IP
router bgp 65000
 neighbor 169.254.10.1 remote-as 64512
)";
    const auto d = read(text);
    CHECK(d.errors.empty());
    CHECK(d.warnings.empty());
    const auto& s = d.tunnels.at(0).settings;
    CHECK(find(s, "psk").value == "\"narrow\"");  // the longest prefix holding the peer
    CHECK(find(s, "ike_lifetime_seconds").value == "86400");
    CHECK(at(find(s, "ike_lifetime_seconds")) == where(text, "crypto ikev2 profile"));
    CHECK(find(s, "dpd_action").value == "\"none\"");
    CHECK(find(s, "dpd_action").source_key == "crypto ikev2 profile PROF (no dpd)");
    CHECK(find(s, "phase2_encryption_algorithms").value == "[\"AES128\", \"3DES\"]");
    CHECK(find(s, "phase2_integrity_algorithms").value == "[\"SHA1\"]");
    CHECK(find(d.cgw, "mss_clamp").value == "0");
    CHECK(find(d.cgw, "tunnel_mtu").value == "1500");
    CHECK(find(d.cgw, "bgp.keepalive_seconds").value == "60");
    CHECK(find(d.cgw, "bgp.hold_time_seconds").value == "180");
    CHECK(at(find(d.cgw, "bgp.hold_time_seconds")) == where(text, "router bgp"));

    SECTION("an ISAKMP policy left at IOS's defaults: DES, SHA1, group 1, 86400 s") {
        auto v1 = text;
        v1.replace(v1.find(" set ikev2-profile PROF\n"), 24, "");
        const auto d1 = read(v1);
        const auto& s1 = d1.tunnels.at(0).settings;
        CHECK(find(s1, "ike_version").value == "1");
        CHECK(find(s1, "phase1_encryption_algorithms").value == "[\"DES\"]");
        CHECK(find(s1, "phase1_integrity_algorithms").value == "[\"SHA1\"]");
        CHECK(find(s1, "phase1_dh_group_numbers").value == "[1]");
        CHECK(find(s1, "ike_lifetime_seconds").value == "86400");
        CHECK(find(s1, "dpd_action").value == "\"none\"");
        // IKEv1 finds its key in the IKEv2 keyring's no more: no keyring, no key.
        CHECK(d1.errors.size() == 1);
    }
}

TEST_CASE("cisco ios - a policy-based crypto map", "[import][cisco-ios]") {
    constexpr std::string_view text = R"(crypto isakmp policy 10
 encryption aes
 hash sha
 authentication pre-share
 group 14
crypto isakmp key 0 map_psk_value address 203.0.113.10
crypto ipsec transform-set TS esp-gcm 256
crypto map CM 10 ipsec-isakmp
 set peer 203.0.113.10
 set transform-set TS
 set pfs group20
 match address VPC
ip access-list extended VPC
 remark to the VPC
 10 permit ip 10.0.0.0 0.0.255.255 172.31.0.0 0.0.255.255
 permit ip host 10.2.0.1 172.31.0.0/16
 deny ip any any
access-list 150 permit ip any any
interface GigabitEthernet1
 ip address 198.51.100.10 255.255.255.0
 crypto map CM
)";
    const auto d = read(text);
    CHECK(d.errors.empty());
    CHECK(d.warnings ==
          std::vector<std::string>{"r.cfg:17: deny ip (ip access-list extended VPC) not modelled"});
    REQUIRE(d.tunnels.size() == 1);
    const auto& t = d.tunnels[0];
    CHECK(t.name == "crypto map CM 10");
    CHECK(t.peer == net::Ipv4Addr::from_octets(203, 0, 113, 10));
    CHECK(find(t.settings, "policy").value == "\"policy-based\"");
    const auto& ids = find(t.settings, "proxy_ids");
    CHECK(ids.value ==
          "[{ local = \"10.0.0.0/16\", remote = \"172.31.0.0/16\" }, "
          "{ local = \"10.2.0.1/32\", remote = \"172.31.0.0/16\" }]");
    CHECK(at(ids) == where(text, "permit ip 10.0.0.0"));
    CHECK(find(t.settings, "phase2_encryption_algorithms").value == "[\"AES256-GCM-16\"]");
    CHECK(find(t.settings, "phase2_dh_group_numbers").value == "[20]");
    CHECK(find(t.settings, "phase1_encryption_algorithms").value == "[\"AES128\"]");
    CHECK(find(t.settings, "psk").value == "\"map_psk_value\"");
    CHECK(find(d.cgw, "outside_ip").value == "\"198.51.100.10\"");
    CHECK(pairs(d.cgw).size() == 2);  // outside_ip, nat_keepalive_seconds: no tunnel interface
}

TEST_CASE("cisco ios - BGP details", "[import][cisco-ios]") {
    constexpr std::string_view text = R"(router bgp 1.10
 timers bgp 20 60
 network 10.0.0.0
 network 172.16.0.0
 neighbor 169.254.10.1 remote-as 64512
 neighbor 169.254.10.1 password 0 a secret
 neighbor 169.254.10.1 route-map OUT out
 neighbor 169.254.10.1 route-map IN in
 neighbor 169.254.10.1 default-originate
 neighbor 169.254.11.5 remote-as 64512
 neighbor 169.254.11.5 route-map MATCHED out
route-map OUT permit 20
 set metric 200
route-map OUT permit 10
 set as-path prepend 65000 65000
 set metric 100
route-map IN permit 10
 set local-preference 200
route-map MATCHED permit 10
 match ip address prefix-list PL
 set metric 5
)";
    const auto d = read(text);
    CHECK(d.errors.empty());
    CHECK(pairs(d.cgw) ==
          Pairs{{"asn", "65546"},
                {"bgp.enabled", "true"},
                {"bgp.announce", "[\"10.0.0.0/8\", \"172.16.0.0/16\", \"0.0.0.0/0\"]"},
                {"bgp.remote_as", "64512"},
                {"bgp.keepalive_seconds", "20"},
                {"bgp.hold_time_seconds", "60"},
                {"bgp.md5_password", "\"a secret\""}});
    REQUIRE(d.tunnels.size() == 2);
    CHECK(pairs(d.tunnels[0].settings) == Pairs{{"bgp_neighbor", "\"169.254.10.1\""},
                                                {"as_path_prepend", "[65000, 65000]"},
                                                {"med", "100"},
                                                {"local_pref", "200"}});
    CHECK(pairs(d.tunnels[1].settings) == Pairs{{"bgp_neighbor", "\"169.254.11.5\""}});
    CHECK(d.warnings == std::vector<std::string>{
                            "r.cfg:10: neighbor 169.254.11.5 password (unlike the first "
                            "neighbor's) not modelled",
                            "r.cfg:19: route-map MATCHED 10 match (the clause is left out) not "
                            "modelled"});
}

TEST_CASE("cisco ios - static routes into tunnels", "[import][cisco-ios]") {
    constexpr std::string_view text = R"(crypto ipsec profile P
 set pfs group14
crypto isakmp policy 1
 authentication pre-share
crypto isakmp key k address 203.0.113.10
crypto isakmp keepalive 10 10
interface Tunnel1
 ip address 169.254.10.2 255.255.255.252
 tunnel destination 203.0.113.10
 tunnel mode ipsec ipv4
 tunnel protection ipsec profile P
ip route 172.31.0.0 255.255.0.0 Tunnel1
ip route 172.30.0.0 255.255.0.0 169.254.10.1
ip route 10.0.0.0 255.0.0.0 Null0
ip route 0.0.0.0 0.0.0.0 198.51.100.1
ip route 172.29.0.0 255.255.0.0 tunnel1 track 10
)";
    const auto d = read(text);
    CHECK(d.errors.empty());
    const auto& routes = find(d.tunnels.at(0).settings, "static_routes");
    CHECK(routes.value == "[\"172.31.0.0/16\", \"172.30.0.0/16\", \"172.29.0.0/16\"]");
    CHECK(at(routes) == where(text, "172.31.0.0 255"));
    CHECK(routes.source_key == "ip route 172.31.0.0 255.255.0.0");
    CHECK(d.warnings == std::vector<std::string>{
                            "r.cfg:16: ip route ... track not modelled",
                            "r.cfg:15: ip route 0.0.0.0 0.0.0.0 198.51.100.1 (not into a tunnel) "
                            "not modelled"});
}

TEST_CASE("cisco ios - the base case reads clean", "[import][cisco-ios]") {
    const auto d = read(kBase);
    CHECK(d.errors.empty());
    CHECK(d.warnings.empty());
    CHECK(d.tunnels.size() == 2);
}
