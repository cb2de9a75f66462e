// DOC: the pure pieces of `vpnsim quiz` (issue 15): which scenarios are asked and in what
// order, the multiple-choice options for the cause and the fix, how an answer is read and
// scored, and how hard a question is. Nothing here simulates: the caller (sim/train/catalogue
// and the CLI) derives the true causes from `diagnose` and the true fix from the fix search,
// and passes them in; everything random is drawn from the quiz's seed with our own generator
// (kernel::Rng), so the same seed gives the same questions and the same option order on every
// machine.
// Left out: free-text answers (an answer is an option's number or a code), partial credit.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "models/common/time.hpp"

namespace vpnsim::train {

// Options offered for each question's cause (the key cause and four distractors), and for its
// fix (the cheapest fix set and three distractor sets, then "none").
inline constexpr std::size_t kCauseOptions = 5;
inline constexpr std::size_t kFixOptions = 5;
// The answer that no fix in the catalogue works (a path losing half its packets, say).
inline constexpr std::string_view kNoFix = "none";

enum class Difficulty : std::uint8_t { Easy, Medium, Hard };
std::string_view to_string(Difficulty d);
std::optional<Difficulty> parse_difficulty(std::string_view text);

// What makes a broken scenario hard to read from AWS's view, all read off its simulation.
struct Features {
    std::size_t causes{0};  // causes `diagnose` names
    bool lossy{false};      // the path loses packets at random
    bool late{false};       // a tunnel UP for kLateAfter or longer ended DOWN (lifetime, DPD)
    bool silent{false};     // every tunnel UP, yet traffic does not flow
};
// A tunnel that fails after working this long failed on a timer: a lifetime, a rekey, DPD.
inline constexpr SimTime kLateAfter = sec(30);
// (causes - 1) + 2 per lossy path + 2 per late failure + 1 when AWS shows every tunnel UP:
// 0 easy, 1 medium, 2 and more hard.
int difficulty_score(const Features& f);
Difficulty classify(const Features& f);

// The part of a code before its first '.': "ike", "bgp", "ts", "cgw" ...
std::string_view family(std::string_view code);

// A stream of numbers for one purpose of one quiz: the seed mixed with the purpose's name.
std::uint64_t derive_seed(std::uint64_t seed, std::string_view purpose);

// Indices 0 .. pool-1 in the seed's order, the first `count` of them (all when fewer).
std::vector<std::size_t> draw_questions(std::size_t pool, std::size_t count, std::uint64_t seed);

// Which of the diagnosed causes a question asks for: the first that the cheapest fix removes
// (diagnosed in the run, not in the fixed variant's run) and that is not an `incident` (a code
// also named on runs that end healthy: hold-timer expiries, DPD, outages); else the first the
// fix removes; else the first that is no incident; else the first. `causes` is in diagnose's
// order and not empty.
std::string key_cause(const std::vector<std::string>& causes,
                      const std::vector<std::string>& after_fix,
                      const std::vector<std::string>& incidents);

// kCauseOptions codes in the seed's order: `key`, and distractors drawn from `pool` (other
// scenarios' diagnosed causes; then `fallback`, every code diagnose knows), preferring those
// of key's family. A distractor is never one of `true_causes` and never repeated.
std::vector<std::string> cause_options(const std::string& key,
                                       const std::vector<std::string>& true_causes,
                                       const std::vector<std::string>& pool,
                                       const std::vector<std::string>& fallback,
                                       std::uint64_t seed);

// A fix set as the CLI writes it: codes joined by " + ".
using FixSet = std::vector<std::string>;
std::string to_string(const FixSet& set);
// "a + b", "a+b", "b + a": the codes, sorted (so answers compare as sets); empty when blank.
FixSet parse_fix_set(std::string_view text);

// kFixOptions sets: the cheapest working set (nullopt when none works) and distractors drawn
// from `preferred` (the fixes applicable to the scenario), then `rest` (the rest of the
// catalogue), each as large as the true set and none working (no superset of a set in
// `working`); in the seed's order, with kNoFix always last (the true one when nothing works).
std::vector<std::string> fix_options(const std::optional<FixSet>& cheapest,
                                     const std::vector<FixSet>& working,
                                     const std::vector<std::string>& preferred,
                                     const std::vector<std::string>& rest, std::uint64_t seed);

// An answer as typed: an option's number (1-based), a code, or q to quit.
struct Reply {
    enum class Kind : std::uint8_t { Option, Code, Quit, Empty };
    Kind kind{Kind::Empty};
    std::size_t option{0};  // 0-based, for Option
    std::string code;       // for Option (the option's text) and Code
};
Reply parse_reply(std::string_view line, const std::vector<std::string>& options);

struct Score {
    int causes_asked{0};
    int causes_right{0};
    int fixes_asked{0};
    int fixes_right{0};
};
// "7/10 causes, 5/10 fixes"
std::string summary(const Score& s);

// A paragraph with its whitespace runs made single spaces, wrapped at `width` columns, every
// line starting with `indent`.
std::string wrap(std::string_view text, std::string_view indent, std::size_t width = 96);

}  // namespace vpnsim::train
