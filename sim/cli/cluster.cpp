// Sharding from the cluster schedulers' environment and the progress bar, for the commands that
// run many independent cases (explore, fleet).
#include "sim/cli/cluster.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <thread>

#include "sim/cli/commands.hpp"
#include "sim/report/write_file.hpp"
#include "sim/scenario/diagnostics.hpp"

namespace vpnsim::cli {

std::optional<std::string> env(const char* name) {
    const char* v = std::getenv(name);
    if (v == nullptr || *v == '\0') return std::nullopt;
    return std::string(v);
}

// "k/N" with 0 <= k < N.
std::optional<Shard> parse_shard(std::string_view text) {
    const auto slash = text.find('/');
    if (slash == std::string_view::npos) return std::nullopt;
    const auto k = parse_count(text.substr(0, slash));
    const auto n = parse_count(text.substr(slash + 1));
    if (!k || !n || *n == 0 || *k >= *n) return std::nullopt;
    return Shard{*k, *n};
}

// --shard, else a Kubernetes Indexed Job (JOB_COMPLETION_INDEX, with --shards or
// VPNSIM_SHARDS), else a Slurm job array (SLURM_ARRAY_TASK_ID less SLURM_ARRAY_TASK_MIN, of
// SLURM_ARRAY_TASK_COUNT), else the whole run. A usage error names what is wrong.
std::variant<Shard, std::string> shard_of(const Args& a) {
    if (const auto s = a.get("shard")) {
        if (const auto shard = parse_shard(*s)) return *shard;
        return fmt::format("--shard takes k/N with 0 <= k < N (e.g. 0/4), got '{}'",
                           scenario::detail::printable(*s));
    }
    const auto count_text = a.get("shards") ? a.get("shards") : env("VPNSIM_SHARDS");
    if (const auto index = env("JOB_COMPLETION_INDEX")) {
        if (!count_text) {
            return std::string(
                "JOB_COMPLETION_INDEX is set (a Kubernetes Indexed Job): give the "
                "job's completions as --shards N or VPNSIM_SHARDS");
        }
        const auto shard = parse_shard(*index + "/" + *count_text);
        if (!shard) {
            return fmt::format("JOB_COMPLETION_INDEX={} with {} shards is not a shard",
                               scenario::detail::printable(*index),
                               scenario::detail::printable(*count_text));
        }
        return *shard;
    }
    if (const auto id = env("SLURM_ARRAY_TASK_ID")) {
        const auto count = env("SLURM_ARRAY_TASK_COUNT");
        const auto min = parse_count(env("SLURM_ARRAY_TASK_MIN").value_or("0"));
        const auto task = parse_count(*id);
        const auto n = count ? parse_count(*count) : std::nullopt;
        if (!task || !n || !min || *task < *min || *task - *min >= *n) {
            return std::string(
                "SLURM_ARRAY_TASK_ID, SLURM_ARRAY_TASK_MIN and "
                "SLURM_ARRAY_TASK_COUNT do not describe a task of a job array "
                "(use --array=0-N-1, or --shard k/N)");
        }
        return Shard{*task - *min, *n};
    }
    if (count_text) return std::string("--shards / VPNSIM_SHARDS needs JOB_COMPLETION_INDEX");
    return Shard{};
}

std::optional<std::uint64_t> count_option(std::string_view cmd, const Args& a,
                                          const std::string& name, std::uint64_t fallback,
                                          std::uint64_t min, std::uint64_t max) {
    const auto text = a.get(name);
    if (!text) return fallback;
    const auto v = parse_count(*text);
    if (!v || *v < min || *v > max) {
        usage_error(cmd, fmt::format("--{} must be an integer from {} to {}, got '{}'", name, min,
                                     max, scenario::detail::printable(*text)));
        return std::nullopt;
    }
    return v;
}

bool print_or_write(std::string_view cmd, const Args& a, std::string_view text) {
    if (const auto output = a.get("output")) {
        if (auto error = report::write_file(*output, text, report::Overwrite::Allow)) {
            fmt::print(stderr, "vpnsim {}: --output: cannot write {}\n", cmd, *error);
            return false;
        }
        return true;
    }
    fmt::print("{}", text);
    return true;
}

unsigned threads_for(std::uint64_t jobs) {
    return jobs == 0 ? std::max(1U, std::thread::hardware_concurrency())
                     : static_cast<unsigned>(jobs);
}

}  // namespace vpnsim::cli
