// DOC: the console-style tunnel table `vpnsim run` prints.
#pragma once

#include <string>

#include "sim/run/result.hpp"
#include "sim/scenario/scenario.hpp"

namespace vpnsim::report {

std::string tunnel_table(const scenario::Scenario& s, const run::RunResult& r);
// What limited the run, one paragraph each ("" when nothing did): INCOMPLETE when its event
// budget stopped it, and notes when its trace or log streams were truncated.
std::string run_notes(const scenario::Scenario& s, const run::RunResult& r);

}  // namespace vpnsim::report
