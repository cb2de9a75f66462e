// DOC: the end-to-end verdict on one scenario, as `vpnsim matrix` and `vpnsim fleet` report it:
// the scenario run with the built-in reachability probes (sim/run/reachability.hpp) and
// diagnosed. It passes only when every tunnel is UP and traffic flows both ways between the VPC
// and every on-premises prefix; a failing one carries diagnose's causes and the trace records
// they rest on. A run that spent its event budget is no verdict (complete = false).
#pragma once

#include <string>
#include <vector>

#include "sim/run/world.hpp"
#include "sim/scenario/scenario.hpp"

namespace vpnsim::diagnose {

struct Judgement {
    bool passed{false};
    bool complete{true};
    std::size_t tunnels_up{0};
    std::vector<std::string> tunnels;  // "203.0.113.10 UP IPSEC IS UP", per AWS tunnel
    std::string reachability;          // run::reachability_line
    std::vector<std::string> causes;   // cause codes, in diagnose's order
    std::vector<std::string> cause_titles;
    std::vector<std::string> evidence;  // trace lines the causes rest on
};

Judgement judge(const scenario::Scenario& s, const run::RunLimits& limits = {});

}  // namespace vpnsim::diagnose
