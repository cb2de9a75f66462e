// Every training scenario -- the broken ones and their -fixed twins -- carries a lesson
// (issue 15): one paragraph of 60 to 140 words, and nothing the quiz must not show with it
// (the word "trace", the scenario's own name or summary).
#include <catch2/catch.hpp>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "sim/scenario/loader.hpp"

using namespace vpnsim;

namespace {

std::vector<std::filesystem::path> training_files() {
    std::vector<std::filesystem::path> out;
    for (const auto& e : std::filesystem::directory_iterator(
             std::filesystem::path(VPNSIM_SOURCE_DIR) / "scenarios" / "training")) {
        if (scenario::is_scenario_file(e.path().filename().string())) out.push_back(e.path());
    }
    std::sort(out.begin(), out.end());
    return out;
}

std::size_t words(std::string_view text) {
    std::size_t n = 0;
    bool in_word = false;
    for (const char c : text) {
        const bool space = std::isspace(static_cast<unsigned char>(c)) != 0;
        if (!space && !in_word) ++n;
        in_word = !space;
    }
    return n;
}

std::string lower(std::string s) {
    for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

}  // namespace

TEST_CASE("lessons - every training scenario has one", "[train][lessons]") {
    const auto files = training_files();
    REQUIRE(files.size() >= 74);  // 37 broken scenarios and their twins, at least
    std::size_t twins = 0;
    for (const auto& f : files) {
        CAPTURE(f.string());
        const auto r = scenario::load_file(f.string());
        REQUIRE(r.scenario);
        const auto& s = *r.scenario;
        CHECK_FALSE(s.lesson.empty());
        const auto n = words(s.lesson);
        CAPTURE(n);
        CHECK(n >= 60);
        CHECK(n <= 140);
        CHECK(lower(s.lesson).find("trace") == std::string::npos);
        CHECK(s.lesson.find(s.name) == std::string::npos);
        CHECK(s.lesson.find(s.summary) == std::string::npos);
        if (f.stem().string().ends_with("-fixed")) ++twins;
    }
    CHECK(twins * 2 == files.size());  // every broken scenario keeps its twin
}
