// Properties of diagnosis and fix search on generated scenarios: a healthy configuration with
// exactly one injected fault from the catalogue.
#include <rapidcheck.h>
#include <rapidcheck/catch.h>
#include <catch2/catch.hpp>

#include <algorithm>

#include "sim/diagnose/diagnose.hpp"
#include "sim/fix/search.hpp"
#include "sim/run/world.hpp"
#include "sim/scenario/loader.hpp"
#include "tests/run/healthy_gen.hpp"
#include "tests/run/scenario_text.hpp"

using namespace vpnsim;

namespace {

struct Fault {
    const char* name;
    const char* cause;    // what diagnose must name
    const char* inverse;  // the fix that undoes it
    bool (*fits)(const testing::HealthyParams&);
    void (*inject)(scenario::Scenario&);
};

bool always(const testing::HealthyParams&) {
    return true;
}
bool no_nat(const testing::HealthyParams& p) {
    return p.nat == "none";
}
bool pat(const testing::HealthyParams& p) {
    return p.nat == "pat";
}
bool has_prefixes(const testing::HealthyParams& p) {
    return p.prefixes > 0;
}

const net::Ipv4Prefix k10 = *net::Ipv4Prefix::parse("10.0.0.0/16");
const net::Ipv4Prefix k10_8 = *net::Ipv4Prefix::parse("10.0.0.0/8");  // every generated LAN
const net::Ipv4Prefix k172 = *net::Ipv4Prefix::parse("172.31.0.0/16");
const net::Ipv4Prefix k169 = *net::Ipv4Prefix::parse("169.254.0.0/16");  // every inside /30

// clang-format off
const Fault kFaults[] = {
    {"proxy-ids", "ts.excludes-bgp-peers", "cgw.proxy-ids-any", always,
     [](scenario::Scenario& s) { for (auto& t : s.cgw.tunnels) { t.local_ts = {k10}; t.remote_ts = {k172}; } }},
    {"policy-based", "ts.excludes-bgp-peers", "cgw.proxy-ids-any", always,
     [](scenario::Scenario& s) { for (auto& t : s.cgw.tunnels) { t.policy = scenario::TunnelPolicy::PolicyBased; t.proxy_ids = {{k10_8, k172}}; } }},
    // Two pairs, one of them for every APIPA /30: AWS keeps one SA pair, the pairs take turns.
    {"policy-pairs", "ipsec.multiple-sa-pairs", "cgw.proxy-ids-any", always,
     [](scenario::Scenario& s) { for (auto& t : s.cgw.tunnels) { t.policy = scenario::TunnelPolicy::PolicyBased; t.proxy_ids = {{k10_8, k172}, {k169, k169}}; } }},
    {"aws-cidrs", "ts.excludes-bgp-peers", "aws.network-cidrs-any", always,
     [](scenario::Scenario& s) { s.aws.local_ipv4_network_cidr = k10; s.aws.remote_ipv4_network_cidr = k172; }},
    {"no-bgp", "bgp.not-configured-on-cgw", "cgw.enable-bgp", always,
     [](scenario::Scenario& s) { s.cgw.bgp.enabled = false; s.cgw.bgp.announce.clear(); }},
    {"psk", "ike.psk-mismatch", "cgw.psk-match-aws", always,
     [](scenario::Scenario& s) { s.cgw.tunnels[0].psk = "not_the_psk"; }},
    {"md5", "bgp.md5-mismatch", "cgw.remove-md5", always,
     [](scenario::Scenario& s) { s.cgw.bgp.md5_password = "s3cret"; }},
    {"prepend", "bgp.as-path-own-as", "cgw.remove-as-path-prepend", has_prefixes,
     [](scenario::Scenario& s) { s.cgw.bgp.as_path_prepend = {s.aws.asn}; }},
    {"remote-as", "bgp.peer-as-mismatch", "cgw.remote-as-amazon-asn", always,
     [](scenario::Scenario& s) { s.cgw.bgp.remote_as = 65512; }},
    {"esp", "firewall.esp-blocked", "firewall.allow-esp", no_nat,
     [](scenario::Scenario& s) { s.path.block = {scenario::Block::Esp}; }},
    {"udp500", "firewall.ike-blocked", "firewall.allow-udp-500", always,
     [](scenario::Scenario& s) { s.path.block = {scenario::Block::Udp500}; }},
    {"nat-t", "nat.pat-without-nat-t", "cgw.enable-nat-t", pat,
     [](scenario::Scenario& s) { s.cgw.nat_t = false; }},
    {"neighbor", "bgp.wrong-neighbor", "cgw.bgp-neighbor-inside", always,
     [](scenario::Scenario& s) { for (auto& t : s.cgw.tunnels) t.bgp_neighbor = net::Ipv4Addr::from_octets(169, 254, 99, 1); }},
    {"min-hold", "bgp.hold-time-unacceptable", "cgw.bgp-min-hold-time", always,
     [](scenario::Scenario& s) { s.cgw.bgp.keepalive_seconds = 60; s.cgw.bgp.hold_time_seconds = 180; s.cgw.bgp.min_hold_time_seconds = 90; }},
    {"next-hop", "bgp.next-hop-not-connected", "cgw.bgp-next-hop-self", has_prefixes,
     [](scenario::Scenario& s) { s.cgw.bgp.next_hop = net::Ipv4Addr::from_octets(10, 0, 0, 1); }},
    {"respond-only", "ike.nobody-initiates", "cgw.initiate", always,
     [](scenario::Scenario& s) { for (auto& t : s.cgw.tunnels) t.initiate = false; }},
};
// clang-format on

struct Case {
    scenario::Scenario s;
    const Fault* fault;
};

Case generate() {
    auto p = testing::any_healthy(1, 199);
    p.prefixes = *rc::gen::inRange(0, 4);
    p.duration = "90s";
    // Drawn by name, so a counterexample shows which fault it is.
    std::vector<std::string> fitting;
    for (const auto& f : kFaults) {
        if (f.fits(p)) fitting.emplace_back(f.name);
    }
    const auto name = *rc::gen::elementOf(fitting);
    const Fault* fault = &*std::find_if(std::begin(kFaults), std::end(kFaults),
                                        [&](const Fault& f) { return f.name == name; });
    auto loaded = scenario::load_string(testing::healthy_toml(p), "generated.toml");
    RC_ASSERT(loaded.scenario.has_value());
    auto s = *loaded.scenario;
    fault->inject(s);
    RC_TAG(fault->name);
    return Case{s, fault};
}

std::string code(std::size_t i) {
    return std::string(fix::catalogue()[i].code);
}

}  // namespace

