// Helpers for the importer tests: reading a document, and where a piece of text is in it.
#pragma once

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "sim/import/aws_describe.hpp"

namespace vpnsim::import::testing {

inline std::string sample_path() {
    return std::string(VPNSIM_SOURCE_DIR) + "/scenarios/import/describe-vpn-connections.json";
}

inline std::string read_text(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

// The import of `text`, which must succeed.
inline AwsImport imported(std::string_view text, std::optional<std::string_view> only = {}) {
    auto r = read_aws_describe(text, "in.json", only);
    if (const auto* d = std::get_if<std::vector<scenario::Diagnostic>>(&r)) {
        for (const auto& e : *d) UNSCOPED_INFO(e.to_string());
    }
    REQUIRE(std::holds_alternative<AwsImport>(r));
    return std::get<AwsImport>(std::move(r));
}

// Every diagnostic of `text`, which must fail, as "in.json:line:col: key: message".
inline std::vector<std::string> errors(std::string_view text) {
    auto r = read_aws_describe(text, "in.json");
    REQUIRE(std::holds_alternative<std::vector<scenario::Diagnostic>>(r));
    std::vector<std::string> out;
    for (const auto& d : std::get<std::vector<scenario::Diagnostic>>(r)) {
        out.push_back(d.to_string());
    }
    return out;
}

// "in.json:L:C" of the `nth` (0-based) occurrence of `needle` in `text`, counted the way the
// importer counts (lines from 1, columns in characters from 1).
inline std::string where(std::string_view text, std::string_view needle, std::size_t nth = 0) {
    auto at = text.find(needle);
    for (; nth > 0 && at != std::string_view::npos; --nth) at = text.find(needle, at + 1);
    REQUIRE(at != std::string_view::npos);
    int line = 1;
    int column = 1;
    for (std::size_t i = 0; i < at; ++i) {
        if (text[i] == '\n') {
            ++line;
            column = 1;
        } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
            ++column;
        }
    }
    return "in.json:" + std::to_string(line) + ":" + std::to_string(column);
}

}  // namespace vpnsim::import::testing
