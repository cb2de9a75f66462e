#include "sim/report/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <vector>

#include "sim/run/reachability.hpp"
#include "sim/run/world.hpp"

namespace vpnsim::report {
namespace {

std::string at(std::string_view state, const std::optional<SimTime>& t) {
    return t ? fmt::format("{} {}", state, format_time(*t)) : std::string(state);
}

// A time is shown only beside a state that is up now (it is when that state was first reached).
std::optional<SimTime> up_only(std::string_view state, const std::optional<SimTime>& t) {
    return state == "established" ? t : std::nullopt;
}

// Every negotiated CHILD_SA's selectors, "; "-separated in SPD order (a policy-based CGW
// negotiates one per proxy-ID pair); "-" when none is installed.
std::string selectors(const run::TunnelResult& t) {
    if (t.selectors_aws.empty()) return "-";
    std::string out = fmt::format("{} <=> {}", t.selectors_aws, t.selectors_cgw);
    for (const auto& sa : t.further_sas) {
        out += fmt::format("; {} <=> {}", ipsec::to_string(sa.aws), ipsec::to_string(sa.cgw));
    }
    return out;
}

// Probes that never arrived, and (ping) requests that arrived but whose reply did not --
// dropped on the way for a traced reason, or still in flight when the run ended.
int lost(const run::FlowResult& f) {
    return f.sent - f.delivered + (f.ping ? f.delivered - f.answered : 0);
}

// The [[traffic]] flows: what each carried and where, and each side's route at the end.
std::string flow_table(const run::RunResult& r) {
    std::vector<Row> rows{
        {"FLOW", "FROM", "TO", "KIND", "SENT", "DELIVERED", "ANSWERED", "LOST", "RESULT"}};
    for (const auto& f : r.flows) {
        if (f.probe_for) continue;
        rows.push_back({fmt::format("{}", f.number), f.from.to_string(), f.to.to_string(),
                        std::string(f.kind), fmt::format("{}", f.sent),
                        fmt::format("{}", f.delivered),
                        f.ping ? fmt::format("{}", f.answered) : "-", fmt::format("{}", lost(f)),
                        f.last_ok ? "ok" : "failing"});
    }
    std::string out;
    if (rows.size() > 1) out.append("\n").append(columns(rows));
    out += "\nflow packets carried (AWS->CGW / CGW->AWS):";
    for (const auto& t : r.tunnels) {
        out += fmt::format("{} tunnel {} {}/{}", t.number == 1 ? "" : ",", t.number, t.flow_to_cgw,
                           t.flow_to_aws);
    }
    out += '\n';
    for (const auto& rc : r.routes) {
        out += fmt::format("{} sends to {} over {}\n", rc.side, rc.dst, rc.text);
    }
    return out;
}

// The built-in reachability probes, one row per on-premises prefix: pings answered / sent.
std::string probe_table(const run::Reachability& reach) {
    if (reach.probes.empty()) return "";
    std::vector<Row> rows{
        {"PREFIX", "VPC HOST", "ON-PREM HOST", "VPC->ON-PREM", "ON-PREM->VPC", "RESULT"}};
    for (const auto& p : reach.probes) {
        rows.push_back({p.prefix.to_string(), p.to_onprem.from.to_string(),
                        p.to_onprem.to.to_string(),
                        fmt::format("{}/{}", p.to_onprem.answered, p.to_onprem.sent),
                        fmt::format("{}/{}", p.to_vpc.answered, p.to_vpc.sent),
                        p.reaches() ? "reached" : "unreached"});
    }
    return std::string("\n").append(columns(rows));
}

}  // namespace

std::string columns(const std::vector<Row>& rows, std::string_view indent) {
    std::vector<std::size_t> width;
    for (const auto& r : rows) {
        width.resize(std::max(width.size(), r.size()));
        for (std::size_t i = 0; i < r.size(); ++i) width[i] = std::max(width[i], r[i].size());
    }
    std::string out;
    for (const auto& r : rows) {
        std::string line(indent);
        for (std::size_t i = 0; i < r.size(); ++i) {
            line += i + 1 == r.size() ? r[i] : fmt::format("{:<{}}  ", r[i], width[i]);
        }
        while (!line.empty() && line.back() == ' ') line.pop_back();
        out += line + '\n';
    }
    return out;
}

std::string run_notes(const scenario::Scenario& s, const run::RunResult& r) {
    std::string out;
    if (!r.complete()) {
        out += fmt::format(
            "\nINCOMPLETE: the run stopped at {} of {} after its event budget of {} events was "
            "spent (the scenario may loop). What is shown is a snapshot, not an outcome: no "
            "verdict, cause or fix is derived from it. Raise --event-budget or shorten "
            "--duration.\n",
            format_time(r.stats.end_time), format_time(s.duration), r.stats.events);
    }
    if (r.trace.truncated()) out += fmt::format("\nnote: {}\n", r.trace.truncation_note());
    if (r.log_events_dropped != 0) {
        out += fmt::format(
            "\nnote: CloudWatch log streams truncated: {} later log events not kept (a stream "
            "keeps at most {})\n",
            r.log_events_dropped, run::kDefaultLogEvents);
    }
    return out;
}

std::string tunnel_table(const scenario::Scenario& s, const run::RunResult& r) {
    const auto& a = s.aws;
    std::string out = fmt::format(
        "{} ({}, {} routing, Amazon ASN {}) -- CGW {} ASN {} -- scenario {}, seed {}, "
        "simulated {}\n\n",
        r.vpn_id,
        a.gateway == scenario::GatewayType::Tgw ? "transit gateway" : "virtual private gateway",
        a.routing == scenario::Routing::Dynamic ? "dynamic" : "static", a.asn, s.cgw.outside_ip,
        s.cgw.asn, s.name, s.seed, format_time(r.stats.end_time));
    std::vector<Row> rows{{"TUNNEL", "OUTSIDE IP", "STATUS", "STATUS MESSAGE", "IKE SA", "CHILD SA",
                           "SELECTORS (AWS <=> CGW)", "BGP"}};
    for (const auto& t : r.tunnels) {
        rows.push_back(Row{fmt::format("{}", t.number), t.outside_ip.to_string(), t.status.status(),
                           t.status.message, at(t.ike_state, up_only(t.ike_state, t.ike_up_at)),
                           at(t.child_state, up_only(t.child_state, t.child_up_at)), selectors(t),
                           t.dynamic ? at(t.bgp_state, t.bgp_up_at) : "- (static)"});
    }
    out += columns(rows);
    if (!r.flows.empty()) {
        const auto reach = run::reachability(r);
        out += probe_table(reach);
        out += flow_table(r);
        out.append("\n").append(run::reachability_line(reach)).append("\n");
    }
    out += run_notes(s, r);
    return out;
}

}  // namespace vpnsim::report
