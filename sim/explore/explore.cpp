#include "sim/explore/explore.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <mutex>
#include <thread>

#include "sim/explore/generate.hpp"
#include "sim/scenario/sections.hpp"
#include "sim/scenario/writer.hpp"

namespace vpnsim::explore {
namespace {

// Keys rapidcheck's splittable generator by (seed, case): every case its own stream.
constexpr std::uint64_t kStream = 0x76706e73696d0001ULL;  // "vpnsim", stream 1

rc::Shrinkable<Case> generate(const Options& o, std::uint64_t index) {
    const rc::Random random(rc::Random::Key{o.header.seed, index, kStream, 0});
    return cases(o.header.mutate)(random, case_size(index));
}

// The --from scenario, or nullptr for generated bases.
const scenario::Scenario* base_of(const Options& o) {
    return o.from ? &*o.from : nullptr;
}

bool unmutated(const Options& o, const Case& c) {
    return !o.from && c.mutations.empty();
}

// Does the case still show `key` -- fail the property, or have the census outcome?
bool shows(const Options& o, const std::string& key, const Case& c, std::string* message) {
    Evaluation e(build(c, base_of(o)), unmutated(o, c));
    if (o.header.census) {
        const auto outcome = e.outcome();
        return std::find(outcome.begin(), outcome.end(), key) != outcome.end();
    }
    const auto verdict = e.check(*parse_property(key));
    if (verdict.failed() && message) *message = verdict.message;
    return verdict.failed();
}

CaseRecord evaluate(const Options& o, std::uint64_t index) {
    const Case c = generate(o, index).value();
    Evaluation e(build(c, base_of(o)), unmutated(o, c));
    CaseRecord rec;
    rec.index = index;
    if (o.header.census) {
        rec.outcome = e.outcome();
        return rec;
    }
    for (const auto p : o.header.properties) {
        const auto v = e.check(p);
        rec.results.push_back(v.kind == Verdict::Kind::Pass   ? Result::Pass
                              : v.kind == Verdict::Kind::Fail ? Result::Fail
                                                              : Result::NotApplicable);
    }
    return rec;
}

std::vector<std::uint64_t> due_cases(const Options& o) {
    if (o.header.only_case) return {*o.header.only_case};
    std::vector<std::uint64_t> out;
    for (std::uint64_t i = o.shard.index; i < o.header.cases; i += o.shard.count) out.push_back(i);
    return out;
}

std::string one_line(std::string text) {
    std::replace(text.begin(), text.end(), '\n', ' ');
    return text;
}

std::string reproduce_command(const Header& h, const std::string& key, std::uint64_t index) {
    std::string cmd = "vpnsim explore";
    cmd += h.census ? " --census 1" : fmt::format(" --property {}", key);
    cmd += fmt::format(" --seed {} --mutate {} --case {}", h.seed, h.mutate, index);
    if (!h.from.empty()) cmd += fmt::format(" --from {}", h.from);
    return cmd;
}

std::string comment_header(const Options& o, const Example& e) {
    const auto& h = o.header;
    std::string out =
        h.census ? fmt::format("# vpnsim explore census: outcome {} first seen on case {}", e.key,
                               e.index)
                 : fmt::format("# vpnsim explore: property {} failed on case {}", e.key, e.index);
    out +=
        fmt::format(" (seed {}, size {}), shrunk in {} steps.\n", h.seed, e.size, e.shrink_steps);
    if (!e.message.empty()) out += fmt::format("# {}\n", one_line(e.message));
    if (!h.from.empty()) out += fmt::format("# Base: {}\n", h.from);
    for (const auto& m : e.mutations) out += fmt::format("# Mutation: {}\n", one_line(m));
    if (e.mutations.empty()) out += "# Mutation: none (the base itself)\n";
    out += fmt::format("# Reproduce: {}\n", reproduce_command(h, e.key, e.index));
    out += "# Replay:    vpnsim run THIS_FILE\n\n";
    return out;
}

}  // namespace

int case_size(std::uint64_t) {
    // rapidcheck scales its integer ranges by size: below its maximum, the later mutation
    // kinds and values would never be drawn. Simplicity comes from shrinking instead.
    return 100;
}

scenario::Scenario case_scenario(const Options& o, std::uint64_t index,
                                 std::vector<std::string>* applied) {
    return build(generate(o, index).value(), base_of(o), applied);
}

std::uint64_t Report::missing() const {
    if (header.only_case) return cases.empty() ? 1 : 0;
    return header.cases - cases.size();
}

Report explore(const Options& o) {
    const auto due = due_cases(o);
    std::vector<std::optional<CaseRecord>> slots(due.size());
    std::atomic<std::size_t> next{0};
    std::atomic<bool> out_of_time{false};
    std::mutex progress_lock;
    std::uint64_t done = 0;
    const auto start = std::chrono::steady_clock::now();
    const auto worker = [&] {
        for (;;) {
            if (o.time_limit_seconds > 0 &&
                std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count() >
                    o.time_limit_seconds) {
                out_of_time = true;
                return;
            }
            const auto i = next.fetch_add(1);
            if (i >= due.size()) return;
            slots[i] = evaluate(o, due[i]);
            if (o.progress) {
                const std::lock_guard lock(progress_lock);
                o.progress(++done, due.size());
            }
        }
    };
    const unsigned jobs = std::max(1U, std::min<unsigned>(o.jobs, due.size()));
    std::vector<std::thread> threads;
    for (unsigned j = 1; j < jobs; ++j) threads.emplace_back(worker);
    worker();
    for (auto& t : threads) t.join();

    Report r;
    r.header = o.header;
    for (auto& slot : slots) {
        if (slot) r.cases.push_back(std::move(*slot));
    }
    if (o.skip_examples) return r;
    for (const auto& [key, index] : examples_due(r)) r.examples.push_back(shrink(o, key, index));
    return r;
}

std::vector<std::pair<std::string, std::uint64_t>> examples_due(const Report& r) {
    std::vector<std::pair<std::string, std::uint64_t>> out;
    if (!r.header.census) {
        for (std::size_t p = 0; p < r.header.properties.size(); ++p) {
            for (const auto& c : r.cases) {
                if (c.results[p] == Result::Fail) {
                    out.emplace_back(std::string(name(r.header.properties[p])), c.index);
                    break;
                }
            }
        }
        return out;
    }
    for (const auto& c : r.cases) {
        for (const auto& code : c.outcome) {
            if (code == "UP" || code == "incomplete") continue;
            const bool seen =
                std::any_of(out.begin(), out.end(), [&](const auto& e) { return e.first == code; });
            if (!seen) out.emplace_back(code, c.index);
        }
    }
    std::sort(out.begin(), out.end());
    return out;
}

Example shrink(const Options& o, const std::string& key, std::uint64_t index) {
    Example e;
    e.key = key;
    e.index = index;
    e.size = case_size(index);
    auto current = generate(o, index);
    shows(o, key, current.value(), &e.message);
    std::size_t evaluations = 0;
    for (bool progressed = true; progressed && evaluations < o.shrink_budget;) {
        progressed = false;
        auto shrinks = current.shrinks();
        while (auto candidate = shrinks.next()) {
            if (++evaluations > o.shrink_budget) break;
            std::string message;
            if (shows(o, key, candidate->value(), &message)) {
                current = std::move(*candidate);
                e.message = std::move(message);
                ++e.shrink_steps;
                progressed = true;
                break;
            }
        }
    }
    auto s = build(current.value(), base_of(o), &e.mutations);
    s.expect.reset();  // a --from base's [expect] describes the base, not this scenario
    s.name = fmt::format("explore-{}-case{}", key, index);
    s.summary = o.header.census ? fmt::format("shrunk census example of {}", key)
                                : fmt::format("shrunk counterexample of {}", key);
    if (!o.from) s.aws.vpn_id = scenario::detail::derived_vpn_id(s.name);
    e.toml = comment_header(o, e) + scenario::minimal_toml(s);
    return e;
}

}  // namespace vpnsim::explore
