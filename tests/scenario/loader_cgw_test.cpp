// [cgw], [[cgw.tunnel]], [cgw.bgp]: only what a device itself would refuse is an error.
#include <catch2/catch.hpp>

#include <string>

#include "scenario_test_util.hpp"

using namespace vpnsim::scenario;
using namespace vpnsim::scenario::testing;

namespace {

// A [cgw] table; `extra` starts at line 3.
std::string cgw(std::string_view extra) {
    return "[cgw]\noutside_ip = \"198.51.100.1\"\n" + std::string(extra);
}

// A [cgw] with one tunnel; `extra` starts at line 6.
std::string cgw_tunnel(std::string_view extra) {
    return cgw("[[cgw.tunnel]]\npeer = \"203.0.113.10\"\npsk = \"k\"\n") + std::string(extra);
}

}  // namespace

TEST_CASE("scenario - cgw asn", "[scenario][cgw]") {
    CHECK(errors(cgw("asn = 4200000000\n")) ==
          Lines{"t.toml:3:7: cgw.asn: must be between 1 and 2147483647, got 4200000000"});
    CHECK(errors(cgw("asn = 0\n")) ==
          Lines{"t.toml:3:7: cgw.asn: must be between 1 and 2147483647, got 0"});
    CHECK(errors(cgw("asn = 9059\n")) == Lines{"t.toml:3:7: cgw.asn: 9059 is reserved for AWS"});
    CHECK(errors(cgw("asn = 3356\n")).empty());  // a public ASN is fine
}

TEST_CASE("scenario - cgw tunnel keys", "[scenario][cgw]") {
    SECTION("peer and psk are required") {
        CHECK(errors(cgw("[[cgw.tunnel]]\nike_version = 2\n")) ==
              Lines{
                  "t.toml:3:1: cgw.tunnel[0].peer: missing required key",
                  "t.toml:3:1: cgw.tunnel[0].psk: missing required key",
              });
    }
    SECTION("any non-empty psk: a device may hold one AWS would refuse") {
        CHECK(
            errors(cgw("[[cgw.tunnel]]\npeer = \"203.0.113.10\"\npsk = \"0 bad-psk!\"\n")).empty());
        CHECK(errors(cgw("[[cgw.tunnel]]\npeer = \"203.0.113.10\"\npsk = \"\"\n")) ==
              Lines{"t.toml:5:7: cgw.tunnel[0].psk: must not be empty"});
    }
    CHECK(errors(cgw("[[cgw.tunnel]]\npeer = \"aws\"\npsk = \"k\"\n")) ==
          Lines{"t.toml:4:8: cgw.tunnel[0].peer: invalid IPv4 address 'aws'"});
    CHECK(errors(cgw_tunnel("ike_version = 3\n")) ==
          Lines{"t.toml:6:15: cgw.tunnel[0].ike_version: must be one of 1, 2; got 3"});
    CHECK(errors(cgw_tunnel("bgp_neighbor = \"169.254.10\"\n")) ==
          Lines{"t.toml:6:16: cgw.tunnel[0].bgp_neighbor: invalid IPv4 address '169.254.10'"});
    CHECK(errors(cgw_tunnel("initiate_after = \"1.5s\"\n")) ==
          Lines{"t.toml:6:18: cgw.tunnel[0].initiate_after: invalid duration '1.5s' (expected "
                "e.g. \"30s\", \"10m\", \"1h\")"});
}

TEST_CASE("scenario - cgw IKEv1 mode", "[scenario][cgw]") {
    const auto s = load_ok(cgw_tunnel("ike_version = 1\nikev1_mode = \"aggressive\"\n"));
    CHECK(s.cgw.tunnels.at(0).aggressive_mode);
    CHECK_FALSE(load_ok(cgw_tunnel("ike_version = 1\n")).cgw.tunnels.at(0).aggressive_mode);
    CHECK(errors(cgw_tunnel("ikev1_mode = \"aggressive\"\n")) ==
          Lines{"t.toml:6:14: cgw.tunnel[0].ikev1_mode: aggressive mode is IKEv1 only: set "
                "ike_version = 1"});
    CHECK(errors(cgw_tunnel("ike_version = 1\nikev1_mode = \"quick\"\n")) ==
          Lines{"t.toml:7:14: cgw.tunnel[0].ikev1_mode: must be one of \"main\", "
                "\"aggressive\"; got \"quick\""});
}

