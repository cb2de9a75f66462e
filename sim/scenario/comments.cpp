#include "sim/scenario/comments.hpp"

#include <array>
#include <cstring>

namespace vpnsim::scenario::detail {
namespace {

// TOML 1.0 (comment): tab and the printable characters; we strip only the ASCII ones.
constexpr bool strippable(char c) {
    return c == '\t' || (c >= 0x20 && c < 0x7f);
}

// Characters a scan stops at, as a table: most characters are none of them, and the scans run
// over every byte of the file.
using Stops = std::array<bool, 256>;
constexpr Stops stops(std::string_view chars) {
    Stops t{};
    for (const char c : chars) t[static_cast<unsigned char>(c)] = true;
    return t;
}
constexpr Stops kOutside = stops("#\"'");
constexpr Stops kInBasic = stops("\"\\\n");
constexpr Stops kInLiteral = stops("'\n");

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
    std::size_t skip(std::size_t from, const Stops& stop) const {
        while (from < n_ && !stop[static_cast<unsigned char>(p_[from])]) ++from;
        return from;
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
        bool plain = true;
        for (auto i = at + 1; i < end; ++i) plain &= strippable(p_[i]);
        if (plain) {
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
