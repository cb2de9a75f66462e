// `vpnsim quiz`: self-study over the training catalogue (issue 15). Each question shows what
// AWS shows for a broken scenario (sim/train/aws_view), asks for the cause and then for the
// cheapest fix (options from sim/train/quiz), and checks both against what diagnose and the
// fix search derive from the simulation (sim/train/catalogue) -- never against [expect].
// On a terminal it asks and waits; otherwise it reads one answer per line from stdin, and
// --scenario NAME --answer CAUSE --fix FIX judges one question without asking.
#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "sim/cli/commands.hpp"
#include "sim/diagnose/diagnose.hpp"
#include "sim/fix/catalogue.hpp"
#include "sim/scenario/diagnostics.hpp"
#include "sim/scenario/suggest.hpp"
#include "sim/train/aws_view.hpp"
#include "sim/train/catalogue.hpp"
#include "sim/train/quiz.hpp"

namespace vpnsim::cli {
namespace {

using train::Entry;
using train::FixSet;
using train::Truth;

constexpr std::size_t kDefaultQuestions = 10;
constexpr std::size_t kMaxQuestions = 1000;

std::vector<std::string_view> views(const std::vector<std::string>& v) {
    return {v.begin(), v.end()};
}

std::string did_you_mean(std::string_view word, const std::vector<std::string>& known) {
    const auto m = scenario::detail::closest_match(word, views(known));
    return m ? fmt::format("; did you mean '{}'?", *m) : "";
}

// "" when every code of the answer is known, else why not.
std::string unknown_cause(const std::string& code) {
    const auto known = diagnose::cause_codes();
    if (std::find(known.begin(), known.end(), code) != known.end()) return "";
    return fmt::format("unknown cause code '{}'{}", scenario::detail::printable(code),
                       did_you_mean(code, known));
}

std::string unknown_fix(const std::string& answer) {
    const auto set = train::parse_fix_set(answer);
    if (set.size() == 1 && set.front() == train::kNoFix) return "";
    if (set.empty()) return "no fix code given";
    const auto known = train::fix_codes();
    for (const auto& code : set) {
        if (std::find(known.begin(), known.end(), code) == known.end()) {
            return fmt::format("unknown fix code '{}'{}", scenario::detail::printable(code),
                               did_you_mean(code, known));
        }
    }
    return "";
}

const diagnose::Cause* find_cause(const Entry& e, const std::string& code) {
    for (const auto& c : e.d.causes) {
        if (c.code == code) return &c;
    }
    return nullptr;
}

std::string tunnels(const std::vector<int>& t) {
    if (t.empty()) return "the whole connection";
    std::string out;
    for (const int n : t) out += (out.empty() ? "" : ", ") + std::to_string(n);
    return (t.size() == 1 ? "tunnel " : "tunnels ") + out;
}

// The verdict on a cause, with diagnose's explanation of the answer (when right) or of the
// key cause, and the other causes diagnose named.
bool judge_cause(const Entry& e, const Truth& t, const std::string& answer) {
    const bool right = std::find(t.causes.begin(), t.causes.end(), answer) != t.causes.end();
    const auto* c = find_cause(e, right ? answer : t.key);
    if (right) {
        fmt::print("Right: {} -- {} ({})\n", c->code, c->title, tunnels(c->tunnels));
    } else {
        fmt::print("Not quite: {} is not what the simulation shows. diagnose names {} -- {} ({})\n",
                   answer, c->code, c->title, tunnels(c->tunnels));
    }
    fmt::print("{}", train::wrap(c->explanation, "    "));
    std::string others;
    for (const auto& other : e.d.causes) {
        if (other.code == c->code) continue;
        others += fmt::format("{}{} ({})", others.empty() ? "" : "; ", other.code, other.title);
    }
    if (!others.empty()) fmt::print("{}", train::wrap("Also named by diagnose: " + others, "    "));
    return right;
}

std::string describe_set(const FixSet& set) {
    std::string out;
    for (const auto& code : set) {
        for (const auto& f : fix::catalogue()) {
            if (f.code != code) continue;
            out += fmt::format("    - {}: {} [{}; disruption: {}]\n", f.code, f.title,
                               fix::to_string(f.cost), f.disruption);
        }
    }
    return out;
}

int cost_of(const Truth& t, const FixSet& set) {
    for (const auto& m : t.search.minimal) {
        FixSet codes;
        for (const auto i : m.fixes) codes.emplace_back(fix::catalogue().at(i).code);
        std::sort(codes.begin(), codes.end());
        if (codes == set) return m.cost;
    }
    return -1;
}

bool judge_fix(const Truth& t, const std::string& answer) {
    const auto set = train::parse_fix_set(answer);
    const bool none = set.size() == 1 && set.front() == train::kNoFix;
    if (!t.cheapest) {
        fmt::print(
            "{}: no fix in the catalogue brings every tunnel UP with traffic flowing "
            "(the search re-simulated {} variants); the path itself must be repaired.\n",
            none ? "Right" : "Not quite", t.search.evaluated);
        return none;
    }
    const bool right =
        std::find(t.right_fixes.begin(), t.right_fixes.end(), set) != t.right_fixes.end();
    const auto& shown = right ? set : *t.cheapest;
    fmt::print("{}: the cheapest fix `vpnsim fix` proves is {} (cost {})\n",
               right ? "Right" : "Not quite", train::to_string(shown), cost_of(t, shown));
    if (!right && !none) {
        const int cost = cost_of(t, set);
        if (cost >= 0) {
            fmt::print("    {} works too, but costs {}.\n", train::to_string(set), cost);
        } else {
            fmt::print("    {} does not bring every tunnel UP with traffic flowing.\n",
                       train::to_string(set));
        }
    }
    fmt::print("{}", describe_set(shown));
    return right;
}

void print_lesson(const Entry& e) {
    if (e.s.lesson.empty()) return;
    fmt::print("Lesson:\n{}", train::wrap(e.s.lesson, "    "));
}

void print_options(const std::vector<std::string>& options) {
    for (std::size_t i = 0; i < options.size(); ++i) {
        const bool none = options[i] == train::kNoFix;
        fmt::print("  {}) {}{}\n", i + 1, options[i],
                   none ? " -- no fix in the catalogue works" : "");
    }
}

// Asks until a usable answer: an option, a known code, or q (or the end of the input: quit).
// Off a terminal the answer read is echoed, so the output reads as a transcript.
std::optional<std::string> ask(std::string_view prompt, const std::vector<std::string>& options,
                               bool tty, std::string (*unknown)(const std::string&)) {
    for (;;) {
        fmt::print("{}", prompt);
        std::fflush(stdout);
        std::string line;
        if (!std::getline(std::cin, line)) {
            fmt::print("\n");
            return std::nullopt;
        }
        if (!tty) fmt::print("{}\n", scenario::detail::printable(line));
        const auto reply = train::parse_reply(line, options);
        switch (reply.kind) {
            case train::Reply::Kind::Quit:
                return std::nullopt;
            case train::Reply::Kind::Empty:
                continue;
            case train::Reply::Kind::Option:
                return reply.code;
            case train::Reply::Kind::Code:
                if (const auto why = unknown(reply.code); !why.empty()) {
                    fmt::print("{} (answer 1-{}, a code, or q)\n", why, options.size());
                    continue;
                }
                return reply.code;
        }
    }
}

struct Question {
    const Entry* e;
    Truth truth;
    std::vector<std::string> cause_options;
    std::vector<std::string> fix_options;
};

Question make_question(const train::Catalogue& c, std::size_t index, std::uint64_t seed) {
    const auto& e = c.entries[index];
    Question q{&e, train::derive_truth(e, c.incidents), {}, {}};
    const auto qseed = train::derive_seed(seed, e.s.name);
    q.cause_options = train::cause_options(q.truth.key, q.truth.causes, train::cause_pool(c, index),
                                           diagnose::cause_codes(), qseed);
    const auto pool = train::fix_pool(e.s);
    q.fix_options =
        train::fix_options(q.truth.cheapest, q.truth.working, pool.applicable, pool.rest, qseed);
    return q;
}

constexpr std::string_view kCausePrompt = "cause> ";
constexpr std::string_view kFixPrompt = "fix> ";

int session(const train::Catalogue& c, const std::vector<std::size_t>& pool, std::size_t count,
            std::uint64_t seed, const std::string& header) {
    const bool tty = isatty(STDIN_FILENO) != 0;
    const auto order = train::draw_questions(pool.size(), count, seed);
    fmt::print("{} -- {} question{}, seed {} (--seed {} asks them again)\n", header, order.size(),
               order.size() == 1 ? "" : "s", seed, seed);
    fmt::print("Answer with an option's number or its code; q quits with the score so far.\n");
    train::Score score;
    for (std::size_t i = 0; i < order.size(); ++i) {
        const auto q = make_question(c, pool[order[i]], seed);
        fmt::print("\n=== Question {} of {} ({}) ===\n\n{}", i + 1, order.size(),
                   train::to_string(q.e->level), train::aws_view(q.e->s, q.e->r));
        fmt::print("\nWhat is the cause?\n");
        print_options(q.cause_options);
        const auto cause = ask(kCausePrompt, q.cause_options, tty, unknown_cause);
        if (!cause) break;
        ++score.causes_asked;
        if (judge_cause(*q.e, q.truth, *cause)) ++score.causes_right;
        fmt::print("\nWhat is the cheapest fix?\n");
        print_options(q.fix_options);
        const auto fix = ask(kFixPrompt, q.fix_options, tty, unknown_fix);
        if (!fix) break;
        ++score.fixes_asked;
        if (judge_fix(q.truth, *fix)) ++score.fixes_right;
        print_lesson(*q.e);
    }
    fmt::print("\nScore: {}\n", train::summary(score));
    return kExitOk;
}

// --scenario NAME --answer CAUSE --fix FIX: one question judged without asking.
int scripted(const train::Catalogue& c, const std::string& name, const std::string& cause,
             const std::string& fix, std::uint64_t seed) {
    std::vector<std::string> names;
    const Entry* e = nullptr;
    std::size_t index = 0;
    for (std::size_t i = 0; i < c.entries.size(); ++i) {
        const auto& entry = c.entries[i];
        if (!entry.question()) continue;
        names.push_back(entry.stem);
        if (entry.stem == name || entry.s.name == name) {
            e = &entry;
            index = i;
        }
    }
    if (!e) {
        return usage_error(
            "quiz", fmt::format("no broken scenario named '{}' in the catalogue{}",
                                scenario::detail::printable(name), did_you_mean(name, names)));
    }
    if (const auto why = unknown_cause(cause); !why.empty()) return usage_error("quiz", why);
    if (const auto why = unknown_fix(fix); !why.empty()) return usage_error("quiz", why);
    const auto q = make_question(c, index, seed);
    fmt::print("=== Question ({}) ===\n\n{}", train::to_string(e->level),
               train::aws_view(e->s, e->r));
    fmt::print("\nCause: {}\n", cause);
    train::Score score{1, 0, 1, 0};
    if (judge_cause(*e, q.truth, cause)) score.causes_right = 1;
    fmt::print("\nFix: {}\n", fix);
    if (judge_fix(q.truth, fix)) score.fixes_right = 1;
    print_lesson(*e);
    fmt::print("\nScore: {}\n", train::summary(score));
    return score.causes_right == 1 && score.fixes_right == 1 ? kExitOk : kExitExpectFailed;
}

}  // namespace

int cmd_quiz(const Args& a) {
    if (!a.positional.empty()) return usage_error("quiz", "takes no FILE (use --dir DIR)");
    const auto dir = a.get("dir").value_or("scenarios/training");
    std::uint64_t seed = 0;
    if (const auto s = a.get("seed")) {
        const auto v = parse_count(*s);
        if (!v) return usage_error("quiz", "--seed must be a non-negative integer");
        seed = *v;
    } else {
        seed = std::random_device{}() % 100000;  // printed, so the quiz can be asked again
    }
    std::size_t count = kDefaultQuestions;
    if (const auto n = a.get("questions")) {
        const auto v = parse_count(*n);
        if (!v || *v == 0 || *v > kMaxQuestions) {
            return usage_error(
                "quiz", fmt::format("--questions must be an integer from 1 to {}", kMaxQuestions));
        }
        count = *v;
    }
    std::optional<train::Difficulty> level;
    if (const auto d = a.get("difficulty")) {
        level = train::parse_difficulty(*d);
        if (!level) {
            return usage_error("quiz", fmt::format("--difficulty must be easy, medium or hard, "
                                                   "got '{}'",
                                                   scenario::detail::printable(*d)));
        }
    }
    const auto scenario_name = a.get("scenario");
    const auto answer = a.get("answer");
    const auto fix = a.get("fix");
    if ((answer || fix) && !scenario_name) {
        return usage_error("quiz", "--answer and --fix need --scenario NAME");
    }
    if (scenario_name && (!answer || !fix)) {
        return usage_error("quiz", "--scenario needs both --answer CAUSE and --fix FIX");
    }
    const auto options = load_options("quiz", a);
    if (!options) return kExitBadInput;
    std::error_code ec;
    if (!std::filesystem::is_directory(dir, ec)) {
        return usage_error(
            "quiz", fmt::format("--dir '{}' is not a directory", scenario::detail::printable(dir)));
    }
    const auto loaded = train::load_catalogue(dir, *options);
    for (const auto& error : loaded.errors) fmt::print(stderr, "{}\n", error);
    if (!loaded.errors.empty()) return kExitBadInput;
    const auto& c = loaded.catalogue;
    if (scenario_name) {
        return scripted(c, *scenario_name, *answer, *fix, a.get("seed") ? seed : 1);
    }
    std::vector<std::size_t> pool;
    for (std::size_t i = 0; i < c.entries.size(); ++i) {
        if (c.entries[i].question() && (!level || c.entries[i].level == *level)) pool.push_back(i);
    }
    if (pool.empty()) {
        return usage_error(
            "quiz", fmt::format("no broken scenario in '{}'{}", scenario::detail::printable(dir),
                                level ? fmt::format(" is {}", to_string(*level)) : std::string()));
    }
    const auto header = fmt::format("vpnsim quiz over {} ({} broken scenario{}, difficulty {})",
                                    scenario::detail::printable(dir), pool.size(),
                                    pool.size() == 1 ? "" : "s", level ? to_string(*level) : "any");
    return session(c, pool, count, seed, header);
}

}  // namespace vpnsim::cli
