#include "sim/explore/properties.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

#include "sim/fix/catalogue.hpp"
#include "sim/fix/search.hpp"
#include "sim/report/expect.hpp"
#include "sim/report/text.hpp"
#include "sim/run/configure.hpp"
#include "sim/run/reachability.hpp"
#include "sim/run/world.hpp"
#include "sim/scenario/loader.hpp"
#include "sim/scenario/writer.hpp"

namespace vpnsim::explore {
namespace {

using Kind = Verdict::Kind;

Verdict pass() {
    return {};
}
Verdict fail(std::string message) {
    return {Kind::Fail, std::move(message)};
}
Verdict not_applicable(std::string why) {
    return {Kind::NotApplicable, std::move(why)};
}

constexpr std::array<std::string_view, kAllProperties.size()> kNames{
    "invariants",    "diagnosis-complete", "fix-sound",
    "deterministic", "healthy-converges",  "round-trip"};

bool covers(const ipsec::TsList& list, net::Ipv4Addr a) {
    return std::any_of(list.begin(), list.end(),
                       [&](const ipsec::TrafficSelector& t) { return t.start <= a && a <= t.end; });
}

// BGP's TCP session runs between the inside addresses: some CHILD_SA must carry it.
bool selectors_carry_bgp(const run::TunnelResult& t) {
    const auto aws_inside = t.inside_cidr.nth(1);
    const auto cgw_inside = t.inside_cidr.nth(2);
    if (covers(t.ts_aws, aws_inside) && covers(t.ts_cgw, cgw_inside)) return true;
    return std::any_of(t.further_sas.begin(), t.further_sas.end(), [&](const auto& sa) {
        return covers(sa.aws, aws_inside) && covers(sa.cgw, cgw_inside);
    });
}

// Some CHILD_SA was established on the tunnel during the run (child_up_at is only the
// current one's; AWS's log keeps every one).
bool had_child_sa(const run::TunnelResult& t) {
    return t.child_up_at || std::any_of(t.logs.ike.begin(), t.logs.ike.end(), [](const auto& e) {
               return e.details.find("Phase 2 SA is established") != std::string::npos;
           });
}

// Since when the tunnel's SAs have not carried BGP: since its selectors last changed (a CHILD_SA
// for another proxy-ID pair replaced the one that did, or the SAs went) or its status did.
SimTime bgp_uncovered_since(const run::TunnelResult& t) {
    return std::max(t.selectors_since, t.last_status_change);
}

bool replied_quick_mode(const run::RunResult& r, const run::TunnelResult& t) {
    const auto node = fmt::format("aws-t{}", t.number);
    return std::any_of(r.trace.records().begin(), r.trace.records().end(),
                       [&](const kernel::TraceRecord& rec) {
                           return rec.node == node && rec.fsm == "ike" && rec.to == "QmReplied2";
                       });
}

// BGP does not watch IPsec: once the CHILD_SA is gone the session stays Established until
// its hold timer expires (RFC 4271 §6.5; FRR over a VTI does the same), so an Established
// session without a covering SA is a violation only after the negotiated hold time (AWS's
// 30 s or the CGW's, the smaller; never with a hold time of 0, which has no timer).
bool bgp_outlived_its_sa(const scenario::Scenario& s, const run::TunnelResult& t) {
    const int hold = std::min<int>(run::kAwsBgpHoldSeconds, s.cgw.bgp.hold_time_seconds);
    if (hold == 0) return false;
    return bgp_uncovered_since(t) + sec(hold) + sec(1) < s.duration;
}

std::optional<std::string> tunnel_invariant(const scenario::Scenario& s, const run::RunResult& r,
                                            const run::TunnelResult& t) {
    const bool ipsec_up = t.ike_state == aws::kEstablished && t.child_state == aws::kEstablished;
    const bool bgp_up = t.bgp_state == "Established";
    const bool up_by_rule = ipsec_up && (!t.dynamic || bgp_up);
    if (t.status.up != up_by_rule) {
        return fmt::format("tunnel {}: Status {} but IKE SA {}, CHILD_SA {}, BGP {} ({})", t.number,
                           t.status.status(), t.ike_state, t.child_state, t.bgp_state,
                           t.dynamic ? "dynamic" : "static");
    }
    if (bgp_up && !selectors_carry_bgp(t) && bgp_outlived_its_sa(s, t)) {
        return fmt::format(
            "tunnel {}: BGP Established but no CHILD_SA covers {} <=> {} "
            "(selectors {} <=> {}) since {}, longer than the hold time",
            t.number, t.inside_cidr.nth(1), t.inside_cidr.nth(2), t.selectors_aws, t.selectors_cgw,
            format_time(bgp_uncovered_since(t)));
    }
    // AWS sends only on an established CHILD_SA; it accepts ESP on one whose inbound half it
    // installed with its quick-mode reply (IKEv1 responder, RFC 2409 §5.5) before QM3 arrives.
    if (t.flow_to_cgw > 0 && !had_child_sa(t)) {
        return fmt::format("tunnel {}: sent {} probe packets to the CGW but never had a CHILD_SA",
                           t.number, t.flow_to_cgw);
    }
    if (t.flow_to_aws > 0 && !had_child_sa(t) && !replied_quick_mode(r, t)) {
        return fmt::format("tunnel {}: accepted {} probe packets but never had a CHILD_SA",
                           t.number, t.flow_to_aws);
    }
    if (t.accepted_routes > 0 && !bgp_up && t.dynamic) {
        return fmt::format("tunnel {}: {} accepted routes without an Established session", t.number,
                           t.accepted_routes);
    }
    return std::nullopt;
}

Verdict invariants(const scenario::Scenario& s, const run::RunResult& r) {
    SimTime last{};
    for (const auto& rec : r.trace.records()) {
        if (rec.t < last) {
            return fail(fmt::format("simulated time went back: a record at {} after one at {}",
                                    format_time(rec.t), format_time(last)));
        }
        last = rec.t;
        if (rec.event == "drop" && rec.reason.empty()) {
            return fail("a drop without a reason: " + kernel::format_record(rec));
        }
    }
    for (const auto& t : r.tunnels) {
        if (auto broken = tunnel_invariant(s, r, t)) return fail(*broken);
    }
    return pass();
}

std::string status_summary(const run::RunResult& r) {
    std::vector<std::string> parts;
    for (const auto& t : r.tunnels) {
        parts.push_back(
            fmt::format("tunnel {} {} ({})", t.number, t.status.status(), t.status.message));
    }
    return fmt::format("{}", fmt::join(parts, ", "));
}

Verdict diagnosis_complete(const diagnose::Diagnosis& d, const run::RunResult& r) {
    if (!d.complete) return not_applicable("the run spent its event budget");
    if (d.healthy()) return pass();
    if (d.causes.empty()) {
        return fail(fmt::format("not healthy ({}; {}) and no cause named", status_summary(r),
                                run::reachability_line(d.reach)));
    }
    for (const auto& t : r.tunnels) {
        if (t.status.up) continue;
        const bool named = std::any_of(d.causes.begin(), d.causes.end(), [&](const auto& c) {
            return c.tunnels.empty() ||
                   std::find(c.tunnels.begin(), c.tunnels.end(), t.number) != c.tunnels.end();
        });
        if (!named) {
            std::vector<std::string> codes;
            for (const auto& c : d.causes) codes.push_back(c.code);
            return fail(fmt::format("tunnel {} is DOWN ({}) and no cause names it (causes: {})",
                                    t.number, t.status.message, fmt::join(codes, ", ")));
        }
    }
    return pass();
}

// Replays what `fix --apply` writes for the set: TOML text, loaded, simulated, its [expect]
// checked as `vpnsim run` checks it.
std::optional<std::string> replay_fixed(const scenario::Scenario& s, const fix::SearchResult& found,
                                        const fix::Candidate& c) {
    const auto text = scenario::to_toml(fix::fixed_scenario(s, found, c));
    const auto loaded = scenario::load_string(text, "fixed.toml");
    if (!loaded.scenario) {
        return fmt::format("the fixed scenario does not load: {}",
                           loaded.diagnostics.front().to_string());
    }
    // The file claims what its verifying run produced ([expect]: the tunnels UP, each own flow
    // and each probe's answers); `vpnsim run` of it must find the claim true.
    const auto r = run::simulate(*loaded.scenario);
    const auto broken = report::check_expectations(*loaded.scenario, r);
    if (!broken.empty() || !r.all_up()) {
        return fmt::format("replayed from its TOML: {}; {}", status_summary(r),
                           broken.empty() ? std::string("[expect] holds") : broken.front());
    }
    return std::nullopt;
}

Verdict fix_sound(const scenario::Scenario& s) {
    const auto found = fix::search(s);
    if (!found.complete) return not_applicable("the run spent its event budget");
    const auto plan = run::probe_plan(s);
    for (const auto& c : found.minimal) {
        if (!fix::works_end_to_end(fix::apply(s, c.fixes), plan)) {
            return fail(fmt::format("fix set [{}] does not make the probes flow when applied",
                                    fix::codes(c.fixes)));
        }
        if (auto broken = replay_fixed(s, found, c)) {
            return fail(fmt::format("fix set [{}]: {}", fix::codes(c.fixes), *broken));
        }
    }
    return pass();
}

std::string rendering(const scenario::Scenario& s, const run::RunResult& r) {
    return report::tunnel_table(s, r) + run::reachability_line(run::reachability(r)) +
           r.trace.render();
}

Verdict deterministic(const scenario::Scenario& probed, const run::RunResult& first) {
    const auto again = run::simulate(probed);
    const auto a = rendering(probed, first);
    const auto b = rendering(probed, again);
    if (a == b) return pass();
    const auto at = std::mismatch(a.begin(), a.end(), b.begin(), b.end()).first - a.begin();
    const auto line_start = a.rfind('\n', static_cast<std::size_t>(at));
    const auto from = line_start == std::string::npos ? 0 : line_start + 1;
    return fail(fmt::format("two runs differ at byte {}: \"{}\"", at,
                            a.substr(from, a.find('\n', from) - from)));
}

Verdict healthy_converges(const diagnose::Diagnosis& d, const run::RunResult& r) {
    if (!d.healthy()) {
        return fail(fmt::format("a healthy base is not healthy: {}; {}", status_summary(r),
                                run::reachability_line(d.reach)));
    }
    for (const auto& t : r.tunnels) {
        const auto up = t.dynamic ? t.bgp_up_at : t.child_up_at;
        if (!up || *up > kConverge) {
            return fail(fmt::format("tunnel {} came UP at {}, after {}", t.number,
                                    up ? format_time(*up) : "-", format_time(kConverge)));
        }
    }
    return pass();
}

std::optional<std::string> round_trip_of(const scenario::Scenario& s, const std::string& text,
                                         std::string_view what) {
    const auto loaded = scenario::load_string(text, "written.toml");
    if (!loaded.scenario) {
        return fmt::format("the {} TOML does not load: {}", what,
                           loaded.diagnostics.front().to_string());
    }
    if (scenario::without_position(*loaded.scenario) != scenario::without_position(s)) {
        return fmt::format("the {} TOML loads as another scenario", what);
    }
    return std::nullopt;
}

Verdict round_trip(const scenario::Scenario& s) {
    if (auto broken = round_trip_of(s, scenario::to_toml(s), "full")) return fail(*broken);
    if (auto broken = round_trip_of(s, scenario::minimal_toml(s), "minimal")) return fail(*broken);
    return pass();
}

}  // namespace

std::string_view name(Property p) {
    return kNames[static_cast<std::size_t>(p)];
}

std::optional<Property> parse_property(std::string_view text) {
    for (const auto p : kAllProperties) {
        if (name(p) == text) return p;
    }
    return std::nullopt;
}

Evaluation::Evaluation(scenario::Scenario s, bool unmutated)
    : s_(std::move(s)), unmutated_(unmutated) {}
Evaluation::~Evaluation() = default;

const scenario::Scenario& Evaluation::probed() {
    if (!probed_) probed_ = run::with_probes(s_);
    return *probed_;
}

const run::RunResult& Evaluation::result() {
    if (!result_) result_ = std::make_unique<run::RunResult>(run::simulate(probed()));
    return *result_;
}

const diagnose::Diagnosis& Evaluation::diagnosis() {
    if (!diagnosis_) diagnosis_ = diagnose::diagnose(probed(), result());
    return *diagnosis_;
}

bool Evaluation::healthy() {
    const auto& r = result();
    return r.complete() && r.all_up() && run::reachability(r).holds();
}

Verdict Evaluation::check(Property p) {
    switch (p) {
        case Property::Invariants:
            return invariants(probed(), result());
        case Property::DiagnosisComplete:
            if (healthy()) return pass();
            return diagnosis_complete(diagnosis(), result());
        case Property::FixSound:
            return fix_sound(s_);
        case Property::Deterministic:
            return deterministic(probed(), result());
        case Property::HealthyConverges:
            if (!unmutated_) return not_applicable("the scenario has mutations");
            return healthy_converges(diagnosis(), result());
        case Property::RoundTrip:
            return round_trip(s_);
    }
    return pass();
}

std::vector<std::string> Evaluation::outcome() {
    if (healthy()) return {"UP"};
    const auto& d = diagnosis();
    if (!d.complete) return {"incomplete"};
    if (d.healthy()) return {"UP"};
    if (d.causes.empty()) return {"unexplained"};
    std::vector<std::string> codes;
    for (const auto& c : d.causes) {
        if (std::find(codes.begin(), codes.end(), c.code) == codes.end()) codes.push_back(c.code);
    }
    return codes;
}

}  // namespace vpnsim::explore
