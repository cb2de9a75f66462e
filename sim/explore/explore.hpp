// DOC: `vpnsim explore` -- properties and a census over generated scenarios, with rapidcheck
// doing the generating and the shrinking.
// Case i of a run is a pure function of (seed, i): its random stream is rapidcheck's
// splittable generator keyed by both, at rapidcheck's full size (100). So cases can run on any
// number of threads (--jobs) or machines (--shard k/N: the cases with i mod N == k) and give the
// same records; the report is built from the records alone, in case order, so a merge of shards is
// byte-identical to a single run.
// On failure (a property, or in a census each outcome) the lowest failing case is shrunk:
// rapidcheck's shrink tree of the case is walked greedily -- the first shrink that still fails
// the same way replaces it -- until no shrink does or the shrink budget is spent. The shrunk
// scenario is written as a minimal TOML file that `vpnsim run` replays.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "sim/explore/properties.hpp"
#include "sim/scenario/scenario.hpp"

namespace vpnsim::explore {

struct Shard {
    std::uint64_t index{0};  // 0-based
    std::uint64_t count{1};
    bool operator==(const Shard&) const = default;
};

// What a run was asked for: recorded in every output, compared by `explore merge`.
struct Header {
    bool census{false};
    std::vector<Property> properties;  // property mode
    std::uint64_t seed{1};
    std::uint64_t cases{100};
    int mutate{2};
    std::string from;                        // --from FILE as given; "" for generated bases
    std::optional<std::uint64_t> only_case;  // --case I
    bool operator==(const Header&) const = default;
};

struct Options {
    Header header;
    std::optional<scenario::Scenario> from;  // loaded --from FILE
    Shard shard;
    unsigned jobs{1};
    double time_limit_seconds{0};    // 0: none
    std::size_t shrink_budget{400};  // evaluations per shrink
    // Write no example scenarios (bench: the cases' cost alone). Shards merge only with them.
    bool skip_examples{false};
    // Called after each case (from worker threads, one at a time): cases done, cases due.
    std::function<void(std::uint64_t, std::uint64_t)> progress;
};

enum class Result : std::uint8_t { Pass, Fail, NotApplicable };

struct CaseRecord {
    std::uint64_t index{0};
    std::vector<Result> results;       // property mode: one per header property
    std::vector<std::string> outcome;  // census: "UP", cause codes, "unexplained", "incomplete"
    bool operator==(const CaseRecord&) const = default;
};

// The shrunk counterexample for one property (or census outcome).
struct Example {
    std::string key;  // property name or outcome code
    std::uint64_t index{0};
    int size{0};
    std::string message;                 // the property's failure message on the shrunk case
    std::vector<std::string> mutations;  // what the shrunk case's mutations set
    std::size_t shrink_steps{0};
    std::string toml;  // minimal scenario file, with a comment header
    bool operator==(const Example&) const = default;
};

struct Report {
    Header header;
    std::vector<CaseRecord> cases;  // by index
    std::vector<Example> examples;  // by key: property order, or outcome order
    // Cases not run: a shard's, or ones the time limit cut off. 0 for a complete run.
    std::uint64_t missing() const;
};

// The size rapidcheck generates case i at.
int case_size(std::uint64_t index);
// Case i's scenario and its applied-mutation texts (what `--case i` evaluates).
scenario::Scenario case_scenario(const Options& o, std::uint64_t index,
                                 std::vector<std::string>* applied = nullptr);

Report explore(const Options& o);

// The examples a report should carry from its cases: for each failed property (census: each
// outcome but UP), the lowest case index showing it. (key, index) pairs in report order.
std::vector<std::pair<std::string, std::uint64_t>> examples_due(const Report& r);

// Shrinks case `index` while `key` still fails (property name) or shows (census outcome).
Example shrink(const Options& o, const std::string& key, std::uint64_t index);

}  // namespace vpnsim::explore
