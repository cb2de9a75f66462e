// DOC: a Junos configuration's BGP side in the scenario's terms: [cgw.bgp] (remote_as from
// peer-as, hold_time_seconds and keepalive_seconds from hold-time, md5_password from
// authentication-key, announce and route_map from the export policies) and one DraftTunnel per
// neighbor (bgp_neighbor; as_path_prepend, med from its export policy, local_pref from its
// import policy).
// Junos's rules (BGP User Guide; Routing Policies User Guide): a neighbor's setting overrides
// its group's, which overrides `protocols bgp`'s; hold-time defaults to 90 s and keepalives are
// sent every hold/3. An export chain is evaluated policy by policy, term by term: a term whose
// route-filters (longest match first, then its match type) or prefix-lists match applies its
// modifiers, then accept / reject end the evaluation, `next policy` goes on with the next
// policy; a route no policy accepts falls to BGP's default export policy, which sends only
// BGP-learned routes -- so none of the CGW's own. The candidates are the prefixes the
// route-filters and prefix-lists name (the routes they stand for are taken to exist).
#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "sim/import/cgw_junos_detail.hpp"
#include "sim/scenario/writer.hpp"

namespace vpnsim::import::detail::junos {
namespace {

using scenario::toml_basic_string;

constexpr std::uint32_t kHoldTime = 90;  // Junos's default hold-time
constexpr std::size_t kMaxChain = 32;    // policies in one export or import list

bool filter_matches(const RouteFilter& f, const net::Ipv4Prefix& p) {
    switch (f.match) {
        case FilterMatch::Exact:
            return p.len == f.prefix.len;
        case FilterMatch::OrLonger:
            return p.len >= f.prefix.len;
        case FilterMatch::Longer:
            return p.len > f.prefix.len;
        case FilterMatch::UpTo:
        case FilterMatch::LengthRange:
            return p.len >= f.lo && p.len <= f.hi;
    }
    return false;
}

struct TermMatch {
    std::optional<bool> filter_action;  // the matching route-filter's own accept / reject
};

// Each prefix-list's prefixes, sorted: membership by binary search.
using PrefixSets = std::map<std::string, std::vector<net::Ipv4Prefix>>;

PrefixSets prefix_sets(const Config& c) {
    PrefixSets out;
    for (const auto& [name, entries] : c.prefix_lists) {
        auto& set = out[name];
        for (const auto& e : entries) set.push_back(e.value);
        std::sort(set.begin(), set.end());
    }
    return out;
}

// Whether a term's `from` matches p: no route list matches every route; route-filters (longest
// match, then its type) and prefix-lists (exact prefixes) are alternatives.
std::optional<TermMatch> term_matches(const PrefixSets& lists, const Term& t,
                                      const net::Ipv4Prefix& p) {
    if (t.filters.empty() && t.prefix_lists.empty()) return TermMatch{};
    int longest = -1;
    for (const auto& f : t.filters) {
        if (f.prefix.contains(p) && f.prefix.len > longest) longest = f.prefix.len;
    }
    for (const auto& f : t.filters) {
        if (f.prefix.len == longest && f.prefix.contains(p) && filter_matches(f, p)) {
            return TermMatch{f.accept};
        }
    }
    for (const auto& name : t.prefix_lists) {
        const auto list = lists.find(name.value);
        if (list != lists.end() &&
            std::binary_search(list->second.begin(), list->second.end(), p)) {
            return TermMatch{};
        }
    }
    return std::nullopt;
}

template <class T>
const std::optional<T>& pick(const Config& c, const BgpNeighbor& n,
                             std::optional<T> BgpLevel::*member) {
    if (n.level.*member) return n.level.*member;
    const auto g = c.groups.find(n.group);
    if (g != c.groups.end() && g->second.*member) return g->second.*member;
    return c.bgp.*member;
}

class BgpWriter {
  public:
    BgpWriter(const Config& config, CgwDraft& draft) : c_(config), d_(draft) {}
    void write();

  private:
    void warn(int line, std::string_view what) {
        d_.warnings.push_back(not_modelled(d_.file, line, what));
    }
    void error(SourcePos at, std::string_view key, std::string_view message) {
        d_.errors.push_back(error_at(d_.file, at, key, message));
    }
    std::vector<const PolicyStatement*> chain(const std::optional<std::vector<Text>>& names);
    void check_communities();
    void session_values();
    void candidates();
    RouteAttrs modifiers(const Term& t);
    std::optional<RouteAttrs> evaluate(const std::vector<const PolicyStatement*>& chain,
                                       const net::Ipv4Prefix& p);
    void import_preference(const std::vector<const PolicyStatement*>& imports, DraftTunnel& t);

