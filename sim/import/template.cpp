#include "sim/import/template.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "sim/import/generic_cgw.hpp"
#include "sim/scenario/diagnostics.hpp"
#include "sim/scenario/suggest.hpp"

namespace vpnsim::import {
namespace {

constexpr std::uint32_t kDefaultCgwAsn = 65000;  // the loader's cgw.asn default

bool name_char(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == '.';
}

std::string_view trimmed(std::string_view s) {
    const auto first = s.find_first_not_of(" \t");
    if (first == std::string_view::npos) return {};
    const auto last = s.find_last_not_of(" \t");
    return s.substr(first, last - first + 1);
}

// Renders one line at a time; problems collected, not thrown.
class Renderer {
  public:
    Renderer(const std::string& file, const TemplateValues& values)
        : file_(file), values_(values) {}

    void line(std::string_view text, int number);
    void newline() {
        out_.text += '\n';
        line_start_ = out_.text.size();
    }
    std::variant<Rendered, std::vector<scenario::Diagnostic>> result() &&;

  private:
    void error(int line, std::size_t column, std::string_view key, std::string message) {
        errors_.push_back(
            detail::error_at(file_, {line, static_cast<int>(column) + 1}, key, message));
    }
    // The value of a placeholder's inside, or why there is none.
    std::variant<std::string, std::string> value_of(std::string_view inside) const;

    int column_now() const { return static_cast<int>(out_.text.size() - line_start_) + 1; }

    const std::string& file_;
    const TemplateValues& values_;
    Rendered out_;
    std::size_t line_start_{0};  // where the current line starts in out_.text
    std::vector<scenario::Diagnostic> errors_;
};

std::variant<std::string, std::string> Renderer::value_of(std::string_view inside) const {
    using Result = std::variant<std::string, std::string>;
    const auto name = trimmed(inside);
    if (name.find('|') != std::string_view::npos) {
        return Result(std::in_place_index<1>,
                      "Jinja filters are not supported; write the "
                      "placeholder alone, {{ name }}");
    }
    if (name.empty() || !std::all_of(name.begin(), name.end(), name_char)) {
        return Result(std::in_place_index<1>, fmt::format("'{}' is not a placeholder name",
                                                          scenario::detail::printable(name)));
    }
    if (const auto it = values_.find(name); it != values_.end()) {
        return Result(std::in_place_index<0>, it->second);
    }
    if (name.substr(0, 6) == "tunnel" && name.size() > 6 && name.find('.') != 6 &&
        values_.count(fmt::format("{}.outside_ip", name.substr(0, name.find('.')))) == 0 &&
        values_.count("tunnel1.outside_ip") > 0) {
        const auto tunnels = values_.count("tunnel2.outside_ip") > 0 ? 2 : 1;
        return Result(
            std::in_place_index<1>,
            fmt::format("unknown placeholder '{}': the connection has {} tunnel{}",
                        scenario::detail::printable(name), tunnels, tunnels == 1 ? "" : "s"));
    }
    std::vector<std::string_view> names;
    for (const auto& [known, value] : values_) names.push_back(known);
    auto message = fmt::format("unknown placeholder '{}'", scenario::detail::printable(name));
    if (const auto near = scenario::detail::closest_match(name, names)) {
        message += fmt::format("; did you mean '{}'?", *near);
    }
    return Result(std::in_place_index<1>, std::move(message));
}

void Renderer::line(std::string_view text, int number) {
    std::size_t i = 0;
    while (i < text.size()) {
        const auto open = text.find('{', i);
        if (open == std::string_view::npos || open + 1 >= text.size()) break;
        const char kind = text[open + 1];
        if (kind != '{' && kind != '#' && kind != '%') {
            out_.text.append(text.substr(i, open + 1 - i));
            i = open + 1;
            continue;
        }
        out_.text.append(text.substr(i, open - i));
        const std::string_view close = kind == '{' ? "}}" : kind == '#' ? "#}" : "%}";
        const auto end = text.find(close, open + 2);
        if (end == std::string_view::npos) {
            error(
                number, open, text.substr(open, 2),
                fmt::format("'{}' is not closed on its line by '{}'", text.substr(open, 2), close));
            return;
        }
        const auto whole = text.substr(open, end + 2 - open);
        if (kind == '%') {
            error(number, open, whole,
                  "Jinja statements ({% ... %}) are not supported: render the template's logic "
                  "first, or keep one template per variant");
        } else if (kind == '{') {
            auto value = value_of(text.substr(open + 2, end - open - 2));
            if (auto* why = std::get_if<1>(&value)) {
                error(number, open, trimmed(text.substr(open + 2, end - open - 2)),
                      std::move(*why));
            } else {
                const auto& v = std::get<0>(value);
                out_.replacements.push_back({number, column_now(), static_cast<int>(v.size()),
                                             static_cast<int>(open) + 1,
                                             static_cast<int>(whole.size())});
                out_.text += v;
            }
        } else {
            out_.replacements.push_back({number, column_now(), 0, static_cast<int>(open) + 1,
                                         static_cast<int>(whole.size())});
        }
        i = end + 2;
    }
    if (i < text.size()) out_.text.append(text.substr(i));
}

std::variant<Rendered, std::vector<scenario::Diagnostic>> Renderer::result() && {
    if (!errors_.empty()) return std::move(errors_);
    return std::move(out_);
}

}  // namespace

TemplateValues template_values(const scenario::Aws& aws, net::Ipv4Addr cgw_outside_ip,
                               std::uint32_t cgw_asn) {
    TemplateValues v;
    for (std::size_t i = 0; i < aws.tunnels.size(); ++i) {
        const auto& t = aws.tunnels[i];
        const auto prefix = fmt::format("tunnel{}.", i + 1);
        v[prefix + "outside_ip"] = t.outside_ip.to_string();
        v[prefix + "inside_cidr"] = t.inside_cidr.to_string();
        v[prefix + "aws_inside_ip"] = t.inside_cidr.nth(1).to_string();
        v[prefix + "cgw_inside_ip"] = t.inside_cidr.nth(2).to_string();
        v[prefix + "psk"] = t.psk;
    }
    v["aws.asn"] = std::to_string(aws.asn);
    v["cgw.asn"] = std::to_string(cgw_asn);
    v["cgw.outside_ip"] = cgw_outside_ip.to_string();
    v["vpc.cidr"] = aws.vpc_cidr.to_string();
    v["vpn.id"] = aws.vpn_id;
    return v;
}

TemplateValues template_values(const scenario::Aws& aws) {
    return template_values(aws, cgw_outside_ip(aws),
                           aws.customer_gateway_asn.value_or(kDefaultCgwAsn));
}

SourcePos Rendered::original(SourcePos rendered) const {
    int shift = 0;
    for (const auto& r : replacements) {
        if (r.line != rendered.line || r.rendered_column > rendered.column) continue;
        if (rendered.column < r.rendered_column + r.rendered_length) {
            return {rendered.line, r.template_column};
        }
        shift = r.template_column + r.template_length - (r.rendered_column + r.rendered_length);
    }
    return {rendered.line, rendered.column + shift};
}

std::variant<Rendered, std::vector<scenario::Diagnostic>> render_template(
    std::string_view text, const std::string& file, const TemplateValues& values) {
    Renderer renderer(file, values);
    int number = 1;
    while (true) {
        const auto end = text.find('\n');
        renderer.line(text.substr(0, end), number);
        if (end == std::string_view::npos) break;
        text.remove_prefix(end + 1);
        ++number;
        renderer.newline();
    }
    return std::move(renderer).result();
}

}  // namespace vpnsim::import
