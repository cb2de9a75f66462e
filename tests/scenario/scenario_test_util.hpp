// Helpers for the scenario loader tests: small TOML snippets completed into valid documents.
#pragma once

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "sim/import/files.hpp"
#include "sim/scenario/loader.hpp"

namespace vpnsim::scenario::testing {

// The required sections, appended after a snippet that does not write them itself.
inline constexpr std::string_view kBaseScenario = "[scenario]\nname = \"t\"\n";
inline constexpr std::string_view kBaseAws =
    "[aws]\n[[aws.tunnel]]\noutside_ip = \"203.0.113.10\"\n"
    "inside_cidr = \"169.254.10.0/30\"\npsk = \"tunnel1.psk_value\"\n";
inline constexpr std::string_view kBaseCgw = "[cgw]\noutside_ip = \"198.51.100.1\"\n";

// The snippet comes first, so a diagnostic's line is the line within the raw string literal
// (its leading newline is dropped: the line after `R"(` is line 1). Then every required
// section the snippet leaves out: [scenario], [aws] with one tunnel, [cgw].
inline std::string document(std::string_view snippet) {
    if (snippet.starts_with('\n')) snippet.remove_prefix(1);
    const auto has = [&](std::string_view s) { return snippet.find(s) != std::string_view::npos; };
    std::string doc(snippet);
    if (!has("[scenario]")) doc += kBaseScenario;
    if (!has("[aws]") && !has("[aws.") && !has("[[aws.")) doc += kBaseAws;
    if (!has("[cgw]")) doc += kBaseCgw;
    return doc;
}

// Every scenario file under scenarios/, in path order.
inline std::vector<std::filesystem::path> bundled_scenario_paths() {
    namespace fs = std::filesystem;
    std::vector<fs::path> paths;
    for (const auto& e :
         fs::recursive_directory_iterator(fs::path(VPNSIM_SOURCE_DIR) / "scenarios")) {
        if (is_scenario_file(e.path().filename().string())) paths.push_back(e.path());
    }
    std::sort(paths.begin(), paths.end());
    return paths;
}

// A bundled scenario loaded as the vpnsim command line loads it: the files it names ([aws]
// describe, [cgw] config) read too.
inline LoadResult load_bundled(const std::filesystem::path& p) {
    LoadOptions options;
    options.references = import::file_references(options.max_file_bytes);
    return load_file(p.string(), options);
}

// The text of every scenario under scenarios/, in path order (for fuzzing and properties).
inline std::vector<std::string> bundled_scenario_texts() {
    std::vector<std::string> texts;
    for (const auto& p : bundled_scenario_paths()) {
        std::ifstream in(p, std::ios::binary);
        std::stringstream ss;
        ss << in.rdbuf();
        texts.push_back(ss.str());
    }
    return texts;
}

inline LoadResult load(std::string_view snippet) {
    return load_string(document(snippet), "t.toml");
}

inline std::vector<std::string> printed(const LoadResult& result) {
    std::vector<std::string> out;
    for (const auto& d : result.diagnostics) out.push_back(d.to_string());
    return out;
}

// Every diagnostic of the completed snippet, as printed.
inline std::vector<std::string> errors(std::string_view snippet) {
    return printed(load(snippet));
}

// Every diagnostic of the text exactly as given (nothing is added).
inline std::vector<std::string> raw_errors(std::string_view text) {
    return printed(load_string(text, "t.toml"));
}

// The loaded scenario; fails the test (showing the diagnostics) when there is none.
inline Scenario load_ok(std::string_view snippet) {
    auto result = load(snippet);
    INFO(document(snippet));
    REQUIRE(errors(snippet) == std::vector<std::string>{});
    REQUIRE(result.scenario.has_value());
    return *result.scenario;
}

using Lines = std::vector<std::string>;

}  // namespace vpnsim::scenario::testing
