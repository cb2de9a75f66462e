// DOC: the vpnsim subcommands. Each returns the process exit status:
// 0 success (expectations hold), 1 an expectation failed, 2 bad input or usage.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/cli/args.hpp"
#include "sim/report/html_report.hpp"
#include "sim/run/world.hpp"
#include "sim/scenario/loader.hpp"
#include "sim/scenario/scenario.hpp"

namespace vpnsim::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitExpectFailed = 1;
inline constexpr int kExitBadInput = 2;
// The run spent its event budget before the scenario's duration: a snapshot, no verdict.
inline constexpr int kExitIncomplete = 3;
// An exception escaped a command: a bug in vpnsim (sysexits' EX_SOFTWARE).
inline constexpr int kExitInternal = 70;

// --trace-limit's ceiling: 10 M records is about 2 GiB, far past the default's ~20 MiB.
inline constexpr std::uint64_t kMaxTraceLimit = 10'000'000;

// At most this many diagnostics are printed per file, then a count of the rest.
inline constexpr std::size_t kMaxPrintedDiagnostics = 20;

// A non-negative decimal integer, nothing else.
std::optional<std::uint64_t> parse_count(std::string_view s);
// "4096", "64K", "2M", "1G" (K = 1024 bytes); nullopt unless positive.
std::optional<std::size_t> parse_size(std::string_view text);
// The loader's options from the common --max-file-size; nullopt after a usage error.
std::optional<scenario::LoadOptions> load_options(std::string_view cmd, const Args& a);
// Prints a file's diagnostics to stderr, at most kMaxPrintedDiagnostics of them.
void print_diagnostics(const std::string& path, const std::vector<scenario::Diagnostic>& all);
// Lines the files a scenario names have that vpnsim does not model, on stderr (at most
// kMaxPrintedDiagnostics, then a count).
void print_warnings(const std::vector<std::string>& warnings);
// --event-budget and --trace-limit; nullopt after a usage error.
std::optional<run::RunLimits> run_limits(std::string_view cmd, const Args& a);
// --duration D (1 ms to the file's own 24 h cap) into `out` when given; false after a usage
// error.
bool duration_option(std::string_view cmd, const Args& a, std::optional<SimTime>& out);
// Applies --seed and --duration; false after a usage error.
bool override_run_keys(std::string_view cmd, const Args& a, scenario::Scenario& s);
// Loads a scenario, printing its diagnostics to stderr; nullopt on bad input.
std::optional<scenario::Scenario> load_scenario(const std::string& path,
                                                const scenario::LoadOptions& options);
// --format: one of `allowed` (the first is the default); nullopt after a usage error
// ("--format must be text, json or jsonl, got 'x'").
std::optional<std::string> format_option(std::string_view cmd, const Args& a,
                                         const std::vector<std::string_view>& allowed);
// Prints "vpnsim CMD: MSG (try ...)" and returns kExitBadInput.
int usage_error(std::string_view cmd, const std::string& msg);

int cmd_run(const Args& a);
int cmd_check(const Args& a);
int cmd_list(const Args& a);
int cmd_dot(const Args& a);
int cmd_bench(const Args& a);
int cmd_diagnose(const Args& a);
int cmd_fix(const Args& a);
int cmd_explore(const Args& a);
int cmd_explore_merge(const Args& a);
int cmd_import(const Args& a);
int cmd_matrix(const Args& a);
int cmd_fleet(const Args& a);
int cmd_fleet_merge(const Args& a);
// --from/--to/--rows/--no-fix/--fix-budget of report and what-if; false after a usage error.
bool report_options(std::string_view cmd, const Args& a, report::ReportOptions& o);
// What report and what-if start from: the scenario (FILE, --seed, --duration), the run limits
// and the report options; nullopt after bad input (reported).
struct ReportInput {
    scenario::Scenario scenario;
    run::RunLimits limits;
    report::ReportOptions options;
};
std::optional<ReportInput> report_input(std::string_view cmd, const Args& a);
// Prints text, or writes it to -o FILE (complete or not at all).
int write_output(std::string_view cmd, const Args& a, const std::string& text);
int cmd_report(const Args& a);
int cmd_what_if(const Args& a);
int cmd_quiz(const Args& a);

}  // namespace vpnsim::cli
