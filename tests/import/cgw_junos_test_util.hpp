// Helpers shared by the junos reader tests (split from one file).
#pragma once

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

namespace vpnsim_junos_test {

inline std::string rendered(std::string text) {
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

inline std::string sample(const std::string& name) {
    return rendered(import::testing::read_text(std::string(VPNSIM_SOURCE_DIR) +
                                               "/scenarios/templates/junos/" + name));
}

// Where `word` is in the first line holding `line`.
inline SourcePos pos(std::string_view text, std::string_view line, std::string_view word) {
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

inline std::string item(std::string_view key, std::string_view value, SourcePos at,
                        std::string_view source_key) {
    return fmt::format("{} = {} @{}:{} [{}]", key, value, at.line, at.column, source_key);
}
inline std::vector<std::string> listed(const std::vector<Setting>& settings) {
    std::vector<std::string> out;
    for (const auto& s : settings) out.push_back(item(s.key, s.value, s.at, s.source_key));
    return out;
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
inline std::vector<std::string> errors(const CgwDraft& d) {
    std::vector<std::string> out;
    for (const auto& e : d.errors) out.push_back(e.to_string());
    return out;
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
