#include "sim/scenario/comments.hpp"

#include <fmt/format.h>
#include <toml++/toml.h>

#include <algorithm>
#include <array>
#include <bit>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace vpnsim::scenario::detail {
namespace {

// toml_whitespace_defect() is exact where it says "no": toml++ evaluates
// is_non_ascii_horizontal_whitespace() for every other code point at compile time, which it
// could not if that code point reached __builtin_unreachable (not a constant expression). The
// function answers false without a lookup beyond U+FEFF; four ranges keep each loop within the
// compilers' constexpr step limits.
constexpr bool toml_evaluates_all_others(char32_t from, char32_t to) {
    for (char32_t c = from; c < to; ++c) {
        if (!toml_whitespace_defect(c)) (void)toml::impl::is_non_ascii_horizontal_whitespace(c);
    }
    return true;
}
static_assert(toml_evaluates_all_others(0x80, 0x4000));
static_assert(toml_evaluates_all_others(0x4000, 0x8000));
static_assert(toml_evaluates_all_others(0x8000, 0xC000));
static_assert(toml_evaluates_all_others(0xC000, 0x10000));

// TOML 1.0 (comment): tab and the printable characters; we strip only the ASCII ones.
constexpr bool strippable(char c) {
    return c == '\t' || (c >= 0x20 && c < 0x7f);
}

constexpr bool non_ascii(char c) {
    return static_cast<unsigned char>(c) >= 0x80;
}

// Characters a scan stops at and, with `high`, any byte above 0x7f. Most characters are none of
// them, and the scans run over every byte of the file, so where SSE2 is available (every
// x86-64) they test 16 bytes at a time; the rest byte by byte.
template <std::size_t N>
struct Stops {
    std::array<char, N> chars;
    bool high;
    constexpr bool has(char x) const {
        return std::find(chars.begin(), chars.end(), x) != chars.end() || (high && non_ascii(x));
    }
};
// Outside strings and comments: what starts a comment or a string; in text with non-ASCII bytes
// also what may come right before a value (so a number scan may follow) and any non-ASCII byte
// (a hazard there). All-ASCII text, the usual scenario, has no hazard to look for.
constexpr Stops<3> kOutside{{'#', '"', '\''}, false};
constexpr Stops<6> kOutsideChecked{{'#', '"', '\'', '=', '[', ','}, true};
constexpr Stops<3> kInBasic{{'"', '\\', '\n'}, false};
constexpr Stops<2> kInLiteral{{'\'', '\n'}, false};
constexpr Stops<2> kInMultiBasic{{'"', '\\'}, false};
constexpr Stops<1> kInMultiLiteral{{'\''}, false};

// What toml++ takes for the end of a number, date or time it scans ahead over
// (is_value_terminator, for ASCII): whitespace, line breaks, ']', '}', ',' and '#'.
constexpr bool ends_value(char c) {
    return c == ' ' || c == '\t' || (c >= '\n' && c <= '\r') || c == ']' || c == '}' || c == ',' ||
           c == '#';
}

constexpr bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";

// The code point whose UTF-8 encoding starts at text[at], strictly (no overlong forms, no
// surrogates, nothing above U+10FFFF); nullopt when the bytes there are not UTF-8.
std::optional<char32_t> decode_utf8(std::string_view text, std::size_t at) {
    const auto byte = [&](std::size_t i) -> unsigned {
        return at + i < text.size() ? static_cast<unsigned char>(text[at + i]) : 0u;
    };
    const unsigned lead = byte(0);
    int length = 0;
    char32_t c = 0;
    char32_t least = 0;
    if (lead < 0x80) return lead;
    if (lead >= 0xC2 && lead <= 0xDF) {
        length = 2, c = lead & 0x1F, least = 0x80;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        length = 3, c = lead & 0x0F, least = 0x800;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        length = 4, c = lead & 0x07, least = 0x10000;
    } else {
        return std::nullopt;
    }
    for (int i = 1; i < length; ++i) {
        const unsigned next = byte(static_cast<std::size_t>(i));
        if ((next & 0xC0) != 0x80) return std::nullopt;
        c = (c << 6) | (next & 0x3F);
    }
    if (c < least || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) return std::nullopt;
    return c;
}

// "U+00E9", or "byte 0xFF (not UTF-8)": code points only, never the character itself (it may
// be a control or a bidirectional override).
std::string describe(std::string_view text, std::size_t at) {
    if (const auto c = decode_utf8(text, at)) {
        return fmt::format("U+{:04X}", static_cast<std::uint32_t>(*c));
    }
    return fmt::format("byte 0x{:02X} (not UTF-8)", static_cast<unsigned char>(text[at]));
}

TomlHazard hazard_at(std::string_view text, std::size_t at, std::string message) {
    TomlHazard h;
    h.message = std::move(message);
    std::size_t line_start = text.starts_with(kByteOrderMark) ? kByteOrderMark.size() : 0;
    for (std::size_t i = 0; i < at; ++i) {
        if (text[i] == '\n') {
            ++h.line;
            line_start = i + 1;
        }
    }
    for (std::size_t i = line_start; i < at; ++i) {
        if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++h.column;  // a lead byte
    }
    return h;
}

// The paths a scenario rarely takes (non-ASCII text, multi-line strings) are kept out of line
// ([[gnu::noinline]]), so the usual scan stays as small as before they existed (tools/profile).
class Scanner {
  public:
    explicit Scanner(std::string_view text) : p_(text.data()), n_(text.size()) {}

