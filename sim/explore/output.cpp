#include "sim/explore/output.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>

namespace vpnsim::explore {
namespace {

using Json = nlohmann::ordered_json;

constexpr int kFormatVersion = 1;

std::string_view result_name(Result r) {
    switch (r) {
        case Result::Pass:
            return "pass";
        case Result::Fail:
            return "fail";
        case Result::NotApplicable:
            return "n/a";
    }
    return "n/a";
}
std::optional<Result> parse_result(std::string_view s) {
    for (const auto r : {Result::Pass, Result::Fail, Result::NotApplicable}) {
        if (result_name(r) == s) return r;
    }
    return std::nullopt;
}

Json header_json(const Header& h) {
    Json j;
    j["type"] = "explore";
    j["version"] = kFormatVersion;
    j["mode"] = h.census ? "census" : "properties";
    Json props = Json::array();
    for (const auto p : h.properties) props.push_back(std::string(name(p)));
    j["properties"] = props;
    j["seed"] = h.seed;
    j["cases"] = h.cases;
    j["mutate"] = h.mutate;
    j["from"] = h.from;
    j["case"] = h.only_case ? Json(*h.only_case) : Json(nullptr);
    return j;
}

Json case_json(const Header& h, const CaseRecord& c) {
    Json j;
    j["type"] = "case";
    j["case"] = c.index;
    j["size"] = case_size(c.index);
    if (h.census) {
        j["outcome"] = c.outcome;
        return j;
    }
    Json results = Json::object();
    for (std::size_t p = 0; p < h.properties.size(); ++p) {
        results[std::string(name(h.properties[p]))] = std::string(result_name(c.results[p]));
    }
    j["results"] = results;
    return j;
}

Json example_json(const Example& e) {
    Json j;
    j["type"] = "example";
    j["key"] = e.key;
    j["case"] = e.index;
    j["size"] = e.size;
    j["message"] = e.message;
    j["mutations"] = e.mutations;
    j["shrink_steps"] = e.shrink_steps;
    j["toml"] = e.toml;
    return j;
}

// Property mode: per property, how many cases passed, failed, did not apply.
struct PropertyCount {
    std::string_view name;
    std::uint64_t passed{0};
    std::uint64_t failed{0};
    std::uint64_t not_applicable{0};
};
std::vector<PropertyCount> property_counts(const Report& r) {
    std::vector<PropertyCount> out;
    for (std::size_t p = 0; p < r.header.properties.size(); ++p) {
        PropertyCount c{name(r.header.properties[p])};
        for (const auto& rec : r.cases) {
            switch (rec.results[p]) {
                case Result::Pass:
                    ++c.passed;
                    break;
                case Result::Fail:
                    ++c.failed;
                    break;
                case Result::NotApplicable:
                    ++c.not_applicable;
                    break;
            }
        }
        out.push_back(c);
    }
    return out;
}

// Census: cases per outcome, UP first, then by count (most first), then by code.
std::vector<std::pair<std::string, std::uint64_t>> outcome_counts(const Report& r) {
    std::map<std::string, std::uint64_t> counts;
    for (const auto& c : r.cases) {
        for (const auto& code : c.outcome) ++counts[code];
    }
    std::vector<std::pair<std::string, std::uint64_t>> out(counts.begin(), counts.end());
    std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
        if ((a.first == "UP") != (b.first == "UP")) return a.first == "UP";
        return a.second > b.second;
    });
    return out;
}

const Example* example_for(const Report& r, const std::string& key) {
    const auto it = std::find_if(r.examples.begin(), r.examples.end(),
                                 [&](const Example& e) { return e.key == key; });
    return it == r.examples.end() ? nullptr : &*it;
}

Json summary_json(const Report& r) {
    Json j;
    j["type"] = "summary";
    j["cases_run"] = r.cases.size();
    j["cases_missing"] = r.missing();
    if (r.header.census) {
        Json outcomes = Json::array();
        for (const auto& [code, n] : outcome_counts(r)) {
            Json o;
            o["outcome"] = code;
            o["cases"] = n;
            o["example_case"] = example_for(r, code) ? Json(example_for(r, code)->index) : Json();
            outcomes.push_back(o);
        }
        j["outcomes"] = outcomes;
        return j;
    }
    Json props = Json::array();
    for (const auto& c : property_counts(r)) {
        Json o;
        o["property"] = std::string(c.name);
        o["passed"] = c.passed;
        o["failed"] = c.failed;
        o["not_applicable"] = c.not_applicable;
        props.push_back(o);
    }
    j["properties"] = props;
    j["failed"] = any_failed(r);
    return j;
}

std::string describe_base(const Header& h) {
    return h.from.empty() ? "generated healthy bases" : fmt::format("the base {}", h.from);
}

std::string share(std::uint64_t n, std::size_t total) {
    return total == 0 ? "-"
                      : fmt::format("{:.1f}%",
                                    100.0 * static_cast<double>(n) / static_cast<double>(total));
}

