// The matrix's table and its JUnit XML (matrix.hpp).
#include <fmt/format.h>

#include <algorithm>

#include "sim/matrix/matrix.hpp"
#include "sim/report/markup.hpp"
#include "sim/scenario/diagnostics.hpp"

namespace vpnsim::matrix {
namespace {

std::string joined(const std::vector<std::string>& items, std::string_view separator) {
    std::string out;
    for (std::size_t i = 0; i < items.size(); ++i) {
        out += (i > 0 ? std::string(separator) : std::string()) + items[i];
    }
    return out;
}

std::string_view verdict(const CaseResult& r) {
    if (!r.errors.empty()) return "ERROR";
    if (!r.verdict.complete) return "INCOMPLETE";
    return r.verdict.passed ? "PASS" : "FAIL";
}

std::string fix_text(const CaseResult& r) {
    if (!r.fix_searched) return "";
    if (!r.cheapest_fix) return "(none proved)";
    return joined(*r.cheapest_fix, " + ");
}

// XML 1.0 text (sim/report/markup.hpp: the five escapes; C0 controls but tab, newline and
// carriage return, which XML cannot carry, as U+FFFD).
std::string xml(std::string_view s) {
    return report::escaped(s);
}

std::string failure_message(const CaseResult& r) {
    const auto& causes = r.verdict.causes;
    std::string m = causes.empty() ? std::string("no cause named") : joined(causes, ", ");
    if (r.fix_searched) m += "; cheapest fix: " + fix_text(r);
    return m;
}

std::string failure_body(const CaseResult& r) {
    std::string body;
    const auto& v = r.verdict;
    for (const auto& t : v.tunnels) body += "tunnel " + t + "\n";
    body += v.reachability + "\n";
    for (std::size_t i = 0; i < v.causes.size(); ++i) {
        body += fmt::format("cause {}: {}\n", v.causes[i], v.cause_titles[i]);
    }
    if (r.fix_searched) body += "cheapest fix (proved by simulation): " + fix_text(r) + "\n";
    return body;
}

}  // namespace

std::string table(const Spec& spec, const std::vector<CaseResult>& results) {
    std::vector<std::string> headers{"#"};
    for (const auto& a : spec.axes) headers.push_back(a.key.substr(a.key.rfind('.') + 1));
    headers.insert(headers.end(), {"result", "causes", "cheapest fix"});
    std::vector<std::vector<std::string>> rows;
    for (const auto& r : results) {
        std::vector<std::string> row{std::to_string(r.index + 1)};
        for (std::size_t i = 0; i < spec.axes.size(); ++i) {
            row.push_back(spec.axes[i].labels[r.choice[i]]);
        }
        row.emplace_back(verdict(r));
        row.push_back(r.errors.empty() ? joined(r.verdict.causes, ", ") : r.errors.front().message);
        row.push_back(fix_text(r));
        rows.push_back(std::move(row));
    }
    std::vector<std::size_t> width(headers.size());
    for (std::size_t c = 0; c < headers.size(); ++c) {
        width[c] = headers[c].size();
        for (const auto& row : rows) width[c] = std::max(width[c], row[c].size());
    }
    const auto line = [&](const std::vector<std::string>& cells) {
        std::string out;
        for (std::size_t c = 0; c < cells.size(); ++c) {
            out += c + 1 == cells.size() ? cells[c] : fmt::format("{:<{}}  ", cells[c], width[c]);
        }
        while (!out.empty() && out.back() == ' ') out.pop_back();
        return out + "\n";
    };
    std::string out = line(headers);
    for (const auto& row : rows) out += line(row);
    const auto passed = std::count_if(results.begin(), results.end(),
                                      [](const CaseResult& r) { return verdict(r) == "PASS"; });
    out += fmt::format("\n{} of {} cases pass (template{}: {})\n", passed, results.size(),
                       spec.templates.size() == 1 ? "" : "s", joined(spec.templates, ", "));
    return out;
}

std::string junit(const Spec& spec, const std::vector<CaseResult>& results) {
    const auto count = [&](std::string_view v) {
        return std::count_if(results.begin(), results.end(),
                             [&](const CaseResult& r) { return verdict(r) == v; });
    };
    const auto suite = xml(spec.base.name);
    std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    out += fmt::format(
        "<testsuites name=\"vpnsim matrix\" tests=\"{}\" failures=\"{}\" "
        "errors=\"{}\">\n",
        results.size(), count("FAIL") + count("INCOMPLETE"), count("ERROR"));
    out += fmt::format(
        "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"{}\" "
        "skipped=\"0\">\n",
        suite, results.size(), count("FAIL") + count("INCOMPLETE"), count("ERROR"));
    out += "    <properties>\n";
    out += fmt::format("      <property name=\"matrix\" value=\"{}\"/>\n", xml(spec.file));
    for (const auto& t : spec.templates) {
        out += fmt::format("      <property name=\"template\" value=\"{}\"/>\n", xml(t));
    }
    out += "    </properties>\n";
    for (const auto& r : results) {
        out += fmt::format("    <testcase classname=\"{}\" name=\"{}\">\n", suite,
                           xml(fmt::format("{}: {}", r.index + 1, r.name)));
        const auto v = verdict(r);
        if (v == "ERROR") {
            std::string body;
            for (const auto& e : r.errors) body += e.to_string() + "\n";
            out += fmt::format("      <error message=\"{}\">{}</error>\n",
                               xml(r.errors.front().to_string()), xml(body));
        } else if (v == "INCOMPLETE") {
            out += "      <failure message=\"the run spent its event budget: no verdict\"/>\n";
        } else if (v == "FAIL") {
            out += fmt::format("      <failure message=\"{}\">{}</failure>\n",
                               xml(failure_message(r)), xml(failure_body(r)));
        }
        if (!r.verdict.evidence.empty()) {
            out += fmt::format("      <system-out>{}</system-out>\n",
                               xml(joined(r.verdict.evidence, "\n") + "\n"));
        }
        out += "    </testcase>\n";
    }
    out += "  </testsuite>\n</testsuites>\n";
    return out;
}

}  // namespace vpnsim::matrix
