// `vpnsim diagnose` and `vpnsim fix`.
#include <fmt/format.h>

#include "sim/cli/commands.hpp"
#include "sim/diagnose/diagnose.hpp"
#include "sim/report/diagnosis.hpp"
#include "sim/run/reachability.hpp"
#include "sim/run/world.hpp"
#include "sim/scenario/diagnostics.hpp"
#include "sim/scenario/loader.hpp"

namespace vpnsim::cli {

int cmd_diagnose(const Args& a) {
    if (a.positional.size() != 1) {
        return usage_error("diagnose", "expects exactly one scenario FILE");
    }
    const auto format_given = format_option("diagnose", a, {"text", "json"});
    if (!format_given) return kExitBadInput;
    const auto& format = *format_given;
    const auto limits = run_limits("diagnose", a);
    const auto options = load_options("diagnose", a);
    if (!limits || !options) return kExitBadInput;
    auto s = load_scenario(a.positional.front(), *options);
    if (!s || !override_run_keys("diagnose", a, *s)) return kExitBadInput;
    *s = run::with_probes(*s);  // healthy means traffic flows, not only tunnels UP
    const auto r = run::simulate(*s, *limits);
    const auto d = diagnose::diagnose(*s, r);
    fmt::print("{}", format == "json" ? report::diagnosis_json(*s, r, d)
                                      : report::diagnosis_text(*s, r, d));
    if (!d.complete) return kExitIncomplete;
    return d.healthy() && d.causes.empty() ? kExitOk : kExitExpectFailed;
}

}  // namespace vpnsim::cli
