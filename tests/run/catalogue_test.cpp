// The training catalogue's contract, checked from the simulation alone (never from [expect]):
// every failure scenario has a "-fixed" healthy twin; the twin brings every tunnel UP; the
// failure scenario does not (or, when its tunnels are UP, accepts fewer routes or has fewer
// [[traffic]] flows working at the end).
#include <catch2/catch.hpp>

#include <filesystem>
#include <set>

#include "sim/run/world.hpp"
#include "sim/scenario/loader.hpp"

using namespace vpnsim;
namespace fs = std::filesystem;

namespace {

run::RunResult simulate_file(const fs::path& p) {
    auto loaded = scenario::load_file(p.string());
    INFO(p.string());
    REQUIRE(loaded.scenario);
    return run::simulate(*loaded.scenario);
}

std::size_t up_tunnels(const run::RunResult& r) {
    std::size_t n = 0;
    for (const auto& t : r.tunnels) n += t.status.up ? 1 : 0;
    return n;
}

std::size_t routes(const run::RunResult& r) {
    std::size_t n = 0;
    for (const auto& t : r.tunnels) n += t.accepted_routes;
    return n;
}

std::size_t working_flows(const run::RunResult& r) {
    std::size_t n = 0;
    for (const auto& f : r.flows) n += f.last_ok ? 1 : 0;
    return n;
}

}  // namespace

TEST_CASE("catalogue - every training failure has a healthy twin that comes UP",
          "[run][catalogue]") {
    const fs::path dir = fs::path(VPNSIM_SOURCE_DIR) / "scenarios" / "training";
    std::set<fs::path> files;
    for (const auto& e : fs::directory_iterator(dir)) {
        if (e.path().extension() == ".toml") files.insert(e.path());
    }
    REQUIRE(files.size() >= 2);
    for (const auto& f : files) {
        const auto stem = f.stem().string();
        if (stem.size() > 6 && stem.substr(stem.size() - 6) == "-fixed") continue;
        const auto twin = dir / (stem + "-fixed.toml");
        INFO(stem);
        REQUIRE(files.count(twin) == 1);
        const auto broken = simulate_file(f);
        const auto healthy = simulate_file(twin);
        CHECK(up_tunnels(healthy) == healthy.tunnels.size());
        CHECK(working_flows(healthy) == healthy.flows.size());
        const bool worse = up_tunnels(broken) < up_tunnels(healthy) ||
                           routes(broken) < routes(healthy) ||
                           working_flows(broken) < working_flows(healthy);
        CHECK(worse);
    }
}
