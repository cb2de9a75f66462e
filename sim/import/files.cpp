#include "sim/import/files.hpp"

#include <fmt/format.h>

#include <utility>
#include <variant>

#include "sim/import/aws_describe.hpp"
#include "sim/import/cgw_assemble.hpp"
#include "sim/import/cgw_draft.hpp"
#include "sim/import/template.hpp"
#include "sim/scenario/diagnostics.hpp"

namespace vpnsim::import {
namespace {

using scenario::Diagnostic;
using scenario::detail::printable;

scenario::LoadOptions size_limit(std::size_t max_file_bytes) {
    scenario::LoadOptions o;
    o.max_file_bytes = max_file_bytes;
    return o;
}

template <class T>
scenario::Resolved<T> failed(Diagnostic d) {
    scenario::Resolved<T> r;
    r.errors.push_back(std::move(d));
    return r;
}

// "junos:router.txt" -> (junos, "router.txt"); a path whose prefix names no dialect is a path.
std::pair<std::optional<Dialect>, std::string> split_spec(const std::string& spec) {
    const auto colon = spec.find(':');
    if (colon != std::string::npos) {
        if (const auto d = parse_dialect(spec.substr(0, colon))) {
            return {d, spec.substr(colon + 1)};
        }
    }
    return {std::nullopt, spec};
}

// Positions the reader found in the rendered text, brought back to the template's.
void to_template(CgwDraft& draft, const Rendered& rendered) {
    const auto back = [&](SourcePos& at) { at = rendered.original(at); };
    for (auto& s : draft.cgw) back(s.at);
    for (auto& t : draft.tunnels) {
        back(t.at);
        for (auto& s : t.settings) back(s.at);
    }
    for (auto& e : draft.errors) {
        SourcePos at{e.line, e.column};
        back(at);
        e.line = at.line;
        e.column = at.column;
    }
}

// One file read and its dialect found, or the diagnostic that stops it.
std::variant<CgwSource, Diagnostic> source_of(const std::string& spec, std::size_t max_file_bytes) {
    auto [named, path] = split_spec(spec);
    auto text = scenario::read_scenario_text(path, size_limit(max_file_bytes));
    if (auto* d = std::get_if<Diagnostic>(&text)) return std::move(*d);
    auto& content = std::get<std::string>(text);
    const auto dialect = named ? named : detect_dialect(path, content);
    if (!dialect) {
        return detail::error_at(
            path, {1, 1}, "",
            "cannot tell the configuration's dialect from its name or first lines; name it "
            "(swanctl.conf, ipsec.conf, ipsec.secrets, frr.conf, bgpd.conf) or prefix the path "
            "with its dialect: swanctl:, ipsec.conf:, ipsec.secrets:, frr:, cisco-ios:, junos:");
    }
    return CgwSource{std::move(path), *dialect, std::move(content)};
}

// One file's draft, its placeholders filled; or the diagnostics that stop it before its
// reader runs.
std::variant<CgwDraft, std::vector<Diagnostic>> draft_of(const CgwSource& source,
                                                         const TemplateValues& values) {
    auto rendered = render_template(source.text, source.path, values);
    if (auto* d = std::get_if<std::vector<Diagnostic>>(&rendered)) return std::move(*d);
    const auto& r = std::get<Rendered>(rendered);
    auto draft = read_cgw_config(source.dialect, r.text, source.path);
    to_template(draft, r);
    return draft;
}

}  // namespace

CgwDraft read_cgw_config(Dialect dialect, std::string_view text, const std::string& file) {
    switch (dialect) {
        case Dialect::Swanctl:
            return read_swanctl(text, file);
        case Dialect::IpsecConf:
            return read_ipsec_conf(text, file);
        case Dialect::IpsecSecrets:
            return read_ipsec_secrets(text, file);
        case Dialect::Frr:
            return read_frr(text, file);
        case Dialect::CiscoIos:
            return read_cisco_ios(text, file);
        case Dialect::JunosSet:
            return read_junos_set(text, file);
    }
    return CgwDraft{};
}

scenario::Resolved<scenario::Aws> read_aws_file(const std::string& path,
                                                const std::optional<std::string>& id,
                                                std::size_t max_file_bytes) {
    auto text = scenario::read_scenario_text(path, size_limit(max_file_bytes));
    if (auto* d = std::get_if<Diagnostic>(&text)) return failed<scenario::Aws>(std::move(*d));
    auto imported = read_aws_describe(std::get<std::string>(text), path,
                                      id ? std::optional<std::string_view>(*id) : std::nullopt);
    scenario::Resolved<scenario::Aws> r;
    if (auto* d = std::get_if<std::vector<Diagnostic>>(&imported)) {
        r.errors = std::move(*d);
        return r;
    }
    auto& result = std::get<AwsImport>(imported);
    r.warnings = std::move(result.warnings);
    if (result.connections.size() > 1) {
        std::string ids;
        for (const auto& c : result.connections) ids += (ids.empty() ? "" : ", ") + c.vpn_id;
        r.errors.push_back(detail::error_at(
            path, {1, 1}, "",
            fmt::format("has {} VPN connections ({}); choose one (connection = \"ID\", or "
                        "--connection ID)",
                        result.connections.size(), ids)));
        return r;
    }
    r.value = std::move(result.connections.front());
    return r;
}

std::variant<std::vector<CgwSource>, std::vector<Diagnostic>> read_cgw_sources(
    const std::vector<std::string>& specs, std::size_t max_file_bytes) {
    std::vector<CgwSource> sources;
    std::vector<Diagnostic> errors;
    for (const auto& spec : specs) {
        auto source = source_of(spec, max_file_bytes);
        if (auto* d = std::get_if<Diagnostic>(&source)) {
            errors.push_back(std::move(*d));
        } else {
            sources.push_back(std::get<CgwSource>(std::move(source)));
        }
    }
    if (!errors.empty()) return errors;
    return sources;
}

scenario::Resolved<scenario::Cgw> cgw_from_sources(const std::vector<CgwSource>& sources,
                                                   const scenario::Aws& aws) {
    scenario::Resolved<scenario::Cgw> r;
    const auto values = template_values(aws);
    std::vector<CgwDraft> drafts;
    for (const auto& source : sources) {
        auto draft = draft_of(source, values);
        if (auto* d = std::get_if<std::vector<Diagnostic>>(&draft)) {
            r.errors.insert(r.errors.end(), d->begin(), d->end());
        } else {
            drafts.push_back(std::get<CgwDraft>(std::move(draft)));
        }
    }
    if (!r.errors.empty()) return r;
    auto assembled = assemble_cgw(aws, drafts);
    if (auto* d = std::get_if<std::vector<Diagnostic>>(&assembled)) {
        r.errors = std::move(*d);
        return r;
    }
    auto& a = std::get<AssembledCgw>(assembled);
    r.value = std::move(a.cgw);
    r.warnings = std::move(a.warnings);
    return r;
}

scenario::Resolved<scenario::Cgw> read_cgw_files(const std::vector<std::string>& specs,
                                                 const scenario::Aws& aws,
                                                 std::size_t max_file_bytes) {
    auto sources = read_cgw_sources(specs, max_file_bytes);
    if (auto* d = std::get_if<std::vector<Diagnostic>>(&sources)) {
        scenario::Resolved<scenario::Cgw> r;
        r.errors = std::move(*d);
        return r;
    }
    return cgw_from_sources(std::get<std::vector<CgwSource>>(sources), aws);
}

scenario::References file_references(std::size_t max_file_bytes) {
    scenario::References refs;
    refs.aws = [max_file_bytes](const std::string& path, const std::optional<std::string>& id) {
        return read_aws_file(path, id, max_file_bytes);
    };
    refs.cgw = [max_file_bytes](const std::vector<std::string>& paths, const scenario::Aws& aws) {
        return read_cgw_files(paths, aws, max_file_bytes);
    };
    return refs;
}

}  // namespace vpnsim::import
