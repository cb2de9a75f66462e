// DOC: what a trainee may see of a broken VPN in a quiz question -- what AWS shows, and what
// the users report -- and nothing else: the connection as describe-vpn-connections has it
// (gateway, routing, ASNs, acceleration, network CIDRs, static routes, and the tunnel options
// set away from AWS's defaults), the tunnel table's Status and StatusMessage, VgwTelemetry
// exactly as `vpnsim run --format json` writes it, the CloudWatch IKE and BGP log streams
// `run --logs` writes (each stream's lines in order, a line repeated later shown once with
// its count and last time), and the traffic the probes and [[traffic]] flows carried.
// Never the scenario file, its name, summary or lesson, the customer gateway's own
// configuration, or the simulator's event records.
#pragma once

#include <string>

#include "sim/run/result.hpp"
#include "sim/scenario/scenario.hpp"

namespace vpnsim::train {

// At most this many distinct lines per log stream, then a count of the rest.
inline constexpr std::size_t kMaxLogLines = 16;

std::string aws_view(const scenario::Scenario& s, const run::RunResult& r);

}  // namespace vpnsim::train
