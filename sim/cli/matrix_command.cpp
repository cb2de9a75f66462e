// `vpnsim matrix`: CGW configuration templates against every combination of AWS options
// (sim/matrix), as a table and as JUnit XML for CI.
#include <fmt/format.h>
#include <unistd.h>

#include "sim/cli/cluster.hpp"
#include "sim/cli/commands.hpp"
#include "sim/matrix/matrix.hpp"
#include "sim/report/write_file.hpp"
#include "sim/run/parallel.hpp"
#include "sim/scenario/diagnostics.hpp"

namespace vpnsim::cli {

int cmd_matrix(const Args& a) {
    if (a.positional.empty()) {
        return usage_error("matrix",
                           "expects one or more TEMPLATE files (the CGW's configuration)");
    }
    const auto file = a.get("aws-options");
    if (!file) return usage_error("matrix", "--aws-options MATRIX.toml is required");
    const auto options = load_options("matrix", a);
    const auto jobs = count_option("matrix", a, "jobs", 1, 0, 256);
    if (!options || !jobs) return kExitBadInput;
    matrix::RunOptions run;
    run.search_fixes = !a.has("no-fix");
    const auto loaded = matrix::load_spec(*file, a.positional, *options);
    print_warnings(loaded.warnings);
    if (!loaded.spec) {
        print_diagnostics(*file, loaded.errors);
        return kExitBadInput;
    }
    const auto& spec = *loaded.spec;
    std::vector<matrix::CaseResult> results(spec.cases());
    Progress progress(isatty(STDERR_FILENO) != 0 && !a.has("quiet"), "cases");
    run::for_each_index(
        spec.cases(), threads_for(*jobs),
        [&](std::size_t i) { results[i] = matrix::run_case(spec, i, run); },
        [&](std::uint64_t done, std::uint64_t total) { progress(done, total); });
    fmt::print("{}", matrix::table(spec, results));
    if (const auto junit = a.get("junit")) {
        if (const auto error = report::write_file(*junit, matrix::junit(spec, results),
                                                  report::Overwrite::Allow)) {
            fmt::print(stderr, "vpnsim matrix: --junit: cannot write {}\n", *error);
            return kExitBadInput;
        }
    }
    const bool all_pass = std::all_of(results.begin(), results.end(), [](const auto& r) {
        return r.errors.empty() && r.verdict.complete && r.verdict.passed;
    });
    return all_pass ? kExitOk : kExitExpectFailed;
}

}  // namespace vpnsim::cli
