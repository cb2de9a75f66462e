// DOC: a NAT box between the CGW and the Internet.
// Static NAT (one-to-one) rewrites the inside address and keeps ports, so raw ESP crosses it.
// PAT (NAPT, RFC 3022 §2.2) also rewrites UDP source ports to ports of its own; ESP has no
// ports to translate, so a PAT drops it (aws-facts.md "Raw ESP (IP proto 50) does not cross a
// PAT") -- which is why NAT-T wraps ESP in UDP 4500 (RFC 3948).
#pragma once

#include <cstdint>
#include <map>
#include <string_view>
#include <utility>

#include "models/net/packet.hpp"

namespace vpnsim::net {

enum class NatKind : std::uint8_t { Static, Pat };

class NatBox {
  public:
    NatBox(NatKind kind, Ipv4Addr inside, Ipv4Addr public_ip)
        : kind_(kind), inside_(inside), public_(public_ip) {}

    // Rewrites in place. Returns "" when the packet may go on, else the drop reason.
    std::string_view outbound(Packet& p);  // inside -> Internet
    std::string_view inbound(Packet& p);   // Internet -> inside

    Ipv4Addr public_ip() const { return public_; }

  private:
    NatKind kind_;
    Ipv4Addr inside_;
    Ipv4Addr public_;
    std::map<std::uint16_t, std::uint16_t> out_ports_;  // inside port -> public port
    std::map<std::uint16_t, std::uint16_t> in_ports_;   // public port -> inside port
    std::uint16_t next_port_{31000};
};

}  // namespace vpnsim::net
