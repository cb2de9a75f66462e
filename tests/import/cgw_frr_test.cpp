// The FRR reader: the bundled samples (scenarios/templates/frr, placeholders filled in with
// TEST-NET values) give exactly the settings, positions and words expected; every default it
// writes out, every policy path (prefix-lists, route-maps in and out, peer-groups), every
// warning and every error (line and column pinned); hostile input gives errors or an empty
// draft.
#include "tests/import/cgw_frr_test_util.hpp"

TEST_CASE("frr - the healthy sample", "[import][frr]") {
    const auto text = sample("healthy.frr.conf");
    const auto d = read(text);
    CHECK(d.dialect == import::Dialect::Frr);
    CHECK_FALSE(d.vendor.has_value());
    CHECK(errors(d).empty());
    CHECK(d.warnings.empty());
    const auto n1 = "neighbor 169.254.10.1 timers 10 30";
    CHECK(listed(d.cgw) ==
          std::vector<std::string>{
              item("asn", "65000", pos(text, "router bgp", "65000"), "router bgp"),
              item("bgp.enabled", "true", pos(text, "router bgp", "router"), "router bgp"),
              item("bgp.remote_as", "64512", pos(text, "neighbor 169.254.10.1 remote", "64512"),
                   "neighbor 169.254.10.1 remote-as"),
              item("bgp.keepalive_seconds", "10", pos(text, n1, "10 30"),
                   "neighbor 169.254.10.1 timers"),
              item("bgp.hold_time_seconds", "30", pos(text, n1, "30"),
                   "neighbor 169.254.10.1 timers"),
              item("bgp.connect_retry_seconds", "120", pos(text, "frr defaults", "traditional"),
                   "frr defaults traditional"),
              item("bgp.announce", "[\"10.0.0.0/16\"]", pos(text, "  network", "10.0.0.0/16"),
                   "network"),
          });
    REQUIRE(d.tunnels.size() == 4);
    CHECK(tunnel(d.tunnels[0]) == fmt::format("vti1 ipsec=false inside=169.254.10.2 @{}:{}",
                                              pos(text, "ip address 169.254.10.2", "169").line,
                                              13));
    CHECK(listed(d.tunnels[0].settings) ==
          std::vector<std::string>{item("inside_ip", "\"169.254.10.2/30\"",
                                        pos(text, "ip address 169.254.10.2", "169"),
                                        "interface vti1 ip address")});
    CHECK(tunnel(d.tunnels[1]).substr(0, 37) == "vti2 ipsec=false inside=169.254.11.2 ");
    const auto at1 = pos(text, "neighbor 169.254.10.1 remote", "169");
    CHECK(tunnel(d.tunnels[2]) ==
          fmt::format("169.254.10.1 ipsec=false inside=169.254.10.1 @{}:11", at1.line));
    CHECK(listed(d.tunnels[2].settings) ==
          std::vector<std::string>{
              item("bgp_neighbor", "\"169.254.10.1\"", at1, "neighbor 169.254.10.1")});
    CHECK(d.tunnels[3].inside->to_string() == "169.254.11.1");
    CHECK_FALSE(d.tunnels[3].peer.has_value());
}

TEST_CASE("frr - a password on one neighbor", "[import][frr]") {
    const auto text = sample("md5.frr.conf");
    const auto d = read(text);
    CHECK(errors(d).empty());
    CHECK(d.warnings == std::vector<std::string>{
                            warning(line_of(text, "neighbor 169.254.11.1 remote-as"),
                                    "neighbor 169.254.11.1 no password (one for all neighbors)")});
    const auto password = pos(text, "password", "S3cr3t");
    CHECK(std::count(d.cgw.begin(), d.cgw.end(),
                     Setting{"bgp.md5_password", "\"S3cr3t-md5-key\"", password,
                             "neighbor 169.254.10.1 password"}) == 1);
}

TEST_CASE("frr - the CGW's own inside address as a neighbor", "[import][frr]") {
    const auto text = sample("wrong-neighbor.frr.conf");
    const auto d = read(text);
    CHECK(errors(d).empty());
    CHECK(d.warnings ==
          std::vector<std::string>{warning(line_of(text, "neighbor 169.254.10.2 remote-as"),
                                           "neighbor 169.254.10.2: own address of vti1")});
    REQUIRE(d.tunnels.size() == 4);
    CHECK(d.tunnels[2].settings.front().value == "\"169.254.10.2\"");
    CHECK(d.tunnels[2].inside->to_string() == "169.254.10.2");
}

TEST_CASE("frr - active/passive by route-map out", "[import][frr]") {
    const auto text = sample("prepend-med.frr.conf");
    const auto d = read(text);
    CHECK(errors(d).empty());
    CHECK(d.warnings.empty());
    REQUIRE(d.tunnels.size() == 4);
    CHECK(listed(d.tunnels[2].settings).size() == 1);  // tunnel 1: nothing changed
    const auto set = pos(text, "set as-path prepend", "65000 65000");
    CHECK(listed(d.tunnels[3].settings) ==
          std::vector<std::string>{
              item("bgp_neighbor", "\"169.254.11.1\"",
                   pos(text, "neighbor 169.254.11.1 remote", "169"), "neighbor 169.254.11.1"),
              item("as_path_prepend", "[65000, 65000]", set, "set as-path prepend"),
              item("med", "200", pos(text, "set metric", "200"), "set metric"),
          });
    const auto announce = std::find_if(d.cgw.begin(), d.cgw.end(),
                                       [](const auto& s) { return s.key == "bgp.announce"; });
    REQUIRE(announce != d.cgw.end());
    CHECK(announce->value == "[\"10.0.0.0/16\", \"10.1.0.0/16\"]");
}

