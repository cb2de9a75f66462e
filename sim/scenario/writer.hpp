// DOC: writing a scenario back to TOML (for `vpnsim fix --apply`, and later for shrunk or
// imported scenarios). Every field is written explicitly, defaults included, so the file
// says exactly what was simulated; loading the output gives back an equal scenario.
#pragma once

#include <string>
#include <string_view>

#include "sim/scenario/scenario.hpp"

namespace vpnsim::scenario {

std::string to_toml(const Scenario& s);
// The [aws] table and its [[aws.tunnel]]s alone, as to_toml writes them (the importer puts an
// AWS side beside a CGW it writes from configuration files).
std::string to_toml(const Aws& a);
// The name of the CGW vendor, as [cgw] vendor spells it ("strongswan").
std::string_view to_string(CgwVendor v);

// `text` as a TOML basic string, quotes included, with everything TOML forbids raw escaped
// (the writer's own quoting; the importer writes values it reads with it too).
std::string toml_basic_string(std::string_view text);

// The same scenario with only what differs from the loader's defaults: to_toml's text with
// every key line whose removal still loads as an equal scenario removed, then every table
// left empty (found by trying, so it follows the loader's defaults exactly, derived ones
// included). For shrunk counterexamples: a reader sees only what matters.
std::string minimal_toml(const Scenario& s);

// The scenario without what a load takes from where its text was rather than from what it
// says -- the file's label and the lines tables start on (kept for diagnostics) -- so that a
// round trip through to_toml compares equal: without_position(load(to_toml(s))) ==
// without_position(s).
Scenario without_position(Scenario s);

}  // namespace vpnsim::scenario
