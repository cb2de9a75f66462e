#include "models/common/time.hpp"

#include <fmt/format.h>

namespace vpnsim {

std::string format_time(SimTime t) {
    const auto total_ms = std::chrono::duration_cast<std::chrono::milliseconds>(t).count();
    return fmt::format("{}.{:03}s", total_ms / 1000, total_ms % 1000);
}

}  // namespace vpnsim
