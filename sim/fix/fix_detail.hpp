// DOC: the fix catalogue's pieces shared between its files (internal to sim/fix): each fix is
// a pair -- is it applicable (would it change anything), and apply it. catalogue.cpp holds the
// table and the AWS-side, path and IKE/IPsec fixes; bgp_fixes.cpp the CGW's BGP and routing
// fixes.
#pragma once

#include "sim/scenario/scenario.hpp"

namespace vpnsim::fix::detail {

// The AWS tunnel whose outside IP is `peer`, or nullptr.
const scenario::AwsTunnel* aws_for(const scenario::Scenario& s, net::Ipv4Addr peer);

bool remote_as_wrong(const scenario::Scenario& s);
void remote_as_fix(scenario::Scenario& s);
bool asn_differs(const scenario::Scenario& s);
void asn_match(scenario::Scenario& s);
bool neighbor_wrong(const scenario::Scenario& s);
void neighbor_fix(scenario::Scenario& s);
bool md5_set(const scenario::Scenario& s);
void md5_clear(scenario::Scenario& s);
bool prepends(const scenario::Scenario& s);
void prepend_clear(scenario::Scenario& s);
bool min_hold_above_aws(const scenario::Scenario& s);
void min_hold_remove(scenario::Scenario& s);
bool hold_invalid(const scenario::Scenario& s);
void hold_aws_template(scenario::Scenario& s);
bool next_hop_rewritten(const scenario::Scenario& s);
void next_hop_self(scenario::Scenario& s);
bool too_many(const scenario::Scenario& s);
void summarise_announce(scenario::Scenario& s);
bool networks_unannounced(const scenario::Scenario& s);
void announce_networks(scenario::Scenario& s);
bool inside_ip_differs(const scenario::Scenario& s);
void inside_ip_aws(scenario::Scenario& s);

}  // namespace vpnsim::fix::detail
