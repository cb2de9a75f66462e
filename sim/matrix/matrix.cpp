#include "sim/matrix/matrix.hpp"

#include <fmt/format.h>
#include <toml++/toml.h>

#include <utility>

#include "sim/fix/search.hpp"
#include "sim/import/files.hpp"
#include "sim/import/generic_cgw.hpp"
#include "sim/scenario/diagnostics.hpp"
#include "sim/scenario/patch.hpp"
#include "sim/scenario/writer.hpp"

namespace vpnsim::matrix {
namespace {

using scenario::Diagnostic;
using scenario::detail::printable;

import::SourcePos position(const toml::node& n){
    return {static_cast<int>(n.source().begin.line), static_cast<int>(n.source().begin.column)};
}  // namespace

// A value as TOML text, and as a table cell; nullopt for what a scenario key never takes.
struct Text {
    std::string toml;
    std::string label;
};

std::optional<Text> text_of(const toml::node& n, int depth = 0) {
    if (depth > 3) return std::nullopt;
    if (const auto* s = n.as_string()) {
        return Text{scenario::toml_basic_string(s->get()), printable(s->get(), 24)};
    }
    if (const auto* i = n.as_integer())
        return Text{std::to_string(i->get()), std::to_string(i->get())};
    if (const auto* b = n.as_boolean()) {
        return Text{b->get() ? "true" : "false", b->get() ? "true" : "false"};
    }
    if (const auto* f = n.as_floating_point()) {
        auto t = fmt::format("{}", f->get());
        if (t.find_first_of(".eEn") == std::string::npos) t += ".0";
        return Text{t, fmt::format("{}", f->get())};
    }
    if (const auto* a = n.as_array()) {
        Text out{"[", ""};
        for (std::size_t i = 0; i < a->size(); ++i) {
            const auto e = text_of(*a->get(i), depth + 1);
            if (!e) return std::nullopt;
            out.toml += (i > 0 ? ", " : "") + e->toml;
            out.label += (i > 0 ? "," : "") + e->label;
        }
        out.toml += "]";
        return out;
    }
    if (const auto* t = n.as_table()) {
        Text out{"{ ", ""};
        bool first = true;
        for (const auto& [k, v] : *t) {
            const auto e = text_of(v, depth + 1);
            if (!e) return std::nullopt;
            out.toml += fmt::format("{}{} = {}", first ? "" : ", ", k.str(), e->toml);
            out.label += fmt::format("{}{}={}", first ? "" : ",", k.str(), e->label);
            first = false;
        }
        out.toml += " }";
        return out;
    }
    return std::nullopt;
}

// The [matrix] table's axes, in the file's order of lines.
std::vector<Axis> read_axes(const toml::table& matrix, const std::string& file,
                            std::vector<Diagnostic>& errors) {
    std::vector<Axis> axes;
    for (const auto& [k, v] : matrix) {
        const std::string key(k.str());
        const auto at = position(v);
        const auto fail = [&](import::SourcePos where, std::string message) {
            errors.push_back(import::detail::error_at(file, where, "matrix." + key, message));
        };
        if (key.rfind("aws.", 0) != 0 && key.rfind("path.", 0) != 0) {
            fail(at,
                 "an axis is an [aws] or [path] key (\"aws.routing\", "
                 "\"aws.tunnel[*].ike_versions\", \"path.nat\"); the CGW is the templates'");
            continue;
        }
        const auto* list = v.as_array();
        if (list == nullptr || list->empty()) {
            fail(at, "expected a non-empty list of the values to try");
            continue;
        }
        Axis axis{key, {}, {}, {}};
        for (const auto& e : *list) {
            const auto t = text_of(e);
            if (!t) {
                fail(position(e), "not a value a scenario key takes");
                continue;
            }
            axis.values.push_back(t->toml);
            axis.labels.push_back(t->label);
            axis.at.push_back(position(e));
        }
        axes.push_back(std::move(axis));
    }
    std::sort(axes.begin(), axes.end(), [](const Axis& a, const Axis& b) {
        return std::pair(a.at.front().line, a.at.front().column) <
               std::pair(b.at.front().line, b.at.front().column);
    });
    return axes;
}

std::vector<std::size_t> choice_of(const Spec& spec, std::size_t index) {
    std::vector<std::size_t> choice(spec.axes.size());
    for (std::size_t i = spec.axes.size(); i-- > 0;) {
        choice[i] = index % spec.axes[i].values.size();
        index /= spec.axes[i].values.size();
    }
    return choice;
}

// "ike_versions=ikev2 nat=pat": each axis by its last key component.
std::string case_name(const Spec& spec, const std::vector<std::size_t>& choice) {
    std::string name;
    for (std::size_t i = 0; i < spec.axes.size(); ++i) {
        const auto& key = spec.axes[i].key;
        name += fmt::format("{}{}={}", i > 0 ? " " : "", key.substr(key.rfind('.') + 1),
                            spec.axes[i].labels[choice[i]]);
    }
    return name.empty() ? std::string("base") : name;
}

// The case's scenario: the base with each axis value set (the CGW is filled in afterwards).
std::variant<scenario::Scenario, std::vector<Diagnostic>> case_scenario(
    const Spec& spec, const std::vector<std::size_t>& choice) {
    auto text = spec.base_toml;
    std::vector<Diagnostic> errors;
    for (std::size_t i = 0; i < spec.axes.size(); ++i) {
        const auto& axis = spec.axes[i];
        if (const auto why = scenario::set_key(text, axis.key, axis.values[choice[i]])) {
            errors.push_back(import::detail::error_at(spec.file, axis.at[choice[i]],
                                                      "matrix." + axis.key, *why));
        }
    }
    if (!errors.empty()) return errors;
    auto loaded = scenario::load_string(text, spec.file);
    if (loaded.scenario) return scenario::without_position(std::move(*loaded.scenario));
    // The loader names the key it refused: the axis that set it (else the first axis).
    for (const auto& d : loaded.diagnostics) {
        std::size_t which = 0;
        for (std::size_t i = 0; i < spec.axes.size(); ++i) {
            const auto& key = spec.axes[i].key;
            const auto star = key.find("[*]");
            const auto prefix = star == std::string::npos ? key : key.substr(0, star);
            if (d.key.rfind(prefix, 0) == 0) which = i;
        }
        const auto& axis = spec.axes.empty() ? Axis{} : spec.axes[which];
        const auto at = axis.at.empty() ? import::SourcePos{1, 1} : axis.at[choice[which]];
        errors.push_back(import::detail::error_at(spec.file, at, "matrix." + axis.key,
                                                  fmt::format("{}: {}", d.key, d.message)));
    }
    return errors;
}

}  // namespace vpnsim::matrix

std::size_t Spec::cases() const {
    std::size_t n = 1;
    for (const auto& a : axes) n *= a.values.size();
    return n;
}

Loaded load_spec(const std::string& file, const std::vector<std::string>& templates,
                 const scenario::LoadOptions& options) {
    Loaded out;
    auto with_matrix = options;
    with_matrix.caller_tables.push_back("matrix");
    with_matrix.cgw_from_caller = true;
    auto text = scenario::read_scenario_text(file, options);
    if (auto* d = std::get_if<Diagnostic>(&text)) {
        out.errors.push_back(std::move(*d));
        return out;
    }
    const auto& content = std::get<std::string>(text);
    auto base = scenario::load_string(content, file, with_matrix);
    out.warnings = std::move(base.warnings);
    if (!base.scenario) {
        out.errors = std::move(base.diagnostics);
        return out;
    }
    // The text loaded, so toml++ reads it safely (the loader's pre-pass let it through).
    const auto root = toml::parse(content);
    Spec spec{file, std::move(*base.scenario), {}, templates, {}, {}};
    if (const auto* matrix = root["matrix"].as_table()) {
        spec.axes = read_axes(*matrix, file, out.errors);
    } else if (root.contains("matrix")) {
        out.errors.push_back(import::detail::error_at(file, position(*root.get("matrix")), "matrix",
                                                      "expected a table of axes"));
    }
    if (spec.cases() > kMaxCases) {
        out.errors.push_back(
            import::detail::error_at(file, {1, 1}, "matrix",
                                     fmt::format("{} combinations; at most {} (split the matrix)",
                                                 spec.cases(), kMaxCases)));
    }
    // Each case's text: the base written out once, with a valid [cgw] for it to load (the
    // case's CGW replaces it).
    auto written = spec.base;
    written.cgw = import::generic_scenario(written.aws).cgw;
    spec.base_toml = scenario::to_toml(written);
    auto sources = import::read_cgw_sources(templates, options.max_file_bytes);
    if (auto* d = std::get_if<std::vector<Diagnostic>>(&sources)) {
        out.errors.insert(out.errors.end(), d->begin(), d->end());
        return out;
    }
    spec.sources = std::get<std::vector<import::CgwSource>>(std::move(sources));
    auto cgw = import::cgw_from_sources(spec.sources, spec.base.aws);
    out.warnings.insert(out.warnings.end(), cgw.warnings.begin(), cgw.warnings.end());
    out.errors.insert(out.errors.end(), cgw.errors.begin(), cgw.errors.end());
    if (out.errors.empty()) out.spec = std::move(spec);
    return out;
}

CaseResult run_case(const Spec& spec, std::size_t index, const RunOptions& run) {
    CaseResult out;
    out.index = index;
    out.choice = choice_of(spec, index);
    out.name = case_name(spec, out.choice);
    auto built = case_scenario(spec, out.choice);
    if (auto* e = std::get_if<std::vector<Diagnostic>>(&built)) {
        out.errors = std::move(*e);
        return out;
    }
    auto s = std::get<scenario::Scenario>(std::move(built));
    auto cgw = import::cgw_from_sources(spec.sources, s.aws);
    if (!cgw.value) {
        out.errors = std::move(cgw.errors);
        return out;
    }
    s.cgw = std::move(*cgw.value);
    out.verdict = diagnose::judge(s);
    if (!out.verdict.passed && out.verdict.complete && run.search_fixes) {
        out.fix_searched = true;
        const auto found = fix::search(s, run.fix_budget);
        if (!found.minimal.empty()) {
            std::vector<std::string> codes;
            for (const auto f : found.minimal.front().fixes) {
                codes.emplace_back(fix::catalogue()[f].code);
            }
            out.cheapest_fix = std::move(codes);
        }
    }
    return out;
}

}  // namespace vpnsim::matrix
