// Two BgpSpeakers (sim/run/bgp_speaker.hpp) on a pair of fake hosts joined by a 10 ms link,
// driven by a minimal event loop: the whole TCP + BGP exchange end to end, traced.
#include "sim/run/bgp_speaker.hpp"

#include <catch2/catch.hpp>

#include <functional>
#include <map>
#include <memory>
#include <set>

#include "models/bgp/inbound.hpp"
#include "tests/bgp/fsm_support.hpp"

namespace vpnsim::run {
namespace {

using bgp::test::addr;
using bgp::test::prefix;

// (time, seq)-ordered callbacks with lazy cancellation, like the kernel's queue.
class Loop {
  public:
    SimTime now() const { return now_; }
    kernel::EventId at(SimTime after, std::function<void()> fn) {
        const auto seq = next_seq_++;
        queue_.emplace(std::pair{now_ + after, seq}, std::move(fn));
        return kernel::EventId{seq};
    }
    void cancel(kernel::EventId id) { cancelled_.insert(id.seq); }
    void run_until(SimTime end) {
        while (!queue_.empty() && queue_.begin()->first.first <= end) {
            auto node = queue_.extract(queue_.begin());
            if (cancelled_.erase(node.key().second) > 0) continue;
            now_ = node.key().first;
            node.mapped()();
        }
        now_ = end;
    }

  private:
    SimTime now_{};
    std::uint64_t next_seq_{1};
    std::map<std::pair<SimTime, std::uint64_t>, std::function<void()>> queue_;
    std::set<std::uint64_t> cancelled_;
};

class FakeHost : public Host {
  public:
    FakeHost(Loop& loop, std::string name) : loop_(loop), name_(std::move(name)) {}
    void connect(FakeHost& peer) { peer_ = &peer; }
    void attach(std::unique_ptr<BgpSpeaker> s) { speaker_ = std::move(s); }
    BgpSpeaker& speaker() { return *speaker_; }
    bool link_up{true};
    std::vector<kernel::TraceRecord> records;

    SimTime now() const override { return loop_.now(); }
    kernel::EventId arm_timer(SimTime after, std::uint64_t token) override {
        return loop_.at(after, [this, token] { speaker_->on_timer(token); });
    }
    void cancel_timer(kernel::EventId id) override { loop_.cancel(id); }
    bool send_inner(net::InnerPacket&& p) override {
        if (!link_up) return false;
        loop_.at(ms(10), [peer = peer_, p] { peer->receive(p); });
        return true;
    }
    void trace(kernel::TraceRecord&& r) override { records.push_back(std::move(r)); }
    std::string_view node_name() const override { return name_; }

    // A node without a speaker answers every segment with RST (RFC 9293 §3.10.7.1).
    void receive(const net::InnerPacket& p) {
        if (speaker_) return speaker_->on_inner_packet(p);
        if (auto rst = tcp::reset_for(p.tcp)) send_inner({p.dst, p.src, *rst});
    }
    std::vector<const kernel::TraceRecord*> find(std::string_view fsm, std::string_view reason,
                                                 std::string_view to = {}) const {
        std::vector<const kernel::TraceRecord*> out;
        for (const auto& r : records) {
            if (r.fsm == fsm && r.reason == reason && (to.empty() || r.to == to)) out.push_back(&r);
        }
        return out;
    }
    std::string render() const {
        std::string s;
        for (const auto& r : records) s += kernel::format_record(r) + "\n";
        return s;
    }

  private:
    Loop& loop_;
    std::string name_;
    FakeHost* peer_{nullptr};
    std::unique_ptr<BgpSpeaker> speaker_;
};

const auto kAwsAddr = addr("169.254.10.1");
const auto kCgwAddr = addr("169.254.10.2");

SpeakerConfig aws_speaker() {
    SpeakerConfig c;
    c.bgp = bgp::test::aws_config();
    c.local_addr = kAwsAddr;
    c.peer_addr = kCgwAddr;
    c.isn_seed = 1;
    c.peer_bgp_id = kCgwAddr;
    return c;
}

SpeakerConfig cgw_speaker() {
    SpeakerConfig c;
    c.bgp.local_as = 65000;
    c.bgp.peer_as = 64512;
    c.bgp.bgp_id = kCgwAddr;
    c.bgp.next_hop = kCgwAddr;
    c.bgp.hold_time_s = 90;
    c.bgp.keepalive_s = 30;
    c.bgp.announce = {prefix("192.168.0.0/16"), prefix("192.168.1.0/24")};
    c.local_addr = kCgwAddr;
    c.peer_addr = kAwsAddr;
    c.isn_seed = 2;
    c.peer_bgp_id = kAwsAddr;
    return c;
}

struct Pair {
    Loop loop;
    FakeHost aws{loop, "aws-t1"};
    FakeHost cgw{loop, "cgw"};

