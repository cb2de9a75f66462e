#include "sim/aws/clock.hpp"

#include <fmt/format.h>

namespace vpnsim::aws {
namespace {

struct Civil {
    std::int64_t year;
    unsigned month;
    unsigned day;
};

// Days since 1970-01-01 to a proleptic Gregorian date (the well-known era-based algorithm:
// 400-year eras of 146097 days, years starting in March so leap days fall last).
Civil civil_from_days(std::int64_t z) {
    z += 719468;
    const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const auto doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    const unsigned d = doy - (153 * mp + 2) / 5 + 1;
    const unsigned m = mp < 10 ? mp + 3 : mp - 9;
    return Civil{static_cast<std::int64_t>(yoe) + era * 400 + (m <= 2 ? 1 : 0), m, d};
}

std::string date_time(SimTime t, char sep) {
    const std::int64_t s = epoch_seconds(t);
    const std::int64_t days = s / 86400;
    const std::int64_t rem = s % 86400;
    const Civil c = civil_from_days(days);
    return fmt::format("{:04}-{:02}-{:02}{}{:02}:{:02}:{:02}", c.year, c.month, c.day, sep,
                       rem / 3600, (rem / 60) % 60, rem % 60);
}

}  // namespace

std::int64_t epoch_seconds(SimTime t) { return kSimEpochSeconds + whole_seconds(t); }

std::string iso8601(SimTime t) { return date_time(t, 'T') + "+00:00"; }

std::string log_timestamp(SimTime t) {
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(t).count() % 1000;
    return fmt::format("{}.{:03}Z", date_time(t, ' '), ms);
}

}  // namespace vpnsim::aws
