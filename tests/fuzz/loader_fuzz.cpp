// Fuzz harness: the scenario loader on arbitrary bytes (issue 11, "Fuzzing in the project").
// Every input must load or be refused with located diagnostics (fuzz_check.hpp); toml++'s own
// defects included (comments.hpp, "Hazards"). What loads must survive the writer: to_toml()
// gives TOML that loads back to the same scenario (what `fix --apply` relies on). Built as a
// libFuzzer target with VPNSIM_FUZZ=ON (tools/fuzz), and as a corpus-replay program for the
// test suite (replay_main.cpp).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "sim/scenario/loader.hpp"
#include "sim/scenario/writer.hpp"
#include "tests/fuzz/fuzz_check.hpp"

using namespace vpnsim;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const auto loaded = scenario::load_string(text, fuzz::kLabel);
    fuzz::check_load(loaded);
    if (!loaded.scenario) return 0;
    const auto again = scenario::load_string(scenario::to_toml(*loaded.scenario), fuzz::kLabel);
    fuzz::check_load(again);
    VPNSIM_FUZZ_CHECK(again.scenario.has_value());
    VPNSIM_FUZZ_CHECK(scenario::without_position(*again.scenario) ==
                      scenario::without_position(*loaded.scenario));
    return 0;
}
