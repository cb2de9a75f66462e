// DOC: checking a run against the scenario's own [expect] table.
// Expectations are compared after the run; they never influence it. Each mismatch names the
// expectation's line in the scenario, what was expected and what the simulation produced.
#pragma once

#include <string>
#include <vector>

#include "sim/run/result.hpp"
#include "sim/scenario/scenario.hpp"

namespace vpnsim::report {

// Empty when every expectation holds (or there are none).
std::vector<std::string> check_expectations(const scenario::Scenario& s, const run::RunResult& r);

}  // namespace vpnsim::report
