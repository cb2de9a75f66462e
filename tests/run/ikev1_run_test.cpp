// IKEv1 at run level: NAT-T across a PAT (RFC 3947, RFC 3948), DPD across a path outage (RFC
// 3706), quick-mode and main-mode rekeys that keep BGP up (RFC 2409 §5, §5.5), and a
// policy-based CGW's one quick mode per proxy-ID pair.
#include <rapidcheck.h>
#include <rapidcheck/catch.h>
#include <catch2/catch.hpp>

#include <string>

#include "sim/diagnose/diagnose.hpp"
#include "tests/run/healthy_gen.hpp"
#include "tests/run/run_support.hpp"
#include "tests/run/scenario_text.hpp"

using namespace vpnsim;
using testing::bgp_history;
using testing::count;
using testing::HealthyParams;
using testing::simulate;
using testing::with_tunnel_keys;

namespace {

HealthyParams v1_params() {
    HealthyParams p;
    p.ike_version = 1;
    return p;
}

int count_text(const run::RunResult& r, std::string_view needle) {
    int n = 0;
    for (const auto& rec : r.trace.records()) {
        n += rec.detail.str().find(needle) != std::string::npos;
    }
    return n;
}

}  // namespace

TEST_CASE("run ikev1 - RFC 3947 behind a PAT: NAT-D finds it, ESP crosses in UDP 4500",
          "[run][ikev1][nat]") {
    auto p = v1_params();
    p.nat = "pat";
    p.duration = "2m";
    SECTION("NAT-T on: both tunnels UP, the CGW sends NAT keepalives when idle") {
        const auto r = simulate(testing::healthy_toml(p));
        REQUIRE(r);
        for (const auto& t : r->tunnels) {
            CHECK(t.nat_t_detected);
            CHECK(t.status.up);
        }
        CHECK(count(*r, "link", "pat-cannot-translate-esp") == 0);
    }
    SECTION("NAT-T off: main and quick mode complete, raw ESP is dropped by the PAT") {
        const auto text = testing::healthy_toml(p);
        const auto off = text.substr(0, text.find("asn = 65000\n") + 12) + "nat_t = false\n" +
                         text.substr(text.find("asn = 65000\n") + 12);
        auto loaded = scenario::load_string(off, "generated.toml");
        REQUIRE(loaded.scenario);
        const auto r = run::simulate(*loaded.scenario);
        for (const auto& t : r.tunnels) {
            CHECK_FALSE(t.nat_t_detected);
            CHECK(t.child_state == "established");
            CHECK_FALSE(t.status.up);
        }
        // The IKEv2 diagnosis holds for IKEv1, with IKEv1's words for the fix.
        const auto d = diagnose::diagnose(*loaded.scenario, r);
        REQUIRE(d.causes.size() == 1);
        CHECK(d.causes.at(0).code == "nat.pat-without-nat-t");
        CHECK_THAT(d.causes.at(0).explanation, Catch::Contains("RFC 3947 vendor ID"));
    }
}

TEST_CASE("run ikev1 - RFC 3706 DPD", "[run][ikev1][dpd]") {
    auto p = v1_params();
    p.tunnels = 1;
    p.duration = "5m";
    SECTION("BGP keepalives count as liveness: no R-U-THERE on a healthy tunnel") {
        const auto r = simulate(testing::healthy_toml(p));
        REQUIRE(r);
        CHECK(count(*r, "ike", "liveness-check") == 0);
        CHECK(r->tunnels.at(0).status.up);
    }
    const auto base =
        testing::healthy_toml(p) + "outage = { start = \"60s\", duration = \"90s\" }\n";
    SECTION("a path outage: AWS clears, the CGW's DPD restart brings the tunnel back") {
        const auto r = simulate(base);
        REQUIRE(r);
        CHECK(count(*r, "ike", "dpd-timeout") == 2);  // AWS and the CGW
        CHECK(count_text(*r, "R-U-THERE seq") > 0);
        CHECK(count_text(*r, "AWS tunnel DPD timed out after") == 1);
        CHECK(r->tunnels.at(0).status.up);
        CHECK(bgp_history(*r, "aws-t1").entered == 2);
    }
    SECTION("a CGW without DPD keeps a stale SA; AWS clears and the tunnel stays DOWN") {
        const auto r = simulate(with_tunnel_keys(base, false, "dpd_action = \"none\"\n"));
        REQUIRE(r);
        CHECK(count(*r, "ike", "dpd-timeout") == 1);
        CHECK_FALSE(r->tunnels.at(0).status.up);
    }
}

