// Rules of the BGP-sized TCP model, one TEST_CASE per rule, named after its RFC section.
#include "models/tcp/connection.hpp"

#include <catch2/catch.hpp>

namespace vpnsim::tcp {
namespace {

struct Machine {
    Config cfg;
    Data data{};
    State state{State::Closed};

    StepResult feed(const Input& in) {
        auto r = step(cfg, data, state, in);
        data = r.data;
        state = r.next;
        return r;
    }
    StepResult feed(Event e) { return feed(Input{e}); }
    StepResult feed(const net::TcpSegment& s) { return feed(Input{Event::SegmentArrived, s}); }
    StepResult send(std::vector<bgp::Message> m) {
        return feed(Input{.event = Event::Send, .messages = m});
    }
};

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
std::vector<net::TcpSegment> sent(const StepResult& r) {
    std::vector<net::TcpSegment> out;
    for (const auto& s : all<SendSegment>(r)) out.push_back(s.segment);
    return out;
}
net::TcpSegment only_segment(const StepResult& r) {
    const auto s = sent(r);
    REQUIRE(s.size() == 1);
    return s.front();
}

net::TcpSegment segment(std::uint16_t src, std::uint16_t dst, std::uint32_t seq,
                        net::TcpFlags flags) {
    net::TcpSegment s;
    s.src_port = src;
    s.dst_port = dst;
    s.seq = seq;
    s.flags = flags;
    return s;
}

Machine active(std::uint32_t iss = 1000, std::uint64_t md5 = 0) {
    return Machine{Config{.local_port = 50000, .remote_port = 179, .md5 = md5, .iss = iss}};
}
Machine passive(std::uint32_t iss = 5000, std::uint64_t md5 = 0) {
    return Machine{Config{.local_port = 179, .md5 = md5, .iss = iss}};
}

// Runs the three-way handshake between a and b (RFC 9293 §3.5 figure 7).
void handshake(Machine& a, Machine& b) {
    const auto syn = only_segment(a.feed(Event::ActiveOpen));
    b.feed(Event::PassiveOpen);
    const auto syn_ack = only_segment(b.feed(syn));
    const auto ack = only_segment(a.feed(syn_ack));
    REQUIRE(has<Connected>(b.feed(ack)));
    REQUIRE(a.state == State::Established);
    REQUIRE(b.state == State::Established);
}

const bgp::Message kOpen = bgp::Open{65000, 30, net::Ipv4Addr{1}};
const bgp::Message kKeepalive = bgp::Keepalive{};

}  // namespace

TEST_CASE("tcp - three-way handshake (RFC 9293 §3.5)", "[tcp]") {
    auto a = active();
    auto b = passive();
    const auto r1 = a.feed(Event::ActiveOpen);
    const auto syn = only_segment(r1);
    CHECK(a.state == State::SynSent);
    CHECK(syn.flags == net::TcpFlags{.syn = true});
    CHECK(syn.seq == 1000);
    CHECK(all<StartRetransmitTimer>(r1).front().after == sec(1));  // RFC 6298 §2.1

    CHECK(b.feed(Event::PassiveOpen).next == State::Listen);
    const auto syn_ack = only_segment(b.feed(syn));
    CHECK(b.state == State::SynReceived);
    CHECK(syn_ack.flags == net::TcpFlags{.syn = true, .ack = true});
    CHECK(syn_ack.seq == 5000);
    CHECK(syn_ack.ack == 1001);
    CHECK(syn_ack.src_port == 179);
    CHECK(syn_ack.dst_port == 50000);

    const auto r3 = a.feed(syn_ack);
    CHECK(r3.reason == Reason::HandshakeComplete);
    CHECK(has<Connected>(r3));
    CHECK(has<StopRetransmitTimer>(r3));
    const auto ack = only_segment(r3);
    CHECK(ack.flags == net::TcpFlags{.ack = true});
    CHECK(ack.seq == 1001);
    CHECK(ack.ack == 5001);

    const auto r4 = b.feed(ack);
    CHECK(b.state == State::Established);
    CHECK(has<Connected>(r4));
}

TEST_CASE("tcp - sequence numbers count BGP octets (RFC 9293 §3.4)", "[tcp]") {
    auto a = active();
    auto b = passive();
    handshake(a, b);
    const auto data = only_segment(a.send({kOpen, kKeepalive}));
    CHECK(data.seq == 1001);
    CHECK(segment_length(data) == bgp::wire_size(kOpen) + bgp::wire_size(kKeepalive));
    CHECK(a.data.snd_nxt == 1001 + 37 + 19);

    const auto r = b.feed(data);
    const auto delivered = all<Deliver>(r);
    REQUIRE(delivered.size() == 2);
    CHECK(delivered[0].message == kOpen);
    CHECK(delivered[1].message == kKeepalive);
    const auto ack = only_segment(r);
    CHECK(ack.ack == 1001 + 56);  // cumulative ACK

    const auto r2 = a.feed(ack);
    CHECK(has<StopRetransmitTimer>(r2));  // RFC 6298 §5.2
    CHECK(a.data.unacked.empty());
}

TEST_CASE("tcp - sequence numbers wrap modulo 2^32 (RFC 9293 §3.4)", "[tcp]") {
    auto a = active(0xFFFFFFF0U);
    auto b = passive(0xFFFFFFFFU);
    handshake(a, b);
    const auto data = only_segment(a.send({kOpen}));
    const auto r = b.feed(data);
    CHECK(all<Deliver>(r).size() == 1);
    a.feed(only_segment(r));
    CHECK(a.data.unacked.empty());
    const auto back = only_segment(b.send({kKeepalive}));
    CHECK(all<Deliver>(a.feed(back)).size() == 1);
}

TEST_CASE("tcp - out-of-order segments are dropped and the sender retransmits", "[tcp]") {
    auto a = active();
    auto b = passive();
    handshake(a, b);
    const auto first = only_segment(a.send({kOpen}));
    const auto second = only_segment(a.send({kKeepalive}));

    const auto early = b.feed(second);
    CHECK(early.reason == Reason::OutOfOrder);
    CHECK_FALSE(has<Deliver>(early));
    CHECK(only_segment(early).ack == 1001);  // duplicate ACK

    const auto in_order = b.feed(first);
    CHECK(all<Deliver>(in_order).size() == 1);
    const auto r = a.feed(only_segment(in_order));
    CHECK(a.data.unacked.size() == 1);  // the second segment is still outstanding
    CHECK(all<StartRetransmitTimer>(r).front().after == sec(1));

    const auto rtx = a.feed(Event::RetransmitTimerExpires);
    CHECK(rtx.reason == Reason::DataRetransmit);
    const auto again = only_segment(rtx);
    CHECK(again.seq == second.seq);
    CHECK(all<Deliver>(b.feed(again)).front().message == kKeepalive);
}

TEST_CASE("tcp - SYN retransmission backs off and gives up after 6 (RFC 6298 §5.5)", "[tcp]") {
    auto a = active();
    a.feed(Event::ActiveOpen);
    SimTime waited = sec(1);
    for (std::uint32_t i = 1; i <= kSynRetries; ++i) {
        const auto r = a.feed(Event::RetransmitTimerExpires);
        CAPTURE(i);
        CHECK(r.reason == Reason::SynRetransmit);
        CHECK(only_segment(r).flags.syn);
        const auto next = all<StartRetransmitTimer>(r).front().after;
        CHECK(next == sec(1LL << i));
        waited += next;
    }
    CHECK(waited == sec(127));  // Linux: 1+2+4+8+16+32+64
    const auto last = a.feed(Event::RetransmitTimerExpires);
    CHECK(last.next == State::Closed);
    REQUIRE(all<Failed>(last).size() == 1);
    CHECK(all<Failed>(last).front().reason == Reason::SynRetriesExhausted);
}

TEST_CASE("tcp - data retransmission gives up after 15 with a capped RTO", "[tcp]") {
    auto a = active();
    auto b = passive();
    handshake(a, b);
    a.send({kKeepalive});
    for (std::uint32_t i = 1; i <= kDataRetries; ++i) {
        const auto r = a.feed(Event::RetransmitTimerExpires);
        REQUIRE(r.reason == Reason::DataRetransmit);
        CHECK(all<StartRetransmitTimer>(r).front().after <= kMaxRto);
    }
    CHECK(a.data.rto == kMaxRto);
    const auto last = a.feed(Event::RetransmitTimerExpires);
    CHECK(last.next == State::Closed);
    CHECK(all<Failed>(last).front().reason == Reason::DataRetriesExhausted);
}

TEST_CASE("tcp - reset_for builds the RST of RFC 9293 §3.10.7.1", "[tcp]") {
    const auto syn = segment(50000, 179, 7, {.syn = true});
    const auto r1 = reset_for(syn);
    REQUIRE(r1);
    CHECK(r1->flags == net::TcpFlags{.ack = true, .rst = true});
    CHECK(r1->seq == 0);
    CHECK(r1->ack == 8);  // SEG.SEQ + SEG.LEN, the SYN counts one
    CHECK(r1->src_port == 179);
    CHECK(r1->dst_port == 50000);

    net::TcpSegment data{.src_port = 1,
                         .dst_port = 179,
                         .seq = 7,
                         .ack = 99,
                         .flags = {.ack = true},
                         .payload = {kKeepalive}};
    const auto r2 = reset_for(data);
    REQUIRE(r2);
    CHECK(r2->flags == net::TcpFlags{.rst = true});
    CHECK(r2->seq == 99);

    CHECK_FALSE(reset_for(segment(1, 179, 7, {.rst = true})));  // never answer a RST
}

TEST_CASE("tcp - a closed connection answers with RST (RFC 9293 §3.10.7.1)", "[tcp]") {
    auto c = passive();
    const auto r = c.feed(segment(50000, 179, 7, {.syn = true}));
    CHECK(r.reason == Reason::SegmentToClosed);
    CHECK(only_segment(r).flags.rst);
}

TEST_CASE("tcp - RST received resets the connection (RFC 9293 §3.10.7)", "[tcp]") {
    SECTION("SYN-SENT: the RST answering our SYN") {
        auto a = active();
        const auto syn = only_segment(a.feed(Event::ActiveOpen));
        const auto r = a.feed(*reset_for(syn));
        CHECK(r.next == State::Closed);
        CHECK(r.reason == Reason::RstReceived);
        CHECK(has<Reset>(r));
    }
    SECTION("ESTABLISHED: in-window RST resets, out-of-window RST is ignored") {
        auto a = active();
        auto b = passive();
        handshake(a, b);
        const auto stray = segment(179, 50000, a.data.rcv_nxt + kWindow, {.rst = true});
        CHECK(a.feed(stray).reason == Reason::RstIgnored);
        CHECK(a.state == State::Established);
        const auto rst = only_segment(b.feed(Event::Abort));  // §3.10.5 ABORT sends RST
        CHECK(rst.flags.rst);
        CHECK(b.state == State::Closed);
        const auto r = a.feed(rst);
        CHECK(r.next == State::Closed);
        CHECK(has<Reset>(r));
    }
}

TEST_CASE("tcp - MD5 mismatch is dropped silently (RFC 2385)", "[tcp]") {
    SECTION("a key on the listener only") {
        auto a = active(1000, 0);
        auto b = passive(5000, 42);
        b.feed(Event::PassiveOpen);
        const auto r = b.feed(only_segment(a.feed(Event::ActiveOpen)));
        CHECK(b.state == State::Listen);
        CHECK(r.reason == Reason::Md5Mismatch);
        CHECK(sent(r).empty());  // no RST, no SYN-ACK
        CHECK(all<DroppedSegment>(r).front().reason == Reason::Md5Mismatch);
    }
    SECTION("different keys on an established connection") {
        auto a = active(1000, 7);
        auto b = passive(5000, 7);
        handshake(a, b);
        auto data = only_segment(a.send({kKeepalive}));
        data.md5 = 8;
        const auto r = b.feed(data);
        CHECK(r.reason == Reason::Md5Mismatch);
        CHECK(sent(r).empty());
        CHECK_FALSE(has<Deliver>(r));
    }
}

TEST_CASE("tcp - a lost handshake ACK is recovered", "[tcp]") {
    auto a = active();
    auto b = passive();
    const auto syn = only_segment(a.feed(Event::ActiveOpen));
    b.feed(Event::PassiveOpen);
    const auto syn_ack = only_segment(b.feed(syn));
    a.feed(syn_ack);  // the ACK is lost
    SECTION("data carrying the ACK completes the passive side (RFC 9293 §3.10.7.4)") {
        const auto r = b.feed(only_segment(a.send({kOpen})));
        CHECK(b.state == State::Established);
        CHECK(has<Connected>(r));
        CHECK(all<Deliver>(r).size() == 1);
    }
    SECTION("the retransmitted SYN-ACK is answered with an ACK") {
        const auto again = only_segment(b.feed(Event::RetransmitTimerExpires));
        CHECK(again.flags == syn_ack.flags);
        const auto ack = only_segment(a.feed(again));
        CHECK(b.feed(ack).next == State::Established);
    }
}

TEST_CASE("tcp - every (state, event) pair is handled", "[tcp][table]") {
    for (const auto s : kStates) {
        for (const auto e : kEvents) {
            CAPTURE(s, e);
            bool catch_all = false;
            bool after_catch_all = false;
            for (const auto& t : transitions()) {
                if (t.from != s || t.on != e) continue;
                after_catch_all |= catch_all;
                catch_all |= t.guard == nullptr;
            }
            int ignored_rows = 0;
            for (const auto& i : ignored()) ignored_rows += i.state == s && i.on == e ? 1 : 0;
            CHECK((catch_all ? 1 : 0) + ignored_rows == 1);
            CHECK_FALSE(after_catch_all);  // a row after the unguarded one is unreachable
            CHECK(step(Config{}, Data{}, s, Input{e}).reason != Reason::UnexpectedEvent);
        }
    }
}

}  // namespace vpnsim::tcp
