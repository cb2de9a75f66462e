#include "sim/bench/bench.hpp"

#include <algorithm>
#include <chrono>
#include <vector>

#include "sim/kernel/kernel.hpp"
#include "sim/run/world.hpp"
#include "sim/scenario/loader.hpp"

namespace vpnsim::bench {
namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point t0) {
    return std::chrono::duration<double>(Clock::now() - t0).count();
}

// Each event reschedules itself on a pseudo-random sink after a pseudo-random delay (an LCG,
// so the storm itself costs next to nothing) until the budget is spent.
class StormSink final : public kernel::EventSink {
  public:
    StormSink(kernel::Kernel& k, std::uint32_t sinks) : k_(k), sinks_(sinks) {}
    void on_event(SimTime /*now*/, std::uint32_t /*kind*/, std::uint64_t arg) override {
        state_ = state_ * 6364136223846793005ULL + 1442695040888963407ULL;
        const auto delay = SimTime(static_cast<std::int64_t>((state_ >> 33) % 1'000'000));
        k_.schedule(delay, static_cast<kernel::SinkId>((state_ >> 17) % sinks_), 0, arg + 1);
    }

  private:
    kernel::Kernel& k_;
    std::uint32_t sinks_;
    std::uint64_t state_{0x853c49e6748fea9bULL};
};

}  // namespace

ReplayFigures replay(const std::string& toml_text, const std::string& label, std::uint64_t n,
                     std::optional<SimTime> duration) {
    ReplayFigures f;
    const auto t0 = Clock::now();
    for (std::uint64_t i = 0; i < n; ++i) {
        const auto l0 = Clock::now();
        auto loaded = scenario::load_string(toml_text, label);
        f.load_seconds += seconds_since(l0);
        if (!loaded.scenario) return ReplayFigures{};
        if (duration) loaded.scenario->duration = *duration;
        const auto r = run::simulate(*loaded.scenario);
        if (r.tunnels.empty()) return ReplayFigures{};
        f.events = r.stats.events;
        ++f.replays;
    }
    f.seconds = seconds_since(t0);
    return f;
}

std::vector<ReplayFigures> replay_batches(const std::string& toml_text, const std::string& label,
                                          std::uint64_t n, std::uint64_t batches,
                                          std::optional<SimTime> duration) {
    batches = std::max<std::uint64_t>(1, std::min(batches, n));
    std::vector<ReplayFigures> out;
    for (std::uint64_t b = 0; b < batches; ++b) {
        const auto size = n / batches + (b + 1 == batches ? n % batches : 0);
        auto f = replay(toml_text, label, size, duration);
        if (f.replays == 0) return {};
        out.push_back(f);
    }
    std::sort(out.begin(), out.end(), [](const ReplayFigures& a, const ReplayFigures& b) {
        return a.micros_per_replay() < b.micros_per_replay();
    });
    return out;
}

KernelFigures kernel_storm(std::uint64_t events, std::uint32_t sinks) {
    kernel::Kernel k(1);
    std::vector<std::unique_ptr<StormSink>> all;
    for (std::uint32_t i = 0; i < sinks; ++i) {
        all.push_back(std::make_unique<StormSink>(k, sinks));
        k.add_sink(*all.back());
    }
    for (std::uint32_t i = 0; i < sinks; ++i) k.schedule(SimTime(i), i, 0, 0);
    const auto t0 = Clock::now();
    const auto stats = k.run(SimTime::max(), events);
    return KernelFigures{stats.events, seconds_since(t0)};
}

}  // namespace vpnsim::bench