TEST_CASE("fix - properties over one injected fault", "[fix][diagnose][prop]") {
    rc::prop("diagnose names the fault; fix finds a set containing its inverse", [] {
        const auto c = generate();
        const auto r = run::simulate(c.s);
        const auto d = diagnose::diagnose(c.s, r);
        RC_ASSERT(std::any_of(d.causes.begin(), d.causes.end(),
                              [&](const diagnose::Cause& x) { return x.code == c.fault->cause; }));
        const auto found = fix::search(c.s);
        RC_ASSERT(
            std::any_of(found.minimal.begin(), found.minimal.end(), [&](const fix::Candidate& m) {
                return std::any_of(m.fixes.begin(), m.fixes.end(),
                                   [&](std::size_t i) { return code(i) == c.fault->inverse; });
            }));
    });
    rc::prop("every reported set works end to end, and no proper subset does", [] {
        const auto c = generate();
        const auto found = fix::search(c.s);
        const auto plan = run::probe_plan(c.s);
        for (const auto& m : found.minimal) {
            const auto fixed = fix::apply(c.s, m.fixes);
            RC_ASSERT(fix::works_end_to_end(fixed, plan));
            // Proper subsets: drop each fix in turn (subsets of those were checked as smaller
            // sets by the same rule when they were reported or rejected).
            for (std::size_t k = 0; k < m.fixes.size(); ++k) {
                auto smaller = m.fixes;
                smaller.erase(smaller.begin() + static_cast<std::ptrdiff_t>(k));
                const auto variant = fix::apply(c.s, smaller);
                RC_ASSERT(!fix::works_end_to_end(variant, plan));
            }
        }
    });
}

