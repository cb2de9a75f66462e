// DOC: what a protocol adapter may ask of the node it runs on.
// Adapters (BGP speaker, IKE endpoint) turn a pure model's Actions into effects; they never
// touch the kernel directly. Timers are identified by a token the adapter chooses; the node
// routes an expired token back to the adapter that armed it.
#pragma once

#include <cstdint>
#include <string_view>

#include "models/bgp/fsm.hpp"
#include "models/common/time.hpp"
#include "models/net/packet.hpp"
#include "sim/kernel/kernel.hpp"
#include "sim/kernel/trace.hpp"

namespace vpnsim::run {

class Host {
public:
    virtual ~Host() = default;
    virtual SimTime now() const = 0;
    // Arms a one-shot timer; when it expires the node calls the owner's on_timer(token).
    virtual kernel::EventId arm_timer(SimTime after, std::uint64_t token) = 0;
    virtual void cancel_timer(kernel::EventId id) = 0;
    // Hands an inner packet to the node's routing/IPsec layer. False when it was dropped
    // there (no route, no CHILD_SA, a selector miss...: the node traces why).
    virtual bool send_inner(net::InnerPacket&& packet) = 0;
    virtual void trace(kernel::TraceRecord&& record) = 0;
    // Every BGP FSM step, with the data before it, for observers that need structure rather
    // than trace text (the AWS BGP log). Default: nothing.
    virtual void on_bgp_step(const bgp::Config& /*cfg*/, const bgp::Data& /*before*/,
                             bgp::State /*from*/, const bgp::Input& /*in*/,
                             const bgp::StepResult& /*r*/) {}
    virtual std::string_view node_name() const = 0;
};

}  // namespace vpnsim::run
