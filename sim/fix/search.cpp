#include "sim/fix/search.hpp"

#include <fmt/format.h>
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/dijkstra_shortest_paths.hpp>

#include <algorithm>
#include <map>
#include <set>

#include "sim/run/world.hpp"

namespace vpnsim::fix {
namespace {

using FixSet = std::vector<std::size_t>;  // sorted catalogue indices

bool is_subset(const FixSet& small, const FixSet& big) {
    return std::includes(big.begin(), big.end(), small.begin(), small.end());
}

int cost_of(const FixSet& set) {
    int c = 0;
    for (const auto i : set) c += weight(catalogue()[i].cost);
    return c;
}

// Fixes worth trying: those applicable to the scenario, and those a single applicable fix
// makes applicable (a recreate makes the re-point applicable).
FixSet candidates(const scenario::Scenario& s) {
    const auto& cat = catalogue();
    std::set<std::size_t> out;
    for (std::size_t i = 0; i < cat.size(); ++i) {
        if (cat[i].applicable(s)) out.insert(i);
    }
    const std::set<std::size_t> first(out);
    for (const auto i : first) {
        auto variant = s;
        cat[i].apply(variant);
        for (std::size_t j = 0; j < cat.size(); ++j) {
            if (cat[j].applicable(variant)) out.insert(j);
        }
    }
    return FixSet(out.begin(), out.end());
}

// Applies fixes in catalogue order; nullopt when one would change nothing at its turn (the
// set is then the same variant as a smaller one).
std::optional<scenario::Scenario> try_apply(const scenario::Scenario& s, const FixSet& set) {
    auto v = s;
    for (const auto i : set) {
        const auto& f = catalogue()[i];
        if (!f.applicable(v)) return std::nullopt;
        f.apply(v);
    }
    return v;
}

// The lattice of fix sets up to kMaxFixesPerSet, as a weighted graph; Dijkstra orders it.
std::vector<FixSet> cheapest_first(const FixSet& cands) {
    std::vector<FixSet> sets{{}};
    std::map<FixSet, std::size_t> index{{FixSet{}, 0}};
    using Graph =
        boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS, boost::no_property,
                              boost::property<boost::edge_weight_t, int>>;
    Graph g(1);
    for (std::size_t v = 0; v < sets.size(); ++v) {
        if (sets[v].size() == kMaxFixesPerSet) continue;
        for (const auto c : cands) {
            if (!sets[v].empty() && c <= sets[v].back()) continue;  // each set built once...
            FixSet next = sets[v];
            next.push_back(c);
            auto [it, fresh] = index.emplace(next, sets.size());
            if (fresh) {
                sets.push_back(next);
                boost::add_vertex(g);
            }
            boost::add_edge(v, it->second, weight(catalogue()[c].cost), g);
        }
    }
    // ...plus the edges from every other subset one fix smaller, so distances are exact.
    for (std::size_t v = 0; v < sets.size(); ++v) {
        for (std::size_t k = 0; k + 1 < sets[v].size(); ++k) {
            FixSet smaller = sets[v];
            smaller.erase(smaller.begin() + static_cast<std::ptrdiff_t>(k));
            boost::add_edge(index.at(smaller), v, weight(catalogue()[sets[v][k]].cost), g);
        }
    }
    std::vector<int> dist(sets.size());
    boost::dijkstra_shortest_paths(g, 0, boost::distance_map(dist.data()));
    std::vector<std::size_t> order(sets.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        return std::tie(dist[a], sets[a]) < std::tie(dist[b], sets[b]);
    });
    std::vector<FixSet> out;
    for (const auto i : order) out.push_back(sets[i]);
    return out;
}

}  // namespace

std::vector<TunnelOutcome> outcome(const scenario::Scenario& s, const run::RunResult& r) {
    std::vector<TunnelOutcome> out;
    for (const auto& t : r.tunnels) {
        TunnelOutcome o{t.number, t.outside_ip.to_string(), t.status.status(), t.status.message,
                        std::nullopt};
        if (t.status.up)
            o.up_at = s.aws.routing == scenario::Routing::Dynamic ? t.bgp_up_at : t.child_up_at;
        out.push_back(std::move(o));
    }
    return out;
}

bool works(const scenario::Scenario& s, const run::RunResult& r) {
    const std::set<net::Ipv4Prefix> announced(s.cgw.bgp.announce.begin(), s.cgw.bgp.announce.end());
    const bool dynamic = s.aws.routing == scenario::Routing::Dynamic;
    return !r.tunnels.empty() &&
           std::all_of(r.tunnels.begin(), r.tunnels.end(),
                       [&](const run::TunnelResult& t) {
                           // Pairs taking turns on a tunnel carry traffic only at times.
                           return t.status.up && t.sa_replacements == 0 &&
                                  (!dynamic || t.accepted_routes == announced.size());
                       }) &&
           run::reachability(r).holds();
}

bool works_end_to_end(const scenario::Scenario& s, const std::vector<run::ProbePlan>& plan) {
    const auto probed = run::with_probes(s, plan);
    return works(probed, run::simulate(probed));
}

