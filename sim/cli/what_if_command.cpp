// `vpnsim what-if`: a scenario replayed as written and with changes, and the difference.
#include <fmt/format.h>

#include "sim/cli/commands.hpp"
#include "sim/fix/catalogue.hpp"
#include "sim/report/html_report.hpp"
#include "sim/report/replay.hpp"
#include "sim/report/what_if.hpp"
#include "sim/report/write_file.hpp"
#include "sim/scenario/diagnostics.hpp"
#include "sim/scenario/loader.hpp"

namespace vpnsim::cli {

int cmd_what_if(const Args& a) {
    if (a.positional.size() != 1)
        return usage_error("what-if", "expects exactly one scenario FILE");
    const auto fixes = a.list("fix");
    std::vector<report::Setting> settings;
    for (const auto& arg : a.list("set")) {
        const auto st = report::parse_setting(arg);
        if (!st) {
            return usage_error("what-if", fmt::format("--set takes KEY=VALUE, got '{}'",
                                                      scenario::detail::printable(arg)));
        }
        settings.push_back(*st);
    }
    if (fixes.empty() && settings.empty()) {
        return usage_error("what-if", "give at least one change: --set KEY=VALUE or --fix CODE");
    }
    auto in = report_input("what-if", a);
    if (!in) return kExitBadInput;
    const auto& o = in->options;
    const auto* s = &in->scenario;
    const auto& limits = in->limits;
    auto changed = report::changed_scenario(*s, fixes, settings);
    if (auto* errors = std::get_if<std::vector<scenario::Diagnostic>>(&changed)) {
        for (const auto& d : *errors) fmt::print(stderr, "{}\n", d.to_string());
        return kExitBadInput;
    }
    const auto& after_s = std::get<scenario::Scenario>(changed);
    const auto budget = a.get("report") ? o.fix_budget : 0;
    const auto before = report::replay(*s, limits, budget);
    const auto after = report::replay(after_s, limits, budget);
    std::vector<std::string> changes;
    for (const auto& f : fixes) {
        std::string title;
        for (const auto& c : fix::catalogue()) {
            if (c.code == f) title = std::string(c.title);
        }
        changes.push_back(fmt::format("--fix {} ({})", f, title));
    }
    for (const auto& st : settings) changes.push_back("--set " + st.argument);
    const int status =
        write_output("what-if", a, report::what_if_text(o.source, changes, *before, *after));
    if (status != kExitOk) return status;
    if (const auto file = a.get("report")) {
        std::string title = "changed:";
        for (const auto& c : changes) title += " " + c;
        const report::ReportRun runs[] = {
            {"as written", &before->scenario, &before->result, &before->capture, &before->diagnosis,
             before->fixes ? &*before->fixes : nullptr},
            {title, &after->scenario, &after->result, &after->capture, &after->diagnosis,
             after->fixes ? &*after->fixes : nullptr}};
        const auto html = report::html_report({runs[0], runs[1]}, o);
        if (const auto error = report::write_file(*file, html, report::Overwrite::Allow)) {
            fmt::print(stderr, "vpnsim what-if: --report: cannot write {}\n", *error);
            return kExitBadInput;
        }
    }
    if (!before->diagnosis.complete || !after->diagnosis.complete) return kExitIncomplete;
    return after->diagnosis.healthy() ? kExitOk : kExitExpectFailed;
}

}  // namespace vpnsim::cli
