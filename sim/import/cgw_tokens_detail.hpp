// DOC: lines and words of a line-based router configuration (FRR's vtysh files, Junos `set`
// statements), for the readers in cgw_frr.cpp and cgw_junos*.cpp.
// A line is cut into words at blanks (space, tab, CR, VT, FF); a word keeps its 1-based byte
// column. Junos also has double-quoted words (a backslash escapes the next character), `#`
// comments that start at a word, and `[ ... ]` lists whose brackets are words of their own.
// Every byte is an ordinary character otherwise (NULs included): nothing here reads past the
// text, allocates more than the text's size, or recurses.
#pragma once

#include <charconv>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "models/common/ipv4.hpp"
#include "sim/import/cgw_draft.hpp"

namespace vpnsim::import::detail {

struct Word {
    std::string text;  // without its quotes, escapes resolved
    int column{0};
    bool quoted{false};
};

struct Words {
    int line{0};
    std::vector<Word> words;
    int end_column{1};                      // the column just past the line's last byte
    std::optional<int> unterminated_quote;  // the column of a quote that never closes
    SourcePos at(std::size_t i) const {
        return i < words.size() ? SourcePos{line, words[i].column} : SourcePos{line, end_column};
    }
    std::string_view word(std::size_t i) const {
        return i < words.size() ? std::string_view(words[i].text) : std::string_view{};
    }
    std::size_t size() const { return words.size(); }
    // Words [from, to) joined by single spaces: the file's own words for a key.
    std::string joined(std::size_t from, std::size_t to) const {
        std::string out;
        for (std::size_t i = from; i < to && i < words.size(); ++i) {
            if (!out.empty()) out += ' ';
            out += words[i].text;
        }
        return out;
    }
};

inline bool is_blank(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
}

// The words of one line. `junos`: quotes, `#` comments and list brackets as described above.
inline Words split_words(std::string_view line, int number, bool junos) {
    Words out;
    out.line = number;
    out.end_column = static_cast<int>(line.size()) + 1;
    std::size_t i = 0;
    while (i < line.size()) {
        if (is_blank(line[i])) {
            ++i;
            continue;
        }
        const int column = static_cast<int>(i) + 1;
        if (junos && line[i] == '#') break;
        Word w{{}, column, false};
        if (junos && line[i] == '"') {
            w.quoted = true;
            ++i;
            bool closed = false;
            while (i < line.size()) {
                if (line[i] == '\\' && i + 1 < line.size()) {
                    w.text += line[i + 1];
                    i += 2;
                } else if (line[i] == '"') {
                    closed = true;
                    ++i;
                    break;
                } else {
                    w.text += line[i++];
                }
            }
            if (!closed) {
                out.unterminated_quote = column;
                return out;
            }
        } else {
            const std::size_t start = i;
            while (i < line.size() && !is_blank(line[i])) ++i;
            w.text.assign(line.substr(start, i - start));
        }
        out.words.push_back(std::move(w));
    }
    return out;
}

// Calls `each(Words)` for every line of `text` (1-based numbers; a final line without '\n'
// counts).
template <class Each>
void for_each_line(std::string_view text, bool junos, Each each) {
    int number = 0;
    while (!text.empty()) {
        const auto end = text.find('\n');
        const auto line = text.substr(0, end);
        text = end == std::string_view::npos ? std::string_view{} : text.substr(end + 1);
        ++number;
        each(split_words(line, number, junos));
    }
}

// A decimal number with no sign, no leading '+', at most `max`.
inline std::optional<std::uint32_t> parse_u32(std::string_view text,
                                              std::uint32_t max = 4294967295U) {
    std::uint32_t value = 0;
    const auto* end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, value);
    if (text.empty() || ec != std::errc{} || ptr != end || value > max) return std::nullopt;
    return value;
}

// "169.254.10.2/30": an interface address with its prefix length (host bits kept).
struct AddressWithLength {
    net::Ipv4Addr addr;
    std::uint8_t len{32};
    // The network it is in: 169.254.10.0/30.
    net::Ipv4Prefix network() const {
        return net::Ipv4Prefix{net::Ipv4Prefix{addr, len}.first(), len};
    }
    std::string to_string() const { return addr.to_string() + "/" + std::to_string(len); }
};

inline std::optional<AddressWithLength> parse_address_with_length(std::string_view text) {
    const auto slash = text.find('/');
    if (slash == std::string_view::npos) return std::nullopt;
    const auto addr = net::Ipv4Addr::parse(text.substr(0, slash));
    const auto len_text = text.substr(slash + 1);
    if (len_text.size() > 1 && len_text[0] == '0') return std::nullopt;
    const auto len = parse_u32(len_text, 32);
    if (!addr || !len) return std::nullopt;
    return AddressWithLength{*addr, static_cast<std::uint8_t>(*len)};
}

// 169.254.0.0/16, where AWS's tunnel inside addresses are (RFC 3927 link-local).
inline constexpr net::Ipv4Prefix kTunnelInsideRange{net::Ipv4Addr::from_octets(169, 254, 0, 0), 16};

}  // namespace vpnsim::import::detail
