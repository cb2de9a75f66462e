// Helpers shared by the cisco ios reader tests (split from one file).
#pragma once

#include <rapidcheck.h>
#include <rapidcheck/catch.h>
#include <catch2/catch.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "sim/import/cgw_assemble.hpp"
#include "sim/import/cgw_draft.hpp"
#include "sim/import/template.hpp"
#include "sim/scenario/loader.hpp"
#include "tests/import/import_test_util.hpp"

using namespace vpnsim;
using namespace vpnsim::import;

namespace vpnsim_cisco_ios_test {

using Pairs = std::vector<std::pair<std::string, std::string>>;

inline CgwDraft read(std::string_view text) {
    return read_cisco_ios(text, "r.cfg");
}

inline Pairs pairs(const std::vector<Setting>& settings) {
    Pairs out;
    for (const auto& s : settings) out.emplace_back(s.key, s.value);
    return out;
}

inline const Setting& find(const std::vector<Setting>& settings, std::string_view key) {
    const auto it = std::find_if(settings.begin(), settings.end(),
                                 [&](const Setting& s) { return s.key == key; });
    REQUIRE(it != settings.end());
    return *it;
}

// "L:C" of a setting, and of the nth occurrence of `needle` in `text`.
inline std::string at(const Setting& s) {
    return fmt::format("{}:{}", s.at.line, s.at.column);
}
inline std::string where(std::string_view text, std::string_view needle, std::size_t nth = 0) {
    return import::testing::where(text, needle, nth).substr(std::string_view("in.json:").size());
}

inline std::vector<std::string> errors(std::string_view text) {
    std::vector<std::string> out;
    for (const auto& d : read(text).errors) out.push_back(d.to_string());
    return out;
}

// AWS's IKEv2 configuration for both tunnels (TEST-NET addresses, invented keys), with a
// second proposal, a physical outside interface and two announced networks.
constexpr std::string_view kIkev2 = R"(! Amazon Web Services
crypto ikev2 proposal PROPOSAL1
  encryption aes-cbc-128 aes-cbc-256
  integrity sha1 sha256
  group 14 19
exit
crypto ikev2 policy POLICY1
  match address local 198.51.100.10
  proposal PROPOSAL1
exit
crypto ikev2 keyring KEYRING1
  peer 203.0.113.10
    address 203.0.113.10
    pre-shared-key tunnel1_psk_value
  peer 203.0.113.20
    address 203.0.113.20 255.255.255.255
    pre-shared-key local tunnel2_psk_value
exit
crypto ikev2 profile IKEV2-PROFILE
  match address local 198.51.100.10
  match identity remote address 203.0.113.10 255.255.255.255
  match identity remote address 203.0.113.20 255.255.255.255
  authentication remote pre-share
  authentication local pre-share
  keyring local KEYRING1
  lifetime 28800
  dpd 10 10 on-demand
exit
crypto ipsec transform-set TS esp-aes 256 esp-sha256-hmac
  mode tunnel
exit
crypto ipsec profile IPSEC-PROFILE
  set pfs group14
  set security-association lifetime seconds 3600
  set transform-set TS
  set ikev2-profile IKEV2-PROFILE
exit
crypto ipsec df-bit clear
interface GigabitEthernet1
 ip address 198.51.100.10 255.255.255.0
 negotiation auto
interface Tunnel1
  ip address 169.254.10.2 255.255.255.252
  ip virtual-reassembly
  tunnel source GigabitEthernet1
  tunnel destination 203.0.113.10
  tunnel mode ipsec ipv4
  tunnel protection ipsec profile IPSEC-PROFILE
  ip mtu 1399
  ip tcp adjust-mss 1379
  no shutdown
interface Tunnel2
  ip address 169.254.11.6 255.255.255.252
  tunnel source 198.51.100.10
  tunnel destination 203.0.113.20
  tunnel mode ipsec ipv4
  tunnel protection ipsec profile IPSEC-PROFILE
  ip mtu 1399
  ip tcp adjust-mss 1379
router bgp 65000
  bgp log-neighbor-changes
  neighbor 169.254.10.1 remote-as 64512
  neighbor 169.254.10.1 timers 10 30 30
  neighbor 169.254.11.5 remote-as 64512
  neighbor 169.254.11.5 timers 10 30 30
  address-family ipv4 unicast
    network 10.0.0.0 mask 255.255.0.0
    network 10.1.0.0 mask 255.255.0.0
    neighbor 169.254.10.1 activate
    neighbor 169.254.11.5 activate
  exit-address-family
exit
hostname cgw
line vty 0 4
 transport input ssh
end
)";

// AWS's classic IKEv1 configuration for one tunnel.
constexpr std::string_view kIkev1 = R"(crypto isakmp policy 200
  encryption aes 128
  authentication pre-share
  group 2
  lifetime 28800
  hash sha
exit
crypto isakmp policy 100
  encryption aes 256
  authentication pre-share
  hash sha256
  group 14
  lifetime 28800
exit
crypto keyring keyring-vpn-1
  local-address 198.51.100.10
  pre-shared-key address 203.0.113.10 key tunnel1_psk_value
exit
crypto isakmp profile isakmp-vpn-1
  local-address 198.51.100.10
  match identity address 203.0.113.10
  keyring keyring-vpn-1
exit
crypto ipsec transform-set ipsec-prop-vpn-1 esp-aes 128 esp-sha-hmac
  mode tunnel
exit
crypto ipsec profile ipsec-vpn-1
  set pfs group2
  set security-association lifetime seconds 3600
  set transform-set ipsec-prop-vpn-1
exit
crypto isakmp keepalive 10 10
crypto ipsec security-association replay window-size 128
crypto ipsec fragmentation before-encryption
interface Tunnel1
  ip address 169.254.10.2 255.255.255.252
  tunnel source 198.51.100.10
  tunnel destination 203.0.113.10
  tunnel mode ipsec ipv4
  tunnel protection ipsec profile ipsec-vpn-1
  ip tcp adjust-mss 1379
)";

}  // namespace vpnsim_cisco_ios_test

using namespace vpnsim_cisco_ios_test;  // NOLINT(google-build-using-namespace)

namespace vpnsim_cisco_ios_test {

// One IKEv2 tunnel with BGP: no warning, no error. Cases below edit it.
constexpr std::string_view kBase = R"(crypto ikev2 proposal P
 encryption aes-cbc-128
 integrity sha1
 group 14
crypto ikev2 policy POL
 proposal P
crypto ikev2 keyring K
 peer aws
  address 203.0.113.10
  pre-shared-key key1
crypto ikev2 profile PROF
 match identity remote address 203.0.113.10
 keyring local K
 dpd 10 10 on-demand
crypto ipsec profile IP
 set ikev2-profile PROF
 set pfs group14
interface Tunnel1
 ip address 169.254.10.2 255.255.255.252
 tunnel source 198.51.100.10
 tunnel destination 203.0.113.10
 tunnel mode ipsec ipv4
 tunnel protection ipsec profile IP
router bgp 65000
 neighbor 169.254.10.1 remote-as 64512
 neighbor 169.254.10.1 timers 10 30 30
)";

// kBase with `from` replaced by `to`; with `from` empty, `to` appended.
inline std::string edited(std::string_view from, std::string_view to) {
    std::string text(kBase);
    if (from.empty()) return text + std::string(to) + "\n";
    const auto at = text.find(from);
    REQUIRE(at != std::string::npos);
    text.replace(at, from.size(), to);
    return text;
}

struct Case {
    std::string_view from;
    std::string_view to;
    std::vector<std::string> expected;
};

}  // namespace vpnsim_cisco_ios_test
