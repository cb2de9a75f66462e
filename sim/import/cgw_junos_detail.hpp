// DOC: a Junos `set` configuration as read (cgw_junos.cpp: security and interfaces;
// cgw_junos_routing.cpp: routing-options, protocols bgp, policy-options), before it becomes a
// CgwDraft (cgw_junos_tunnels.cpp: IPsec tunnels and [cgw]; cgw_junos_bgp.cpp: [cgw.bgp] and
// the BGP neighbors). Values already in the scenario's spelling are kept as TOML text
// (algorithms translated while reading); names are kept to be resolved once the whole file is
// read, since Junos lets a statement name what a later line defines.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "models/common/ipv4.hpp"
#include "sim/import/cgw_bgp_export_detail.hpp"
#include "sim/import/cgw_draft.hpp"
#include "sim/import/cgw_tokens_detail.hpp"

namespace vpnsim::import::detail::junos {

using Text = Placed<std::string>;
using Number = Placed<std::uint32_t>;

// Where an object is first configured: its name's line and column.
struct Origin {
    int line{0};
    SourcePos at;
};

struct IkeProposal {
    Origin origin;
    std::optional<Text> method;                           // authentication-method, as written
    std::optional<Text> integrity, encryption, dh_group;  // TOML values
    std::optional<Number> lifetime;
};

struct IkePolicy {
    Origin origin;
    std::optional<Text> mode;  // main | aggressive
    std::vector<Text> proposals;
    std::optional<Text> psk;  // the key itself
};

struct Dpd {
    Origin origin;
    std::optional<Number> interval;
    std::optional<Number> threshold;
};

struct Gateway {
    Origin origin;
    std::optional<Text> ike_policy;
    std::optional<Placed<net::Ipv4Addr>> address;
    std::optional<Text> external_interface;  // "ge-0/0/0.0"
    std::optional<Placed<net::Ipv4Addr>> local_address;
    std::optional<Text> no_nat_traversal;  // where it is said
    std::optional<Dpd> dpd;
    std::optional<Text> version;  // v1-only | v2-only
    std::optional<Number> nat_keepalive;
};

struct IpsecProposal {
    Origin origin;
    std::optional<Text> integrity, encryption;  // TOML values
    std::optional<Number> lifetime;
};

struct IpsecPolicy {
    Origin origin;
    std::optional<Text> pfs;  // a TOML DH group number
    std::vector<Text> proposals;
};

struct TrafficSelector {
    std::string name;
    Origin origin;
    std::optional<Placed<net::Ipv4Prefix>> local;
    std::optional<Placed<net::Ipv4Prefix>> remote;
};

struct Vpn {
    std::string name;
    Origin origin;
    std::optional<Text> bind_interface;  // "st0.1"
    std::optional<Text> gateway;
    std::optional<Text> ipsec_policy;
    std::optional<Text> establish;  // immediately | on-traffic | responder-only
    std::optional<Placed<net::Ipv4Prefix>> proxy_local;
    std::optional<Placed<net::Ipv4Prefix>> proxy_remote;
    std::vector<TrafficSelector> selectors;
    bool monitored{false};  // vpn-monitor: ICMP through the tunnel from the start
};

// A BGP setting at any of Junos's three levels (protocols bgp, group, neighbor); the most
// specific one given applies. `export` and `import` lists replace, not add to, a wider level's.
struct BgpLevel {
    Origin origin;
    std::optional<Text> type;  // external | internal
    std::optional<Number> peer_as;
    std::optional<Number> hold_time;
    std::optional<Text> authentication_key;
    std::optional<std::vector<Text>> exports;
    std::optional<std::vector<Text>> imports;
};

struct BgpNeighbor {
    std::string group;
    net::Ipv4Addr addr;
    BgpLevel level;
};

enum class FilterMatch : std::uint8_t { Exact, OrLonger, Longer, UpTo, LengthRange };

struct RouteFilter {
    net::Ipv4Prefix prefix;
    FilterMatch match{FilterMatch::Exact};
    std::uint8_t lo{0};  // upto / prefix-length-range bounds
    std::uint8_t hi{32};
    std::optional<bool> accept;  // a filter's own `accept` / `reject`
    SourcePos at;
    std::string source_key;
};

enum class TermAction : std::uint8_t { None, Accept, Reject, NextTerm, NextPolicy };

struct Term {
    std::string name;  // "" for a policy's final, unnamed from/then
    int line{0};
    std::vector<RouteFilter> filters;
    std::vector<Text> prefix_lists;
    bool other_from{false};  // a `from` condition other than route-filter / prefix-list
    TermAction action{TermAction::None};
    RouteAttrs attrs;  // as-path-prepend, metric, community (add / set: the members)
    std::optional<Number> local_pref;
    std::optional<Text> community;  // then community add|set NAME: resolved after reading
};

struct PolicyStatement {
    std::vector<Term> terms;  // named terms in order, then the unnamed one if any
};

struct StaticRoute {
    Placed<net::Ipv4Prefix> prefix;
    std::vector<Text> next_hops;  // addresses or interfaces ("st0.1")
    int line{0};
};

struct Config {
    bool any_statement{false};
    std::map<std::string, IkeProposal> ike_proposals;
    std::map<std::string, IkePolicy> ike_policies;
    std::map<std::string, Gateway> gateways;
    std::map<std::string, IpsecProposal> ipsec_proposals;
    std::map<std::string, IpsecPolicy> ipsec_policies;
    std::vector<Vpn> vpns;                                       // in the file's order
    std::map<std::string, Placed<AddressWithLength>> addresses;  // "st0.1" -> first address
    std::map<std::string, Number> mtus;                          // "st0.1" -> family inet mtu
    std::optional<Number> mss_ipsec;                             // tcp-mss ipsec-vpn mss
    std::optional<Number> mss_all;                               // tcp-mss all-tcp mss
    std::optional<Number> asn;
    std::optional<Origin> bgp_first;  // the first `protocols bgp` statement
    BgpLevel bgp;
    std::map<std::string, BgpLevel> groups;
    std::vector<BgpNeighbor> neighbors;  // in the file's order
    std::map<std::string, PolicyStatement> policies;
    std::map<std::string, Placed<std::vector<std::string>>> communities;
    std::map<std::string, std::vector<Placed<net::Ipv4Prefix>>> prefix_lists;
    std::size_t policy_entries{0};  // terms, route-filters and prefix-list entries
    std::vector<StaticRoute> static_routes;
};

// What the statement readers share: the draft's diagnostics and the configuration read.
class Reader {
  public:
    explicit Reader(CgwDraft& draft) : draft_(draft) {}
    Config config;

