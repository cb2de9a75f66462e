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

// One healthy tunnel over `duration`: `cgw_keys` go into [cgw] (after its asn), `cgw_tables`
// ([[cgw.event]] and the like) just before [cgw.bgp].
inline std::string one_tunnel_toml(const std::string& duration, const std::string& cgw_keys,
                                   const std::string& cgw_tables = "") {
    HealthyParams p;
    p.tunnels = 1;
    p.duration = duration;
    auto text = healthy_toml(p);
    text.insert(text.find('\n', text.find("asn =", text.find("[cgw]\n"))) + 1, cgw_keys);
    text.insert(text.find("[cgw.bgp]"), cgw_tables + "\n");
    return text;
}

// A policy-based CGW (three proxy-ID pairs per tunnel: two LANs and the inside /30) over 1 h
// with a phase 2 lifetime of 900 s on both sides. With `lan_traffic`, a host on each LAN pings
// the VPC (one every 3 s from 10.0.0.0/16, one every 7 s from 10.1.0.0/16).
inline std::string policy_based_pairs_toml(int ike_version, bool lan_traffic) {
    std::string t = fmt::format(R"([scenario]
name = "policy-based-rekey-v{}"
summary = "generated"
seed = 1
duration = "1h"

[aws]
gateway = "vgw"
routing = "dynamic"
asn = 64512
)",
                                ike_version);
    for (int n = 1; n <= 2; ++n) {
        t += fmt::format(R"(
[[aws.tunnel]]
outside_ip = "203.0.113.{}0"
inside_cidr = "169.254.{}.0/30"
psk = "example_psk_tunnel{}"
phase2_lifetime_seconds = 900
)",
                         n, 9 + n, n);
    }
    t += "\n[cgw]\noutside_ip = \"198.51.100.10\"\nasn = 65000\n";
    for (int n = 1; n <= 2; ++n) {
        t += fmt::format(R"(
[[cgw.tunnel]]
peer = "203.0.113.{0}0"
psk = "example_psk_tunnel{0}"
{2}phase2_lifetime_seconds = 900
rekey_margin_time_seconds = 270
policy = "policy-based"
proxy_ids = [
  {{ local = "10.0.0.0/16", remote = "172.31.0.0/16" }},
  {{ local = "10.1.0.0/16", remote = "172.31.0.0/16" }},
  {{ local = "169.254.{1}.0/30", remote = "169.254.{1}.0/30" }},
]
)",
                         n, 9 + n, ike_version == 1 ? "ike_version = 1\n" : "");
    }
    t += R"(
[cgw.bgp]
remote_as = 64512
announce = ["10.0.0.0/16", "10.1.0.0/16"]
)";
    if (lan_traffic) {
        t += R"(
[[traffic]]
from = "10.0.1.10"
to = "172.31.1.10"
start = "30s"
interval = "3s"
count = 1000

[[traffic]]
from = "10.1.1.10"
to = "172.31.1.10"
start = "31s"
interval = "7s"
count = 400
)";
    }
    return t;
}

}  // namespace vpnsim::testing
