// DOC: the fix search -- which sets of catalogue fixes make the VPN work end to end, proved
// by re-simulating each candidate.
// The variants of a scenario form a graph (Boost.Graph): a vertex is a set of fixes, an edge
// adds one fix and weighs its cost class. Vertices are evaluated in order of their shortest
// distance from the unfixed scenario (Dijkstra), so cheaper sets are tried first; a set that
// contains a set already known to work is skipped, and since every proper subset of a set is
// cheaper, each reported set is minimal: no proper subset also works.
// "Works" means end to end (sim/run/reachability.hpp), never tunnel status alone: every tunnel
// UP; on a dynamic VPN every prefix the CGW advertises accepted by AWS; every [[traffic]] flow
// of the scenario working at the end; and traffic flowing both ways between the VPC and every
// on-premises prefix, proved by the built-in probe flows added to every run of the search, the
// unfixed one included. The probes are planned once, from the scenario as written, so every
// variant is held to the same network. On a path with random loss one lucky run proves nothing
// (a fix that changes the addresses or timing changes which packets are lost), so there a set
// works only if it works under the scenario's seed and kLossProofSeeds - 1 further seeds. A
// budget bounds the number of candidates simulated.
// A run cut short by its event budget proves nothing either way: an incomplete original
// stops the search, and an incomplete candidate is "undecided", neither working nor failed.
// The search keeps one run at a time, without its trace or logs (it reads outcomes only), so
// its memory does not grow with the number of candidates or with their runs' length.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sim/fix/catalogue.hpp"
#include "sim/run/reachability.hpp"
#include "sim/run/result.hpp"
#include "sim/run/world.hpp"
#include "sim/scenario/scenario.hpp"

namespace vpnsim::fix {

// Seeds a candidate must work under when the path loses packets at random.
inline constexpr std::uint64_t kLossProofSeeds = 5;

struct TunnelOutcome {
    int number{1};
    std::string outside_ip;
    std::string status;
    std::string message;
    std::optional<SimTime> up_at;  // when the tunnel's status became UP
};

struct Candidate {
    std::vector<std::size_t> fixes;  // indices into catalogue(), in application order
    int cost{0};
    bool works{false};
    std::vector<TunnelOutcome> outcome;
    // The end-to-end check of its run (under the scenario's seed), and every flow's result
    // there: the scenario's own [[traffic]], then the probes.
    run::Reachability reach;
    std::vector<run::FlowResult> flows;
    // Set when the set worked under the scenario's seed but not under this one (lossy path).
    std::optional<std::uint64_t> fails_under_seed;
    // Set when a run of this set (under this seed) spent its event budget: undecided.
    std::optional<std::uint64_t> incomplete_under_seed;
};

struct SearchResult {
    std::vector<run::ProbePlan> probes;  // the built-in probe flows every run carried
    std::vector<TunnelOutcome> before;
    run::Reachability before_reach;
    std::vector<Candidate> minimal;    // working sets, cheapest first
    std::vector<Candidate> tried;      // every evaluated set that did not work, in order
    std::vector<Candidate> undecided;  // sets whose runs were incomplete, in order
    std::size_t evaluated{0};
    bool budget_exhausted{false};
    // False when the unfixed scenario's own run was incomplete: nothing was searched.
    bool complete{true};
};

inline constexpr std::size_t kDefaultBudget = 200;
inline constexpr std::size_t kMaxFixesPerSet = 3;

// budget: candidates to simulate; event_budget: each simulation's (run::RunLimits).
SearchResult search(const scenario::Scenario& s, std::size_t budget = kDefaultBudget,
                    std::uint64_t event_budget = run::kDefaultEventBudget);

// The scenario with the given fixes applied, in order.
scenario::Scenario apply(const scenario::Scenario& s, const std::vector<std::size_t>& fixes);

// The scenario with a found set's fixes applied, as `fix --apply` writes it: the search's probe
// flows written as [[traffic]] (so a replay proves the traffic flows, not only the tunnels) and
// [expect] set to what the verifying run produced -- the tunnels' status, each own flow "ok",
// each probe's pings answered.
scenario::Scenario fixed_scenario(const scenario::Scenario& s, const SearchResult& r,
                                  const Candidate& c);

// Did this run bring every tunnel UP, with every advertised prefix accepted, every own flow
// working and every probe (run::with_probes) reaching?
bool works(const scenario::Scenario& s, const run::RunResult& r);
// Simulates `s` with the probes of `plan` appended (its run limits the defaults) and judges.
bool works_end_to_end(const scenario::Scenario& s, const std::vector<run::ProbePlan>& plan);
std::vector<TunnelOutcome> outcome(const scenario::Scenario& s, const run::RunResult& r);

}  // namespace vpnsim::fix
