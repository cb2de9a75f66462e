// DOC: the readers of the scenario's top-level tables, and the AWS constants they share
// (internal to sim/scenario). Each reader starts from the struct's defaults (scenario.hpp)
// and overwrites what the file sets; the caller reports the table's unknown keys.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "models/common/ipv4.hpp"
#include "models/common/time.hpp"
#include "sim/scenario/scenario.hpp"
#include "sim/scenario/table_reader.hpp"

namespace vpnsim::scenario::detail {

// Tunnel inside addresses are APIPA (aws-facts.md "BGP over the tunnel").
inline constexpr net::Ipv4Prefix kLinkLocal{net::Ipv4Addr::from_octets(169, 254, 0, 0), 16};
// Legacy Amazon-side ASNs: 7224 most Regions, 9059 Ireland, 10124 Tokyo, 17493 Singapore.
// AWS may use them, so a CGW may not (aws-facts.md "BGP over the tunnel").
inline constexpr std::array<std::int64_t, 4> kLegacyAmazonAsns{7224, 9059, 10124, 17493};
// Longest scenario a file may ask for; also bounds every other duration key.
inline constexpr SimTime kMaxDuration = kMaxScenarioDuration;

// "vpn-" + 17 hex digits of FNV-1a-64(scenario name): the same name always gives the same id.
std::string derived_vpn_id(std::string_view scenario_name);

Aws read_aws(TableReader& table, std::string_view scenario_name);
Cgw read_cgw(TableReader& table);
// A [[change]]'s new tunnel options (modify-tunnel-options), each over the value in `tunnel`;
// inside_cidr and psk may change too, outside_ip never.
void read_modified_tunnel(TableReader& table, AwsTunnel& tunnel);

}  // namespace vpnsim::scenario::detail
