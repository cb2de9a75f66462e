// Fuzz harness: the scenario loader on arbitrary bytes (issue 11, "Fuzzing in the project").
// Every input must load or be refused with located diagnostics (fuzz_check.hpp); toml++'s own
// defects included (comments.hpp, "Hazards"). Built as a libFuzzer target with VPNSIM_FUZZ=ON
// (tools/fuzz), and as a corpus-replay program for the test suite (replay_main.cpp).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "sim/scenario/loader.hpp"
#include "tests/fuzz/fuzz_check.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    vpnsim::fuzz::check_load(vpnsim::scenario::load_string(text, vpnsim::fuzz::kLabel));
    return 0;
}
