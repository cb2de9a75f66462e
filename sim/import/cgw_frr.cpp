// DOC: FRR's integrated configuration (frr.conf, or bgpd.conf and zebra's interface lines) read
// into a CgwDraft. Follows FRR's user guide (docs.frrouting.org: "BGP", "Route Maps",
// "IP Prefix Lists", "Zebra", "Basic Commands") for vtysh's line syntax: one command a line,
// `!` and `#` comment lines, blocks opened by `router bgp`, `address-family`, `interface`,
// `route-map`, `line vty`, closed by `exit`, `exit-address-family`, `end` or the next
// top-level command (indentation means nothing). This file reads the lines (frr::parse) and
// the BGP router; cgw_frr_lists.cpp reads interfaces, static routes, prefix-lists and
// route-maps; cgw_frr_draft.cpp turns what they say into scenario keys.
// Left out, with a warning: other routing protocols, VRFs, IPv4 multicast/VPN families,
// redistribution and aggregation (the prefixes they add are not in the file), neighbor options
// vpnsim has no model for (ebgp-multihop, bfd, shutdown, passive, maximum-prefix, ...),
// route-map clauses other than prefix-list matches and prepend / metric / local-preference /
// community / next-hop sets, `on-match` and `continue`. IPv6 (neighbors, families, routes)
// changes nothing vpnsim simulates and is skipped silently, as are logging, passwords, line
// vty and key chains.
#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "sim/import/cgw_frr_detail.hpp"

