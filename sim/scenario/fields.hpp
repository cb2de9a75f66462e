// DOC: typed, checked conversion of scenario values (internal to sim/scenario).
// Each as_*() returns the value, or nullopt after reporting exactly one diagnostic at the
// value; an absent Field gives nullopt and reports nothing, so the caller's default stays.
// Message shapes are fixed here, once: "expected a string, got integer", "invalid IPv4
// address 'x'", "must be between 900 and 28800, got 100", "must be one of \"a\", \"b\"; got
// \"x\"".
#pragma once

#include <fmt/format.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "models/common/ipv4.hpp"
#include "models/common/time.hpp"
#include "sim/scenario/names.hpp"
#include "sim/scenario/table_reader.hpp"

namespace vpnsim::scenario::detail {

// Upper bound meaning "no limit": range messages then say "must be at least N".
inline constexpr std::int64_t kNoLimit = std::numeric_limits<std::int64_t>::max();

std::optional<std::string> as_string(const Field& field);
// The string as the TOML tree holds it: valid while the parsed file is.
std::optional<std::string_view> as_string_view(const Field& field);
std::optional<std::string> as_nonempty_string(const Field& field);
std::optional<bool> as_bool(const Field& field);
std::optional<std::int64_t> as_int(const Field& field);
std::optional<std::int64_t> as_int(const Field& field, std::int64_t min, std::int64_t max);
std::optional<int> as_int_choice(const Field& field, std::span<const int> allowed);
std::optional<std::string> as_choice(const Field& field, std::span<const std::string_view> allowed);
std::optional<net::Ipv4Addr> as_ipv4(const Field& field);
std::optional<net::Ipv4Prefix> as_cidr(const Field& field);
std::optional<SimTime> as_duration(const Field& field, SimTime min, SimTime max);
// A probability p with 0 <= p < 1: a float, or the integer 0.
std::optional<double> as_probability(const Field& field);

// Reports "must be one of \"a\", \"b\"; got \"x\"" at field (x: got).
void report_not_one_of(const Field& field, std::span<const std::string_view> allowed,
                       std::string_view got);

template <class T, std::size_t N>
std::optional<T> as_enum(const Field& field, const std::array<Named<T>, N>& names) {
    const auto text = as_string_view(field);
    if (!text) return std::nullopt;
    for (const auto& n : names) {
        if (n.name == *text) return n.value;
    }
    std::array<std::string_view, N> spellings;
    for (std::size_t i = 0; i < N; ++i) spellings[i] = names[i].name;
    report_not_one_of(field, spellings, *text);
    return std::nullopt;
}

enum class EmptyArray : bool { Rejected, Allowed };

// True when the field is a present array (and non-empty unless allowed); reports otherwise.
bool check_array(const Field& field, EmptyArray empty);

// Converts each element with convert(Field) -> std::optional<T>; nullopt if the field is
// absent, not an array, wrongly empty, or any element fails (every element is still checked).
template <class Convert>
auto as_array(const Field& field, Convert convert, EmptyArray empty = EmptyArray::Rejected)
    -> std::optional<
        std::vector<typename std::invoke_result_t<Convert, const Field&>::value_type>> {
    using T = typename std::invoke_result_t<Convert, const Field&>::value_type;
    if (!field.present() || !check_array(field, empty)) return std::nullopt;
    std::vector<T> out;
    bool all_valid = true;
    const auto size = field.node()->as_array()->size();
    out.reserve(size);
    for (std::size_t i = 0; i < size; ++i) {
        auto value = convert(field.element(i));
        if (value) {
            out.push_back(std::move(*value));
        } else {
            all_valid = false;
        }
    }
    if (!all_valid) return std::nullopt;
    return out;
}

// Reports message at field and gives up on its value: `return reject<T>(field, "...")`.
template <class T>
std::optional<T> reject(const Field& field, std::string message) {
    field.error(std::move(message));
    return std::nullopt;
}

// Stores a converted value over the default when there is one. A class value (a string, a
// list, a whole section) is moved straight in; a number is narrowed to the field's type.
template <class T, class U>
void set_if(T& out, std::optional<U> value) {
    if (!value) return;
    if constexpr (std::is_class_v<T> && std::is_assignable_v<T&, U&&>) {
        out = std::move(*value);
    } else {
        out = static_cast<T>(std::move(*value));
    }
}

// Whether a cross-key rule may rely on this key's value: it is absent (the default applies)
// or it converted cleanly. A rejected value is not checked again against other keys.
template <class T>
bool usable(const Field& field, const std::optional<T>& value) {
    return !field.present() || value.has_value();
}

// For a rule between two keys whose defaults satisfy it: blames `second` when the file sets
// it, else `first`, each with its own message.
void report_conflict(const Field& first, std::string first_message, const Field& second,
                     std::string second_message);

// Values that must differ between sibling tables, e.g. the two tunnels' outside IPs.
template <class T>
class UniqueValues {
  public:
    // Reports "<value> is already used by <owner>" at field when an earlier owner had it.
    // owner: the table holding the value (TableReader::location()), kept to name it in that
    // message; the reader of the table around the owners must outlive this.
    void check(const Field& field, const std::optional<T>& value, const Field& owner) {
        if (!value) return;
        for (const auto& [seen, seen_owner] : seen_) {
            if (seen == *value) {
                field.error(fmt::format("{} is already used by {}", *value, seen_owner.key()));
                return;
            }
        }
        seen_.emplace_back(*value, owner);
    }

  private:
    std::vector<std::pair<T, Field>> seen_;
};

}  // namespace vpnsim::scenario::detail
