// DOC: one fmt::formatter for every model enum that has a to_string(): the enum names are the
// trace vocabulary (STYLE 4), so formatting an enum prints exactly what to_string() says.
//   template <> struct fmt::formatter<vpnsim::bgp::State> : vpnsim::EnumFormatter<...> {};
#pragma once

#include <fmt/format.h>

#include <string_view>

namespace vpnsim {

template <typename E>
struct EnumFormatter : fmt::formatter<std::string_view> {
    auto format(E e, fmt::format_context& ctx) const {
        return fmt::formatter<std::string_view>::format(to_string(e), ctx);
    }
};

}  // namespace vpnsim
