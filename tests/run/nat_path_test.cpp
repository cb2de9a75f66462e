// Run-level NAT-T behaviour over time: NAT keepalives (RFC 3948 §2.3) only from an end behind a
// NAT and only when it is idle, a PAT's mappings expiring (RFC 4787 §4.3) with AWS following
// the CGW to its new public port (RFC 7296 §2.23), and random loss on the path.
#include <rapidcheck.h>
#include <rapidcheck/catch.h>
#include <catch2/catch.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "sim/run/world.hpp"
#include "sim/scenario/loader.hpp"
#include "tests/run/scenario_text.hpp"

using namespace vpnsim;

namespace {

// A one-tunnel static VPN whose CGW sends nothing after IKE unless it must: no BGP, no DPD.
// aws_dpd: AWS's DPD timeout action ("none" sends no liveness checks at all).
struct IdleParams {
    std::string nat{"pat"};
    int keepalive{20};
    std::string aws_dpd{"clear"};
    std::string udp_timeout{};  // "" = the default
    std::string duration{"2m"};
};

std::string idle_static(const IdleParams& p) {
    std::string t = fmt::format(R"([scenario]
name = "idle"
duration = "{}"
[aws]
routing = "static"
static_routes = ["10.0.0.0/16"]
[[aws.tunnel]]
outside_ip = "203.0.113.10"
inside_cidr = "169.254.10.0/30"
psk = "psk_for_tunnel_0"
dpd_timeout_action = "{}"
[cgw]
outside_ip = "198.51.100.10"
nat_keepalive_seconds = {}
[[cgw.tunnel]]
peer = "203.0.113.10"
psk = "psk_for_tunnel_0"
dpd_action = "none"
[cgw.bgp]
enabled = false
[path]
nat = "{}"
)",
                                p.duration, p.aws_dpd, p.keepalive, p.nat);
    if (!p.udp_timeout.empty()) t += fmt::format("nat_udp_timeout = \"{}\"\n", p.udp_timeout);
    return t;
}

run::RunResult simulate(const std::string& text) {
    auto loaded = scenario::load_string(text, "generated.toml");
    for (const auto& d : loaded.diagnostics) UNSCOPED_INFO(d.to_string());
    REQUIRE(loaded.scenario);
    return run::simulate(*loaded.scenario);
}

std::vector<SimTime> times(const run::RunResult& r, std::string_view node,
                           std::string_view reason) {
    std::vector<SimTime> out;
    for (const auto& rec : r.trace.records()) {
        if (rec.node == node && rec.reason == reason) out.push_back(rec.t);
    }
    return out;
}

std::size_t count(const run::RunResult& r, std::string_view reason) {
    std::size_t n = 0;
    for (const auto& rec : r.trace.records()) n += rec.reason == reason;
    return n;
}

}  // namespace

TEST_CASE("run - NAT keepalives: every interval while idle, from the end behind the NAT",
          "[run][nat][keepalive]") {
    const int interval = GENERATE(5, 20, 45);
    CAPTURE(interval);
    IdleParams p;
    p.keepalive = interval;
    p.aws_dpd = "none";  // AWS sends nothing either: the CGW is idle from IKE_AUTH on
    const auto r = simulate(idle_static(p));
    REQUIRE(r.tunnels.at(0).status.up);
    const auto sent = times(r, "cgw-t1", "nat-keepalive");
    // The CGW's last packet is its IKE_AUTH request at 1.030 s; then one keepalive per interval.
    const SimTime last_ike = ms(1030);
    REQUIRE(sent.size() == static_cast<std::size_t>((sec(120) - last_ike) / sec(interval)));
    for (std::size_t i = 0; i < sent.size(); ++i) {
        CHECK(sent[i] == last_ike + sec(interval) * static_cast<int>(i + 1));
    }
    CHECK(times(r, "aws-t1", "nat-keepalive").empty());  // AWS is never behind the NAT
    CHECK(count(r, "nat-mapping-expired") == 0);
}

