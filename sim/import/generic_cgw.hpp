// DOC: the scenario an imported AWS side runs with: the customer gateway set up as AWS's
// downloadable generic configuration sets it up (aws-facts.md "Tunnel options": one IPsec
// tunnel per AWS endpoint, its outside IP as the peer and its pre-shared key; BGP to the
// Amazon-side ASN on a dynamic connection, none on a static one).
// Every other CGW value is the scenario loader's default -- taken from the loader itself, so the
// two cannot drift -- inside addresses included (derived from the AWS tunnel's inside CIDR),
// except where AWS would refuse the default: a tunnel that does not allow IKEv2 gets IKE
// version 1, and each proposal list keeps only the values AWS allows (AWS's first allowed
// value when it allows none of the defaults), as AWS's files list only what the connection
// accepts.
// Left out: what describe-vpn-connections does not say about the device -- its outside address
// (the customer gateway resource's IpAddress: kCgwOutsideIp here, or the next free address),
// its ASN (65000, the loader's default), the networks it announces (none).
#pragma once

#include "models/common/ipv4.hpp"
#include "sim/scenario/scenario.hpp"

namespace vpnsim::import {

// TEST-NET-2 (RFC 5737): the CGW's outside address unless an AWS tunnel has it.
inline constexpr net::Ipv4Addr kCgwOutsideIp = net::Ipv4Addr::from_octets(198, 51, 100, 10);

// The CGW's outside address: kCgwOutsideIp, or the next address no AWS tunnel has.
net::Ipv4Addr cgw_outside_ip(const scenario::Aws& aws);

// The scenario "imported-<vpn id>": `aws` as it is, the generic CGW, the loader's defaults for
// the rest. It has been written with the scenario writer and loaded back (a failure is a bug in
// vpnsim: std::logic_error).
scenario::Scenario generic_scenario(const scenario::Aws& aws);

}  // namespace vpnsim::import
