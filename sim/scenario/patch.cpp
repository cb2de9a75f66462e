#include "sim/scenario/patch.hpp"

#include <fmt/format.h>

#include <charconv>
#include <vector>

namespace vpnsim::scenario {
namespace {

// The tables a key can be in: "[name]" (index unset), or the [[name]] number index (all
// when every_element).
struct TableSpec {
    std::string header;
    bool array{false};
    bool every_element{false};
    std::size_t index{0};
};

bool is_bare_key(std::string_view s) {
    if (s.empty()) return false;
    for (const char c : s) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
        if (!ok) return false;
    }
    return true;
}

std::optional<TableSpec> table_spec(std::string_view table) {
    TableSpec spec;
    if (!table.empty() && table.back() == ']') {
        const auto open = table.rfind('[');
        if (open == std::string_view::npos) return std::nullopt;
        const auto inside = table.substr(open + 1, table.size() - open - 2);
        spec.array = true;
        if (inside == "*") {
            spec.every_element = true;
        } else {
            const auto [p, ec] = std::from_chars(inside.data(), inside.data() + inside.size(),
                                                 spec.index);
            if (ec != std::errc{} || p != inside.data() + inside.size()) return std::nullopt;
        }
        table = table.substr(0, open);
    }
    std::size_t start = 0;
    while (start <= table.size()) {
        const auto dot = table.find('.', start);
        const auto part = table.substr(start, dot == std::string_view::npos ? dot : dot - start);
        if (!is_bare_key(part)) return std::nullopt;
        if (dot == std::string_view::npos) break;
        start = dot + 1;
    }
    spec.header = spec.array ? fmt::format("[[{}]]", table) : fmt::format("[{}]", table);
    return spec;
}

std::vector<std::string_view> lines_of(std::string_view text) {
    std::vector<std::string_view> lines;
    while (!text.empty()) {
        const auto end = text.find('\n');
        lines.push_back(text.substr(0, end));
        if (end == std::string_view::npos) break;
        text.remove_prefix(end + 1);
    }
    return lines;
}

}  // namespace

std::optional<std::string> set_key(std::string& toml, std::string_view key,
                                   std::string_view value) {
    const auto dot = key.rfind('.');
    if (dot == std::string_view::npos) return fmt::format("'{}' names no table", key);
    const auto leaf = key.substr(dot + 1);
    const auto spec = table_spec(key.substr(0, dot));
    if (!spec || !is_bare_key(leaf)) return fmt::format("'{}' is not a key path", key);
    const auto lines = lines_of(toml);
    const std::string assignment = fmt::format("{} = ", leaf);
    std::string out;
    std::size_t seen = 0;  // [[header]] sections so far
    bool matched = false;
    bool inside = false;  // in a section being changed
    bool done = false;    // its key set
    std::size_t last_line = 0;  // where the section's last non-blank line ends in `out`
    const auto finish_section = [&] {
        if (inside && !done) {
            out.insert(last_line, fmt::format("{}{}\n", assignment, value));
        }
        inside = false;
    };
    for (const auto line : lines) {
        if (!line.empty() && line.front() == '[') {
            finish_section();
            if (line == spec->header) {
                const bool wanted = !spec->array || spec->every_element || seen == spec->index;
                ++seen;
                inside = wanted;
                done = false;
                matched = matched || wanted;
            }
        }
        if (inside && line.substr(0, assignment.size()) == assignment) {
            out += fmt::format("{}{}\n", assignment, value);
            done = true;
        } else {
            out += line;
            out += '\n';
        }
        if (!line.empty()) last_line = out.size();
    }
    finish_section();
    if (!matched) {
        return fmt::format("the scenario has no table {}", key.substr(0, dot));
    }
    toml = std::move(out);
    return std::nullopt;
}

}  // namespace vpnsim::scenario
