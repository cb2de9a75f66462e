#include "sim/scenario/duration.hpp"

#include <fmt/format.h>

#include <array>
#include <cstdint>
#include <limits>

#include "sim/scenario/loader.hpp"

namespace vpnsim::scenario {
namespace {

struct Unit {
    std::string_view name;
    std::int64_t nanos;
};

// Longest names first so "ms" is not read as "m" followed by a stray "s".
constexpr std::array<Unit, 4> kUnits{{
    {"ms", 1'000'000},
    {"h", 3'600'000'000'000},
    {"m", 60'000'000'000},
    {"s", 1'000'000'000},
}};

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

// Reads the digits at the front of text; nullopt when there are none or they overflow.
std::optional<std::int64_t> take_number(std::string_view& text) {
    std::size_t i = 0;
    std::int64_t value = 0;
    for (; i < text.size() && is_digit(text[i]); ++i) {
        const int digit = text[i] - '0';
        if (value > (std::numeric_limits<std::int64_t>::max() - digit) / 10) return std::nullopt;
        value = value * 10 + digit;
    }
    if (i == 0) return std::nullopt;
    text.remove_prefix(i);
    return value;
}

std::optional<std::int64_t> take_unit(std::string_view& text) {
    for (const auto& unit : kUnits) {
        if (text.starts_with(unit.name)) {
            text.remove_prefix(unit.name.size());
            return unit.nanos;
        }
    }
    return std::nullopt;
}

}  // namespace

std::optional<SimTime> parse_duration(std::string_view text) {
    if (text.empty()) return std::nullopt;
    constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();
    std::int64_t total = 0;
    while (!text.empty()) {
        const auto number = take_number(text);
        const auto unit = number ? take_unit(text) : std::nullopt;
        if (!unit) return std::nullopt;
        if (*number > kMax / *unit) return std::nullopt;
        const std::int64_t part = *number * *unit;
        if (total > kMax - part) return std::nullopt;
        total += part;
    }
    return SimTime{total};
}

namespace detail {

std::string format_duration(SimTime t) {
    std::int64_t rest = t.count();
    if (rest == 0) return "0s";
    std::string out;
    for (const Unit& unit : {kUnits[1], kUnits[2], kUnits[3], kUnits[0]}) {
        if (rest >= unit.nanos) {
            out += fmt::format("{}{}", rest / unit.nanos, unit.name);
            rest %= unit.nanos;
        }
    }
    if (rest != 0) out += fmt::format("{}ns", rest);
    return out;
}

}  // namespace detail
}  // namespace vpnsim::scenario
