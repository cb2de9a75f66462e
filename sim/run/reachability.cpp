#include "sim/run/reachability.hpp"

#include <algorithm>

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace vpnsim::run {

std::vector<net::Ipv4Prefix> onprem_prefixes(const scenario::Scenario& s) {
    std::vector<net::Ipv4Prefix> out;
    const auto add = [&](const net::Ipv4Prefix& p) {
        const auto canonical = net::Ipv4Prefix{p.first(), p.len};
        if (canonical.overlaps(s.aws.vpc_cidr)) return;
        out.push_back(canonical);
    };
    for (const auto& p : s.cgw.lans()) add(p);
    if (s.aws.routing == scenario::Routing::Static) {
        for (const auto& p : s.aws.static_routes) add(p);
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

net::Ipv4Addr probe_host(const net::Ipv4Prefix& p) {
    if (p.len <= 28) return p.nth(10);
    if (p.len <= 30) return p.nth(1);
    return p.first();
}

namespace {

scenario::Flow probe_flow(net::Ipv4Addr from, net::Ipv4Addr to, bool from_vpc, SimTime duration,
                          const net::Ipv4Prefix& prefix) {
    const SimTime window = std::min(kProbeWindow, SimTime{duration.count() / 2});
    scenario::Flow f;
    f.from = from;
    f.to = to;
    f.kind = scenario::FlowKind::Ping;
    f.start = duration - window;
    f.interval = std::max(SimTime{window.count() / kProbePings}, SimTime{1});
    f.count = kProbePings;
    f.from_vpc = from_vpc;
    f.probe_for = prefix;
    return f;
}

}  // namespace

std::vector<ProbePlan> probe_plan(const scenario::Scenario& s) {
    std::vector<ProbePlan> out;
    const auto vpc = probe_host(s.aws.vpc_cidr);
    for (const auto& p : onprem_prefixes(s)) {
        const auto host = probe_host(p);
        out.push_back({p, probe_flow(vpc, host, true, s.duration, p),
                       probe_flow(host, vpc, false, s.duration, p)});
    }
    return out;
}

scenario::Scenario with_probes(scenario::Scenario s, const std::vector<ProbePlan>& plan) {
    s.traffic.reserve(s.traffic.size() + 2 * plan.size());
    for (const auto& p : plan) {
        s.traffic.push_back(p.to_onprem);
        s.traffic.push_back(p.to_vpc);
    }
    return s;
}

namespace {
bool half_back(const FlowResult& f) {
    return f.sent > 0 && 2 * f.answered >= f.sent;
}
}  // namespace

scenario::Scenario with_probes(const scenario::Scenario& s) {
    return with_probes(s, probe_plan(s));
}

bool ProbeResult::reaches() const {
    return half_back(to_onprem) && half_back(to_vpc);
}

bool Reachability::holds() const {
    return own_ok == own_flows && probes_reaching() == probes.size();
}

std::size_t Reachability::probes_reaching() const {
    return static_cast<std::size_t>(std::count_if(
        probes.begin(), probes.end(), [](const ProbeResult& p) { return p.reaches(); }));
}

Reachability reachability(const RunResult& r) {
    Reachability out;
    for (std::size_t i = 0; i < r.flows.size(); ++i) {
        const auto& f = r.flows[i];
        if (!f.probe_for) {
            ++out.own_flows;
            out.own_ok += f.last_ok ? 1 : 0;
        } else if (i + 1 < r.flows.size() && r.flows[i + 1].probe_for == f.probe_for) {
            out.probes.push_back({*f.probe_for, f, r.flows[i + 1]});  // as with_probes pairs them
            ++i;
        }
    }
    return out;
}

std::string reachability_line(const Reachability& r) {
    if (!r.checked()) return "reachability: not checked (no [[traffic]] and no on-premises prefix)";
    std::vector<std::string> parts;
    if (r.own_flows > 0) {
        parts.push_back(fmt::format("{} of {} flow(s) working", r.own_ok, r.own_flows));
    }
    if (!r.probes.empty()) {
        parts.push_back(fmt::format("{} of {} on-premises prefix(es) reached both ways",
                                    r.probes_reaching(), r.probes.size()));
    }
    std::string failing;
    for (const auto& p : r.probes) {
        if (p.reaches()) continue;
        if (!failing.empty()) failing += ", ";
        failing += p.prefix.to_string();
        if (failing.size() > 200) {
            failing += ", ...";
            break;
        }
    }
    std::string out =
        fmt::format("reachability: {} -- {}", r.holds() ? "OK" : "FAILING", fmt::join(parts, "; "));
    if (!failing.empty()) out += fmt::format(" (unreached: {})", failing);
    return out;
}

}  // namespace vpnsim::run
