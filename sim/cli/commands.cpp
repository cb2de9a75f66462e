#include "sim/cli/commands.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "sim/bench/bench.hpp"
#include "sim/report/aws_json.hpp"
#include "sim/report/expect.hpp"
#include "sim/report/text.hpp"
#include "sim/run/world.hpp"
#include "sim/scenario/loader.hpp"

namespace vpnsim::cli {
namespace {

namespace fs = std::filesystem;

std::optional<std::uint64_t> parse_count(const std::string& s) {
    std::uint64_t v = 0;
    const auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc{} || p != s.data() + s.size()) return std::nullopt;
    return v;
}

// Writes every stream to DIR; each file appears complete or not at all (temp + rename).
bool write_logs(const fs::path& dir, const run::RunResult& r) {
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec) {
        fmt::print(stderr, "vpnsim run: --logs {}: {}\n", dir.string(), ec.message());
        return false;
    }
    for (const auto& t : r.tunnels) {
        const auto ip = t.outside_ip.to_string();
        const auto resource = fmt::format("{}_{}", r.vpn_id, ip);
        std::string ike;
        for (const auto& e : t.logs.ike) ike += report::ike_log_line(e) + "\n";
        std::string bgp;
        for (const auto& e : t.logs.bgp) bgp += report::bgp_log_line(e, resource) + "\n";
        for (const auto& [name, text] : {std::pair{aws::ike_stream_name(r.vpn_id, ip), ike},
                                         std::pair{aws::bgp_stream_name(r.vpn_id, ip), bgp}}) {
            const fs::path final_path = dir / name;
            const fs::path tmp = dir / (name + ".tmp");
            std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
            out << text;
            out.close();
            if (!out) {
                fmt::print(stderr, "vpnsim run: cannot write {}\n", tmp.string());
                fs::remove(tmp, ec);
                return false;
            }
            fs::rename(tmp, final_path, ec);
            if (ec) {
                fmt::print(stderr, "vpnsim run: cannot write {}: {}\n", final_path.string(),
                           ec.message());
                return false;
            }
        }
    }
    return true;
}

}  // namespace

std::optional<scenario::Scenario> load_scenario(const std::string& path) {
    auto r = scenario::load_file(path);
    for (const auto& d : r.diagnostics) fmt::print(stderr, "{}\n", d.to_string());
    return std::move(r.scenario);
}

int usage_error(std::string_view cmd, const std::string& msg) {
    fmt::print(stderr, "vpnsim {}: {} (try 'vpnsim help {}')\n", cmd, msg, cmd);
    return kExitBadInput;
}

int cmd_run(const Args& a) {
    if (a.positional.size() != 1) return usage_error("run", "expects exactly one scenario FILE");
    const auto format = a.get("format").value_or("text");
    if (format != "text" && format != "json") {
        return usage_error("run", fmt::format("--format must be text or json, got '{}'", format));
    }
    std::uint64_t budget = run::kDefaultEventBudget;
    if (const auto b = a.get("event-budget")) {
        const auto v = parse_count(*b);
        if (!v || *v == 0) return usage_error("run", "--event-budget must be a positive integer");
        budget = *v;
    }
    auto s = load_scenario(a.positional.front());
    if (!s) return kExitBadInput;
    if (const auto seed = a.get("seed")) {
        const auto v = parse_count(*seed);
        if (!v) return usage_error("run", "--seed must be a non-negative integer");
        s->seed = *v;
    }
    if (const auto d = a.get("duration")) {
        const auto v = scenario::parse_duration(*d);
        if (!v || *v <= SimTime::zero()) {
            return usage_error("run", fmt::format("--duration: invalid duration '{}'", *d));
        }
        s->duration = *v;
    }
    const auto result = run::simulate(*s, budget);
    if (const auto dir = a.get("logs"); dir && !write_logs(*dir, result)) return kExitBadInput;
    if (format == "json") {
        fmt::print("{}", report::describe_vpn_connections(*s, result, a.has("trace")));
    } else {
        fmt::print("{}", report::tunnel_table(*s, result));
        if (a.has("trace")) fmt::print("\ntrace:\n{}", result.trace.render());
    }
    if (a.has("no-expect")) return kExitOk;
    const auto failures = report::check_expectations(*s, result);
    for (const auto& f : failures) fmt::print(stderr, "expectation failed: {}\n", f);
    return failures.empty() ? kExitOk : kExitExpectFailed;
}