TEST_CASE("run ikev1 - phase 2 and phase 1 rekeys keep BGP Established", "[run][ikev1][rekey]") {
    auto p = v1_params();
    p.duration = "40m";
    auto text = with_tunnel_keys(testing::healthy_toml(p), true,
                                 "phase1_lifetime_seconds = 1200\nphase2_lifetime_seconds = 900\n");
    text = with_tunnel_keys(text, false,
                            "ike_lifetime_seconds = 1200\nphase2_lifetime_seconds = 900\n"
                            "rekey_margin_time_seconds = 270\n");
    const auto r = simulate(text);
    REQUIRE(r);
    CHECK(count(*r, "ike", "child-rekeyed") >= 2 * 2 * 2);
    CHECK(count(*r, "ike", "ike-rekeyed") >= 2 * 2);
    CHECK(count(*r, "ike", "child-expired") == 0);
    CHECK(count(*r, "ike", "ike-expired") == 0);
    for (std::size_t i = 0; i < r->tunnels.size(); ++i) {
        const auto h = bgp_history(*r, "aws-t" + std::to_string(i + 1));
        CHECK(h.entered == 1);
        CHECK(h.left == 0);
        CHECK(r->tunnels[i].status.up);
    }
}

TEST_CASE("run ikev1 - a CGW that does not rekey: phase 2 expires with an ISAKMP Delete",
          "[run][ikev1][rekey]") {
    auto p = v1_params();
    p.tunnels = 1;
    p.duration = "20m";
    auto text = with_tunnel_keys(testing::healthy_toml(p), false,
                                 "phase2_lifetime_seconds = 900\nrekey = false\n"
                                 "rekey_margin_time_seconds = 270\n");
    const auto r = simulate(text);
    REQUIRE(r);
    // AWS (3600 s) never rekeys first, so the CGW's SA reaches its hard lifetime.
    CHECK(count(*r, "ike", "child-expired") == 1);
    CHECK(count_text(*r, "AWS tunnel received DELETE for Phase 2 SA with SPI") == 1);
    CHECK_FALSE(r->tunnels.at(0).status.up);
}

TEST_CASE("run ikev1 - a policy-based CGW's second quick mode replaces the first (one SA pair)",
          "[run][ikev1][policy][one-sa-pair]") {
    auto p = v1_params();
    p.tunnels = 1;
    p.duration = "1m";
    auto text = testing::healthy_toml(p);
    const auto at = text.find("local_ts = [\"0.0.0.0/0\"]\n");
    REQUIRE(at != std::string::npos);
    text.replace(at, std::string("local_ts = [\"0.0.0.0/0\"]\n").size(),
                 "policy = \"policy-based\"\nproxy_ids = [{ local = \"10.0.0.0/16\", remote = "
                 "\"172.31.0.0/16\" }, { local = \"169.254.10.0/30\", remote = "
                 "\"169.254.10.0/30\" }]\n");
    const auto r = simulate(text);
    REQUIRE(r);
    const auto& t = r->tunnels.at(0);
    CHECK(t.selectors_cgw == "169.254.10.0/30");  // the second pair's SA is the tunnel's
    CHECK(t.further_sas.empty());
    CHECK(t.sa_replacements == 1);
    CHECK(t.status.up);  // BGP runs over the APIPA pair's SA
    CHECK(count_text(*r, "AWS tunnel Phase 2 SA is established") == 2);
    CHECK(count_text(*r, "ISAKMP Delete sent") == 1);  // RFC 2408 §3.15, for the first SA
}

