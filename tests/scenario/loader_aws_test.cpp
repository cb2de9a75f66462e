// [aws] and [[aws.tunnel]]: AWS's documented constraints (aws-facts.md "Tunnel options").
#include <catch2/catch.hpp>

#include <string>

#include "scenario_test_util.hpp"

using namespace vpnsim::scenario;
using namespace vpnsim::scenario::testing;

namespace {

// One tunnel with `extra` lines appended; the first extra line is line 5.
std::string tunnel(std::string_view extra) {
    return "[aws]\n[[aws.tunnel]]\noutside_ip = \"203.0.113.10\"\n"
           "inside_cidr = \"169.254.10.0/30\"\n" +
           std::string(extra);
}

}  // namespace

TEST_CASE("scenario - aws connection options", "[scenario][aws]") {
    CHECK(errors(R"(
[aws]
vpn_id = "vpn-0123ABCD"
gateway = "VGW"
routing = "bgp"
local_ipv4_network_cidr = "10.0.0.1/16"
remote_ipv4_network_cidr = "10.0.0.0"
[[aws.tunnel]]
outside_ip = "203.0.113.10"
inside_cidr = "169.254.10.0/30"
psk = "abcdefgh"
)") == Lines{
           "t.toml:2:10: aws.vpn_id: must be \"vpn-\" followed by 8 or 17 lowercase hex "
           "digits, got \"vpn-0123ABCD\"",
           "t.toml:3:11: aws.gateway: must be one of \"vgw\", \"tgw\"; got \"VGW\"",
           "t.toml:4:11: aws.routing: must be one of \"dynamic\", \"static\"; got \"bgp\"",
           "t.toml:5:27: aws.local_ipv4_network_cidr: invalid CIDR '10.0.0.1/16' (expected "
           "a.b.c.d/len with host bits zero)",
           "t.toml:6:28: aws.remote_ipv4_network_cidr: invalid CIDR '10.0.0.0' (expected "
           "a.b.c.d/len with host bits zero)",
       });
}

TEST_CASE("scenario - aws asn", "[scenario][aws]") {
    const auto asn = [](const char* value) {
        return errors(tunnel("psk = \"abcdefgh\"\n").insert(6, fmt::format("asn = {}\n", value)));
    };
    CHECK(asn("64512").empty());
    CHECK(asn("65534").empty());
    CHECK(asn("4200000000").empty());
    CHECK(asn("4294967294").empty());
    CHECK(asn("7224").empty());   // legacy, most Regions
    CHECK(asn("17493").empty());  // legacy, Singapore
    CHECK(asn("65535") == Lines{"t.toml:2:7: aws.asn: must be a private ASN (64512-65534 or "
                                "4200000000-4294967294) or a legacy Amazon ASN (7224, 9059, "
                                "10124, 17493), got 65535"});
    CHECK(asn("\"64512\"") == Lines{"t.toml:2:7: aws.asn: expected an integer, got string"});
}

TEST_CASE("scenario - acceleration needs a transit gateway", "[scenario][aws]") {
    CHECK(errors(tunnel("psk = \"abcdefgh\"\n").insert(6, "accelerated = true\n")) ==
          Lines{"t.toml:2:15: aws.accelerated: acceleration is only available on a transit "
                "gateway (gateway = \"tgw\")"});
    CHECK(
        errors(tunnel("psk = \"abcdefgh\"\n").insert(6, "gateway = \"tgw\"\naccelerated = true\n"))
            .empty());
    // A rejected gateway value is not blamed a second time on accelerated.
    CHECK(errors(tunnel("psk = \"abcdefgh\"\n").insert(6, "gateway = \"x\"\naccelerated = true\n"))
              .size() == 1);
}

TEST_CASE("scenario - static routes need static routing", "[scenario][aws]") {
    CHECK(errors(tunnel("psk = \"abcdefgh\"\n").insert(6, "static_routes = [\"10.0.0.0/16\"]\n")) ==
          Lines{"t.toml:2:17: aws.static_routes: static routes require routing = \"static\""});
    CHECK(errors(
              tunnel("psk = \"abcdefgh\"\n")
                  .insert(6, "routing = \"static\"\nstatic_routes = [\"10.0.0.0/16\", \"x\"]\n")) ==
          Lines{"t.toml:3:33: aws.static_routes[1]: invalid CIDR 'x' (expected a.b.c.d/len with "
                "host bits zero)"});
}

