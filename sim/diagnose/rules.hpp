// DOC: the diagnosis rules (internal to sim/diagnose). A rule is a row: a stable code, a title,
// which trace records are its evidence, an optional guard on the configuration, the CloudWatch
// line that shows it to an AWS user, and an explanation written for an engineer in training.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "sim/kernel/trace.hpp"
#include "sim/run/reachability.hpp"
#include "sim/run/result.hpp"
#include "sim/scenario/scenario.hpp"

namespace vpnsim::diagnose::detail {

// One AWS tunnel with the CGW tunnel that points at it (if any) and their trace node names.
struct TunnelView {
    int number{1};
    const scenario::AwsTunnel* aws{nullptr};
    const scenario::CgwTunnel* cgw{nullptr};
    const run::TunnelResult* result{nullptr};
    std::string aws_node;  // "aws-t1"
    std::string cgw_node;  // "cgw-t2", or "" when no CGW tunnel points at this AWS tunnel
};

struct Context {
    const scenario::Scenario& s;
    const run::RunResult& r;
    std::vector<TunnelView> tunnels;
    run::Reachability reach;  // the run's end-to-end verdict, read once for every guard
};

using Match = bool (*)(const kernel::TraceRecord& rec);
using Guard = bool (*)(const Context& c, const TunnelView& t);
using Explain = std::string (*)(const Context& c, const TunnelView& t);

struct Rule {
    std::string_view code;
    std::string_view title;
    Match match;           // evidence records (on this tunnel's nodes or on the shared path)
    Guard guard;           // the configuration must agree; nullptr = no condition
    std::string_view log;  // substring of the AWS CloudWatch line that shows it ("" = none)
    Explain explain;
};

const std::vector<Rule>& rules();

}  // namespace vpnsim::diagnose::detail