    void error(SourcePos at, std::string_view key, std::string_view message);
    void warn(int line, std::string_view what);
    // Word i of a statement, or an error at the end of the line: `what` is missing.
    std::optional<std::string_view> need(const Words& w, std::size_t i, std::string_view what);
    // Word i as a number in [min, max]; `key` is the statement's words before it unless given.
    std::optional<Number> number(const Words& w, std::size_t i, std::string_view what,
                                 std::uint32_t min = 0, std::uint32_t max = 4294967295U,
                                 std::string key = {});
    std::optional<Placed<net::Ipv4Addr>> address(const Words& w, std::size_t i);
    std::optional<Placed<net::Ipv4Prefix>> prefix(const Words& w, std::size_t i);
    // Word i alone, or the words of a `[ a b ]` list starting there.
    std::vector<Text> values(const Words& w, std::size_t i, std::string_view what);
    // Counts one more policy entry; false past kMaxPolicyEntries (an error the first time).
    bool room_for_policy_entry(const Words& w);
    std::string_view file() const { return draft_.file; }

  private:
    CgwDraft& draft_;
};

// "security ike proposal P encryption-algorithm": the statement's words before word i.
inline std::string key_of(const Words& w, std::size_t i) {
    return w.joined(1, i);
}

// The statement readers, by the statement's first word after `set`.
void read_security(Reader& r, const Words& w);
void read_interfaces(Reader& r, const Words& w);
void read_routing_options(Reader& r, const Words& w);
void read_protocols(Reader& r, const Words& w);
void read_policy_options(Reader& r, const Words& w);

// The draft from what was read.
void write_tunnels(const Config& config, CgwDraft& draft);
void write_bgp(const Config& config, CgwDraft& draft);

// The vpn bound to an st0 unit ("st0.1"), or the one whose st0 /30 holds `inside`.
const Vpn* vpn_bound_to(const Config& config, std::string_view unit);
const Vpn* vpn_holding(const Config& config, net::Ipv4Addr inside);

}  // namespace vpnsim::import::detail::junos
