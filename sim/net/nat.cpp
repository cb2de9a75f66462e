#include "sim/net/nat.hpp"

namespace vpnsim::net {

NatResult NatBox::outbound(Packet& p, SimTime now) {
    if (p.src != inside_) return {};
    p.src = public_;
    if (kind_ == NatKind::Static) return {};
    if (p.proto != kProtoUdp) return {"pat-cannot-translate-esp"};
    NatResult result;
    auto it = out_ports_.find(p.src_port);
    if (it != out_ports_.end() && expired(it->second, now)) {
        // RFC 4787 §4.3: the idle mapping is gone; this packet starts a new one. The old public
        // port stays known only to say why packets to it are dropped.
        result.expired = true;
        result.expired_port = it->second.public_port;
        it->second = Mapping{next_port_++, now};
        in_ports_.emplace(it->second.public_port, it->first);
    } else if (it == out_ports_.end()) {
        it = out_ports_.emplace(p.src_port, Mapping{next_port_++, now}).first;
        in_ports_.emplace(it->second.public_port, it->first);
    }
    it->second.last_used = now;  // RFC 4787 REQ-6: outbound refresh
    p.src_port = it->second.public_port;
    return result;
}

NatResult NatBox::inbound(Packet& p, SimTime now) {
    if (p.dst != public_) return {};
    if (kind_ == NatKind::Pat) {
        if (p.proto != kProtoUdp) return {"pat-cannot-translate-esp"};
        const auto in = in_ports_.find(p.dst_port);
        if (in == in_ports_.end()) return {"nat-no-mapping"};  // never mapped: unsolicited
        auto& mapping = out_ports_.at(in->second);
        if (mapping.public_port != p.dst_port || expired(mapping, now)) {
            return {"nat-mapping-expired", true, p.dst_port};  // idle too long, or replaced
        }
        mapping.last_used = now;  // inbound refresh (conntrack; RFC 4787 REQ-6 allows it)
        p.dst_port = in->second;
    }
    p.dst = inside_;
    return {};
}

}  // namespace vpnsim::net
