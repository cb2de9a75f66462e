// DOC: IPv4 addresses and prefixes as small regular value types (STYLE 16).
// Parsing is strict: dotted quads only, no leading zeros beyond "0", prefix length 0..32, and a
// prefix's host bits must be zero ("10.0.0.1/16" is rejected, as the AWS API rejects it).
#pragma once

#include <fmt/format.h>

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace vpnsim::net {

struct Ipv4Addr {
    std::uint32_t value{0};

    static std::optional<Ipv4Addr> parse(std::string_view text);
    static constexpr Ipv4Addr from_octets(std::uint8_t a, std::uint8_t b, std::uint8_t c,
                                          std::uint8_t d) {
        return Ipv4Addr{(std::uint32_t{a} << 24) | (std::uint32_t{b} << 16) |
                        (std::uint32_t{c} << 8) | std::uint32_t{d}};
    }
    std::string to_string() const;
    // Writes the dotted quad at `out` (at most 15 characters) and returns the end: the one
    // writer behind to_string(), the fmt formatter and the hand-built trace and log text.
    template <typename Out>
    constexpr Out write_to(Out out) const {
        for (int shift = 24; shift >= 0; shift -= 8) {
            const auto octet = (value >> shift) & 0xffU;
            if (octet >= 100) *out++ = static_cast<char>('0' + octet / 100);
            if (octet >= 10) *out++ = static_cast<char>('0' + (octet / 10) % 10);
            *out++ = static_cast<char>('0' + octet % 10);
            if (shift != 0) *out++ = '.';
        }
        return out;
    }
    auto operator<=>(const Ipv4Addr&) const = default;
};

struct Ipv4Prefix {
    Ipv4Addr addr;
    std::uint8_t len{0};

    static std::optional<Ipv4Prefix> parse(std::string_view text);
    static constexpr Ipv4Prefix any() { return Ipv4Prefix{Ipv4Addr{0}, 0}; }
    static constexpr Ipv4Prefix host(Ipv4Addr a) { return Ipv4Prefix{a, 32}; }

    constexpr std::uint32_t mask() const {
        return len == 0 ? 0U : ~std::uint32_t{0} << (32U - len);
    }
    constexpr Ipv4Addr first() const { return Ipv4Addr{addr.value & mask()}; }
    constexpr Ipv4Addr last() const { return Ipv4Addr{(addr.value & mask()) | ~mask()}; }
    constexpr bool contains(Ipv4Addr a) const { return (a.value & mask()) == first().value; }
    constexpr bool contains(const Ipv4Prefix& p) const { return p.len >= len && contains(p.addr); }
    constexpr bool overlaps(const Ipv4Prefix& p) const { return contains(p) || p.contains(*this); }
    // The n-th address of the prefix (n = 1 is the first usable host of a /30).
    constexpr Ipv4Addr nth(std::uint32_t n) const { return Ipv4Addr{first().value + n}; }
    std::string to_string() const;
    auto operator<=>(const Ipv4Prefix&) const = default;
};

}  // namespace vpnsim::net

// Writes the dotted quad straight into the output (no temporary string): addresses are
// formatted on most trace lines. Format specs are not supported ("{}" only).
template <>
struct fmt::formatter<vpnsim::net::Ipv4Addr> {
    constexpr auto parse(fmt::format_parse_context& ctx) { return ctx.begin(); }
    auto format(const vpnsim::net::Ipv4Addr& a, fmt::format_context& ctx) const {
        return a.write_to(ctx.out());
    }
};
template <>
struct fmt::formatter<vpnsim::net::Ipv4Prefix> : fmt::formatter<std::string_view> {
    auto format(const vpnsim::net::Ipv4Prefix& p, fmt::format_context& ctx) const {
        return fmt::formatter<std::string_view>::format(p.to_string(), ctx);
    }
};
