// DOC: an FRR configuration (cgw_frr_detail.hpp) in the scenario's terms: [cgw] asn, [cgw.bgp]
// and one DraftTunnel per IPv4 neighbor (bgp_neighbor, med, as_path_prepend, local_pref), per
// 169.254.0.0/16 interface address (inside_ip) and per tunnel a static route goes into.
// FRR's defaults are written out where they differ from the scenario's (FRR user guide, "BGP":
// `frr defaults traditional` keepalive 60 s / hold 180 s / connect retry 120 s; `datacenter`
// 3 s / 9 s / 10 s). FRR 7.4 and later refuse, on an eBGP session with no policy
// (`bgp ebgp-requires-policy`, on unless `no bgp ebgp-requires-policy`), to send any route
// (the networks are then not announced to that neighbor: modelled) and to accept any (warned:
// the scenario's CGW always accepts AWS's routes). A network no neighbor is sent stays a LAN
// behind the CGW ([cgw] networks). What the scenario holds once for every neighbor (remote AS,
// MD5 password, timers) is the first neighbor's, and a neighbor with another value is warned
// about. Left out: `bgp network import-check` (every network is taken to be in the RIB).
#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "sim/import/cgw_frr_detail.hpp"
#include "sim/scenario/writer.hpp"

namespace vpnsim::import::detail::frr {
namespace {

using scenario::toml_basic_string;

// FRR enabled `bgp ebgp-requires-policy` by default in 7.4 (major * 1000 + minor).
constexpr int kRequiresPolicySince = 7004;

struct Timers {
    Placed<std::uint32_t> keepalive;
    Placed<std::uint32_t> hold;
};

class DraftWriter {
  public:
    DraftWriter(const Config& config, CgwDraft& draft) : c_(config), d_(draft) {}
    void write();

  private:
    void warn(int line, std::string_view what) {
        d_.warnings.push_back(not_modelled(d_.file, line, what));
    }
    template <class T>
    const std::optional<Placed<T>>& inherited(const Neighbor& n,
                                              std::optional<Placed<T>> Neighbor::*member) const;
    const Neighbor* group_of(const Neighbor& n) const;
    bool datacenter() const { return c_.defaults && c_.defaults->value == "datacenter"; }
    Placed<std::uint32_t> profile_value(std::uint32_t traditional, std::uint32_t dc) const;
    void add_peers();
    std::optional<Placed<std::string>> remote_as(const Neighbor& n);
    void session_values();
    Timers timers(const Neighbor* n) const;
    void policy_requirements();
    bool permits(const std::string& list, std::size_t candidate);
    const std::vector<const RouteMapEntry*>* sorted_route_map(const std::string& name);
    std::optional<RouteAttrs> apply_route_map(const std::string& name, std::size_t candidate);
    std::optional<RouteAttrs> export_to(const Neighbor& n, std::size_t candidate);
    void exports();
    void import_preference(const Neighbor& n, DraftTunnel& tunnel);
    void interfaces_and_routes();
    void undefined(int line, std::string_view kind, const std::string& name);