std::string example_text(const Example& e, const std::string& written) {
    std::string out;
    if (!e.message.empty()) out += fmt::format("  {}\n", e.message);
    if (e.mutations.empty()) out += "  mutations: none (the base itself)\n";
    for (const auto& m : e.mutations) out += fmt::format("  mutation: {}\n", m);
    const auto reproduce = e.toml.find("# Reproduce: ");
    if (reproduce != std::string::npos) {
        const auto from = reproduce + 13;
        out +=
            fmt::format("  reproduce: {}\n", e.toml.substr(from, e.toml.find('\n', from) - from));
    }
    if (!written.empty()) out += fmt::format("  scenario: {} (vpnsim run {})\n", written, written);
    return out;
}

std::string truncate(std::string s, std::size_t width) {
    if (s.size() > width) s = s.substr(0, width - 3) + "...";
    return s;
}

}  // namespace

bool any_failed(const Report& r) {
    return std::any_of(r.cases.begin(), r.cases.end(), [](const CaseRecord& c) {
        return std::find(c.results.begin(), c.results.end(), Result::Fail) != c.results.end();
    });
}

std::string format_text(const Report& r, const std::vector<std::string>& written) {
    const auto& h = r.header;
    std::string out =
        fmt::format("vpnsim explore{} -- {} case{}, seed {}, up to {} mutation{} per case on {}\n",
                    h.census ? " --census" : "", r.cases.size(), r.cases.size() == 1 ? "" : "s",
                    h.seed, h.mutate, h.mutate == 1 ? "" : "s", describe_base(h));
    if (r.missing() > 0) {
        out += fmt::format(
            "{} of {} cases not run (time limit or shard): the report covers the "
            "cases run\n",
            r.missing(), h.only_case ? 1 : h.cases);
    }
    const auto file_of = [&](std::size_t i) { return i < written.size() ? written[i] : ""; };
    if (h.census) {
        out += fmt::format("\n{:<36} {:>7} {:>7}  {}\n", "OUTCOME", "CASES", "SHARE",
                           "SHRUNK EXAMPLE (mutations)");
        for (const auto& [code, n] : outcome_counts(r)) {
            const auto* e = example_for(r, code);
            std::string example = "-";
            if (e) {
                example = e->mutations.empty() ? "(the base itself)"
                                               : fmt::format("{}", fmt::join(e->mutations, "; "));
            }
            out += fmt::format("{:<36} {:>7} {:>7}  {}\n", code, n, share(n, r.cases.size()),
                               truncate(example, 100));
        }
        out += "\nA case may show several causes, so shares can add up to more than 100%.\n";
        for (std::size_t i = 0; i < r.examples.size(); ++i) {
            const auto& e = r.examples[i];
            out += fmt::format("\n{} -- first on case {}, shrunk in {} steps:\n", e.key, e.index,
                               e.shrink_steps);
            out += example_text(e, file_of(i));
        }
        return out;
    }
    out += fmt::format("\n{:<20} {:>7} {:>7} {:>7}\n", "PROPERTY", "PASSED", "FAILED", "N/A");
    for (const auto& c : property_counts(r)) {
        out +=
            fmt::format("{:<20} {:>7} {:>7} {:>7}\n", c.name, c.passed, c.failed, c.not_applicable);
    }
    for (std::size_t i = 0; i < r.examples.size(); ++i) {
        const auto& e = r.examples[i];
        out +=
            fmt::format("\nproperty {} FAILED; the first failing case, {}, shrunk in {} steps:\n",
                        e.key, e.index, e.shrink_steps);
        out += example_text(e, file_of(i));
    }
    out += any_failed(r) ? "\nresult: FAILED\n" : "\nresult: all properties hold\n";
    return out;
}

std::string format_json(const Report& r) {
    Json j;
    j["explore"] = header_json(r.header);
    j["summary"] = summary_json(r);
    Json examples = Json::array();
    for (const auto& e : r.examples) examples.push_back(example_json(e));
    j["examples"] = examples;
    return j.dump(2) + "\n";
}

std::string format_jsonl(const Report& r) {
    std::string out = header_json(r.header).dump() + "\n";
    for (const auto& c : r.cases) out += case_json(r.header, c).dump() + "\n";
    for (const auto& e : r.examples) out += example_json(e).dump() + "\n";
    return out + summary_json(r).dump() + "\n";
}

