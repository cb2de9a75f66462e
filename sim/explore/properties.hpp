// DOC: the properties `vpnsim explore` checks on every generated scenario, and the census
// outcome of one.
//   invariants          the run obeys the model's own rules: simulated time never goes back;
//                       every drop has a reason; a tunnel's Status is UP exactly when IPsec is
//                       up and (static, or BGP Established); BGP Established only over a
//                       CHILD_SA whose selectors cover both inside addresses; a tunnel
//                       carries traffic only if it had a CHILD_SA (no ESP without an SA).
//   diagnosis-complete  an unhealthy run gets at least one cause, and every DOWN tunnel is
//                       named by one (sim/diagnose).
//   fix-sound           every fix set `vpnsim fix` reports, applied, makes the probes flow
//                       end to end; and so does the scenario `fix --apply` writes for it,
//                       written as TOML, loaded and replayed.
//   deterministic       two runs of the scenario give byte-identical reports and traces.
//   healthy-converges   an unmutated base comes UP, with reachability, within kConverge.
//   round-trip          the scenario written as TOML -- in full, and as the minimal file
//                       explore writes -- loads back equal.
// Every run here carries the built-in reachability probes (sim/run/reachability.hpp): a
// verdict is end to end, never tunnel status alone.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/diagnose/diagnose.hpp"
#include "sim/run/result.hpp"
#include "sim/scenario/scenario.hpp"

namespace vpnsim::explore {

enum class Property : std::uint8_t {
    Invariants,
    DiagnosisComplete,
    FixSound,
    Deterministic,
    HealthyConverges,
    RoundTrip,
};
inline constexpr std::array kAllProperties{Property::Invariants,       Property::DiagnosisComplete,
                                           Property::FixSound,         Property::Deterministic,
                                           Property::HealthyConverges, Property::RoundTrip};

std::string_view name(Property p);
std::optional<Property> parse_property(std::string_view text);

// How long a healthy base may take to come UP with traffic flowing: AWS's BGP connect-retry
// (30 s) twice over after the CGW's first IKE message, rounded up.
inline constexpr SimTime kConverge = sec(75);

struct Verdict {
    enum class Kind : std::uint8_t { Pass, Fail, NotApplicable };
    Kind kind{Kind::Pass};
    std::string message;  // why it failed, or why it does not apply
    bool failed() const { return kind == Kind::Fail; }
};

// One scenario's simulation with probes, run at most once and shared by the properties.
class Evaluation {
  public:
    // unmutated: the scenario is a generated healthy base (healthy-converges applies).
    Evaluation(scenario::Scenario s, bool unmutated);
    ~Evaluation();
    Evaluation(const Evaluation&) = delete;
    Evaluation& operator=(const Evaluation&) = delete;

    const scenario::Scenario& scenario() const { return s_; }
    const scenario::Scenario& probed();  // with the built-in probes
    const run::RunResult& result();
    const diagnose::Diagnosis& diagnosis();
    // Every tunnel UP and reachability holding, in a complete run: read off the run alone, so
    // that healthy cases (most of them) never pay for the diagnosis rules.
    bool healthy();
    Verdict check(Property p);
    // The census outcome: "UP" (healthy end to end), the cause codes, "unexplained" (not
    // healthy, no cause) or "incomplete" (the run spent its event budget).
    std::vector<std::string> outcome();

  private:
    scenario::Scenario s_;
    bool unmutated_;
    std::optional<scenario::Scenario> probed_;
    std::unique_ptr<run::RunResult> result_;
    std::optional<diagnose::Diagnosis> diagnosis_;
};

}  // namespace vpnsim::explore
