// DOC: the Cisco IOS reader's draft, continued: policy-based tunnels from applied crypto maps,
// static routes into tunnels, BGP, and the [cgw] values every tunnel shares. A crypto map
// entry applied to an interface (`interface X` / `crypto map NAME`) is a tunnel with policy
// "policy-based" and one proxy-ID pair per `permit ip SRC DST` of its `match address` list
// (SRC the CGW's side); its outside address is that interface's. `ip route A M TunnelN` (or a
// next hop inside a tunnel's /30) adds to that tunnel's static_routes; any other static route is
// warned. `router bgp` sets asn and enables BGP; the first neighbor's remote-as, timers
// (neighbor's, else `timers bgp`, else IOS's 60/180) and password are the CGW's; each neighbor
// is a tunnel description of its own (bgp_neighbor, and from its route maps: as_path_prepend
// and med out, local_pref in), which the assembly attaches to the tunnel whose /30 holds it.
#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "sim/import/cgw_cisco_ios_detail.hpp"
#include "sim/scenario/writer.hpp"

namespace vpnsim::import::ios {
namespace {

using scenario::toml_basic_string;

Setting setting(std::string key, const Item& item) {
    return Setting{std::move(key), item.value, item.at, item.source_key};
}

Setting list_of(std::string key, const std::vector<Item>& items, bool repeats) {
    std::vector<std::string> values;
    for (const auto& item : items) {
        if (repeats || std::find(values.begin(), values.end(), item.value) == values.end()) {
            values.push_back(item.value);
        }
    }
    return Setting{std::move(key), detail::toml_list(values), items.front().at,
                   items.front().source_key};
}

std::string prefix_text(const net::Ipv4Prefix& p) {
    return toml_basic_string(fmt::format("{}/{}", p.addr, p.len));
}

bool same_timers(const std::optional<BgpTimers>& a, const std::optional<BgpTimers>& b) {
    if (!a || !b) return a.has_value() == b.has_value();
    const auto min = [](const BgpTimers& t) { return t.min_hold ? t.min_hold->value : "0"; };
    return a->keepalive.value == b->keepalive.value && a->hold.value == b->hold.value &&
           min(*a) == min(*b);
}

}  // namespace

void Reader::resolve_crypto_maps() {
    for (const auto& e : config_.crypto_maps) {
        const auto owner = fmt::format("crypto map {} {}", e.map, e.seq);
        const auto applied = std::find_if(
            config_.interfaces.items.begin(), config_.interfaces.items.end(),
            [&](const Interface& f) { return f.crypto_map && f.crypto_map->text == e.map; });
        if (applied == config_.interfaces.items.end()) {
            warn(e.at.line, owner + " (applied to no interface)");
            continue;
        }
        if (applied->shutdown) {
            warn(applied->shutdown_line,
                 fmt::format("interface {} shutdown ({} is left out)", applied->name, owner));
            continue;
        }
        if (!e.peer) {
            error(e.at, owner, "no set peer (the AWS outside address)");
            continue;
        }
        DraftTunnel t;
        t.name = owner;
        t.at = e.at;
        t.ipsec = true;
        t.peer = parse_address(e.peer->text);
        t.settings.push_back(
            Setting{"peer", toml_basic_string(e.peer->text), e.peer->at, owner + " set peer"});
        t.settings.push_back(Setting{"policy", "\"policy-based\"", e.at, owner});
        if (!e.acl) {
            error(e.at, owner, "no match address (the access list of the traffic it protects)");
        } else if (const auto* acl = config_.access_lists.find(e.acl->text); acl == nullptr) {
            error(e.acl->at, owner + " match address",
                  fmt::format("no extended access list '{}'", echo(e.acl->text)));
        } else {
            std::vector<std::string> pairs;
            for (const auto& p : acl->pairs) {
                pairs.push_back(fmt::format("{{ local = {}, remote = {} }}", prefix_text(p.local),
                                            prefix_text(p.remote)));
            }
            const auto at = acl->pairs.empty() ? e.acl->at : acl->pairs.front().at;
            t.settings.push_back(Setting{"proxy_ids", detail::toml_list(pairs), at,
                                         "ip access-list extended " + acl->name});
        }
        std::optional<net::Ipv4Addr> local;
        if (applied->address) {
            local = applied->address->addr;
            set_outside(local, applied->address_at,
                        fmt::format("interface {} ip address", applied->name));
        }
        ipsec_settings(t, e.policy, owner, e.at, local);
        draft_.tunnels.push_back(std::move(t));
    }
}

void Reader::resolve_routes() {
    std::map<std::size_t, std::vector<Item>> routes;  // by draft tunnel
    for (const auto& r : config_.routes) {
        if (iequals(r.via.text.substr(0, 4), "null")) continue;  // a discard route: no traffic
        std::optional<std::size_t> tunnel;
        if (const auto it = tunnel_drafts_.find(lowered(r.via.text)); it != tunnel_drafts_.end()) {
            tunnel = it->second;
        } else if (const auto hop = parse_address(r.via.text)) {
            // A next hop inside a tunnel's /30 (AWS's inside address) routes into that tunnel.
            for (const auto& [name, index] : tunnel_drafts_) {
                const auto& t = draft_.tunnels[index];
                const auto* f = config_.interfaces.find(name);
                if (t.inside && f != nullptr && f->address &&
                    net::Ipv4Prefix{f->address->addr, f->address->len}.contains(*hop)) {
                    tunnel = index;
                    break;
                }
            }
        }
        if (!tunnel) {
            warn(r.at.line, fmt::format("{} {} (not into a tunnel)", r.source_key, r.via.text));
            continue;
        }
        routes[*tunnel].push_back({prefix_text(r.prefix), r.at, r.source_key});
    }
    for (const auto& [index, items] : routes) {
        draft_.tunnels[index].settings.push_back(list_of("static_routes", items, false));
    }
}

void Reader::resolve_bgp() {
    if (!config_.bgp) return;
    const auto& b = *config_.bgp;
    draft_.cgw.push_back(setting("asn", b.asn));
    draft_.cgw.push_back(Setting{"bgp.enabled", "true", b.at, "router bgp"});
    if (!b.announce.empty()) draft_.cgw.push_back(list_of("bgp.announce", b.announce, false));
    std::vector<const Neighbor*> neighbors;
    for (const auto& n : b.neighbors) {
        if (n.remote_as) {
            neighbors.push_back(&n);
        } else {
            warn(n.at.line,
                 fmt::format("neighbor {} without remote-as (IOS has no such peer)", n.text));
        }
    }
    bgp_session(b, neighbors);
    for (const auto* n : neighbors) {
        DraftTunnel t;
        t.name = "neighbor " + n->text;
        t.inside = n->address;
        t.at = n->at;
        t.settings.push_back(
            Setting{"bgp_neighbor", toml_basic_string(n->text), n->at, "neighbor " + n->text});
        if (n->route_map_out) apply_route_map(t, *n->route_map_out, true);
        if (n->route_map_in) apply_route_map(t, *n->route_map_in, false);
        draft_.tunnels.push_back(std::move(t));
    }
}

// What the scenario has once for all sessions: remote-as, timers, password (the first
// neighbor's; another neighbor's that differs is warned).
void Reader::bgp_session(const Bgp& b, const std::vector<const Neighbor*>& neighbors) {
    const auto timers_of = [&](const Neighbor* n) {
        return n != nullptr && n->timers ? n->timers : b.timers;
    };
    const Neighbor* first = neighbors.empty() ? nullptr : neighbors.front();
    if (first != nullptr) draft_.cgw.push_back(setting("bgp.remote_as", *first->remote_as));
    if (const auto t = timers_of(first)) {
        draft_.cgw.push_back(setting("bgp.keepalive_seconds", t->keepalive));
        draft_.cgw.push_back(setting("bgp.hold_time_seconds", t->hold));
        if (t->min_hold) draft_.cgw.push_back(setting("bgp.min_hold_time_seconds", *t->min_hold));
    } else {
        draft_.cgw.push_back(Setting{"bgp.keepalive_seconds", "60", b.at,
                                     "router bgp (IOS's default timers 60 180)"});
        draft_.cgw.push_back(Setting{"bgp.hold_time_seconds", "180", b.at,
                                     "router bgp (IOS's default timers 60 180)"});
    }
    if (first != nullptr && first->password) {
        draft_.cgw.push_back(setting("bgp.md5_password", *first->password));
    }
    for (const auto* n : neighbors) {
        if (n == first) continue;
        const auto what = "neighbor " + n->text;
        if (n->remote_as->value != first->remote_as->value) {
            warn(n->at.line, what + " remote-as (unlike the first neighbor's)");
        }
        if (!same_timers(timers_of(n), timers_of(first))) {
            warn(n->at.line, what + " timers (unlike the first neighbor's)");
        }
        const auto password = [](const Neighbor* x) {
            return x->password ? x->password->value : "";
        };
        if (password(n) != password(first)) {
            warn(n->at.line, what + " password (unlike the first neighbor's)");
        }
    }
}

// The first clause without a `match` takes every route: its sets are the neighbor's.
void Reader::apply_route_map(DraftTunnel& t, const Word& name, bool outbound) {
    const auto what = fmt::format("route-map {} {}", name.text, outbound ? "out" : "in");
    const auto* map = config_.route_maps.find(name.text);
    if (map == nullptr) return warn(name.at.line, what + " (not defined)");
    for (const auto& c : map->clauses) {
        const auto clause = fmt::format("route-map {} {}", map->name, c.seq);
        if (c.has_match) {
            warn(c.at.line, clause + " match (the clause is left out)");
            continue;
        }
        if (!c.permit) return warn(c.at.line, clause + " deny");
        if (outbound) {
            if (!c.prepend.empty())
                t.settings.push_back(list_of("as_path_prepend", c.prepend, true));
            if (c.metric) t.settings.push_back(setting("med", *c.metric));
            if (c.local_pref) warn(c.at.line, clause + " set local-preference (outbound)");
        } else {
            if (c.local_pref) t.settings.push_back(setting("local_pref", *c.local_pref));
            if (c.metric || !c.prepend.empty()) warn(c.at.line, clause + " set (inbound)");
        }
        return;
    }
}

void Reader::resolve_globals() {
    if (config_.nat_t) draft_.cgw.push_back(setting("nat_t", *config_.nat_t));
    const auto ipsec = std::find_if(draft_.tunnels.begin(), draft_.tunnels.end(),
                                    [](const DraftTunnel& t) { return t.ipsec; });
    if (ipsec == draft_.tunnels.end()) return;
    if (config_.nat_keepalive) {
        draft_.cgw.push_back(setting("nat_keepalive_seconds", *config_.nat_keepalive));
    } else {
        draft_.cgw.push_back(Setting{"nat_keepalive_seconds", "0", ipsec->at,
                                     "crypto isakmp nat keepalive (not set: IOS sends none)"});
    }
    if (vtis_.empty()) return;
    // One MSS and one MTU for every tunnel interface: the first tunnel's.
    for (const auto& [key, member, words, fallback, missing] :
         {std::tuple{"mss_clamp", &Interface::mss, "ip tcp adjust-mss", "0",
                     "no ip tcp adjust-mss: no clamping"},
          std::tuple{"tunnel_mtu", &Interface::mtu, "ip mtu", "1500",
                     "no ip mtu: the transport's 1500 less the IPsec overhead"}}) {
        const auto& first = vtis_.front()->*member;
        if (first) {
            draft_.cgw.push_back(setting(key, *first));
        } else {
            draft_.cgw.push_back(
                Setting{key, fallback, vtis_.front()->at,
                        fmt::format("interface {} ({})", vtis_.front()->name, missing)});
        }
        for (const auto* f : vtis_) {
            const auto& value = f->*member;
            if (value.has_value() != first.has_value() || (value && value->value != first->value)) {
                warn(f->at.line,
                     fmt::format("{} on {} (unlike {}'s)", words, f->name, vtis_.front()->name));
            }
        }
    }
}

}  // namespace vpnsim::import::ios
