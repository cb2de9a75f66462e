#include "sim/report/expect.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <set>

#include "sim/diagnose/diagnose.hpp"
#include "sim/fix/search.hpp"
#include "sim/run/reachability.hpp"
#include "sim/run/world.hpp"

namespace vpnsim::report {
namespace {

const run::TunnelResult* find_tunnel(const run::RunResult& r, const scenario::ExpectTunnel& e,
                                     std::size_t position) {
    for (const auto& t : r.tunnels) {
        if (e.outside_ip ? t.outside_ip == *e.outside_ip
                         : static_cast<std::size_t>(t.number) == position + 1) {
            return &t;
        }
    }
    return nullptr;
}

void compare(std::vector<std::string>& out, const std::string& where, std::string_view what,
             const std::optional<std::string>& expected, std::string_view actual) {
    if (expected && *expected != actual) {
        out.push_back(
            fmt::format("{}: {}: expected \"{}\", got \"{}\"", where, what, *expected, actual));
    }
}

}  // namespace

std::vector<std::string> check_expectations(const scenario::Scenario& s, const run::RunResult& r) {
    std::vector<std::string> out;
    if (!s.expect) return out;
    const auto& ex = *s.expect;
    for (std::size_t i = 0; i < ex.tunnels.size(); ++i) {
        const auto& e = ex.tunnels[i];
        const auto where = fmt::format("{}:{}: expect.tunnel[{}]", s.file, e.source_line, i);
        const auto* t = find_tunnel(r, e, i);
        if (t == nullptr) {
            out.push_back(fmt::format("{}: no such tunnel in the run", where));
            continue;
        }
        const auto label = fmt::format("{} (tunnel {} {})", where, t->number, t->outside_ip);
        compare(out, label, "status", e.status, t->status.status());
        compare(out, label, "message", e.message, t->status.message);
        compare(out, label, "ike", e.ike, t->ike_state);
        compare(out, label, "child", e.child, t->child_state);
        compare(out, label, "bgp", e.bgp, t->bgp_state);
    }
    for (std::size_t i = 0; i < ex.flows.size(); ++i) {
        const auto& e = ex.flows[i];
        const auto where = fmt::format("{}:{}: expect.flows[{}]", s.file, e.source_line, i);
        if (i >= r.flows.size()) {
            out.push_back(fmt::format("{}: the scenario has {} flow(s)", where, r.flows.size()));
            continue;
        }
        const auto& f = r.flows[i];
        const auto label = fmt::format("{} (flow {} {} -> {})", where, f.number, f.from, f.to);
        compare(out, label, "result", e.result, f.last_ok ? "ok" : "failing");
        const auto count = [&](std::string_view what, const std::optional<int>& want, int got) {
            if (want && *want != got) {
                out.push_back(fmt::format("{}: {}: expected {}, got {}", label, what, *want, got));
            }
        };
        count("delivered", e.delivered, f.delivered);
        count("answered", e.answered, f.answered);
    }
    const auto lines = r.trace.render();
    const auto where = fmt::format("{}:{}: expect", s.file, ex.source_line);
    for (const auto& needle : ex.trace_contains) {
        if (lines.find(needle) == std::string::npos) {
            out.push_back(
                fmt::format("{}: trace_contains: no trace line contains \"{}\"", where, needle));
        }
    }
    if (ex.causes) {
        // As `vpnsim diagnose` finds them: from a run with the built-in probes.
        const auto probed = run::with_probes(s);
        const auto d = diagnose::diagnose(probed, run::simulate(probed));
        std::set<std::string> got;
        for (const auto& c : d.causes) got.insert(c.code);
        const std::set<std::string> want(ex.causes->begin(), ex.causes->end());
        if (got != want) {
            out.push_back(fmt::format("{}: causes: expected [{}], diagnosed [{}]", where,
                                      fmt::join(want, ", "), fmt::join(got, ", ")));
        }
    }
    if (ex.fixes) {
        const auto found = fix::search(s);
        std::set<std::set<std::string>> got;
        for (const auto& c : found.minimal) {
            std::set<std::string> codes;
            for (const auto i : c.fixes) codes.insert(std::string(fix::catalogue()[i].code));
            got.insert(codes);
        }
        std::set<std::set<std::string>> want;
        for (const auto& f : *ex.fixes) want.insert(std::set<std::string>(f.begin(), f.end()));
        const auto show = [](const std::set<std::set<std::string>>& sets) {
            std::vector<std::string> parts;
            for (const auto& set : sets)
                parts.push_back(fmt::format("[{}]", fmt::join(set, " + ")));
            return fmt::format("{}", fmt::join(parts, ", "));
        };
        if (got != want) {
            out.push_back(
                fmt::format("{}: fixes: expected {}, found {}", where, show(want), show(got)));
        }
    }
    for (const auto& needle : ex.trace_absent) {
        if (lines.find(needle) != std::string::npos) {
            out.push_back(
                fmt::format("{}: trace_absent: a trace line contains \"{}\"", where, needle));
        }
    }
    return out;
}

}  // namespace vpnsim::report
