// DOC: BGP-4 wire sizes (RFC 4271 §4): the octets a message occupies on the TCP stream, which
// is what TCP sequence numbers count. The encoding assumed is the one a 4-octet-AS speaker
// sends (RFC 6793): the OPEN carries one capability, AS_PATH uses 4 octets per AS.
#include "models/bgp/message.hpp"

#include <type_traits>

namespace vpnsim::bgp {
namespace {

// RFC 4271 §4.1: Marker 16 + Length 2 + Type 1.
constexpr std::uint32_t kHeader = 19;
// §4.2: Version 1 + My AS 2 + Hold Time 2 + BGP Identifier 4 + Opt Parm Len 1.
constexpr std::uint32_t kOpenFixed = 10;
// RFC 5492 §4 Capabilities parameter (type 1 + length 1) holding the RFC 6793 §3 4-octet AS
// capability (code 1 + length 1 + AS 4).
constexpr std::uint32_t kFourOctetAsParameter = 2 + 2 + 4;
// §4.5: Error code 1 + Error subcode 1; no Data field is carried.
constexpr std::uint32_t kNotificationFixed = 2;
// §4.3: Withdrawn Routes Length 2 + Total Path Attribute Length 2.
constexpr std::uint32_t kUpdateFixed = 4;
// §4.3 attribute header: flags 1 + type 1 + length 1 (2 with the Extended Length bit).
constexpr std::uint32_t kAttrHeader = 3;
constexpr std::uint32_t kAttrValueLimit = 255;  // longer values need Extended Length
// §5.1.1 ORIGIN value 1, §5.1.3 NEXT_HOP value 4, §5.1.4 MULTI_EXIT_DISC value 4.
constexpr std::uint32_t kOrigin = kAttrHeader + 1;
constexpr std::uint32_t kNextHop = kAttrHeader + 4;
constexpr std::uint32_t kMed = kAttrHeader + 4;
// §4.3 AS_PATH: segments of type 1 + count 1 + up to 255 ASes of 4 octets each.
constexpr std::uint32_t kSegmentHeader = 2;
constexpr std::uint32_t kSegmentMaxAses = 255;
constexpr std::uint32_t kAsOctets = 4;

// §4.3: <length 1, prefix ceil(length / 8)>.
std::uint32_t prefix_octets(const net::Ipv4Prefix& p) {
    return 1 + (p.len + 7U) / 8U;
}

std::uint32_t prefixes_octets(const std::vector<net::Ipv4Prefix>& ps) {
    std::uint32_t n = 0;
    for (const auto& p : ps) n += prefix_octets(p);
    return n;
}

std::uint32_t as_path_octets(const std::vector<std::uint32_t>& path) {
    const auto count = static_cast<std::uint32_t>(path.size());
    const auto segments = (count + kSegmentMaxAses - 1) / kSegmentMaxAses;
    const auto value = segments * kSegmentHeader + count * kAsOctets;
    return kAttrHeader + (value > kAttrValueLimit ? 1 : 0) + value;
}

std::uint32_t update_octets(const Update& u) {
    std::uint32_t n = kHeader + kUpdateFixed + prefixes_octets(u.withdrawn);
    if (u.nlri.empty()) return n;  // §4.3: withdrawals alone carry no path attributes
    n += kOrigin + as_path_octets(u.as_path) + kNextHop + (u.med != 0 ? kMed : 0);
    return n + prefixes_octets(u.nlri);
}

}  // namespace

std::uint32_t wire_size(const Message& m) {
    return std::visit(
        [](const auto& msg) -> std::uint32_t {
            using T = std::decay_t<decltype(msg)>;
            if constexpr (std::is_same_v<T, Open>) {
                return kHeader + kOpenFixed + kFourOctetAsParameter;
            } else if constexpr (std::is_same_v<T, Keepalive>) {
                return kHeader;  // §4.4
            } else if constexpr (std::is_same_v<T, Notification>) {
                return kHeader + kNotificationFixed;
            } else {
                return update_octets(msg);
            }
        },
        m);
}

}  // namespace vpnsim::bgp
