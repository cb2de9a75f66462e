// Helpers the CGW reader tests share: a template sample filled in by the real renderer, where a
// word is in a text, and drafts written as comparable lines.
#pragma once

#include <fmt/format.h>
#include <catch2/catch.hpp>

#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "sim/import/cgw_draft.hpp"
#include "sim/import/template.hpp"
#include "sim/scenario/loader.hpp"
#include "tests/import/import_test_util.hpp"

namespace vpnsim::import::testing {

// The AWS side the reader tests fill templates from: 203.0.113.10 (169.254.10.0/30) and
// 203.0.113.20 (169.254.11.0/30), keys tunnel1_psk_value / tunnel2_psk_value, ASN 64512.
inline const scenario::Aws& reader_test_aws() {
    static const scenario::Aws aws = [] {
        auto r = scenario::load_string(R"([scenario]
name = "reader-tests"
[aws]
vpn_id = "vpn-0123456789abcdef0"
[[aws.tunnel]]
outside_ip = "203.0.113.10"
inside_cidr = "169.254.10.0/30"
psk = "tunnel1_psk_value"
[[aws.tunnel]]
outside_ip = "203.0.113.20"
inside_cidr = "169.254.11.0/30"
psk = "tunnel2_psk_value"
[cgw]
outside_ip = "198.51.100.10"
)",
                                       "reader-tests.toml");
        REQUIRE(r.scenario);
        return r.scenario->aws;
    }();
    return aws;
}

// The template filled in from reader_test_aws(), as vpnsim fills it.
inline std::string rendered(const std::string& text) {
    auto r = render_template(text, "template", template_values(reader_test_aws()));
    REQUIRE(std::holds_alternative<Rendered>(r));
    return std::get<Rendered>(std::move(r)).text;
}

// scenarios/templates/<dir>/<name>, filled in.
inline std::string template_sample(const std::string& dir, const std::string& name) {
    return rendered(
        read_text(std::string(VPNSIM_SOURCE_DIR) + "/scenarios/templates/" + dir + "/" + name));
}

// Where `word` is in the first line holding `line` (1-based line and byte column).
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
inline std::vector<std::string> errors(const CgwDraft& d) {
    std::vector<std::string> out;
    for (const auto& e : d.errors) out.push_back(e.to_string());
    return out;
}

}  // namespace vpnsim::import::testing
