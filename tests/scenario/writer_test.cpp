// The writer loses nothing that matters: every bundled scenario, written out and loaded back,
// simulates to exactly the same trace and tunnel table.
#include <catch2/catch.hpp>

#include <filesystem>

#include "sim/report/text.hpp"
#include "sim/run/world.hpp"
#include "sim/scenario/loader.hpp"
#include "sim/scenario/writer.hpp"

using namespace vpnsim;

TEST_CASE("scenario - writer round trip keeps behaviour", "[scenario][writer]") {
    namespace fs = std::filesystem;
    std::size_t checked = 0;
    for (const auto& e : fs::recursive_directory_iterator(fs::path(VPNSIM_SOURCE_DIR) / "scenarios")) {
        if (e.path().extension() != ".toml") continue;
        CAPTURE(e.path().string());
        auto original = scenario::load_file(e.path().string());
        REQUIRE(original.scenario);
        const auto text = scenario::to_toml(*original.scenario);
        auto again = scenario::load_string(text, e.path().string());
        for (const auto& d : again.diagnostics) UNSCOPED_INFO(d.to_string());
        REQUIRE(again.scenario);
        CHECK(scenario::to_toml(*again.scenario) == text);
        const auto a = run::simulate(*original.scenario);
        const auto b = run::simulate(*again.scenario);
        CHECK(report::tunnel_table(*original.scenario, a) == report::tunnel_table(*again.scenario, b));
        CHECK(a.trace.render() == b.trace.render());
        ++checked;
    }
    CHECK(checked >= 20);
}
