// DOC: the words of describe-vpn-connections beside the scenario keys they become (EC2 API
// reference: VpnConnection, VpnConnectionOptions, TunnelOption; a scenario's [aws] keys are
// those names in snake_case). The importer writes a connection's values under these keys, and
// reads the loader's diagnostics back through them: a scenario key path becomes a JSON path,
// a message's scenario words the JSON's.
#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <map>
#include <string>
#include <string_view>

namespace vpnsim::import::detail {

// A JSON key and the scenario key it becomes.
struct KeyName {
    std::string_view json;
    std::string_view toml;
};

// TunnelOption values (EC2 API reference, TunnelOption).
inline constexpr std::array<KeyName, 11> kTunnelScalars{{
    {"OutsideIpAddress", "outside_ip"},
    {"TunnelInsideCidr", "inside_cidr"},
    {"PreSharedKey", "psk"},
    {"Phase1LifetimeSeconds", "phase1_lifetime_seconds"},
    {"Phase2LifetimeSeconds", "phase2_lifetime_seconds"},
    {"RekeyMarginTimeSeconds", "rekey_margin_time_seconds"},
    {"RekeyFuzzPercentage", "rekey_fuzz_percentage"},
    {"ReplayWindowSize", "replay_window_size"},
    {"DpdTimeoutSeconds", "dpd_timeout_seconds"},
    {"DpdTimeoutAction", "dpd_timeout_action"},
    {"StartupAction", "startup_action"},
}};

// TunnelOption lists of {"Value": x} objects.
inline constexpr std::array<KeyName, 7> kTunnelLists{{
    {"Phase1EncryptionAlgorithms", "phase1_encryption_algorithms"},
    {"Phase2EncryptionAlgorithms", "phase2_encryption_algorithms"},
    {"Phase1IntegrityAlgorithms", "phase1_integrity_algorithms"},
    {"Phase2IntegrityAlgorithms", "phase2_integrity_algorithms"},
    {"Phase1DHGroupNumbers", "phase1_dh_group_numbers"},
    {"Phase2DHGroupNumbers", "phase2_dh_group_numbers"},
    {"IkeVersions", "ike_versions"},
}};

// The connection's keys, by their path from the connection (for a key the JSON lacks).
inline constexpr std::array<KeyName, 9> kConnectionKeys{{
    {"VpnConnectionId", "vpn_id"},
    {"AmazonSideAsn", "asn"},
    {"TransitGatewayId", "gateway"},
    {"Options.StaticRoutesOnly", "routing"},
    {"Options.EnableAcceleration", "accelerated"},
    {"Options.LocalIpv4NetworkCidr", "local_ipv4_network_cidr"},
    {"Options.RemoteIpv4NetworkCidr", "remote_ipv4_network_cidr"},
    {"Options.TunnelOptions", "tunnel"},
    {"Routes", "static_routes"},
}};

// Read-only state and identifiers: they configure nothing, so they are skipped unreported.
inline constexpr std::array<std::string_view, 7> kConnectionState{
    "Category", "CustomerGatewayId",      "State", "Type", "VgwTelemetry",
    "Tags",     "GatewayAssociationState"};
// Siblings of VpnConnections: pagination, and what vpnsim's `run --format json` adds.
inline constexpr std::array<std::string_view, 4> kDocumentExtras{"NextToken", "VpnLogs",
                                                                 "Simulation", "Trace"};

template <std::size_t N>
bool contains(const std::array<std::string_view, N>& names, std::string_view name) {
    return std::find(names.begin(), names.end(), name) != names.end();
}

template <std::size_t N>
const KeyName* by_json(const std::array<KeyName, N>& names, std::string_view name) {
    for (const auto& n : names) {
        if (n.json == name) return &n;
    }
    return nullptr;
}

// Scenario key paths ("aws.tunnel[1].psk") and the JSON paths their values came from.
using Origins = std::map<std::string, std::string, std::less<>>;

// The JSON name of one component of a scenario key below `table` ("psk" in a tunnel ->
// "PreSharedKey"; "tunnel" in "aws" -> "Options.TunnelOptions"); unknown names stay as they are.
std::string json_component(std::string_view table, std::string_view name);

// A loader message in the JSON's words: scenario keys it names ("(phase1_lifetime_seconds)",
// "routing = \"static\"", a tunnel "aws.tunnel[0]" as its JSON path from `origins`) and TOML's
// "table" replaced by the JSON's names for them.
std::string in_json_words(std::string message, const Origins& origins);

}  // namespace vpnsim::import::detail
