#include "models/common/ipv4.hpp"

#include <charconv>

namespace vpnsim::net {
namespace {

// A decimal number 0..max with no sign, no leading zeros (except "0" itself), nothing else.
std::optional<std::uint32_t> parse_decimal(std::string_view s, std::uint32_t max) {
    if (s.empty() || s.size() > 3 || (s.size() > 1 && s[0] == '0')) return std::nullopt;
    std::uint32_t v = 0;
    const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc{} || ptr != s.data() + s.size() || v > max) return std::nullopt;
    return v;
}

}  // namespace

std::optional<Ipv4Addr> Ipv4Addr::parse(std::string_view text) {
    std::uint32_t value = 0;
    for (int i = 0; i < 4; ++i) {
        const auto dot = text.find('.');
        const bool last = i == 3;
        if (last != (dot == std::string_view::npos)) return std::nullopt;
        const auto octet = parse_decimal(text.substr(0, dot), 255);
        if (!octet) return std::nullopt;
        value = (value << 8) | *octet;
        text = last ? std::string_view{} : text.substr(dot + 1);
    }
    return Ipv4Addr{value};
}

std::string Ipv4Addr::to_string() const {
    return fmt::format("{}", *this);
}

std::optional<Ipv4Prefix> Ipv4Prefix::parse(std::string_view text) {
    const auto slash = text.find('/');
    if (slash == std::string_view::npos) return std::nullopt;
    const auto addr = Ipv4Addr::parse(text.substr(0, slash));
    const auto len = parse_decimal(text.substr(slash + 1), 32);
    if (!addr || !len) return std::nullopt;
    Ipv4Prefix p{*addr, static_cast<std::uint8_t>(*len)};
    if (p.first() != p.addr) return std::nullopt;  // host bits set
    return p;
}

std::string Ipv4Prefix::to_string() const {
    return fmt::format("{}/{}", addr, len);
}

}  // namespace vpnsim::net
