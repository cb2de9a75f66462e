// DOC: mapping simulated time to the wall-clock fields AWS prints.
// Simulated t = 0 is pinned to a fixed instant so every run prints the same timestamps:
// 2023-01-09T08:15:00Z, the morning of the seed article's log line (event_timestamp
// 1673252138 is 08:15:38 that day).
#pragma once

#include <cstdint>
#include <string>

#include "models/common/time.hpp"

namespace vpnsim::aws {

inline constexpr std::int64_t kSimEpochSeconds = 1673252100;

// Epoch seconds (CloudWatch event_timestamp).
std::int64_t epoch_seconds(SimTime t);
// "2023-01-09T08:15:38+00:00" (describe-vpn-connections LastStatusChange).
std::string iso8601(SimTime t);
// "2023-01-09 08:15:38.123Z" (the newer log records' readable timestamp).
std::string log_timestamp(SimTime t);

}  // namespace vpnsim::aws
