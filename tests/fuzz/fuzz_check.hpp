// DOC: what the fuzz harnesses require of every input besides "no crash, no sanitizer report":
// a failed check aborts with the broken rule, so libFuzzer (or the replay smoke test) stops
// and keeps the input. Plain abort, not VPNSIM_ASSERT: these are rules about the whole
// program's output, checked from outside.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <string>

#include "sim/scenario/loader.hpp"

#define VPNSIM_FUZZ_CHECK(cond)                                                                \
    do {                                                                                       \
        if (!(cond)) {                                                                         \
            std::fprintf(stderr, "%s:%d: fuzz check failed: %s\n", __FILE__, __LINE__, #cond); \
            std::abort();                                                                      \
        }                                                                                      \
    } while (false)

namespace vpnsim::fuzz {

inline constexpr const char* kLabel = "fuzz.toml";

// A load either gives a scenario and no diagnostics, or diagnostics that each name the file, a
// line and a column ("fuzz.toml:3:7: ...") and say something.
inline void check_load(const scenario::LoadResult& r) {
    VPNSIM_FUZZ_CHECK(r.scenario.has_value() == r.diagnostics.empty());
    for (const auto& d : r.diagnostics) {
        VPNSIM_FUZZ_CHECK(d.file == kLabel);
        VPNSIM_FUZZ_CHECK(d.line >= 1 && d.column >= 1);
        VPNSIM_FUZZ_CHECK(!d.message.empty());
        const auto where = std::string(kLabel) + ":" + std::to_string(d.line) + ":" +
                           std::to_string(d.column) + ": ";
        VPNSIM_FUZZ_CHECK(d.to_string().starts_with(where));
    }
}

}  // namespace vpnsim::fuzz
