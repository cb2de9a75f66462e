#include "sim/run/gateway_node.hpp"

#include <fmt/format.h>

#include <type_traits>

#include "sim/run/world.hpp"

namespace vpnsim::run {

TunnelEnd& GatewayNode::add_tunnel(TunnelEndConfig cfg) {
    // Timer tokens carry the tunnel's index + 1 in their upper 32 bits.
    const std::uint64_t tag = static_cast<std::uint64_t>(tunnels_.size() + 1) << 32;
    tunnels_.push_back(std::make_unique<TunnelEnd>(*this, std::move(cfg), tag));
    return *tunnels_.back();
}

// Tokens of the node's own timers have no tunnel in their upper 32 bits: event index * 2, + 1
// for the end of a reboot or a silence.
void GatewayNode::start() {
    for (auto& t : tunnels_) t->start();
    for (std::size_t i = 0; i < events_.size(); ++i) {
        arm(events_[i].at, 2 * i);
        if (events_[i].kind != scenario::CgwEvent::Kind::SetPsk) {
            arm(events_[i].at + events_[i].duration, 2 * i + 1);
        }
    }
}

void GatewayNode::on_life_event(std::size_t index, bool ends) {
    using Kind = scenario::CgwEvent::Kind;
    const auto& e = events_.at(index);
    const auto note = [&](std::string_view what, std::string detail) {
        world().trace().add({now(), name(), "cgw", "", what, "", what, std::move(detail)});
    };
    switch (e.kind) {
        case Kind::Reboot:
            if (!ends) {
                note("reboot", fmt::format("the customer gateway reboots: every SA and BGP session "
                                           "is lost, nothing is sent or received for {}",
                                           TimeText{e.duration}));
                offline_ = true;
                for (auto& t : tunnels_) t->power_off();
            } else {
                note("boot", "the customer gateway is up again and starts its tunnels");
                offline_ = false;
                for (auto& t : tunnels_) t->power_on();
            }
            return;
        case Kind::Silent:
            offline_ = !ends;
            note(ends ? "online" : "silent",
                 ends ? std::string("the customer gateway's outside interface passes packets again")
                      : fmt::format("the customer gateway's outside interface passes nothing for "
                                    "{} (its state stays)",
                                    TimeText{e.duration}));
            return;
        case Kind::SetPsk:
            note("config-change",
                 fmt::format("tunnel {}'s pre-shared key is changed; it is used from the next IKE "
                             "SA on",
                             e.tunnel));
            tunnels_.at(static_cast<std::size_t>(e.tunnel - 1))->set_psk(e.psk);
            return;
    }
}

void GatewayNode::on_timer(std::uint64_t token) {
    if ((token >> 32) == 0) return on_life_event(token / 2, (token % 2) == 1);
    const auto index = (token >> 32) - 1;
    if (index >= tunnels_.size()) return;
    if (NatKeepalive::owns(token)) return tunnels_[index]->on_nat_keepalive_timer();
    tunnels_[index]->on_timer(token);
}

bool GatewayNode::dropped_offline(const net::Packet& p) {
    if (offline_) drop(p, "cgw-offline", "the customer gateway is rebooting or silent");
    return offline_;
}

Fate GatewayNode::receive(net::Packet& p) {
    if (dropped_offline(p)) return Fate::Done;
    if (p.dst != outside_) {
        drop(p, "not-local", "a gateway does not forward");
        return Fate::Done;
    }
    std::visit(
        [&](const auto& body) {
            using T = std::decay_t<decltype(body)>;
            if constexpr (std::is_same_v<T, ike::Message>) {
                // RFC 7296 §2.1: a message belongs to the IKE SA its SPIs name -- two tunnels
                // may point at the same peer -- and a new request to the first that takes it.
                for (auto& t : tunnels_) {
                    if (t->accepts_ike_from(p.src) && t->knows_ike_sa(body)) {
                        t->on_ike(p, body);
                        return;
                    }
                }
                for (auto& t : tunnels_) {
                    if (t->accepts_ike_from(p.src)) {
                        t->on_ike(p, body);
                        return;
                    }
                }
                drop(p, "no-ike-peer", fmt::format("no tunnel is configured for peer {}", p.src));
            } else if constexpr (std::is_same_v<T, net::EspPayload>) {
                for (auto& t : tunnels_) {
                    if (t->owns_spi(body.spi)) {
                        t->on_esp(p, body);
                        return;
                    }
                }
                drop(p, "unknown-spi", fmt::format("no inbound SA with SPI 0x{:08x}", body.spi));
            } else {
                static_assert(std::is_same_v<T, net::NatKeepalive>);  // RFC 3948 §2.3: ignored
            }
        },
        p.body);
    return Fate::Done;
}

}  // namespace vpnsim::run
