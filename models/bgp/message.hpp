// DOC: BGP-4 messages as typed values (RFC 4271 §4).
// Only what the simulation reads is carried: no capabilities beyond 4-octet AS (RFC 6793 is
// assumed, so AS numbers are 32-bit), no path attributes beyond AS_PATH, NEXT_HOP, MED.
#pragma once

#include <cstdint>
#include <variant>
#include <vector>

#include <boost/container/flat_set.hpp>

#include "models/common/ipv4.hpp"
#include "models/common/small_vector.hpp"

namespace vpnsim::bgp {

// A sorted set of prefixes (a speaker's Adj-RIB-In): a handful, nearly always, kept inline so
// that copying the FSM's data at every step allocates nothing. std::set's interface.
using PrefixSet = boost::container::flat_set<net::Ipv4Prefix, std::less<net::Ipv4Prefix>,
                                             SmallVector<net::Ipv4Prefix, 4>>;

struct Open {
    std::uint32_t my_as{0};
    std::uint16_t hold_time_s{0};  // RFC 4271 §4.2: 0 or >= 3
    net::Ipv4Addr bgp_id;
    auto operator<=>(const Open&) const = default;
};

struct Keepalive {
    auto operator<=>(const Keepalive&) const = default;
};

struct Update {
    std::vector<net::Ipv4Prefix> withdrawn;
    std::vector<net::Ipv4Prefix> nlri;
    std::vector<std::uint32_t> as_path;  // AS_SEQUENCE, leftmost = neighbor
    net::Ipv4Addr next_hop;
    std::uint32_t med{0};
    std::vector<std::uint32_t> communities;  // RFC 1997 COMMUNITIES, (ASN << 16) | value
    auto operator<=>(const Update&) const = default;
};

// RFC 4271 §4.5 error codes used here: 2/2 Bad Peer AS, 2/6 Unacceptable Hold Time,
// 4/0 Hold Timer Expired, 6/1 Cease / Maximum Number of Prefixes Reached (RFC 4486),
// 6/2 Administrative Shutdown.
struct Notification {
    std::uint8_t code{0};
    std::uint8_t subcode{0};
    auto operator<=>(const Notification&) const = default;
};

using Message = std::variant<Open, Keepalive, Update, Notification>;

// Wire size in octets (RFC 4271 §4: 19-octet header), used for TCP sequence numbers.
std::uint32_t wire_size(const Message& m);

}  // namespace vpnsim::bgp
