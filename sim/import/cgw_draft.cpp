#include "sim/import/cgw_draft.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <utility>

#include "sim/scenario/diagnostics.hpp"

namespace vpnsim::import {
namespace {

struct DialectName {
    Dialect dialect;
    std::string_view name;
};

constexpr std::array<DialectName, 6> kDialects{{
    {Dialect::Swanctl, "swanctl"},
    {Dialect::IpsecConf, "ipsec.conf"},
    {Dialect::IpsecSecrets, "ipsec.secrets"},
    {Dialect::Frr, "frr"},
    {Dialect::CiscoIos, "cisco-ios"},
    {Dialect::JunosSet, "junos"},
}};

std::string_view base_name(std::string_view path) {
    const auto slash = path.find_last_of('/');
    return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

bool ends_with(std::string_view s, std::string_view suffix) {
    return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// The file's first statements: lines with their leading blanks removed, comments ('#', '!',
// ';') and blank lines skipped.
std::vector<std::string_view> first_statements(std::string_view text, std::size_t count) {
    std::vector<std::string_view> out;
    while (!text.empty() && out.size() < count) {
        const auto end = text.find('\n');
        auto line = text.substr(0, end);
        text = end == std::string_view::npos ? std::string_view{} : text.substr(end + 1);
        const auto start = line.find_first_not_of(" \t\r");
        if (start == std::string_view::npos) continue;
        line = line.substr(start);
        if (line[0] == '#' || line[0] == '!' || line[0] == ';') continue;
        out.push_back(line);
    }
    return out;
}

bool starts_with(std::string_view s, std::string_view prefix) {
    return s.substr(0, prefix.size()) == prefix;
}

std::optional<Dialect> by_name(std::string_view file) {
    const auto name = base_name(file);
    if (name == "swanctl.conf" || ends_with(name, ".swanctl.conf")) return Dialect::Swanctl;
    if (name == "ipsec.conf" || ends_with(name, ".ipsec.conf")) return Dialect::IpsecConf;
    if (name == "ipsec.secrets" || ends_with(name, ".secrets")) return Dialect::IpsecSecrets;
    if (name == "frr.conf" || name == "bgpd.conf" || ends_with(name, ".frr.conf")) {
        return Dialect::Frr;
    }
    return std::nullopt;
}

}  // namespace

std::string_view to_string(Dialect d) {
    for (const auto& n : kDialects) {
        if (n.dialect == d) return n.name;
    }
    return "?";
}

std::optional<Dialect> parse_dialect(std::string_view name) {
    for (const auto& n : kDialects) {
        if (n.name == name) return n.dialect;
    }
    return std::nullopt;
}

std::optional<Dialect> detect_dialect(std::string_view file, std::string_view text) {
    if (const auto d = by_name(file)) return d;
    bool bgp = false;
    for (const auto line : first_statements(text, 200)) {
        if (starts_with(line, "set ")) return Dialect::JunosSet;
        if (starts_with(line, "crypto ") || starts_with(line, "interface Tunnel")) {
            return Dialect::CiscoIos;
        }
        if (starts_with(line, "connections") || starts_with(line, "secrets {")) {
            return Dialect::Swanctl;
        }
        if (starts_with(line, "conn ") || starts_with(line, "config setup")) {
            return Dialect::IpsecConf;
        }
        if (line.find(": PSK") != std::string_view::npos) return Dialect::IpsecSecrets;
        if (starts_with(line, "router bgp")) bgp = true;
    }
    if (bgp) return Dialect::Frr;
    return std::nullopt;
}

namespace detail {

std::string not_modelled(const std::string& file, int line, std::string_view what) {
    return fmt::format("{}:{}: {} not modelled", scenario::detail::printable(file), line,
                       scenario::detail::printable(what, kMaxWarningWords));
}

scenario::Diagnostic error_at(const std::string& file, SourcePos at, std::string_view key,
                              std::string_view message) {
    using scenario::detail::printable;
    return scenario::Diagnostic{file, at.line, at.column,
                                printable(key, scenario::detail::kMaxKeyPath),
                                printable(message, scenario::detail::kMaxMessage)};
}

std::string toml_list(const std::vector<std::string>& values) {
    std::string out = "[";
    for (std::size_t i = 0; i < values.size(); ++i) {
        if (i > 0) out += ", ";
        out += values[i];
    }
    out += "]";
    return out;
}

}  // namespace detail

}  // namespace vpnsim::import
