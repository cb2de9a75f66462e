// DOC: rendering a diagnosis as text (for engineers in training) or JSON (for tools).
#pragma once

#include <string>

#include "sim/diagnose/diagnose.hpp"

namespace vpnsim::report {

std::string diagnosis_text(const scenario::Scenario& s, const run::RunResult& r,
                           const diagnose::Diagnosis& d);
std::string diagnosis_json(const scenario::Scenario& s, const run::RunResult& r,
                           const diagnose::Diagnosis& d);

}  // namespace vpnsim::report
