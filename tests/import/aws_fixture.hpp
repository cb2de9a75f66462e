// A valid two-tunnel AWS side for the CGW importer tests: 203.0.113.10 (169.254.10.0/30) and
// 203.0.113.20 (169.254.11.4/30), keys psk_one_key / psk_two_key, AWS's defaults otherwise.
#pragma once

#include <catch2/catch.hpp>

#include "sim/scenario/loader.hpp"

namespace vpnsim::import::testing {

inline scenario::Aws two_tunnel_aws() {
    const auto r = scenario::load_string(R"([scenario]
name = "fixture"
[aws]
vpn_id = "vpn-0123456789abcdef0"
[[aws.tunnel]]
outside_ip = "203.0.113.10"
inside_cidr = "169.254.10.0/30"
psk = "psk_one_key"
[[aws.tunnel]]
outside_ip = "203.0.113.20"
inside_cidr = "169.254.11.4/30"
psk = "psk_two_key"
[cgw]
outside_ip = "198.51.100.10"
[[cgw.tunnel]]
peer = "203.0.113.10"
psk = "psk_one_key"
)",
                                         "fixture.toml");
    REQUIRE(r.scenario);
    return r.scenario->aws;
}

}  // namespace vpnsim::import::testing
