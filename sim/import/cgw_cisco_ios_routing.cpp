// DOC: the Cisco IOS reader's interfaces, static routes, access lists, `router bgp` and route
// maps (Cisco IOS Interface and IP Routing command references; AWS's IOS templates). A tunnel
// interface keeps its address, source, destination, mode, protection profile, MTU and MSS;
// another interface only its address (a tunnel's source), its crypto map and `shutdown`
// (`ip nat` and `ip access-group` on it are warned: a NAT or filter on the CGW itself).
// Extended access lists keep each `permit ip SRC DST` as a (local, remote) pair. `router bgp`
// keeps the ASN, `network` statements, `timers bgp` and, per neighbor, remote-as, timers,
// password and route maps; route-map clauses keep `set as-path prepend`, `set metric`, `set
// local-preference`. Left out, with a warning: other routing protocols, address families other
// than IPv4 unicast, peer groups, multihop, BFD, route-map matches and other sets, static
// routes through VRFs, tracking and distances.
#include <fmt/format.h>

#include <algorithm>
#include <charconv>

#include "sim/import/cgw_cisco_ios_detail.hpp"
#include "sim/scenario/writer.hpp"

namespace vpnsim::import::ios {
namespace {

using scenario::toml_basic_string;

// The length a `network A` statement without a mask announces (IOS: the classful network);
// `network 0.0.0.0` is the default route.
std::uint8_t classful_length(net::Ipv4Addr a) {
    const auto first = a.value >> 24;
    if (a.value == 0) return 0;
    if (first < 128) return 8;
    if (first < 192) return 16;
    if (first < 224) return 24;
    return 32;
}

std::string cidr_text(const net::Ipv4Prefix& p) {
    return toml_basic_string(fmt::format("{}/{}", p.addr, p.len));
}

}  // namespace

// An AS number: asplain, or asdot "1.10" (65546); else as written, for the loader to refuse.
std::string asn_value(std::string_view text) {
    const auto dot = text.find('.');
    if (dot != std::string_view::npos && is_number(text.substr(0, dot)) &&
        is_number(text.substr(dot + 1)) && dot <= 5 && text.size() - dot - 1 <= 5) {
        unsigned high = 0;
        unsigned low = 0;
        std::from_chars(text.data(), text.data() + dot, high);
        std::from_chars(text.data() + dot + 1, text.data() + text.size(), low);
        if (high <= 65535 && low <= 65535) return std::to_string((std::uint64_t{high} << 16) | low);
    }
    return toml_integer(text);
}

void Reader::open_interface(const Line& line) {
    std::string name;
    for (std::size_t i = 1; i < line.size(); ++i) name += line.word(i);  // "GigabitEthernet 0/0"
    if (name.empty()) {
        error(line.at(1), "interface", "expected an interface name");
        return open(Block::Ignored, 0, {});
    }
    auto& kind = config_.interfaces;
    const auto key = lowered(name);
    auto it = kind.index.find(key);
    if (it == kind.index.end()) {
        if (kind.items.size() >= kMaxObjects) {
            error(line.at(1), "interface", fmt::format("more than {} interfaces", kMaxObjects));
            return open(Block::Ignored, 0, {});
        }
        Interface f;
        f.name = name;
        f.at = line.at(0);
        kind.items.push_back(std::move(f));
        it = kind.index.emplace(key, kind.items.size() - 1).first;
    }
    open(Block::Interface, it->second, "interface " + name);
}

void Reader::interface_line(const Line& line) {
    auto& f = config_.interfaces.items[index_];
    const bool tunnel = f.is_tunnel();
    const auto key = fmt::format("{} {} {}", block_name_, line.word(0), line.word(1));
    if (line.is(0, "ip")) {
        if (line.is(1, "address")) {
            if (line.is(2, "dhcp") || line.is(2, "negotiated") || line.is(4, "secondary")) return;
            if (const auto p = address_mask(line, 2, key)) {
                f.address = p;
                f.address_at = line.at(2);
            }
        } else if (line.is(1, "mtu")) {
            f.mtu = Item{toml_integer(line.word(2)), line.at(2), key};
        } else if (line.is(1, "tcp") && line.is(2, "adjust-mss")) {
            f.mss = Item{toml_integer(line.word(3)), line.at(3), key + " adjust-mss"};
        } else if (line.is(1, "nat") || line.is(1, "access-group")) {
            not_here(line, block_name_, 3);
        } else if (tunnel && !line.is(1, "virtual-reassembly")) {
            not_here(line, block_name_, 3);  // ip unnumbered, ip ospf, ip pim ...
        }
    } else if (line.is(0, "tunnel") && tunnel) {
        if (line.is(1, "source")) {
            if (line.size() < 3) return error(line.at(2), key, "expected an address or interface");
            f.source = line.words[2];
        } else if (line.is(1, "destination")) {
            f.destination = address_word(line, 2, key);
            f.destination_at = line.at(2);
        } else if (line.is(1, "mode")) {
            f.has_mode = true;
            if (!(line.is(2, "ipsec") && line.is(3, "ipv4"))) not_here(line, block_name_, 4);
        } else if (line.is(1, "protection")) {
            if (!(line.is(2, "ipsec") && line.is(3, "profile")) || line.size() < 5) {
                return error(line.at(2), key, "expected 'tunnel protection ipsec profile NAME'");
            }
            f.protection = line.words[4];
        } else {
            not_here(line, block_name_);  // tunnel vrf, tunnel key, tunnel path-mtu-discovery ...
        }
    } else if (line.is(0, "shutdown")) {
        f.shutdown = true;
        f.shutdown_line = line.number;
    } else if (line.is(0, "no") && line.is(1, "shutdown")) {
        f.shutdown = false;
    } else if (line.is(0, "crypto") && line.is(1, "map") && line.size() > 2) {
        f.crypto_map = line.words[2];
    } else if (tunnel && !line.is(0, "description") && !line.is(0, "no")) {
        not_here(line, block_name_);  // bfd, keepalive, load-interval ...
    }
}

// ip route A M (INTERFACE [NEXTHOP] | NEXTHOP) [DISTANCE] [name N] [track T] [permanent] ...
void Reader::static_route(const Line& line) {
    if (line.is(2, "vrf")) return not_here(line, {}, 4);
    const auto p = address_mask(line, 2, "ip route");
    if (!p) return;
    if (line.size() < 5) {
        return error(line.at(4), "ip route", "expected an interface or a next-hop address");
    }
    std::size_t i = 5;
    if (!parse_address(line.word(4)) && parse_address(line.word(5))) ++i;  // INTERFACE NEXTHOP
    for (; i < line.size(); ++i) {
        if (line.is(i, "name")) {
            ++i;
        } else if (!line.is(i, "permanent")) {
            warn(line.number, fmt::format("ip route ... {}", line.word(i)));  // track, distance
            break;
        }
    }
    if (config_.routes.size() < kMaxObjects) {
        config_.routes.push_back({*p, line.at(2), line.words[4],
                                  fmt::format("ip route {} {}", line.word(2), line.word(3))});
    }
}

// [SEQ] permit ip SRC DST, each operand `any`, `host A`, `A WILDCARD` (or a CIDR).
void Reader::access_list_entry(const Line& line, AccessList& acl, std::size_t first) {
    std::size_t i = first;
    if (first == 0 && is_number(line.word(0))) ++i;
    if (line.is(i, "remark")) return;
    const auto key = first == 0 ? block_name_ : fmt::format("access-list {}", line.word(1));
    const auto context = first == 0 ? block_name_ : std::string{};
    if (!line.is(i, "permit")) return not_here(line, context, i + 2);  // deny: not a selector
    const auto entry_at = line.at(i);
    ++i;
    if (!line.is(i, "ip") && line.word(i) != "0") {
        warn(line.number, fmt::format("protocol {} (taken as ip) in {}", line.word(i), key));
    }
    ++i;
    const auto local = acl_operand(line, i, key);
    if (!local) return;
    const auto remote = acl_operand(line, i, key);
    if (!remote) return;
    if (i < line.size() && !line.is(i, "log")) {
        warn(line.number, fmt::format("{} in {}", line.word(i), key));  // ports, dscp ...
    }
    if (acl.pairs.size() < kMaxObjects) acl.pairs.push_back({*local, *remote, entry_at});
}

std::optional<net::Ipv4Prefix> Reader::acl_operand(const Line& line, std::size_t& i,
                                                   const std::string& key) {
    if (line.is(i, "any")) {
        ++i;
        return net::Ipv4Prefix::any();
    }
    if (line.is(i, "host")) {
        const auto a = address_word(line, i + 1, key);
        i += 2;
        if (!a) return std::nullopt;
        return net::Ipv4Prefix::host(*a);
    }
    if (line.word(i).find('/') != std::string_view::npos) {
        // A CIDR where IOS writes A WILDCARD: vpnsim's extension, so a template can use
        // {{ vpc.cidr }}.
        const auto p = net::Ipv4Prefix::parse(line.word(i));
        if (!p) {
            error(line.at(i), key,
                  fmt::format("expected an address and a wildcard, got '{}'", echo(line.word(i))));
        }
        ++i;
        return p;
    }
    if (line.is(i, "object-group")) {
        warn(line.number, fmt::format("object-group in {}", key));
        return std::nullopt;
    }
    const auto a = address_word(line, i, key);
    if (!a) return std::nullopt;
    const auto len = wildcard_length(line.word(i + 1));
    if (!len) {
        error(line.at(i + 1), key,
              fmt::format("'{}' is not a contiguous wildcard (e.g. 0.0.255.255)",
                          echo(line.word(i + 1))));
        return std::nullopt;
    }
    i += 2;
    const net::Ipv4Prefix p{*a, *len};
    return net::Ipv4Prefix{p.first(), *len};
}

void Reader::open_router_bgp(const Line& line) {
    const auto asn = line.word(2);
    if (asn.empty()) {
        error(line.at(2), "router bgp", "expected an AS number");
        return open(Block::Ignored, 0, {});
    }
    if (config_.bgp) {
        // IOS runs one BGP process: `router bgp` again enters it (another ASN is refused).
        if (asn != config_.bgp->asn_text) not_here(line, {}, 3);
    } else {
        config_.bgp.emplace();
        config_.bgp->asn = Item{asn_value(asn), line.at(2), "router bgp"};
        config_.bgp->asn_text = std::string(asn);
        config_.bgp->at = line.at(0);
    }
    open(Block::RouterBgp, 0, "router bgp " + config_.bgp->asn_text);
}

void Reader::router_bgp_line(const Line& line) {
    auto& b = *config_.bgp;
    if (line.is(0, "address-family")) {
        sub_mode_ = true;
        skip_sub_mode_ = !(line.is(1, "ipv4") &&
                           (line.size() == 2 || (line.size() == 3 && line.is(2, "unicast"))));
        if (skip_sub_mode_) not_here(line, block_name_, 4);
        return;
    }
    if (line.is(0, "exit-address-family")) {
        sub_mode_ = false;
        skip_sub_mode_ = false;
        return;
    }
    if (skip_sub_mode_) return;
    if (line.is(0, "neighbor")) return neighbor(line);
    if (line.is(0, "network")) {
        const auto key = fmt::format("{} network", block_name_);
        const auto a = address_word(line, 1, key);
        if (!a) return;
        std::uint8_t len = classful_length(*a);
        std::size_t next = 2;
        if (line.is(2, "mask")) {
            const auto m = mask_length(line.word(3));
            if (!m) {
                return error(line.at(3), key + " mask",
                             fmt::format("'{}' is not a contiguous mask", echo(line.word(3))));
            }
            len = *m;
            next = 4;
        }
        if (line.size() > next) warn(line.number, fmt::format("network ... {}", line.word(next)));
        if (b.announce.size() < kMaxObjects) {
            b.announce.push_back({cidr_text({*a, len}), line.at(1), key});
        }
    } else if (line.is(0, "timers") && line.is(1, "bgp")) {
        if (auto t = timers(line, 2, block_name_ + " timers bgp")) b.timers = std::move(t);
    } else if (line.is(0, "bgp") && line.is(1, "log-neighbor-changes")) {
        return;
    } else if (line.is(0, "no") && (line.is(1, "synchronization") || line.is(1, "auto-summary") ||
                                    (line.is(1, "bgp") && line.is(2, "default")))) {
        return;
    } else {
        not_here(line, block_name_);  // bgp router-id, redistribute, maximum-paths ...
    }
}

Neighbor* Reader::neighbor_entry(const Line& line) {
    const auto a = address_word(line, 1, fmt::format("{} neighbor", block_name_));
    if (!a) return nullptr;
    auto& b = *config_.bgp;
    const auto text = a->to_string();
    if (const auto it = b.neighbor_index.find(text); it != b.neighbor_index.end()) {
        return &b.neighbors[it->second];
    }
    if (b.neighbors.size() >= kMaxObjects) {
        error(line.at(1), "neighbor", fmt::format("more than {} neighbors", kMaxObjects));
        return nullptr;
    }
    Neighbor n;
    n.address = *a;
    n.text = text;
    n.at = line.at(1);
    b.neighbors.push_back(std::move(n));
    b.neighbor_index.emplace(text, b.neighbors.size() - 1);
    return &b.neighbors.back();
}

void Reader::neighbor(const Line& line) {
    auto& b = *config_.bgp;
    const auto name = line.word(1);
    if (line.is(2, "peer-group") && line.size() == 3) {
        if (b.peer_groups.size() < kMaxObjects) b.peer_groups.emplace_back(name);
        return not_here(line, block_name_, 3);
    }
    if (std::find(b.peer_groups.begin(), b.peer_groups.end(), name) != b.peer_groups.end()) {
        return not_here(line, block_name_, 3);
    }
    auto* n = neighbor_entry(line);
    if (n == nullptr) return;
    const auto key = fmt::format("neighbor {} {}", name, line.word(2));
    if (line.is(2, "remote-as")) {
        if (line.size() < 4) return error(line.at(3), key, "expected an AS number");
        n->remote_as = Item{asn_value(line.word(3)), line.at(3), key};
    } else if (line.is(2, "timers")) {
        if (auto t = timers(line, 3, key)) n->timers = std::move(t);
    } else if (line.is(2, "password")) {
        std::size_t i = 3;
        if ((line.word(3) == "0" || line.word(3) == "7") && line.size() > 4) {
            if (line.word(3) == "7")
                warn(line.number, "an encrypted password (type 7, taken as written)");
            i = 4;
        }
        if (line.size() <= i) return error(line.at(i), key, "expected a password");
        n->password = Item{toml_basic_string(line.rest(i)), line.at(i), key};
    } else if (line.is(2, "route-map")) {
        if (line.size() < 5 || !(line.is(4, "in") || line.is(4, "out"))) {
            return error(line.at(4), key, "expected 'route-map NAME in|out'");
        }
        (line.is(4, "out") ? n->route_map_out : n->route_map_in) = line.words[3];
    } else if (line.is(2, "default-originate")) {
        if (line.size() > 3) not_here(line, block_name_, 4);
        if (b.announce.size() < kMaxObjects) {
            b.announce.push_back({cidr_text(net::Ipv4Prefix::any()), line.at(2), key});
        }
    } else if (!(line.is(2, "activate") || line.is(2, "description") ||
                 line.is(2, "soft-reconfiguration") || line.is(2, "send-community") ||
                 line.is(2, "next-hop-self") || line.is(2, "version") ||
                 line.is(2, "log-neighbor-changes"))) {
        not_here(line, block_name_,
                 3);  // ebgp-multihop, update-source, fall-over bfd, shutdown ...
    }
}

// KEEPALIVE HOLD [MIN-HOLD] from word `first` on.
std::optional<BgpTimers> Reader::timers(const Line& line, std::size_t first,
                                        const std::string& key) {
    if (line.size() < first + 2) {
        error(line.at(first), key, "expected the keepalive and hold times in seconds");
        return std::nullopt;
    }
    BgpTimers t{{toml_integer(line.word(first)), line.at(first), key},
                {toml_integer(line.word(first + 1)), line.at(first + 1), key},
                {}};
    if (line.size() > first + 2) {
        t.min_hold = Item{toml_integer(line.word(first + 2)), line.at(first + 2), key};
    }
    return t;
}

// route-map NAME [permit|deny] [SEQ]
void Reader::open_route_map(const Line& line) {
    const auto index = named(config_.route_maps, line, 1);
    if (index == std::string_view::npos) return open(Block::Ignored, 0, {});
    auto& clauses = config_.route_maps.items[index].clauses;
    const bool deny = line.is(2, "deny");
    const auto seq_word = is_number(line.word(2)) ? line.word(2) : line.word(3);
    int seq = 10;
    if (is_number(seq_word) && seq_word.size() <= 5) {
        std::from_chars(seq_word.data(), seq_word.data() + seq_word.size(), seq);
    }
    auto it = std::find_if(clauses.begin(), clauses.end(),
                           [&](const RouteMapClause& c) { return c.seq >= seq; });
    if (it == clauses.end() || it->seq != seq) {
        if (clauses.size() >= kMaxObjects) {
            error(line.at(1), "route-map", fmt::format("more than {} clauses", kMaxObjects));
            return open(Block::Ignored, 0, {});
        }
        RouteMapClause c;
        c.seq = seq;
        it = clauses.insert(it, std::move(c));
    }
    it->permit = !deny;
    it->at = line.at(0);
    open(Block::RouteMap, index,
         fmt::format("route-map {} {} {}", line.word(1), deny ? "deny" : "permit", seq));
    clause_seq_ = seq;
}

void Reader::route_map_line(const Line& line) {
    auto& clauses = config_.route_maps.items[index_].clauses;
    const auto it = std::find_if(clauses.begin(), clauses.end(),
                                 [&](const RouteMapClause& c) { return c.seq == clause_seq_; });
    if (it == clauses.end()) return;
    auto& c = *it;
    const auto key = fmt::format("{} {} {}", block_name_, line.word(0), line.word(1));
    if (line.is(0, "match")) {
        c.has_match = true;  // warned where the route map is used
    } else if (line.is(0, "set") && line.is(1, "as-path") && line.is(2, "prepend")) {
        if (line.size() < 4 || line.is(3, "last-as")) return not_here(line, block_name_, 4);
        c.prepend.clear();
        for (std::size_t i = 3; i < line.size() && i < kMaxObjects; ++i) {
            c.prepend.push_back({asn_value(line.word(i)), line.at(i), key + " prepend"});
        }
    } else if (line.is(0, "set") && line.is(1, "metric")) {
        c.metric = Item{toml_integer(line.word(2)), line.at(2), key};
    } else if (line.is(0, "set") && line.is(1, "local-preference")) {
        c.local_pref = Item{toml_integer(line.word(2)), line.at(2), key};
    } else if (!line.is(0, "description")) {
        not_here(line, block_name_);  // set community, set ip next-hop, continue ...
    }
}

}  // namespace vpnsim::import::ios
