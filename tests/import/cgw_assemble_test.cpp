// Putting a CGW together from the drafts of its files: tunnels by peer, BGP neighbors by inside
// /30, defaults, conflicts, and the loader's errors brought back to the files.
#include <catch2/catch.hpp>

#include <string>
#include <variant>

#include "sim/import/cgw_assemble.hpp"
#include "tests/import/reader_test_util.hpp"

using namespace vpnsim;
using namespace vpnsim::import;

namespace {

constexpr auto kPeer1 = net::Ipv4Addr::from_octets(203, 0, 113, 10);
constexpr auto kPeer2 = net::Ipv4Addr::from_octets(203, 0, 113, 20);

scenario::Aws two_tunnels() {
    return testing::reader_test_aws();
}

Setting set(std::string key, std::string value, int line, std::string words = "") {
    return Setting{std::move(key), std::move(value), {line, 5}, words.empty() ? "w" : words};
}

DraftTunnel ipsec(net::Ipv4Addr peer, std::vector<Setting> settings, int line = 1) {
    settings.insert(settings.begin(), set("peer", "\"" + peer.to_string() + "\"", line));
    return DraftTunnel{"conn", peer, std::nullopt, {line, 1}, true, std::move(settings)};
}

DraftTunnel neighbor(net::Ipv4Addr address, int line, std::vector<Setting> more = {}) {
    more.insert(more.begin(), set("bgp_neighbor", "\"" + address.to_string() + "\"", line));
    return DraftTunnel{"neighbor " + address.to_string(),
                       std::nullopt,
                       address,
                       {line, 1},
                       false,
                       std::move(more)};
}

// An IPsec file with both tunnels and their keys.
CgwDraft swan() {
    CgwDraft d;
    d.file = "swanctl.conf";
    d.vendor = scenario::CgwVendor::Strongswan;
    d.cgw = {set("outside_ip", "\"198.51.100.10\"", 2)};
    d.tunnels = {ipsec(kPeer1, {set("psk", "\"tunnel1_psk_value\"", 4)}, 3),
                 ipsec(kPeer2, {set("psk", "\"tunnel2_psk_value\"", 8)}, 7)};
    return d;
}

CgwDraft frr(std::vector<DraftTunnel> neighbors) {
    CgwDraft d;
    d.file = "frr.conf";
    d.dialect = Dialect::Frr;
    d.cgw = {set("asn", "65000", 1), set("bgp.enabled", "true", 1),
             set("bgp.remote_as", "64512", 2)};
    d.tunnels = std::move(neighbors);
    return d;
}

AssembledCgw assembled(const std::vector<CgwDraft>& drafts) {
    auto r = assemble_cgw(two_tunnels(), drafts);
    if (const auto* d = std::get_if<std::vector<scenario::Diagnostic>>(&r)) {
        for (const auto& e : *d) UNSCOPED_INFO(e.to_string());
    }
    REQUIRE(std::holds_alternative<AssembledCgw>(r));
    return std::get<AssembledCgw>(std::move(r));
}

std::vector<std::string> refused(const std::vector<CgwDraft>& drafts) {
    auto r = assemble_cgw(two_tunnels(), drafts);
    REQUIRE(std::holds_alternative<std::vector<scenario::Diagnostic>>(r));
    std::vector<std::string> out;
    for (const auto& d : std::get<std::vector<scenario::Diagnostic>>(r)) {
        out.push_back(d.to_string());
    }
    return out;
}

}  // namespace

TEST_CASE("an IPsec file alone gives its tunnels and no BGP", "[import][assemble]") {
    const auto a = assembled({swan()});
    REQUIRE(a.cgw.tunnels.size() == 2);
    CHECK(a.cgw.tunnels[0].peer == kPeer1);
    CHECK(a.cgw.tunnels[1].psk == "tunnel2_psk_value");
    CHECK(a.cgw.vendor == scenario::CgwVendor::Strongswan);
    CHECK_FALSE(a.cgw.bgp.enabled);
    CHECK(a.warnings.empty());
}

TEST_CASE("BGP neighbors join the tunnel whose inside /30 holds them", "[import][assemble]") {
    const auto tunnel2_aws = net::Ipv4Addr::from_octets(169, 254, 11, 5);
    const auto tunnel1_aws = net::Ipv4Addr::from_octets(169, 254, 10, 1);
    const auto a = assembled({swan(), frr({neighbor(tunnel2_aws, 3, {set("med", "100", 9)}),
                                           neighbor(tunnel1_aws, 4)})});
    CHECK(a.cgw.bgp.enabled);
    CHECK(a.cgw.asn == 65000);
    CHECK(a.cgw.tunnels[0].bgp_neighbor == tunnel1_aws);
    CHECK(a.cgw.tunnels[1].bgp_neighbor == tunnel2_aws);
    CHECK(a.cgw.tunnels[1].med == 100);
    CHECK(a.cgw.tunnels[0].med == 0);
}