TEST_CASE("scenario - cgw proposals use the shared keys", "[scenario][cgw]") {
    // Group 5 in phase 1 is a real device setting AWS refuses: allowed on the CGW side.
    const Scenario s = load_ok(cgw_tunnel("phase1_dh_group_numbers = [5, 1]\n"));
    CHECK(s.cgw.tunnels.at(0).phase1.dh_groups == std::vector{5, 1});
    CHECK(errors(cgw_tunnel("phase1_dh_group_numbers = [3]\n")) ==
          Lines{"t.toml:6:28: cgw.tunnel[0].phase1_dh_group_numbers[0]: must be one of 1, 2, 5, "
                "14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24; got 3"});
    // So are the legacy algorithms an older device proposes (issue 12 §4) -- a CGW only.
    const Scenario legacy =
        load_ok(cgw_tunnel("phase1_encryption_algorithms = [\"3DES\", \"DES\", \"AES192\"]\n"
                           "phase1_integrity_algorithms = [\"MD5\", \"SHA1\"]\n"));
    CHECK(legacy.cgw.tunnels.at(0).phase1.encryption == std::vector{vpnsim::ike::Encr::TripleDes,
                                                                    vpnsim::ike::Encr::Des,
                                                                    vpnsim::ike::Encr::Aes192});
    CHECK(legacy.cgw.tunnels.at(0).phase1.integrity ==
          std::vector{vpnsim::ike::Integ::Md5, vpnsim::ike::Integ::Sha1});
    CHECK(errors(cgw_tunnel("phase2_encryption_algorithms = [\"BLOWFISH\"]\n")) ==
          Lines{"t.toml:6:33: cgw.tunnel[0].phase2_encryption_algorithms[0]: must be one of "
                "\"AES128\", \"AES256\", \"AES128-GCM-16\", \"AES256-GCM-16\", \"AES192\", "
                "\"3DES\", \"DES\"; got \"BLOWFISH\""});
    CHECK(errors(document("[aws]\n[[aws.tunnel]]\noutside_ip = \"203.0.113.10\"\n"
                          "inside_cidr = \"169.254.10.0/30\"\npsk = \"tunnel1.psk_value\"\n"
                          "phase1_encryption_algorithms = [\"3DES\"]\n")) ==
          Lines{"t.toml:6:33: aws.tunnel[0].phase1_encryption_algorithms[0]: must be one of "
                "\"AES128\", \"AES256\", \"AES128-GCM-16\", \"AES256-GCM-16\"; got \"3DES\""});
    // AWS's phase 1 lifetime key is not a CGW key: the CGW's is ike_lifetime_seconds
    // (strongSwan's ikelifetime), see loader_dpd_rekey_test.cpp.
    CHECK(errors(cgw_tunnel("phase1_lifetime_seconds = 28800\n")) ==
          Lines{"t.toml:6:1: cgw.tunnel[0].phase1_lifetime_seconds: unknown key; did you mean "
                "'phase2_lifetime_seconds'?"});
}

TEST_CASE("scenario - cgw traffic selectors", "[scenario][cgw]") {
    CHECK(errors(cgw_tunnel("local_ts = []\n")) ==
          Lines{"t.toml:6:12: cgw.tunnel[0].local_ts: must not be empty"});
    CHECK(errors(cgw_tunnel("remote_ts = [\"172.31.0.0/33\"]\n")) ==
          Lines{"t.toml:6:14: cgw.tunnel[0].remote_ts[0]: invalid CIDR '172.31.0.0/33' (expected "
                "a.b.c.d/len with host bits zero)"});
}

