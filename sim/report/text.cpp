#include "sim/report/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <vector>

namespace vpnsim::report {
namespace {

std::string at(std::string_view state, const std::optional<SimTime>& t) {
    return t ? fmt::format("{} {}", state, format_time(*t)) : std::string(state);
}

// A time is shown only beside a state that is up now (it is when that state was first reached).
std::optional<SimTime> up_only(std::string_view state, const std::optional<SimTime>& t) {
    return state == "established" ? t : std::nullopt;
}

using Row = std::array<std::string, 8>;

std::string render(const std::vector<Row>& rows) {
    std::array<std::size_t, 8> width{};
    for (const auto& r : rows) {
        for (std::size_t i = 0; i < r.size(); ++i) width[i] = std::max(width[i], r[i].size());
    }
    std::string out;
    for (const auto& r : rows) {
        std::string line;
        for (std::size_t i = 0; i < r.size(); ++i) {
            line += i + 1 == r.size() ? r[i] : fmt::format("{:<{}}  ", r[i], width[i]);
        }
        while (!line.empty() && line.back() == ' ') line.pop_back();
        out += line + '\n';
    }
    return out;
}

}  // namespace

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
                           at(t.child_state, up_only(t.child_state, t.child_up_at)),
                           t.selectors_aws.empty()
                               ? "-"
                               : fmt::format("{} <=> {}", t.selectors_aws, t.selectors_cgw),
                           t.dynamic ? at(t.bgp_state, t.bgp_up_at) : "- (static)"});
    }
    out += render(rows);
    if (r.stats.reason == kernel::StopReason::EventBudget) {
        out += fmt::format(
            "\nwarning: the run stopped at {} after its event budget of {} "
            "events was spent; the scenario may loop\n",
            format_time(r.stats.end_time), r.stats.events);
    }
    return out;
}

}  // namespace vpnsim::report
