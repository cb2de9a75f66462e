#include "models/ipsec/traffic_selector.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <bit>
#include <charconv>
#include <string_view>

namespace vpnsim::ipsec {
namespace {

// The prefix length if [start, end] is exactly one CIDR block.
std::optional<int> prefix_length(net::Ipv4Addr start, net::Ipv4Addr end) {
    const std::uint32_t span = end.value - start.value;                // size - 1
    if (start > end || (span & (span + 1)) != 0) return std::nullopt;  // size not a power of 2
    if ((start.value & span) != 0) return std::nullopt;                // not aligned
    return 32 - std::countr_one(span);  // span + 1 is a power of two: its ones are the low bits
}

// Selectors are printed for every CHILD_SA the run installs, so by hand rather than through
// a format string: dotted quads and decimal numbers, as fmt prints them, written into a local
// buffer that goes onto the string in one append.
char* write_number(char* p, unsigned n) {
    return std::to_chars(p, p + 10, n).ptr;
}

char* write_text(char* p, std::string_view text) {
    return std::copy(text.begin(), text.end(), p);
}

}  // namespace

bool TrafficSelector::within(const TrafficSelector& other) const {
    return other.start <= start && end <= other.end &&
           (other.ip_proto == 0 || other.ip_proto == ip_proto) && other.start_port <= start_port &&
           end_port <= other.end_port;
}

std::string TrafficSelector::to_string() const {
    std::string out;
    append_to(out);
    return out;
}

void TrafficSelector::append_to(std::string& out) const {
    // The longest: "255.255.255.255-255.255.255.255 proto 255 port 65535-65535" (58 chars).
    char buf[64];
    char* p = start.write_to(buf);
    if (const auto len = prefix_length(start, end)) {
        *p++ = '/';
        p = write_number(p, static_cast<unsigned>(*len));
    } else {
        *p++ = '-';
        p = end.write_to(p);
    }
    if (ip_proto != 0) {
        p = write_text(p, " proto ");
        p = write_number(p, ip_proto);
    }
    if (start_port != 0 || end_port != 0xffff) {
        p = write_text(p, " port ");
        p = write_number(p, start_port);
        *p++ = '-';
        p = write_number(p, end_port);
    }
    out.append(buf, p);
}

TsList from_prefixes(const std::vector<net::Ipv4Prefix>& prefixes) {
    TsList out;
    out.reserve(prefixes.size());
    for (const auto& p : prefixes) out.push_back(TrafficSelector::from_prefix(p));
    return out;
}

std::optional<TrafficSelector> intersect(const TrafficSelector& a, const TrafficSelector& b) {
    if (a.ip_proto != 0 && b.ip_proto != 0 && a.ip_proto != b.ip_proto) return std::nullopt;
    TrafficSelector r{std::max(a.start, b.start), std::min(a.end, b.end),
                      a.ip_proto != 0 ? a.ip_proto : b.ip_proto,
                      std::max(a.start_port, b.start_port), std::min(a.end_port, b.end_port)};
    if (r.start > r.end || r.start_port > r.end_port) return std::nullopt;
    return r;
}

TsList narrow(const TsList& proposed, const TsList& policy) {
    TsList out;
    for (const auto& p : proposed) {
        for (const auto& q : policy) {
            const auto r = intersect(p, q);
            if (r && std::find(out.begin(), out.end(), *r) == out.end()) out.push_back(*r);
        }
    }
    return out;
}

bool covered_by(const TsList& inner, const TsList& outer) {
    return std::all_of(inner.begin(), inner.end(), [&](const TrafficSelector& t) {
        return std::any_of(outer.begin(), outer.end(),
                           [&](const TrafficSelector& o) { return t.within(o); });
    });
}

bool list_matches(const TsList& list, net::Ipv4Addr a, std::uint8_t proto, std::uint16_t port) {
    return std::any_of(list.begin(), list.end(),
                       [&](const TrafficSelector& t) { return t.matches(a, proto, port); });
}

std::string to_string(const TsList& list) {
    std::string out;
    append_to(out, list);
    return out;
}

void append_to(std::string& out, const TsList& list) {
    const auto start = out.size();
    for (const auto& t : list) {
        if (out.size() != start) out += ", ";
        t.append_to(out);
    }
}

}  // namespace vpnsim::ipsec
