// Builds scenario TOML text for run-level tests and properties, so that they exercise the
// loader exactly as users do.
#pragma once

#include <fmt/format.h>

#include <string>
#include <vector>

namespace vpnsim::testing {

struct HealthyParams {
    int tunnels{2};
    int delay_ms{15};
    std::uint64_t seed{1};
    int prefixes{1};
    std::string nat{"none"};
    std::string aws_encryption{R"("AES128", "AES256")"};
    std::string cgw_encryption{R"("AES256")"};
    std::string cgw_local_ts{"0.0.0.0/0"};
    std::string duration{"30s"};
    bool cgw_bgp{true};
    int ike_version{2};  // the CGW's (AWS answers both)
};

inline std::string healthy_toml(const HealthyParams& p) {
    std::string t = fmt::format(R"([scenario]
name = "generated"
seed = {}
duration = "{}"

[aws]
asn = 64512
)",
                                p.seed, p.duration);
    for (int i = 0; i < p.tunnels; ++i) {
        t += fmt::format(R"(
[[aws.tunnel]]
outside_ip = "203.0.113.{}"
inside_cidr = "169.254.{}.0/30"
psk = "psk_for_tunnel_{}"
phase1_encryption_algorithms = [{}]
phase2_encryption_algorithms = [{}]
)",
                         10 * (i + 1), 10 + i, i, p.aws_encryption, p.aws_encryption);
    }
    t += "\n[cgw]\noutside_ip = \"198.51.100.10\"\nasn = 65000\n";
    for (int i = 0; i < p.tunnels; ++i) {
        t += fmt::format(R"(
[[cgw.tunnel]]
peer = "203.0.113.{}"
psk = "psk_for_tunnel_{}"
phase1_encryption_algorithms = [{}]
phase2_encryption_algorithms = [{}]
local_ts = ["{}"]
)",
                         10 * (i + 1), i, p.cgw_encryption, p.cgw_encryption, p.cgw_local_ts);
        if (p.ike_version != 2) t += fmt::format("ike_version = {}\n", p.ike_version);
    }
    std::vector<std::string> announce;
    for (int i = 0; i < p.prefixes; ++i) announce.push_back(fmt::format("\"10.{}.0.0/16\"", i));
    t += fmt::format("\n[cgw.bgp]\nenabled = {}\nannounce = [{}]\n", p.cgw_bgp,
                     fmt::join(announce, ", "));
    t += fmt::format("\n[path]\ndelay = \"{}ms\"\nnat = \"{}\"\n", p.delay_ms, p.nat);
    return t;
}

}  // namespace vpnsim::testing
