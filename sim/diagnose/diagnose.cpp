#include "sim/diagnose/diagnose.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

#include "sim/diagnose/rules.hpp"

namespace vpnsim::diagnose {
namespace {

using detail::Context;
using detail::TunnelView;

constexpr std::size_t kEvidencePerTunnel = 3;

Context make_context(const scenario::Scenario& s, const run::RunResult& r) {
    Context c{s, r, {}, run::reachability(r)};
    for (std::size_t i = 0; i < s.aws.tunnels.size() && i < r.tunnels.size(); ++i) {
        TunnelView t;
        t.number = static_cast<int>(i + 1);
        t.aws = &s.aws.tunnels[i];
        t.result = &r.tunnels[i];
        t.aws_node = fmt::format("aws-t{}", i + 1);
        for (std::size_t j = 0; j < s.cgw.tunnels.size(); ++j) {
            if (s.cgw.tunnels[j].peer == t.aws->outside_ip) {
                t.cgw = &s.cgw.tunnels[j];
                t.cgw_node = fmt::format("cgw-t{}", j + 1);
                break;
            }
        }
        c.tunnels.push_back(std::move(t));
    }
    return c;
}

// A record belongs to a tunnel when one of its ends wrote it, when a shared device on the
// path (firewall, NAT, the CGW's router) dropped a packet to or from its AWS address, or when
// AWS's gateway or the CGW's router dropped a data packet for want of a route, or the CGW
// itself rebooted or went silent (those concern every tunnel).
bool belongs(const kernel::TraceRecord& rec, const TunnelView& t) {
    if (rec.node == t.aws_node || (!t.cgw_node.empty() && rec.node == t.cgw_node)) return true;
    if (rec.node == "vgw" || rec.node == "tgw") return true;
    if (rec.node == "cgw" && rec.fsm == "flow" && rec.event == "drop") return true;
    if (rec.node == "cgw" && rec.fsm == "cgw") return true;  // the CGW's own life events
    if (rec.node.rfind("aws-t", 0) == 0 || rec.node.rfind("cgw-t", 0) == 0) return false;
    return rec.detail.str().find(t.aws->outside_ip.to_string()) != std::string::npos;
}

std::string status_line(const TunnelView& t) {
    return fmt::format("tunnel {} {}: Status {}, StatusMessage \"{}\"", t.number, t.aws->outside_ip,
                       t.result->status.status(), t.result->status.message);
}

std::optional<std::string> log_line(const TunnelView& t, std::string_view needle) {
    if (needle.empty()) return std::nullopt;
    for (const auto& e : t.result->logs.ike) {
        if (e.details.find(needle) != std::string::npos) return "CloudWatch IKE log: " + e.details;
    }
    for (const auto& e : t.result->logs.bgp) {
        if (e.details.find(needle) != std::string::npos) return "CloudWatch BGP log: " + e.details;
    }
    return std::nullopt;
}

void apply_rule(const Context& c, const detail::Rule& rule, std::vector<Cause>& out) {
    Cause cause;
    // The records the rule matches, in trace order: found once, at the first tunnel whose
    // guard holds, then sorted out per tunnel.
    std::vector<const kernel::TraceRecord*> matched;
    bool scanned = false;
    for (const auto& t : c.tunnels) {
        if (rule.guard != nullptr && !rule.guard(c, t)) continue;
        if (!scanned) {
            for (const auto& rec : c.r.trace.records()) {
                if (rule.match(rec)) matched.push_back(&rec);
            }
            scanned = true;
        }
        std::vector<kernel::TraceRecord> hits;
        for (const auto* rec : matched) {
            if (belongs(*rec, t)) {
                hits.push_back(*rec);
                if (hits.size() == kEvidencePerTunnel) break;
            }
        }
        if (hits.empty()) continue;
        if (cause.tunnels.empty()) {
            cause.code = std::string(rule.code);
            cause.title = std::string(rule.title);
            cause.explanation = rule.explain(c, t);
            cause.first_seen = hits.front().t;
        }
        cause.first_seen = std::min(cause.first_seen, hits.front().t);
        cause.tunnels.push_back(t.number);
        cause.symptom.push_back(status_line(t));
        if (auto l = log_line(t, rule.log)) cause.symptom.push_back(std::move(*l));
        // A connection-wide record (AWS's gateway) is evidence for every tunnel: list it once.
        for (auto& h : hits) {
            const bool listed =
                std::any_of(cause.evidence.begin(), cause.evidence.end(), [&](const auto& e) {
                    return e.t == h.t && e.node == h.node && e.reason == h.reason &&
                           e.detail.str() == h.detail.str();
                });
            if (!listed) cause.evidence.push_back(std::move(h));
        }
    }
    if (!cause.tunnels.empty()) out.push_back(std::move(cause));
}

// When the CGW last powered on: the end of its latest reboot within the run, else the start.
SimTime last_boot(const scenario::Scenario& s) {
    SimTime boot{};
    for (const auto& e : s.cgw.events) {
        if (e.kind == scenario::CgwEvent::Kind::Reboot && e.at + e.duration < s.duration) {
            boot = std::max(boot, e.at + e.duration);
        }
    }
    return boot;
}

// Causes visible in the configuration alone: no CGW tunnel for an AWS endpoint, or nobody
// allowed to initiate. The simulation confirms them: the tunnel never saw an IKE message.
void config_rules(const Context& c, std::vector<Cause>& out) {
    Cause missing{"cgw.no-tunnel-for-aws-endpoint",
                  "No CGW tunnel points at this AWS endpoint",
                  "",
                  {},
                  {},
                  {},
                  {}};
    Cause idle{"ike.nobody-initiates", "Neither side initiates IKE", "", {}, {}, {}, {}};
    for (const auto& t : c.tunnels) {
        if (t.result->status.up) continue;
        const bool aws_waits = t.aws->startup_action == scenario::StartupAction::Add;
        // Without a CGW tunnel for it the endpoint stays down whoever initiates: with
        // startup action "start" the CGW drops AWS's IKE_SA_INIT (no tunnel for that peer).
        // The CGW starts its tunnels initiate_after its last power-on (the run's start, or
        // the end of its latest reboot); IKE that AWS saw before that power-on is gone.
        const SimTime boot = last_boot(c.s);
        if (t.cgw != nullptr) {
            const bool ike_seen =
                std::any_of(c.r.trace.records().begin(), c.r.trace.records().end(),
                            [&](const kernel::TraceRecord& r) {
                                return r.node == t.aws_node && r.fsm == "ike" && r.t >= boot;
                            });
            // A CGW that initiates only at or after the run's end does not initiate in it.
            const bool cgw_starts = t.cgw->initiate && boot + t.cgw->initiate_after < c.s.duration;
            if (ike_seen || cgw_starts || !aws_waits) continue;
        }
        Cause& cause = t.cgw == nullptr ? missing : idle;
        cause.tunnels.push_back(t.number);
        cause.symptom.push_back(status_line(t));
        if (t.cgw == nullptr) {
            cause.explanation =
                c.s.cgw.tunnels.size() < c.s.aws.tunnels.size()
                    ? fmt::format(
                          "The customer gateway configures {} of the connection's {} tunnels; "
                          "none points at AWS outside IP {}, so this endpoint never comes up "
                          "(startup action \"add\": AWS waits for the CGW). The VPN has no "
                          "redundancy: when the working tunnel goes down -- AWS replaces "
                          "tunnel endpoints one at a time during maintenance -- traffic stops. "
                          "Configure the missing tunnel from AWS's configuration file.",
                          c.s.cgw.tunnels.size(), c.s.aws.tunnels.size(), t.aws->outside_ip)
                : aws_waits
                    ? fmt::format(
                          "No tunnel on the customer gateway points at AWS outside IP {}, so "
                          "nothing ever reaches this endpoint (startup action \"add\": AWS "
                          "waits for the CGW). After a VPN connection is recreated AWS assigns "
                          "new outside IPs: the CGW must be re-pointed at them.",
                          t.aws->outside_ip)
                    : fmt::format(
                          "No tunnel on the customer gateway points at AWS outside IP {}. AWS "
                          "initiates (startup action \"start\"), but the customer gateway "
                          "has no peer configured for that address and drops its IKE_SA_INIT. "
                          "Point a CGW tunnel at {} (after a VPN connection is recreated AWS "
                          "assigns new outside IPs).",
                          t.aws->outside_ip, t.aws->outside_ip);
            const auto peer = t.aws->outside_ip.to_string();
            for (const auto& r : c.r.trace.records()) {
                const bool to_nowhere = r.reason == "no-route" && r.fsm == "link";
                const bool refused =
                    r.reason == "no-ike-peer" && r.detail.str().find(peer) != std::string::npos;
                if ((to_nowhere || refused) && missing.evidence.size() < 3) {
                    missing.evidence.push_back(r);
                }
            }
        } else if (t.cgw->initiate) {
            cause.explanation = fmt::format(
                "The tunnel's startup action is \"add\" (AWS waits for the customer gateway to "
                "initiate) and the customer gateway starts IKE only at {} (initiate_after {}{}), "
                "when the run has ended ({}): no IKE_SA_INIT is sent in it. Let the CGW "
                "initiate sooner, or set the startup action to \"start\" (IKEv2) so AWS "
                "initiates.",
                format_time(boot + t.cgw->initiate_after), format_time(t.cgw->initiate_after),
                boot > SimTime{} ? fmt::format(" after its reboot ended at {}", format_time(boot))
                                 : std::string(),
                format_time(c.s.duration));
        } else {
            cause.explanation =
                "The tunnel's startup action is \"add\" (AWS waits for the customer gateway to "
                "initiate) and the customer gateway is configured only to respond, so no "
                "IKE_SA_INIT is ever sent. Let the CGW initiate, or set the startup action to "
                "\"start\" (IKEv2) so AWS initiates.";
        }
    }
    if (!missing.tunnels.empty()) out.push_back(std::move(missing));
    if (!idle.tunnels.empty()) out.push_back(std::move(idle));
}

// A [[traffic]] flow whose last probe is due at or after the run's end is never complete: its
// verdict ("ok" once its last probe arrives) cannot be reached. The run's own flow results
// confirm it: the flow sent fewer probes than its count.
void flow_rules(const Context& c, std::vector<Cause>& out) {
    Cause late{
        "flow.after-run-end", "Traffic scheduled past the end of the run", "", {}, {}, {}, {}};
    std::vector<std::string> flows;
    for (std::size_t i = 0; i < c.s.traffic.size() && i < c.r.flows.size(); ++i) {
        const auto& f = c.s.traffic[i];
        const auto last = f.start + (f.count - 1) * f.interval;
        if (f.probe_for || last < c.s.duration || c.r.flows[i].sent >= f.count) continue;
        flows.push_back(
            fmt::format("flow {} ({} -> {}: its last probe is due at {}, {} of {} sent)", i + 1,
                        f.from, f.to, format_time(last), c.r.flows[i].sent, f.count));
    }
    if (flows.empty()) return;
    late.explanation = fmt::format(
        "The run lasts {}, but {}. A flow works when its last probe arrives, so it cannot work "
        "in this run whatever the tunnels do. Start the traffic earlier, send fewer probes, or "
        "run the scenario longer.",
        format_time(c.s.duration), fmt::join(flows, "; "));
    out.push_back(std::move(late));
}

}  // namespace

Diagnosis diagnose(const scenario::Scenario& s, const run::RunResult& r) {
    // Configuration guards read the connection as it ends up: a [[change]]'s new options count.
    const auto in_force = scenario::with_changes_applied(s);
    const Context c = make_context(in_force, r);
    Diagnosis d;
    d.all_up = r.all_up();
    d.reach = c.reach;
    d.complete = r.complete();
    if (!d.complete) return d;
    config_rules(c, d.causes);
    flow_rules(c, d.causes);
    for (const auto& rule : detail::rules()) apply_rule(c, rule, d.causes);
    std::stable_sort(d.causes.begin(), d.causes.end(),
                     [](const Cause& a, const Cause& b) { return a.first_seen < b.first_seen; });
    return d;
}

std::vector<std::string> cause_codes() {
    std::vector<std::string> out{"cgw.no-tunnel-for-aws-endpoint", "ike.nobody-initiates",
                                 "flow.after-run-end"};
    for (const auto& rule : detail::rules()) out.emplace_back(rule.code);
    return out;
}

}  // namespace vpnsim::diagnose
