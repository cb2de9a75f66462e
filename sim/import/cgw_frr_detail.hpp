// DOC: an FRR configuration as read (cgw_frr.cpp), before it becomes a CgwDraft
// (cgw_frr_draft.cpp). Only what vpnsim models is kept: the BGP router, its neighbors and
// peer-groups, networks, route-maps, prefix-lists, interface addresses and static routes.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "models/common/ipv4.hpp"
#include "sim/import/cgw_bgp_export_detail.hpp"
#include "sim/import/cgw_draft.hpp"
#include "sim/import/cgw_tokens_detail.hpp"

namespace vpnsim::import::detail::frr {

// A neighbor (an IPv4 address) or a peer-group (a name): what `neighbor X ...` sets.
struct Neighbor {
    std::string name;
    std::optional<net::Ipv4Addr> addr;  // nullopt: a peer-group
    int line{0};                        // where it is first configured
    SourcePos at;                       // its name there
    std::optional<Placed<std::string>> peer_group;
    std::optional<Placed<std::string>> remote_as;  // a number, "external" or "internal"
    std::optional<Placed<std::string>> password;
    std::optional<Placed<std::uint32_t>> keepalive;
    std::optional<Placed<std::uint32_t>> hold;
    std::optional<Placed<std::uint32_t>> connect;
    std::optional<Placed<std::string>> route_map_out;
    std::optional<Placed<std::string>> route_map_in;
    std::optional<Placed<std::string>> prefix_list_out;
    bool other_policy_in{false};    // prefix-list / filter-list / distribute-list in
    bool other_policy_out{false};   // filter-list / distribute-list out
    std::optional<bool> activated;  // address-family ipv4 unicast: (no) neighbor X activate
};

struct PrefixListEntry {
    std::uint32_t seq{0};
    bool permit{true};
    bool any{false};
    net::Ipv4Prefix prefix;
    std::uint8_t ge{0};  // 0: not given
    std::uint8_t le{0};
};

struct RouteMapEntry {
    bool permit{true};
    std::uint32_t seq{0};
    int line{0};
    std::vector<std::string> prefix_lists;  // match ip address prefix-list (all must permit)
    bool other_match{false};                // a match clause vpnsim does not model
    RouteAttrs attrs;
    std::optional<Placed<std::uint32_t>> local_pref;
    std::optional<Placed<net::Ipv4Addr>> next_hop;
};

struct Interface {
    std::string name;
    Placed<AddressWithLength> address;
};

struct StaticRoute {
    Placed<net::Ipv4Prefix> prefix;
    std::string via;  // an address or an interface name
    int line{0};
};

struct Config {
    std::optional<Placed<std::uint32_t>> asn;  // router bgp ASN
    SourcePos router_at;
    std::optional<bool> requires_policy;             // (no) bgp ebgp-requires-policy
    bool default_ipv4_unicast{true};                 // (no) bgp default ipv4-unicast
    std::optional<int> version;                      // frr version: major * 1000 + minor
    std::optional<Placed<std::string>> defaults;     // frr defaults traditional|datacenter
    std::optional<Placed<std::uint32_t>> keepalive;  // timers bgp KA HOLD
    std::optional<Placed<std::uint32_t>> hold;
    std::vector<Neighbor> neighbors;  // in the file's order, peer-groups included
    std::vector<AnnounceCandidate> networks;
    std::map<std::string, std::vector<PrefixListEntry>> prefix_lists;
    std::map<std::string, std::vector<RouteMapEntry>> route_maps;
    std::size_t policy_entries{0};  // prefix-list and route-map entries, all lists
    std::vector<Interface> interfaces;
    std::vector<StaticRoute> static_routes;
};

// The reader's state between lines (cgw_frr.cpp: blocks, router bgp, neighbors;
// cgw_frr_lists.cpp: interfaces, static routes, prefix-lists, route-maps).
// Quiet: a block whose lines change nothing vpnsim simulates, or that is left out with one
// warning at its first line; Vrf: a `vrf` block, whose `ip route` lines are the VRF's.
enum class Context : std::uint8_t {
    Top,
    Bgp,
    Ipv4Family,
    OtherFamily,
    Interface,
    RouteMap,
    Quiet,
    Vrf
};

class Parser {
  public:
    explicit Parser(CgwDraft& draft) : draft_(draft) {}
    void line(const Words& w);
    Config take() { return std::move(config_); }

  private:
    void error(SourcePos at, std::string_view key, std::string_view message) {
        draft_.errors.push_back(error_at(draft_.file, at, key, message));
    }
    void warn(int line, std::string_view what) {
        draft_.warnings.push_back(not_modelled(draft_.file, line, what));
    }
    // Word i, or an error at the end of the line naming what is missing.
    std::optional<std::string_view> need(const Words& w, std::size_t i, std::string_view what);
    // Word i as a number in [min, max]; its key is the line's first `key_words` words (all
    // before it when 0).
    std::optional<Placed<std::uint32_t>> number(const Words& w, std::size_t i,
                                                std::string_view what, std::uint32_t min = 0,
                                                std::uint32_t max = 4294967295U,
                                                std::size_t key_words = 0);
    bool closes_block(const Words& w) const;
    void top(const Words& w);
    void frr_line(const Words& w);
    void router(const Words& w);
    void bgp(const Words& w);
    void bgp_option(const Words& w, std::size_t i);
    void network(const Words& w);
    void neighbor(const Words& w);
    Neighbor* declare(const Words& w);
    void neighbor_option(const Words& w, Neighbor& n);
    void interface(const Words& w);
    void prefix_list(const Words& w);
    void static_route(const Words& w);
    void route_map_header(const Words& w);
    void route_map(const Words& w);
    void route_map_set(const Words& w, RouteMapEntry& e);
    bool room_for_policy_entry(const Words& w);

    CgwDraft& draft_;
    Config config_;
    Context ctx_{Context::Top};
    RouteMapEntry* entry_{nullptr};  // the route-map entry being read
    std::string interface_;          // the interface being read
    std::size_t addresses_{0};       // neighbors (addresses) declared
    std::size_t groups_{0};          // peer-groups declared
};

bool one_of(std::string_view word, std::initializer_list<std::string_view> words);

// Reads `draft.file`'s text into a Config; errors and warnings go to the draft.
Config parse(std::string_view text, CgwDraft& draft);
// The draft's settings and tunnels from the configuration read.
void write_draft(const Config& config, CgwDraft& draft);

}  // namespace vpnsim::import::detail::frr
