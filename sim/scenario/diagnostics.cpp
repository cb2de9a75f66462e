#include "sim/scenario/diagnostics.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <tuple>

namespace vpnsim::scenario {

std::string Diagnostic::to_string() const {
    // A whole-file problem (TOML syntax, unreadable file) has no key: no empty "key:" column.
    if (key.empty()) return fmt::format("{}:{}:{}: {}", file, line, column, message);
    return fmt::format("{}:{}:{}: {}: {}", file, line, column, key, message);
}

namespace detail {
namespace {

bool same(const Diagnostic& a, const Diagnostic& b) {
    return std::tie(a.file, a.line, a.column, a.key, a.message) ==
           std::tie(b.file, b.line, b.column, b.key, b.message);
}

bool earlier(const Diagnostic& a, const Diagnostic& b) {
    return std::tie(a.line, a.column) < std::tie(b.line, b.column);
}

}  // namespace

void Diagnostics::add(const toml::source_position& at, std::string key, std::string message) {
    add(static_cast<int>(at.line), static_cast<int>(at.column), std::move(key), std::move(message));
}

void Diagnostics::add(int line, int column, std::string key, std::string message) {
    items_.push_back(Diagnostic{file_, line, column, std::move(key), std::move(message)});
}

std::vector<Diagnostic> Diagnostics::take() {
    std::stable_sort(items_.begin(), items_.end(), earlier);
    std::vector<Diagnostic> out;
    for (auto& d : items_) {
        // Equal diagnostics share a position, so only the tail run at that position can match.
        auto it = out.rbegin();
        for (; it != out.rend() && !earlier(*it, d); ++it) {
            if (same(*it, d)) break;
        }
        if (it == out.rend() || earlier(*it, d)) out.push_back(std::move(d));
    }
    items_.clear();
    return out;
}

}  // namespace detail
}  // namespace vpnsim::scenario
