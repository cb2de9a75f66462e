#include "sim/scenario/diagnostics.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <iterator>
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

bool is_printable(std::string_view text) {
    return std::none_of(text.begin(), text.end(), [](char ch) {
        const auto c = static_cast<unsigned char>(ch);
        return c < 0x20 || c == 0x7F;
    });
}

}  // namespace

std::string printable(std::string_view text, std::size_t max_bytes) {
    std::size_t cut = text.size();
    if (cut > max_bytes) {
        cut = max_bytes;
        // Back up to the start of a UTF-8 sequence (not onto a continuation byte 10xxxxxx).
        while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    }
    std::string out;
    out.reserve(cut + 16);
    for (std::size_t i = 0; i < cut; ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c < 0x20 || c == 0x7F) {
            fmt::format_to(std::back_inserter(out), "\\x{:02x}", c);
        } else {
            out += static_cast<char>(c);
        }
    }
    if (cut < text.size()) fmt::format_to(std::back_inserter(out), "...({} bytes)", text.size());
    return out;
}

void Diagnostics::add(const toml::source_position& at, std::string key, std::string message) {
    add(static_cast<int>(at.line), static_cast<int>(at.column), std::move(key), std::move(message));
}

void Diagnostics::add(int line, int column, std::string key, std::string message) {
    if (key.size() > kMaxKeyPath || !is_printable(key)) key = printable(key, kMaxKeyPath);
    if (message.size() > kMaxMessage || !is_printable(message)) {
        message = printable(message, kMaxMessage);
    }
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
