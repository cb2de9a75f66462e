// DOC: the catalogue of fixes -- transformations of a scenario that a network team could make,
// each with the cost class it recognises and the disruption AWS documents for it
// (aws-facts.md "Changes and their disruption"). A fix is applicable only when it would change
// something; applying it is a pure function of the scenario.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "sim/scenario/scenario.hpp"

namespace vpnsim::fix {

// Cheapest first; weight() gives the search's edge weights.
enum class CostClass : std::uint8_t {
    CgwConfig,            // change the customer gateway's configuration
    AddVpnRoute,          // CreateVpnConnectionRoute: a static route, no tunnel disruption
    OpenFirewall,         // open a firewall / NAT rule on the customer's side
    ModifyTunnelOptions,  // ModifyVpnTunnelOptions: that tunnel's endpoint is replaced
    ModifyVpnOptions,     // ModifyVpnConnectionOptions: both tunnels restart briefly
    RecreateVpn,          // delete and recreate the VPN connection: new outside IPs
};
std::string_view to_string(CostClass c);
// 1 (CGW config), 2 (an AWS static route, a firewall rule), 3, 4, 8 (recreate the VPN).
int weight(CostClass c);

struct Fix {
    std::string_view code;
    std::string_view title;
    CostClass cost;
    std::string_view disruption;
    bool (*applicable)(const scenario::Scenario&);
    void (*apply)(scenario::Scenario&);
};

// In application order: AWS-side changes first (a recreate assigns the IPs a re-point then
// uses), then the path, then the customer gateway.
const std::vector<Fix>& catalogue();

// The fixes' codes in order, " + "-separated ("a + b"); "(no change)" for none.
std::string codes(const std::vector<std::size_t>& fixes);

// RFC 4632 §3.1-style aggregation: merges sibling prefixes and drops covered ones.
std::vector<net::Ipv4Prefix> summarise(std::vector<net::Ipv4Prefix> prefixes);

}  // namespace vpnsim::fix
