// DOC: the mutations `vpnsim explore` applies to a healthy base, one field each, over the
// whole scenario schema: AWS tunnel and connection options, the CGW's IKE, IPsec, DPD, rekey,
// BGP and routing settings, the path (NAT, PAT timeouts, firewall, loss, outages, delay), the
// traffic, CGW events and AWS-side changes. Each kind reads its Mutation's `a` and `b` modulo
// its own list of values, so a = b = 0 is its plainest form (what shrinking moves towards).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "sim/explore/generate.hpp"

namespace vpnsim::explore {

// Sets the field; returns what it set ("cgw.tunnel[1].psk = \"wrong_psk_value\""), or ""
// when the kind does not apply to this scenario (a static-route change on a BGP CGW).
std::string apply(scenario::Scenario& s, const Mutation& m);
// The kind's name ("cgw.psk").
std::string_view name(const Mutation& m);

// Restores the loader's cross-field rules after mutations (acceleration and ECMP only on a
// transit gateway, static routes only with static routing, keepalive at most a third of the
// hold time, events and changes in time order, flows with exactly one end in the VPC, ...),
// so the scenario is one a file could hold. Applied once, after the last mutation.
void normalize(scenario::Scenario& s);

}  // namespace vpnsim::explore
