// Regression tests for issue 11, item 6: toml++ 3.3.0 defects reachable from a scenario file
// (upstream toml++ issues 190 and 295, pull requests 301 and 305). Each reproducer must give one
// located "invalid TOML" diagnostic and no crash -- in every build type: toml_impl.cpp compiles
// toml++ without its assertions and assumptions, and the loader's pre-pass (comments.hpp,
// "Hazards") keeps the non-ASCII cases away from __builtin_unreachable. Under a sanitizer or
// Debug build (tools/fuzz replays tests/fuzz/regressions/ too) a regression aborts here.
#include <catch2/catch.hpp>

#include <string>
#include <string_view>

#include "sim/scenario/comments.hpp"
#include "sim/scenario/loader.hpp"
#include "tests/scenario/scenario_test_util.hpp"

using vpnsim::scenario::load_string;
using vpnsim::scenario::detail::prepass;
using vpnsim::scenario::detail::toml_whitespace_defect;

namespace {

// The one diagnostic a file that does not parse gets, as printed.
std::string syntax_error(std::string_view text) {
    const auto r = load_string(text, "t.toml");
    REQUIRE_FALSE(r.scenario.has_value());
    REQUIRE(r.diagnostics.size() == 1);
    return r.diagnostics.front().to_string();
}

// What the pre-pass refuses: "line:column: message"; "" when it lets toml++ read the text.
std::string hazard(std::string_view text) {
    const auto h = prepass(text).hazard;
    if (!h) return "";
    return std::to_string(h->line) + ":" + std::to_string(h->column) + ": " + h->message;
}

}  // namespace

TEST_CASE("toml defects - broken parser preconditions give a syntax error, not an abort",
          "[scenario][toml-defects]") {
    // toml++ asserts (Debug) or assumes (clang -DNDEBUG) what these break, then reports them.
    SECTION("'[' with no key after it (parse_key, upstream PR 301)") {
        CHECK(syntax_error("[") ==
              "t.toml:1:2: invalid TOML: error while parsing table header: encountered "
              "end-of-file");
        CHECK(syntax_error("[=") ==
              "t.toml:1:2: invalid TOML: error while parsing key: expected bare key starting "
              "character or string delimiter, saw '='");
        CHECK(syntax_error("[[=").starts_with("t.toml:1:3: invalid TOML: "));
        CHECK(syntax_error("[[[1]]]").starts_with("t.toml:1:3: invalid TOML: "));
        CHECK(
            syntax_error("[scenario]\nname = \"x\"\n[#").starts_with("t.toml:3:2: invalid TOML: "));
    }
    SECTION("a value terminator where a value must start (parse_value)") {
        CHECK(syntax_error("a=[}") ==
              "t.toml:1:4: invalid TOML: error while parsing value: could not determine value "
              "type");
        CHECK(syntax_error("a=[1,}").starts_with("t.toml:1:6: invalid TOML: "));
        CHECK(syntax_error("a=[[}").starts_with("t.toml:1:5: invalid TOML: "));
    }
    SECTION("a malformed date-time (parse_time)") {
        CHECK(syntax_error("a=1979-05-27T:") ==
              "t.toml:1:14: invalid TOML: error while parsing time: expected 2-digit hour, "
              "saw ':'");
        CHECK(syntax_error("a = 1979-05-27T|0:00:00").starts_with("t.toml:1:"));
        CHECK(syntax_error("a = 1979-05-27 x0:00:00").starts_with("t.toml:1:"));
        // A date, a space and a digit: toml++ scans on for a time (parse_value's scan).
        CHECK(syntax_error("a=1979-05-27 0\n") ==
              "t.toml:1:3: invalid TOML: error while parsing value: could not determine value "
              "type");
    }
}