TEST_CASE("frr - FRR's own defaults written out", "[import][frr]") {
    auto keys = [](const CgwDraft& d) {
        std::vector<std::string> out;
        for (const auto& s : d.cgw) {
            if (s.key.find("seconds") != std::string::npos) {
                out.push_back(fmt::format("{}={}@{}:{}", s.key, s.value, s.at.line, s.at.column));
            }
        }
        return out;
    };
    const auto plain = router(" no bgp ebgp-requires-policy\n");
    SECTION("no timers, no profile: traditional's 60/180 and 120, at router bgp") {
        CHECK(keys(read(plain)) == std::vector<std::string>{"bgp.keepalive_seconds=60@1:1",
                                                            "bgp.hold_time_seconds=180@1:1",
                                                            "bgp.connect_retry_seconds=120@1:1"});
    }
    SECTION("frr defaults datacenter: 3/9 and 10, at the profile's name") {
        CHECK(keys(read("frr defaults datacenter\n" + plain)) ==
              std::vector<std::string>{"bgp.keepalive_seconds=3@1:14",
                                       "bgp.hold_time_seconds=9@1:14",
                                       "bgp.connect_retry_seconds=10@1:14"});
    }
    SECTION("timers bgp, and a neighbor's connect timer") {
        const auto d =
            read(router(" no bgp ebgp-requires-policy\n timers bgp 20 60\n"
                        " neighbor 169.254.10.1 timers connect 30\n"
                        " neighbor 169.254.11.1 timers connect 30\n"));
        CHECK(keys(d) == std::vector<std::string>{"bgp.keepalive_seconds=20@5:13",
                                                  "bgp.hold_time_seconds=60@5:16",
                                                  "bgp.connect_retry_seconds=30@6:39"});
        CHECK(d.warnings.empty());
    }
    SECTION("neighbors with different timers: the first's, the other warned about") {
        const auto d =
            read(router(" no bgp ebgp-requires-policy\n neighbor 169.254.10.1 timers 10 30\n"
                        " neighbor 169.254.10.1 timers connect 30\n"));
        CHECK(keys(d) == std::vector<std::string>{"bgp.keepalive_seconds=10@5:31",
                                                  "bgp.hold_time_seconds=30@5:34",
                                                  "bgp.connect_retry_seconds=30@6:39"});
        CHECK(d.warnings ==
              std::vector<std::string>{
                  warning(3, "neighbor 169.254.11.1 timers connect 120 (one for all neighbors)"),
                  warning(3, "neighbor 169.254.11.1 timers 60 180 (one for all neighbors)")});
    }
}

TEST_CASE("frr - bgp ebgp-requires-policy", "[import][frr]") {
    auto value_of = [](const CgwDraft& d, std::string_view key) {
        for (const auto& s : d.cgw) {
            if (s.key == key) return s.value;
        }
        return std::string("-");
    };
    SECTION("on by default since FRR 7.4: no routes sent, none accepted (warned)") {
        const auto d = read(router(""));
        CHECK(value_of(d, "bgp.announce") == "-");
        CHECK(value_of(d, "networks") == "[\"10.0.0.0/16\", \"10.1.0.0/16\"]");
        CHECK(d.warnings ==
              std::vector<std::string>{
                  warning(2, "neighbor 169.254.10.1 without policy in (ebgp-requires-policy)"),
                  warning(3, "neighbor 169.254.11.1 without policy in (ebgp-requires-policy)"),
              });
    }
    SECTION("FRR 7.3 had no such default") {
        const auto d = read("frr version 7.3.1\n" + router(""));
        CHECK(value_of(d, "bgp.announce") == "[\"10.0.0.0/16\", \"10.1.0.0/16\"]");
        CHECK(d.warnings.empty());
    }
    SECTION("switched on explicitly; an iBGP neighbor needs no policy") {
        const auto d =
            read("frr version 7.3\n" + router(" bgp ebgp-requires-policy\n neighbor 169.254.12.1 "
                                              "remote-as internal\n"));
        CHECK(value_of(d, "bgp.announce") == "[\"10.0.0.0/16\", \"10.1.0.0/16\"]");
        CHECK(d.warnings ==
              std::vector<std::string>{
                  warning(6, "neighbor 169.254.12.1 remote-as 65000 (one for all neighbors)"),
                  warning(3, "neighbor 169.254.10.1 without policy in (ebgp-requires-policy)"),
                  warning(4, "neighbor 169.254.11.1 without policy in (ebgp-requires-policy)"),
                  warning(3, "neighbor 169.254.10.1 alone not sent 10.0.0.0/16 (+1 more)"),
                  warning(4, "neighbor 169.254.11.1 alone not sent 10.0.0.0/16 (+1 more)"),
              });
    }
    SECTION("not activated for IPv4 unicast") {
        const auto d =
            read(router(" no bgp ebgp-requires-policy\n no bgp default ipv4-unicast\n", "") +
                 "router bgp 65000\n address-family ipv4 unicast\n"
                 "  neighbor 169.254.10.1 activate\n exit-address-family\n");
        CHECK(value_of(d, "bgp.announce") == "[\"10.0.0.0/16\", \"10.1.0.0/16\"]");
        CHECK(d.warnings ==
              std::vector<std::string>{
                  warning(3, "neighbor 169.254.11.1 not activated for IPv4 unicast"),
                  warning(3, "neighbor 169.254.11.1 alone not sent 10.0.0.0/16 (+1 more)"),
              });
    }
}