int cmd_check(const Args& a) {
    if (a.positional.empty()) return usage_error("check", "expects one or more scenario FILEs");
    int status = kExitOk;
    for (const auto& f : a.positional) {
        if (load_scenario(f)) {
            fmt::print("{}: ok\n", f);
        } else {
            status = kExitBadInput;
        }
    }
    return status;
}

int cmd_list(const Args& a) {
    const fs::path dir = a.positional.empty() ? fs::path("scenarios") : fs::path(a.positional[0]);
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) {
        return usage_error("list", fmt::format("'{}' is not a directory", dir.string()));
    }
    std::vector<fs::path> files;
    for (const auto& e : fs::recursive_directory_iterator(dir, ec)) {
        if (e.is_regular_file() && e.path().extension() == ".toml") files.push_back(e.path());
    }
    std::sort(files.begin(), files.end());
    int status = kExitOk;
    for (const auto& f : files) {
        const auto r = scenario::load_file(f.string());
        if (!r.scenario) {
            fmt::print("{}  (invalid: {})\n", f.string(), r.diagnostics.front().to_string());
            status = kExitBadInput;
            continue;
        }
        fmt::print("{:<58} {}\n", f.string(), r.scenario->summary);
    }
    return status;
}

int cmd_dot(const Args& a) {
    if (a.positional.size() != 1) return usage_error("dot", "expects exactly one scenario FILE");
    const auto s = load_scenario(a.positional.front());
    if (!s) return kExitBadInput;
    run::World w(*s);
    fmt::print("{}", w.topology().to_dot());
    return kExitOk;
}

int cmd_bench(const Args& a) {
    const std::string file = a.positional.empty()
                                 ? "scenarios/training/ts-cgw-proxy-ids-narrow.toml"
                                 : a.positional.front();
    const auto replays = parse_count(a.get("replays").value_or("2000"));
    const auto events = parse_count(a.get("events").value_or("20000000"));
    if (!replays || *replays == 0 || !events || *events == 0) {
        return usage_error("bench", "--replays and --events must be positive integers");
    }
    std::ifstream in(file, std::ios::binary);
    if (!in) return usage_error("bench", fmt::format("cannot read '{}'", file));
    std::stringstream buf;
    buf << in.rdbuf();
    if (!load_scenario(file)) return kExitBadInput;
    constexpr std::uint64_t kBatches = 10;
    constexpr double kReplayTargetMicros = 100;
    constexpr double kKernelTargetEvents = 10e6;
    const auto batches = bench::replay_batches(buf.str(), file, *replays, kBatches);
    if (batches.empty()) return kExitBadInput;
    const auto& best = batches.front();
    const auto& median = batches[batches.size() / 2];
    const auto per_replay = [](const bench::ReplayFigures& f, double seconds) {
        return seconds * 1e6 / static_cast<double>(f.replays);
    };
    const auto k = bench::kernel_storm(*events, 1024);
    const auto verdict = [](bool met) { return met ? "met" : "NOT met"; };
    fmt::print(
        "replay  {}: {} replays in {} batches: median {:.1f} us/replay (TOML load {:.1f} us + "
        "simulation {:.1f} us), best {:.1f} us/replay; target <= {:.0f} us: {}\n",
        file, *replays, batches.size(), median.micros_per_replay(),
        per_replay(median, median.load_seconds),
        per_replay(median, median.seconds - median.load_seconds), best.micros_per_replay(),
        kReplayTargetMicros, verdict(median.micros_per_replay() <= kReplayTargetMicros));
    fmt::print(
        "kernel  event storm: {} events in {:.3f} s = {:.2f} M events/s; target >= {:.0f} M: "
        "{}\n",
        k.events, k.seconds, k.events_per_second() / 1e6, kKernelTargetEvents / 1e6,
        verdict(k.events_per_second() >= kKernelTargetEvents));
    return kExitOk;
}

}  // namespace vpnsim::cli