TEST_CASE("scenario - aws tunnel count", "[scenario][aws]") {
    SECTION("none") {
        CHECK(errors("[aws]\nasn = 64512\n") ==
              Lines{"t.toml:1:1: aws.tunnel: missing required key"});
    }
    SECTION("an empty array is reported at [aws]") {
        CHECK(errors("[aws]\ntunnel = []\n") ==
              Lines{"t.toml:1:1: aws.tunnel: must have 1 or 2 entries, got 0"});
    }
    SECTION("three") {
        std::string three;
        for (int i = 1; i <= 3; ++i) {
            three += fmt::format(
                "[[aws.tunnel]]\noutside_ip = \"203.0.113.{}\"\ninside_cidr = "
                "\"169.254.{}.0/30\"\npsk = \"abcdefgh\"\n",
                i, 10 + i);
        }
        CHECK(errors(three) ==
              Lines{"t.toml:9:1: aws.tunnel[2]: a VPN connection has at most 2 tunnels, got 3"});
    }
}

TEST_CASE("scenario - tunnels must not share addresses", "[scenario][aws]") {
    CHECK(errors(R"(
[[aws.tunnel]]
outside_ip = "203.0.113.10"
inside_cidr = "169.254.10.0/30"
psk = "abcdefgh"
[[aws.tunnel]]
outside_ip = "203.0.113.10"
inside_cidr = "169.254.10.0/30"
psk = "abcdefgh"
)") == Lines{
           "t.toml:6:14: aws.tunnel[1].outside_ip: 203.0.113.10 is already used by "
           "aws.tunnel[0]",
           "t.toml:7:15: aws.tunnel[1].inside_cidr: 169.254.10.0/30 is already used by "
           "aws.tunnel[0]",
       });
}

TEST_CASE("scenario - aws tunnel inside cidr", "[scenario][aws]") {
    const auto inside = [](const char* cidr) {
        return errors(
            fmt::format("[[aws.tunnel]]\noutside_ip = \"203.0.113.10\"\n"
                        "inside_cidr = \"{}\"\npsk = \"abcdefgh\"\n",
                        cidr));
    };
    CHECK(inside("169.254.6.0/30").empty());
    CHECK(inside("169.254.0.4/30").empty());  // only the listed /30s are reserved
    CHECK(inside("169.254.10.0/29") ==
          Lines{"t.toml:3:15: aws.tunnel[0].inside_cidr: must be a /30, got /29"});
    CHECK(inside("10.0.0.0/30") ==
          Lines{"t.toml:3:15: aws.tunnel[0].inside_cidr: must be within 169.254.0.0/16, got "
                "10.0.0.0/30"});
    CHECK(inside("169.254.5.0/30") ==
          Lines{"t.toml:3:15: aws.tunnel[0].inside_cidr: 169.254.5.0/30 is reserved by AWS"});
    CHECK(inside("169.254.169.252/30") ==
          Lines{"t.toml:3:15: aws.tunnel[0].inside_cidr: 169.254.169.252/30 is reserved by AWS"});
}

TEST_CASE("scenario - aws pre-shared key", "[scenario][aws]") {
    const auto psk = [](const char* value) {
        return errors(tunnel(fmt::format("psk = \"{}\"\n", value)));
    };
    CHECK(psk("Abc.def_9").empty());
    CHECK(psk(std::string(64, 'a').c_str()).empty());
    CHECK(psk("abc") == Lines{"t.toml:5:7: aws.tunnel[0].psk: must be 8 to 64 characters, got 3"});
    CHECK(psk(std::string(65, 'a').c_str()) ==
          Lines{"t.toml:5:7: aws.tunnel[0].psk: must be 8 to 64 characters, got 65"});
    CHECK(psk("abcd-efgh") == Lines{"t.toml:5:7: aws.tunnel[0].psk: may contain only letters, "
                                    "digits, '.' and '_'"});
    CHECK(psk("0abcdefgh") == Lines{"t.toml:5:7: aws.tunnel[0].psk: must not start with '0'"});
    CHECK(errors(tunnel("")) == Lines{"t.toml:2:1: aws.tunnel[0].psk: missing required key"});
}

TEST_CASE("scenario - aws ike versions and startup action", "[scenario][aws]") {
    const auto with = [](const char* extra) {
        return errors(tunnel(fmt::format("psk = \"abcdefgh\"\n{}\n", extra)));
    };
    CHECK(with("ike_versions = []") ==
          Lines{"t.toml:6:16: aws.tunnel[0].ike_versions: must not be empty"});
    CHECK(with("ike_versions = [\"ikev3\"]") ==
          Lines{"t.toml:6:17: aws.tunnel[0].ike_versions[0]: must be one of \"ikev1\", "
                "\"ikev2\"; got \"ikev3\""});
    CHECK(with("startup_action = \"start\"").empty());
    CHECK(with("startup_action = \"begin\"") ==
          Lines{"t.toml:6:18: aws.tunnel[0].startup_action: must be one of \"add\", \"start\"; "
                "got \"begin\""});
    CHECK(with("ike_versions = [\"ikev1\"]\nstartup_action = \"start\"") ==
          Lines{"t.toml:7:18: aws.tunnel[0].startup_action: \"start\" requires \"ikev2\" in "
                "ike_versions"});
}

