#include "models/route/select.hpp"

#include <algorithm>
#include <optional>
#include <tuple>

namespace vpnsim::route {
namespace {

// The tunnel's most specific route to dst, if any (a tunnel's own longest prefix match).
std::optional<Route> best_match(const TunnelRoutes& t, net::Ipv4Addr dst) {
    std::optional<Route> best;
    for (const auto& r : t.routes) {
        if (!r.prefix.contains(dst)) continue;
        // Within one tunnel the same prefix is not learnt twice; a shorter AS_PATH then a lower
        // MED break a tie between overlapping equal-length entries all the same.
        if (!best || std::tuple(r.prefix.len, -static_cast<std::int64_t>(r.as_path_len),
                                -static_cast<std::int64_t>(r.med)) >
                         std::tuple(best->prefix.len, -static_cast<std::int64_t>(best->as_path_len),
                                    -static_cast<std::int64_t>(best->med))) {
            best = r;
        }
    }
    return best;
}

struct Candidate {
    const TunnelRoutes* tunnel;
    Route route;
};

// Keeps the candidates whose key is best (key: smaller is better); true if it removed any.
template <class Key>
bool keep_best(SmallVector<Candidate, 2>& cands, Key key) {
    auto best = key(cands.front());
    for (const auto& c : cands) best = std::min(best, key(c));
    SmallVector<Candidate, 2> kept;
    for (const auto& c : cands) {
        if (key(c) == best) kept.push_back(c);
    }
    const bool narrowed = kept.size() < cands.size();
    cands = std::move(kept);
    return narrowed;
}

}  // namespace

Choice select(std::span<const TunnelRoutes> tunnels, net::Ipv4Addr dst, const Policy& policy,
              std::uint64_t flow_hash) {
    Choice out;
    SmallVector<Candidate, 2> cands;
    bool matched_down = false;
    bool any_up = false;
    for (const auto& t : tunnels) {
        any_up = any_up || t.up;
        const auto r = best_match(t, dst);
        if (!r) continue;
        if (!t.up) {
            matched_down = true;
            continue;
        }
        cands.push_back(Candidate{&t, *r});
    }
    if (cands.empty()) {
        out.verdict = matched_down || !any_up ? Verdict::TunnelDown : Verdict::NoRoute;
        return out;
    }
    out.verdict = Verdict::Routed;
    // Steps 2-5, each narrowing the set; the last one that narrowed it decided.
    const auto narrow = [&](Decider d, auto key) {
        if (cands.size() > 1 && keep_best(cands, key)) out.decided_by = d;
    };
    narrow(Decider::PrefixLength, [](const Candidate& c) { return 32 - c.route.prefix.len; });
    narrow(Decider::LocalPref,
           [](const Candidate& c) { return ~std::uint64_t{0} - c.tunnel->local_pref; });
    narrow(Decider::AsPathLength, [](const Candidate& c) { return c.route.as_path_len; });
    narrow(Decider::Med, [](const Candidate& c) { return c.route.med; });
    std::sort(cands.begin(), cands.end(), [](const Candidate& a, const Candidate& b) {
        return a.tunnel->tunnel < b.tunnel->tunnel;
    });
    for (const auto& c : cands) out.equal_best.push_back(c.tunnel->tunnel);
    const Candidate* chosen = &cands.front();
    if (cands.size() > 1 && policy.ecmp) {
        chosen = &cands[flow_hash % cands.size()];
        out.decided_by = Decider::Ecmp;
    } else if (cands.size() > 1) {
        for (const auto& c : cands) {
            if (std::tie(c.tunnel->tie_break, c.tunnel->tunnel) <
                std::tie(chosen->tunnel->tie_break, chosen->tunnel->tunnel)) {
                chosen = &c;
            }
        }
        out.decided_by = Decider::TieBreak;
    }
    out.tunnel = chosen->tunnel->tunnel;
    out.route = chosen->route;
    return out;
}

}  // namespace vpnsim::route
