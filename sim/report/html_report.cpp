#include "sim/report/html_report.hpp"

#include <fmt/format.h>

#include <map>
#include <nlohmann/json.hpp>

#include "sim/aws/clock.hpp"
#include "sim/fix/catalogue.hpp"
#include "sim/report/aws_json.hpp"
#include "sim/report/html_assets.hpp"
#include "sim/report/markup.hpp"
#include "sim/report/timeline.hpp"
#include "sim/report/wire_fields.hpp"
#include "sim/run/reachability.hpp"

namespace vpnsim::report {
namespace {

// A long run's page stays one a browser opens at once: the rest is a --from/--to away.
constexpr std::size_t kMaxTraceLines = 5'000;
constexpr std::size_t kMaxLogLines = 1'000;  // per stream

using Out = std::string;

template <typename... Args>
void put(Out& out, fmt::format_string<Args...> f, Args&&... args) {
    fmt::format_to(std::back_inserter(out), f, std::forward<Args>(args)...);
}

void text(Out& out, std::string_view t) {
    append_escaped(out, t);
}

// Each trace record's line, formatted once for the page: the trace section prints them, and a
// cause's evidence (a copy of a record) is found among them by its text.
struct Lines {
    std::vector<std::string> text;
    std::map<std::string_view, std::size_t> number;  // the first record with that text
};

Lines record_lines(const kernel::Trace& trace) {
    Lines out;
    const auto& records = trace.records();
    out.text.reserve(records.size());
    for (const auto& r : records) out.text.push_back(format_record(r));
    for (std::size_t i = 0; i < out.text.size(); ++i) out.number.emplace(out.text[i], i);
    return out;
}

void aws_view(Out& out, const ReportRun& run, const std::string& id) {
    const auto& s = *run.scenario;
    const auto& r = *run.result;
    put(out, R"(<section class="aws" id="{}-aws"><h2>AWS view</h2>)", id);
    put(out, "<p class=\"vpn\">{} &middot; {} &middot; {} routing &middot; CGW {} ASN {}</p>",
        escaped(r.vpn_id),
        s.aws.gateway == scenario::GatewayType::Tgw ? "transit gateway" : "virtual private gateway",
        s.aws.routing == scenario::Routing::Dynamic ? "dynamic" : "static",
        s.cgw.outside_ip.to_string(), s.cgw.asn);
    out +=
        "<p class=\"sub\">Tunnel details (VgwTelemetry, as the console shows them)</p>"
        "<table class=\"tunnels\"><thead><tr><th>Tunnel</th><th>Outside IP</th>"
        "<th>Status</th><th>Status message</th><th>Last status change</th>"
        "<th>Accepted routes</th><th>IKE SA</th><th>CHILD SA</th><th>Selectors (AWS &lt;=&gt; "
        "CGW)</th><th>BGP</th></tr></thead><tbody>\n";
    for (const auto& t : r.tunnels) {
        const auto status = t.status.status();
        put(out,
            "<tr class=\"tunnel {}\"><td>{}</td><td>{}</td><td class=\"status\">{}</td><td>{}</td>"
            "<td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n",
            status == "UP" ? "up" : "down", t.number, t.outside_ip.to_string(), status,
            escaped(t.status.message), aws::iso8601(t.last_status_change), t.accepted_routes,
            escaped(t.ike_state), escaped(t.child_state),
            t.selectors_aws.empty() ? "-" : escaped(t.selectors_aws + " <=> " + t.selectors_cgw),
            escaped(t.bgp_state.empty() ? "-" : t.bgp_state));
    }
    out += "</tbody></table>\n";
    const auto& reach = run.diagnosis->reach;
    put(out, R"(<p class="verdict {}">{}</p>)", run.diagnosis->healthy() ? "ok" : "failing",
        escaped(run::reachability_line(reach)));
    out += "</section>\n";
}

void diagnosis_section(Out& out, const ReportRun& run, const std::string& id, const Lines& lines) {
    const auto& d = *run.diagnosis;
    put(out, R"(<section class="diagnosis" id="{}-diagnosis"><h2>Diagnosis</h2>)", id);
    if (!d.complete) out += "<p>The run spent its event budget: no verdict.</p>";
    if (d.causes.empty()) {
        put(out, "<p class=\"{}\">{}</p>", d.healthy() ? "ok" : "failing",
            d.healthy() ? "Healthy: every tunnel UP and traffic flows both ways."
                        : "No cause found for what failed (unexplained).");
    }
    for (const auto& c : d.causes) {
        put(out, R"(<div class="cause" data-code="{}"><h3><code>{}</code> {}</h3>)",
            escaped(c.code), escaped(c.code), escaped(c.title));
        std::string tunnels;
        for (const int t : c.tunnels)
            tunnels += fmt::format("{}{}", tunnels.empty() ? "" : ", ", t);
        put(out, "<p class=\"meta\">tunnels {} &middot; first seen {}s</p><p>", tunnels,
            seconds(c.first_seen));
        text(out, c.explanation);
        out += "</p>";
        if (!c.symptom.empty()) {
            out += "<p class=\"sub\">What AWS shows</p><ul class=\"symptom\">";
            for (const auto& l : c.symptom) {
                out += "<li>";
                text(out, l);
                out += "</li>";
            }
            out += "</ul>";
        }
        out +=
            "<p class=\"sub\">Evidence (click to find it in the ladder)</p><ul class=\"evidence\">";
        for (const auto& e : c.evidence) {
            const auto line = format_record(e);
            const auto it = lines.number.find(line);
            if (it == lines.number.end()) {
                out += "<li>";
                text(out, line);
                out += "</li>";
                continue;
            }
            put(out, R"(<li><a class="ev" href="#{}-rec-{}" data-run="{}" data-rec="{}">)", id,
                it->second, id, it->second);
            text(out, line);
            out += "</a></li>";
        }
        out += "</ul></div>\n";
    }
    out += "</section>\n";
}

void fixes_section(Out& out, const ReportRun& run, const std::string& id) {
    if (run.fixes == nullptr) return;
    const auto& f = *run.fixes;
    put(out, R"(<section class="fixes" id="{}-fixes"><h2>Fixes proved by simulation</h2>)", id);
    if (f.minimal.empty()) {
        put(out, "<p>No fix set works within {} simulations.</p>", f.evaluated);
    } else {
        out +=
            "<table><thead><tr><th>#</th><th>Fix set</th><th>Cost</th><th>What it changes"
            "</th><th>Disruption</th></tr></thead><tbody>";
        const auto& cat = fix::catalogue();
        for (std::size_t i = 0; i < f.minimal.size(); ++i) {
            const auto& c = f.minimal[i];
            std::string titles;
            std::string disruption;
            for (const auto k : c.fixes) {
                titles += fmt::format("{}{}", titles.empty() ? "" : "; ", cat[k].title);
                disruption +=
                    fmt::format("{}{}", disruption.empty() ? "" : "; ", cat[k].disruption);
            }
            put(out,
                "<tr><td>{}</td><td><code>{}</code></td><td>{}</td><td>{}</td><td>{}</td></tr>",
                i + 1, escaped(fix::codes(c.fixes)), c.cost, escaped(titles), escaped(disruption));
        }
        out += "</tbody></table>";
    }
    put(out, "<p class=\"meta\">{} candidate sets simulated{}.</p></section>\n", f.evaluated,
        f.budget_exhausted ? " (budget spent)" : "");
}

// The packets the ladders show, with their fields and hops, for the detail pane.
nlohmann::json trips_json(const run::Capture& c, const std::vector<Ladder>& ladders) {
    nlohmann::json out = nlohmann::json::object();
    for (const auto& l : ladders) {
        for (const auto& row : l.rows) {
            if (!row.trip || out.contains(std::to_string(*row.trip))) continue;
            nlohmann::json fields = nlohmann::json::array();
            for (const auto& [k, v] : wire_fields(c.trips[*row.trip])) fields.push_back({k, v});
            nlohmann::json hops = nlohmann::json::array();
            for (const auto h : row.hops) {
                const auto& hop = c.hops[h];
                const auto fate = hop.dropped ? "dropped" : hop.arrived ? "arrived" : "in flight";
                hops.push_back({seconds(hop.sent), c.vertices[hop.from], c.vertices[hop.to],
                                seconds(hop.arrives), fate});
            }
            out[std::to_string(*row.trip)] = {
                {"label", row.label}, {"fields", fields}, {"hops", hops}};
        }
    }
    return out;
}

void ladders_section(Out& out, const ReportRun& run, const std::string& id,
                     const ReportOptions& o) {
    std::vector<Ladder> ladders;
    for (std::size_t t = 1; t <= run.scenario->aws.tunnels.size(); ++t) {
        ladders.push_back(build_ladder(*run.scenario, *run.capture, run.result->trace,
                                       static_cast<int>(t), o.window, o.max_rows));
    }
    put(out, R"(<section class="ladders" id="{}-ladders"><h2>Ladder diagrams</h2>)", id);
    out +=
        "<p class=\"meta\">Every packet of each tunnel, time running downwards; click an "
        "arrow for its fields. Blue IKE, green BGP, teal TCP, purple probes, red dropped; "
        "&#9679; timer, &#9632; state change, &#10006; drop.</p>";
    for (const auto& l : ladders) {
        put(out, R"(<h3>Tunnel {}</h3><div class="ladder-box" data-run="{}">)", l.tunnel, id);
        out += ladder_svg(l, false);
        out += "</div>\n";
    }
    auto json = trips_json(*run.capture, ladders).dump();
    std::string safe;
    for (std::size_t i = 0; i < json.size(); ++i) {
        if (json[i] == '<' && i + 1 < json.size() && json[i + 1] == '/') {
            safe += "<\\/";
            ++i;
        } else {
            safe += json[i];
        }
    }
    put(out, R"(<script type="application/json" class="trips" data-run="{}">{}</script>)", id,
        safe);
    out += "</section>\n";
}

void timeline_section(Out& out, const ReportRun& run, const std::string& id,
                      const ReportOptions& o) {
    put(out, R"(<section class="timeline-box" id="{}-timeline"><h2>State timeline</h2>)", id);
    out +=
        "<p class=\"meta\">One lane per state machine; green up, amber on the way, grey "
        "down, blue rekeying. Hover a span for its state and times.</p>";
    const auto lanes = timeline_lanes(*run.capture, run.result->stats.end_time, o.window);
    out += timeline_svg(lanes, o.window);
    out += "</section>\n";
}

void logs_section(Out& out, const ReportRun& run, const std::string& id, const ReportOptions& o) {
    put(out, R"(<section class="logs" id="{}-logs"><h2>CloudWatch log lines</h2>)", id);
    out +=
        "<p class=\"filters\"><input type=\"search\" class=\"log-filter\" placeholder=\"filter"
        "\"> <label><input type=\"checkbox\" class=\"log-kind\" value=\"IKE\" checked> IKE"
        "</label> <label><input type=\"checkbox\" class=\"log-kind\" value=\"BGP\" checked> BGP"
        "</label></p><table class=\"log\"><tbody>\n";
    const auto& r = *run.result;
    const auto resource = r.vpn_id;
    const auto stream = [&](const auto& events, std::string_view kind, const std::string& ip,
                            const auto& line) {
        std::size_t shown = 0;
        std::size_t left = 0;
        for (const auto& e : events) {
            if (!o.window.contains(e.t)) continue;
            if (shown == kMaxLogLines) {
                ++left;
                continue;
            }
            ++shown;
            put(out, R"(<tr data-kind="{}"><td>{}s</td><td>{}</td><td>{}</td><td>)", kind,
                seconds(e.t), ip, kind);
            text(out, line(e));
            out += "</td></tr>\n";
        }
        if (left != 0) {
            put(out,
                R"(<tr data-kind="{}"><td colspan="4">... {} more {} lines for {} )"
                R"((narrow the window with --from/--to)</td></tr>)",
                kind, left, kind, ip);
        }
    };
    for (const auto& t : r.tunnels) {
        const auto ip = t.outside_ip.to_string();
        stream(t.logs.ike, "IKE", ip, [](const aws::IkeLogEvent& e) { return ike_log_line(e); });
        stream(t.logs.bgp, "BGP", ip,
               [&](const aws::BgpLogEvent& e) { return bgp_log_line(e, resource); });
    }
    out += "</tbody></table></section>\n";
}

void trace_section(Out& out, const ReportRun& run, const std::string& id, const ReportOptions& o,
                   const Lines& lines) {
    put(out, R"(<section class="trace" id="{}-trace"><details><summary>Trace</summary><pre>)", id);
    const auto& records = run.result->trace.records();
    std::size_t shown = 0;
    for (std::size_t i = 0; i < records.size(); ++i) {
        if (!o.window.contains(records[i].t)) continue;
        if (++shown > kMaxTraceLines) {
            put(out, "... {} more records (narrow the window)\n", records.size() - i);
            break;
        }
        put(out, R"(<span id="{}-rec-{}">)", id, i);
        text(out, lines.text[i]);
        out += "</span>\n";
    }
    out += "</pre></details></section>\n";
}

}  // namespace

std::string html_report(const std::vector<ReportRun>& runs, const ReportOptions& o) {
    Out out;
    const auto& first = *runs.front().scenario;
    out +=
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        "<meta name=\"viewport\" content=\"width=device-width\">";
    put(out, "<title>vpnsim report: {}</title><style>{}</style></head><body>\n",
        escaped(first.name), kReportCss);
    put(out,
        "<header><h1>{}</h1><p>{}</p><p class=\"meta\">{} &middot; seed {} &middot; "
        "simulated {}s</p></header>\n",
        escaped(first.name), escaped(first.summary), escaped(o.source), first.seed,
        seconds(runs.front().result->stats.end_time));
    if (!first.lesson.empty()) {
        out += "<section class=\"lesson\"><h2>Lesson</h2><p>";
        text(out, first.lesson);
        out += "</p></section>\n";
    }
    out +=
        "<nav class=\"window\">Time window: <input id=\"w-from\" size=\"8\" placeholder=\"from "
        "s\"> to <input id=\"w-to\" size=\"8\" placeholder=\"to s\"> <button id=\"w-apply\">"
        "zoom</button> <button id=\"w-reset\">whole run</button></nav>\n"
        "<aside id=\"detail\" hidden><button id=\"detail-close\">close</button>"
        "<h3 id=\"detail-title\"></h3><table id=\"detail-fields\"></table>"
        "<h4>Hops</h4><table id=\"detail-hops\"></table></aside>\n<main class=\"runs\">";
    for (std::size_t i = 0; i < runs.size(); ++i) {
        const auto& run = runs[i];
        const auto id = fmt::format("run{}", i + 1);
        const auto lines = record_lines(run.result->trace);
        put(out, R"(<div class="run" id="{}">)", id);
        if (!run.title.empty()) put(out, R"(<h2 class="run-title">{}</h2>)", escaped(run.title));
        aws_view(out, run, id);
        diagnosis_section(out, run, id, lines);
        fixes_section(out, run, id);
        ladders_section(out, run, id, o);
        timeline_section(out, run, id, o);
        logs_section(out, run, id, o);
        trace_section(out, run, id, o, lines);
        out += "</div>\n";
    }
    put(out,
        "</main><footer>vpnsim &middot; offline simulation; nothing here was fetched from "
        "a network.</footer><script>{}</script></body></html>\n",
        kReportJs);
    return out;
}

}  // namespace vpnsim::report