namespace vpnsim::import {
namespace detail::frr {

bool one_of(std::string_view word, std::initializer_list<std::string_view> words) {
    return std::find(words.begin(), words.end(), word) != words.end();
}

namespace {

// Commands that only exist at the top level (a line with one of them closes any block).
// clang-format off
constexpr std::array<std::string_view, 22> kTopLevel{
    "router", "interface", "route-map", "line", "frr", "hostname", "log", "access-list", "vrf",
    "key", "service", "password", "enable", "debug", "agentx", "bfd", "segment-routing", "mpls",
    "pbr-map", "nexthop-group", "username", "banner"};
// clang-format on
// Top-level commands that change nothing vpnsim simulates.
constexpr std::array<std::string_view, 11> kSilentTop{
    "hostname", "log",      "service", "password",    "enable", "debug",
    "agentx",   "username", "banner",  "access-list", "end"};
// `ip` / `ipv6` commands that are top-level even inside an interface block.
constexpr std::array<std::string_view, 9> kTopLevelIp{
    "prefix-list",  "route",          "forwarding", "protocol",         "nht",
    "import-table", "community-list", "as-path",    "extcommunity-list"};
// Neighbor options that change nothing vpnsim simulates.
constexpr std::array<std::string_view, 9> kSilentNeighborOptions{
    "description",    "update-source",    "soft-reconfiguration",    "next-hop-self",
    "send-community", "enforce-first-as", "disable-connected-check", "log-neighbor-changes",
    "capability"};

}  // namespace

std::optional<std::string_view> Parser::need(const Words& w, std::size_t i, std::string_view what) {
    if (i < w.size()) return w.word(i);
    error(w.at(i), w.joined(0, i), fmt::format("missing {}", what));
    return std::nullopt;
}

std::optional<Placed<std::uint32_t>> Parser::number(const Words& w, std::size_t i,
                                                    std::string_view what, std::uint32_t min,
                                                    std::uint32_t max, std::size_t key_words) {
    const auto text = need(w, i, what);
    if (!text) return std::nullopt;
    const auto key = w.joined(0, key_words == 0 ? i : key_words);
    const auto value = parse_u32(*text, max);
    if (!value || *value < min) {
        error(w.at(i), key, fmt::format("expected {} ({}-{}), got '{}'", what, min, max, *text));
        return std::nullopt;
    }
    return Placed<std::uint32_t>{*value, w.at(i), key};
}

bool Parser::closes_block(const Words& w) const {
    const auto first = w.word(0);
    if (std::find(kTopLevel.begin(), kTopLevel.end(), first) != kTopLevel.end()) return true;
    if (first == "ip" || first == "ipv6") {
        return ctx_ != Context::Interface ||
               std::find(kTopLevelIp.begin(), kTopLevelIp.end(), w.word(1)) != kTopLevelIp.end();
    }
    if (first == "bgp") {
        return one_of(w.word(1),
                      {"as-path", "community-list", "extcommunity-list", "large-community-list"});
    }
    return false;
}

void Parser::line(const Words& w) {
    if (w.size() == 0 || w.word(0).front() == '!' || w.word(0).front() == '#') return;
    const auto first = w.word(0);
    if (first == "end") {
        ctx_ = Context::Top;
        return;
    }
    if (ctx_ == Context::Vrf) {
        const bool top_level =
            std::find(kTopLevel.begin(), kTopLevel.end(), first) != kTopLevel.end();
        if (one_of(first, {"exit-vrf", "exit", "quit"})) ctx_ = Context::Top;
        if (!top_level) return;
    }
    if (first == "exit" || first == "quit") {
        ctx_ = ctx_ == Context::Ipv4Family || ctx_ == Context::OtherFamily ? Context::Bgp
                                                                           : Context::Top;
        return;
    }
    if (first == "exit-address-family" &&
        (ctx_ == Context::Ipv4Family || ctx_ == Context::OtherFamily)) {
        ctx_ = Context::Bgp;
        return;
    }
    if (ctx_ != Context::Top && !closes_block(w)) {
        switch (ctx_) {
            case Context::Bgp:
            case Context::Ipv4Family:
                bgp(w);
                return;
            case Context::Interface:
                interface(w);
                return;
            case Context::RouteMap:
                route_map(w);
                return;
            case Context::OtherFamily:
            case Context::Quiet:
            case Context::Vrf:
            case Context::Top:
                return;
        }
    }
    ctx_ = Context::Top;
    top(w);
}

void Parser::top(const Words& w) {
    const auto first = w.word(0);
    if (std::find(kSilentTop.begin(), kSilentTop.end(), first) != kSilentTop.end()) return;
    if (first == "frr") return frr_line(w);
    if (first == "router") return router(w);
    if (first == "route-map") return route_map_header(w);
    if (first == "line" || first == "key") {
        ctx_ = Context::Quiet;
        return;
    }
    if (first == "interface") {
        if (!need(w, 1, "interface name")) return;
        interface_ = w.word(1);
        ctx_ = Context::Interface;
        if (w.size() > 2) warn(w.line, fmt::format("interface {} {}", w.word(1), w.joined(2, 3)));
        return;
    }
    if (first == "ip") {
        if (w.word(1) == "prefix-list") return prefix_list(w);
        if (w.word(1) == "route") return static_route(w);
        if (one_of(w.word(1), {"forwarding", "community-list", "as-path", "extcommunity-list"})) {
            return;
        }
        return warn(w.line, w.joined(0, 2));
    }
    if (first == "ipv6" || first == "bgp") return;  // IPv6; lists used only where named
    if (first == "no") {
        if (w.word(1) == "ip" && w.word(2) == "forwarding") warn(w.line, "no ip forwarding");
        return;
    }
    warn(w.line, w.joined(0, first == "vrf" ? 1 : 2));
    ctx_ = first == "vrf" ? Context::Vrf : Context::Quiet;  // its block is left out with it
}

void Parser::frr_line(const Words& w) {
    if (w.word(1) == "version") {
        // "8.4.2", "7.5.1_git": major and minor decide FRR's defaults.
        const auto text = w.word(2);
        const auto dot = text.find('.');
        const auto major = parse_u32(text.substr(0, dot), 1000);
        auto minor_text = dot == std::string_view::npos ? std::string_view{} : text.substr(dot + 1);
        minor_text = minor_text.substr(0, minor_text.find_first_not_of("0123456789"));
        const auto minor = parse_u32(minor_text, 999);
        if (major)
            config_.version = static_cast<int>(*major) * 1000 + static_cast<int>(minor.value_or(0));
        return;
    }
    if (w.word(1) == "defaults") {
        const auto profile = need(w, 2, "profile (traditional or datacenter)");
        if (!profile) return;
        if (*profile != "traditional" && *profile != "datacenter") {
            return warn(w.line, fmt::format("frr defaults {}", *profile));
        }
        config_.defaults = Placed<std::string>{std::string(*profile), w.at(2), "frr defaults"};
    }
}

void Parser::router(const Words& w) {
    ctx_ = Context::Quiet;
    if (w.word(1) != "bgp") return warn(w.line, w.joined(0, 2));
    const auto asn = number(w, 2, "an AS number", 1);
    if (!asn) return;
    if (w.size() > 3) {  // router bgp ASN vrf NAME | view NAME
        warn(w.line, w.joined(0, 5));
        return;
    }
    if (config_.asn && config_.asn->value != asn->value) {
        return error(w.at(2), "router bgp",
                     fmt::format("BGP is already running as AS {}", config_.asn->value));
    }
    if (!config_.asn) {
        config_.asn = asn;
        config_.asn->source_key = "router bgp";
        config_.router_at = w.at(0);
    }
    ctx_ = Context::Bgp;
}

void Parser::bgp(const Words& w) {
    const auto first = w.word(0);
    if (first == "neighbor") return neighbor(w);
    if (first == "network") return network(w);
    if (first == "bgp") return bgp_option(w, 1);
    if (first == "address-family" && ctx_ == Context::Bgp) {
        const bool ipv4 = w.word(1) == "ipv4" && (w.size() == 2 || w.word(2) == "unicast");
        ctx_ = ipv4 ? Context::Ipv4Family : Context::OtherFamily;
        return;
    }
    if (first == "timers" && w.word(1) == "bgp") {
        config_.keepalive = number(w, 2, "a keepalive time", 0, 65535, 2);
        config_.hold = number(w, 3, "a hold time", 0, 65535, 2);
        return;
    }
    if (first == "no") {
        if (w.word(1) == "bgp") return bgp_option(w, 2);
        if (w.word(1) == "neighbor" && w.word(3) == "activate") {
            for (auto& n : config_.neighbors) {
                if (n.name == w.word(2)) n.activated = false;
            }
        }
        return;  // turning off what vpnsim does not model changes nothing
    }
    if (first == "redistribute") {
        return warn(w.line, fmt::format("redistribute {} (prefixes not in the file)", w.word(1)));
    }
    warn(w.line, w.joined(0, 2));
}

// `bgp ...` (i = 1) or `no bgp ...` (i = 2).
void Parser::bgp_option(const Words& w, std::size_t i) {
    const bool on = i == 1;
    const auto option = w.word(i);
    if (option == "ebgp-requires-policy") {
        config_.requires_policy = on;
    } else if (option == "default" && w.word(i + 1) == "ipv4-unicast") {
        config_.default_ipv4_unicast = on;
    } else if (on && !one_of(option, {"router-id", "log-neighbor-changes", "network",
                                      "suppress-duplicates", "deterministic-med"})) {
        warn(w.line, w.joined(0, 2));
    }
}

void Parser::network(const Words& w) {
    const auto text = need(w, 1, "a prefix");
    if (!text) return;
    const auto prefix = net::Ipv4Prefix::parse(*text);
    if (!prefix) {
        if (text->find(':') != std::string_view::npos) return;  // IPv6
        return error(w.at(1), "network",
                     fmt::format("expected an IPv4 prefix with no host bits (10.0.0.0/16), got "
                                 "'{}'",
                                 *text));
    }
    if (w.size() > 2) warn(w.line, fmt::format("network {} {}", *text, w.joined(2, 3)));
    if (!add_candidate(config_.networks, {*prefix, w.at(1), "network"})) {
        error(w.at(1), "network", fmt::format("more than {} networks", kMaxAnnounced));
    }
}

Neighbor* Parser::declare(const Words& w) {
    const auto name = w.word(1);
    for (auto& n : config_.neighbors) {
        if (n.name == name) return &n;
    }
    const auto verb = w.word(2);
    const auto addr = net::Ipv4Addr::parse(name);
    const bool group = !addr && verb == "peer-group" && w.size() == 3;
    if (!addr && !group) {
        if (name.find(':') != std::string_view::npos) return nullptr;  // IPv6: skipped
        if (verb == "interface") {
            warn(w.line, fmt::format("neighbor {} interface (unnumbered BGP)", name));
            return nullptr;
        }
        error(w.at(1), w.joined(0, 3),
              fmt::format("'{}' is not an IPv4 address or a peer-group declared before", name));
        return nullptr;
    }
    if (addr && verb != "remote-as" && verb != "peer-group") {
        error(w.at(1), w.joined(0, 3),
              fmt::format("neighbor {} has no remote-as (FRR needs `neighbor {} remote-as` "
                          "first)",
                          name, name));
        return nullptr;
    }
    if (++(addr ? addresses_ : groups_) > kMaxNeighbors) {
        error(w.at(1), w.joined(0, 3),
              fmt::format("more than {} {}", kMaxNeighbors, addr ? "neighbors" : "peer-groups"));
        return nullptr;
    }
    Neighbor n;
    n.name = std::string(name);
    n.addr = addr;
    n.line = w.line;
    n.at = w.at(1);
    config_.neighbors.push_back(std::move(n));
    return &config_.neighbors.back();
}

void Parser::neighbor(const Words& w) {
    if (!need(w, 1, "a neighbor address") || !need(w, 2, "a neighbor command")) return;
    Neighbor* n = declare(w);
    if (n != nullptr && !(w.word(2) == "peer-group" && w.size() == 3 && !n->addr)) {
        neighbor_option(w, *n);
    }
}

void Parser::neighbor_option(const Words& w, Neighbor& n) {
    const auto verb = w.word(2);
    const auto key = w.joined(0, 3);
    auto text = [&](std::size_t i, std::string_view what) -> std::optional<Placed<std::string>> {
        const auto t = need(w, i, what);
        if (!t) return std::nullopt;
        return Placed<std::string>{std::string(*t), w.at(i), key};
    };
    if (verb == "remote-as") {
        const auto as = need(w, 3, "an AS number, external or internal");
        if (!as) return;
        if (*as != "external" && *as != "internal" && !parse_u32(*as).value_or(0)) {
            return error(w.at(3), key,
                         fmt::format("expected an AS number (1-4294967295), external or "
                                     "internal, got '{}'",
                                     *as));
        }
        n.remote_as = text(3, "");
    } else if (verb == "peer-group") {
        const auto group = need(w, 3, "a peer-group name");
        if (!group) return;
        const bool known = std::any_of(config_.neighbors.begin(), config_.neighbors.end(),
                                       [&](const auto& g) { return !g.addr && g.name == *group; });
        if (!known) return error(w.at(3), key, fmt::format("no peer-group {}", *group));
        n.peer_group = text(3, "");
    } else if (verb == "password") {  // the rest of the line, words joined by one space
        if (need(w, 3, "a password")) n.password = {w.joined(3, w.size()), w.at(3), key};
    } else if (verb == "timers" && w.word(3) == "connect") {
        n.connect = number(w, 4, "a connect retry time", 1, 65535, 4);
    } else if (verb == "timers") {
        n.keepalive = number(w, 3, "a keepalive time", 0, 65535, 3);
        n.hold = number(w, 4, "a hold time", 0, 65535, 3);
    } else if (verb == "route-map" || verb == "prefix-list") {
        const auto name = text(3, fmt::format("a {} name", verb));
        const auto dir = need(w, 4, "in or out");
        if (!name || !dir) return;
        if (*dir != "in" && *dir != "out") {
            return error(w.at(4), key, fmt::format("expected in or out, got '{}'", *dir));
        }
        if (verb == "route-map") {
            (*dir == "in" ? n.route_map_in : n.route_map_out) = name;
        } else if (*dir == "out") {
            n.prefix_list_out = name;
        } else {
            n.other_policy_in = true;
            warn(w.line, w.joined(0, 5));  // a filter on AWS's routes
        }
    } else if (verb == "filter-list" || verb == "distribute-list") {
        (w.word(4) == "in" ? n.other_policy_in : n.other_policy_out) = true;
        warn(w.line, w.joined(0, 3));
    } else if (verb == "activate") {
        n.activated = true;
    } else if (std::find(kSilentNeighborOptions.begin(), kSilentNeighborOptions.end(), verb) ==
               kSilentNeighborOptions.end()) {
        warn(w.line, key);  // ebgp-multihop, bfd, shutdown, passive, maximum-prefix, ...
    }
}

Config parse(std::string_view text, CgwDraft& draft) {
    Parser parser(draft);
    for_each_line(text, false, [&](const Words& w) { parser.line(w); });
    return parser.take();
}

}  // namespace detail::frr

CgwDraft read_frr(std::string_view text, const std::string& file) {
    CgwDraft draft;
    draft.file = file;
    draft.dialect = Dialect::Frr;
    const auto config = detail::frr::parse(text, draft);
    detail::frr::write_draft(config, draft);
    return draft;
}

}  // namespace vpnsim::import
