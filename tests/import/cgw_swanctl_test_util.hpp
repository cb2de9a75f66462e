// Helpers for the strongSwan readers' tests: the samples rendered with TEST-NET values, where a
// piece of text is, a draft's settings by key, and a draft's settings loaded as a scenario.
#pragma once

#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "sim/import/cgw_draft.hpp"
#include "sim/import/template.hpp"
#include "sim/scenario/loader.hpp"
#include "tests/import/import_test_util.hpp"

namespace vpnsim::import::testing {

// The placeholders' values: TEST-NET addresses, documentation ASNs, invented keys.
inline TemplateValues strongswan_values() {
    return {{"tunnel1.outside_ip", "203.0.113.10"},
            {"tunnel2.outside_ip", "203.0.113.20"},
            {"tunnel1.inside_cidr", "169.254.10.0/30"},
            {"tunnel2.inside_cidr", "169.254.11.0/30"},
            {"tunnel1.aws_inside_ip", "169.254.10.1"},
            {"tunnel2.aws_inside_ip", "169.254.11.1"},
            {"tunnel1.cgw_inside_ip", "169.254.10.2"},
            {"tunnel2.cgw_inside_ip", "169.254.11.2"},
            {"tunnel1.psk", "tunnel1_psk_value"},
            {"tunnel2.psk", "tunnel2_psk_value"},
            {"aws.asn", "64512"},
            {"cgw.asn", "65000"},
            {"cgw.outside_ip", "198.51.100.10"},
            {"vpc.cidr", "172.31.0.0/16"},
            {"vpn.id", "vpn-0123456789abcdef0"}};
}

// scenarios/templates/strongswan/<name>, rendered.
inline std::string strongswan_sample(const std::string& name) {
    const auto path = std::string(VPNSIM_SOURCE_DIR) + "/scenarios/templates/strongswan/" + name;
    const auto text = read_text(path);
    REQUIRE_FALSE(text.empty());
    auto r = render_template(text, path, strongswan_values());
    REQUIRE(std::holds_alternative<Rendered>(r));
    return std::get<Rendered>(std::move(r)).text;
}

// The place of the `nth` (0-based) occurrence of `needle` in `text`, in bytes as the readers
// count; a '|' in the needle marks the place inside it ("version = |2").
inline SourcePos pos_of(std::string_view text, std::string_view needle, std::size_t nth = 0) {
    const auto bar = needle.find('|');
    std::string plain(needle);
    if (bar != std::string_view::npos) plain.erase(bar, 1);
    auto at = text.find(plain);
    for (; nth > 0 && at != std::string_view::npos; --nth) at = text.find(plain, at + 1);
    INFO("needle " << needle);
    REQUIRE(at != std::string_view::npos);
    if (bar != std::string_view::npos) at += bar;
    const auto line = 1 + std::count(text.begin(), text.begin() + static_cast<long>(at), '\n');
    const auto line_start = at == 0 ? std::string_view::npos : text.rfind('\n', at - 1);
    const auto column = line_start == std::string_view::npos ? at + 1 : at - line_start;
    return {static_cast<int>(line), static_cast<int>(column)};
}

// "in:L: <what> not modelled" at the line of `needle` (its `nth` occurrence).
inline std::string warning_at(std::string_view text, std::string_view needle, std::string_view what,
                              std::size_t nth = 0) {
    return "in:" + std::to_string(pos_of(text, needle, nth).line) + ": " + std::string(what) +
           " not modelled";
}

inline std::string where_in(std::string_view text, std::string_view needle, std::size_t nth = 0) {
    const auto p = pos_of(text, needle, nth);
    return "in:" + std::to_string(p.line) + ":" + std::to_string(p.column);
}

// One setting as a test expects it: its place is the `nth` occurrence of `needle`.
struct Expected {
    std::string_view key;
    std::string_view value;
    std::string_view needle;  // the text at the setting's place
    std::size_t nth;          // which occurrence of it
    std::string_view source_key;
};

inline void check_settings(std::string_view text, const DraftTunnel& t,
                           const std::vector<Expected>& expected) {
    REQUIRE(t.settings.size() == expected.size());
    for (std::size_t i = 0; i < expected.size(); ++i) {
        const auto& e = expected[i];
        const auto& s = t.settings[i];
        const auto want = pos_of(text, e.needle, e.nth);
        INFO("setting " << i << ": " << e.key << " at " << s.at.line << ":" << s.at.column
                        << ", expected " << want.line << ":" << want.column);
        CHECK(s.key == e.key);
        CHECK(s.value == e.value);
        CHECK(s.at == want);
        CHECK(s.source_key == e.source_key);
    }
}

// The one setting of `key`.
inline const Setting& setting(const std::vector<Setting>& settings, std::string_view key) {
    const Setting* found = nullptr;
    for (const auto& s : settings) {
        if (s.key != key) continue;
        INFO("key " << key << " set twice");
        REQUIRE(found == nullptr);
        found = &s;
    }
    INFO("key " << key);
    REQUIRE(found != nullptr);
    return *found;
}

inline bool has(const std::vector<Setting>& settings, std::string_view key) {
    return std::any_of(settings.begin(), settings.end(),
                       [&](const Setting& s) { return s.key == key; });
}

inline std::vector<std::string> error_texts(const CgwDraft& d) {
    std::vector<std::string> out;
    for (const auto& e : d.errors) out.push_back(e.to_string());
    return out;
}

// The draft's IPsec tunnels, their keys from `keys` (an ipsec.secrets draft) when they have
// none, loaded as a scenario's [cgw] beside two AWS tunnels at 203.0.113.10 and .20: the
// loader must take every value. A CGW address or a key the files do not give is made up.
inline scenario::Scenario loaded_cgw(const CgwDraft& draft, const CgwDraft* keys = nullptr) {
    std::string toml =
        "[scenario]\nname = \"strongswan-import\"\n\n[aws]\n"
        "[[aws.tunnel]]\noutside_ip = \"203.0.113.10\"\ninside_cidr = \"169.254.10.0/30\"\n"
        "psk = \"tunnel1_psk_value\"\n"
        "[[aws.tunnel]]\noutside_ip = \"203.0.113.20\"\ninside_cidr = \"169.254.11.0/30\"\n"
        "psk = \"tunnel2_psk_value\"\n\n[cgw]\n";
    for (const auto& s : draft.cgw) toml += s.key + " = " + s.value + "\n";
    if (!has(draft.cgw, "outside_ip")) toml += "outside_ip = \"198.51.100.10\"\n";
    for (const auto& t : draft.tunnels) {
        if (!t.ipsec) continue;
        toml += "\n[[cgw.tunnel]]\n";
        for (const auto& s : t.settings) toml += s.key + " = " + s.value + "\n";
        if (has(t.settings, "psk")) continue;
        std::string psk = "\"made_up_key\"";
        for (const auto& k : keys ? keys->tunnels : std::vector<DraftTunnel>{}) {
            if (k.peer == t.peer) psk = setting(k.settings, "psk").value;
        }
        toml += "psk = " + psk + "\n";
    }
    INFO(toml);
    auto r = scenario::load_string(toml, "draft.toml");
    for (const auto& d : r.diagnostics) UNSCOPED_INFO(d.to_string());
    REQUIRE(r.scenario);
    return *r.scenario;
}

}  // namespace vpnsim::import::testing