namespace {

// The search reads outcomes only: its runs keep no trace and no log events.
run::RunLimits outcome_only(std::uint64_t event_budget) {
    return run::RunLimits{event_budget, 0, 0};
}

enum class Verdict : std::uint8_t { Works, Fails, Incomplete };

// One scenario of the search -- the unfixed one or a variant -- with the probes it carries.
class Trial {
  public:
    Trial(const std::vector<run::ProbePlan>& plan, std::uint64_t event_budget)
        : plan_(plan), event_budget_(event_budget) {}

    struct Judged {
        Verdict verdict;
        std::vector<TunnelOutcome> outcome;
        run::Reachability reach;
        std::vector<run::FlowResult> flows;
    };

    Judged judge(const scenario::Scenario& variant) const {
        const auto probed = run::with_probes(variant, plan_);
        const auto r = run::simulate(probed, outcome_only(event_budget_));
        Verdict v = Verdict::Incomplete;
        if (r.complete()) v = works(probed, r) ? Verdict::Works : Verdict::Fails;
        return {v, outcome(probed, r), run::reachability(r), r.flows};
    }

    // On a lossy path: the first further seed under which the variant does not work, or whose
    // run is incomplete, with that verdict (those runs are proof only; the outcome reported
    // is the scenario's own seed's).
    std::optional<std::pair<std::uint64_t, Verdict>> unlucky_seed(
        const scenario::Scenario& variant) const {
        for (std::uint64_t k = 1; k < kLossProofSeeds; ++k) {
            auto reseeded = variant;
            reseeded.seed = variant.seed + k;
            const auto v = judge(reseeded).verdict;
            if (v != Verdict::Works) return std::pair{reseeded.seed, v};
        }
        return std::nullopt;
    }

  private:
    const std::vector<run::ProbePlan>& plan_;
    std::uint64_t event_budget_;
};

}  // namespace

// Fixes are made to the connection as it is now: every [[change]]'s options already in force.
scenario::Scenario apply(const scenario::Scenario& s, const std::vector<std::size_t>& fixes) {
    auto v = scenario::with_changes_applied(s);
    for (const auto i : fixes) catalogue().at(i).apply(v);
    return v;
}

scenario::Scenario fixed_scenario(const scenario::Scenario& s, const SearchResult& r,
                                  const Candidate& c) {
    auto v = run::with_probes(apply(s, c.fixes), r.probes);
    v.summary =
        fmt::format("{} -- fixed by: {}", s.summary.empty() ? s.name : s.summary, codes(c.fixes));
    v.lesson.clear();  // the lesson is about the scenario as written, not the fixed one
    scenario::Expect e;
    for (const auto& o : c.outcome) {
        scenario::ExpectTunnel t;
        t.outside_ip = net::Ipv4Addr::parse(o.outside_ip);
        t.status = o.status;
        t.message = o.message;
        e.tunnels.push_back(std::move(t));
    }
    for (const auto& flow : c.flows) {
        scenario::ExpectFlow f;
        if (flow.last_ok) {
            f.result = "ok";
        } else {
            f.answered = flow.answered;  // a probe: at least half its pings came back
        }
        e.flows.push_back(std::move(f));
    }
    v.expect = std::move(e);
    return v;
}

SearchResult search(const scenario::Scenario& s, std::size_t budget, std::uint64_t event_budget) {
    SearchResult out;
    out.probes = run::probe_plan(s);
    const Trial trial(out.probes, event_budget);
    {
        auto original = trial.judge(s);
        out.before = original.outcome;
        out.before_reach = std::move(original.reach);
        ++out.evaluated;
        if (original.verdict == Verdict::Incomplete) {
            out.complete = false;
            return out;
        }
        if (original.verdict == Verdict::Works) {
            out.minimal.push_back(Candidate{{},
                                            0,
                                            true,
                                            out.before,
                                            out.before_reach,
                                            std::move(original.flows),
                                            std::nullopt,
                                            std::nullopt});
            return out;
        }
    }
    const auto now = scenario::with_changes_applied(s);  // what the fixes are made to
    for (const auto& set : cheapest_first(candidates(now))) {
        if (set.empty()) continue;
        if (std::any_of(out.minimal.begin(), out.minimal.end(),
                        [&](const Candidate& m) { return is_subset(m.fixes, set); })) {
            continue;
        }
        const auto variant = try_apply(now, set);
        if (!variant) continue;
        if (out.evaluated >= budget) {
            out.budget_exhausted = true;
            break;
        }
        auto judged = trial.judge(*variant);
        ++out.evaluated;
        auto verdict = judged.verdict;
        Candidate c{set,
                    cost_of(set),
                    false,
                    std::move(judged.outcome),
                    std::move(judged.reach),
                    std::move(judged.flows),
                    std::nullopt,
                    std::nullopt};
        if (verdict == Verdict::Incomplete) c.incomplete_under_seed = variant->seed;
        if (verdict == Verdict::Works && variant->path.loss > 0.0) {
            if (const auto unlucky = trial.unlucky_seed(*variant)) {
                verdict = unlucky->second;
                (verdict == Verdict::Incomplete ? c.incomplete_under_seed : c.fails_under_seed) =
                    unlucky->first;
            }
        }
        c.works = verdict == Verdict::Works;
        switch (verdict) {
            case Verdict::Works:
                out.minimal.push_back(std::move(c));
                break;
            case Verdict::Fails:
                out.tried.push_back(std::move(c));
                break;
            case Verdict::Incomplete:
                out.undecided.push_back(std::move(c));
                break;
        }
    }
    return out;
}

}  // namespace vpnsim::fix