TEST_CASE("scenario - aws proposals", "[scenario][aws]") {
    const auto with = [](const char* extra) {
        return errors(tunnel(fmt::format("psk = \"abcdefgh\"\n{}\n", extra)));
    };
    CHECK(with("phase1_encryption_algorithms = [\"AES128\", \"3DES\"]") ==
          Lines{"t.toml:6:43: aws.tunnel[0].phase1_encryption_algorithms[1]: must be one of "
                "\"AES128\", \"AES256\", \"AES128-GCM-16\", \"AES256-GCM-16\"; got \"3DES\""});
    CHECK(with("phase2_integrity_algorithms = [\"MD5\"]") ==
          Lines{"t.toml:6:32: aws.tunnel[0].phase2_integrity_algorithms[0]: must be one of "
                "\"SHA1\", \"SHA2-256\", \"SHA2-384\", \"SHA2-512\"; got \"MD5\""});
    // Group 5 is offered in phase 2 (PFS) but not in phase 1.
    CHECK(with("phase2_dh_group_numbers = [5]").empty());
    CHECK(with("phase1_dh_group_numbers = [5]") ==
          Lines{"t.toml:6:28: aws.tunnel[0].phase1_dh_group_numbers[0]: must be one of 2, 14, "
                "15, 16, 17, 18, 19, 20, 21, 22, 23, 24; got 5"});
    CHECK(with("phase1_integrity_algorithms = []") ==
          Lines{"t.toml:6:31: aws.tunnel[0].phase1_integrity_algorithms: must not be empty"});
}

TEST_CASE("scenario - aws lifetimes and rekey", "[scenario][aws]") {
    const auto with = [](const char* extra) {
        return errors(tunnel(fmt::format("psk = \"abcdefgh\"\n{}\n", extra)));
    };
    CHECK(with("phase1_lifetime_seconds = 100") ==
          Lines{"t.toml:6:27: aws.tunnel[0].phase1_lifetime_seconds: must be between 900 and "
                "28800, got 100"});
    CHECK(with("phase2_lifetime_seconds = 7200") ==
          Lines{"t.toml:6:27: aws.tunnel[0].phase2_lifetime_seconds: must be between 900 and "
                "3600, got 7200"});
    SECTION("phase 2 must be shorter than phase 1") {
        CHECK(with("phase1_lifetime_seconds = 1800\nphase2_lifetime_seconds = 1800") ==
              Lines{"t.toml:7:27: aws.tunnel[0].phase2_lifetime_seconds: must be less than 1800 "
                    "(phase1_lifetime_seconds), got 1800"});
        // Only phase 1 is written: it is the one to blame.
        CHECK(with("phase1_lifetime_seconds = 900") ==
              Lines{"t.toml:6:27: aws.tunnel[0].phase1_lifetime_seconds: must be greater than "
                    "3600 (phase2_lifetime_seconds), got 900"});
    }
    SECTION("rekey margin is at most half of phase 2") {
        CHECK(with("phase2_lifetime_seconds = 900\nrekey_margin_time_seconds = 450").empty());
        CHECK(with("phase2_lifetime_seconds = 900\nrekey_margin_time_seconds = 451") ==
              Lines{"t.toml:7:29: aws.tunnel[0].rekey_margin_time_seconds: must be between 60 "
                    "and 450, got 451"});
        CHECK(with("rekey_margin_time_seconds = 59") ==
              Lines{"t.toml:6:29: aws.tunnel[0].rekey_margin_time_seconds: must be between 60 "
                    "and 1800, got 59"});
    }
    CHECK(with("rekey_fuzz_percentage = 101") ==
          Lines{"t.toml:6:25: aws.tunnel[0].rekey_fuzz_percentage: must be between 0 and 100, "
                "got 101"});
}

TEST_CASE("scenario - aws replay window and dpd", "[scenario][aws]") {
    const auto with = [](const char* extra) {
        return errors(tunnel(fmt::format("psk = \"abcdefgh\"\n{}\n", extra)));
    };
    CHECK(with("replay_window_size = 32") ==
          Lines{"t.toml:6:22: aws.tunnel[0].replay_window_size: must be between 64 and 2048, "
                "got 32"});
    CHECK(with("dpd_timeout_seconds = 29") ==
          Lines{"t.toml:6:23: aws.tunnel[0].dpd_timeout_seconds: must be between 30 and "
                "2147483647, got 29"});
    CHECK(with("dpd_timeout_action = \"reset\"") ==
          Lines{"t.toml:6:22: aws.tunnel[0].dpd_timeout_action: must be one of \"clear\", "
                "\"none\", \"restart\"; got \"reset\""});
}
