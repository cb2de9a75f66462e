// Route selection across a connection's tunnels (models/route/select.hpp): each rule in its
// documented order, then properties over arbitrary per-tunnel route sets.
#include <rapidcheck.h>
#include <rapidcheck/catch.h>
#include <catch2/catch.hpp>

#include <algorithm>

#include "models/route/select.hpp"

using namespace vpnsim;
using route::Decider;
using route::Route;
using route::TunnelRoutes;
using route::Verdict;

namespace {

net::Ipv4Prefix pfx(const char* text) {
    return *net::Ipv4Prefix::parse(text);
}
const net::Ipv4Addr kHost = net::Ipv4Addr::from_octets(10, 0, 1, 5);

TunnelRoutes tunnel(int n, bool up, std::vector<Route> routes) {
    TunnelRoutes t;
    t.tunnel = n;
    t.up = up;
    t.tie_break = static_cast<std::uint32_t>(100 + n);
    t.routes = std::move(routes);
    return t;
}

}  // namespace

TEST_CASE("route select - the rules in order", "[route]") {
    const Route wide{pfx("10.0.0.0/16"), 1, 0};
    SECTION("no route anywhere, or routes only on tunnels that are down") {
        const std::vector<TunnelRoutes> none{tunnel(1, true, {}), tunnel(2, true, {})};
        CHECK(route::select(none, kHost, {}, 0).verdict == Verdict::NoRoute);
        const std::vector<TunnelRoutes> down{tunnel(1, false, {wide}), tunnel(2, true, {})};
        CHECK(route::select(down, kHost, {}, 0).verdict == Verdict::TunnelDown);
        const std::vector<TunnelRoutes> all_down{tunnel(1, false, {}), tunnel(2, false, {})};
        CHECK(route::select(all_down, kHost, {}, 0).verdict == Verdict::TunnelDown);
    }
    SECTION("a single UP tunnel with a route carries it") {
        const std::vector<TunnelRoutes> ts{tunnel(1, false, {wide}), tunnel(2, true, {wide})};
        const auto c = route::select(ts, kHost, {}, 0);
        CHECK(c.verdict == Verdict::Routed);
        CHECK(c.tunnel == 2);
        CHECK(c.decided_by == Decider::OnlyCandidate);
    }
    SECTION("longest prefix first, whatever the AS_PATH or MED") {
        const std::vector<TunnelRoutes> ts{tunnel(1, true, {Route{pfx("10.0.0.0/16"), 1, 0}}),
                                           tunnel(2, true, {Route{pfx("10.0.1.0/24"), 5, 900}})};
        const auto c = route::select(ts, kHost, {}, 0);
        CHECK(c.tunnel == 2);
        CHECK(c.decided_by == Decider::PrefixLength);
        CHECK(c.route.prefix == pfx("10.0.1.0/24"));
    }
    SECTION("then the highest local preference (RFC 4271 §9.1.1)") {
        auto t1 = tunnel(1, true, {wide});
        auto t2 = tunnel(2, true, {Route{pfx("10.0.0.0/16"), 3, 50}});
        t2.local_pref = 200;
        const std::vector<TunnelRoutes> ts{t1, t2};
        const auto c = route::select(ts, kHost, {}, 0);
        CHECK(c.tunnel == 2);
        CHECK(c.decided_by == Decider::LocalPref);
    }
    SECTION("then the shortest AS_PATH (§9.1.2.2 a)") {
        const std::vector<TunnelRoutes> ts{tunnel(1, true, {Route{pfx("10.0.0.0/16"), 3, 0}}),
                                           tunnel(2, true, {Route{pfx("10.0.0.0/16"), 1, 500}})};
        const auto c = route::select(ts, kHost, {}, 0);
        CHECK(c.tunnel == 2);
        CHECK(c.decided_by == Decider::AsPathLength);
    }
    SECTION("then the lowest MED (§9.1.2.2 c)") {
        const std::vector<TunnelRoutes> ts{tunnel(1, true, {Route{pfx("10.0.0.0/16"), 1, 200}}),
                                           tunnel(2, true, {Route{pfx("10.0.0.0/16"), 1, 100}})};
        const auto c = route::select(ts, kHost, {}, 0);
        CHECK(c.tunnel == 2);
        CHECK(c.decided_by == Decider::Med);
    }
    SECTION("equal routes: the lowest tie-break key, or ECMP by flow hash") {
        auto t1 = tunnel(1, true, {wide});
        auto t2 = tunnel(2, true, {wide});
        t2.tie_break = 1;  // lower than tunnel 1's
        const std::vector<TunnelRoutes> ts{t1, t2};
        const auto c = route::select(ts, kHost, {}, 7);
        CHECK(c.tunnel == 2);
        CHECK(c.decided_by == Decider::TieBreak);
        CHECK(c.equal_best.size() == 2);
        const auto even = route::select(ts, kHost, route::Policy{true}, 4);
        const auto odd = route::select(ts, kHost, route::Policy{true}, 5);
        CHECK(even.decided_by == Decider::Ecmp);
        CHECK(even.tunnel == 1);
        CHECK(odd.tunnel == 2);
    }
    SECTION("ECMP does not spread over routes a better rule separated") {
        const std::vector<TunnelRoutes> ts{tunnel(1, true, {Route{pfx("10.0.0.0/16"), 1, 200}}),
                                           tunnel(2, true, {Route{pfx("10.0.0.0/16"), 1, 100}})};
        for (std::uint64_t h = 0; h < 8; ++h) {
            CHECK(route::select(ts, kHost, route::Policy{true}, h).tunnel == 2);
        }
    }
}

