// DOC: AWS-shaped JSON views of a run.
// describe_vpn_connections() mirrors `aws ec2 describe-vpn-connections` (VpnConnections with
// Options, TunnelOptions and VgwTelemetry), plus two top-level siblings a real response lacks:
// "VpnLogs" (the CloudWatch streams) and "Simulation" (scenario, seed, events, stop reason).
// Log events render one compact JSON object each, exactly as `--logs DIR` writes them.
#pragma once

#include <string>

#include "sim/report/json.hpp"
#include "sim/run/result.hpp"
#include "sim/scenario/scenario.hpp"

namespace vpnsim::report {

std::string describe_vpn_connections(const scenario::Scenario& s, const run::RunResult& r,
                                     bool with_trace);
// The same document, streamed to `out` (a long trace never sits in memory as one string).
void write_describe_vpn_connections(std::FILE* out, const scenario::Scenario& s,
                                    const run::RunResult& r, bool with_trace);
void write_ike_event(JsonWriter& w, const aws::IkeLogEvent& e);
void write_bgp_event(JsonWriter& w, const aws::BgpLogEvent& e, const std::string& resource_id);
std::string ike_log_line(const aws::IkeLogEvent& e);
std::string bgp_log_line(const aws::BgpLogEvent& e, const std::string& resource_id);

}  // namespace vpnsim::report