TEST_CASE("fix - prefix summarisation (RFC 4632 §3.1)", "[fix]") {
    const auto p = [](const char* s) { return *net::Ipv4Prefix::parse(s); };
    CHECK(fix::summarise({p("10.0.0.0/24"), p("10.0.1.0/24")}) == std::vector{p("10.0.0.0/23")});
    CHECK(fix::summarise({p("10.0.1.0/24"), p("10.0.2.0/24")}) ==
          std::vector{p("10.0.1.0/24"), p("10.0.2.0/24")});  // not siblings
    CHECK(fix::summarise({p("10.0.0.0/16"), p("10.0.5.0/24"), p("10.0.0.0/16")}) ==
          std::vector{p("10.0.0.0/16")});
    std::vector<net::Ipv4Prefix> many;
    for (std::uint32_t i = 0; i < 256; ++i) {
        many.push_back(net::Ipv4Prefix{net::Ipv4Addr{(10U << 24) | (i << 8)}, 24});
    }
    CHECK(fix::summarise(many) == std::vector{p("10.0.0.0/16")});
}

TEST_CASE("fix - a recreate without the re-point is shown to fail", "[fix]") {
    auto loaded = scenario::load_file(std::string(VPNSIM_SOURCE_DIR) +
                                      "/scenarios/training/bgp-not-configured-on-cgw.toml");
    REQUIRE(loaded.scenario);
    const auto found = fix::search(*loaded.scenario);
    const auto is = [&](const fix::Candidate& c, std::vector<std::string> codes) {
        std::vector<std::string> got;
        for (const auto i : c.fixes) got.push_back(code(i));
        return got == codes;
    };
    CHECK(std::any_of(found.tried.begin(), found.tried.end(),
                      [&](const auto& c) { return is(c, {"aws.recreate-vpn-static"}); }));
    CHECK(std::any_of(found.minimal.begin(), found.minimal.end(), [&](const auto& c) {
        return is(c, {"aws.recreate-vpn-static", "cgw.repoint-peers"});
    }));
    CHECK(code(found.minimal.front().fixes.front()) == "cgw.enable-bgp");  // cheapest first
}

TEST_CASE("fix - on a lossy path a set that works by luck under one seed is not a fix", "[fix]") {
    auto loaded = scenario::load_file(std::string(VPNSIM_SOURCE_DIR) +
                                      "/scenarios/training/path-heavy-loss.toml");
    REQUIRE(loaded.scenario);
    // At 50 % loss no candidate carries traffic under any seed; at a lower loss some do under
    // the scenario's own seed and not under a further one (which loss that is depends on the
    // draws: the first of these that shows one).
    auto s = *loaded.scenario;
    fix::SearchResult found;
    auto lucky = found.tried.end();
    for (const double loss : {0.2, 0.25, 0.3, 0.35, 0.4}) {
        s.path.loss = loss;
        found = fix::search(s);
        lucky = std::find_if(found.tried.begin(), found.tried.end(),
                             [](const fix::Candidate& c) { return c.fails_under_seed; });
        if (lucky != found.tried.end()) break;
    }
    // It brought every tunnel UP under the scenario's own seed; the further seeds showed it was
    // the loss's draw, so it is listed as tried, with that seed, and never as a fix.
    REQUIRE(lucky != found.tried.end());
    CHECK(std::none_of(found.minimal.begin(), found.minimal.end(),
                       [&](const fix::Candidate& c) { return c.fixes == lucky->fixes; }));
    CHECK(std::all_of(lucky->outcome.begin(), lucky->outcome.end(),
                      [](const fix::TunnelOutcome& o) { return o.status == "UP"; }));
    CHECK(*lucky->fails_under_seed > loaded.scenario->seed);
    CHECK(*lucky->fails_under_seed < loaded.scenario->seed + fix::kLossProofSeeds);
}
