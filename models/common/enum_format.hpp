// DOC: one fmt::formatter for every model enum that has a to_string(): the enum names are the
// trace vocabulary (STYLE 4), so formatting an enum prints exactly what to_string() says.
//   template <> struct fmt::formatter<vpnsim::bgp::State> : vpnsim::EnumFormatter<...> {};
// And one for every value that appends its own text (a member `append_to(std::string&)` or a
// free `append_to(std::string&, const T&)`), so "{}" prints exactly that text.
#pragma once

#include <fmt/format.h>

#include <algorithm>
#include <string>
#include <string_view>

namespace vpnsim {

template <typename E>
struct EnumFormatter : fmt::formatter<std::string_view> {
    auto format(E e, fmt::format_context& ctx) const {
        return fmt::formatter<std::string_view>::format(to_string(e), ctx);
    }
};

template <typename T>
struct AppendFormatter {
    constexpr auto parse(fmt::format_parse_context& ctx) { return ctx.begin(); }
    template <typename Ctx>
    auto format(const T& v, Ctx& ctx) const {
        std::string text;
        if constexpr (requires { v.append_to(text); }) {
            v.append_to(text);
        } else {
            append_to(text, v);
        }
        return std::copy(text.begin(), text.end(), ctx.out());
    }
};

}  // namespace vpnsim