TEST_CASE("run ikev1 - properties of phase 1 and phase 2 rekeys", "[run][ikev1][prop][rekey]") {
    rc::prop("IKEv1 rekeys never drop BGP, crossing ones included", [] {
        auto p = testing::any_healthy(0, 299);
        p.ike_version = 1;
        p.duration = "40m";
        // Margins the CGW may have too, so that with no fuzz both rekey at once.
        const int aws_margin =
            *rc::gen::oneOf(rc::gen::element(60, 270, 450), rc::gen::inRange(60, 451));
        const int aws_fuzz = *rc::gen::element(0, 0, 30, 100);  // 0: crossing rekeys likely
        const int cgw_phase2 = *rc::gen::element(900, 1200);
        const int cgw_margin = *rc::gen::element(60, 270, cgw_phase2 / 2);
        const int cgw_fuzz = *rc::gen::element(0, 0, 100);
        auto text = with_tunnel_keys(
            testing::healthy_toml(p), true,
            fmt::format("phase1_lifetime_seconds = 1200\nphase2_lifetime_seconds = 900\n"
                        "rekey_margin_time_seconds = {}\nrekey_fuzz_percentage = {}\n",
                        aws_margin, aws_fuzz));
        text = with_tunnel_keys(
            text, false,
            fmt::format("ike_lifetime_seconds = {}\nphase2_lifetime_seconds = {}\n"
                        "rekey_margin_time_seconds = {}\nrekey_fuzz_percentage = {}\n",
                        *rc::gen::element(1800, 3600), cgw_phase2, cgw_margin, cgw_fuzz));
        const auto r = simulate(text);
        RC_ASSERT(r.has_value());
        RC_ASSERT(count(*r, "ike", "child-rekeyed") >= 2 * 2 * p.tunnels);
        RC_ASSERT(count(*r, "ike", "ike-rekeyed") >= 2 * p.tunnels);
        RC_ASSERT(count(*r, "ike", "child-expired") == 0);
        RC_ASSERT(count(*r, "ike", "ike-expired") == 0);
        RC_ASSERT(count(*r, "link", "unknown-spi") == 0);
        RC_ASSERT(count(*r, "ike", "unknown-spi") == 0);
        for (std::size_t i = 0; i < r->tunnels.size(); ++i) {
            const auto h = bgp_history(*r, fmt::format("aws-t{}", i + 1));
            RC_ASSERT(h.entered == 1);
            RC_ASSERT(h.left == 0);
            RC_ASSERT(r->tunnels[i].status.up);
        }
    });
}

TEST_CASE("run ikev1 - AWS's DPD restart re-initiates in IKEv1", "[run][ikev1][dpd]") {
    auto p = v1_params();
    p.tunnels = 1;
    p.duration = "5m";
    auto text = with_tunnel_keys(
        testing::healthy_toml(p) + "outage = { start = \"60s\", duration = \"90s\" }\n", false,
        "dpd_action = \"none\"\n");
    text = with_tunnel_keys(text, true, "dpd_timeout_action = \"restart\"\n");
    const auto r = simulate(text);
    REQUIRE(r);
    CHECK(count(*r, "ike", "dpd-timeout") == 1);  // AWS only: the CGW sends no checks
    // The CGW still holds its phase 1: AWS's new main mode is a phase 1 rekey to it, and the
    // quick mode that follows replaces its stale IPsec SA.
    CHECK(count_text(*r, "phase 1 rekey by the peer") >= 1);
    CHECK(r->tunnels.at(0).status.up);
}

TEST_CASE("run ikev1 - properties on a lossy path", "[run][ikev1][prop][loss]") {
    rc::prop("with random loss, IKEv1 retransmissions keep every SA from expiring", [] {
        // Each lost main mode, quick mode or R-U-THERE message is retransmitted; a lost QM3
        // is recovered by the responder's QM2 retransmission (RFC 2409 §5.5).
        auto p = testing::any_healthy(0, 150);
        p.ike_version = 1;
        p.duration = "40m";
        const int loss_pct = *rc::gen::inRange(1, 6);
        auto text = with_tunnel_keys(testing::healthy_toml(p), true,
                                     "phase1_lifetime_seconds = 1200\n"
                                     "phase2_lifetime_seconds = 900\n");
        text = with_tunnel_keys(text, false,
                                "ike_lifetime_seconds = 1800\nphase2_lifetime_seconds = 900\n"
                                "rekey_margin_time_seconds = 270\n");
        text += fmt::format("loss = 0.0{}\n", loss_pct);
        const auto r = simulate(text);
        RC_ASSERT(r.has_value());
        RC_ASSERT(count(*r, "ike", "child-expired") == 0);
        RC_ASSERT(count(*r, "ike", "ike-expired") == 0);
        // Losing a whole DPD exchange three times in a row is rare, and legitimate.
        if (count(*r, "ike", "dpd-timeout") == 0) {
            for (const auto& t : r->tunnels) {
                RC_ASSERT(t.child_state == "established" || t.child_state == "rekeying");
            }
        }
    });
}
