#include "sim/cli/commands.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <limits>
#include <variant>

#include "sim/import/files.hpp"
#include "sim/report/aws_json.hpp"
#include "sim/report/expect.hpp"
#include "sim/report/text.hpp"
#include "sim/report/write_file.hpp"
#include "sim/run/reachability.hpp"
#include "sim/run/world.hpp"
#include "sim/scenario/diagnostics.hpp"
#include "sim/scenario/duration.hpp"
#include "sim/scenario/loader.hpp"
#include "sim/train/quiz.hpp"

namespace vpnsim::cli {
namespace {

namespace fs = std::filesystem;

struct LogFile {
    fs::path path;
    std::string text;
};

// Every CloudWatch stream of the run as the file --logs writes for it.
std::vector<LogFile> log_files(const fs::path& dir, const run::RunResult& r) {
    std::vector<LogFile> out;
    for (const auto& t : r.tunnels) {
        const auto ip = t.outside_ip.to_string();
        const auto resource = fmt::format("{}_{}", r.vpn_id, ip);
        std::string ike;
        for (const auto& e : t.logs.ike) ike += report::ike_log_line(e) + "\n";
        std::string bgp;
        for (const auto& e : t.logs.bgp) bgp += report::bgp_log_line(e, resource) + "\n";
        out.push_back({dir / aws::ike_stream_name(r.vpn_id, ip), std::move(ike)});
        out.push_back({dir / aws::bgp_stream_name(r.vpn_id, ip), std::move(bgp)});
    }
    return out;
}

// Writes every stream to DIR, each file complete or not at all (report::write_file). Without
// --force an existing stream file is an error, found before any file is written.
bool write_logs(const fs::path& dir, const run::RunResult& r, report::Overwrite overwrite) {
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec) {
        fmt::print(stderr, "vpnsim run: --logs {}: {}\n", dir.string(), ec.message());
        return false;
    }
    const auto files = log_files(dir, r);
    if (overwrite == report::Overwrite::Refuse) {
        for (const auto& f : files) {
            if (fs::symlink_status(f.path, ec).type() != fs::file_type::not_found) {
                fmt::print(stderr, "vpnsim run: --logs: {} exists (use --force to overwrite)\n",
                           f.path.string());
                return false;
            }
        }
    }
    for (const auto& f : files) {
        if (const auto error = report::write_file(f.path, f.text, overwrite)) {
            fmt::print(stderr, "vpnsim run: --logs: cannot write {}\n", *error);
            return false;
        }
    }
    return true;
}

}  // namespace

std::optional<std::uint64_t> parse_count(std::string_view s) {
    std::uint64_t v = 0;
    const auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc{} || p != s.data() + s.size()) return std::nullopt;
    return v;
}

std::optional<std::size_t> parse_size(std::string_view text) {
    std::size_t unit = 1;
    if (!text.empty()) {
        switch (text.back()) {
            case 'k':
            case 'K':
                unit = std::size_t{1} << 10;
                break;
            case 'm':
            case 'M':
                unit = std::size_t{1} << 20;
                break;
            case 'g':
            case 'G':
                unit = std::size_t{1} << 30;
                break;
            default:
                break;
        }
        if (unit != 1) text.remove_suffix(1);
    }
    std::size_t v = 0;
    const auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec != std::errc{} || p != text.data() + text.size() || v == 0) return std::nullopt;
    if (v > std::numeric_limits<std::size_t>::max() / unit) return std::nullopt;
    return v * unit;
}

std::optional<scenario::LoadOptions> load_options(std::string_view cmd, const Args& a) {
    scenario::LoadOptions options;
    if (const auto size = a.get("max-file-size")) {
        const auto v = parse_size(*size);
        if (!v) {
            usage_error(cmd, fmt::format("--max-file-size must be a positive size in bytes "
                                         "(suffix K, M or G allowed), got '{}'",
                                         scenario::detail::printable(*size)));
            return std::nullopt;
        }
        options.max_file_bytes = *v;
    }
    options.references = vpnsim::import::file_references(options.max_file_bytes);
    return options;
}

