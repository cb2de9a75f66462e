// Two pure IKEv1 SA machines wired back to back (main mode, quick mode and what follows), for
// model tests without the kernel. A side may sit behind a NAT: `seen`/`seen_port` is how its
// peer sees it (RFC 3947 §3.2 hashes the addresses each end knows).
#pragma once

#include <catch2/catch.hpp>

#include <deque>
#include <optional>
#include <utility>
#include <vector>

#include "models/ike/ikev1_sa.hpp"
#include "tests/ike/ike_pair.hpp"

namespace vpnsim::testing {

namespace v1 = ike::v1;

struct Side1 {
    ike::Config cfg;
    ike::Data data;
    v1::State state{v1::State::Idle};
    net::Ipv4Addr addr;
    v1::StepResult last;
    net::Ipv4Addr seen{addr};
    std::uint16_t seen_port{500};
    std::uint16_t port{500};
    net::Ipv4Addr peer;  // where it sends (initiator)
    std::uint16_t peer_port{500};
};

inline void step1(Side1& s, v1::Event ev, const ike::Message* m, std::uint64_t n,
                  const Side1* from = nullptr) {
    ike::Input in;
    in.msg = m;
    in.local_addr = s.addr;
    in.local_port = s.port;
    in.peer_addr = s.peer;
    in.peer_port = s.peer_port;
    if (from) in.arrival = {from->seen, s.addr, from->seen_port, s.port};
    in.fresh_spi = 0x2000 + n;
    in.fresh_child_spi = 0xc1000000U + static_cast<std::uint32_t>(n);
    s.last = v1::step(s.cfg, s.data, s.state, ev, in);
    s.state = s.last.next;
    s.data = s.last.data;
}

// Every message the step sent, in order.
inline std::vector<ike::Message> sent_all(const v1::StepResult& r) {
    std::vector<ike::Message> out;
    for (const auto& a : r.actions) {
        if (a.kind == ike::Action::Kind::Send) out.push_back(a.msg);
    }
    return out;
}

inline std::optional<ike::Message> sent1(const v1::StepResult& r) {
    const auto all = sent_all(r);
    if (all.empty()) return std::nullopt;
    return all.front();
}

inline bool has_action(const v1::StepResult& r, ike::Action::Kind k) {
    for (const auto& a : r.actions) {
        if (a.kind == k) return true;
    }
    return false;
}

// Hands every message `from`'s last step sent to `to`, in order (each in its own step);
// returns how many there were. `to.last` is the step of the last one.
inline int deliver1(Side1& from, Side1& to, std::uint64_t n) {
    const auto msgs = sent_all(from.last);
    for (const auto& m : msgs) step1(to, v1::classify(m), &m, n++, &from);
    return static_cast<int>(msgs.size());
}

// Plays messages back and forth after `first` fired on `a` until nobody sends; returns the
// number of steps that carried messages.
inline int play(Side1& a, Side1& b, std::uint64_t n = 10) {
    int steps = 0;
    Side1* from = &a;
    Side1* to = &b;
    while (!sent_all(from->last).empty() && steps < 40) {
        deliver1(*from, *to, n);
        n += 10;
        ++steps;
        std::swap(from, to);
    }
    return steps;
}

// Delivers messages in flight both ways, first in first out, each answer queued behind what
// is already on the wire (so crossing exchanges interleave as on a real path); `start_a` /
// `start_b` are the messages a and b have just sent.
inline void exchange(Side1& a, Side1& b, std::vector<ike::Message> start_a,
                     std::vector<ike::Message> start_b, std::uint64_t n = 500) {
    std::deque<std::pair<Side1*, ike::Message>> wire;  // (receiver, message)
    for (auto& m : start_a) wire.emplace_back(&b, std::move(m));
    for (auto& m : start_b) wire.emplace_back(&a, std::move(m));
    for (int i = 0; !wire.empty() && i < 200; ++i) {
        auto [to, m] = std::move(wire.front());
        wire.pop_front();
        Side1* from = to == &a ? &b : &a;
        step1(*to, v1::classify(m), &m, n++, from);
        for (auto& out : sent_all(to->last)) wire.emplace_back(from, std::move(out));
    }
}

// Starts main mode on i and plays it out; returns the number of messages exchanged.
inline int run(Side1& i, Side1& r) {
    step1(i, v1::Event::Start, nullptr, 1);
    return play(i, r);
}

struct Pair1 {
    Side1 cgw{cgw_cfg(), {}, v1::State::Idle, kCgw, {}, kCgw, 500, 500, kAws};
    Side1 aws{aws_cfg(), {}, v1::State::Idle, kAws, {}, kAws, 500, 500, kCgw};
};

// A pair with phase 1 and the first quick mode done.
struct UpPair1 : Pair1 {
    UpPair1() {
        run(cgw, aws);
        REQUIRE(cgw.state == v1::State::Established);
        REQUIRE(aws.state == v1::State::Established);
        REQUIRE(cgw.data.child);
        REQUIRE(aws.data.child_state == ike::ChildState::Installed);
    }
};

}  // namespace vpnsim::testing
