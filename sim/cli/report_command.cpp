// `vpnsim report`: the HTML report of one run (or the ladder alone as SVG).
#include <fmt/format.h>

#include "sim/cli/commands.hpp"
#include "sim/report/html_report.hpp"
#include "sim/report/replay.hpp"
#include "sim/report/write_file.hpp"
#include "sim/scenario/diagnostics.hpp"
#include "sim/scenario/loader.hpp"

namespace vpnsim::cli {
namespace {

inline constexpr std::size_t kReportFixBudget = 60;

// --from/--to: a time in the run ("0", "90s", "2m"); false after a usage error.
bool time_option(std::string_view cmd, const Args& a, const char* name, SimTime& out) {
    const auto v = a.get(name);
    if (!v) return true;
    const auto t =
        *v == "0" ? std::optional<SimTime>(SimTime::zero()) : scenario::parse_duration(*v);
    if (!t || *t < SimTime::zero()) {
        usage_error(
            cmd, fmt::format("--{} must be a time in the run such as 0, 90s or 2m; got '{}'", name,
                             scenario::detail::printable(*v)));
        return false;
    }
    out = *t;
    return true;
}

bool positive_option(std::string_view cmd, const Args& a, const char* name, std::size_t& out) {
    const auto v = a.get(name);
    if (!v) return true;
    const auto n = parse_count(*v);
    if (!n || *n == 0 || *n > 1'000'000) {
        usage_error(cmd, fmt::format("--{} must be an integer from 1 to 1000000", name));
        return false;
    }
    out = static_cast<std::size_t>(*n);
    return true;
}

}  // namespace

bool report_options(std::string_view cmd, const Args& a, report::ReportOptions& o) {
    if (!time_option(cmd, a, "from", o.window.from) || !time_option(cmd, a, "to", o.window.to) ||
        !positive_option(cmd, a, "rows", o.max_rows)) {
        return false;
    }
    if (o.window.to < o.window.from) {
        usage_error(cmd, "--to must not be before --from");
        return false;
    }
    o.fix_budget = a.has("no-fix") ? 0 : kReportFixBudget;
    return positive_option(cmd, a, "fix-budget", o.fix_budget);
}

std::optional<ReportInput> report_input(std::string_view cmd, const Args& a) {
    ReportInput in;
    in.options.source = a.positional.front();
    const auto limits = run_limits(cmd, a);
    const auto options = load_options(cmd, a);
    if (!limits || !options || !report_options(cmd, a, in.options)) return std::nullopt;
    in.limits = *limits;
    auto s = load_scenario(in.options.source, *options);
    if (!s || !override_run_keys(cmd, a, *s)) return std::nullopt;
    in.scenario = std::move(*s);
    return in;
}

int write_output(std::string_view cmd, const Args& a, const std::string& text) {
    const auto out = a.get("output");
    if (!out || *out == "-") {
        fmt::print("{}", text);
        return kExitOk;
    }
    if (const auto error = report::write_file(*out, text, report::Overwrite::Allow)) {
        fmt::print(stderr, "vpnsim {}: -o: cannot write {}\n", cmd, *error);
        return kExitBadInput;
    }
    return kExitOk;
}

int cmd_report(const Args& a) {
    if (a.positional.size() != 1) return usage_error("report", "expects exactly one scenario FILE");
    const auto format_given = format_option("report", a, {"html", "svg"});
    if (!format_given) return kExitBadInput;
    const auto& format = *format_given;
    auto in = report_input("report", a);
    if (!in) return kExitBadInput;
    const auto& o = in->options;
    const auto* s = &in->scenario;
    std::size_t tunnel = 1;
    if (!positive_option("report", a, "tunnel", tunnel)) return kExitBadInput;
    if (tunnel > s->aws.tunnels.size()) {
        return usage_error("report", fmt::format("--tunnel {}: the scenario has {} AWS tunnel(s)",
                                                 tunnel, s->aws.tunnels.size()));
    }
    const auto r = report::replay(*s, in->limits, format == "svg" ? 0 : o.fix_budget);
    std::string text;
    if (format == "svg") {
        const auto ladder = report::build_ladder(r->scenario, r->capture, r->result.trace,
                                                 static_cast<int>(tunnel), o.window, o.max_rows);
        text = report::ladder_svg(ladder, true);
    } else {
        report::ReportRun run{"",          &r->scenario,  &r->result,
                              &r->capture, &r->diagnosis, r->fixes ? &*r->fixes : nullptr};
        text = report::html_report({run}, o);
    }
    const int status = write_output("report", a, text);
    if (status != kExitOk) return status;
    if (!r->diagnosis.complete) return kExitIncomplete;
    return kExitOk;
}

}  // namespace vpnsim::cli