void print_warnings(const std::vector<std::string>& warnings) {
    const auto shown = std::min(warnings.size(), kMaxPrintedDiagnostics);
    for (std::size_t i = 0; i < shown; ++i) fmt::print(stderr, "{}\n", warnings[i]);
    if (warnings.size() > shown) {
        fmt::print(stderr, "vpnsim: {} more warnings not shown\n", warnings.size() - shown);
    }
}

void print_diagnostics(const std::string& path, const std::vector<scenario::Diagnostic>& all) {
    const auto shown = std::min(all.size(), kMaxPrintedDiagnostics);
    for (std::size_t i = 0; i < shown; ++i) fmt::print(stderr, "{}\n", all[i].to_string());
    if (all.size() > shown) {
        fmt::print(stderr, "{}: {} more errors not shown ({} in all)\n", path, all.size() - shown,
                   all.size());
    }
}

std::optional<scenario::Scenario> load_scenario(const std::string& path,
                                                const scenario::LoadOptions& options) {
    auto r = scenario::load_file(path, options);
    print_warnings(r.warnings);
    print_diagnostics(path, r.diagnostics);
    return std::move(r.scenario);
}

int usage_error(std::string_view cmd, const std::string& msg) {
    fmt::print(stderr, "vpnsim {}: {} (try 'vpnsim help {}')\n", cmd, msg, cmd);
    return kExitBadInput;
}

std::optional<run::RunLimits> run_limits(std::string_view cmd, const Args& a) {
    run::RunLimits limits;
    if (const auto b = a.get("event-budget")) {
        const auto v = parse_count(*b);
        if (!v || *v < run::kMinEventBudget || *v > run::kMaxEventBudget) {
            usage_error(cmd,
                        fmt::format("--event-budget must be an integer from {} to {}, got '{}'",
                                    run::kMinEventBudget, run::kMaxEventBudget,
                                    scenario::detail::printable(*b)));
            return std::nullopt;
        }
        limits.event_budget = *v;
    }
    if (const auto t = a.get("trace-limit")) {
        const auto v = parse_count(*t);
        if (!v || *v > kMaxTraceLimit) {
            usage_error(cmd, fmt::format("--trace-limit must be an integer from 0 to {}, got '{}'",
                                         kMaxTraceLimit, scenario::detail::printable(*t)));
            return std::nullopt;
        }
        limits.trace_records = *v;
    }
    return limits;
}

bool duration_option(std::string_view cmd, const Args& a, std::optional<SimTime>& out) {
    const auto d = a.get("duration");
    if (!d) return true;
    const auto v = scenario::parse_duration(*d);
    if (!v || *v <= SimTime::zero() || *v > scenario::kMaxScenarioDuration) {
        usage_error(cmd,
                    fmt::format("--duration must be a duration from 1ms to {}, e.g. 90s, "
                                "10m, 1h; got '{}'",
                                scenario::detail::format_duration(scenario::kMaxScenarioDuration),
                                scenario::detail::printable(*d)));
        return false;
    }
    out = *v;
    return true;
}

bool override_run_keys(std::string_view cmd, const Args& a, scenario::Scenario& s) {
    if (const auto seed = a.get("seed")) {
        const auto v = parse_count(*seed);
        if (!v) {
            usage_error(cmd, "--seed must be a non-negative integer");
            return false;
        }
        s.seed = *v;
    }
    std::optional<SimTime> duration;
    if (!duration_option(cmd, a, duration)) return false;
    if (duration) s.duration = *duration;
    // After --duration: the probes are timed from the end of the run.
    if (a.has("probes")) s = run::with_probes(s);
    return true;
}

std::optional<std::string> format_option(std::string_view cmd, const Args& a,
                                         const std::vector<std::string_view>& allowed) {
    const auto format = a.get("format").value_or(std::string(allowed.front()));
    if (std::find(allowed.begin(), allowed.end(), format) != allowed.end()) return format;
    std::string names;
    for (std::size_t i = 0; i < allowed.size(); ++i) {
        names += i == 0 ? "" : i + 1 == allowed.size() ? " or " : ", ";
        names += allowed[i];
    }
    usage_error(cmd, fmt::format("--format must be {}, got '{}'", names,
                                 scenario::detail::printable(format)));
    return std::nullopt;
}

