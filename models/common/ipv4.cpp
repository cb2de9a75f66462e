#include "models/common/ipv4.hpp"

namespace vpnsim::net {
namespace {

// The decimal number at text[pos]: one to three digits with no sign and no leading zeros
// (except "0" itself), at most max. Moves pos past its digits.
std::optional<std::uint32_t> parse_decimal(std::string_view text, std::size_t& pos,
                                           std::uint32_t max) {
    const std::size_t start = pos;
    std::uint32_t v = 0;
    while (pos < text.size() && pos - start < 3 && text[pos] >= '0' && text[pos] <= '9') {
        v = v * 10 + static_cast<std::uint32_t>(text[pos] - '0');
        ++pos;
    }
    const std::size_t digits = pos - start;
    if (digits == 0 || (digits > 1 && text[start] == '0') || v > max) return std::nullopt;
    return v;
}

// The dotted quad at the start of text. Moves pos past it: the caller checks what follows.
std::optional<Ipv4Addr> parse_quad(std::string_view text, std::size_t& pos) {
    std::uint32_t value = 0;
    for (int i = 0; i < 4; ++i) {
        if (i != 0) {
            if (pos == text.size() || text[pos] != '.') return std::nullopt;
            ++pos;
        }
        const auto octet = parse_decimal(text, pos, 255);
        if (!octet) return std::nullopt;
        value = (value << 8) | *octet;
    }
    return Ipv4Addr{value};
}

}  // namespace

// One pass over the text, no substrings: a scenario names dozens of addresses and prefixes.
std::optional<Ipv4Addr> Ipv4Addr::parse(std::string_view text) {
    std::size_t pos = 0;
    const auto addr = parse_quad(text, pos);
    if (!addr || pos != text.size()) return std::nullopt;
    return addr;
}

std::string Ipv4Addr::to_string() const {
    char buf[15];
    return {buf, write_to(buf)};
}

std::optional<Ipv4Prefix> Ipv4Prefix::parse(std::string_view text) {
    std::size_t pos = 0;
    const auto addr = parse_quad(text, pos);
    if (!addr || pos == text.size() || text[pos] != '/') return std::nullopt;
    ++pos;
    const auto len = parse_decimal(text, pos, 32);
    if (!len || pos != text.size()) return std::nullopt;
    Ipv4Prefix p{*addr, static_cast<std::uint8_t>(*len)};
    if (p.first() != p.addr) return std::nullopt;  // host bits set
    return p;
}

std::string Ipv4Prefix::to_string() const {
    return fmt::format("{}/{}", addr, len);
}

}  // namespace vpnsim::net
