// The comment-free copy the loader hands toml++ (sim/scenario/comments.hpp) must parse to the
// same document, with every node at the same line and column, and must not parse where the
// text as written does not.
#include "sim/scenario/comments.hpp"

#include <rapidcheck.h>
#include <rapidcheck/catch.h>
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include <toml++/toml.h>

#include "tests/scenario/scenario_test_util.hpp"

using vpnsim::scenario::detail::without_comments;

namespace {

std::optional<toml::table> parse(std::string_view text) {
    try {
        return toml::parse(text, std::string_view("t.toml"));
    } catch (const toml::parse_error&) {
        return std::nullopt;
    }
}

template <typename T>
bool same_value(const toml::node& a, const toml::node& b) {
    return a.as<T>()->get() == b.as<T>()->get();
}

bool same_leaf(const toml::node& a, const toml::node& b) {
    switch (a.type()) {
        case toml::node_type::string:
            return same_value<std::string>(a, b);
        case toml::node_type::integer:
            return same_value<std::int64_t>(a, b);
        case toml::node_type::floating_point: {
            const double x = a.as_floating_point()->get();
            const double y = b.as_floating_point()->get();
            return x == y || (std::isnan(x) && std::isnan(y));
        }
        case toml::node_type::boolean:
            return same_value<bool>(a, b);
        case toml::node_type::date:
            return same_value<toml::date>(a, b);
        case toml::node_type::time:
            return same_value<toml::time>(a, b);
        case toml::node_type::date_time:
            return same_value<toml::date_time>(a, b);
        case toml::node_type::none:
        case toml::node_type::table:
        case toml::node_type::array:
            break;
    }
    return false;
}

// Same values, same types, same positions, node by node.
bool same(const toml::node& a, const toml::node& b) {
    if (a.type() != b.type()) return false;
    const auto& pa = a.source().begin;
    const auto& pb = b.source().begin;
    if (pa.line != pb.line || pa.column != pb.column) return false;
    if (const auto* ta = a.as_table()) {
        const auto& tb = *b.as_table();
        if (ta->size() != tb.size()) return false;
        for (const auto& [k, v] : *ta) {
            const auto* w = tb.get(k.str());
            if (w == nullptr || !same(v, *w)) return false;
        }
        return true;
    }
    if (const auto* aa = a.as_array()) {
        const auto& ab = *b.as_array();
        if (aa->size() != ab.size()) return false;
        for (std::size_t i = 0; i < aa->size(); ++i) {
            if (!same((*aa)[i], ab[i])) return false;
        }
        return true;
    }
    return same_leaf(a, b);
}

// What the scanner must get right: quotes, escapes, comment starts, line breaks, characters a
// comment may not hold.
const std::vector<std::string> kInserts{"#",  "\"",     "'",   "\\",  "\n",       "\r\n", "\r",
                                        "\t", "\"\"\"", "'''", "# x", "\xc3\xa9", "\x01", " = "};

}  // namespace

TEST_CASE("without_comments empties comments and keeps every line", "[scenario][comments]") {
    CHECK(without_comments("a = 1 # one\n# two\nb = 2\n") == "a = 1 #\n#\nb = 2\n");
    CHECK(without_comments("a = 1#x") == "a = 1#");
    CHECK(without_comments("a = 1 # crlf\r\nb = 2\r\n") == "a = 1 #\r\nb = 2\r\n");
    CHECK(without_comments("a = 1\n") == std::nullopt);  // nothing to strip
}

