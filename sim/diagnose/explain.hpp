// DOC: the diagnosis rules' explanations -- one paragraph per cause, for an engineer in
// training, built from the scenario and the tunnel it was found on (rules.cpp's table names
// them; explain.cpp writes them).
#pragma once

#include <string>
#include <vector>

#include "sim/diagnose/rules.hpp"

namespace vpnsim::diagnose::detail {

std::string explain_no_bgp(const Context& c, const TunnelView& t);
std::string explain_ts(const Context& c, const TunnelView& t);
std::string explain_accel(const Context& c, const TunnelView& t);
std::string explain_pat(const Context& c, const TunnelView& t);
std::string explain_fw_ike(const Context& c, const TunnelView& t);
std::string explain_fw_natt(const Context& c, const TunnelView& t);
std::string explain_nat_expired(const Context& c, const TunnelView& t);
std::string explain_fw_esp(const Context& c, const TunnelView& t);
std::string explain_fw_bgp(const Context& c, const TunnelView& t);
std::string explain_psk(const Context& c, const TunnelView& t);
std::string explain_p1(const Context& c, const TunnelView& t);
std::string explain_p2(const Context& c, const TunnelView& t);
std::string explain_ts_unacceptable(const Context& c, const TunnelView& t);
std::string explain_peer_as(const Context& c, const TunnelView& t);
std::string explain_md5(const Context& c, const TunnelView& t);
std::string explain_neighbor(const Context& c, const TunnelView& t);
// explain_addressing.cpp
std::string explain_inside_ip(const Context& c, const TunnelView& t);
// On-premises destinations no announced prefix covers: the CGW's networks, and the on-premises
// ends of [[traffic]] flows (as /32s).
std::vector<net::Ipv4Prefix> unannounced_destinations(const scenario::Scenario& s);
std::string explain_lan_not_announced(const Context& c, const TunnelView& t);
std::string explain_nat_must_initiate(const Context& c, const TunnelView& t);
std::string explain_cgw_offline(const Context& c, const TunnelView& t);
std::string explain_sent_while_down(const Context& c, const TunnelView& t);
std::string explain_cgw_lost_sa(const Context& c, const TunnelView& t);
std::string explain_not_yet_established(const Context& c, const TunnelView& t);
std::string explain_stale_session(const Context& c, const TunnelView& t);
std::string explain_prefix_limit(const Context& c, const TunnelView& t);
std::string explain_own_as(const Context& c, const TunnelView& t);
std::string explain_min_hold(const Context& c, const TunnelView& t);
std::string explain_hold_invalid(const Context& c, const TunnelView& t);
std::string explain_next_hop(const Context& c, const TunnelView& t);
std::string explain_hold(const Context& c, const TunnelView& t);
std::string explain_outage(const Context& c, const TunnelView& t);
std::string explain_loss(const Context& c, const TunnelView& t);
std::string explain_dpd(const Context& c, const TunnelView& t);
std::string explain_stale(const Context& c, const TunnelView& t);
std::string explain_multiple_sa_pairs(const Context& c, const TunnelView& t);
std::string explain_pfs(const Context& c, const TunnelView& t);
std::string explain_version(const Context& c, const TunnelView& t);
std::string explain_aggressive(const Context& c, const TunnelView& t);
std::string explain_invalid_id(const Context& c, const TunnelView& t);
std::string explain_expired(const Context& c, const TunnelView& t);
std::string explain_ike_expired(const Context& c, const TunnelView& t);
std::string explain_replaced(const Context& c, const TunnelView& t);
std::string explain_asymmetric(const Context& c, const TunnelView& t);
std::string explain_no_static_route(const Context& c, const TunnelView& t);
std::string explain_ts_lan(const Context& c, const TunnelView& t);
std::string explain_cgw_no_route(const Context& c, const TunnelView& t);
std::string explain_mtu(const Context& c, const TunnelView& t);
std::string explain_duplicate_peer(const Context& c, const TunnelView& t);

}  // namespace vpnsim::diagnose::detail
