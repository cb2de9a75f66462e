// Test support for the BGP FSM: a machine wrapper that keeps (state, data) between pure steps,
// and queries over a step's actions.
#pragma once

#include <optional>
#include <vector>

#include "models/bgp/fsm.hpp"
#include "models/bgp/inbound.hpp"

namespace vpnsim::bgp::test {

template <typename T>
std::vector<T> all(const StepResult& r) {
    std::vector<T> out;
    for (const auto& a : r.actions) {
        if (const auto* t = std::get_if<T>(&a)) out.push_back(*t);
    }
    return out;
}

template <typename T>
bool has(const StepResult& r) {
    return !all<T>(r).empty();
}

inline std::vector<Message> sent(const StepResult& r) {
    std::vector<Message> out;
    for (const auto& s : all<Send>(r)) out.push_back(s.message);
    return out;
}

inline std::vector<Notification> notifications(const StepResult& r) {
    std::vector<Notification> out;
    for (const auto& m : sent(r)) {
        if (const auto* n = std::get_if<Notification>(&m)) out.push_back(*n);
    }
    return out;
}

inline std::optional<SimTime> started(const StepResult& r, TimerId t) {
    std::optional<SimTime> after;
    for (const auto& s : all<StartTimer>(r)) {
        if (s.timer == t) after = s.after;
    }
    return after;
}

inline bool stopped(const StepResult& r, TimerId t) {
    for (const auto& s : all<StopTimer>(r)) {
        if (s.timer == t) return true;
    }
    return false;
}

inline net::Ipv4Prefix prefix(const char* text) {
    return *net::Ipv4Prefix::parse(text);
}
inline net::Ipv4Addr addr(const char* text) {
    return *net::Ipv4Addr::parse(text);
}

// The AWS side of a tunnel: AS 64512 expecting the CGW's 65000, hold 30 / keepalive 10, on
// the tunnel's 169.254.10.0/30.
inline Config aws_config() {
    Config c;
    c.local_as = 64512;
    c.peer_as = 65000;
    c.bgp_id = addr("169.254.10.1");
    c.next_hop = addr("169.254.10.1");
    c.announce = {prefix("172.31.0.0/16")};
    c.deny_own_as = true;
    c.connected_net = prefix("169.254.10.0/30");
    c.max_prefixes = 100;
    return c;
}

struct Fsm {
    Config cfg{aws_config()};
    Data data{};
    State state{State::Idle};

    StepResult feed(const Input& in) {
        auto r = step(cfg, data, state, in);
        data = r.data;
        state = r.next;
        return r;
    }
    StepResult feed(Event e) { return feed(Input{e}); }
    StepResult receive(const Message& m) { return feed(classify(cfg, m)); }

    Open peer_open(std::uint16_t hold = 90) const {
        return Open{cfg.peer_as, hold, addr("169.254.10.2")};
    }
    Update peer_update(std::vector<net::Ipv4Prefix> nlri) const {
        return Update{{}, std::move(nlri), {cfg.peer_as}, addr("169.254.10.2"), 0, {}};
    }
    // ManualStart, TCP up, OPEN, KEEPALIVE: Idle -> Established.
    StepResult establish(std::uint16_t peer_hold = 90) {
        feed(Event::ManualStart);
        feed(Event::TcpCrAcked);
        receive(peer_open(peer_hold));
        return receive(Keepalive{});
    }
};

}  // namespace vpnsim::bgp::test
