// Helpers shared by the junos reader tests (split from one file).
#pragma once

#include <fmt/format.h>
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "sim/import/cgw_draft.hpp"
#include "tests/import/reader_test_util.hpp"

using namespace vpnsim;
using vpnsim::import::CgwDraft;
using vpnsim::import::DraftTunnel;
using vpnsim::import::Setting;
using vpnsim::import::SourcePos;

namespace vpnsim_junos_test {

using vpnsim::import::testing::errors;
using vpnsim::import::testing::item;
using vpnsim::import::testing::listed;
using vpnsim::import::testing::pos;

inline std::string sample(const std::string& name) {
    return vpnsim::import::testing::template_sample("junos", name);
}

// "key = value" of each setting, positions left out.
inline std::vector<std::string> values(const std::vector<Setting>& settings) {
    std::vector<std::string> out;
    for (const auto& s : settings) out.push_back(s.key + " = " + s.value);
    return out;
}
inline std::string value_of(const std::vector<Setting>& settings, std::string_view key) {
    for (const auto& s : settings) {
        if (s.key == key) return s.value;
    }
    return "-";
}
inline std::string warning(int line, std::string_view what) {
    return fmt::format("srx.conf:{}: {} not modelled", line, what);
}

inline CgwDraft read(std::string_view text) {
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
inline std::string with_bgp(std::string_view policy, std::string_view extra = "") {
    return kBase + "set routing-options autonomous-system 65000\n" +                    // 19
           "set protocols bgp group aws type external\n" +                              // 20
           "set protocols bgp group aws peer-as 64512\n" +                              // 21
           fmt::format("set protocols bgp group aws export {}\n", policy) +             // 22
           "set protocols bgp group aws neighbor 169.254.10.1\n" + std::string(extra);  // 23
}

}  // namespace vpnsim_junos_test

using namespace vpnsim_junos_test;  // NOLINT(google-build-using-namespace)
