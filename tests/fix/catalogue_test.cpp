#include <catch2/catch.hpp>

#include "sim/fix/catalogue.hpp"
#include "sim/scenario/loader.hpp"
#include "tests/run/scenario_text.hpp"

using namespace vpnsim;

TEST_CASE("fix - every catalogue fix changes something and is then done", "[fix]") {
    auto loaded = scenario::load_string(testing::healthy_toml({}), "healthy.toml");
    REQUIRE(loaded.scenario);
    const auto healthy = *loaded.scenario;
    // Break everything a fix can repair, so every fix has something to do.
    auto broken = healthy;
    broken.aws.local_ipv4_network_cidr = *net::Ipv4Prefix::parse("10.0.0.0/16");
    broken.path.block = {scenario::Block::Udp500, scenario::Block::Udp4500, scenario::Block::Esp,
                         scenario::Block::Tcp179};
    broken.cgw.nat_t = false;
    broken.cgw.bgp.remote_as = 1;
    broken.aws.customer_gateway_asn = 65010;
    broken.cgw.bgp.md5_password = "x";
    broken.cgw.bgp.as_path_prepend = {64512};
    broken.cgw.bgp.hold_time_seconds = 180;
    broken.cgw.bgp.min_hold_time_seconds = 90;
    broken.cgw.bgp.next_hop = net::Ipv4Addr::from_octets(10, 0, 0, 1);
    broken.path.nat = scenario::NatMode::Pat;
    broken.path.nat_udp_timeout = sec(8);
    broken.cgw.nat_keepalive_seconds = 0;
    broken.cgw.asymmetric_routing = scenario::AsymmetricRouting::Drop;
    for (std::uint32_t i = 0; i < 101; ++i) {
        broken.cgw.bgp.announce.push_back(
            net::Ipv4Prefix{net::Ipv4Addr{(10U << 24) | (i << 8)}, 24});
    }
    for (auto& t : broken.aws.tunnels) t.ike_versions = {2};
    for (auto& t : broken.cgw.tunnels) {
        t.ike_version = 1;
        t.aggressive_mode = true;
        t.local_ts = {*net::Ipv4Prefix::parse("10.0.0.0/16")};
        t.psk = "wrong_psk_1";
        t.phase1.encryption = {ike::Encr::Aes256Gcm16};
        t.bgp_neighbor = net::Ipv4Addr::from_octets(169, 254, 99, 1);
        t.initiate = false;
        t.dpd_action = scenario::DpdAction::None;
        t.rekey = false;
        t.inside_ip = net::Ipv4Prefix{net::Ipv4Addr::from_octets(169, 254, 99, 2), 30};
    }
    broken.cgw.networks = {*net::Ipv4Prefix::parse("10.250.0.0/16")};  // announced by nothing
    for (const auto& f : fix::catalogue()) {
        CAPTURE(f.code);
        if (f.code == "cgw.repoint-peers" || f.code == "cgw.proposals-match-aws") continue;
        auto s = broken;
        if (f.code == "aws.recreate-vpn-static" || f.code == "aws.startup-action-start")
            s = healthy;
        if (f.code == "cgw.enable-bgp") s.cgw.bgp.enabled = false;
        if (f.code == "cgw.add-missing-tunnel") {  // the CGW configures one of two tunnels
            s = healthy;
            s.cgw.tunnels.resize(1);
        }
        if (f.code == "cgw.bgp-hold-time-30") s.cgw.bgp.hold_time_seconds = 2;
        if (f.code == "aws.add-static-route") {  // a static VPN without a route for its LAN
            s = healthy;
            s.aws.routing = scenario::Routing::Static;
            s.cgw.networks = {*net::Ipv4Prefix::parse("10.20.0.0/16")};
        }
        if (f.code == "cgw.nat-keepalive") s.cgw.nat_t = true;  // keepalives need NAT-T
        if (f.code == "cgw.clamp-mss") s.cgw.mss_clamp = 0;
        if (f.code == "cgw.static-route-vpc") {  // a static CGW routing a typo, not the VPC
            s.cgw.bgp.enabled = false;
            s.cgw.tunnels.front().static_routes = {*net::Ipv4Prefix::parse("172.16.0.0/16")};
        }
        CHECK(f.applicable(s));
        f.apply(s);
        CHECK_FALSE(f.applicable(s));  // applying a fix completes it
    }
    SECTION("the missing tunnel is configured as AWS's file describes it") {
        const auto& cat = fix::catalogue();
        const auto& f = *std::find_if(cat.begin(), cat.end(), [](const auto& x) {
            return x.code == "cgw.add-missing-tunnel";
        });
        CHECK_FALSE(f.applicable(healthy));
        auto s = healthy;
        s.cgw.tunnels.resize(1);
        s.cgw.tunnels[0].local_ts = {healthy.aws.tunnels[0].inside_cidr};  // a BGP-only template
        s.cgw.tunnels[0].bgp_neighbor = healthy.aws.tunnels[0].inside_cidr.nth(1);
        REQUIRE(f.applicable(s));
        f.apply(s);
        REQUIRE(s.cgw.tunnels.size() == 2);
        const auto& added = s.cgw.tunnels[1];
        CHECK(added.peer == healthy.aws.tunnels[1].outside_ip);
        CHECK(added.psk == healthy.aws.tunnels[1].psk);
        CHECK(added.local_ts == std::vector{healthy.aws.tunnels[1].inside_cidr});
        CHECK_FALSE(added.bgp_neighbor);  // the default: its own tunnel's AWS inside address
        CHECK_FALSE(f.applicable(s));
    }
    SECTION("allowing asymmetric routing changes only the CGW's firewall setting") {
        const auto& cat = fix::catalogue();
        const auto& f = *std::find_if(
            cat.begin(), cat.end(), [](const auto& x) { return x.code == "cgw.allow-asymmetric"; });
        CHECK(f.cost == fix::CostClass::CgwConfig);
        CHECK_FALSE(f.applicable(healthy));  // the default already allows it
        auto s = healthy;
        s.cgw.asymmetric_routing = scenario::AsymmetricRouting::Drop;
        REQUIRE(f.applicable(s));
        f.apply(s);
        CHECK(s.cgw.asymmetric_routing == scenario::AsymmetricRouting::Allow);
    }
    SECTION("the BGP timer and next-hop fixes undo exactly their setting") {
        const auto& cat = fix::catalogue();
        const auto find = [&](std::string_view code) {
            return *std::find_if(cat.begin(), cat.end(),
                                 [&](const auto& f) { return f.code == code; });
        };
        auto s = broken;
        CHECK(find("cgw.bgp-min-hold-time").cost == fix::CostClass::CgwConfig);
        find("cgw.bgp-min-hold-time").apply(s);
        CHECK(s.cgw.bgp.min_hold_time_seconds == 0);
        CHECK(s.cgw.bgp.hold_time_seconds == 180);  // the CGW's own timers stay
        s.cgw.bgp.min_hold_time_seconds = 30;       // a minimum AWS's 30 s meets
        CHECK_FALSE(find("cgw.bgp-min-hold-time").applicable(s));
        CHECK(find("cgw.bgp-next-hop-self").cost == fix::CostClass::CgwConfig);
        find("cgw.bgp-next-hop-self").apply(s);
        CHECK_FALSE(s.cgw.bgp.next_hop.has_value());
    }
    SECTION("NAT keepalives: strongSwan's 20 s, or half a shorter PAT timeout") {
        const auto& cat = fix::catalogue();
        const auto find = [&](std::string_view code) {
            return *std::find_if(cat.begin(), cat.end(),
                                 [&](const auto& f) { return f.code == code; });
        };
        const auto keepalive = find("cgw.nat-keepalive");
        CHECK(keepalive.cost == fix::CostClass::CgwConfig);
        auto s = broken;
        s.cgw.nat_t = true;
        keepalive.apply(s);
        CHECK(s.cgw.nat_keepalive_seconds == 4);  // half of 8 s
        s.path.nat_udp_timeout = sec(120);
        CHECK_FALSE(keepalive.applicable(s));  // 4 s is shorter than 120 s too
        s.cgw.nat_keepalive_seconds = 120;     // as long as the timeout: useless
        CHECK(keepalive.applicable(s));
        keepalive.apply(s);
        CHECK(s.cgw.nat_keepalive_seconds == 20);
        s.path.nat = scenario::NatMode::Static;  // nothing expires behind a static NAT
        s.cgw.nat_keepalive_seconds = 0;
        CHECK_FALSE(keepalive.applicable(s));
        const auto raise = find("nat.raise-udp-timeout");
        CHECK(raise.cost == fix::CostClass::OpenFirewall);
        auto t = broken;
        CHECK(raise.applicable(t));
        raise.apply(t);
        CHECK(t.path.nat_udp_timeout == sec(120));
        CHECK(t.cgw.nat_keepalive_seconds == 0);  // the CGW is left alone
    }
    SECTION("a recreate assigns new outside IPs, which a re-point then follows") {
        auto s = healthy;
        const auto& cat = fix::catalogue();
        const auto find = [&](std::string_view code) {
            return *std::find_if(cat.begin(), cat.end(),
                                 [&](const auto& f) { return f.code == code; });
        };
        CHECK_FALSE(find("cgw.repoint-peers").applicable(s));
        find("aws.recreate-vpn-static").apply(s);
        CHECK(s.aws.routing == scenario::Routing::Static);
        CHECK(s.aws.tunnels[0].outside_ip != healthy.aws.tunnels[0].outside_ip);
        CHECK(s.aws.tunnels[0].inside_cidr == healthy.aws.tunnels[0].inside_cidr);  // kept
        CHECK(s.aws.tunnels[0].psk == healthy.aws.tunnels[0].psk);                  // kept
        CHECK(find("cgw.repoint-peers").applicable(s));
        find("cgw.repoint-peers").apply(s);
        CHECK(s.cgw.tunnels[0].peer == s.aws.tunnels[0].outside_ip);
    }
}
