// Two pure IKEv2 SA machines wired back to back, for model tests without the kernel.
#pragma once

#include <catch2/catch.hpp>

#include <optional>

#include "models/common/hash.hpp"
#include "models/ike/ikev2_sa.hpp"

namespace vpnsim::testing {

using ike::IkeEvent;
using ike::IkeState;

inline net::Ipv4Addr ip(const char* s) {
    return *net::Ipv4Addr::parse(s);
}
inline ipsec::TsList tsl(const char* cidr) {
    return {ipsec::TrafficSelector::from_prefix(*net::Ipv4Prefix::parse(cidr))};
}

inline const net::Ipv4Addr kCgw = ip("198.51.100.10");
inline const net::Ipv4Addr kAws = ip("203.0.113.10");

inline ike::Config aws_cfg() {
    ike::Config c;
    c.role = ike::Role::Responder;
    c.local_id = kAws;
    c.psk = "example_psk_1";
    c.ike = {
        {ike::Encr::Aes128, ike::Encr::Aes256}, {ike::Integ::Sha1, ike::Integ::Sha2_256}, {2, 14}};
    c.esp = c.ike;
    c.local_ts = tsl("0.0.0.0/0");
    c.remote_ts = tsl("0.0.0.0/0");
    return c;
}

inline ike::Config cgw_cfg() {
    ike::Config c = aws_cfg();
    c.role = ike::Role::Initiator;
    c.local_id = kCgw;
    c.ike = {{ike::Encr::Aes256}, {ike::Integ::Sha2_256}, {14}};
    c.esp = c.ike;
    return c;
}

struct Side {
    ike::Config cfg;
    ike::Data data;
    IkeState state{IkeState::Idle};
    net::Ipv4Addr addr;
    ike::StepResult last;
};

inline std::optional<ike::Message> sent(const ike::StepResult& r) {
    for (const auto& a : r.actions) {
        if (a.kind == ike::Action::Kind::Send) return a.msg;
    }
    return std::nullopt;
}

// `nonce` is the Ni/Nr this step would send; by default a stable hash of n and the side.
inline void step(Side& s, IkeEvent ev, const ike::Message* m, net::Ipv4Addr from, std::uint64_t n,
                 std::optional<std::uint64_t> nonce = std::nullopt) {
    ike::Input in;
    in.event = ev;
    in.msg = m;
    in.arrival = {from, s.addr, 500, 500};
    in.local_addr = s.addr;
    in.peer_addr = from;
    in.fresh_spi = 0x1000 + n;
    in.fresh_child_spi = 0xc0000000U + static_cast<std::uint32_t>(n);
    in.fresh_nonce = nonce.value_or(mix(n, s.addr.value));
    s.last = ike::step(s.cfg, s.data, s.state, in);
    s.state = s.last.next;
    s.data = s.last.data;
}

// Runs IKE_SA_INIT and IKE_AUTH between the two sides; `seen_src` is the CGW address as
// the responder sees it (differs from the CGW's own address behind a NAT).
// IKE_SA_INIT and IKE_AUTH -- and one more round when IKE_SA_INIT is retried after
// INVALID_KE_PAYLOAD (RFC 7296 §1.2); it stops when a side sends nothing.
inline void negotiate(Side& i, Side& r, net::Ipv4Addr seen_src) {
    step(i, IkeEvent::Start, nullptr, r.addr, 1);
    int rounds = 2;
    for (int round = 0; round < rounds; ++round) {
        const auto req = sent(i.last);
        if (!req) return;
        step(r, ike::classify(*req), &*req, seen_src, 10 + round);
        const auto resp = sent(r.last);
        if (!resp) return;
        step(i, ike::classify(*resp), &*resp, r.addr, 20 + round);
        if (i.last.reason == ike::Reason::PeerInvalidKePayload) ++rounds;
    }
}

// Hands the last message `from` sent to `to`; false when nothing was sent.
inline bool deliver(Side& from, Side& to, std::uint64_t n) {
    const auto m = sent(from.last);
    if (!m) return false;
    step(to, ike::classify(*m), &*m, from.addr, n);
    return true;
}

// A CGW and an AWS end with the IKE SA and its first CHILD_SA established.
struct Pair {
    Side cgw{cgw_cfg(), {}, IkeState::Idle, kCgw, {}};
    Side aws{aws_cfg(), {}, IkeState::Idle, kAws, {}};
    Pair() {
        negotiate(cgw, aws, kCgw);
        REQUIRE(cgw.state == IkeState::Established);
        REQUIRE(aws.state == IkeState::Established);
        REQUIRE(cgw.data.child);
    }
};

}  // namespace vpnsim::testing
