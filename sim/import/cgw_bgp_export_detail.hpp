// DOC: what a CGW's BGP export policy sends each neighbor, in the scenario's terms. Shared by
// the FRR reader (route-maps and prefix-lists applied `out`) and the Junos reader (export
// policy-statements): each works out, per neighbor and per candidate prefix (FRR's `network`
// statements, Junos's route-filters), whether the prefix is sent and with which prepend / MED /
// communities; this file turns that into [cgw.bgp] announce, each neighbor's as_path_prepend
// and med, and [cgw.bgp] route_map entries.
// The scenario announces one set of prefixes to every neighbor and keeps one route-map entry
// per prefix for all of them; a per-neighbor difference it cannot hold is a warning (the
// prefixes any neighbor gets are announced; a prefix's values are the first neighbor's).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "models/common/ipv4.hpp"
#include "sim/import/cgw_draft.hpp"

namespace vpnsim::import::detail {

// Bounds on what one file may ask the export evaluation to weigh (candidates x neighbors x
// policy entries): far above a CGW for AWS (a virtual private gateway takes 100 routes).
inline constexpr std::size_t kMaxAnnounced = 1000;
inline constexpr std::size_t kMaxNeighbors = 16;
inline constexpr std::size_t kMaxPolicyEntries = 2048;  // list entries, matches, routes
// AS numbers one prepend lists, communities one statement sets (each copied per prefix).
inline constexpr std::size_t kMaxListedValues = 32;

// A value with where the file sets it and the file's words for it.
template <class T>
struct Placed {
    T value{};
    SourcePos at;
    std::string source_key;
};

inline Setting draft_setting(std::string key, std::string value, SourcePos at,
                             std::string source_key) {
    return Setting{std::move(key), std::move(value), at, std::move(source_key)};
}

// "[65000, 65000]"
std::string toml_asn_list(const std::vector<std::uint32_t>& asns);

// What an export policy sets on a route it sends. Absent: not set (the session's value).
struct RouteAttrs {
    std::optional<Placed<std::vector<std::uint32_t>>> prepend;
    std::optional<Placed<std::uint32_t>> med;
    std::optional<Placed<std::vector<std::string>>> communities;  // "ASN:value", as written
};
bool same_values(const RouteAttrs& a, const RouteAttrs& b);

struct AnnounceCandidate {
    net::Ipv4Prefix prefix;
    SourcePos at;
    std::string source_key;
};
// Appends `c` unless its prefix is already a candidate; false when the list is full.
bool add_candidate(std::vector<AnnounceCandidate>& list, AnnounceCandidate c);

struct NeighborExport {
    std::size_t tunnel{0};  // its DraftTunnel in CgwDraft::tunnels
    std::string name;       // "neighbor 169.254.10.1", for warnings
    int line{0};            // where it is configured, for warnings
    // One per candidate, in order: what the neighbor is sent, or nullopt when it is not.
    std::vector<std::optional<RouteAttrs>> verdicts;
};

// Writes [cgw.bgp] announce (the candidates some neighbor is sent, all of them when there is
// no neighbor), each neighbor's tunnel as_path_prepend / med when every prefix it is sent has
// the same, else [cgw.bgp] route_map entries; communities always go to route_map entries.
// `unsent_are_networks`: a candidate no neighbor is sent is still a network behind the CGW
// ([cgw] networks; FRR's `network` statements), rather than a filter's prefix.
void write_exports(const std::vector<AnnounceCandidate>& candidates,
                   const std::vector<NeighborExport>& neighbors, bool unsent_are_networks,
                   CgwDraft& draft);

}  // namespace vpnsim::import::detail