int cmd_run(const Args& a) {
    if (a.positional.size() != 1) return usage_error("run", "expects exactly one scenario FILE");
    const auto format_given = format_option("run", a, {"text", "json"});
    if (!format_given) return kExitBadInput;
    const auto& format = *format_given;
    if (a.has("force") && !a.get("logs")) return usage_error("run", "--force needs --logs DIR");
    const auto limits = run_limits("run", a);
    const auto options = load_options("run", a);
    if (!limits || !options) return kExitBadInput;
    auto s = load_scenario(a.positional.front(), *options);
    if (!s) return kExitBadInput;
    if (!override_run_keys("run", a, *s)) return kExitBadInput;
    const auto result = run::simulate(*s, *limits);
    if (const auto dir = a.get("logs")) {
        const auto overwrite =
            a.has("force") ? report::Overwrite::Allow : report::Overwrite::Refuse;
        if (!write_logs(*dir, result, overwrite)) return kExitBadInput;
    }
    if (format == "json") {
        report::write_describe_vpn_connections(stdout, *s, result, a.has("trace"));
    } else {
        fmt::print("{}", report::tunnel_table(*s, result));
        if (a.has("trace")) {
            fmt::print("\ntrace:\n");
            result.trace.write(stdout);
        }
    }
    if (!result.complete()) {
        fmt::print(stderr,
                   "vpnsim run: incomplete: the event budget ({} events) ran out at {} of {}; no "
                   "verdict\n",
                   limits->event_budget, format_time(result.stats.end_time),
                   format_time(s->duration));
        return kExitIncomplete;
    }
    if (a.has("no-expect")) return kExitOk;
    const auto failures = report::check_expectations(*s, result);
    for (const auto& f : failures) fmt::print(stderr, "expectation failed: {}\n", f);
    return failures.empty() ? kExitOk : kExitExpectFailed;
}

int cmd_check(const Args& a) {
    if (a.positional.empty()) return usage_error("check", "expects one or more scenario FILEs");
    const auto options = load_options("check", a);
    if (!options) return kExitBadInput;
    int status = kExitOk;
    for (const auto& f : a.positional) {
        if (load_scenario(f, *options)) {
            fmt::print("{}: ok\n", f);
        } else {
            status = kExitBadInput;
        }
    }
    return status;
}

int cmd_list(const Args& a) {
    const fs::path dir = a.positional.empty() ? fs::path("scenarios") : fs::path(a.positional[0]);
    const auto options = load_options("list", a);
    if (!options) return kExitBadInput;
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) {
        return usage_error("list", fmt::format("'{}' is not a directory",
                                               scenario::detail::printable(dir.string())));
    }
    std::vector<fs::path> files;
    for (const auto& e : fs::recursive_directory_iterator(dir, ec)) {
        if (e.is_regular_file() && scenario::is_scenario_file(e.path().filename().string())) {
            files.push_back(e.path());
        }
    }
    std::sort(files.begin(), files.end());
    int status = kExitOk;
    for (const auto& f : files) {
        const auto r = scenario::load_file(f.string(), *options);
        if (!r.scenario) {
            fmt::print("{}  (invalid: {})\n", f.string(), r.diagnostics.front().to_string());
            status = kExitBadInput;
            continue;
        }
        fmt::print("{:<58} {}\n", f.string(), r.scenario->summary);
        if (a.has("long") && !r.scenario->lesson.empty()) {
            fmt::print("{}", train::wrap(r.scenario->lesson, "    "));
        }
    }
    return status;
}

int cmd_dot(const Args& a) {
    if (a.positional.size() != 1) return usage_error("dot", "expects exactly one scenario FILE");
    const auto options = load_options("dot", a);
    if (!options) return kExitBadInput;
    const auto s = load_scenario(a.positional.front(), *options);
    if (!s) return kExitBadInput;
    run::World w(*s);
    fmt::print("{}", w.topology().to_dot());
    return kExitOk;
}

}  // namespace vpnsim::cli