TEST_CASE("scenario - cgw inside address", "[scenario][cgw]") {
    const auto inside = [](const char* value) {
        return errors(cgw_tunnel(fmt::format("inside_ip = \"{}\"\n", value)));
    };
    CHECK(load_ok(cgw_tunnel("inside_ip = \"169.254.10.6/29\"\n")).cgw.tunnels.at(0).inside_ip ==
          vpnsim::net::Ipv4Prefix{vpnsim::net::Ipv4Addr::from_octets(169, 254, 10, 6), 29});
    for (const char* bad :
         {"169.254.10.2", "169.254.10.2/33", "169.254.10.2/030", "/30", "169.254.10.2/"}) {
        CAPTURE(bad);
        CHECK(inside(bad) ==
              Lines{fmt::format("t.toml:6:13: cgw.tunnel[0].inside_ip: invalid address '{}' "
                                "(expected a.b.c.d/len, e.g. \"169.254.10.2/30\")",
                                bad)});
    }
    CHECK(inside("10.0.0.2/30") == Lines{"t.toml:6:13: cgw.tunnel[0].inside_ip: must be within "
                                         "169.254.0.0/16, got 10.0.0.2/30"});
}

TEST_CASE("scenario - cgw bgp ranges", "[scenario][cgw]") {
    const auto bgp = [](const char* extra) {
        return errors(cgw(fmt::format("[cgw.bgp]\n{}\n", extra)));
    };
    CHECK(bgp("remote_as = 0") ==
          Lines{"t.toml:4:13: cgw.bgp.remote_as: must be between 1 and 4294967295, got 0"});
    // RFC 4271 §4.2 / §6.2: a CGW may be misconfigured with 1-2 s (AWS answers 2/6), never a
    // minimum it would accept.
    CHECK(bgp("hold_time_seconds = 2").empty());
    CHECK(bgp("hold_time_seconds = 2\nkeepalive_seconds = 10").empty());
    CHECK(bgp("hold_time_seconds = 65536") ==
          Lines{"t.toml:4:21: cgw.bgp.hold_time_seconds: must be 0, 1, 2 (which AWS refuses) or "
                "between 3 and 65535, got 65536"});
    CHECK(bgp("min_hold_time_seconds = 2") ==
          Lines{"t.toml:4:25: cgw.bgp.min_hold_time_seconds: must be 0 or between 3 and 65535, "
                "got 2"});
    CHECK(bgp("keepalive_seconds = 0") ==
          Lines{"t.toml:4:21: cgw.bgp.keepalive_seconds: must be between 1 and 21845, got 0"});
    CHECK(bgp("connect_retry_seconds = 70000") ==
          Lines{"t.toml:4:25: cgw.bgp.connect_retry_seconds: must be between 1 and 65535, got "
                "70000"});
    CHECK(bgp("announce = [\"10.0.0.0/8\", \"10.0.0.0/33\"]") ==
          Lines{"t.toml:4:27: cgw.bgp.announce[1]: invalid CIDR '10.0.0.0/33' (expected "
                "a.b.c.d/len with host bits zero)"});
    CHECK(bgp("enabled = 1") ==
          Lines{"t.toml:4:11: cgw.bgp.enabled: expected a boolean, got integer"});
}

TEST_CASE("scenario - cgw bgp keepalive against hold time", "[scenario][cgw]") {
    const auto bgp = [](const char* extra) {
        return errors(cgw(fmt::format("[cgw.bgp]\n{}\n", extra)));
    };
    CHECK(bgp("hold_time_seconds = 30\nkeepalive_seconds = 10").empty());
    CHECK(bgp("hold_time_seconds = 0\nkeepalive_seconds = 300").empty());  // no keepalives
    CHECK(bgp("hold_time_seconds = 30\nkeepalive_seconds = 11") ==
          Lines{"t.toml:5:21: cgw.bgp.keepalive_seconds: must be at most 10 (a third of "
                "hold_time_seconds), got 11"});
    // Only the hold time is written: the default keepalive (10) needs at least 30.
    CHECK(bgp("hold_time_seconds = 20") ==
          Lines{"t.toml:4:21: cgw.bgp.hold_time_seconds: must be 0 or at least 30 (3 times "
                "keepalive_seconds), got 20"});
}

