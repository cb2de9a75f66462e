// DOC: what the commands that run many independent cases share (explore, fleet): which shard
// of the work this process runs -- --shard k/N, else a Kubernetes Indexed Job
// (JOB_COMPLETION_INDEX with --shards or VPNSIM_SHARDS), else a Slurm job array
// (SLURM_ARRAY_TASK_ID less SLURM_ARRAY_TASK_MIN, of SLURM_ARRAY_TASK_COUNT) -- and the progress
// bar they show on a terminal.
#pragma once

#include <fmt/format.h>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "sim/cli/args.hpp"
#include "sim/explore/explore.hpp"

namespace vpnsim::cli {

using explore::Shard;

// An environment variable's value; unset and empty are the same.
std::optional<std::string> env(const char* name);
// "k/N" with 0 <= k < N.
std::optional<Shard> parse_shard(std::string_view text);
// The shard this process runs (see above), or a usage error naming what is wrong.
std::variant<Shard, std::string> shard_of(const Args& a);

// --NAME as an integer from min to max (absent: fallback); nullopt after a usage error of `cmd`.
std::optional<std::uint64_t> count_option(std::string_view cmd, const Args& a,
                                          const std::string& name, std::uint64_t fallback,
                                          std::uint64_t min, std::uint64_t max);
// --jobs J: J threads; 0 means one per core.
unsigned threads_for(std::uint64_t jobs);

// Writes `text` to --output FILE (complete or not at all), else prints it; false (and the
// reason on stderr) when the file cannot be written.
bool print_or_write(std::string_view cmd, const Args& a, std::string_view text);

// A progress bar on stderr when it is a terminal: cases done, rate, ETA.
class Progress {
  public:
    Progress(bool on, std::string_view noun)
        : on_(on), noun_(noun), start_(std::chrono::steady_clock::now()) {}
    void operator()(std::uint64_t done, std::uint64_t total) {
        if (!on_) return;
        const auto now = std::chrono::steady_clock::now();
        if (done != total && now - last_ < std::chrono::milliseconds(100)) return;
        last_ = now;
        const double seconds = std::chrono::duration<double>(now - start_).count();
        const double rate = seconds > 0 ? static_cast<double>(done) / seconds : 0;
        const double eta = rate > 0 ? static_cast<double>(total - done) / rate : 0;
        constexpr int kWidth = 30;
        const int filled = total == 0 ? kWidth : static_cast<int>(kWidth * done / total);
        fmt::print(stderr, "\r[{:#<{}}{:.<{}}] {}/{} {}  {:.1f}/s  ETA {:.0f}s   ", "", filled, "",
                   kWidth - filled, done, total, noun_, rate, eta);
        if (done == total) fmt::print(stderr, "\n");
    }

  private:
    bool on_;
    std::string_view noun_;
    std::chrono::steady_clock::time_point start_;
    std::chrono::steady_clock::time_point last_{};
};

}  // namespace vpnsim::cli
