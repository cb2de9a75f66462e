#include "sim/run/gateway_node.hpp"

#include <fmt/format.h>

#include <type_traits>

namespace vpnsim::run {

TunnelEnd& GatewayNode::add_tunnel(TunnelEndConfig cfg) {
    // Timer tokens carry the tunnel's index + 1 in their upper 32 bits.
    const std::uint64_t tag = static_cast<std::uint64_t>(tunnels_.size() + 1) << 32;
    tunnels_.push_back(std::make_unique<TunnelEnd>(*this, std::move(cfg), tag));
    return *tunnels_.back();
}

void GatewayNode::start() {
    for (auto& t : tunnels_) t->start();
}

void GatewayNode::on_timer(std::uint64_t token) {
    const auto index = (token >> 32) - 1;
    if (index >= tunnels_.size()) return;
    if (NatKeepalive::owns(token)) return tunnels_[index]->on_nat_keepalive_timer();
    tunnels_[index]->on_timer(token);
}

void GatewayNode::receive(net::Packet p) {
    if (p.dst != outside_) {
        drop(p, "not-local", "a gateway does not forward");
        return;
    }
    std::visit(
        [&](const auto& body) {
            using T = std::decay_t<decltype(body)>;
            if constexpr (std::is_same_v<T, ike::Message>) {
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
}

}  // namespace vpnsim::run
