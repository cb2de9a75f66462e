#include "sim/report/what_if.hpp"

#include <fmt/format.h>

#include <toml++/toml.h>
#include <algorithm>
#include <set>

#include "sim/fix/catalogue.hpp"
#include "sim/run/reachability.hpp"
#include "sim/scenario/patch.hpp"
#include "sim/scenario/suggest.hpp"
#include "sim/scenario/writer.hpp"

namespace vpnsim::report {
namespace {

bool plain_ascii(std::string_view s) {
    return std::all_of(s.begin(), s.end(), [](char c) { return c >= 0x20 && c < 0x7f; });
}

bool is_toml_value(std::string_view v) {
    if (v.empty() || !plain_ascii(v)) return false;
    try {
        (void)toml::parse("v = " + std::string(v) + "\n");
        return true;
    } catch (const toml::parse_error&) {
        return false;
    }
}

std::string quoted(std::string_view v) {
    std::string out = "\"";
    for (const char c : v) {
        if (c == '"' || c == '\\') out += '\\';
        out += c;
    }
    return out + '"';
}

scenario::Diagnostic setting_error(const Setting& s, std::string key, std::string message) {
    scenario::Diagnostic d;
    d.file = "--set " + s.argument;
    d.line = 1;
    d.column = static_cast<int>(s.argument.find('=')) + 2;  // the value's first character
    d.key = std::move(key);
    d.message = std::move(message);
    return d;
}

std::string tunnel_cell(const run::TunnelResult& t) {
    return fmt::format("{:<5} {}", t.status.status(), t.status.message);
}

}  // namespace

std::optional<Setting> parse_setting(std::string_view argument) {
    const auto eq = argument.find('=');
    if (eq == std::string_view::npos || eq == 0) return std::nullopt;
    Setting s;
    s.argument = std::string(argument);
    s.key = std::string(argument.substr(0, eq));
    const auto value = argument.substr(eq + 1);
    s.value = is_toml_value(value) ? std::string(value) : quoted(value);
    return s;
}

std::variant<scenario::Scenario, std::vector<scenario::Diagnostic>> changed_scenario(
    const scenario::Scenario& s, const std::vector<std::string>& fixes,
    const std::vector<Setting>& settings) {
    std::vector<scenario::Diagnostic> errors;
    const auto& cat = fix::catalogue();
    std::vector<std::size_t> chosen;
    for (const auto& code : fixes) {
        const auto it =
            std::find_if(cat.begin(), cat.end(), [&](const fix::Fix& f) { return f.code == code; });
        if (it == cat.end()) {
            std::vector<std::string_view> codes;
            for (const auto& f : cat) codes.push_back(f.code);
            scenario::Diagnostic d;
            d.file = "--fix " + code;
            d.line = d.column = 1;
            d.key = "fix";
            d.message = "not a fix in the catalogue";
            if (const auto near = scenario::detail::closest_match(code, codes)) {
                d.message += fmt::format("; did you mean '{}'?", *near);
            }
            errors.push_back(std::move(d));
            continue;
        }
        chosen.push_back(static_cast<std::size_t>(it - cat.begin()));
    }
    if (!errors.empty()) return errors;
    std::sort(chosen.begin(), chosen.end());
    chosen.erase(std::unique(chosen.begin(), chosen.end()), chosen.end());
    auto fixed = s;
    for (const auto i : chosen) {
        if (cat[i].applicable(fixed)) cat[i].apply(fixed);
    }
    if (settings.empty()) return fixed;
    auto text = scenario::to_toml(fixed);
    for (const auto& st : settings) {
        if (const auto why = scenario::set_key(text, st.key, st.value)) {
            errors.push_back(setting_error(st, st.key, *why));
        }
    }
    if (!errors.empty()) return errors;
    auto loaded = scenario::load_string(text, "(what-if)");
    if (loaded.scenario) return scenario::without_position(std::move(*loaded.scenario));
    // The loader names the key it refused: the setting that set it (else the last one).
    for (const auto& d : loaded.diagnostics) {
        const Setting* which = &settings.back();
        for (const auto& st : settings) {
            const auto star = st.key.find("[*]");
            const auto prefix = star == std::string::npos ? st.key : st.key.substr(0, star);
            if (d.key.rfind(prefix, 0) == 0) which = &st;
        }
        errors.push_back(setting_error(*which, d.key, d.message));
    }
    return errors;
}

std::optional<std::size_t> first_divergence(const kernel::Trace& a, const kernel::Trace& b) {
    const auto& ra = a.records();
    const auto& rb = b.records();
    const auto n = std::min(ra.size(), rb.size());
    for (std::size_t i = 0; i < n; ++i) {
        if (kernel::format_record(ra[i]) != kernel::format_record(rb[i])) return i;
    }
    if (ra.size() != rb.size()) return n;
    return std::nullopt;
}

std::string what_if_text(const std::string& source, const std::vector<std::string>& changes,
                         const Replay& before, const Replay& after) {
    std::string out = fmt::format("what-if: {}\n", source);
    for (std::size_t i = 0; i < changes.size(); ++i) {
        out += fmt::format("{:<9}{}\n", i == 0 ? "changes:" : "", changes[i]);
    }
    if (changes.empty()) out += "changes: (none)\n";
    out +=
        fmt::format("\n{:<7} {:<15} {:<32} {}\n", "TUNNEL", "OUTSIDE IP", "AS WRITTEN", "CHANGED");
    const auto& tb = before.result.tunnels;
    const auto& ta = after.result.tunnels;
    for (std::size_t i = 0; i < std::max(tb.size(), ta.size()); ++i) {
        const auto* b = i < tb.size() ? &tb[i] : nullptr;
        const auto* a = i < ta.size() ? &ta[i] : nullptr;
        const auto* any = b != nullptr ? b : a;
        const auto cell_b = b != nullptr ? tunnel_cell(*b) : std::string("-");
        const auto cell_a = a != nullptr ? tunnel_cell(*a) : std::string("-");
        out += fmt::format("{:<7} {:<15} {:<32} {}{}\n", any->number, any->outside_ip.to_string(),
                           cell_b, cell_a, cell_a == cell_b ? "" : "   <- changed");
    }
    out += fmt::format("\nas written: {}\nchanged:    {}\n",
                       run::reachability_line(before.diagnosis.reach),
                       run::reachability_line(after.diagnosis.reach));
    const auto& t0 = before.result.trace;
    const auto& t1 = after.result.trace;
    if (const auto at = first_divergence(t0, t1)) {
        const auto line = [](const kernel::Trace& t, std::size_t i) {
            return i < t.records().size() ? kernel::format_record(t.records()[i])
                                          : std::string("(the trace ends here)");
        };
        out += fmt::format(
            "\nfirst difference in the trace, record {}:\n  as written: {}\n"
            "  changed:    {}\n",
            *at + 1, line(t0, *at), line(t1, *at));
    } else {
        out += "\nthe two runs' traces are identical\n";
    }
    std::set<std::string> was;
    std::set<std::string> now;
    for (const auto& c : before.diagnosis.causes) was.insert(c.code);
    for (const auto& c : after.diagnosis.causes) now.insert(c.code);
    const auto list = [&](const char* title, const diagnose::Diagnosis& d, const auto& keep) {
        std::string lines;
        for (const auto& c : d.causes) {
            if (keep(c.code)) lines += fmt::format("  {:<36} {}\n", c.code, c.title);
        }
        out += fmt::format("\n{}\n{}", title, lines.empty() ? "  (none)\n" : lines);
    };
    list("causes gone:", before.diagnosis, [&](const std::string& c) { return now.count(c) == 0; });
    list("causes new:", after.diagnosis, [&](const std::string& c) { return was.count(c) == 0; });
    list("causes in both:", after.diagnosis,
         [&](const std::string& c) { return was.count(c) != 0; });
    out += fmt::format("\nverdict: {}\n", after.diagnosis.healthy()
                                              ? "the changed scenario is healthy end to end"
                                              : "the changed scenario is NOT healthy");
    return out;
}

}  // namespace vpnsim::report