TEST_CASE("a neighbor outside every /30 goes to a tunnel without one, with a warning",
          "[import][assemble]") {
    const auto wrong = net::Ipv4Addr::from_octets(169, 254, 99, 1);
    const auto a = assembled({swan(), frr({neighbor(net::Ipv4Addr::from_octets(169, 254, 10, 1), 3),
                                           neighbor(wrong, 4)})});
    CHECK(a.cgw.tunnels[1].bgp_neighbor == wrong);
    CHECK(a.warnings == std::vector<std::string>{
                            "frr.conf:4: neighbor 169.254.99.1: 169.254.99.1 is in no tunnel's "
                            "inside /30; taken as tunnel 2's BGP neighbor"});
}

TEST_CASE("a key for a peer joins that peer's tunnel; one for no tunnel is not used",
          "[import][assemble]") {
    auto d = swan();
    d.tunnels[0].settings.pop_back();  // no psk in the IPsec file
    CgwDraft secrets;
    secrets.file = "ipsec.secrets";
    secrets.dialect = Dialect::IpsecSecrets;
    secrets.tunnels = {
        DraftTunnel{"203.0.113.10", kPeer1, std::nullopt, {1, 1}, false, {set("psk", "\"k1\"", 1)}},
        DraftTunnel{"192.0.2.99",
                    net::Ipv4Addr::from_octets(192, 0, 2, 99),
                    std::nullopt,
                    {2, 1},
                    false,
                    {set("psk", "\"k9\"", 2)}}};
    const auto a = assembled({d, secrets});
    CHECK(a.cgw.tunnels[0].psk == "k1");
    CHECK(a.warnings ==
          std::vector<std::string>{"ipsec.secrets:2: 192.0.2.99: no tunnel connects to 192.0.2.99; "
                                   "not used"});
}

TEST_CASE("without an IPsec file the tunnels are AWS's generic ones", "[import][assemble]") {
    const auto a = assembled({frr({neighbor(net::Ipv4Addr::from_octets(169, 254, 10, 1), 3)})});
    REQUIRE(a.cgw.tunnels.size() == 2);
    CHECK(a.cgw.tunnels[0].psk == "tunnel1_psk_value");
    CHECK(a.cgw.tunnels[1].peer == kPeer2);
    CHECK(a.cgw.outside_ip == net::Ipv4Addr::from_octets(198, 51, 100, 10));
    CHECK(a.warnings == std::vector<std::string>{
                            "frr.conf: no file gives the customer gateway's outside address; "
                            "using 198.51.100.10 (in AWS, the customer gateway's IpAddress)"});
}

TEST_CASE("a value two files set differently keeps the later one's", "[import][assemble]") {
    auto second = frr({});
    second.cgw.push_back(set("outside_ip", "\"198.51.100.77\"", 6, "update-source"));
    const auto a = assembled({swan(), second});
    CHECK(a.cgw.outside_ip == net::Ipv4Addr::from_octets(198, 51, 100, 77));
    CHECK(a.warnings == std::vector<std::string>{
                            "frr.conf:6: update-source replaces the value swanctl.conf:2 gave"});
}

TEST_CASE("the loader's errors point at the file, line and words of the value",
          "[import][assemble]") {
    auto d = swan();
    d.tunnels[1].settings.push_back(
        set("phase1_dh_group_numbers", "[99]", 12, "connections.aws-2.proposals"));
    CHECK(refused({d}) ==
          std::vector<std::string>{
              "swanctl.conf:12:5: connections.aws-2.proposals: must be one of 1, 2, 5, 14, "
              "15, 16, 17, 18, 19, 20, 21, 22, 23, 24; got 99 (scenario key "
              "cgw.tunnel[1].phase1_dh_group_numbers[0])"});
    auto no_key = swan();
    no_key.tunnels[0].settings.pop_back();
    const auto e = refused({no_key});
    REQUIRE(e.size() == 1);
    CHECK(e[0].rfind("swanctl.conf:3:1: conn: ", 0) == 0);
    CHECK(e[0].find("cgw.tunnel[0].psk") != std::string::npos);
}

TEST_CASE("the drafts' own errors come first and stop the assembly", "[import][assemble]") {
    auto d = swan();
    d.errors.push_back(scenario::Diagnostic{"swanctl.conf", 9, 3, "proposals", "bad"});
    CHECK(refused({d}) == std::vector<std::string>{"swanctl.conf:9:3: proposals: bad"});
}
