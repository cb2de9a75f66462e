// DOC: a CGW's per-neighbor BGP exports written as the scenario's announce list, per-tunnel
// as_path_prepend / med and [cgw.bgp] route_map (cgw_bgp_export_detail.hpp). RFC 4271 §9.1.3
// (what an export policy decides per route), RFC 1997 (communities).
#include "sim/import/cgw_bgp_export_detail.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "sim/scenario/writer.hpp"

namespace vpnsim::import::detail {
namespace {

template <class T>
bool same_value(const std::optional<Placed<T>>& a, const std::optional<Placed<T>>& b) {
    if (a.has_value() != b.has_value()) return false;
    return !a || a->value == b->value;
}

std::string toml_strings(const std::vector<std::string>& values) {
    std::vector<std::string> quoted;
    quoted.reserve(values.size());
    for (const auto& v : values) quoted.push_back(scenario::toml_basic_string(v));
    return toml_list(quoted);
}

// One [cgw.bgp] route_map entry: the values its prefix is sent with, to every neighbor.
struct Entry {
    std::size_t candidate{0};
    RouteAttrs attrs;
};

bool has_any(const RouteAttrs& a) {
    return a.prepend || a.med || a.communities;
}

std::string entry_toml(const AnnounceCandidate& c, const RouteAttrs& a) {
    std::string out = fmt::format("{{ prefix = \"{}\"", c.prefix.to_string());
    if (a.prepend) out += ", as_path_prepend = " + toml_asn_list(a.prepend->value);
    if (a.med) out += fmt::format(", med = {}", a.med->value);
    if (a.communities) out += ", communities = " + toml_strings(a.communities->value);
    return out + " }";
}

// Where an entry's values are first written.
const Placed<std::vector<std::uint32_t>>* first_prepend(const RouteAttrs& a) {
    return a.prepend ? &*a.prepend : nullptr;
}

Setting route_map_setting(const std::vector<AnnounceCandidate>& candidates,
                          const std::vector<Entry>& entries) {
    std::vector<std::string> tables;
    for (const auto& e : entries) tables.push_back(entry_toml(candidates[e.candidate], e.attrs));
    const RouteAttrs& first = entries.front().attrs;
    SourcePos at;
    std::string key;
    if (const auto* p = first_prepend(first)) {
        at = p->at;
        key = p->source_key;
    } else if (first.med) {
        at = first.med->at;
        key = first.med->source_key;
    } else {
        at = first.communities->at;
        key = first.communities->source_key;
    }
    return draft_setting("bgp.route_map", toml_list(tables), at, key);
}

std::string prefix_list_toml(const std::vector<AnnounceCandidate>& candidates,
                             const std::vector<std::size_t>& which) {
    std::vector<std::string> items;
    for (const auto i : which) {
        items.push_back(scenario::toml_basic_string(candidates[i].prefix.to_string()));
    }
    return toml_list(items);
}

// The neighbor's own prepend and MED when every prefix it is sent has the same.
std::optional<RouteAttrs> uniform_values(const NeighborExport& n,
                                         const std::vector<std::size_t>& sent) {
    if (sent.empty()) return std::nullopt;
    const RouteAttrs& first = *n.verdicts[sent.front()];
    for (const auto c : sent) {
        const RouteAttrs& v = *n.verdicts[c];
        if (!same_value(v.prepend, first.prepend) || !same_value(v.med, first.med)) {
            return std::nullopt;
        }
    }
    RouteAttrs out;
    out.prepend = first.prepend;
    out.med = first.med;
    return out;
}

// What the scenario sends the neighbor for a prefix: the entry's values over the tunnel's.
RouteAttrs effective(const RouteAttrs& tunnel, const Entry* entry) {
    RouteAttrs out = tunnel;
    if (entry == nullptr) return out;
    if (entry->attrs.prepend) out.prepend = entry->attrs.prepend;
    if (entry->attrs.med) out.med = entry->attrs.med;
    out.communities = entry->attrs.communities;
    return out;
}

}  // namespace

std::string toml_asn_list(const std::vector<std::uint32_t>& asns) {
    std::vector<std::string> items;
    items.reserve(asns.size());
    for (const auto a : asns) items.push_back(std::to_string(a));
    return toml_list(items);
}

bool same_values(const RouteAttrs& a, const RouteAttrs& b) {
    return same_value(a.prepend, b.prepend) && same_value(a.med, b.med) &&
           same_value(a.communities, b.communities);
}

bool add_candidate(std::vector<AnnounceCandidate>& list, AnnounceCandidate c) {
    for (const auto& have : list) {
        if (have.prefix == c.prefix) return true;
    }
    if (list.size() >= kMaxAnnounced) return false;
    list.push_back(std::move(c));
    return true;
}

void write_exports(const std::vector<AnnounceCandidate>& candidates,
                   const std::vector<NeighborExport>& neighbors, bool unsent_are_networks,
                   CgwDraft& draft) {
    std::vector<std::size_t> announced;
    std::vector<std::size_t> unsent;
    for (std::size_t c = 0; c < candidates.size(); ++c) {
        const bool sent = neighbors.empty() ||
                          std::any_of(neighbors.begin(), neighbors.end(), [&](const auto& n) {
                              return c < n.verdicts.size() && n.verdicts[c].has_value();
                          });
        (sent ? announced : unsent).push_back(c);
    }
    if (!announced.empty()) {
        const auto& first = candidates[announced.front()];
        draft.cgw.push_back(draft_setting("bgp.announce", prefix_list_toml(candidates, announced),
                                          first.at, first.source_key));
    }
    if (unsent_are_networks && !unsent.empty()) {
        const auto& first = candidates[unsent.front()];
        draft.cgw.push_back(draft_setting("networks", prefix_list_toml(candidates, unsent),
                                          first.at, first.source_key));
    }

    std::vector<Entry> entries;
    std::vector<RouteAttrs> tunnel_values(neighbors.size());
    auto entry_of = [&](std::size_t c) -> Entry* {
        for (auto& e : entries) {
            if (e.candidate == c) return &e;
        }
        return nullptr;
    };
    std::vector<std::vector<std::size_t>> sent_to(neighbors.size());
    for (std::size_t i = 0; i < neighbors.size(); ++i) {
        const auto& n = neighbors[i];
        std::vector<std::size_t> withheld;
        for (const auto c : announced) {
            (c < n.verdicts.size() && n.verdicts[c] ? sent_to[i] : withheld).push_back(c);
        }
        if (!withheld.empty()) {
            const auto more = withheld.size() - 1;
            draft.warnings.push_back(
                not_modelled(draft.file, n.line,
                             fmt::format("{} alone not sent {}{}", n.name,
                                         candidates[withheld.front()].prefix.to_string(),
                                         more == 0 ? "" : fmt::format(" (+{} more)", more))));
        }
        const auto uniform = uniform_values(n, sent_to[i]);
        if (uniform) {
            tunnel_values[i] = *uniform;
            auto& tunnel = draft.tunnels.at(n.tunnel);
            if (uniform->prepend) {
                tunnel.settings.push_back(
                    draft_setting("as_path_prepend", toml_asn_list(uniform->prepend->value),
                                  uniform->prepend->at, uniform->prepend->source_key));
            }
            if (uniform->med) {
                tunnel.settings.push_back(draft_setting("med", std::to_string(uniform->med->value),
                                                        uniform->med->at,
                                                        uniform->med->source_key));
            }
        }
        for (const auto c : sent_to[i]) {
            RouteAttrs wanted = *n.verdicts[c];
            if (uniform) {
                wanted.prepend.reset();
                wanted.med.reset();
            }
            if (has_any(wanted) && entry_of(c) == nullptr) entries.push_back({c, wanted});
        }
    }
    for (std::size_t i = 0; i < neighbors.size(); ++i) {
        for (const auto c : sent_to[i]) {
            if (same_values(effective(tunnel_values[i], entry_of(c)), *neighbors[i].verdicts[c])) {
                continue;
            }
            draft.warnings.push_back(
                not_modelled(draft.file, neighbors[i].line,
                             fmt::format("{} route-map values for {}", neighbors[i].name,
                                         candidates[c].prefix.to_string())));
            break;
        }
    }
    if (entries.empty()) return;
    std::sort(entries.begin(), entries.end(),
              [](const Entry& a, const Entry& b) { return a.candidate < b.candidate; });
    draft.cgw.push_back(route_map_setting(candidates, entries));
}

}  // namespace vpnsim::import::detail
