#include "sim/scenario/fields.hpp"

#include "sim/scenario/duration.hpp"
#include "sim/scenario/loader.hpp"

namespace vpnsim::scenario::detail {
namespace {

// Strings quoted, numbers bare: "vgw", "tgw" or 1, 2.
template <class T>
std::string join_values(std::span<const T> values) {
    std::string out;
    for (const auto& v : values) {
        if (!out.empty()) out += ", ";
        if constexpr (std::is_same_v<T, std::string_view>) {
            out += fmt::format("\"{}\"", v);
        } else {
            out += fmt::format("{}", v);
        }
    }
    return out;
}

}  // namespace

std::optional<std::string> as_string(const Field& field) {
    const auto text = as_string_view(field);
    if (!text) return std::nullopt;
    return std::string(*text);
}

std::optional<std::string_view> as_string_view(const Field& field) {
    if (!field.present() || !field.expect_type(toml::node_type::string)) return std::nullopt;
    return std::string_view(field.node()->as_string()->get());
}

std::optional<std::string> as_nonempty_string(const Field& field) {
    auto text = as_string(field);
    if (text && text->empty()) {
        field.error("must not be empty");
        return std::nullopt;
    }
    return text;
}

std::optional<bool> as_bool(const Field& field) {
    if (!field.present() || !field.expect_type(toml::node_type::boolean)) return std::nullopt;
    return field.node()->as_boolean()->get();
}

std::optional<std::int64_t> as_int(const Field& field) {
    if (!field.present() || !field.expect_type(toml::node_type::integer)) return std::nullopt;
    return field.node()->as_integer()->get();
}

std::optional<std::int64_t> as_int(const Field& field, std::int64_t min, std::int64_t max) {
    const auto value = as_int(field);
    if (!value || (*value >= min && *value <= max)) return value;
    if (max == kNoLimit) {
        field.error(fmt::format("must be at least {}, got {}", min, *value));
    } else {
        field.error(fmt::format("must be between {} and {}, got {}", min, max, *value));
    }
    return std::nullopt;
}

std::optional<int> as_int_choice(const Field& field, std::span<const int> allowed) {
    const auto value = as_int(field);
    if (!value) return std::nullopt;
    for (const int a : allowed) {
        if (a == *value) return a;
    }
    field.error(fmt::format("must be one of {}; got {}", join_values(allowed), *value));
    return std::nullopt;
}

std::optional<std::string> as_choice(const Field& field,
                                     std::span<const std::string_view> allowed) {
    const auto text = as_string_view(field);
    if (!text) return std::nullopt;
    for (const auto a : allowed) {
        if (a == *text) return std::string(*text);
    }
    report_not_one_of(field, allowed, *text);
    return std::nullopt;
}

void report_not_one_of(const Field& field, std::span<const std::string_view> allowed,
                       std::string_view got) {
    field.error(fmt::format("must be one of {}; got \"{}\"", join_values(allowed), printable(got)));
}

std::optional<net::Ipv4Addr> as_ipv4(const Field& field) {
    const auto text = as_string_view(field);
    if (!text) return std::nullopt;
    const auto addr = net::Ipv4Addr::parse(*text);
    if (!addr) field.error(fmt::format("invalid IPv4 address '{}'", printable(*text)));
    return addr;
}

std::optional<net::Ipv4Prefix> as_cidr(const Field& field) {
    const auto text = as_string_view(field);
    if (!text) return std::nullopt;
    const auto prefix = net::Ipv4Prefix::parse(*text);
    if (!prefix) {
        field.error(
            fmt::format("invalid CIDR '{}' (expected a.b.c.d/len with host bits zero)", printable(*text)));
    }
    return prefix;
}

std::optional<SimTime> as_duration(const Field& field, SimTime min, SimTime max) {
    const auto text = as_string_view(field);
    if (!text) return std::nullopt;
    const auto duration = parse_duration(*text);
    if (!duration) {
        field.error(
            fmt::format("invalid duration '{}' (expected e.g. \"30s\", \"10m\", \"1h\")", printable(*text)));
        return std::nullopt;
    }
    if (*duration < min || *duration > max) {
        field.error(fmt::format("must be between {} and {}, got \"{}\"", format_duration(min),
                                format_duration(max), printable(*text)));
        return std::nullopt;
    }
    return duration;
}

std::optional<double> as_probability(const Field& field) {
    if (!field.present()) return std::nullopt;
    if (field.node()->is_integer() && field.node()->as_integer()->get() == 0) return 0.0;
    if (!field.expect_type(toml::node_type::floating_point)) return std::nullopt;
    const double p = field.node()->as_floating_point()->get();
    if (p >= 0.0 && p < 1.0) return p;  // false for NaN
    field.error(fmt::format("must be at least 0 and less than 1, got {}", p));
    return std::nullopt;
}

bool check_array(const Field& field, EmptyArray empty) {
    if (!field.expect_type(toml::node_type::array)) return false;
    if (empty == EmptyArray::Rejected && field.node()->as_array()->empty()) {
        field.error("must not be empty");
        return false;
    }
    return true;
}

void report_conflict(const Field& first, std::string first_message, const Field& second,
                     std::string second_message) {
    if (second.present()) {
        second.error(std::move(second_message));
    } else if (first.present()) {
        first.error(std::move(first_message));
    }
}

}  // namespace vpnsim::scenario::detail
