// DOC: `vpnsim matrix` -- CGW configuration templates checked against every combination of
// the AWS options a team uses (issue 14).
// The matrix file is a scenario without [cgw] (the templates are the CGW) plus a [matrix]
// table whose keys are scenario keys, each with the list of values to try:
//   [scenario]
//   name = "edge-template"
//   duration = "3m"
//   [aws]
//   describe = "describe-vpn-connections.json"
//   connection = "vpn-0c0ffee0c0ffee001"
//   [matrix]
//   "aws.tunnel[*].ike_versions" = [["ikev2"], ["ikev1"]]
//   "aws.tunnel[*].phase1_dh_group_numbers" = [[14], [19, 20]]
//   "aws.routing" = ["dynamic", "static"]
//   "path.nat" = ["none", "pat"]
// A case is one value of every axis (the first axis varies slowest). Its scenario is the base
// with each axis key set (scenario/patch.hpp: the loader judges every value, and a value it
// refuses is reported at that value in the matrix file), then the templates -- read from disk
// once -- with their placeholders filled from the case's AWS side, as its CGW. Each case runs
// with the built-in reachability probes: it passes only when every tunnel is UP and traffic
// flows both ways between the VPC and every on-premises prefix (sim/run/reachability.hpp). A
// failing case carries diagnose's cause codes and, unless disabled, the cheapest fix set the
// fix search proves by simulation.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "sim/diagnose/judge.hpp"
#include "sim/import/cgw_draft.hpp"
#include "sim/import/files.hpp"
#include "sim/scenario/loader.hpp"
#include "sim/scenario/scenario.hpp"

namespace vpnsim::matrix {

// Most cases one matrix may have (the product of its axes' lengths).
inline constexpr std::size_t kMaxCases = 4096;

struct Axis {
    std::string key;                    // scenario key: "aws.tunnel[*].ike_versions"
    std::vector<std::string> values;    // each as TOML value text
    std::vector<std::string> labels;    // each as a table shows it: ikev2, "19,20"
    std::vector<import::SourcePos> at;  // each value's place in the matrix file
};

struct Spec {
    std::string file;
    scenario::Scenario base;  // the file's scenario; its cgw is the templates'
    std::vector<Axis> axes;
    std::vector<std::string> templates;      // [DIALECT:]FILE, as given
    std::vector<import::CgwSource> sources;  // the templates, read once
    std::string base_toml;                   // `base` as every case's text starts
    std::size_t cases() const;
};

// The matrix file read and checked (its scenario by the loader, with `options`), and the
// templates read once against the base AWS side (so a broken template fails before any case
// runs). Every problem, located; and the files' warnings.
struct Loaded {
    std::optional<Spec> spec;
    std::vector<scenario::Diagnostic> errors;
    std::vector<std::string> warnings;
};
Loaded load_spec(const std::string& file, const std::vector<std::string>& templates,
                 const scenario::LoadOptions& options);

struct CaseResult {
    std::size_t index{0};
    std::vector<std::size_t> choice;                       // per axis, the value's index
    std::string name;                                      // "ike_versions=ikev2 routing=static"
    diagnose::Judgement verdict;                           // meaningful when errors is empty
    std::optional<std::vector<std::string>> cheapest_fix;  // fix codes; none found: nullopt
    bool fix_searched{false};
    std::vector<scenario::Diagnostic> errors;  // the case could not be built (value refused)
};

struct RunOptions {
    bool search_fixes{true};
    std::size_t fix_budget{60};
};

// Case i (0-based, < spec.cases()): built, simulated, judged.
CaseResult run_case(const Spec& spec, std::size_t index, const RunOptions& run);

// The table `vpnsim matrix` prints.
std::string table(const Spec& spec, const std::vector<CaseResult>& results);

// JUnit XML (the schema GitLab, Jenkins and GitHub Actions reporters read): one <testsuite>
// for the matrix, one <testcase> per case; a failing case's <failure> carries its causes and
// cheapest fix, its <system-out> the trace evidence; an unbuildable case is an <error>.
std::string junit(const Spec& spec, const std::vector<CaseResult>& results);

}  // namespace vpnsim::matrix