TEST_CASE("scenario - cgw bgp minimum hold time", "[scenario][cgw]") {
    const auto bgp = [](const char* extra) {
        return errors(cgw(fmt::format("[cgw.bgp]\n{}\n", extra)));
    };
    // Cisco `timers bgp 60 180 90`.
    const auto s =
        load_ok(cgw("[cgw.bgp]\nkeepalive_seconds = 60\nhold_time_seconds = 180\n"
                    "min_hold_time_seconds = 90\n"));
    CHECK(s.cgw.bgp.min_hold_time_seconds == 90);
    CHECK(load_ok(cgw("")).cgw.bgp.min_hold_time_seconds == 0);  // no minimum
    CHECK(bgp("min_hold_time_seconds = 0").empty());
    CHECK(bgp("min_hold_time_seconds = 3").empty());
    CHECK(bgp("min_hold_time_seconds = 30").empty());  // equal to the hold time
    // RFC 4271 §4.2: a hold time is 0 or at least 3 s; the minimum is one.
    CHECK(bgp("min_hold_time_seconds = 2") ==
          Lines{"t.toml:4:25: cgw.bgp.min_hold_time_seconds: must be 0 or between 3 and 65535, "
                "got 2"});
    CHECK(bgp("min_hold_time_seconds = 65536") ==
          Lines{"t.toml:4:25: cgw.bgp.min_hold_time_seconds: must be 0 or between 3 and 65535, "
                "got 65536"});
    CHECK(bgp("min_hold_time_seconds = \"90\"") ==
          Lines{"t.toml:4:25: cgw.bgp.min_hold_time_seconds: expected an integer, got string"});
    // Not above the CGW's own hold time (IOS refuses that configuration too).
    CHECK(bgp("min_hold_time_seconds = 90") ==
          Lines{"t.toml:4:25: cgw.bgp.min_hold_time_seconds: must not be above "
                "hold_time_seconds (30), got 90"});
    CHECK(bgp("hold_time_seconds = 0\nmin_hold_time_seconds = 3") ==
          Lines{"t.toml:5:25: cgw.bgp.min_hold_time_seconds: must not be above "
                "hold_time_seconds (0), got 3"});
    // A hold time already reported is not checked again against the minimum.
    CHECK(bgp("hold_time_seconds = 65536\nmin_hold_time_seconds = 90") ==
          Lines{"t.toml:4:21: cgw.bgp.hold_time_seconds: must be 0, 1, 2 (which AWS refuses) or "
                "between 3 and 65535, got 65536"});
    CHECK(bgp("hold_time_seconds = 2\nmin_hold_time_seconds = 90") ==
          Lines{"t.toml:5:25: cgw.bgp.min_hold_time_seconds: must not be above hold_time_seconds "
                "(2), got 90"});
}

TEST_CASE("scenario - cgw bgp next hop", "[scenario][cgw]") {
    const auto bgp = [](const char* extra) {
        return errors(cgw(fmt::format("[cgw.bgp]\n{}\n", extra)));
    };
    CHECK_FALSE(load_ok(cgw("")).cgw.bgp.next_hop.has_value());  // next-hop-self
    CHECK(load_ok(cgw("[cgw.bgp]\nnext_hop = \"10.0.0.1\"\n")).cgw.bgp.next_hop ==
          vpnsim::net::Ipv4Addr::from_octets(10, 0, 0, 1));
    CHECK(bgp("next_hop = \"10.0.0\"") ==
          Lines{"t.toml:4:12: cgw.bgp.next_hop: invalid IPv4 address '10.0.0'"});
    CHECK(bgp("next_hop = \"0.0.0.0\"") ==
          Lines{"t.toml:4:12: cgw.bgp.next_hop: must not be 0.0.0.0"});
    CHECK(bgp("next_hop = 1") ==
          Lines{"t.toml:4:12: cgw.bgp.next_hop: expected a string, got integer"});
}
