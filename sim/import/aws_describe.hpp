// DOC: the AWS side of a VPN from `aws ec2 describe-vpn-connections` JSON.
// Reads the document the AWS CLI prints ({"VpnConnections": [...]}, one or more connections)
// or a bare connection object, and vpnsim's own `run --format json` document, which has the
// same shape. Each connection becomes a scenario::Aws checked by the scenario loader's own rules:
// its fields are written as the [aws] section of a scenario (each value as the JSON has it,
// so a string where a number belongs stays a string), that text is loaded, and the loader's
// diagnostics are brought back to the JSON -- key as a JSON path
// ("VpnConnections[0].Options.TunnelOptions[1].DpdTimeoutSeconds"), line and column of the
// value. No AWS rule is restated here.
// Mapping (EC2 API reference, VpnConnection / VpnConnectionOptions / TunnelOption):
//   VpnConnectionId -> vpn_id; TransitGatewayId -> gateway tgw, else VpnGatewayId -> vgw;
//   AmazonSideAsn (not in AWS's output: it belongs to the gateway; read when present) -> asn;
//   Options.StaticRoutesOnly -> routing; Options.EnableAcceleration -> accelerated;
//   Options.Local/RemoteIpv4NetworkCidr; Routes[].DestinationCidrBlock -> static_routes
//   (routes being deleted or deleted are skipped); Options.TunnelOptions[] -> tunnels, each
//   option under its snake_case name, the [{"Value": x}] lists as lists of x. An empty list
//   means "not set": AWS's default (all values) applies.
// Absent fields keep the loader's defaults, which are AWS's. Read-only state and identifiers
// that configure nothing (State, Category, Type, CustomerGatewayId, VgwTelemetry, Tags,
// GatewayAssociationState, LogOptions, Routes[].Source/State, the defaults PublicIpv4 and ipv4 of
// OutsideIpAddressType/TunnelInsideIpVersion; vpnsim's VpnLogs, Simulation, Trace) are skipped;
// any other key is reported as a warning, "file: key X not modelled", and ignored.
// A tunnel whose key is kept in Secrets Manager (PreSharedKeyArn, no PreSharedKey) is refused:
// the simulation needs the key itself.
// Left out: what describe-vpn-connections does not carry -- the VPC CIDR, a transit gateway's
// ECMP option, the customer gateway's address and ASN (the CustomerGatewayConfiguration XML
// is not read) -- keeps its default; IPv6 tunnels and private-IP VPNs are not modelled.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "sim/scenario/loader.hpp"
#include "sim/scenario/scenario.hpp"

namespace vpnsim::import {

struct AwsImport {
    std::vector<scenario::Aws> connections;  // in the file's order
    std::vector<std::string> warnings;       // "file: key X not modelled", in the file's order
};

// Every diagnostic, sorted by position; or the connections. With `only`, just the connection
// whose VpnConnectionId it is (the others are neither checked nor warned about); none with that
// id is a diagnostic naming the ids the file has.
std::variant<AwsImport, std::vector<scenario::Diagnostic>> read_aws_describe(
    std::string_view text, const std::string& file,
    std::optional<std::string_view> only = std::nullopt);

}  // namespace vpnsim::import
