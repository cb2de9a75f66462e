// `vpnsim explore` and `vpnsim explore merge`: options, sharding from the cluster schedulers'
// environment, the progress bar, and writing the report and the shrunk scenarios.
#include <fmt/format.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "sim/cli/cluster.hpp"
#include "sim/cli/commands.hpp"
#include "sim/explore/output.hpp"
#include "sim/report/write_file.hpp"
#include "sim/scenario/diagnostics.hpp"
#include "sim/scenario/loader.hpp"

namespace vpnsim::cli {
namespace {

constexpr std::uint64_t kMaxCases = 100'000'000;

// Writes each example's scenario into DIR as KEY.toml; their paths, in example order.
std::variant<std::vector<std::string>, std::string> write_examples(const explore::Report& r,
                                                                   const std::string& dir) {
    std::vector<std::string> written;
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec) return fmt::format("{}: {}", dir, ec.message());
    for (const auto& e : r.examples) {
        const auto path = (std::filesystem::path(dir) / (e.key + ".toml")).string();
        if (auto error = report::write_file(path, e.toml, report::Overwrite::Allow)) return *error;
        written.push_back(path);
    }
    return written;
}

// Prints or writes (--output) the report in its format, the examples to --out; exit status.
int emit(const std::string& cmd, const Args& a, const explore::Report& r) {
    const auto format = a.get("format").value_or("text");
    std::vector<std::string> written;
    if (const auto dir = a.get("out")) {
        auto w = write_examples(r, *dir);
        if (auto* error = std::get_if<std::string>(&w)) {
            fmt::print(stderr, "vpnsim {}: --out: cannot write {}\n", cmd, *error);
            return kExitBadInput;
        }
        written = std::get<std::vector<std::string>>(w);
    }
    const auto text = format == "json"    ? explore::format_json(r)
                      : format == "jsonl" ? explore::format_jsonl(r)
                                          : explore::format_text(r, written);
    if (!print_or_write(cmd, a, text)) return kExitBadInput;
    return explore::any_failed(r) ? kExitExpectFailed : kExitOk;
}

bool check_format(const std::string& cmd, const Args& a) {
    return format_option(cmd, a, {"text", "json", "jsonl"}).has_value();
}

// The header and options from the command line; nullopt after a usage error.
std::optional<explore::Options> explore_options(const Args& a) {
    explore::Options o;
    auto& h = o.header;
    const auto props = a.list("property");
    h.census = a.get("census").has_value();
    if (h.census && !props.empty()) {
        usage_error("explore", "--census and --property are separate modes: give one");
        return std::nullopt;
    }
    if (h.census && a.get("cases")) {
        usage_error("explore", "--census N already gives the number of cases: drop --cases");
        return std::nullopt;
    }
    for (const auto& p : props) {
        if (p == "all") {
            h.properties.assign(explore::kAllProperties.begin(), explore::kAllProperties.end());
            continue;
        }
        const auto prop = explore::parse_property(p);
        if (!prop) {
            std::vector<std::string> names{"all"};
            for (const auto q : explore::kAllProperties) names.emplace_back(explore::name(q));
            usage_error("explore",
                        fmt::format("unknown property '{}' (one of: {})",
                                    scenario::detail::printable(p), fmt::join(names, ", ")));
            return std::nullopt;
        }
        if (std::find(h.properties.begin(), h.properties.end(), *prop) == h.properties.end()) {
            h.properties.push_back(*prop);
        }
    }
    if (!h.census && h.properties.empty()) {
        h.properties.assign(explore::kAllProperties.begin(), explore::kAllProperties.end());
    }
    const auto cases = count_option("explore", a, h.census ? "census" : "cases", 100, 1, kMaxCases);
    const auto seed = count_option("explore", a, "seed", 1, 0, UINT64_MAX);
    const auto mutate = count_option("explore", a, "mutate", 2, 0, 8);
    const auto jobs = count_option("explore", a, "jobs", 1, 0, 256);
    const auto budget = count_option("explore", a, "shrink-budget", 400, 0, 100'000);
    if (!cases || !seed || !mutate || !jobs || !budget) return std::nullopt;
    h.cases = *cases;
    h.seed = *seed;
    h.mutate = static_cast<int>(*mutate);
    o.jobs = threads_for(*jobs);
    o.shrink_budget = *budget;
    if (const auto c = a.get("case")) {
        h.only_case = parse_count(*c);
        if (!h.only_case) {
            usage_error("explore", "--case takes a case number (0, 1, ...)");
            return std::nullopt;
        }
    }
    if (const auto t = a.get("time-limit")) {
        const auto d = scenario::parse_duration(*t);
        if (!d || d->count() <= 0) {
            usage_error("explore", fmt::format("--time-limit takes a duration such as 90s or 10m, "
                                               "got '{}'",
                                               scenario::detail::printable(*t)));
            return std::nullopt;
        }
        o.time_limit_seconds = std::chrono::duration<double>(*d).count();
    }
    const auto shard = shard_of(a);
    if (const auto* error = std::get_if<std::string>(&shard)) {
        usage_error("explore", *error);
        return std::nullopt;
    }
    o.shard = std::get<Shard>(shard);
    if (const auto from = a.get("from")) {
        const auto options = load_options("explore", a);
        if (!options) return std::nullopt;
        o.from = load_scenario(*from, *options);
        if (!o.from) return std::nullopt;
        h.from = *from;
    }
    return o;
}

}  // namespace

int cmd_explore(const Args& a) {
    if (!a.positional.empty()) {
        return usage_error("explore", fmt::format("takes no FILE (a base scenario is --from "
                                                  "FILE), got '{}'",
                                                  scenario::detail::printable(a.positional[0])));
    }
    if (!check_format("explore", a)) return kExitBadInput;
    auto o = explore_options(a);
    if (!o) return kExitBadInput;
    if (o->shard.count > 1) {
        fmt::print(stderr, "vpnsim explore: shard {}/{}: cases i with i mod {} = {}\n",
                   o->shard.index, o->shard.count, o->shard.count, o->shard.index);
    }
    Progress progress(isatty(STDERR_FILENO) != 0 && !a.has("quiet"), "cases");
    o->progress = [&](std::uint64_t done, std::uint64_t total) { progress(done, total); };
    return emit("explore", a, explore::explore(*o));
}

int cmd_explore_merge(const Args& a) {
    if (a.positional.empty()) return usage_error("explore merge", "expects the shards' FILEs");
    if (!check_format("explore merge", a)) return kExitBadInput;
    auto options = load_options("explore merge", a);
    if (!options) return kExitBadInput;
    // A shard's output grows with its cases (~100 bytes each), far past a scenario's size.
    if (!a.get("max-file-size")) options->max_file_bytes = std::size_t{1} << 30;
    std::vector<explore::Report> parts;
    for (const auto& file : a.positional) {
        const auto text = scenario::read_scenario_text(file, *options);
        if (const auto* d = std::get_if<scenario::Diagnostic>(&text)) {
            fmt::print(stderr, "{}\n", d->to_string());
            return kExitBadInput;
        }
        auto part = explore::read_jsonl(std::get<std::string>(text), file);
        if (const auto* error = std::get_if<std::string>(&part)) {
            fmt::print(stderr, "vpnsim explore merge: {}\n", *error);
            return kExitBadInput;
        }
        parts.push_back(std::move(std::get<explore::Report>(part)));
    }
    auto merged = explore::merge(parts, a.positional);
    if (const auto* error = std::get_if<std::string>(&merged)) {
        fmt::print(stderr, "vpnsim explore merge: {}\n", *error);
        return kExitBadInput;
    }
    return emit("explore merge", a, std::get<explore::Report>(merged));
}

}  // namespace vpnsim::cli
