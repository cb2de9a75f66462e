#include "sim/report/diagnosis.hpp"

#include <fmt/format.h>

#include "sim/report/json.hpp"
#include "sim/report/text.hpp"

namespace vpnsim::report {
namespace {

// Wraps a paragraph at 92 columns with the given indent.
std::string wrap(std::string_view text, std::string_view indent) {
    std::string out;
    std::string line(indent);
    std::size_t pos = 0;
    while (pos < text.size()) {
        auto end = text.find(' ', pos);
        if (end == std::string_view::npos) end = text.size();
        const auto word = text.substr(pos, end - pos);
        if (line.size() > indent.size() && line.size() + 1 + word.size() > 92) {
            out += line + '\n';
            line = std::string(indent);
        }
        if (line.size() > indent.size()) line += ' ';
        line += word;
        pos = end + 1;
    }
    return out + line + '\n';
}

std::string tunnel_list(const std::vector<int>& tunnels) {
    if (tunnels.empty()) return "the whole connection";
    std::string out;
    for (const int t : tunnels) out += (out.empty() ? "" : ", ") + std::to_string(t);
    return (tunnels.size() == 1 ? "tunnel " : "tunnels ") + out;
}

}  // namespace

std::string diagnosis_text(const scenario::Scenario& s, const run::RunResult& r,
                           const diagnose::Diagnosis& d) {
    std::string out = fmt::format("{}: {} -- simulated {}, seed {}\n", s.file, s.name,
                                  format_time(r.stats.end_time), s.seed);
    for (const auto& t : r.tunnels) {
        out += fmt::format("  tunnel {} {}: {} \"{}\"\n", t.number, t.outside_ip, t.status.status(),
                           t.status.message);
    }
    if (d.reach.checked()) out += "  " + run::reachability_line(d.reach) + "\n";
    out += run_notes(s, r);
    if (!d.complete) return out;
    if (d.causes.empty()) {
        out += d.healthy() ? "\nEvery tunnel is UP and traffic flows; no cause to report.\n"
               : r.trace.truncated()
                   ? "\nNo known cause matches the evidence in the trace that was kept; it was "
                     "truncated, so raise --trace-limit, or read it (vpnsim run --trace).\n"
                   : "\nNo known cause matches this run's evidence; read the trace "
                     "(vpnsim run --trace).\n";
        return out;
    }
    if (d.healthy()) {
        out +=
            "\nEvery tunnel is UP and traffic flows at the end of the run; what follows "
            "happened on the way:\n";
    } else if (d.all_up) {
        out += "\nEvery tunnel is UP, but traffic does not flow:\n";
    }
    for (std::size_t i = 0; i < d.causes.size(); ++i) {
        const auto& c = d.causes[i];
        out +=
            fmt::format("\n[{}] {} -- {} ({})\n", i + 1, c.code, c.title, tunnel_list(c.tunnels));
        out += wrap(c.explanation, "    ");
        out += "    AWS shows:\n";
        for (const auto& line : c.symptom) out += fmt::format("      {}\n", line);
        if (!c.evidence.empty()) out += "    Evidence (simulated):\n";
        for (const auto& e : c.evidence) out += fmt::format("      {}\n", kernel::format_record(e));
    }
    return out;
}

std::string diagnosis_json(const scenario::Scenario& s, const run::RunResult& r,
                           const diagnose::Diagnosis& d) {
    JsonWriter w(2);
    w.begin_object();
    w.field("scenario", std::string_view(s.name)).field("file", std::string_view(s.file));
    w.field("all_up", d.all_up);
    w.field("healthy", d.healthy());
    w.key("reachability").begin_object();
    w.field("holds", d.reach.holds())
        .field("flows", static_cast<std::uint64_t>(d.reach.own_flows))
        .field("flows_working", static_cast<std::uint64_t>(d.reach.own_ok))
        .field("prefixes", static_cast<std::uint64_t>(d.reach.probes.size()))
        .field("prefixes_reached", static_cast<std::uint64_t>(d.reach.probes_reaching()));
    w.end_object();
    w.field("complete", d.complete);
    w.key("tunnels").begin_array();
    for (const auto& t : r.tunnels) {
        w.begin_object().field("number", t.number).field("outside_ip", t.outside_ip.to_string());
        w.field("status", t.status.status())
            .field("status_message", std::string_view(t.status.message));
        w.end_object();
    }
    w.end_array();
    w.key("causes").begin_array();
    for (const auto& c : d.causes) {
        w.begin_object();
        w.field("code", std::string_view(c.code)).field("title", std::string_view(c.title));
        w.key("tunnels").begin_array();
        for (const int t : c.tunnels) w.value(t);
        w.end_array();
        w.field("explanation", std::string_view(c.explanation));
        w.key("symptom").begin_array();
        for (const auto& l : c.symptom) w.value(std::string_view(l));
        w.end_array();
        w.key("evidence").begin_array();
        for (const auto& e : c.evidence) {
            w.begin_object().field("t", format_time(e.t)).field("record", kernel::format_record(e));
            w.end_object();
        }
        w.end_array();
        w.end_object();
    }
    w.end_array();
    w.end_object();
    return w.str() + "\n";
}

}  // namespace vpnsim::report
