// Helpers shared by the frr reader tests (split from one file).
#pragma once

#include <fmt/format.h>
#include <catch2/catch.hpp>

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

namespace vpnsim_frr_test {

// The placeholders as a connection with TEST-NET addresses fills them in.
inline std::string rendered(std::string text) {
    const std::vector<std::pair<std::string, std::string>> values{
        {"{{ tunnel1.outside_ip }}", "203.0.113.10"},
        {"{{ tunnel2.outside_ip }}", "203.0.113.20"},
        {"{{ tunnel1.inside_cidr }}", "169.254.10.0/30"},
        {"{{ tunnel2.inside_cidr }}", "169.254.11.0/30"},
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
                                               "/scenarios/templates/frr/" + name));
}

// Where `word` is in the first line holding `line` (1-based line and byte column).
inline SourcePos pos(std::string_view text, std::string_view line, std::string_view word) {
    const auto start = text.find(line);
    REQUIRE(start != std::string_view::npos);
    const auto at = text.find(word, start);
    REQUIRE(at != std::string_view::npos);
    const auto line_start = text.rfind('\n', at);
    const int column =
        static_cast<int>(at - (line_start == std::string_view::npos ? 0 : line_start + 1)) + 1;
    int number = 1;
    for (std::size_t i = 0; i < at; ++i) number += text[i] == '\n' ? 1 : 0;
    return SourcePos{number, column};
}
inline int line_of(std::string_view text, std::string_view line) {
    return pos(text, line, line).line;
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
inline std::string tunnel(const DraftTunnel& t) {
    return fmt::format("{} ipsec={} inside={} @{}:{}", t.name, t.ipsec,
                       t.inside ? t.inside->to_string() : "-", t.at.line, t.at.column);
}
inline std::vector<std::string> errors(const CgwDraft& d) {
    std::vector<std::string> out;
    for (const auto& e : d.errors) out.push_back(e.to_string());
    return out;
}
inline std::string warning(int line, std::string_view what) {
    return fmt::format("frr.conf:{}: {} not modelled", line, what);
}

inline CgwDraft read(std::string_view text) {
    return import::read_frr(text, "frr.conf");
}

// A healthy two-neighbor router with `extra` added inside `router bgp`.
inline std::string router(std::string_view extra, std::string_view after = "") {
    return fmt::format(
        "router bgp 65000\n"
        " neighbor 169.254.10.1 remote-as 64512\n"
        " neighbor 169.254.11.1 remote-as 64512\n"
        "{}"
        " address-family ipv4 unicast\n"
        "  network 10.0.0.0/16\n"
        "  network 10.1.0.0/16\n"
        " exit-address-family\n"
        "exit\n"
        "{}",
        extra, after);
}

}  // namespace vpnsim_frr_test

using namespace vpnsim_frr_test;  // NOLINT(google-build-using-namespace)