TEST_CASE("run - NAT keepalives only when nothing else was sent for the interval",
          "[run][nat][keepalive]") {
    SECTION("AWS's DPD every 10 s idle gets an answer each time: no 20 s keepalive is needed") {
        const auto r = simulate(idle_static({}));
        CHECK(count(r, "liveness-answered") >= 10);
        CHECK(count(r, "nat-keepalive") == 0);
    }
    SECTION("a 6 s keepalive fills the gaps between answers, never sooner than 6 s after one") {
        IdleParams p;
        p.keepalive = 6;
        const auto r = simulate(idle_static(p));
        const auto sent = times(r, "cgw-t1", "nat-keepalive");
        const auto answered = times(r, "cgw-t1", "liveness-answered");
        REQUIRE(sent.size() >= 10);
        REQUIRE(answered.size() >= 10);
        // Merge the CGW's transmissions in time order: each keepalive follows a 6 s silence.
        std::vector<std::pair<SimTime, bool>> tx;  // (time, is keepalive)
        tx.emplace_back(ms(1030), false);          // IKE_AUTH request
        for (const auto t : sent) tx.emplace_back(t, true);
        for (const auto t : answered) tx.emplace_back(t, false);
        std::sort(tx.begin(), tx.end());
        for (std::size_t i = 1; i < tx.size(); ++i) {
            if (tx[i].second) CHECK(tx[i].first - tx[i - 1].first == sec(6));
        }
    }
    SECTION("a dynamic VPN's BGP keeps the CGW busy: no keepalives behind a PAT") {
        testing::HealthyParams h;
        h.nat = "pat";
        h.duration = "3m";
        const auto r = simulate(testing::healthy_toml(h));
        CHECK(r.tunnels.at(0).nat_t_detected);
        CHECK(count(r, "nat-keepalive") == 0);
    }
}

TEST_CASE("run - no NAT keepalives without a NAT, or when disabled", "[run][nat][keepalive]") {
    IdleParams p;
    p.aws_dpd = "none";
    p.keepalive = 5;
    SECTION("no NAT on the path: NAT-T finds none, nothing to keep alive") {
        p.nat = "none";
        const auto r = simulate(idle_static(p));
        CHECK_FALSE(r.tunnels.at(0).nat_t_detected);
        CHECK(r.tunnels.at(0).status.up);
        CHECK(count(r, "nat-keepalive") == 0);
    }
    SECTION("nat_keepalive_seconds = 0") {
        p.keepalive = 0;
        const auto r = simulate(idle_static(p));
        CHECK(r.tunnels.at(0).nat_t_detected);
        CHECK(count(r, "nat-keepalive") == 0);
    }
    SECTION("a static NAT: the CGW is behind a NAT all the same") {
        p.nat = "static";
        const auto r = simulate(idle_static(p));
        CHECK(count(r, "nat-keepalive") > 0);
    }
}

TEST_CASE("run - an expired PAT mapping: AWS's DPD is dropped and the peer declared dead",
          "[run][nat]") {
    IdleParams p;
    p.keepalive = 0;
    p.udp_timeout = "8s";
    const auto r = simulate(idle_static(p));
    CHECK_FALSE(r.tunnels.at(0).status.up);
    CHECK(count(r, "nat-mapping-expired") == 3);  // the check and its two retransmissions
    CHECK(count(r, "dpd-timeout") == 1);
    SECTION("keepalives shorter than the timeout keep it alive") {
        p.keepalive = 7;
        const auto kept = simulate(idle_static(p));
        CHECK(kept.tunnels.at(0).status.up);
        CHECK(count(kept, "nat-mapping-expired") == 0);
    }
    SECTION("longer ones do not, and AWS does not follow a keepalive to its new port") {
        // The 10 s keepalive finds the mapping expired and opens a new one; a keepalive is not
        // authenticated, so AWS keeps sending to the old port (RFC 7296 §2.23).
        p.keepalive = 10;
        const auto lapsed = simulate(idle_static(p));
        CHECK_FALSE(lapsed.tunnels.at(0).status.up);
        CHECK(count(lapsed, "nat-mapping-expired") > 3);  // new mappings, and drops
        CHECK(count(lapsed, "nat-mapping-changed") == 0);
        CHECK(count(lapsed, "dpd-timeout") == 1);
    }
}

TEST_CASE("run - AWS follows the CGW to its new public port (RFC 7296 §2.23)", "[run][nat]") {
    // BGP every 10 s, a PAT forgetting mappings after 5 s: each CGW keepalive leaves from a new
    // public port, and AWS's ESP must follow it there or BGP's hold timer expires.
    auto text = testing::healthy_toml([] {
        testing::HealthyParams h;
        h.tunnels = 1;
        h.nat = "pat";
        h.duration = "3m";
        return h;
    }());
    text += "nat_udp_timeout = \"5s\"\n";
    text.replace(text.find("[cgw]\n"), 6, "[cgw]\nnat_keepalive_seconds = 0\n");
    const auto r = simulate(text);
    const auto moved = times(r, "aws-t1", "nat-mapping-changed");
    CHECK(moved.size() >= 10);
    CHECK(times(r, "cgw-t1", "nat-mapping-changed").empty());  // behind the NAT: never follows
    CHECK(r.tunnels.at(0).status.up);
    CHECK(count(r, "hold-timer-expired") == 0);
    const auto trace = r.trace.render();
    CHECK(trace.find("node=nat fsm=link new-mapping reason=nat-mapping-expired udp-esp "
                     "192.0.2.1 -> 203.0.113.10") != std::string::npos);
    CHECK(trace.find("node=aws-t1 fsm=nat-t peer-moved reason=nat-mapping-changed udp-esp "
                     "192.0.2.1 -> 203.0.113.10") != std::string::npos);
}

