// DOC: small helpers for the HTML and SVG the report writes: escaping text for element content
// and attribute values (both: & < > " '; C0 controls but tab, newline and carriage return,
// which XML 1.0 cannot carry, become U+FFFD), shared with matrix's JUnit XML; and times as the
// report shows them ("12.345s").
#pragma once

#include <string>
#include <string_view>

#include "models/common/time.hpp"

namespace vpnsim::report {

void append_escaped(std::string& out, std::string_view text);
std::string escaped(std::string_view text);
// Seconds with millisecond precision, no unit: "12.345" (for data-t attributes and JSON).
std::string seconds(SimTime t);

}  // namespace vpnsim::report
