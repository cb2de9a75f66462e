#include <cstddef>

#include "sim/scenario/scenario.hpp"

namespace vpnsim::scenario {

void apply_options(Aws& aws, const Change& change) {
    if (change.local_ipv4_network_cidr)
        aws.local_ipv4_network_cidr = *change.local_ipv4_network_cidr;
    if (change.remote_ipv4_network_cidr) {
        aws.remote_ipv4_network_cidr = *change.remote_ipv4_network_cidr;
    }
    const auto index = static_cast<std::size_t>(change.tunnel - 1);
    if (change.tunnel_options && index < aws.tunnels.size()) {
        aws.tunnels[index] = *change.tunnel_options;
    }
}

Scenario with_changes_applied(const Scenario& s) {
    Scenario out = s;
    for (auto& change : out.changes) {
        apply_options(out.aws, change);
        change.tunnel_options.reset();
        change.local_ipv4_network_cidr.reset();
        change.remote_ipv4_network_cidr.reset();
    }
    return out;
}

}  // namespace vpnsim::scenario
