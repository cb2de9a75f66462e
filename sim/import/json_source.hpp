// DOC: a JSON document with the place of every value in its text, so that an importer can
// report `file:line:col: key: message` like the scenario loader does.
// nlohmann::json parses (a syntax error becomes the one diagnostic, located from the byte
// nlohmann stopped at); a second, SAX pass over the same text records where each value starts,
// by its path ("VpnConnections[0].Options.TunnelOptions[1].DpdTimeoutSeconds"). nlohmann 3.11
// has no positions of its own (3.12's JSON_DIAGNOSTIC_POSITIONS is not in Debian 12), so the
// SAX pass reads the text through an iterator that counts the bytes the lexer has taken: at
// each SAX event the lexer has just read the value's last byte (a number: one more, its
// terminator), from which the value's first byte is found. No JSON is parsed here by hand.
// Left out: positions deeper than kMaxPathDepth (nothing an importer reads is that deep, and a
// hostile document nested a million deep must not cost a million-long path per value).
#pragma once

#include <nlohmann/json.hpp>

#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <variant>

#include "sim/scenario/loader.hpp"

namespace vpnsim::import {

// Values nested deeper than this have no recorded position (their parent's is used).
inline constexpr std::size_t kMaxPathDepth = 12;

struct JsonSource {
    nlohmann::json root;
    // Byte offset of the first character of every value, by path: "" is the root value,
    // then "Key", "Key[2]", "Key[2].Other" (keys joined with '.', array indices in brackets).
    std::map<std::string, std::size_t, std::less<>> offsets;

    // Where the value at `path` starts; a path with no recorded value falls back to its
    // nearest recorded ancestor (in the end the root).
    std::size_t offset_of(std::string_view path) const;
};

// Line and column (1-based; the column counts characters, not bytes) of a byte offset.
struct TextPosition {
    int line{1};
    int column{1};
};
TextPosition position_of(std::string_view text, std::size_t offset);

// The text parsed, or the syntax error as `file:line:col: invalid JSON: ...`.
std::variant<JsonSource, scenario::Diagnostic> parse_json(std::string_view text,
                                                          const std::string& file);

// Path helpers: "Parent.key" ("key" at the root) and "Parent[index]".
std::string member_path(std::string_view parent, std::string_view key);
std::string element_path(std::string_view parent, std::size_t index);

}  // namespace vpnsim::import
