#include "sim/import/generic_cgw.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <stdexcept>
#include <string>
#include <vector>

#include "sim/scenario/loader.hpp"
#include "sim/scenario/writer.hpp"

namespace vpnsim::import {
namespace {

// The smallest scenario the loader takes: every value it leaves out is a loader default.
constexpr std::string_view kDefaults = R"([scenario]
name = "loader-defaults"

[aws]

[[aws.tunnel]]
outside_ip = "203.0.113.1"
inside_cidr = "169.254.100.0/30"
psk = "loader_defaults"

[cgw]
outside_ip = "198.51.100.1"

[[cgw.tunnel]]
peer = "203.0.113.1"
psk = "loader_defaults"
)";

scenario::Scenario loaded(std::string_view text, const std::string& label) {
    auto r = scenario::load_string(text, label);
    if (!r.scenario) {
        throw std::logic_error(fmt::format("import: the generated scenario does not load: {}",
                                           r.diagnostics.front().to_string()));
    }
    // Positions in generated text mean nothing to a reader: none are kept.
    return scenario::without_position(std::move(*r.scenario));
}

// The CGW's default values AWS allows, or AWS's first allowed one.
template <class T>
std::vector<T> allowed(const std::vector<T>& defaults, const std::vector<T>& aws) {
    std::vector<T> out;
    for (const auto& v : defaults) {
        if (std::find(aws.begin(), aws.end(), v) != aws.end()) out.push_back(v);
    }
    if (out.empty() && !aws.empty()) out.push_back(aws.front());
    return out;
}

void restrict_to(scenario::ProposalLists& cgw, const scenario::ProposalLists& aws) {
    cgw.encryption = allowed(cgw.encryption, aws.encryption);
    cgw.integrity = allowed(cgw.integrity, aws.integrity);
    cgw.dh_groups = allowed(cgw.dh_groups, aws.dh_groups);
}

}  // namespace

net::Ipv4Addr cgw_outside_ip(const scenario::Aws& aws) {
    auto ip = kCgwOutsideIp;
    const auto taken = [&](net::Ipv4Addr a) {
        return std::any_of(aws.tunnels.begin(), aws.tunnels.end(),
                           [&](const scenario::AwsTunnel& t) { return t.outside_ip == a; });
    };
    while (taken(ip)) ip = net::Ipv4Addr{ip.value + 1};
    return ip;
}

scenario::Scenario generic_scenario(const scenario::Aws& aws) {
    scenario::Scenario s = loaded(kDefaults, "(loader defaults)");
    const scenario::CgwTunnel device = s.cgw.tunnels.front();
    s.name = "imported-" + aws.vpn_id;
    s.summary = fmt::format(
        "{} as describe-vpn-connections shows it; the CGW as AWS's generic configuration sets "
        "it up",
        aws.vpn_id);
    s.aws = aws;
    s.cgw.outside_ip = cgw_outside_ip(aws);
    s.cgw.tunnels.clear();
    for (const auto& t : aws.tunnels) {
        scenario::CgwTunnel c = device;
        c.peer = t.outside_ip;
        c.psk = t.psk;
        if (std::find(t.ike_versions.begin(), t.ike_versions.end(), c.ike_version) ==
            t.ike_versions.end()) {
            c.ike_version = t.ike_versions.front();
        }
        restrict_to(c.phase1, t.phase1);
        restrict_to(c.phase2, t.phase2);
        s.cgw.tunnels.push_back(std::move(c));
    }
    s.cgw.bgp.enabled = aws.routing == scenario::Routing::Dynamic;
    if (s.cgw.bgp.enabled) s.cgw.bgp.remote_as = aws.asn;
    return loaded(scenario::to_toml(s), s.name);
}

}  // namespace vpnsim::import
