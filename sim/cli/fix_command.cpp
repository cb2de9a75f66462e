// `vpnsim fix`: search, report, and optionally write a fixed scenario.
#include <fmt/format.h>

#include <charconv>

#include "sim/cli/commands.hpp"
#include "sim/fix/search.hpp"
#include "sim/report/fixes.hpp"
#include "sim/report/write_file.hpp"
#include "sim/run/reachability.hpp"
#include "sim/run/world.hpp"
#include "sim/scenario/diagnostics.hpp"
#include "sim/scenario/loader.hpp"
#include "sim/scenario/writer.hpp"

namespace vpnsim::cli {
namespace {

std::optional<std::size_t> positive(const std::string& s) {
    std::size_t v = 0;
    const auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc{} || p != s.data() + s.size() || v == 0) return std::nullopt;
    return v;
}

}  // namespace

int cmd_fix(const Args& a) {
    if (a.positional.size() != 1) return usage_error("fix", "expects exactly one scenario FILE");
    const auto format_given = format_option("fix", a, {"text", "json"});
    if (!format_given) return kExitBadInput;
    const auto& format = *format_given;
    const auto budget = positive(a.get("budget").value_or(std::to_string(fix::kDefaultBudget)));
    if (!budget) return usage_error("fix", "--budget must be a positive integer");
    std::optional<std::size_t> pick;
    if (const auto n = a.get("apply")) {
        pick = positive(*n);
        if (!pick) return usage_error("fix", "--apply takes a fix set number (1, 2, ...)");
    }
    if (a.get("out") && !pick) return usage_error("fix", "--out needs --apply N");
    const auto limits = run_limits("fix", a);
    const auto options = load_options("fix", a);
    if (!limits || !options) return kExitBadInput;
    const auto s = load_scenario(a.positional.front(), *options);
    if (!s) return kExitBadInput;
    const auto result = fix::search(*s, *budget, limits->event_budget);
    if (!pick || !result.complete) {
        fmt::print("{}", format == "json" ? report::fixes_json(*s, result, *budget)
                                          : report::fixes_text(*s, result, *budget));
        if (!result.complete) return kExitIncomplete;
        if (!result.minimal.empty()) return kExitOk;
        // Nothing proved: "none works" only when every candidate was judged.
        return result.undecided.empty() ? kExitExpectFailed : kExitIncomplete;
    }
    if (*pick > result.minimal.size()) {
        fmt::print(stderr, "vpnsim fix: there is no fix set {} ({} found)\n", *pick,
                   result.minimal.size());
        return kExitExpectFailed;
    }
    const auto text = scenario::to_toml(fix::fixed_scenario(*s, result, result.minimal[*pick - 1]));
    const auto out = a.get("out");
    if (!out) {
        fmt::print("{}", text);
        return kExitOk;
    }
    if (const auto error = report::write_file(*out, text, report::Overwrite::Allow)) {
        fmt::print(stderr, "vpnsim fix: --out: cannot write {}\n", *error);
        return kExitBadInput;
    }
    fmt::print("wrote {} (fix set {}: {})\n", *out, *pick,
               fix::codes(result.minimal[*pick - 1].fixes));
    return kExitOk;
}

}  // namespace vpnsim::cli
