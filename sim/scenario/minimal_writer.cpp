#include <string>
#include <string_view>
#include <vector>

#include "sim/scenario/loader.hpp"
#include "sim/scenario/writer.hpp"

namespace vpnsim::scenario {
namespace {

std::vector<std::string> split_lines(const std::string& text) {
    std::vector<std::string> lines;
    std::size_t from = 0;
    while (from < text.size()) {
        const auto end = text.find('\n', from);
        const auto stop = end == std::string::npos ? text.size() : end;
        lines.push_back(text.substr(from, stop - from));
        from = stop + 1;
    }
    return lines;
}

std::string join(const std::vector<std::string>& lines, std::size_t skip) {
    std::string out;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        if (i != skip) out += lines[i] + '\n';
    }
    return out;
}

bool is_key_line(std::string_view line) {
    return !line.empty() && line.front() != '[' && line.front() != '#' &&
           line.find(" = ") != std::string_view::npos;
}

// A single-bracket table header with no key before the next header or the end.
bool is_empty_table(const std::vector<std::string>& lines, std::size_t i) {
    if (lines[i].rfind("[", 0) != 0 || lines[i].rfind("[[", 0) == 0) return false;
    for (std::size_t j = i + 1; j < lines.size(); ++j) {
        if (lines[j].empty()) continue;
        return lines[j].front() == '[';
    }
    return true;
}

}  // namespace

std::string minimal_toml(const Scenario& s) {
    const auto want = without_position(s);
    auto lines = split_lines(to_toml(s));
    const auto same_without = [&](std::size_t i) {
        const auto loaded = load_string(join(lines, i), s.file);
        return loaded.scenario && without_position(*loaded.scenario) == want;
    };
    for (std::size_t i = 0; i < lines.size();) {
        if (is_key_line(lines[i]) && same_without(i)) {
            lines.erase(lines.begin() + static_cast<std::ptrdiff_t>(i));
        } else {
            ++i;
        }
    }
    for (std::size_t i = 0; i < lines.size();) {
        if (is_empty_table(lines, i) && same_without(i)) {
            lines.erase(lines.begin() + static_cast<std::ptrdiff_t>(i));
        } else {
            ++i;
        }
    }
    // One blank line between tables, none at the start.
    std::vector<std::string> out;
    for (const auto& line : lines) {
        if (line.empty() && (out.empty() || out.back().empty())) continue;
        out.push_back(line);
    }
    while (!out.empty() && out.back().empty()) out.pop_back();
    return join(out, out.size());
}

}  // namespace vpnsim::scenario