TEST_CASE("toml defects - non-ASCII outside strings and comments is refused before parsing",
          "[scenario][toml-defects]") {
    // U+00A7 at a line start made toml++ reach __builtin_unreachable (upstream issue 190).
    SECTION("at a line start") {
        CHECK(syntax_error("\xC2\xA7\n") ==
              "t.toml:1:1: invalid TOML: non-ASCII character U+00A7 outside a string or comment");
        CHECK(syntax_error("[scenario]\nname = \"x\"\n\xC3\xA9t\xC3\xA9 = 1\n") ==
              "t.toml:3:1: invalid TOML: non-ASCII character U+00E9 outside a string or comment");
        CHECK(syntax_error("a = 1\r\n\xE3\x81\x82 = 2\r\n") ==  // hiragana a, CRLF lines
              "t.toml:2:1: invalid TOML: non-ASCII character U+3042 outside a string or comment");
        CHECK(syntax_error("a = 1\n  \t\xD0\x96 = 2\n") ==  // Cyrillic, after indentation
              "t.toml:2:4: invalid TOML: non-ASCII character U+0416 outside a string or comment");
        CHECK(syntax_error("\xEF\xBB\xBF\xC2\xA7") ==  // after a byte order mark (not counted)
              "t.toml:1:1: invalid TOML: non-ASCII character U+00A7 outside a string or comment");
        CHECK(syntax_error("# caf\xC3\xA9\n\xEF\xBB\xBE\n") ==  // U+FEFE, after a comment
              "t.toml:2:1: invalid TOML: non-ASCII character U+FEFE outside a string or comment");
        CHECK(syntax_error("\xFF = 1\n") ==
              "t.toml:1:1: invalid TOML: byte 0xFF (not UTF-8) outside a string or comment");
    }
    SECTION("anywhere else a key, a value or whitespace may stand") {
        CHECK(hazard("a = 1\xC2\xA7\n") ==
              "1:6: non-ASCII character U+00A7 outside a string or comment");
        CHECK(hazard("a = \xC2\xA7\n") ==
              "1:5: non-ASCII character U+00A7 outside a string or comment");
        CHECK(hazard("a\xC2\xA0= 1\n") ==
              "1:2: non-ASCII character U+00A0 outside a string or comment");
        CHECK(hazard("[t\xC2\xA7]\n") ==
              "1:3: non-ASCII character U+00A7 outside a string or comment");
        CHECK(hazard("a = [1, \xC2\xA7]\n") ==
              "1:9: non-ASCII character U+00A7 outside a string or comment");
        CHECK(hazard("a = { b = \"\xC3\xA9\" \xC2\xA7 }\n") ==
              "1:15: non-ASCII character U+00A7 outside a string or comment");
        CHECK(hazard("\"k\xC3\xA9y\" = 'v'\xC2\xA7\n") ==
              "1:12: non-ASCII character U+00A7 outside a string or comment");
    }
    SECTION("in a number, date or time, which toml++ scans ahead over, quotes and all") {
        // Found by tests/fuzz (loader): '+' starts a number, and toml++ reads on to the next
        // space, bracket, comma or '#', asking of each character whether it ends the value.
        CHECK(hazard("a = +\"\"x\"\"\"\"\xC2\xA7\n") ==
              "1:13: non-ASCII character U+00A7 outside a string or comment");
        CHECK(hazard("a = 1=\"\xC2\xA7\"\n") ==
              "1:8: non-ASCII character U+00A7 outside a string or comment");
        CHECK(hazard("a = [\n  # c\n  1.\"\xC2\xA7\"]\n") ==
              "3:6: non-ASCII character U+00A7 outside a string or comment");
        // A date, a space and a digit: toml++ scans on as a date-time, taking the character
        // after the digit whatever it is.
        CHECK(hazard("a=1979-05-27 0 \"\xC2\xA7\"\n") ==
              "1:17: non-ASCII character U+00A7 outside a string or comment");
        // Stricter than needed for a key that starts with a digit and goes on, with no space,
        // with a quoted part (no scenario key does): toml++ would read it safely.
        CHECK(hazard("[1.\"\xC3\xA9\"]\n") ==
              "1:5: non-ASCII character U+00E9 outside a string or comment");
        // Where the number ends, strings and comments are safe again.
        CHECK(hazard("a = [1, \"\xC2\xA7\"] # \xC2\xA7\nb = -1\nc = '\xC3\xA9'\n") == "");
        CHECK(hazard("x = { a = 1, b = \"\xC3\xA9\" }\nd = 1979-05-27 07:32:00 # \xC2\xA7\n") ==
              "");
    }
    SECTION("after a multi-line string closed by four or five quotes") {
        // The closing run holds up to two quotes of content: toml++ is outside the string
        // after all of them, and its whitespace check sees what follows.
        CHECK(hazard("a = \"\"\"x\"\"\"\"\xC2\xA7\n") ==
              "1:13: non-ASCII character U+00A7 outside a string or comment");
        CHECK(hazard("a = \"\"\"x\"\"\"\"\"\xC2\xA7\n") ==
              "1:14: non-ASCII character U+00A7 outside a string or comment");
        CHECK(hazard("a = '''x''''\xC2\xA7\n") ==
              "1:13: non-ASCII character U+00A7 outside a string or comment");
    }
}