    const Config& c_;
    CgwDraft& d_;
    std::vector<const Neighbor*> peers_;                // IPv4 neighbors, in order
    std::vector<std::size_t> tunnel_of_;                // each peer's DraftTunnel
    std::vector<bool> sends_nothing_;                   // no IPv4 routes go to the peer at all
    std::map<std::string, std::vector<char>> permits_;  // prefix-list -> per candidate
    std::map<std::string, std::vector<const RouteMapEntry*>> sorted_;  // by sequence number
    std::set<std::string> reported_;
};

const Neighbor* DraftWriter::group_of(const Neighbor& n) const {
    if (!n.peer_group) return nullptr;
    for (const auto& g : c_.neighbors) {
        if (!g.addr && g.name == n.peer_group->value) return &g;
    }
    return nullptr;
}

// A neighbor's value: its own, else its peer-group's.
template <class T>
const std::optional<Placed<T>>& DraftWriter::inherited(
    const Neighbor& n, std::optional<Placed<T>> Neighbor::*member) const {
    const Neighbor* g = group_of(n);
    return (n.*member || g == nullptr) ? n.*member : g->*member;
}

// A default of FRR's profile, placed at `frr defaults` (or else `router bgp`).
Placed<std::uint32_t> DraftWriter::profile_value(std::uint32_t traditional,
                                                 std::uint32_t dc) const {
    if (c_.defaults) {
        return {datacenter() ? dc : traditional, c_.defaults->at,
                "frr defaults " + c_.defaults->value};
    }
    return {traditional, c_.router_at, "router bgp"};
}

void DraftWriter::undefined(int line, std::string_view kind, const std::string& name) {
    if (!reported_.insert(std::string(kind) + " " + name).second) return;
    warn(line, fmt::format("undefined {} {} (denies all)", kind, name));
}

void DraftWriter::add_peers() {
    for (const auto& n : c_.neighbors) {
        if (!n.addr) continue;
        for (const auto& i : c_.interfaces) {
            if (i.address.value.addr != *n.addr) continue;
            warn(n.line, fmt::format("neighbor {}: own address of {}", n.name, i.name));
        }
        peers_.push_back(&n);
        tunnel_of_.push_back(d_.tunnels.size());
        DraftTunnel t;
        t.name = n.name;
        t.inside = n.addr;
        t.at = n.at;
        t.settings.push_back(
            draft_setting("bgp_neighbor", toml_basic_string(n.name), n.at, "neighbor " + n.name));
        d_.tunnels.push_back(std::move(t));
    }
}

// The neighbor's remote AS as a number (internal: the CGW's own); nullopt for external.
std::optional<Placed<std::string>> DraftWriter::remote_as(const Neighbor& n) {
    const auto& as = inherited(n, &Neighbor::remote_as);
    if (!as) {
        d_.errors.push_back(error_at(d_.file, n.at, "neighbor " + n.name,
                                     fmt::format("neighbor {} has no remote-as", n.name)));
        return std::nullopt;
    }
    if (as->value == "external") {
        warn(n.line, fmt::format("neighbor {} remote-as external (any AS)", n.name));
        return std::nullopt;
    }
    if (as->value == "internal") {
        if (!c_.asn) return std::nullopt;
        return Placed<std::string>{std::to_string(c_.asn->value), as->at, as->source_key};
    }
    return as;
}

Timers DraftWriter::timers(const Neighbor* n) const {
    for (const Neighbor* from : {n, n == nullptr ? nullptr : group_of(*n)}) {
        if (from != nullptr && from->keepalive && from->hold) {
            return {*from->keepalive, *from->hold};
        }
    }
    if (c_.keepalive && c_.hold) return {*c_.keepalive, *c_.hold};
    return {profile_value(60, 3), profile_value(180, 9)};
}

// remote AS, MD5 password, timers and connect retry: one value for every neighbor.
void DraftWriter::session_values() {
    std::optional<Placed<std::string>> as;
    std::optional<Placed<std::string>> password;
    for (std::size_t i = 0; i < peers_.size(); ++i) {
        const Neighbor& n = *peers_[i];
        if (const auto v = remote_as(n)) {
            if (!as) {
                as = v;
            } else if (as->value != v->value) {
                warn(n.line, fmt::format("neighbor {} remote-as {} (one for all neighbors)", n.name,
                                         v->value));
            }
        }
        const auto& p = inherited(n, &Neighbor::password);
        if (p && !password) password = p;
    }
    for (const Neighbor* n : peers_) {
        const auto& p = inherited(*n, &Neighbor::password);
        if (password && (!p || p->value != password->value)) {
            warn(n->line, fmt::format("neighbor {} {} password (one for all neighbors)", n->name,
                                      p ? "another" : "no"));
        }
    }
    if (as) d_.cgw.push_back(draft_setting("bgp.remote_as", as->value, as->at, as->source_key));
    if (password) {
        d_.cgw.push_back(draft_setting("bgp.md5_password", toml_basic_string(password->value),
                                       password->at, password->source_key));
    }
    const Timers t = timers(peers_.empty() ? nullptr : peers_.front());
    const auto profile_connect = profile_value(120, 10);
    auto connect_of = [&](const Neighbor* n) {
        const auto& own = inherited(*n, &Neighbor::connect);
        return own ? *own : profile_connect;
    };
    const auto connect = peers_.empty() ? profile_connect : connect_of(peers_.front());
    for (const Neighbor* n : peers_) {
        if (const auto other = connect_of(n).value; other != connect.value) {
            warn(n->line, fmt::format("neighbor {} timers connect {} (one for all neighbors)",
                                      n->name, other));
        }
        const Timers other = timers(n);
        if (other.keepalive.value != t.keepalive.value || other.hold.value != t.hold.value) {
            warn(n->line, fmt::format("neighbor {} timers {} {} (one for all neighbors)", n->name,
                                      other.keepalive.value, other.hold.value));
        }
    }
    d_.cgw.push_back(draft_setting("bgp.keepalive_seconds", std::to_string(t.keepalive.value),
                                   t.keepalive.at, t.keepalive.source_key));
    d_.cgw.push_back(draft_setting("bgp.hold_time_seconds", std::to_string(t.hold.value), t.hold.at,
                                   t.hold.source_key));
    d_.cgw.push_back(draft_setting("bgp.connect_retry_seconds", std::to_string(connect.value),
                                   connect.at, connect.source_key));
}

// `bgp ebgp-requires-policy` and IPv4 activation: which peers are sent no routes at all.
void DraftWriter::policy_requirements() {
    const bool requires_policy =
        c_.requires_policy.value_or(!c_.version || *c_.version >= kRequiresPolicySince);
    for (const Neighbor* n : peers_) {
        bool nothing = false;
        const Neighbor* g = group_of(*n);
        const bool active = n->activated.value_or(
            g != nullptr && g->activated ? *g->activated : c_.default_ipv4_unicast);
        if (!active) {
            nothing = true;
            warn(n->line, fmt::format("neighbor {} not activated for IPv4 unicast", n->name));
        }
        const auto& as = inherited(*n, &Neighbor::remote_as);
        const bool ebgp = as && as->value != "internal" &&
                          (!c_.asn || as->value != std::to_string(c_.asn->value));
        if (requires_policy && ebgp && active) {
            const bool in = inherited(*n, &Neighbor::route_map_in) || n->other_policy_in ||
                            (g != nullptr && g->other_policy_in);
            const bool out = inherited(*n, &Neighbor::route_map_out) ||
                             inherited(*n, &Neighbor::prefix_list_out) || n->other_policy_out ||
                             (g != nullptr && g->other_policy_out);
            nothing = !out;
            if (!in) {
                warn(n->line,
                     fmt::format("neighbor {} without policy in (ebgp-requires-policy)", n->name));
            }
        }
        sends_nothing_.push_back(nothing);
    }
}

// FRR's prefix-lists (user guide, "IP Prefix Lists"): entries by sequence number, the first
// that matches decides, none matching denies; a prefix matches an entry inside its prefix with
// a length equal to it, or within [ge, le] when given.
bool DraftWriter::permits(const std::string& list, std::size_t candidate) {
    auto [it, fresh] = permits_.try_emplace(list);
    if (fresh) {
        const auto found = c_.prefix_lists.find(list);
        std::vector<PrefixListEntry> entries;
        if (found != c_.prefix_lists.end()) entries = found->second;
        std::stable_sort(entries.begin(), entries.end(),
                         [](const auto& a, const auto& b) { return a.seq < b.seq; });
        for (const auto& cand : c_.networks) {
            const auto p = cand.prefix;
            char verdict = 0;
            for (const auto& e : entries) {
                const int lo = e.ge != 0 ? e.ge : e.prefix.len;
                const int hi = e.le != 0 ? e.le : (e.ge != 0 ? 32 : e.prefix.len);
                if (e.any || (e.prefix.contains(p) && p.len >= lo && p.len <= hi)) {
                    verdict = e.permit ? 1 : 0;
                    break;
                }
            }
            it->second.push_back(verdict);
        }
    }
    return candidate < it->second.size() && it->second[candidate] != 0;
}

// A route-map's entries by sequence number, sorted once; nullptr when it is not defined.
const std::vector<const RouteMapEntry*>* DraftWriter::sorted_route_map(const std::string& name) {
    const auto found = c_.route_maps.find(name);
    if (found == c_.route_maps.end()) return nullptr;
    auto [it, fresh] = sorted_.try_emplace(name);
    if (fresh) {
        for (const auto& e : found->second) it->second.push_back(&e);
        std::stable_sort(it->second.begin(), it->second.end(),
                         [](const auto* a, const auto* b) { return a->seq < b->seq; });
    }
    return &it->second;
}

// FRR's route-map (user guide, "Route Maps"): entries by sequence number; the first whose match
// clauses all match decides: permit applies its sets, deny drops; none matching drops.
std::optional<RouteAttrs> DraftWriter::apply_route_map(const std::string& name,
                                                       std::size_t candidate) {
    const auto* entries = sorted_route_map(name);
    if (entries == nullptr) return std::nullopt;
    for (const auto* e : *entries) {
        const bool match = std::all_of(e->prefix_lists.begin(), e->prefix_lists.end(),
                                       [&](const auto& pl) { return permits(pl, candidate); });
        if (!match) continue;
        if (!e->permit) return std::nullopt;
        return e->attrs;
    }
    return std::nullopt;
}

std::optional<RouteAttrs> DraftWriter::export_to(const Neighbor& n, std::size_t candidate) {
    if (const auto& pl = inherited(n, &Neighbor::prefix_list_out)) {
        if (!c_.prefix_lists.count(pl->value)) undefined(n.line, "prefix-list", pl->value);
        if (!permits(pl->value, candidate)) return std::nullopt;
    }
    if (const auto& rm = inherited(n, &Neighbor::route_map_out)) {
        if (!c_.route_maps.count(rm->value)) undefined(n.line, "route-map", rm->value);
        return apply_route_map(rm->value, candidate);
    }
    return RouteAttrs{};
}

void DraftWriter::exports() {
    std::vector<NeighborExport> out;
    std::optional<Placed<net::Ipv4Addr>> next_hop;
    for (std::size_t i = 0; i < peers_.size(); ++i) {
        const Neighbor& n = *peers_[i];
        NeighborExport e{tunnel_of_[i], "neighbor " + n.name, n.line, {}};
        for (std::size_t c = 0; c < c_.networks.size(); ++c) {
            e.verdicts.push_back(sends_nothing_[i] ? std::nullopt : export_to(n, c));
        }
        out.push_back(std::move(e));
        import_preference(n, d_.tunnels[tunnel_of_[i]]);
        const auto& rm = inherited(n, &Neighbor::route_map_out);
        const auto found = rm ? c_.route_maps.find(rm->value) : c_.route_maps.end();
        if (found == c_.route_maps.end()) continue;
        for (const auto& entry : found->second) {
            if (!entry.next_hop) continue;
            if (!next_hop) {
                next_hop = entry.next_hop;
            } else if (next_hop->value != entry.next_hop->value) {
                warn(entry.line, "a second set ip next-hop (one next_hop)");
            }
        }
    }
    if (next_hop) {
        d_.cgw.push_back(draft_setting("bgp.next_hop",
                                       toml_basic_string(next_hop->value.to_string()), next_hop->at,
                                       next_hop->source_key));
    }
    write_exports(c_.networks, out, true, d_);
}

// A route-map applied `in`: its local-preference for every route is the tunnel's local_pref.
void DraftWriter::import_preference(const Neighbor& n, DraftTunnel& tunnel) {
    const auto& rm = inherited(n, &Neighbor::route_map_in);
    if (!rm) return;
    const auto found = c_.route_maps.find(rm->value);
    if (found == c_.route_maps.end()) {
        return warn(n.line, fmt::format("undefined route-map {} in (accepts nothing)", rm->value));
    }
    for (const auto* e : *sorted_route_map(rm->value)) {
        if (!e->prefix_lists.empty() || e->other_match) {
            if (!e->permit || e->local_pref) {
                warn(e->line, fmt::format("route-map {} {} {} in (some routes only)", rm->value,
                                          e->permit ? "permit" : "deny", e->seq));
            }
            continue;
        }
        if (!e->permit) {
            warn(e->line,
                 fmt::format("route-map {} deny {} in (accepts nothing)", rm->value, e->seq));
        } else if (e->local_pref) {
            tunnel.settings.push_back(draft_setting("local_pref",
                                                    std::to_string(e->local_pref->value),
                                                    e->local_pref->at, e->local_pref->source_key));
        }
        return;
    }
}

// Interface addresses in 169.254.0.0/16 and static routes into them.
void DraftWriter::interfaces_and_routes() {
    for (const auto& i : c_.interfaces) {
        if (!kTunnelInsideRange.contains(i.address.value.addr)) continue;
        DraftTunnel t;
        t.name = i.name;
        t.inside = i.address.value.addr;
        t.at = i.address.at;
        t.settings.push_back(draft_setting("inside_ip",
                                           toml_basic_string(i.address.value.to_string()),
                                           i.address.at, i.address.source_key));
        d_.tunnels.push_back(std::move(t));
    }
    std::map<std::uint32_t, std::size_t> by_inside;          // inside address -> its tunnel
    std::map<std::size_t, std::vector<std::string>> routes;  // tunnel -> its routes
    for (const auto& r : c_.static_routes) {
        std::optional<net::Ipv4Addr> inside = net::Ipv4Addr::parse(r.via);
        for (const auto& i : c_.interfaces) {
            if (!inside && i.name == r.via) inside = i.address.value.addr;
        }
        if (!inside || !kTunnelInsideRange.contains(*inside)) continue;  // not into a tunnel
        if (c_.asn) {
            warn(r.line,
                 fmt::format("ip route {} {} beside BGP", r.prefix.value.to_string(), r.via));
            continue;
        }
        auto [it, fresh] = by_inside.try_emplace(inside->value, d_.tunnels.size());
        if (fresh) {
            DraftTunnel t;
            t.name = r.via;
            t.inside = inside;
            t.at = r.prefix.at;
            t.settings.push_back(draft_setting("static_routes", "[]", r.prefix.at, "ip route"));
            d_.tunnels.push_back(std::move(t));
        }
        routes[it->second].push_back(toml_basic_string(r.prefix.value.to_string()));
    }
    for (const auto& [tunnel, list] : routes) {
        d_.tunnels[tunnel].settings.front().value = toml_list(list);
    }
}

void DraftWriter::write() {
    if (c_.asn) {
        d_.cgw.push_back(
            draft_setting("asn", std::to_string(c_.asn->value), c_.asn->at, "router bgp"));
        d_.cgw.push_back(draft_setting("bgp.enabled", "true", c_.router_at, "router bgp"));
        add_peers();
        session_values();
        policy_requirements();
        exports();
    }
    interfaces_and_routes();
    std::stable_sort(d_.tunnels.begin(), d_.tunnels.end(), [](const auto& a, const auto& b) {
        return std::pair(a.at.line, a.at.column) < std::pair(b.at.line, b.at.column);
    });
}

}  // namespace

void write_draft(const Config& config, CgwDraft& draft) {
    DraftWriter(config, draft).write();
}

}  // namespace vpnsim::import::detail::frr
