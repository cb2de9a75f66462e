#include "sim/report/expect.hpp"

#include <fmt/format.h>

#include <algorithm>

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
        out.push_back(fmt::format("{}: {}: expected \"{}\", got \"{}\"", where, what, *expected,
                                  actual));
    }
}

}  // namespace

std::vector<std::string> check_expectations(const scenario::Scenario& s,
                                            const run::RunResult& r) {
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
    const auto lines = r.trace.render();
    const auto where = fmt::format("{}:{}: expect", s.file, ex.source_line);
    for (const auto& needle : ex.trace_contains) {
        if (lines.find(needle) == std::string::npos) {
            out.push_back(fmt::format("{}: trace_contains: no trace line contains \"{}\"", where,
                                      needle));
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
