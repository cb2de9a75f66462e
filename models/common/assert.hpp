// DOC: internal invariant checks (STYLE 17).
// VPNSIM_ASSERT is for bugs in vpnsim itself, never for bad scenarios: scenario problems are
// reported as Diagnostics. A failed assertion prints where and what to do, then aborts.
#pragma once

#include <fmt/format.h>

#include <cstdio>
#include <cstdlib>

#define VPNSIM_ASSERT(cond, ...)                                                       \
    do {                                                                               \
        if (!(cond)) {                                                                 \
            std::fprintf(stderr,                                                       \
                         "%s:%d: vpnsim internal error: %s: %s\n"                      \
                         "please report this with the scenario file and seed\n",       \
                         __FILE__, __LINE__, #cond, fmt::format(__VA_ARGS__).c_str()); \
            std::abort();                                                              \
        }                                                                              \
    } while (false)
