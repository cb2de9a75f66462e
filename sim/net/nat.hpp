// DOC: a NAT box between the CGW and the Internet.
// Static NAT (one-to-one) rewrites the inside address and keeps ports, so raw ESP crosses it;
// its mapping is configured, so it never expires.
// PAT (NAPT, RFC 3022 §2.2) also rewrites UDP source ports to ports of its own; ESP has no
// ports to translate, so a PAT drops it (aws-facts.md "Raw ESP (IP proto 50) does not cross a
// PAT") -- which is why NAT-T wraps ESP in UDP 4500 (RFC 3948).
// A PAT's UDP mappings are learnt from outbound packets and forgotten after `udp_timeout` of
// idleness (RFC 4787 §4.3; Linux conntrack's udp stream timeout). A packet in either direction
// refreshes a mapping (RFC 4787 REQ-6 requires outbound refresh and allows inbound; conntrack
// does both). An inbound packet to an expired mapping is dropped ("nat-mapping-expired"), as is
// one to a port never mapped ("nat-no-mapping"); an outbound packet whose mapping expired gets a
// new one on a fresh public port, so the peer sees it arrive from a new port (RFC 7296 §2.23
// says what the peer then does). Ports are handed out in order and never reused, which keeps
// runs deterministic.
// Left out: port preservation, hairpinning, per-destination (address-dependent) mappings.
#pragma once

#include <cstdint>
#include <map>
#include <string_view>
#include <utility>

#include "models/common/time.hpp"
#include "models/net/packet.hpp"

namespace vpnsim::net {

enum class NatKind : std::uint8_t { Static, Pat };

// What the box did with one packet.
struct NatResult {
    std::string_view drop;  // "" when the packet goes on, else the drop reason
    // PAT: the packet's mapping had expired (idle for the UDP timeout). Outbound it was replaced
    // by a new one on another public port; inbound the packet was dropped.
    bool expired{false};
    std::uint16_t expired_port{0};  // the expired mapping's public port
};

class NatBox {
  public:
    NatBox(NatKind kind, Ipv4Addr inside, Ipv4Addr public_ip, SimTime udp_timeout = sec(120))
        : kind_(kind), inside_(inside), public_(public_ip), udp_timeout_(udp_timeout) {}

    // Rewrites the packet in place at simulated time `now`.
    NatResult outbound(Packet& p, SimTime now);  // inside -> Internet
    NatResult inbound(Packet& p, SimTime now);   // Internet -> inside

    Ipv4Addr public_ip() const { return public_; }
    SimTime udp_timeout() const { return udp_timeout_; }

  private:
    struct Mapping {
        std::uint16_t public_port{0};
        SimTime last_used{};
    };
    bool expired(const Mapping& m, SimTime now) const { return now - m.last_used >= udp_timeout_; }

    NatKind kind_;
    Ipv4Addr inside_;
    Ipv4Addr public_;
    SimTime udp_timeout_;
    std::map<std::uint16_t, Mapping> out_ports_;  // inside port -> its current mapping
    // public port -> inside port, for every port ever mapped (a replaced one is expired)
    std::map<std::uint16_t, std::uint16_t> in_ports_;
    std::uint16_t next_port_{31000};
};

}  // namespace vpnsim::net