TEST_CASE("without_comments leaves '#' inside strings", "[scenario][comments]") {
    CHECK(without_comments(R"(a = "x # y" # c)") == R"(a = "x # y" #)");
    CHECK(without_comments(R"(a = 'x # y' # c)") == R"(a = 'x # y' #)");
    CHECK(without_comments(R"(a = "q\" # y" # c)") == R"(a = "q\" # y" #)");
    CHECK(without_comments("a = \"\"\"\n# not a comment\n\"\"\" # c\n") ==
          "a = \"\"\"\n# not a comment\n\"\"\" #\n");
    CHECK(without_comments("a = '''\n# not a comment\n''' # c\n") ==
          "a = '''\n# not a comment\n''' #\n");
    CHECK(without_comments("\"#key\" = 1 # c\n") == "\"#key\" = 1 #\n");
    // A multi-line string's closing run holds up to two quotes of content (TOML 1.0).
    CHECK(without_comments("a = \"\"\"x\"\"\"\" # c\n") == "a = \"\"\"x\"\"\"\" #\n");
    CHECK(without_comments("a = '''x''''' # c\n") == "a = '''x''''' #\n");
}

TEST_CASE("without_comments keeps what toml++ must judge, and gives up when lost",
          "[scenario][comments]") {
    CHECK(without_comments("a = 1 # caf\xc3\xa9\n") == std::nullopt);  // non-ASCII: kept
    CHECK(without_comments("a = 1 # bell\x07\n") == std::nullopt);     // control: kept
    CHECK(without_comments("a = 1 # lone\rcr\nb = 2 # c\n") == "a = 1 # lone\rcr\nb = 2 #\n");
    CHECK(without_comments("a = \"open # c\nb = 1 # c\n") == std::nullopt);
    CHECK(without_comments("a = \"\"\"never closed # c\n") == std::nullopt);
}

TEST_CASE("without_comments scans long lines in blocks the same as byte by byte",
          "[scenario][comments]") {
    // Stops and rejected characters before, at and after 16-byte block boundaries.
    const std::string pad(40, 'x');
    for (std::size_t at = 0; at < 40; ++at) {
        const std::string key(at + 1, 'k');
        CHECK(without_comments(key + " = 1 # a long comment with\ttabs and more " + pad + "\n") ==
              key + " = 1 #\n");
        CHECK(without_comments("a = \"" + pad.substr(0, at) + "#\\\"" + pad + "\" # c\n") ==
              "a = \"" + pad.substr(0, at) + "#\\\"" + pad + "\" #\n");
        CHECK(without_comments("a = '" + pad.substr(0, at) + "#" + pad + "' # c\n") ==
              "a = '" + pad.substr(0, at) + "#" + pad + "' #\n");
        CHECK(without_comments("a = 1 # " + pad.substr(0, at) + "\xc3\xa9" + pad + "\n") ==
              std::nullopt);
        CHECK(without_comments("a = 1 # " + pad.substr(0, at) + "\x7f" + pad + "\n") ==
              std::nullopt);
        CHECK(without_comments("a = \"" + pad.substr(0, at) + "\n# c\n") == std::nullopt);
    }
}

TEST_CASE("every bundled scenario parses the same without its comments", "[scenario][comments]") {
    for (const auto& text : vpnsim::scenario::testing::bundled_scenario_texts()) {
        const auto plain = without_comments(text);
        if (!plain) continue;
        const auto a = parse(text);
        const auto b = parse(*plain);
        REQUIRE(a.has_value());
        REQUIRE(b.has_value());
        CHECK(same(*a, *b));
    }
}

TEST_CASE("a scenario with characters inserted at random parses the same without its comments",
          "[scenario][comments][fuzz]") {
    static const auto texts = vpnsim::scenario::testing::bundled_scenario_texts();
    REQUIRE(!texts.empty());
    rc::prop("same document and positions, and no parse where the original fails", [] {
        auto text = texts[*rc::gen::inRange<std::size_t>(0, texts.size())];
        const auto n = *rc::gen::inRange(1, 6);
        for (int i = 0; i < n; ++i) {
            const auto at = *rc::gen::inRange<std::size_t>(0, text.size() + 1);
            text.insert(at, kInserts[*rc::gen::inRange<std::size_t>(0, kInserts.size())]);
        }
        // Text toml++ 3.3.0 must not read (an inserted U+00E9 outside strings and comments)
        // is the loader's to refuse: tests/scenario/toml_defects_test.cpp.
        RC_PRE(!vpnsim::scenario::detail::prepass(text).hazard);
        const auto plain = without_comments(text);
        RC_PRE(plain.has_value());
        const auto a = parse(text);
        const auto b = parse(*plain);
        RC_CLASSIFY(a.has_value(), "valid TOML");
        RC_ASSERT(a.has_value() == b.has_value());
        if (a) RC_ASSERT(same(*a, *b));
    });
}
