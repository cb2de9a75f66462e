// DOC: the pieces of explore's mutation table shared between its files (internal to
// sim/explore): how a mutation picks its value, tunnel and key text, and the customer
// gateway's mutations (mutations_cgw.cpp); mutations.cpp holds the AWS, path and traffic ones
// and the table.
#pragma once

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <array>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "sim/explore/generate.hpp"

namespace vpnsim::explore::mutations {

using net::Ipv4Addr;
using net::Ipv4Prefix;
using scenario::Scenario;

// Picks the a-th (modulo) of a list: choices[0] is the plainest.
template <class T>
const T& pick(std::span<const T> choices, int a) {
    return choices[static_cast<std::size_t>(a) % choices.size()];
}
template <class T, std::size_t N>
const T& pick(const std::array<T, N>& choices, int a) {
    return pick(std::span<const T>(choices), a);
}

inline std::size_t index(int tunnel, std::size_t count) {
    return static_cast<std::size_t>(tunnel) % count;
}
inline scenario::CgwTunnel& cgw_tunnel(Scenario& s, const Mutation& m) {
    return s.cgw.tunnels[index(m.tunnel, s.cgw.tunnels.size())];
}
inline scenario::AwsTunnel& aws_tunnel(Scenario& s, const Mutation& m) {
    return s.aws.tunnels[index(m.tunnel, s.aws.tunnels.size())];
}
inline std::string cgw_key(const Scenario& s, const Mutation& m, std::string_view key) {
    return fmt::format("cgw.tunnel[{}].{}", index(m.tunnel, s.cgw.tunnels.size()) + 1, key);
}
inline std::string aws_key(const Scenario& s, const Mutation& m, std::string_view key) {
    return fmt::format("aws.tunnel[{}].{}", index(m.tunnel, s.aws.tunnels.size()) + 1, key);
}

inline Ipv4Prefix prefix(std::uint8_t a, std::uint8_t b, std::uint8_t c, std::uint8_t d, int len) {
    return {Ipv4Addr::from_octets(a, b, c, d), static_cast<std::uint8_t>(len)};
}
// The first on-premises LAN (announced or statically routed), or 10.0.0.0/16.
inline Ipv4Prefix first_lan(const Scenario& s) {
    const auto lans = s.cgw.lans();
    return lans.empty() ? prefix(10, 0, 0, 0, 16) : lans.front();
}
inline std::string cidr_list(const std::vector<Ipv4Prefix>& v) {
    std::vector<std::string> out;
    for (const auto& p : v) out.push_back(fmt::format("\"{}\"", p));
    return fmt::format("[{}]", fmt::join(out, ", "));
}

template <class E>
std::string algorithms(const std::vector<E>& v) {
    std::vector<std::string> out;
    for (const auto e : v) out.push_back(fmt::format("\"{}\"", ike::to_string(e)));
    return fmt::format("[{}]", fmt::join(out, ", "));
}

// A non-empty subset of `all` by bit mask (mask 0 -> the first element only).
template <class T, std::size_t N>
std::vector<T> subset(const std::array<T, N>& all, int mask) {
    std::vector<T> out;
    const int m = mask % ((1 << N) - 1) + 1;
    for (std::size_t i = 0; i < N; ++i) {
        if ((m >> i) & 1) out.push_back(all[i]);
    }
    return out;
}

// A phase's encryption and integrity lists, set by `fill`, described under `key`.
template <class Fill>
std::string set_phase(std::string key, scenario::ProposalLists& p, const Mutation& m, Fill fill) {
    fill(p, m);
    return fmt::format("{} = {} / {}", key, algorithms(p.encryption), algorithms(p.integrity));
}

// The customer gateway's mutations (mutations_cgw.cpp), each as the table's Apply.
std::string cgw_psk(scenario::Scenario& s, const Mutation& m);
std::string cgw_local_ts(scenario::Scenario& s, const Mutation& m);
std::string cgw_remote_ts(scenario::Scenario& s, const Mutation& m);
std::string cgw_policy_based(scenario::Scenario& s, const Mutation& m);
std::string cgw_ike_version(scenario::Scenario& s, const Mutation& m);
std::string cgw_aggressive(scenario::Scenario& s, const Mutation& m);
std::string cgw_phase1(scenario::Scenario& s, const Mutation& m);
std::string cgw_phase2(scenario::Scenario& s, const Mutation& m);
std::string cgw_phase1_dh(scenario::Scenario& s, const Mutation& m);
std::string cgw_pfs_group(scenario::Scenario& s, const Mutation& m);
std::string cgw_nat_t(scenario::Scenario& s, const Mutation& m);
std::string cgw_dpd(scenario::Scenario& s, const Mutation& m);
std::string cgw_dpd_action(scenario::Scenario& s, const Mutation& m);
std::string cgw_rekey(scenario::Scenario& s, const Mutation& m);
std::string cgw_lifetimes(scenario::Scenario& s, const Mutation& m);
std::string cgw_rekey_margin(scenario::Scenario& s, const Mutation& m);
std::string cgw_initiate(scenario::Scenario& s, const Mutation& m);
std::string cgw_inside_ip(scenario::Scenario& s, const Mutation& m);
std::string cgw_peer(scenario::Scenario& s, const Mutation& m);
std::string cgw_vendor(scenario::Scenario& s, const Mutation& m);
std::string cgw_mtu(scenario::Scenario& s, const Mutation& m);
std::string cgw_asymmetric(scenario::Scenario& s, const Mutation& m);
std::string cgw_nat_keepalive(scenario::Scenario& s, const Mutation& m);
std::string cgw_networks(scenario::Scenario& s, const Mutation& m);
std::string cgw_static_routes(scenario::Scenario& s, const Mutation& m);
std::string cgw_asn(scenario::Scenario& s, const Mutation& m);
std::string cgw_event(scenario::Scenario& s, const Mutation& m);
std::string bgp_disabled(scenario::Scenario& s, const Mutation& m);
std::string bgp_remote_as(scenario::Scenario& s, const Mutation& m);
std::string bgp_neighbor(scenario::Scenario& s, const Mutation& m);
std::string bgp_timers(scenario::Scenario& s, const Mutation& m);
std::string bgp_connect_retry(scenario::Scenario& s, const Mutation& m);
std::string bgp_md5(scenario::Scenario& s, const Mutation& m);
std::string bgp_prepend(scenario::Scenario& s, const Mutation& m);
std::string bgp_next_hop(scenario::Scenario& s, const Mutation& m);
std::string bgp_announce(scenario::Scenario& s, const Mutation& m);
std::string bgp_route_map(scenario::Scenario& s, const Mutation& m);
std::string tunnel_preference(scenario::Scenario& s, const Mutation& m);

}  // namespace vpnsim::explore::mutations
