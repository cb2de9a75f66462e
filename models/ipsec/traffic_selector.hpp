// DOC: IPsec traffic selectors and their narrowing (RFC 7296 §2.9, §3.13.1; RFC 4301 §4.4.1).
// A selector is an IPv4 address range plus protocol and port range (TS_IPV4_ADDR_RANGE).
// Narrowing is the responder's job: from each selector the initiator proposes, keep the part
// that also lies inside the responder's own policy; if nothing is left for either TSi or TSr,
// the answer is TS_UNACCEPTABLE. Left out: IPv6 selectors and the "first selector is the
// triggering packet" hint (RFC 7296 §2.9.2) -- AWS and the CGW templates do not send it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "models/common/enum_format.hpp"
#include "models/common/ipv4.hpp"

namespace vpnsim::ipsec {

struct TrafficSelector {
    net::Ipv4Addr start;
    net::Ipv4Addr end{0xffffffffU};
    std::uint8_t ip_proto{0};  // 0 = any
    std::uint16_t start_port{0};
    std::uint16_t end_port{0xffff};

    static TrafficSelector from_prefix(const net::Ipv4Prefix& p) {
        return TrafficSelector{p.first(), p.last(), 0, 0, 0xffff};
    }
    bool matches(net::Ipv4Addr a, std::uint8_t proto, std::uint16_t port) const {
        return start <= a && a <= end && (ip_proto == 0 || ip_proto == proto) &&
               start_port <= port && port <= end_port;
    }
    // True when every packet this selector matches is also matched by other.
    bool within(const TrafficSelector& other) const;
    // "10.0.0.0/16" when the range is a prefix and protocol/ports are "any", else the RFC
    // range form "10.0.0.5-10.0.0.9 proto 6 port 179-179".
    std::string to_string() const;
    void append_to(std::string& out) const;  // to_string() onto out
    auto operator<=>(const TrafficSelector&) const = default;
};

using TsList = std::vector<TrafficSelector>;

TsList from_prefixes(const std::vector<net::Ipv4Prefix>& prefixes);

std::optional<TrafficSelector> intersect(const TrafficSelector& a, const TrafficSelector& b);

// RFC 7296 §2.9: the subset of `proposed` that lies inside `policy`, in the proposed order,
// duplicates removed. Empty result means TS_UNACCEPTABLE.
TsList narrow(const TsList& proposed, const TsList& policy);

// True when every selector in `inner` lies within some selector of `outer`.
bool covered_by(const TsList& inner, const TsList& outer);

// Does any selector in the list match this address (any protocol, any port)?
bool list_matches(const TsList& list, net::Ipv4Addr a, std::uint8_t proto, std::uint16_t port);

// Comma-separated to_string of each selector ("0.0.0.0/0", "10.0.0.0/16, 10.1.0.0/16").
std::string to_string(const TsList& list);
void append_to(std::string& out, const TsList& list);  // to_string(list) onto out

// A TsList as an argument of deferred trace text (models/common/deferred_text.hpp), printed as
// to_string(TsList) prints it. A list of at most one selector -- nearly every list -- is held
// by value, so the text may be rendered long after the list is gone (lasting()); a longer one
// is only viewed, and text that shows it must be rendered while the list still exists.
class TsText {
  public:
    explicit TsText(const TsList& list)
        : size_(list.size()),
          first_(list.empty() ? TrafficSelector{} : list.front()),
          list_(list.size() > 1 ? &list : nullptr) {}
    bool lasting() const { return list_ == nullptr; }
    void append_to(std::string& out) const {
        if (list_ != nullptr) return ipsec::append_to(out, *list_);
        if (size_ == 1) first_.append_to(out);
    }

  private:
    std::size_t size_;
    TrafficSelector first_;
    const TsList* list_;
};

}  // namespace vpnsim::ipsec

template <>
struct fmt::formatter<vpnsim::ipsec::TsText> : vpnsim::AppendFormatter<vpnsim::ipsec::TsText> {};

namespace vpnsim::ipsec {}  // namespace vpnsim::ipsec
