// DOC: human-readable facts about BGP messages and FSM steps, for trace lines and reports.
// Names of NOTIFICATION codes follow RFC 4271 §4.5, RFC 4486 §4 (Cease) and RFC 6608 §4 (FSM
// Error); Cease and FSM Error subcodes are prefixed with the code name the way AWS's BGP log
// writes "6/1 (Cease/Maximum Number of Prefixes Reached)".
#pragma once

#include <string>
#include <string_view>

#include "models/bgp/fsm.hpp"
#include "models/common/deferred_text.hpp"

namespace vpnsim::bgp {

// "Bad Peer AS", "Hold Timer Expired", "Cease/Maximum Number of Prefixes Reached".
std::string_view notification_name(const Notification& n);

// "NOTIFICATION 2/2 (Bad Peer AS)".
std::string describe(const Notification& n);

// One line per message: "OPEN as 65000 hold 30 id 169.254.10.2", "KEEPALIVE",
// "UPDATE nlri 10.0.0.0/16 as-path 65000 next-hop 169.254.10.2", "NOTIFICATION 4/0 (...)".
std::string summary(const Message& m);
// The same line, built when the trace is read: a KEEPALIVE, OPEN or NOTIFICATION keeps a few
// numbers; an UPDATE (rare, and not a few numbers) is rendered now.
DeferredText deferred_summary(const Message& m);

// Why the import policy denied routes: "AS_PATH contains our own AS 64512", "NEXT_HOP 10.0.0.1
// is not on the connected subnet 169.254.10.0/30".
std::string describe_denial(const Config& cfg, const RoutesDenied& d);

// The facts behind one step, joined by "; ":
// "sent NOTIFICATION 2/2 (Bad Peer AS); remote AS is 65001, expected 65000; idle hold 2.000s".
// Deferred: the numbers are taken now, the text is built when the trace is read.
DeferredText describe_step(const Config& cfg, const Data& before, State from, const Input& in,
                           const StepResult& r);

}  // namespace vpnsim::bgp
