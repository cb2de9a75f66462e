// DOC: the loader's pre-pass over TOML text: comment-free text, so toml++ has less to read, and
// the places toml++ 3.3.0 must not be given.
//
// Comments. toml++ reads its input one code point at a time, at about a hundred instructions per
// character, and a comment costs as much as a value. Scenario files carry a narrative (the
// training catalogue's comments are a fifth of its bytes), so the loader hands toml++ a copy
// with each comment's text removed (its '#' stays). Everything else stays byte for byte and
// every line keeps its line break, so toml++ reports the same line and column for every node and
// error. The scanner follows TOML 1.0's strings (basic, literal, and their multi-line forms, whose
// closing run of three quotes may carry two more as content) so that a '#' inside a string
// stays. It strips only comments made of the characters TOML allows there in plain ASCII (tab,
// space to '~'); any other comment is left for toml++ to check. When it meets a string it cannot
// follow to its end, it gives up and the text is parsed as written, as it is whenever the
// comment-free copy does not parse (the caller's rule), so an error is always reported from the
// text the user wrote.
//
// Hazards (issue 11, item 6; upstream toml++ issue 190). toml++ 3.3.0 asks
// is_non_ascii_horizontal_whitespace() about characters where it expects whitespace, and for
// about 3000 code points (U+00A1-U+0499, U+2C5E-U+2FFF, U+3001-U+3057, U+FB26-U+FEFE: Latin-1,
// Greek, Cyrillic, CJK punctuation, kana ...) that function runs into __builtin_unreachable:
// undefined behaviour, reported by UBSan, anything at all in an optimised build. The same pass
// therefore finds, and the loader reports instead of parsing, the first
//   - non-ASCII byte outside strings and comments, where TOML 1.0 allows only ASCII (a key, a
//     value, whitespace: the parser's whitespace checks see every such character) -- and a
//     number, date or time is "outside" up to the next space, bracket, comma or '#', quotes
//     and all, because toml++ scans ahead over it so (a string cannot start inside it); and
//   - in a multi-line basic string, a defective code point (or a byte that is not UTF-8) right
//     after a backslash, or after a backslash and the spaces, tabs and line breaks that follow
//     it (the escape and line-ending-backslash paths check whitespace there).
// Nothing else in a string or comment reaches those checks. Where the scanner gives up (an
// unterminated string), toml++ stops with an error at that string too, before any later text.
// On an all-ASCII file, the usual scenario, this costs one pass that finds no byte above 0x7f.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace vpnsim::scenario::detail {

// A place in the text toml++ must not read; line and column as toml++ counts them (1-based,
// columns in code points, a leading UTF-8 byte order mark not counted).
struct TomlHazard {
    int line{1};
    int column{1};
    std::string message;  // "non-ASCII character U+00E9 outside a string or comment"
};

struct PrePass {
    // The text with its comments emptied to a bare '#'; nullopt when there is nothing to strip,
    // the scanner could not follow the text, or there is a hazard.
    std::optional<std::string> without_comments;
    std::optional<TomlHazard> hazard;  // set: do not hand this text to toml++
};

PrePass prepass(std::string_view text);

// prepass(text).without_comments.
std::optional<std::string> without_comments(std::string_view text);

// Whether toml++ 3.3.0's is_non_ascii_horizontal_whitespace(c) reaches __builtin_unreachable
// (its child ranges 0, 11 and 63 without their three whitespace code points). comments.cpp
// proves at compile time that toml++ evaluates every other code point.
constexpr bool toml_whitespace_defect(char32_t c) {
    return (c >= 0xA1 && c <= 0x499) || (c >= 0x2C5E && c <= 0x2FFF) ||
           (c >= 0x3001 && c <= 0x3057) || (c >= 0xFB26 && c <= 0xFEFE);
}

}  // namespace vpnsim::scenario::detail