    const Config& c_;
    CgwDraft& d_;
    std::vector<std::size_t> tunnel_of_;
    std::vector<std::vector<const PolicyStatement*>> exports_;  // each neighbor's
    std::vector<AnnounceCandidate> candidates_;
    PrefixSets lists_;
    std::set<std::pair<int, int>> reported_;  // undefined names already reported, by place
};

// The policies a neighbor's export or import list names; an undefined name is an error (Junos
// refuses to commit it).
std::vector<const PolicyStatement*> BgpWriter::chain(
    const std::optional<std::vector<Text>>& names) {
    std::vector<const PolicyStatement*> out;
    if (!names) return out;
    if (names->size() > kMaxChain) {
        error(names->at(kMaxChain).at, names->at(kMaxChain).source_key,
              fmt::format("more than {} policies", kMaxChain));
        return out;
    }
    for (const auto& name : *names) {
        const auto p = c_.policies.find(name.value);
        // The same policy again decides nothing new: what fell through it falls through again.
        if (p != c_.policies.end() && std::find(out.begin(), out.end(), &p->second) != out.end()) {
            continue;
        }
        if (p == c_.policies.end()) {
            if (reported_.insert({name.at.line, name.at.column}).second) {
                error(name.at, name.source_key,
                      fmt::format("no policy-statement named '{}'", name.value));
            }
            continue;
        }
        out.push_back(&p->second);
    }
    return out;
}

void BgpWriter::session_values() {
    std::optional<Number> as;
    std::optional<Text> key;
    std::optional<Number> hold;
    const auto& first = c_.neighbors.front();
    for (const auto& n : c_.neighbors) {
        const auto& peer_as = pick(c_, n, &BgpLevel::peer_as);
        if (!peer_as) {
            error(n.level.origin.at, "protocols bgp group " + n.group + " neighbor",
                  fmt::format("neighbor {} has no peer-as", n.addr.to_string()));
        } else if (!as) {
            as = peer_as;
        } else if (as->value != peer_as->value) {
            warn(n.level.origin.line, fmt::format("neighbor {} peer-as {} (one for all neighbors)",
                                                  n.addr.to_string(), peer_as->value));
        }
        const auto& k = pick(c_, n, &BgpLevel::authentication_key);
        if (&n == &first) key = k;
        if ((k.has_value() != key.has_value()) || (k && key && k->value != key->value)) {
            warn(n.level.origin.line,
                 fmt::format("neighbor {} {} (one for all neighbors)", n.addr.to_string(),
                             k ? "another md5 key" : "no md5 key"));
        }
        const auto& h = pick(c_, n, &BgpLevel::hold_time);
        const auto value = h ? h->value : kHoldTime;
        if (&n == &first) hold = h ? *h : Number{kHoldTime, c_.bgp_first->at, "protocols bgp"};
        if (value != hold->value) {
            warn(n.level.origin.line,
                 fmt::format("neighbor {} hold-time {} (one for all neighbors)", n.addr.to_string(),
                             value));
        }
    }
    if (as)
        d_.cgw.push_back(
            draft_setting("bgp.remote_as", std::to_string(as->value), as->at, as->source_key));
    if (key) {
        d_.cgw.push_back(draft_setting("bgp.md5_password", toml_basic_string(key->value), key->at,
                                       key->source_key));
    }
    d_.cgw.push_back(draft_setting("bgp.hold_time_seconds", std::to_string(hold->value), hold->at,
                                   hold->source_key));
    // Junos sends keepalives every third of the hold time.
    d_.cgw.push_back(draft_setting("bgp.keepalive_seconds",
                                   std::to_string(std::max<std::uint32_t>(1, hold->value / 3)),
                                   hold->at, hold->source_key));
}

// Every prefix a neighbor's export policies name, in the file's order of the neighbors.
void BgpWriter::candidates() {
    std::set<const PolicyStatement*> seen;
    std::set<std::string> seen_lists;
    for (const auto& policies : exports_) {
        for (const auto* p : policies) {
            if (!seen.insert(p).second) continue;
            for (const auto& t : p->terms) {
                for (const auto& f : t.filters) {
                    if (!add_candidate(candidates_, {f.prefix, f.at, f.source_key})) {
                        return error(f.at, f.source_key,
                                     fmt::format("more than {} prefixes", kMaxAnnounced));
                    }
                }
                for (const auto& name : t.prefix_lists) {
                    if (!seen_lists.insert(name.value).second) continue;
                    const auto list = c_.prefix_lists.find(name.value);
                    if (list == c_.prefix_lists.end()) {
                        if (reported_.insert({name.at.line, name.at.column}).second) {
                            error(name.at, name.source_key,
                                  fmt::format("no prefix-list named '{}'", name.value));
                        }
                        continue;
                    }
                    for (const auto& e : list->second) {
                        if (!add_candidate(candidates_, {e.value, e.at, e.source_key})) {
                            return error(e.at, e.source_key,
                                         fmt::format("more than {} prefixes", kMaxAnnounced));
                        }
                    }
                }
            }
        }
    }
}

// Every `then community add|set NAME` names a community the file defines.
void BgpWriter::check_communities() {
    for (const auto& [name, policy] : c_.policies) {
        for (const auto& t : policy.terms) {
            if (t.community && !c_.communities.count(t.community->value)) {
                error(t.community->at, t.community->source_key,
                      fmt::format("no community named '{}'", t.community->value));
            }
        }
    }
}

// A term's modifiers, its community name resolved.
RouteAttrs BgpWriter::modifiers(const Term& t) {
    RouteAttrs a = t.attrs;
    if (t.community) {
        const auto found = c_.communities.find(t.community->value);
        if (found != c_.communities.end()) {
            a.communities = Placed<std::vector<std::string>>{found->second.value, t.community->at,
                                                             t.community->source_key};
        }
    }
    return a;
}

std::optional<RouteAttrs> BgpWriter::evaluate(const std::vector<const PolicyStatement*>& chain,
                                              const net::Ipv4Prefix& p) {
    RouteAttrs attrs;
    for (const auto* policy : chain) {
        for (const auto& t : policy->terms) {
            const auto m = term_matches(lists_, t, p);
            if (!m) continue;
            if (m->filter_action) {
                if (*m->filter_action) return attrs;
                return std::nullopt;
            }
            const RouteAttrs set = modifiers(t);
            if (set.prepend) attrs.prepend = set.prepend;
            if (set.med) attrs.med = set.med;
            if (set.communities) attrs.communities = set.communities;
            if (t.action == TermAction::Accept) return attrs;
            if (t.action == TermAction::Reject) return std::nullopt;
            if (t.action == TermAction::NextPolicy) break;
        }
    }
    return std::nullopt;  // BGP's default export policy: BGP-learned routes only
}

// An import policy's local-preference for every route is the tunnel's local_pref.
void BgpWriter::import_preference(const std::vector<const PolicyStatement*>& imports,
                                  DraftTunnel& tunnel) {
    for (const auto* p : imports) {
        for (const auto& t : p->terms) {
            const bool all = t.filters.empty() && t.prefix_lists.empty() && !t.other_from;
            if (!all) {
                if (t.local_pref || t.action == TermAction::Reject) {
                    warn(t.line, fmt::format("import term {} (some routes only)",
                                             t.name.empty() ? "(unnamed)" : t.name));
                }
                continue;
            }
            if (t.local_pref) {
                tunnel.settings.push_back(
                    draft_setting("local_pref", std::to_string(t.local_pref->value),
                                  t.local_pref->at, t.local_pref->source_key));
            }
            if (t.action == TermAction::Reject) {
                warn(t.line, "import policy rejecting every route");
            }
            if (t.action != TermAction::None && t.action != TermAction::NextTerm) return;
        }
    }
}

void BgpWriter::write() {
    if (!c_.bgp_first) return;
    d_.cgw.push_back(draft_setting("bgp.enabled", "true", c_.bgp_first->at, "protocols bgp"));
    if (c_.neighbors.empty()) return;
    check_communities();
    lists_ = prefix_sets(c_);
    for (const auto& n : c_.neighbors) {
        DraftTunnel t;
        t.name = n.addr.to_string();
        t.inside = n.addr;
        t.at = n.level.origin.at;
        t.settings.push_back(draft_setting("bgp_neighbor", toml_basic_string(n.addr.to_string()),
                                           n.level.origin.at,
                                           "protocols bgp group " + n.group + " neighbor"));
        import_preference(chain(pick(c_, n, &BgpLevel::imports)), t);
        exports_.push_back(chain(pick(c_, n, &BgpLevel::exports)));
        tunnel_of_.push_back(d_.tunnels.size());
        d_.tunnels.push_back(std::move(t));
    }
    session_values();
    candidates();
    std::vector<NeighborExport> exports;
    for (std::size_t i = 0; i < c_.neighbors.size(); ++i) {
        const auto& n = c_.neighbors[i];
        NeighborExport e{tunnel_of_[i], "neighbor " + n.addr.to_string(), n.level.origin.line, {}};
        for (const auto& cand : candidates_) {
            e.verdicts.push_back(evaluate(exports_[i], cand.prefix));
        }
        exports.push_back(std::move(e));
    }
    write_exports(candidates_, exports, false, d_);
}

}  // namespace

void write_bgp(const Config& config, CgwDraft& draft) {
    BgpWriter(config, draft).write();
}

}  // namespace vpnsim::import::detail::junos
