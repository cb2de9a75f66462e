#include "models/common/ipv4.hpp"


namespace vpnsim::net {
namespace {

// A decimal number 0..max with no sign, no leading zeros (except "0" itself), nothing else.
std::optional<std::uint32_t> parse_decimal(std::string_view s, std::uint32_t max) {
    if (s.empty() || s.size() > 3 || (s.size() > 1 && s[0] == '0')) return std::nullopt;
    std::uint32_t v = 0;
    for (const char c : s) {
        if (c < '0' || c > '9') return std::nullopt;
        v = v * 10 + static_cast<std::uint32_t>(c - '0');
    }
    if (v > max) return std::nullopt;
    return v;
}

}  // namespace

// One pass over the text: a scenario names dozens of addresses and prefixes.
std::optional<Ipv4Addr> Ipv4Addr::parse(std::string_view text) {
    std::uint32_t value = 0;
    std::size_t start = 0;
    for (int i = 0; i < 4; ++i) {
        auto end = start;
        while (end < text.size() && text[end] != '.') ++end;
        const bool last = i == 3;
        if (last != (end == text.size())) return std::nullopt;
        const auto octet = parse_decimal(text.substr(start, end - start), 255);
        if (!octet) return std::nullopt;
        value = (value << 8) | *octet;
        start = end + 1;
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