    explicit Pair(std::optional<SpeakerConfig> cgw_cfg = cgw_speaker(),
                  SpeakerConfig aws_cfg = aws_speaker()) {
        aws.connect(cgw);
        cgw.connect(aws);
        aws.attach(std::make_unique<BgpSpeaker>(aws, std::move(aws_cfg), 0x10000));
        if (cgw_cfg) cgw.attach(std::make_unique<BgpSpeaker>(cgw, *cgw_cfg, 0x20000));
        aws.speaker().start();
        if (cgw_cfg) cgw.speaker().start();
    }
};

}  // namespace

TEST_CASE("bgp speaker - two speakers establish and exchange prefixes", "[bgp][speaker]") {
    Pair p;
    p.loop.run_until(sec(5));
    INFO(p.aws.render() << p.cgw.render());
    REQUIRE(p.aws.speaker().state() == bgp::State::Established);
    REQUIRE(p.cgw.speaker().state() == bgp::State::Established);
    CHECK(p.aws.speaker().accepted_routes() == 2);
    CHECK(p.cgw.speaker().accepted_routes() == 1);
    CHECK(p.aws.speaker().negotiated_hold_s() == 30);  // RFC 4271 §4.2: the smaller
    CHECK(p.cgw.speaker().negotiated_keepalive_s() == 10);
    CHECK(p.aws.speaker().established_at().has_value());
    // Both initiated at t=0: the SYNs crossed and RFC 4271 §6.8 kept the CGW's connection
    // (higher BGP Identifier).
    CHECK(p.cgw.find("bgp", "collision-keep-own").size() == 1);
    CHECK(p.aws.find("bgp", "collision-accept-peer").size() == 1);
    CHECK(p.aws.find("bgp", "keepalive-received", "Established").size() == 1);

    p.loop.run_until(sec(300));  // keepalives hold the session up
    CHECK(p.aws.speaker().state() == bgp::State::Established);
    CHECK(p.aws.speaker().sessions_established() == 1);

    SECTION("stop sends Cease 6/2 to the peer (RFC 4486 §4)") {
        p.cgw.speaker().stop();
        p.loop.run_until(sec(301));
        CHECK(p.aws.speaker().last_notification_received() == bgp::Notification{6, 2});
        CHECK(p.aws.speaker().accepted_routes() == 0);
        CHECK(p.cgw.speaker().state() == bgp::State::Idle);
    }
    SECTION("a silent link expires the hold timer, then the session recovers") {
        p.aws.link_up = p.cgw.link_up = false;
        p.loop.run_until(sec(340));
        CHECK(p.aws.speaker().last_notification_sent() == bgp::Notification{4, 0});
        CHECK_FALSE(p.aws.find("bgp", "hold-timer-expired", "Idle").empty());
        p.aws.link_up = p.cgw.link_up = true;
        p.loop.run_until(sec(600));
        CHECK(p.aws.speaker().state() == bgp::State::Established);
        CHECK(p.aws.speaker().accepted_routes() == 2);
    }
}

TEST_CASE("bgp speaker - wrong peer AS cycles with growing idle hold", "[bgp][speaker]") {
    auto cgw = cgw_speaker();
    cgw.bgp.local_as = 65001;  // AWS expects 65000
    Pair p(cgw);
    p.loop.run_until(sec(120));
    INFO(p.aws.render());
    CHECK(p.aws.speaker().state() != bgp::State::Established);
    CHECK(p.aws.speaker().last_notification_sent() == bgp::Notification{2, 2});
    CHECK(p.cgw.speaker().last_notification_received() == bgp::Notification{2, 2});
    const auto bad = p.aws.find("bgp", "bad-peer-as", "Idle");
    REQUIRE(bad.size() >= 4);
    for (std::size_t i = 2; i < bad.size(); ++i) {  // the gaps between failures grow
        CHECK(bad[i]->t - bad[i - 1]->t > bad[i - 1]->t - bad[i - 2]->t);
    }
    CHECK(bad.front()->detail.str() ==
          "sent NOTIFICATION 2/2 (Bad Peer AS); remote AS is 65001, expected 65000; "
          "idle hold 2.000s");
    // The cycle is visible: Idle -> Connect/Active -> OpenSent -> ... -> Idle, again and again.
    CHECK(p.aws.find("bgp", "idle-hold-expired").size() >= 3);
}

TEST_CASE("bgp speaker - no BGP on the CGW: RST, Connect and Active alternate", "[bgp][speaker]") {
    Pair p(std::nullopt);
    p.loop.run_until(sec(100));
    INFO(p.aws.render());
    CHECK(p.aws.speaker().state() != bgp::State::Established);
    CHECK(p.aws.find("tcp", "rst-received").size() >= 3);
    CHECK(p.aws.find("bgp", "tcp-connection-fails", "Active").size() >= 3);
    CHECK(p.aws.find("bgp", "connect-retry-expired", "Connect").size() >= 2);
}

TEST_CASE("bgp speaker - MD5 on one side only drops segments silently (RFC 2385)",
          "[bgp][speaker]") {
    auto cgw = cgw_speaker();
    cgw.md5 = 0x5ec2e7;
    Pair p(cgw);
    p.loop.run_until(sec(200));
    INFO(p.aws.render() << p.cgw.render());
    CHECK(p.aws.speaker().state() != bgp::State::Established);
    CHECK(p.cgw.speaker().md5_drops() > 0);
    CHECK(p.aws.speaker().md5_drops() > 0);
    CHECK(p.aws.find("tcp", "rst-received").empty());  // no RST ever answers
    CHECK_FALSE(p.aws.find("tcp", "syn-retransmit").empty());
}

TEST_CASE("bgp speaker - too many prefixes: Cease 6/1 (RFC 4486)", "[bgp][speaker]") {
    auto aws = aws_speaker();
    aws.bgp.max_prefixes = 1;
    Pair p(cgw_speaker(), aws);
    p.loop.run_until(sec(10));
    INFO(p.aws.render());
    CHECK(p.aws.speaker().last_notification_sent() == bgp::Notification{6, 1});
    CHECK(p.cgw.speaker().last_notification_received() == bgp::Notification{6, 1});
    CHECK_FALSE(p.aws.find("bgp", "max-prefix-exceeded", "Idle").empty());
}

TEST_CASE("bgp speaker - routes with AWS's own AS are denied", "[bgp][speaker]") {
    auto cgw = cgw_speaker();
    cgw.bgp.local_as = 64512;  // the CGW reuses AWS's AS: every route carries it
    auto aws = aws_speaker();
    aws.bgp.peer_as = 64512;
    Pair p(cgw, aws);
    p.loop.run_until(sec(5));
    INFO(p.aws.render());
    CHECK(p.aws.speaker().state() == bgp::State::Established);
    CHECK(p.aws.speaker().accepted_routes() == 0);
    CHECK(p.aws.speaker().data().denied == 2);
    CHECK(p.aws.find("bgp", "as-path-contains-own-as").size() == 1);
}

TEST_CASE("bgp speaker - a CGW minimum hold time above AWS's 30 s cycles on 2/6 (RFC 4271 §6.2)",
          "[bgp][speaker]") {
    auto cgw = cgw_speaker();
    cgw.bgp.hold_time_s = 180;
    cgw.bgp.keepalive_s = 60;
    cgw.bgp.min_hold_time_s = 90;  // Cisco `timers bgp 60 180 90`
    Pair p(cgw);
    p.loop.run_until(sec(120));
    INFO(p.aws.render() << p.cgw.render());
    CHECK(p.aws.speaker().sessions_established() == 0);
    CHECK(p.cgw.speaker().last_notification_sent() == bgp::Notification{2, 6});
    CHECK(p.aws.speaker().last_notification_received() == bgp::Notification{2, 6});
    const auto refused = p.cgw.find("bgp", "unacceptable-hold-time", "Idle");
    REQUIRE(refused.size() >= 4);
    for (std::size_t i = 2; i < refused.size(); ++i) {  // a cycle with growing gaps
        CHECK(refused[i]->t - refused[i - 1]->t > refused[i - 1]->t - refused[i - 2]->t);
    }
    CHECK(refused.front()->detail.str() ==
          "sent NOTIFICATION 2/6 (Unacceptable Hold Time); peer hold time 30s, below our "
          "minimum 90s; idle hold 2.000s");
    SECTION("a minimum at AWS's hold time is met") {
        cgw.bgp.min_hold_time_s = 30;
        Pair q(cgw);
        q.loop.run_until(sec(5));
        CHECK(q.aws.speaker().state() == bgp::State::Established);
    }
}

TEST_CASE("bgp speaker - routes with a non-connected next hop are denied (RFC 4271 §6.3)",
          "[bgp][speaker]") {
    auto cgw = cgw_speaker();
    cgw.bgp.next_hop = addr("192.168.0.1");  // a LAN address, not on 169.254.10.0/30
    Pair p(cgw);
    p.loop.run_until(sec(5));
    INFO(p.aws.render());
    CHECK(p.aws.speaker().state() == bgp::State::Established);
    CHECK(p.aws.speaker().accepted_routes() == 0);
    CHECK(p.aws.speaker().data().denied == 2);
    const auto denied = p.aws.find("bgp", "next-hop-not-connected");
    REQUIRE(denied.size() == 1);
    CHECK(denied.front()->detail.str() ==
          "2 prefixes: 192.168.0.0/16,192.168.1.0/24, NEXT_HOP 192.168.0.1 is not on the "
          "connected subnet 169.254.10.0/30");
    CHECK(p.cgw.speaker().accepted_routes() == 1);  // AWS's route to the CGW is fine
}

}  // namespace vpnsim::run
