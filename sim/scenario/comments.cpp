#include "sim/scenario/comments.hpp"

#include <array>
#include <bit>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace vpnsim::scenario::detail {
namespace {

// TOML 1.0 (comment): tab and the printable characters; we strip only the ASCII ones.
constexpr bool strippable(char c) {
    return c == '\t' || (c >= 0x20 && c < 0x7f);
}

// Characters a scan stops at: at most three (a set of two repeats one). Most characters are
// none of them, and the scans run over every byte of the file, so where SSE2 is available (every
// x86-64) they test 16 bytes at a time; the rest byte by byte.
struct Stops {
    char a, b, c;
    constexpr bool has(char x) const { return x == a || x == b || x == c; }
};
constexpr Stops kOutside{'#', '"', '\''};
constexpr Stops kInBasic{'"', '\\', '\n'};
constexpr Stops kInLiteral{'\'', '\n', '\n'};

class Scanner {
  public:
    explicit Scanner(std::string_view text) : p_(text.data()), n_(text.size()) {}

    std::optional<std::string> run() {
        std::size_t at = 0;
        while ((at = skip(at, kOutside)) < n_) {
            if (p_[at] == '#') {
                at = comment(at);
            } else if (const auto end = string(at)) {
                at = *end;
            } else {
                return std::nullopt;
            }
        }
        if (!stripped_) return std::nullopt;
        out_.append(p_ + kept_, n_ - kept_);
        return std::move(out_);
    }

  private:
    // The first position from `from` on holding one of stop's characters (n_ if none).
    std::size_t skip(std::size_t from, const Stops& stop) const {
#if defined(__SSE2__)
        const __m128i a = _mm_set1_epi8(stop.a);
        const __m128i b = _mm_set1_epi8(stop.b);
        const __m128i c = _mm_set1_epi8(stop.c);
        for (; from + 16 <= n_; from += 16) {
            const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p_ + from));
            const __m128i hit = _mm_or_si128(
                _mm_or_si128(_mm_cmpeq_epi8(v, a), _mm_cmpeq_epi8(v, b)), _mm_cmpeq_epi8(v, c));
            if (const auto mask = static_cast<unsigned>(_mm_movemask_epi8(hit)); mask != 0) {
                return from + static_cast<std::size_t>(std::countr_zero(mask));
            }
        }
#endif
        while (from < n_ && !stop.has(p_[from])) ++from;
        return from;
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
        return std::string_view(p_, n_).substr(at, s.size()) == s;
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

    // The end of the string whose opening quote is at `at`; nullopt when it has none.
    std::optional<std::size_t> string(std::size_t at) const {
        const bool basic = p_[at] == '"';
        const std::string_view triple = basic ? R"(""")" : "'''";
        if (starts(at, triple)) {  // multi-line: ends at the next unescaped triple quote
            for (auto i = at + 3; i < n_; ++i) {
                if (basic && p_[i] == '\\') {
                    ++i;  // an escape: the next character is content
                } else if (starts(i, triple)) {
                    return i + 3;
                }
            }
            return std::nullopt;
        }
        for (auto i = skip(at + 1, basic ? kInBasic : kInLiteral); i < n_;
             i = skip(i + 1, basic ? kInBasic : kInLiteral)) {
            if (p_[i] == '\n') return std::nullopt;  // a single-line string ends on its line
            if (p_[i] != '\\') return i + 1;         // the closing quote
            if (i + 1 < n_ && p_[i + 1] == '\n') return std::nullopt;
            ++i;  // an escape: the next character is content
        }
        return std::nullopt;
    }

    const char* p_;
    std::size_t n_;
    std::size_t kept_{0};  // p_[kept_, n_) is not yet in out_
    bool stripped_{false};
    std::string out_;
};

}  // namespace

std::optional<std::string> without_comments(std::string_view text) {
    return Scanner(text).run();
}

}  // namespace vpnsim::scenario::detail