    PrePass run() {
        std::size_t at = text().starts_with(kByteOrderMark) ? kByteOrderMark.size() : 0;
        const bool check = !all_ascii(at);
        while ((at = check ? skip<kOutsideChecked>(at) : skip<kOutside>(at)) < n_) {
            const char c = p_[at];
            if (c == '#') {
                at = comment(at);
            } else if (c == '=' || c == '[' || c == ',') {
                at = value_start(at + 1);
            } else if (non_ascii(c)) {
                outside(at);
            } else if (const auto end = string(at)) {
                at = *end;
            } else {
                break;  // lost (toml++ stops at this string too), or a hazard in it
            }
            if (hazard_) break;
        }
        if (hazard_ || at < n_ || !stripped_) return PrePass{std::nullopt, std::move(hazard_)};
        out_.append(p_ + kept_, n_ - kept_);
        return PrePass{std::move(out_), std::nullopt};
    }

  private:
    std::string_view text() const { return {p_, n_}; }

    // The first position from `from` on holding one of stop's characters (n_ if none).
    template <const auto& stop>
    std::size_t skip(std::size_t from) const {
#if defined(__SSE2__)
        for (; from + 16 <= n_; from += 16) {
            const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p_ + from));
            __m128i hit = _mm_setzero_si128();
            for (const char c : stop.chars) {
                hit = _mm_or_si128(hit, _mm_cmpeq_epi8(v, _mm_set1_epi8(c)));
            }
            auto mask = static_cast<unsigned>(_mm_movemask_epi8(hit));
            if (stop.high) mask |= static_cast<unsigned>(_mm_movemask_epi8(v));  // bytes > 0x7f
            if (mask != 0) return from + static_cast<std::size_t>(std::countr_zero(mask));
        }
#endif
        while (from < n_ && !stop.has(p_[from])) ++from;
        return std::min(from, n_);
    }

    // Whether p_[from, n_) is plain ASCII: one pass, 16 bytes at a time where SSE2 is there.
    bool all_ascii(std::size_t from) const {
#if defined(__SSE2__)
        __m128i any = _mm_setzero_si128();
        for (; from + 16 <= n_; from += 16) {
            any = _mm_or_si128(any, _mm_loadu_si128(reinterpret_cast<const __m128i*>(p_ + from)));
        }
        if (_mm_movemask_epi8(any) != 0) return false;
#endif
        for (; from < n_; ++from) {
            if (non_ascii(p_[from])) return false;
        }
        return true;
    }

    [[gnu::noinline]] void outside(std::size_t at) {
        found(at, fmt::format("{}{} outside a string or comment",
                              decode_utf8(text(), at) ? "non-ASCII character " : "",
                              describe(text(), at)));
    }

    // After a '=', '[' or ',': where a value may start (past spaces, line breaks and comments,
    // as in a multi-line array). A value that starts with a digit or a sign is a number, date or
    // time, and toml++ scans ahead over it -- past quotes, '=', '.', brackets -- asking of every
    // character whether it ends the value. Keys after '[' (a table header) or ',' (an inline
    // table) are scanned too: a stricter check than they need, that differs only for a key
    // starting with a digit or '-' followed, with no space, by a quoted part holding non-ASCII.
    [[gnu::noinline]] std::size_t value_start(std::size_t at) {
        while (at < n_) {
            if (p_[at] == ' ' || p_[at] == '\t' || p_[at] == '\r' || p_[at] == '\n') {
                ++at;
            } else if (p_[at] == '#') {
                at = comment(at);
            } else {
                break;
            }
        }
        if (at < n_ && (is_digit(p_[at]) || p_[at] == '+' || p_[at] == '-')) return scanned(at);
        return at;
    }

    // toml++'s scan ahead over a number, date or time starting at `at`: to the next character
    // that ends a value. One that looks like a date ("1979-05-27", or anything else: a stricter
    // check) followed by a space and a digit goes on as a date-time, and the character after
    // that digit is taken whatever it is (parse_value's second scan). Any non-ASCII byte on the
    // way is a hazard.
    [[gnu::noinline]] std::size_t scanned(std::size_t at) {
        bool date_time = false;
        while (true) {
            for (; at < n_ && !ends_value(p_[at]); ++at) {
                if (non_ascii(p_[at])) {
                    outside(at);
                    return at;
                }
            }
            if (date_time || at + 1 >= n_ || p_[at] != ' ' || !is_digit(p_[at + 1])) return at;
            date_time = true;
            at += 2;  // the space and the digit
            if (at < n_ && non_ascii(p_[at])) {
                outside(at);
                return at;
            }
            if (at < n_) ++at;  // taken whatever it is
        }
    }

    // Whether p_[from, to) holds only strippable characters.
    bool all_strippable(std::size_t from, std::size_t to) const {
#if defined(__SSE2__)
        const __m128i tab = _mm_set1_epi8('\t');
        const __m128i below_space = _mm_set1_epi8(0x1f);
        const __m128i del = _mm_set1_epi8(0x7f);
        for (; from + 16 <= to; from += 16) {
            const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p_ + from));
            // Signed bytes: 0x80..0xff are negative, so not above 0x1f.
            const __m128i printable =
                _mm_and_si128(_mm_cmpgt_epi8(v, below_space), _mm_cmplt_epi8(v, del));
            const __m128i ok = _mm_or_si128(printable, _mm_cmpeq_epi8(v, tab));
            if (_mm_movemask_epi8(ok) != 0xffff) return false;
        }
