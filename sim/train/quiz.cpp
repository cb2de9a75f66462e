#include "sim/train/quiz.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <utility>

#include "models/common/hash.hpp"
#include "sim/kernel/rng.hpp"

namespace vpnsim::train {
namespace {

constexpr std::array<std::pair<Difficulty, std::string_view>, 3> kDifficulties{{
    {Difficulty::Easy, "easy"},
    {Difficulty::Medium, "medium"},
    {Difficulty::Hard, "hard"},
}};

bool contains(const std::vector<std::string>& v, std::string_view s) {
    return std::find(v.begin(), v.end(), s) != v.end();
}

// Fisher-Yates with our own generator: the same seed, the same order everywhere.
template <typename T>
void shuffle(std::vector<T>& v, kernel::Rng& rng) {
    for (std::size_t i = v.size(); i > 1; --i) {
        std::swap(v[i - 1], v[rng.below(i)]);
    }
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
    return s;
}

// Every set in `working` is a subset of `set` (both sorted): `set` would work too.
bool works_as_superset(const FixSet& set, const std::vector<FixSet>& working) {
    return std::any_of(working.begin(), working.end(), [&](const FixSet& w) {
        return std::includes(set.begin(), set.end(), w.begin(), w.end());
    });
}

}  // namespace

std::string_view to_string(Difficulty d) {
    for (const auto& [value, name] : kDifficulties) {
        if (value == d) return name;
    }
    return "?";
}

std::optional<Difficulty> parse_difficulty(std::string_view text) {
    for (const auto& [value, name] : kDifficulties) {
        if (name == text) return value;
    }
    return std::nullopt;
}

int difficulty_score(const Features& f) {
    int score = f.causes > 1 ? static_cast<int>(f.causes) - 1 : 0;
    if (f.lossy) score += 2;
    if (f.late) score += 2;
    if (f.silent) score += 1;
    return score;
}

Difficulty classify(const Features& f) {
    const int score = difficulty_score(f);
    return score == 0 ? Difficulty::Easy : score == 1 ? Difficulty::Medium : Difficulty::Hard;
}

std::string_view family(std::string_view code) {
    return code.substr(0, code.find('.'));
}

std::uint64_t derive_seed(std::uint64_t seed, std::string_view purpose) {
    return mix(splitmix_finalise(seed), stable_hash(purpose));
}

std::vector<std::size_t> draw_questions(std::size_t pool, std::size_t count, std::uint64_t seed) {
    std::vector<std::size_t> order(pool);
    for (std::size_t i = 0; i < pool; ++i) order[i] = i;
    kernel::Rng rng(derive_seed(seed, "quiz.questions"));
    shuffle(order, rng);
    if (order.size() > count) order.resize(count);
    return order;
}

std::string key_cause(const std::vector<std::string>& causes,
                      const std::vector<std::string>& after_fix,
                      const std::vector<std::string>& incidents) {
    const auto first = [&](auto pred) -> std::optional<std::string> {
        for (const auto& c : causes) {
            if (pred(c)) return c;
        }
        return std::nullopt;
    };
    const auto removed = [&](const std::string& c) { return !contains(after_fix, c); };
    const auto fault = [&](const std::string& c) { return !contains(incidents, c); };
    const auto both = [&](const std::string& c) { return removed(c) && fault(c); };
    if (auto c = first(both)) return *c;
    if (auto c = first(removed)) return *c;
    if (auto c = first(fault)) return *c;
    return causes.empty() ? std::string() : causes.front();
}

std::vector<std::string> cause_options(const std::string& key,
                                       const std::vector<std::string>& true_causes,
                                       const std::vector<std::string>& pool,
                                       const std::vector<std::string>& fallback,
                                       std::uint64_t seed) {
    kernel::Rng rng(derive_seed(seed, "quiz.cause-options"));
    std::vector<std::string> options{key};
    const auto usable = [&](const std::string& c) {
        return c != key && !contains(true_causes, c) && !contains(options, c);
    };
    // Three tiers, each shuffled: the key's family among other scenarios' causes, the rest
    // of those causes, then any code diagnose knows.
    std::vector<std::vector<std::string>> tiers(3);
    for (const auto& c : pool) {
        auto& tier = tiers[family(c) == family(key) ? 0 : 1];
        if (!contains(tier, c)) tier.push_back(c);
    }
    for (const auto& c : fallback) {
        if (!contains(tiers[0], c) && !contains(tiers[1], c) && !contains(tiers[2], c)) {
            tiers[2].push_back(c);
        }
    }
    for (auto& tier : tiers) {
        std::sort(tier.begin(), tier.end());  // the pool's order must not matter, only the seed
        shuffle(tier, rng);
        for (const auto& c : tier) {
            if (options.size() == kCauseOptions) break;
            if (usable(c)) options.push_back(c);
        }
    }
    shuffle(options, rng);
    return options;
}

std::string to_string(const FixSet& set) {
    std::string out;
    for (const auto& code : set) out += (out.empty() ? "" : " + ") + code;
    return out;
}

FixSet parse_fix_set(std::string_view text) {
    FixSet out;
    while (!text.empty()) {
        const auto plus = text.find('+');
        const auto part = trim(text.substr(0, plus));
        if (!part.empty()) out.emplace_back(part);
        if (plus == std::string_view::npos) break;
        text.remove_prefix(plus + 1);
    }
    std::sort(out.begin(), out.end());
    return out;
}

std::vector<std::string> fix_options(const std::optional<FixSet>& cheapest,
                                     const std::vector<FixSet>& working,
                                     const std::vector<std::string>& preferred,
                                     const std::vector<std::string>& rest, std::uint64_t seed) {
    kernel::Rng rng(derive_seed(seed, "quiz.fix-options"));
    std::vector<FixSet> sorted_working = working;
    for (auto& w : sorted_working) std::sort(w.begin(), w.end());
    const std::size_t size = cheapest ? std::max<std::size_t>(cheapest->size(), 1) : 1;
    std::vector<std::string> options;
    if (cheapest) options.push_back(to_string(*cheapest));
    // The preferred codes in the seed's order, then the rest in the seed's order; each
    // distractor is the next `size` codes.
    std::vector<std::string> order;
    for (const auto* part : {&preferred, &rest}) {
        std::vector<std::string> codes;
        for (const auto& c : *part) {
            if (!contains(codes, c) && !contains(order, c)) codes.push_back(c);
        }
        std::sort(codes.begin(), codes.end());
        shuffle(codes, rng);
        order.insert(order.end(), codes.begin(), codes.end());
    }
    std::size_t next = 0;
    while (options.size() + 1 < kFixOptions && next < order.size()) {
        FixSet set;
        for (; set.size() < size && next < order.size(); ++next) set.push_back(order[next]);
        if (set.size() < size) break;
        std::sort(set.begin(), set.end());
        const auto text = to_string(set);
        if (works_as_superset(set, sorted_working) || contains(options, text)) continue;
        options.push_back(text);
    }
    shuffle(options, rng);
    options.emplace_back(kNoFix);
    return options;
}

Reply parse_reply(std::string_view line, const std::vector<std::string>& options) {
    const auto text = trim(line);
    Reply r;
    if (text.empty()) return r;
    if (text == "q" || text == "Q" || text == "quit") {
        r.kind = Reply::Kind::Quit;
        return r;
    }
    std::size_t n = 0;
    const auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
    if (ec == std::errc{} && p == text.data() + text.size()) {
        if (n >= 1 && n <= options.size()) {
            r.kind = Reply::Kind::Option;
            r.option = n - 1;
            r.code = options[n - 1];
            return r;
        }
    }
    r.kind = Reply::Kind::Code;
    r.code = std::string(text);
    return r;
}

std::string summary(const Score& s) {
    return fmt::format("{}/{} causes, {}/{} fixes", s.causes_right, s.causes_asked, s.fixes_right,
                       s.fixes_asked);
}

std::string wrap(std::string_view text, std::string_view indent, std::size_t width) {
    std::string out;
    std::string line(indent);
    std::size_t pos = 0;
    const auto space = [](char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; };
    while (pos < text.size()) {
        while (pos < text.size() && space(text[pos])) ++pos;
        auto end = pos;
        while (end < text.size() && !space(text[end])) ++end;
        if (end == pos) break;
        const auto word = text.substr(pos, end - pos);
        if (line.size() > indent.size() && line.size() + 1 + word.size() > width) {
            out += line + '\n';
            line = std::string(indent);
        }
        if (line.size() > indent.size()) line += ' ';
        line += word;
        pos = end;
    }
    if (line.size() > indent.size()) out += line + '\n';
    return out;
}

}  // namespace vpnsim::train