namespace {

// A count: a JSON integer, never a float or a negative number (nlohmann's get<> would convert
// either with undefined behaviour; found by the merge fuzzer).
std::uint64_t count(const Json& j, const char* key) {
    const auto& v = j.at(key);
    if (!v.is_number_unsigned()) {
        throw std::runtime_error(std::string("\"") + key + "\" must be a non-negative integer");
    }
    return v.get<std::uint64_t>();
}
int small_count(const Json& j, const char* key) {
    const auto v = count(j, key);
    if (v > 1'000'000) throw std::runtime_error(std::string("\"") + key + "\" is out of range");
    return static_cast<int>(v);
}

Header read_header(const Json& j) {
    Header h;
    h.census = j.at("mode").get<std::string>() == "census";
    for (const auto& p : j.at("properties")) {
        const auto prop = parse_property(p.get<std::string>());
        if (!prop) throw std::runtime_error("unknown property " + p.get<std::string>());
        h.properties.push_back(*prop);
    }
    h.seed = count(j, "seed");
    h.cases = count(j, "cases");
    h.mutate = small_count(j, "mutate");
    h.from = j.at("from").get<std::string>();
    if (!j.at("case").is_null()) h.only_case = count(j, "case");
    return h;
}

CaseRecord read_case(const Header& h, const Json& j) {
    CaseRecord c;
    c.index = count(j, "case");
    if (h.census) {
        c.outcome = j.at("outcome").get<std::vector<std::string>>();
        return c;
    }
    const auto& results = j.at("results");
    for (const auto p : h.properties) {
        const auto r = parse_result(results.at(std::string(name(p))).get<std::string>());
        if (!r) throw std::runtime_error("a result is not pass, fail or n/a");
        c.results.push_back(*r);
    }
    return c;
}

Example read_example(const Json& j) {
    Example e;
    e.key = j.at("key").get<std::string>();
    e.index = count(j, "case");
    e.size = small_count(j, "size");
    e.message = j.at("message").get<std::string>();
    e.mutations = j.at("mutations").get<std::vector<std::string>>();
    e.shrink_steps = count(j, "shrink_steps");
    e.toml = j.at("toml").get<std::string>();
    return e;
}

}  // namespace

std::variant<Report, std::string> read_jsonl(const std::string& text, const std::string& file) {
    Report r;
    bool have_header = false;
    std::size_t line_no = 0;
    std::size_t from = 0;
    while (from < text.size()) {
        const auto end = text.find('\n', from);
        const auto line = text.substr(from, end == std::string::npos ? end : end - from);
        from = end == std::string::npos ? text.size() : end + 1;
        ++line_no;
        if (line.empty()) continue;
        try {
            const auto j = Json::parse(line);
            const auto type = j.at("type").get<std::string>();
            if (type == "explore") {
                if (have_header) throw std::runtime_error("a second header line");
                if (small_count(j, "version") != kFormatVersion) {
                    throw std::runtime_error("written by another version of vpnsim explore");
                }
                r.header = read_header(j);
                have_header = true;
            } else if (!have_header) {
                throw std::runtime_error(
                    "the first line must be the {\"type\":\"explore\"} header");
            } else if (type == "case") {
                auto c = read_case(r.header, j);
                const bool in_run =
                    r.header.only_case ? c.index == *r.header.only_case : c.index < r.header.cases;
                if (!in_run) throw std::runtime_error("a case outside the run's cases");
                if (!r.cases.empty() && c.index <= r.cases.back().index) {
                    throw std::runtime_error("cases out of order or repeated");
                }
                r.cases.push_back(std::move(c));
            } else if (type == "example") {
                r.examples.push_back(read_example(j));
            } else if (type != "summary") {
                throw std::runtime_error("unknown record type \"" + type + "\"");
            }
        } catch (const std::exception& e) {
            return fmt::format("{}:{}: {}", file, line_no, e.what());
        }
    }
    if (!have_header) return fmt::format("{}: no vpnsim explore output (no header line)", file);
    return r;
}

std::variant<Report, std::string> merge(const std::vector<Report>& parts,
                                        const std::vector<std::string>& files) {
    Report r;
    if (parts.empty()) return std::string("nothing to merge");
    r.header = parts.front().header;
    std::map<std::uint64_t, const CaseRecord*> cases;
    for (std::size_t i = 0; i < parts.size(); ++i) {
        if (!(parts[i].header == r.header)) {
            return fmt::format(
                "{}: another run (seed, cases, properties, mutate or base differ "
                "from {})",
                files[i], files.front());
        }
        for (const auto& c : parts[i].cases) {
            const auto [it, fresh] = cases.emplace(c.index, &c);
            if (!fresh && !(*it->second == c)) {
                return fmt::format("{}: case {} differs from another shard's record", files[i],
                                   c.index);
            }
        }
    }
    for (const auto& [index, c] : cases) r.cases.push_back(*c);
    for (const auto& [key, index] : examples_due(r)) {
        const Example* found = nullptr;
        for (const auto& p : parts) {
            for (const auto& e : p.examples) {
                if (e.key == key && e.index == index) found = &e;
            }
        }
        if (!found) {
            return fmt::format("no shard holds the shrunk example of {} (case {})", key, index);
        }
        r.examples.push_back(*found);
    }
    return r;
}

}  // namespace vpnsim::explore
