// DOC: simulated time.
// Integer nanoseconds (STYLE 11): no floating-point time anywhere in the simulator, so event
// ordering and every printed timestamp are exact and identical across runs and machines.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

namespace vpnsim {

using SimTime = std::chrono::duration<std::int64_t, std::nano>;

constexpr SimTime ms(std::int64_t v) {
    return std::chrono::milliseconds(v);
}
constexpr SimTime sec(std::int64_t v) {
    return std::chrono::seconds(v);
}

// "12.345s" with millisecond precision, the form every report and trace line uses.
std::string format_time(SimTime t);

// Whole seconds, rounded down (CloudWatch event_timestamp granularity).
constexpr std::int64_t whole_seconds(SimTime t) {
    return std::chrono::duration_cast<std::chrono::seconds>(t).count();
}

}  // namespace vpnsim
