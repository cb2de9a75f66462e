#include "sim/report/fixes.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "sim/report/json.hpp"

namespace vpnsim::report {
namespace {

std::string outcome_line(const fix::TunnelOutcome& o) {
    std::string out =
        fmt::format("tunnel {} {} {} \"{}\"", o.number, o.outside_ip, o.status, o.message);
    if (o.up_at) out += fmt::format(" (UP at {})", format_time(*o.up_at));
    return out;
}

void outcomes_json(JsonWriter& w, std::string_view key, const std::vector<fix::TunnelOutcome>& v) {
    w.key(key).begin_array();
    for (const auto& o : v) {
        w.begin_object()
            .field("number", o.number)
            .field("outside_ip", std::string_view(o.outside_ip));
        w.field("status", std::string_view(o.status))
            .field("status_message", std::string_view(o.message));
        if (o.up_at) {
            w.field("up_at", format_time(*o.up_at));
        } else {
            w.key("up_at").null();
        }
        w.end_object();
    }
    w.end_array();
}

// The built-in probes, as the search ran them: the first few pairs, then a count.
std::string probes_text(const scenario::Scenario& s, const std::vector<run::ProbePlan>& plan) {
    if (plan.empty()) {
        return s.traffic.empty()
                   ? "reachability: no on-premises prefix is announced or statically routed, so "
                     "no probe checks traffic; only the tunnels are judged\n"
                   : "";
    }
    constexpr std::size_t kShown = 5;
    const auto& first = plan.front().to_onprem;
    std::string out = fmt::format(
        "reachability probes (built in; {} pings each way in the last {:g} s of every run):\n",
        first.count, static_cast<double>((s.duration - first.start).count()) / 1e9);
    for (std::size_t i = 0; i < plan.size() && i < kShown; ++i) {
        out += fmt::format("  {} <-> {} ({})\n", plan[i].to_onprem.from, plan[i].to_onprem.to,
                           plan[i].prefix);
    }
    if (plan.size() > kShown) out += fmt::format("  ... and {} more\n", plan.size() - kShown);
    return out;
}

void reach_json(JsonWriter& w, const run::Reachability& r) {
    w.key("reachability").begin_object();
    w.field("holds", r.holds())
        .field("flows", static_cast<std::uint64_t>(r.own_flows))
        .field("flows_working", static_cast<std::uint64_t>(r.own_ok))
        .field("prefixes", static_cast<std::uint64_t>(r.probes.size()))
        .field("prefixes_reached", static_cast<std::uint64_t>(r.probes_reaching()));
    w.key("unreached").begin_array();
    for (const auto& p : r.probes) {
        if (!p.reaches()) w.value(p.prefix.to_string());
    }
    w.end_array().end_object();
}

}  // namespace

std::string fixes_text(const scenario::Scenario& s, const fix::SearchResult& r,
                       std::size_t budget) {
    std::string out = fmt::format("{}: {}\n", s.file, s.name);
    out += probes_text(s, r.probes);
    out += "before:\n";
    for (const auto& o : r.before) out += "  " + outcome_line(o) + "\n";
    if (r.before_reach.checked()) out += "  " + run::reachability_line(r.before_reach) + "\n";
    if (!r.complete) {
        out +=
            "\nINCOMPLETE: the scenario's own run spent its event budget before the end of its "
            "duration (the scenario may loop). Its state is a snapshot, not an outcome, so no "
            "fix is searched from it. Raise --event-budget or shorten the duration.\n";
        return out;
    }
    out +=
        fmt::format("searched {} variant(s) by re-simulation (budget {}){}\n", r.evaluated, budget,
                    r.budget_exhausted ? "; the budget ran out before the search finished" : "");
    if (r.minimal.empty() && !r.undecided.empty()) {
        out += fmt::format(
            "\nNo set of catalogue fixes (up to 3 at a time) was proved to bring every tunnel "
            "UP with traffic flowing, and {} could not be judged: their runs spent the event "
            "budget (below).\n",
            r.undecided.size());
    } else if (r.minimal.empty()) {
        out +=
            "\nNo set of catalogue fixes (up to 3 at a time) brings every tunnel UP with traffic "
            "flowing.\n";
    } else if (r.minimal.front().fixes.empty()) {
        out += r.before_reach.checked()
                   ? "\nEvery tunnel is already UP, every advertised prefix accepted and traffic "
                     "flowing: nothing to fix.\n"
                   : "\nEvery tunnel is already UP with every advertised prefix accepted: nothing "
                     "to fix.\n";
        return out;
    } else {
        out += "\nMinimal fix sets (proved by re-simulation: tunnels UP and traffic flowing):\n";
    }
    for (std::size_t i = 0; i < r.minimal.size(); ++i) {
        const auto& c = r.minimal[i];
        out += fmt::format("\n[{}] {}  (cost {})\n", i + 1, fix::codes(c.fixes), c.cost);
        for (const auto f : c.fixes) {
            const auto& fx = fix::catalogue()[f];
            out += fmt::format("    - {}: {} [{}; disruption: {}]\n", fx.code, fx.title,
                               fix::to_string(fx.cost), fx.disruption);
        }
        out += "    after:\n";
        for (const auto& o : c.outcome) out += "      " + outcome_line(o) + "\n";
        if (c.reach.checked()) out += "      " + run::reachability_line(c.reach) + "\n";
    }
    if (!r.tried.empty())
        out += "\nTried, and did not bring every tunnel UP with traffic flowing:\n";
    for (const auto& c : r.tried) {
        out += fmt::format("  {}:", fix::codes(c.fixes));
        for (const auto& o : c.outcome)
            out += fmt::format(" t{} {} \"{}\";", o.number, o.status, o.message);
        out.back() = '\n';
        const bool all_up =
            std::all_of(c.outcome.begin(), c.outcome.end(),
                        [](const fix::TunnelOutcome& o) { return o.status == "UP"; });
        if (all_up && c.reach.checked() && !c.reach.holds()) {
            out += "    " + run::reachability_line(c.reach) + "\n";
        }
        if (c.fails_under_seed) {
            out += fmt::format(
                "    (every tunnel UP with this seed, but not with seed {}: the "
                "path's random loss, not the fix)\n",
                *c.fails_under_seed);
        }
    }
    if (!r.undecided.empty()) {
        out +=
            "\nNot judged: the run spent its event budget before the scenario's end "
            "(incomplete):\n";
    }
    for (const auto& c : r.undecided) {
        out += fmt::format("  {} (seed {})\n", fix::codes(c.fixes),
                           c.incomplete_under_seed.value_or(s.seed));
    }
    if (!r.minimal.empty()) {
        out += "\nApply one: vpnsim fix FILE --apply N --out fixed.toml\n";
    }
    return out;
}

std::string fixes_json(const scenario::Scenario& s, const fix::SearchResult& r,
                       std::size_t budget) {
    JsonWriter w(2);
    w.begin_object()
        .field("scenario", std::string_view(s.name))
        .field("file", std::string_view(s.file));
    w.field("complete", r.complete);
    w.field("evaluated", static_cast<std::uint64_t>(r.evaluated));
    w.field("budget", static_cast<std::uint64_t>(budget))
        .field("budget_exhausted", r.budget_exhausted);
    w.key("probes").begin_array();
    for (const auto& p : r.probes) {
        w.begin_object()
            .field("prefix", p.prefix.to_string())
            .field("vpc_host", p.to_onprem.from.to_string())
            .field("onprem_host", p.to_onprem.to.to_string())
            .field("pings_each_way", p.to_onprem.count)
            .field("from", format_time(p.to_onprem.start))
            .end_object();
    }
    w.end_array();
    outcomes_json(w, "before", r.before);
    reach_json(w, r.before_reach);
    for (const auto* list : {&r.minimal, &r.tried, &r.undecided}) {
        w.key(list == &r.minimal ? "minimal_fix_sets"
              : list == &r.tried ? "tried"
                                 : "undecided")
            .begin_array();
        for (const auto& c : *list) {
            w.begin_object().field("cost", c.cost).key("fixes").begin_array();
            for (const auto f : c.fixes) w.value(fix::catalogue()[f].code);
            w.end_array();
            outcomes_json(w, "after", c.outcome);
            reach_json(w, c.reach);
            if (c.fails_under_seed) w.field("fails_under_seed", *c.fails_under_seed);
            if (c.incomplete_under_seed) {
                w.field("incomplete_under_seed", *c.incomplete_under_seed);
            }
            w.end_object();
        }
        w.end_array();
    }
    w.end_object();
    return w.str() + "\n";
}

}  // namespace vpnsim::report
