// DOC: Junos `set routing-options`, `set protocols bgp` and `set policy-options` statements
// (Juniper's "BGP User Guide" and "Routing Policies, Firewall Filters, and Traffic Policers
// User Guide": policy-statement terms, route-filter match types, communities, prefix-lists),
// read into the configuration of cgw_junos_detail.hpp.
// Left out, with a warning: BGP options vpnsim has no model for (multihop, local-as, bfd,
// passive, graceful-restart, metric-out, ...), internal groups, `from` conditions other than
// route-filter / prefix-list / protocol (a term with one is taken to match every route), `then`
// actions other than accept / reject / next / as-path-prepend / metric / local-preference /
// community add|set / next-hop self, other routing protocols.
#include <fmt/format.h>

#include <algorithm>

#include "sim/import/cgw_junos_detail.hpp"

namespace vpnsim::import::detail::junos {
namespace {

bool is_one_of(std::string_view word, std::initializer_list<std::string_view> words) {
    return std::find(words.begin(), words.end(), word) != words.end();
}

// The BGP level a `protocols bgp` statement sets, and the index of its setting's word; nullptr
// when the statement names no level (an error was reported).
BgpLevel* bgp_level(Reader& r, const Words& w, std::size_t& i) {
    i = 3;
    if (w.word(3) != "group") return &r.config.bgp;
    if (!r.need(w, 4, "a group name")) return nullptr;
    auto [group, fresh] = r.config.groups.try_emplace(std::string(w.word(4)));
    if (fresh) group->second.origin = Origin{w.line, w.at(4)};
    i = 5;
    if (w.word(5) != "neighbor") return &group->second;
    const auto addr = r.address(w, 6);
    if (!addr) return nullptr;
    i = 7;
    for (auto& n : r.config.neighbors) {
        if (n.addr == addr->value) return &n.level;
    }
    if (r.config.neighbors.size() >= kMaxNeighbors) {
        r.error(w.at(6), key_of(w, 6), fmt::format("more than {} neighbors", kMaxNeighbors));
        return nullptr;
    }
    BgpNeighbor n{std::string(w.word(4)), addr->value, {}};
    n.level.origin = Origin{w.line, w.at(6)};
    r.config.neighbors.push_back(std::move(n));
    return &r.config.neighbors.back().level;
}

void bgp(Reader& r, const Words& w) {
    if (!r.config.bgp_first) r.config.bgp_first = Origin{w.line, w.at(1)};
    std::size_t i = 0;
    BgpLevel* level = bgp_level(r, w, i);
    if (level == nullptr || i >= w.size()) return;
    const auto what = w.word(i);
    const auto key = key_of(w, i + 1);
    if (what == "type") {
        const auto type = r.need(w, i + 1, "external or internal");
        if (!type) return;
        level->type = Text{std::string(*type), w.at(i + 1), key};
        if (*type != "external") r.warn(w.line, fmt::format("bgp type {}", *type));
    } else if (what == "peer-as") {
        level->peer_as = r.number(w, i + 1, "an AS number", 1);
    } else if (what == "hold-time") {
        level->hold_time = r.number(w, i + 1, "a hold time in seconds", 0, 65535);
    } else if (what == "authentication-key") {
        const auto k = r.need(w, i + 1, "a key");
        if (!k) return;
        if (k->substr(0, 3) == "$9$") {
            return r.error(w.at(i + 1), key,
                           "an encrypted ($9$) key cannot be read: write the key as plain text");
        }
        level->authentication_key = Text{std::string(*k), w.at(i + 1), key};
    } else if (what == "export" || what == "import") {
        auto& list = what == "export" ? level->exports : level->imports;
        if (!list) list.emplace();
        for (auto& v : r.values(w, i + 1, "a policy name")) list->push_back(std::move(v));
    } else if (!is_one_of(what, {"local-address", "description", "log-updown", "family",
                                 "traceoptions", "neighbor"})) {
        r.warn(w.line, fmt::format("bgp {}", what));  // multihop, local-as, passive, ...
    }
}

Term& term_named(PolicyStatement& p, std::string_view name, int line) {
    for (auto& t : p.terms) {
        if (t.name == name) return t;
    }
    Term t;
    t.name = std::string(name);
    t.line = line;
    // The unnamed from/then stays last: Junos evaluates it after every named term.
    const bool final_last = !p.terms.empty() && p.terms.back().name.empty();
    return *p.terms.insert(final_last ? p.terms.end() - 1 : p.terms.end(), std::move(t));
}

// from route-filter PREFIX exact|orlonger|longer|upto /N|prefix-length-range /A-/B [accept|reject]
void route_filter(Reader& r, const Words& w, std::size_t i, Term& t) {
    const auto prefix = r.prefix(w, i + 1);
    const auto type = r.need(w, i + 2, "a match type (exact, orlonger, longer, upto, ...)");
    if (!prefix || !type || !r.room_for_policy_entry(w)) return;
    RouteFilter f{prefix->value, FilterMatch::Exact, 0, 32, std::nullopt,
                  prefix->at,    key_of(w, i + 1)};
    std::size_t next = i + 3;
    auto length = [&](std::string_view text) -> std::optional<std::uint8_t> {
        const auto n = text.substr(0, 1) == "/" ? parse_u32(text.substr(1), 32) : std::nullopt;
        if (!n) return std::nullopt;
        return static_cast<std::uint8_t>(*n);
    };
    if (*type == "orlonger") {
        f.match = FilterMatch::OrLonger;
    } else if (*type == "longer") {
        f.match = FilterMatch::Longer;
    } else if (*type == "upto" || *type == "prefix-length-range") {
        f.match = *type == "upto" ? FilterMatch::UpTo : FilterMatch::LengthRange;
        const auto range = w.word(i + 3);
        const auto dash = range.find('-');
        const auto lo = f.match == FilterMatch::UpTo ? std::optional(f.prefix.len)
                                                     : length(range.substr(0, dash));
        const auto hi = length(f.match == FilterMatch::UpTo || dash == std::string_view::npos
                                   ? range
                                   : range.substr(dash + 1));
        if (!lo || !hi) {
            return r.error(
                w.at(i + 3), key_of(w, i + 3),
                fmt::format("expected a prefix length {}, got '{}'",
                            f.match == FilterMatch::UpTo ? "(/24)" : "range (/16-/24)", range));
        }
        f.lo = *lo;
        f.hi = *hi;
        ++next;
    } else if (*type != "exact") {
        r.warn(w.line, fmt::format("route-filter {} (taken as exact)", *type));
    }
    if (next < w.size()) {
        if (w.word(next) == "accept" || w.word(next) == "reject") {
            f.accept = w.word(next) == "accept";
        } else {
            r.warn(w.line, fmt::format("route-filter action {}", w.word(next)));
        }
    }
    t.filters.push_back(std::move(f));
}

void from(Reader& r, const Words& w, std::size_t i, Term& t) {
    const auto what = r.need(w, i, "a condition");
    if (!what) return;
    if (*what == "route-filter") return route_filter(r, w, i, t);
    if (*what == "prefix-list") {
        for (auto& v : r.values(w, i + 1, "a prefix-list name")) {
            if (!r.room_for_policy_entry(w)) return;
            t.prefix_lists.push_back(std::move(v));
        }
        return;
    }
    if (*what == "protocol") return;  // which routes exist is the route-filters' to say
    t.other_from = true;
    r.warn(w.line, fmt::format("from {} (matches all)", *what));
}

std::optional<std::vector<std::uint32_t>> as_path(Reader& r, const Words& w, std::size_t i) {
    const auto text = r.need(w, i, "AS numbers");
    if (!text) return std::nullopt;
    std::vector<std::uint32_t> asns;
    const Words inner = split_words(*text, w.line, false);
    for (const auto& word : inner.words) {
        if (asns.size() == kMaxListedValues) {
            r.error(w.at(i), key_of(w, i), fmt::format("more than {} AS numbers", asns.size()));
            return std::nullopt;
        }
        const auto asn = parse_u32(word.text);
        if (!asn || *asn == 0) {
            r.error(w.at(i), key_of(w, i),
                    fmt::format("expected AS numbers (\"65000 65000\"), got '{}'", word.text));
            return std::nullopt;
        }
        asns.push_back(*asn);
    }
    if (asns.empty()) {
        r.error(w.at(i), key_of(w, i), "expected AS numbers (\"65000 65000\")");
        return std::nullopt;
    }
    return asns;
}

void then(Reader& r, const Words& w, std::size_t i, Term& t) {
    const auto what = r.need(w, i, "an action");
    if (!what) return;
    const auto key = key_of(w, i + 1);
    if (*what == "accept") {
        t.action = TermAction::Accept;
    } else if (*what == "reject") {
        t.action = TermAction::Reject;
    } else if (*what == "next" && is_one_of(w.word(i + 1), {"term", "policy"})) {
        t.action = w.word(i + 1) == "term" ? TermAction::NextTerm : TermAction::NextPolicy;
    } else if (*what == "as-path-prepend") {
        if (auto asns = as_path(r, w, i + 1)) {
            t.attrs.prepend =
                Placed<std::vector<std::uint32_t>>{std::move(*asns), w.at(i + 1), key};
        }
    } else if (*what == "metric" && parse_u32(w.word(i + 1))) {
        t.attrs.med = r.number(w, i + 1, "a metric");
    } else if (*what == "local-preference" && parse_u32(w.word(i + 1))) {
        t.local_pref = r.number(w, i + 1, "a local preference");
    } else if (*what == "community" && is_one_of(w.word(i + 1), {"add", "set"})) {
        if (const auto name = r.need(w, i + 2, "a community name")) {
            t.community = Text{std::string(*name), w.at(i + 2), key_of(w, i + 2)};
        }
    } else if (*what == "next-hop" && w.word(i + 1) == "self") {
        return;  // the scenario's CGW always sends its own inside address
    } else {
        r.warn(w.line, fmt::format("then {}", w.joined(i, i + 2)));
    }
}

void policy_statement(Reader& r, const Words& w) {
    if (!r.need(w, 3, "a policy name") || !r.need(w, 4, "term, from or then")) return;
    PolicyStatement& p = r.config.policies[std::string(w.word(3))];
    std::size_t i = 4;
    std::string_view name;
    if (w.word(4) == "term") {
        if (!r.need(w, 5, "a term name")) return;
        name = w.word(5);
        i = 6;
    }
    const bool exists =
        std::any_of(p.terms.begin(), p.terms.end(), [&](const auto& t) { return t.name == name; });
    if (!exists && !r.room_for_policy_entry(w)) return;
    Term& t = term_named(p, name, w.line);
    if (i >= w.size()) return;
    const auto part = w.word(i);
    if (part == "from") return from(r, w, i + 1, t);
    if (part == "then") return then(r, w, i + 1, t);
    r.warn(w.line, fmt::format("policy-statement {}", part));  // to
}

void policy_options_community(Reader& r, const Words& w) {
    if (!r.need(w, 3, "a community name")) return;
    if (w.word(4) != "members") return;  // invert-match, description
    auto& c = r.config.communities[std::string(w.word(3))];
    if (c.value.empty()) c = {{}, w.at(5), key_of(w, 5)};
    for (const auto& v : r.values(w, 5, "community members")) {
        if (c.value.size() == kMaxListedValues) {
            return r.error(v.at, key_of(w, 5),
                           fmt::format("more than {} community members", c.value.size()));
        }
        c.value.push_back(v.value);
    }
}

}  // namespace

void read_routing_options(Reader& r, const Words& w) {
    const auto what = w.word(2);
    if (what == "autonomous-system") {
        r.config.asn = r.number(w, 3, "an AS number", 1);
        if (w.size() > 4) r.warn(w.line, fmt::format("autonomous-system {}", w.word(4)));
        return;
    }
    if (what == "static" && w.word(3) == "route") {
        const auto prefix = r.prefix(w, 4);
        if (!prefix) return;
        auto found = std::find_if(r.config.static_routes.begin(), r.config.static_routes.end(),
                                  [&](const auto& s) { return s.prefix.value == prefix->value; });
        if (found == r.config.static_routes.end()) {
            if (!r.room_for_policy_entry(w)) return;
            r.config.static_routes.push_back({*prefix, {}, w.line});
            found = r.config.static_routes.end() - 1;
        }
        if (w.word(5) == "next-hop" || w.word(5) == "qualified-next-hop") {
            for (auto& v : r.values(w, 6, "a next hop")) found->next_hops.push_back(v);
            if (w.word(5) == "qualified-next-hop" && w.size() > 7) {
                r.warn(w.line, fmt::format("qualified-next-hop {}", w.word(7)));
            }
        }
        return;  // discard, reject, preference, ...
    }
    if (what == "router-id") return;
    r.warn(w.line, fmt::format("routing-options {}", what));
}

void read_protocols(Reader& r, const Words& w) {
    if (w.word(2) == "bgp") return bgp(r, w);
    if (is_one_of(w.word(2), {"lldp", "lldp-med", "rstp", "stp", "mstp", "vstp", "igmp-snooping",
                              "l2-learning"})) {
        return;
    }
    r.warn(w.line, fmt::format("protocols {}", w.word(2)));
}

void read_policy_options(Reader& r, const Words& w) {
    const auto what = w.word(2);
    if (what == "policy-statement") return policy_statement(r, w);
    if (what == "community") return policy_options_community(r, w);
    if (what == "prefix-list") {
        if (!r.need(w, 3, "a prefix-list name") || !r.room_for_policy_entry(w)) return;
        if (const auto p = r.prefix(w, 4)) {
            r.config.prefix_lists[std::string(w.word(3))].push_back(*p);
        }
        return;
    }
    if (is_one_of(what, {"as-path", "as-path-group", "condition"})) return;
    r.warn(w.line, fmt::format("policy-options {}", what));
}

}  // namespace vpnsim::import::detail::junos
