// DOC: the training catalogue as `vpnsim quiz` sees it: every scenario of a folder, replayed
// with the built-in reachability probes and diagnosed (as `vpnsim diagnose` does), with its
// difficulty read off that run. A scenario is a question when its run is complete and
// unhealthy and `diagnose` names a cause: the broken scenarios, not their healthy twins --
// decided by the simulation, never by the file name or its [expect]. The answers (the key
// cause, the cheapest fix) are derived only for the questions drawn: the fix search runs once
// per question, and the fixed variant is diagnosed to see which causes the fix removes.
// The scenario's lesson is carried for display only; nothing here reads it.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "sim/diagnose/diagnose.hpp"
#include "sim/fix/search.hpp"
#include "sim/run/result.hpp"
#include "sim/scenario/loader.hpp"
#include "sim/scenario/scenario.hpp"
#include "sim/train/quiz.hpp"

namespace vpnsim::train {

struct Entry {
    std::string path;
    std::string stem;      // the file name without ".toml": how --scenario names it
    scenario::Scenario s;  // as loaded (the fix search adds its own probes)
    run::RunResult r;      // the run diagnose judged: with the built-in probes
    diagnose::Diagnosis d;
    Features features;
    Difficulty level{Difficulty::Easy};
    bool question() const { return d.complete && !d.healthy() && !d.causes.empty(); }
    std::vector<std::string> causes() const;
};

struct Catalogue {
    std::vector<Entry> entries;  // in path order
    // Codes diagnose names on runs that end healthy (incidents on the way: an outage, a
    // hold-timer expiry, DPD): a question never asks for one while it has a better cause.
    std::vector<std::string> incidents;
};

// Every scenario file directly in or under `dir`, in path order. Files that do not load are
// returned as `errors` (their diagnostics), and left out.
struct LoadedCatalogue {
    Catalogue catalogue;
    std::vector<std::string> errors;
};
LoadedCatalogue load_catalogue(const std::string& dir, const scenario::LoadOptions& options);
// One scenario, replayed and diagnosed as load_catalogue does.
Entry make_entry(std::string path, scenario::Scenario s);

// Other scenarios' diagnosed causes (for distractors), in path order, each once.
std::vector<std::string> cause_pool(const Catalogue& c, std::size_t except);

// What the quiz checks an answer against, derived from the simulation.
struct Truth {
    std::vector<std::string> causes;  // diagnose's codes, in its order
    std::string key;                  // the cause the options offer (key_cause)
    fix::SearchResult search;
    std::optional<FixSet> cheapest;   // the first minimal set; nullopt when none works
    std::vector<FixSet> right_fixes;  // the minimal sets as cheap as the first (ties)
    std::vector<FixSet> working;      // every minimal set
};
Truth derive_truth(const Entry& e, const std::vector<std::string>& incidents);

// The fix codes for distractors: those applicable to the scenario, then the others.
struct FixPool {
    std::vector<std::string> applicable;
    std::vector<std::string> rest;
};
FixPool fix_pool(const scenario::Scenario& s);
// Every fix code, and every cause code diagnose knows (for answers typed as codes).
std::vector<std::string> fix_codes();

}  // namespace vpnsim::train