TEST_CASE("toml defects - a line-ending backslash followed by a defective character",
          "[scenario][toml-defects]") {
    // Upstream issue 190's reproducer: s = """\<newline>§""".
    CHECK(syntax_error("s = \"\"\"\\\n\xC2\xA7\"\"\"\n") ==
          "t.toml:2:1: invalid TOML: U+00A7 right after a line-ending backslash is not supported "
          "(a defect of toml++ 3.3.0); write it as an escape or start the line with another "
          "character");
    CHECK(hazard("s = \"\"\"x \\  \r\n\n   \t\xE3\x80\x81\"\"\"") ==
          "3:5: U+3001 right after a line-ending backslash is not supported (a defect of toml++ "
          "3.3.0); write it as an escape or start the line with another character");
    CHECK(hazard("s = \"\"\"\\ \xC2\xA7\"\"\"") ==
          "1:10: a line-ending backslash must be the last non-whitespace character on its line");
    CHECK(hazard("s = \"\"\"\\\xC2\xA7\"\"\"") ==
          "1:9: unknown escape sequence: '\\' followed by U+00A7");
    CHECK(hazard("s = \"\"\"\\\xE0\x82\xA7\"\"\"") ==  // an overlong U+00A7
          "1:9: unknown escape sequence: '\\' followed by byte 0xE0 (not UTF-8)");
    // toml++ skips the non-ASCII whitespace it knows too (U+FEFF, U+00A0), then asks about the
    // next character (found by the loader fuzzer: tests/fuzz/regressions).
    CHECK(hazard("s = \"\"\"\\\n\t\xEF\xBB\xBF\xCC\xA3\"\"\"") ==
          "2:3: U+0323 right after a line-ending backslash is not supported (a defect of toml++ "
          "3.3.0); write it as an escape or start the line with another character");
    CHECK(hazard("s = \"\"\"\\\xC2\xA0\xC2\xA7\"\"\"") ==
          "1:10: a line-ending backslash must be the last non-whitespace character on its line");
    CHECK(hazard("s = \"\"\"\\\n\xC2\xA0x\"\"\"").empty());
}

TEST_CASE("toml defects - non-ASCII text toml++ reads safely still reaches it",
          "[scenario][toml-defects]") {
    CHECK(hazard("# \xC2\xA7 7296 \xC3\xA9\n") == "");
    CHECK(hazard("a = \"\xC2\xA7\" # \xC2\xA7\nb = '\xC3\xA9'\n") == "");
    CHECK(hazard("a = \"\"\"\n\xC2\xA7\\\\\xC2\xA7\n\"\"\"\nb = '''\n\\\n\xC2\xA7'''\n") == "");
    CHECK(hazard("\xEF\xBB\xBF"
                 "a = 1\n") == "");
    // Not in the defective ranges: toml++ reads it, and the value is the character itself.
    CHECK(hazard("s = \"\"\"\\\n  \xE6\x97\xA5\"\"\"\n") == "");
    // In a single-line string an escape never reaches the whitespace checks: toml++'s error.
    CHECK(syntax_error("s = \"\\\xC2\xA7\"\n").starts_with("t.toml:1:7: invalid TOML: "));
    // The scanner gives up at an unterminated string, as toml++ stops there.
    CHECK(hazard("a = \"open\n\xC2\xA7 = 1\n") == "");
    CHECK(syntax_error("a = \"open\n\xC2\xA7 = 1\n").starts_with("t.toml:1:"));
    // Bundled scenarios cite RFC sections with U+00A7 in comments and strings.
    for (const auto& text : vpnsim::scenario::testing::bundled_scenario_texts()) {
        CHECK(hazard(text) == "");
    }
}

TEST_CASE("toml defects - the defective code points", "[scenario][toml-defects]") {
    // comments.cpp proves at compile time that toml++ handles every code point outside these.
    CHECK_FALSE(toml_whitespace_defect(0xA0));  // toml++ answers: whitespace
    CHECK(toml_whitespace_defect(0xA1));
    CHECK(toml_whitespace_defect(0xA7));
    CHECK(toml_whitespace_defect(0x499));
    CHECK_FALSE(toml_whitespace_defect(0x49A));
    CHECK_FALSE(toml_whitespace_defect(0x3000));
    CHECK(toml_whitespace_defect(0x3042));
    CHECK_FALSE(toml_whitespace_defect(0x65E5));
    CHECK(toml_whitespace_defect(0xFEFE));
    CHECK_FALSE(toml_whitespace_defect(0xFEFF));
}
