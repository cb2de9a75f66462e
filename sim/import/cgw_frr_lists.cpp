// DOC: FRR's interface addresses, static routes, prefix-lists and route-maps (FRR user guide:
// "Zebra", "IP Prefix Lists", "Route Maps"), read line by line for cgw_frr.cpp's Parser.
// Left out, with a warning: route-map match clauses other than `ip address prefix-list` (taken
// to match every route), sets other than as-path prepend / metric / local-preference /
// community / ip next-hop, relative metrics, `on-match` / `continue` / `call`; interface
// settings other than addresses (an IPv6 address, a description: silently).
#include <fmt/format.h>

#include <algorithm>

#include "sim/import/cgw_frr_detail.hpp"

namespace vpnsim::import::detail::frr {

void Parser::interface(const Words& w) {
    const auto first = w.word(0);
    if (first == "ip" && w.word(1) == "address") {
        const auto text = need(w, 2, "an address (a.b.c.d/len)");
        if (!text) return;
        const auto a = parse_address_with_length(*text);
        if (!a) {
            return error(w.at(2), fmt::format("interface {} ip address", interface_),
                         fmt::format("expected an address with its prefix length "
                                     "(169.254.10.2/30), got '{}'",
                                     *text));
        }
        if (!room_for_policy_entry(w)) return;
        config_.interfaces.push_back(
            {interface_, {*a, w.at(2), fmt::format("interface {} ip address", interface_)}});
        return;
    }
    if (first == "ipv6" ||
        one_of(first, {"description", "link-detect", "bandwidth", "multicast"})) {
        return;
    }
    if (first == "no" && one_of(w.word(1), {"shutdown", "link-detect", "ipv6", "multicast"})) {
        return;
    }
    warn(w.line, fmt::format("interface {} {}", interface_, w.joined(0, 2)));
}

// Counts one more entry; false past kMaxPolicyEntries (an error the first time).
bool Parser::room_for_policy_entry(const Words& w) {
    if (++config_.policy_entries <= kMaxPolicyEntries) return true;
    if (config_.policy_entries > kMaxPolicyEntries + 1) return false;
    error(
        w.at(0), w.joined(0, 2),
        fmt::format("more than {} list entries, matches, routes and addresses", kMaxPolicyEntries));
    return false;
}

// ip prefix-list NAME [seq N] permit|deny PREFIX|any [ge N] [le N]
void Parser::prefix_list(const Words& w) {
    const auto name = need(w, 2, "a prefix-list name");
    if (!name || one_of(w.word(3), {"description", "seq-number"})) return;
    const auto key = fmt::format("ip prefix-list {}", *name);
    auto& list = config_.prefix_lists[std::string(*name)];
    PrefixListEntry e;
    std::size_t i = 3;
    if (w.word(i) == "seq") {
        const auto seq = number(w, i + 1, "a sequence number", 1);
        if (!seq) return;
        e.seq = seq->value;
        i += 2;
    } else {
        e.seq = list.empty() ? 5 : list.back().seq + 5;  // FRR numbers unnumbered lines by 5
    }
    const auto action = need(w, i, "permit or deny");
    if (!action) return;
    if (*action != "permit" && *action != "deny") {
        return error(w.at(i), key, fmt::format("expected permit or deny, got '{}'", *action));
    }
    e.permit = *action == "permit";
    const auto text = need(w, i + 1, "a prefix or any");
    if (!text) return;
    if (*text == "any") {
        e.any = true;
    } else if (const auto p = net::Ipv4Prefix::parse(*text)) {
        e.prefix = *p;
    } else {
        return error(
            w.at(i + 1), key,
            fmt::format("expected an IPv4 prefix with no host bits or any, got '{}'", *text));
    }
    for (i += 2; i < w.size(); i += 2) {
        const bool ge = w.word(i) == "ge";
        if (!ge && w.word(i) != "le") {
            return error(w.at(i), key, fmt::format("expected ge or le, got '{}'", w.word(i)));
        }
        const auto len = number(w, i + 1, "a prefix length", e.prefix.len, 32);
        if (!len) return;
        (ge ? e.ge : e.le) = static_cast<std::uint8_t>(len->value);
    }
    if (!room_for_policy_entry(w)) return;
    list.push_back(e);
}

// ip route PREFIX NEXTHOP|IFNAME [DISTANCE]
void Parser::static_route(const Words& w) {
    const auto text = need(w, 2, "a prefix");
    const auto via = need(w, 3, "a next hop or an interface");
    if (!text || !via) return;
    const auto prefix = net::Ipv4Prefix::parse(*text);
    if (!prefix) {
        return error(w.at(2), "ip route",
                     fmt::format("expected an IPv4 prefix with no host bits, got '{}'", *text));
    }
    if (!room_for_policy_entry(w)) return;
    config_.static_routes.push_back({{*prefix, w.at(2), "ip route"}, std::string(*via), w.line});
}

// route-map NAME permit|deny SEQ
void Parser::route_map_header(const Words& w) {
    ctx_ = Context::Quiet;
    const auto name = need(w, 1, "a route-map name");
    const auto action = need(w, 2, "permit or deny");
    if (!name || !action) return;
    if (*action != "permit" && *action != "deny") {
        return error(w.at(2), w.joined(0, 2),
                     fmt::format("expected permit or deny, got '{}'", *action));
    }
    const auto seq = number(w, 3, "a sequence number", 1, 65535);
    if (!seq || !room_for_policy_entry(w)) return;
    auto& entries = config_.route_maps[std::string(*name)];
    RouteMapEntry e;
    e.permit = *action == "permit";
    e.seq = seq->value;
    e.line = w.line;
    entries.push_back(std::move(e));
    entry_ = &entries.back();
    ctx_ = Context::RouteMap;
}

void Parser::route_map(const Words& w) {
    RouteMapEntry& e = *entry_;
    const auto first = w.word(0);
    if (first == "description") return;
    if (first == "match") {
        if (w.word(1) == "ip" && w.word(2) == "address" && w.word(3) == "prefix-list") {
            const auto name = need(w, 4, "a prefix-list name");
            if (name && room_for_policy_entry(w)) e.prefix_lists.emplace_back(*name);
            return;
        }
        e.other_match = true;
        return warn(w.line, fmt::format("{} (matches all)", w.joined(0, 3)));
    }
    if (first == "set") return route_map_set(w, e);
    warn(w.line, w.joined(0, 2));  // on-match, continue, call
}

void Parser::route_map_set(const Words& w, RouteMapEntry& e) {
    const auto what = w.word(1);
    const auto key = w.joined(0, what == "as-path" || what == "ip" ? 3 : 2);
    if (what == "as-path" && w.word(2) == "prepend") {
        if (w.word(3) == "last-as") return warn(w.line, key + " last-as");
        std::vector<std::uint32_t> asns;
        for (std::size_t i = 3; i < w.size(); ++i) {
            if (asns.size() == kMaxListedValues) {
                return error(w.at(i), key, fmt::format("more than {} AS numbers", asns.size()));
            }
            const auto asn = number(w, i, "an AS number", 1, 4294967295U, 3);
            if (!asn) return;
            asns.push_back(asn->value);
        }
        if (asns.empty()) return void(need(w, 3, "an AS number"));
        e.attrs.prepend = Placed<std::vector<std::uint32_t>>{std::move(asns), w.at(3), key};
    } else if (what == "metric") {
        const auto text = need(w, 2, "a metric");
        if (!text) return;
        if (!parse_u32(*text)) return warn(w.line, fmt::format("set metric {}", *text));
        e.attrs.med = number(w, 2, "a metric", 0, 4294967295U, 2);
    } else if (what == "local-preference") {
        e.local_pref = number(w, 2, "a local preference", 0, 4294967295U, 2);
    } else if (what == "community") {
        std::vector<std::string> values;
        for (std::size_t i = 2; i < w.size(); ++i) {
            const auto c = w.word(i);
            if (c == "additive" || c == "none") continue;
            if (values.size() == kMaxListedValues) {
                return error(w.at(i), key, fmt::format("more than {} communities", values.size()));
            }
            if (c.find(':') == std::string_view::npos) {
                warn(w.line, fmt::format("set community {}", c));
                continue;
            }
            values.emplace_back(c);
        }
        e.attrs.communities = Placed<std::vector<std::string>>{std::move(values), w.at(2), key};
    } else if (what == "ip" && w.word(2) == "next-hop") {
        const auto text = need(w, 3, "a next-hop address");
        if (!text) return;
        const auto addr = net::Ipv4Addr::parse(*text);
        if (!addr) return warn(w.line, fmt::format("set ip next-hop {}", *text));
        e.next_hop = Placed<net::Ipv4Addr>{*addr, w.at(3), key};
    } else {
        warn(w.line, key);
    }
}

}  // namespace vpnsim::import::detail::frr