#endif
        for (; from < to; ++from) {
            if (!strippable(p_[from])) return false;
        }
        return true;
    }
    bool starts(std::size_t at, std::string_view s) const {
        return text().substr(at, s.size()) == s;
    }

    // From the '#' at `at` to the line break (or the end), where the scan goes on. The '#' and
    // the break stay: an empty comment is still a comment where the text had one, whatever
    // stands before it (a lone CR, say).
    std::size_t comment(std::size_t at) {
        const auto* nl = static_cast<const char*>(std::memchr(p_ + at, '\n', n_ - at));
        auto end = nl != nullptr ? static_cast<std::size_t>(nl - p_) : n_;
        if (nl != nullptr && end > at + 1 && p_[end - 1] == '\r') --end;  // CRLF
        if (all_strippable(at + 1, end)) {
            if (out_.empty()) out_.reserve(n_);
            out_.append(p_ + kept_, at + 1 - kept_);  // up to and with the '#'
            kept_ = end;
            stripped_ = true;
        }
        return end;
    }

    // The end of the string whose opening quote is at `at`; nullopt when it has none or holds
    // a hazard.
    std::optional<std::size_t> string(std::size_t at) {
        const char quote = p_[at];
        const bool basic = quote == '"';
        if (starts(at, basic ? R"(""")" : "'''")) return multi_line(at + 3, quote);
        const auto next = [&](std::size_t from) {
            return basic ? skip<kInBasic>(from) : skip<kInLiteral>(from);
        };
        for (auto i = next(at + 1); i < n_; i = next(i + 1)) {
            if (p_[i] == '\n') return std::nullopt;  // a single-line string ends on its line
            if (p_[i] != '\\') return i + 1;         // the closing quote
            if (i + 1 < n_ && p_[i + 1] == '\n') return std::nullopt;
            ++i;  // an escape: the next character is content
        }
        return std::nullopt;
    }

    // A multi-line string's content from `from`: it ends at the first run of three or more
    // quotes, of which up to five belong to it (TOML 1.0: one or two quotes may stand right
    // before the closing three; toml++ reads exactly that many).
    [[gnu::noinline]] std::optional<std::size_t> multi_line(std::size_t from, char quote) {
        const auto next = [&](std::size_t at) {
            return quote == '"' ? skip<kInMultiBasic>(at) : skip<kInMultiLiteral>(at);
        };
        for (auto i = next(from); i < n_; i = next(i)) {
            if (p_[i] == '\\') {  // basic only: an escape, the next character is content
                if (!escape_is_safe(i)) return std::nullopt;
                i += 2;
                continue;
            }
            std::size_t run = 1;
            while (i + run < n_ && p_[i + run] == quote) ++run;
            if (run >= 3) return i + std::min<std::size_t>(run, 5);
            i += run;
        }
        return std::nullopt;
    }

    // A backslash at `at` in a multi-line basic string. toml++ asks whether the character after
    // it is whitespace (a line-ending backslash), and then skips whitespace -- spaces, tabs,
    // line breaks and the non-ASCII horizontal whitespace it knows (U+00A0, U+FEFF, ...) --
    // asking the same of each character: the first other one must not be a defective code
    // point (nor a non-UTF-8 byte, which a laxer decoder might read as one).
    [[gnu::noinline]] bool escape_is_safe(std::size_t at) {
        auto j = at + 1;
        bool spaces = false;
        bool line_break = false;
        while (j < n_) {
            if (p_[j] == '\n') {
                line_break = true;
            } else if (p_[j] == ' ' || p_[j] == '\t' || p_[j] == '\r') {
                spaces = true;
            } else if (const auto ws = non_ascii_whitespace_length(j); ws != 0) {
                spaces = true;
                j += ws;
                continue;
            } else {
                break;
            }
            ++j;
        }
        if (j >= n_ || !non_ascii(p_[j])) return true;
        const auto c = decode_utf8(text(), j);
        if (c && !toml_whitespace_defect(*c)) return true;
        const auto what = describe(text(), j);
        if (line_break) {
            found(j, fmt::format("{} right after a line-ending backslash is not supported (a "
                                 "defect of toml++ 3.3.0); write it as an escape or start the "
                                 "line with another character",
                                 what));
        } else if (spaces) {
            found(j,
                  "a line-ending backslash must be the last non-whitespace character on its "
                  "line");
        } else {
            found(j, fmt::format("unknown escape sequence: '\\' followed by {}", what));
        }
        return false;
    }

    // The length in bytes of the code point at `at` when toml++ reads it as horizontal
    // whitespace -- safely, being no defective one -- else 0.
    std::size_t non_ascii_whitespace_length(std::size_t at) const {
        if (!non_ascii(p_[at])) return 0;
        const auto c = decode_utf8(text(), at);
        if (!c || toml_whitespace_defect(*c) || !toml::impl::is_non_ascii_horizontal_whitespace(*c)) {
            return 0;
        }
        return *c < 0x800 ? 2 : *c < 0x10000 ? 3 : 4;
    }

    [[gnu::noinline]] void found(std::size_t at, std::string message) {
        hazard_ = hazard_at(text(), at, std::move(message));
    }

    const char* p_;
    std::size_t n_;
    std::size_t kept_{0};  // p_[kept_, n_) is not yet in out_
    bool stripped_{false};
    std::string out_;
    std::optional<TomlHazard> hazard_;
};

}  // namespace

PrePass prepass(std::string_view text) {
    return Scanner(text).run();
}

std::optional<std::string> without_comments(std::string_view text) {
    return prepass(text).without_comments;
}

}  // namespace vpnsim::scenario::detail
