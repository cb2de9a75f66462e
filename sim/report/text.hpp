// DOC: the console-style tunnel table `vpnsim run` prints.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "sim/run/result.hpp"
#include "sim/scenario/scenario.hpp"

namespace vpnsim::report {

using Row = std::vector<std::string>;
// Left-aligned columns two spaces apart, each line after `indent`, trailing blanks cut -- as the
// AWS CLI's table output and `ip xfrm` print them.
std::string columns(const std::vector<Row>& rows, std::string_view indent = "");

std::string tunnel_table(const scenario::Scenario& s, const run::RunResult& r);
// What limited the run, one paragraph each ("" when nothing did): INCOMPLETE when its event
// budget stopped it, and notes when its trace or log streams were truncated.
std::string run_notes(const scenario::Scenario& s, const run::RunResult& r);

}  // namespace vpnsim::report
