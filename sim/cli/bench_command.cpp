// `vpnsim bench`: memory, replay and kernel figures, each with its target verdict (a missed
// target is printed, never an exit status: a benchmark is not a test).
#include <unistd.h>

#include <fmt/format.h>
#ifdef VPNSIM_MIMALLOC_LINKED
#include <mimalloc.h>
#endif

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "sim/bench/bench.hpp"
#include "sim/bench/memory.hpp"
#include "sim/cli/commands.hpp"
#include "sim/explore/explore.hpp"
#include "sim/run/world.hpp"
#include "sim/scenario/loader.hpp"
#include "sim/scenario/writer.hpp"

namespace vpnsim::cli {
namespace fs = std::filesystem;

namespace {

// Replays run in timed batches: on a shared machine the median batch is a steadier figure
// than one mean.
constexpr std::uint64_t kBatches = 10;

const char* verdict(bool met) {
    return met ? "met" : "NOT met";
}

// The peak memory lines of `vpnsim bench`: the 24 h prefix-limit loop, then the largest peak
// over every bundled scenario, each a real `vpnsim run --trace` process. Skipped (with a note)
// when run outside the repository.
void bench_memory(const scenario::LoadOptions& options) {
    std::error_code ec;
    const auto self = fs::read_symlink("/proc/self/exe", ec).string();
    const std::string heavy_file = "scenarios/training/bgp-prefix-limit.toml";
    const auto base = scenario::load_file(heavy_file, options);
    if (ec || !base.scenario) {
        fmt::print("memory  skipped: {} not found (run from the repository's root)\n", heavy_file);
        return;
    }
    const auto baseline = bench::measure(self, {"--version"});
    // The heavy scenario goes through a file like any other: a private temporary one.
    const auto heavy = bench::heavy_variant(*base.scenario);
    std::string tmp = (fs::temp_directory_path() / "vpnsim-bench-XXXXXX.toml").string();
    const int fd = ::mkstemps(tmp.data(), 5);
    if (fd < 0 || !baseline) {
        fmt::print("memory  skipped: cannot make a temporary scenario file or start {}\n", self);
        return;
    }
    const auto text = scenario::to_toml(heavy);
    const bool written = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
    ::close(fd);
    // Enough events for the whole day: the figure is for a run that finishes.
    const auto budget = std::to_string(run::kMaxEventBudget / 5);
    const auto m =
        written
            ? bench::measure(self, {"run", tmp, "--trace", "--no-expect", "--event-budget", budget})
            : std::nullopt;
    ::unlink(tmp.c_str());
    if (m && (m->exit_status == kExitOk || m->exit_status == kExitIncomplete)) {
        fmt::print(
            "memory  {} for 24h with a 1s connect-retry ({} tunnels, {}): peak {:.1f} MiB "
            "(an idle vpnsim: {:.1f} MiB) = {:.2f} MiB per tunnel-hour; target <= {:.0f} MiB: "
            "{}\n",
            heavy_file, heavy.aws.tunnels.size(),
            m->exit_status == kExitOk ? "complete" : "INCOMPLETE", m->peak_mib, baseline->peak_mib,
            bench::mib_per_tunnel_hour(heavy, m->peak_mib, baseline->peak_mib),
            bench::kPeakTargetMiB, verdict(m->peak_mib <= bench::kPeakTargetMiB));
    } else {
        fmt::print("memory  {}: the measured vpnsim run failed\n", heavy_file);
    }
    std::vector<fs::path> files;
    for (const auto& e : fs::recursive_directory_iterator("scenarios", ec)) {
        if (e.is_regular_file() && scenario::is_scenario_file(e.path().filename().string())) {
            files.push_back(e.path());
        }
    }
    std::sort(files.begin(), files.end());
    double largest = 0;
    std::string largest_file;
    std::size_t measured = 0;
    for (const auto& f : files) {
        const auto r = bench::measure(self, {"run", f.string(), "--trace", "--no-expect"});
        if (!r || r->exit_status >= kExitBadInput) continue;
        ++measured;
        if (r->peak_mib > largest) {
            largest = r->peak_mib;
            largest_file = f.string();
        }
    }
    fmt::print(
        "memory  bundled scenarios: {} runs, largest peak {:.1f} MiB ({}); target <= {:.0f} "
        "MiB: {}\n",
        measured, largest, largest_file, bench::kPeakTargetMiB,
        verdict(largest <= bench::kPeakTargetMiB));
}

// Heap bytes a built and run World holds at the end of its run, its RunResult included:
// everything is allocated in a private mimalloc heap and the blocks still in use are summed
// (mi_heap_visit_blocks: blocks in use times their size class). Deterministic: it depends on
// the sizes allocated, never on timing. nullopt without mimalloc.
std::optional<std::size_t> held_bytes(const scenario::Scenario& s, const run::RunLimits& limits) {
#ifdef VPNSIM_MIMALLOC_LINKED
    mi_heap_t* heap = mi_heap_new();
    mi_heap_t* previous = mi_heap_set_default(heap);
    std::size_t bytes = 0;
    {
        run::World world(s, limits);
        const auto result = world.run();
        mi_heap_visit_blocks(
            heap, false,
            [](const mi_heap_t*, const mi_heap_area_t* area, void*, std::size_t, void* arg) {
                *static_cast<std::size_t*>(arg) += area->used * area->block_size;
                return true;
            },
            &bytes);
    }
    mi_heap_set_default(previous);
    mi_heap_delete(heap);  // blocks still allocated (none expected) move to the default heap
    return bytes;
#else
    (void)s;
    (void)limits;
    return std::nullopt;
#endif
}

// Memory per simulated tunnel: the healthy example run for 10 minutes, as `run` keeps it (the
// trace and the CloudWatch log events) and as the fix search and a census's healthy cases need
// it (the outcome only: run::RunLimits with no records).
void bench_tunnel_memory(const scenario::LoadOptions& options) {
    constexpr const char* kFile = "scenarios/examples/010-healthy-dynamic.toml";
    constexpr double kTargetKiB = 4;
    auto loaded = scenario::load_file(kFile, options);
    if (!loaded.scenario) {
        fmt::print("memory  per tunnel: {} not found: run bench from the repository's root\n",
                   kFile);
        return;
    }
    auto& s = *loaded.scenario;
    s.duration = std::chrono::minutes(10);
    const auto full = held_bytes(s, run::RunLimits{});
    const auto bare = held_bytes(s, run::RunLimits{run::kDefaultEventBudget, 0, 0});
    if (!full || !bare) {
        fmt::print(
            "memory  per tunnel: skipped (counted in a mimalloc heap: built without "
            "mimalloc)\n");
        return;
    }
    const auto tunnels = static_cast<double>(s.aws.tunnels.size());
    const double full_kib = static_cast<double>(*full) / 1024 / tunnels;
    const double bare_kib = static_cast<double>(*bare) / 1024 / tunnels;
    fmt::print(
        "memory  per tunnel: {} for 10m, heap held by the built and run world: {:.1f} KiB per "
        "tunnel with its trace and logs, {:.1f} KiB per tunnel keeping the outcome only; target "
        "<= {:.0f} KiB: {}\n",
        kFile, full_kib, bare_kib, kTargetKiB, verdict(bare_kib <= kTargetKiB));
}

// The reference replay of the performance targets: the healthy two-tunnel example for ten
// minutes, its simulation timed against its own TOML parse in the same batches. (Its other
// target, instructions per simulated event, is counted by tools/profile with callgrind.)
void bench_healthy(const scenario::LoadOptions& options, std::uint64_t replays) {
    constexpr const char* kFile = "scenarios/examples/010-healthy-dynamic.toml";
    constexpr double kRatioTarget = 4;
    const auto text = scenario::read_scenario_text(kFile, options);
    const auto* toml = std::get_if<std::string>(&text);
    const auto batches = toml != nullptr ? bench::replay_batches(*toml, kFile, replays, kBatches,
                                                                 std::chrono::minutes(10))
                                         : std::vector<bench::ReplayFigures>{};
    if (batches.empty()) {
        fmt::print("healthy {} not found: run bench from the repository's root\n", kFile);
        return;
    }
    const auto& median = batches[batches.size() / 2];
    const double parse_us = median.load_seconds * 1e6 / static_cast<double>(median.replays);
    fmt::print(
        "healthy {} for 10m: {} events; median {:.1f} us/replay: parse {:.1f} us, "
        "simulate {:.1f} us = {:.2f}x parse; target <= {:.0f}x: {}\n",
        kFile, median.events, median.micros_per_replay(), parse_us,
        median.micros_per_replay() - parse_us, median.simulate_over_parse(), kRatioTarget,
        verdict(median.simulate_over_parse() <= kRatioTarget));
}

// Generated-and-simulated scenarios per second, as `vpnsim explore --census` runs them (each
// with its probes and, when it is not healthy, its diagnosis; 3-minute horizon; no shrunk
// examples), on one thread and on two, measured in the same run.
void bench_explore(std::uint64_t cases) {
    constexpr double kPerCoreTarget = 20'000;
    constexpr double kTwoThreadTarget = 1.8;
    const auto rate = [&](unsigned jobs) {
        explore::Options o;
        o.header.census = true;
        o.header.cases = cases;
        o.skip_examples = true;
        o.jobs = jobs;
        const auto start = std::chrono::steady_clock::now();
        const auto r = explore::explore(o);
        const double seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        return static_cast<double>(r.cases.size()) / seconds;
    };
    const double one = rate(1);
    const double two = rate(2);
    fmt::print(
        "explore census of {} generated scenarios: {:.0f} scenarios/s on 1 thread; target "
        ">= {:.0f}: {}; {:.0f}/s on 2 threads = {:.2f}x; target >= {:.1f}x: {}\n",
        cases, one, kPerCoreTarget, verdict(one >= kPerCoreTarget), two, two / one,
        kTwoThreadTarget, verdict(two / one >= kTwoThreadTarget));
}

}  // namespace

int cmd_bench(const Args& a) {
    const std::string file = a.positional.empty()
                                 ? "scenarios/training/ts-cgw-proxy-ids-narrow.toml"
                                 : a.positional.front();
    const auto replays = parse_count(a.get("replays").value_or("2000"));
    const auto events = parse_count(a.get("events").value_or("20000000"));
    const auto explore_cases = parse_count(a.get("explore-cases").value_or("4000"));
    if (!replays || *replays == 0 || !events || *events == 0 || !explore_cases) {
        return usage_error("bench",
                           "--replays, --events and --explore-cases must be positive integers");
    }
    const auto options = load_options("bench", a);
    if (!options) return kExitBadInput;
    std::optional<SimTime> duration;
    if (!duration_option("bench", a, duration)) return kExitBadInput;
    const auto text = scenario::read_scenario_text(file, *options);
    if (const auto* d = std::get_if<scenario::Diagnostic>(&text)) {
        print_diagnostics(file, {*d});
        return kExitBadInput;
    }
    if (!load_scenario(file, *options)) return kExitBadInput;
    if (!a.has("no-memory")) {
        bench_memory(*options);
        bench_tunnel_memory(*options);
    }
    constexpr double kReplayTargetMicros = 100;
    constexpr double kKernelTargetEvents = 10e6;
    const auto batches =
        bench::replay_batches(std::get<std::string>(text), file, *replays, kBatches, duration);
    if (batches.empty()) return kExitBadInput;
    const auto& best = batches.front();
    const auto& median = batches[batches.size() / 2];
    const auto per_replay = [](const bench::ReplayFigures& f, double seconds) {
        return seconds * 1e6 / static_cast<double>(f.replays);
    };
    const auto k = bench::kernel_storm(*events, 1024);
    fmt::print(
        "replay  {}: {} events; {} replays in {} batches: median {:.1f} us/replay (TOML load "
        "{:.1f} us + simulation {:.1f} us), best {:.1f} us/replay; target <= {:.0f} us: {}\n",
        file, median.events, *replays, batches.size(), median.micros_per_replay(),
        per_replay(median, median.load_seconds),
        per_replay(median, median.seconds - median.load_seconds), best.micros_per_replay(),
        kReplayTargetMicros, verdict(median.micros_per_replay() <= kReplayTargetMicros));
    fmt::print(
        "kernel  event storm: {} events in {:.3f} s = {:.2f} M events/s; target >= {:.0f} M: "
        "{}\n",
        k.events, k.seconds, k.events_per_second() / 1e6, kKernelTargetEvents / 1e6,
        verdict(k.events_per_second() >= kKernelTargetEvents));
    if (!a.has("no-healthy")) bench_healthy(*options, std::max<std::uint64_t>(*replays / 4, 10));
    if (*explore_cases > 0) bench_explore(*explore_cases);
    return kExitOk;
}

}  // namespace vpnsim::cli