TEST_CASE("run - random loss on the path", "[run][loss]") {
    testing::HealthyParams h;
    h.duration = "3m";
    const auto lossy = [&](double loss, std::uint64_t seed) {
        h.seed = seed;
        return simulate(testing::healthy_toml(h) + fmt::format("loss = {}\n", loss));
    };
    const auto drops = [](const run::RunResult& r) {
        std::vector<std::string> out;
        for (const auto& rec : r.trace.records()) {
            if (rec.reason == "path-loss") out.push_back(kernel::format_record(rec));
        }
        return out;
    };
    SECTION("the same seed loses the same packets; another seed others") {
        const auto a = drops(lossy(0.1, 7));
        CHECK(a.size() >= 5);
        CHECK(drops(lossy(0.1, 7)) == a);
        CHECK(drops(lossy(0.1, 8)) != a);
    }
    SECTION("loss 0 loses nothing and adds no path device") {
        const auto r = lossy(0.0, 7);
        CHECK(drops(r).empty());
        CHECK(r.trace.render() == simulate(testing::healthy_toml(h)).trace.render());
    }
    SECTION("each packet is lost with probability p: about p of them over a long run") {
        // Lost / (lost + delivered) for the packets that crossed the path, counted in the trace:
        // every BGP keepalive and its ACK crosses once, and a lost one is retransmitted.
        h.duration = "30m";
        const auto r = lossy(0.2, 3);
        const auto lost = drops(r).size();
        std::size_t keepalives = 0;
        for (const auto& rec : r.trace.records()) {
            keepalives += rec.event == "send" && rec.fsm == "bgp";
        }
        // Each BGP send crosses the path with its ACK: roughly 2 x keepalives packets.
        const double rate = static_cast<double>(lost) / static_cast<double>(2 * keepalives + lost);
        CHECK(rate > 0.12);
        CHECK(rate < 0.28);
    }
}

TEST_CASE("run - properties of NAT keepalives", "[run][nat][prop]") {
    rc::prop(
        "behind any NAT, keepalives shorter than half the UDP timeout keep a healthy "
        "dynamic VPN UP for the whole run",
        [] {
            testing::HealthyParams h;
            h.tunnels = *rc::gen::inRange(1, 3);
            h.seed = *rc::gen::inRange<std::uint64_t>(0, 1'000'000);
            h.nat = *rc::gen::element<std::string>("none", "static", "pat");
            h.delay_ms = *rc::gen::inRange(0, 200);
            h.duration = "4m";
            // Half the cases keep a PAT's timeout below BGP's 10 s keepalive, where only the
            // NAT keepalives can hold the mapping.
            const int keepalive = *rc::gen::oneOf(rc::gen::inRange(1, 5), rc::gen::inRange(5, 61));
            const int timeout = *rc::gen::inRange(2 * keepalive, 3 * keepalive + 30);
            auto text = testing::healthy_toml(h);
            text.replace(text.find("[cgw]\n"), 6,
                         fmt::format("[cgw]\nnat_keepalive_seconds = {}\n", keepalive));
            if (h.nat == "pat") text += fmt::format("nat_udp_timeout = \"{}s\"\n", timeout);
            auto loaded = scenario::load_string(text, "generated.toml");
            RC_ASSERT(loaded.scenario.has_value());
            const auto r = run::simulate(*loaded.scenario);
            for (const auto& t : r.tunnels) {
                RC_ASSERT(t.status.up);
                RC_ASSERT(t.bgp_up_at.has_value());
                RC_ASSERT(*t.bgp_up_at <= sec(10));
            }
            // UP for the whole run: once Established, no BGP session ever left it, no IKE
            // SA failed, and the NAT never dropped a packet for want of a mapping.
            for (const auto& rec : r.trace.records()) {
                RC_ASSERT(
                    !(rec.fsm == "bgp" && rec.from == "Established" && rec.to != "Established"));
                RC_ASSERT(!(rec.fsm == "ike" && rec.to == "Failed"));
                RC_ASSERT(rec.reason != "nat-mapping-expired");
                RC_ASSERT(rec.reason != "nat-no-mapping");
            }
        });
}
