#include "sim/net/nat.hpp"

namespace vpnsim::net {

std::string_view NatBox::outbound(Packet& p) {
    if (p.src != inside_) return "";
    p.src = public_;
    if (kind_ == NatKind::Static) return "";
    if (p.proto != kProtoUdp) return "pat-cannot-translate-esp";
    auto it = out_ports_.find(p.src_port);
    if (it == out_ports_.end()) {
        it = out_ports_.emplace(p.src_port, next_port_).first;
        in_ports_.emplace(next_port_, it->first);
        ++next_port_;
    }
    p.src_port = it->second;
    return "";
}

std::string_view NatBox::inbound(Packet& p) {
    if (p.dst != public_) return "";
    if (kind_ == NatKind::Pat) {
        if (p.proto != kProtoUdp) return "pat-cannot-translate-esp";
        const auto it = in_ports_.find(p.dst_port);
        if (it == in_ports_.end()) return "pat-no-mapping";
        p.dst_port = it->second;
    }
    p.dst = inside_;
    return "";
}

}  // namespace vpnsim::net
