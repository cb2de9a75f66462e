#include "sim/train/aws_view.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <vector>

#include "models/common/assert.hpp"
#include "sim/aws/clock.hpp"
#include "sim/aws/vpn_log.hpp"
#include "sim/report/aws_json.hpp"
#include "sim/report/text.hpp"
#include "sim/run/reachability.hpp"
#include "sim/scenario/duration.hpp"
#include "sim/scenario/loader.hpp"

namespace vpnsim::train {
namespace {

using Json = nlohmann::ordered_json;
using report::Row;

// "08:15:38" of the fixed epoch AWS's timestamps use.
std::string clock(SimTime t) {
    return aws::log_timestamp(t).substr(11, 8);
}

// A TunnelOptions value as one line: [{"Value": "AES128"}, ...] -> AES128, ...
std::string plain(const Json& v) {
    if (v.is_string()) return v.get<std::string>();
    if (v.is_array()) {
        std::string out;
        for (const auto& item : v) {
            out += (out.empty() ? "" : ", ") + plain(item.contains("Value") ? item["Value"] : item);
        }
        return out;
    }
    return v.dump();
}

// The connection's describe-vpn-connections document, and the same connection with every
// tunnel's options at AWS's defaults (its addresses and key kept), to show what was changed.
Json describe(const scenario::Scenario& s, const run::RunResult& r) {
    return Json::parse(report::describe_vpn_connections(s, r, false))["VpnConnections"][0];
}

// A tunnel with every option at AWS's default, as the loader fills them in.
scenario::AwsTunnel default_tunnel() {
    static const auto tunnel = [] {
        const auto r = scenario::load_string(
            "[scenario]\nname = \"defaults\"\n[aws]\n[[aws.tunnel]]\n"
            "outside_ip = \"203.0.113.10\"\ninside_cidr = \"169.254.10.0/30\"\n"
            "psk = \"defaults_psk\"\n[cgw]\noutside_ip = \"198.51.100.10\"\n",
            "defaults.toml");
        VPNSIM_ASSERT(r.scenario.has_value(), "the default tunnel must load");
        return r.scenario->aws.tunnels.front();
    }();
    return tunnel;
}

std::string connection(const scenario::Scenario& s, const run::RunResult& r, const Json& vpn) {
    const auto& a = s.aws;
    const auto& o = vpn["Options"];
    std::string out = fmt::format(
        "VPN connection {}: {}, {} routing{}\n", r.vpn_id,
        a.gateway == scenario::GatewayType::Tgw ? "transit gateway" : "virtual private gateway",
        a.routing == scenario::Routing::Dynamic ? "dynamic (BGP)" : "static",
        a.accelerated ? ", acceleration enabled" : "");
    out += fmt::format("Amazon-side ASN {}; customer gateway {}, BGP ASN {}\n", a.asn,
                       s.cgw.outside_ip, a.customer_gateway_asn.value_or(s.cgw.asn));
    out += fmt::format("LocalIpv4NetworkCidr {}, RemoteIpv4NetworkCidr {}\n",
                       plain(o["LocalIpv4NetworkCidr"]), plain(o["RemoteIpv4NetworkCidr"]));
    if (a.routing == scenario::Routing::Static) {
        std::string routes;
        for (const auto& route : vpn["Routes"]) {
            routes += (routes.empty() ? "" : ", ") + plain(route["DestinationCidrBlock"]);
        }
        out += fmt::format("Static routes: {}\n", routes.empty() ? "(none)" : routes);
    }
    auto defaults = s;
    for (auto& t : defaults.aws.tunnels) {
        auto d = default_tunnel();
        d.outside_ip = t.outside_ip;
        d.inside_cidr = t.inside_cidr;
        d.psk = t.psk;
        t = d;
    }
    const auto base = describe(defaults, r)["Options"]["TunnelOptions"];
    const auto& tunnels = o["TunnelOptions"];
    for (std::size_t i = 0; i < tunnels.size() && i < base.size(); ++i) {
        std::string changed;
        for (const auto& [key, value] : tunnels[i].items()) {
            if (key == "LogOptions" || (base[i].contains(key) && base[i][key] == value)) continue;
            changed += fmt::format("\n    {}: {}", key, plain(value));
        }
        out += fmt::format(
            "Tunnel {} ({}, inside {}) options: {}\n", i + 1, plain(tunnels[i]["OutsideIpAddress"]),
            plain(tunnels[i]["TunnelInsideCidr"]),
            changed.empty() ? "AWS's defaults" : "changed from AWS's defaults:" + changed);
    }
    return out;
}

struct Line {
    std::string text;
    SimTime first{};
    SimTime last{};
    int count{0};
};

// A stream's lines in order of first appearance; a line seen again is counted, not repeated.
std::string stream(std::string_view title, const std::vector<Line>& lines) {
    std::string out = fmt::format("  {}\n", title);
    if (lines.empty()) return out + "    (no events)\n";
    const auto shown = std::min(lines.size(), kMaxLogLines);
    for (std::size_t i = 0; i < shown; ++i) {
        const auto& l = lines[i];
        out += fmt::format("    {}  {}", clock(l.first), l.text);
        if (l.count > 1) out += fmt::format("  (x{}, last {})", l.count, clock(l.last));
        out += '\n';
    }
    if (lines.size() > shown) {
        out += fmt::format("    ... and {} more distinct lines\n", lines.size() - shown);
    }
    return out;
}

void add(std::vector<Line>& lines, std::string text, SimTime t) {
    const auto it =
        std::find_if(lines.begin(), lines.end(), [&](const Line& l) { return l.text == text; });
    if (it != lines.end()) {
        it->last = t;
        ++it->count;
        return;
    }
    lines.push_back(Line{std::move(text), t, t, 1});
}

std::string logs(const run::RunResult& r) {
    std::string out =
        "CloudWatch Logs, each tunnel's IKE and BGP stream (IKE lines: [ike_phase1_state/"
        "ike_phase2_state]):\n";
    for (const auto& t : r.tunnels) {
        const auto ip = t.outside_ip.to_string();
        std::vector<Line> ike;
        for (const auto& e : t.logs.ike) {
            add(ike,
                fmt::format("[{}/{}{}] {}", e.phase1, e.phase2,
                            e.nat_t_detected ? ", NAT-T detected" : "", e.details),
                e.t);
        }
        std::vector<Line> bgp;
        for (const auto& e : t.logs.bgp) {
            std::string text = fmt::format("{} {}: {}", e.type, e.status, e.details);
            if (e.route) {
                text +=
                    fmt::format(" (prefix {}, AS path {}, MED {}, next hop {})", e.route->prefix,
                                e.route->as_path, e.route->med, e.route->next_hop);
            }
            add(bgp, std::move(text), e.t);
        }
        out += stream(aws::ike_stream_name(r.vpn_id, ip), ike);
        out += stream(aws::bgp_stream_name(r.vpn_id, ip), bgp);
    }
    return out;
}

// The users' traffic: the scenario's own flows (with their packet size) and the probes.
std::string traffic(const scenario::Scenario& s, const run::RunResult& r) {
    const auto reach = run::reachability(r);
    if (!reach.checked()) return "";
    std::vector<Row> rows{{"FROM", "TO", "KIND", "BYTES", "SENT", "ANSWERED", "RESULT"}};
    for (const auto& f : r.flows) {
        const bool ok = f.probe_for ? f.answered * 2 >= f.sent : f.last_ok;
        const auto own = static_cast<std::size_t>(f.number - 1);
        const int size =
            !f.probe_for && own < s.traffic.size() ? s.traffic[own].size : scenario::Flow{}.size;
        rows.push_back({f.from.to_string(), f.to.to_string(), std::string(f.kind),
                        fmt::format("{}", size), fmt::format("{}", f.sent),
                        f.ping ? fmt::format("{}", f.answered) : "-", ok ? "ok" : "failing"});
    }
    return "What the users see (pings and transfers between the VPC and on premises):\n" +
           report::columns(rows, "  ") + "  " + run::reachability_line(reach) + "\n";
}

}  // namespace

std::string aws_view(const scenario::Scenario& as_written, const run::RunResult& r) {
    // The console shows the connection as it is now: every modification in force.
    const auto s = scenario::with_changes_applied(as_written);
    const auto vpn = describe(s, r);
    std::string out =
        fmt::format("Observed from {} to {} UTC ({})\n", clock(SimTime{0}), clock(r.stats.end_time),
                    scenario::detail::format_duration(r.stats.end_time));
    out += connection(s, r, vpn);
    for (const auto& c : as_written.changes) {
        out += fmt::format("CloudTrail: {} at {}\n",
                           c.kind == scenario::Change::Kind::ModifyTunnelOptions
                               ? fmt::format("ModifyVpnTunnelOptions on tunnel {}", c.tunnel)
                               : std::string("ModifyVpnConnectionOptions"),
                           clock(c.at));
    }
    std::vector<Row> rows{{"TUNNEL", "OUTSIDE IP", "STATUS", "STATUS MESSAGE"}};
    for (const auto& t : r.tunnels) {
        rows.push_back({fmt::format("{}", t.number), t.outside_ip.to_string(), t.status.status(),
                        t.status.message});
    }
    out += "\nTunnel details (the console):\n" + report::columns(rows, "  ");
    out += "\nVgwTelemetry:\n" + vpn["VgwTelemetry"].dump(4) + "\n\n";
    out += logs(r);
    const auto t = traffic(as_written, r);
    if (!t.empty()) out += "\n" + t;
    return out;
}

}  // namespace vpnsim::train