namespace {

// Arbitrary per-tunnel route sets over a few overlapping prefixes around kHost.
rc::Gen<TunnelRoutes> gen_tunnel(int n) {
    const std::vector<net::Ipv4Prefix> prefixes{pfx("0.0.0.0/0"),   pfx("10.0.0.0/8"),
                                                pfx("10.0.0.0/16"), pfx("10.0.1.0/24"),
                                                pfx("10.0.2.0/24"), pfx("192.168.0.0/16")};
    const auto gen_route = rc::gen::build<Route>(
        rc::gen::set(&Route::prefix, rc::gen::elementOf(prefixes)),
        rc::gen::set(&Route::as_path_len, rc::gen::inRange<std::uint32_t>(1, 4)),
        rc::gen::set(&Route::med, rc::gen::elementOf(std::vector<std::uint32_t>{0, 100, 200})));
    return rc::gen::map(rc::gen::tuple(rc::gen::arbitrary<bool>(),
                                       rc::gen::container<std::vector<Route>>(gen_route),
                                       rc::gen::inRange<std::uint32_t>(99, 101)),
                        [n](const std::tuple<bool, std::vector<Route>, std::uint32_t>& t) {
                            TunnelRoutes out;
                            out.tunnel = n;
                            out.up = std::get<0>(t);
                            out.routes = std::get<1>(t);
                            out.local_pref = std::get<2>(t);
                            out.tie_break = static_cast<std::uint32_t>(n);
                            return out;
                        });
}

// The longest prefix of a tunnel's routes that contains dst (-1: none).
int longest(const TunnelRoutes& t, net::Ipv4Addr dst) {
    int best = -1;
    for (const auto& r : t.routes) {
        if (r.prefix.contains(dst)) best = std::max(best, static_cast<int>(r.prefix.len));
    }
    return best;
}

}  // namespace

TEST_CASE("route select - properties", "[route][prop]") {
    rc::prop("the chosen tunnel is UP and holds the longest matching prefix of all UP tunnels", [] {
        const std::vector<TunnelRoutes> ts{*gen_tunnel(1), *gen_tunnel(2)};
        const bool ecmp = *rc::gen::arbitrary<bool>();
        const auto hash = *rc::gen::arbitrary<std::uint64_t>();
        const auto c = route::select(ts, kHost, route::Policy{ecmp}, hash);
        int best_up = -1;
        for (const auto& t : ts) {
            if (t.up) best_up = std::max(best_up, longest(t, kHost));
        }
        if (best_up < 0) {
            RC_ASSERT(c.verdict != Verdict::Routed);
            return;
        }
        RC_ASSERT(c.verdict == Verdict::Routed);
        const auto& chosen = ts.at(static_cast<std::size_t>(c.tunnel - 1));
        RC_ASSERT(chosen.up);
        RC_ASSERT(longest(chosen, kHost) == best_up);
        RC_ASSERT(static_cast<int>(c.route.prefix.len) == best_up);
    });
    rc::prop("ECMP spreads only across the equal-best tunnels, and every one of them gets flows",
             [] {
                 const std::vector<TunnelRoutes> ts{*gen_tunnel(1), *gen_tunnel(2)};
                 const auto plain = route::select(ts, kHost, {}, 0);
                 RC_PRE(plain.verdict == Verdict::Routed);
                 std::vector<int> used;
                 for (std::uint64_t h = 0; h < 16; ++h) {
                     const auto c = route::select(ts, kHost, route::Policy{true}, h);
                     RC_ASSERT(std::find(c.equal_best.begin(), c.equal_best.end(), c.tunnel) !=
                               c.equal_best.end());
                     RC_ASSERT(c.equal_best.size() == plain.equal_best.size());
                     if (std::find(used.begin(), used.end(), c.tunnel) == used.end())
                         used.push_back(c.tunnel);
                 }
                 RC_ASSERT(used.size() == plain.equal_best.size());
                 // Without ECMP a tie is broken the same way for every flow.
                 for (std::uint64_t h = 0; h < 4; ++h) {
                     RC_ASSERT(route::select(ts, kHost, {}, h).tunnel == plain.tunnel);
                 }
             });
}
