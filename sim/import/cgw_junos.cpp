// DOC: Junos `set` statements (`show configuration | display set`, the form of AWS's
// downloadable SRX configuration) read into a CgwDraft. Follows Juniper's CLI reference
// ("IPsec VPN User Guide for Security Devices": security ike proposal / policy / gateway,
// security ipsec proposal / policy / vpn, st0 interfaces, security flow tcp-mss) for the
// statements and their defaults. One statement a line, `#` comments (also after a statement:
// `## SECRET-DATA`), double-quoted words with backslash escapes, `[ a b ]` lists.
// This file reads `set security ...` and `set interfaces ...`; cgw_junos_routing.cpp reads
// routing-options, protocols bgp and policy-options; cgw_junos_tunnels.cpp and
// cgw_junos_bgp.cpp write the draft.
// Left out, with a warning: `deactivate` / `delete` / `activate` statements, security zones,
// policies, NAT and screens, certificates (authentication-method other than pre-shared-keys),
// IKE identities, AH, proposal-sets and predefined proposals, vpn-monitor options, df-bit copy
// or set, lifetime-kilobytes. `system`, `snmp`, trace and log options change nothing vpnsim
// simulates and are skipped silently. Encrypted `$9$` keys cannot be read: an error asks for
// the key as plain text.
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <span>

#include "sim/import/cgw_junos_detail.hpp"
#include "sim/scenario/writer.hpp"

namespace vpnsim::import {
namespace detail::junos {
namespace {

struct Spelling {
    std::string_view junos;
    std::string_view scenario;  // "" : kept as the file has it, for the loader to judge
};

// Junos's algorithm keywords (IKE: encryption-algorithm, authentication-algorithm; IPsec the
// same with HMAC names) in the scenario's names.
constexpr std::array<Spelling, 9> kEncryption{{{"aes-128-cbc", "AES128"},
                                               {"aes-192-cbc", "AES192"},
                                               {"aes-256-cbc", "AES256"},
                                               {"aes-128-gcm", "AES128-GCM-16"},
                                               {"aes-256-gcm", "AES256-GCM-16"},
                                               {"3des-cbc", "3DES"},
                                               {"des-cbc", "DES"},
                                               {"aes-192-gcm", ""},
                                               {"null", ""}}};
constexpr std::array<Spelling, 5> kIkeIntegrity{{{"md5", "MD5"},
                                                 {"sha1", "SHA1"},
                                                 {"sha-256", "SHA2-256"},
                                                 {"sha-384", "SHA2-384"},
                                                 {"sha-512", "SHA2-512"}}};
constexpr std::array<Spelling, 6> kIpsecIntegrity{{{"hmac-md5-96", "MD5"},
                                                   {"hmac-sha1-96", "SHA1"},
                                                   {"hmac-sha-256-128", "SHA2-256"},
                                                   {"hmac-sha-384", "SHA2-384"},
                                                   {"hmac-sha-512", "SHA2-512"},
                                                   {"hmac-sha-256-96", ""}}};

std::string known_names(std::span<const Spelling> table) {
    std::string out;
    for (const auto& s : table) out += (out.empty() ? "" : ", ") + std::string(s.junos);
    return out;
}

bool is_one_of(std::string_view word, std::initializer_list<std::string_view> words) {
    return std::find(words.begin(), words.end(), word) != words.end();
}

// An algorithm keyword as TOML text, or an error naming the keywords Junos has.
std::optional<Text> algorithm(Reader& r, const Words& w, std::size_t i,
                              std::span<const Spelling> table, std::string_view what) {
    const auto word = r.need(w, i, what);
    if (!word) return std::nullopt;
    for (const auto& s : table) {
        if (s.junos == *word) {
            const auto name = s.scenario.empty() ? *word : s.scenario;
            return Text{scenario::toml_basic_string(name), w.at(i), key_of(w, i)};
        }
    }
    r.error(w.at(i), key_of(w, i),
            fmt::format("unknown {} '{}' (Junos has {})", what, *word, known_names(table)));
    return std::nullopt;
}

// groupN -> N, as TOML text; the loader judges whether the group is one a CGW may use.
std::optional<Text> dh_group(Reader& r, const Words& w, std::size_t i) {
    const auto word = r.need(w, i, "a DH group");
    if (!word) return std::nullopt;
    const auto n = word->substr(0, 5) == "group" ? parse_u32(word->substr(5), 99) : std::nullopt;
    if (!n) {
        r.error(w.at(i), key_of(w, i),
                fmt::format("unknown DH group '{}' (Junos writes group1, group2, group5, group14, "
                            "..., group24)",
                            *word));
        return std::nullopt;
    }
    return Text{std::to_string(*n), w.at(i), key_of(w, i)};
}

// The key of `pre-shared-key ascii-text K` / `hexadecimal H`, as its text.
std::optional<Text> pre_shared_key(Reader& r, const Words& w, std::size_t i) {
    const auto form = r.need(w, i, "ascii-text or hexadecimal");
    const auto key = r.need(w, i + 1, "a key");
    if (!form || !key) return std::nullopt;
    if (key->substr(0, 3) == "$9$") {
        r.error(w.at(i + 1), key_of(w, i + 1),
                "an encrypted ($9$) key cannot be read: write the key as plain text "
                "(pre-shared-key ascii-text \"...\")");
        return std::nullopt;
    }
    if (*form == "ascii-text") return Text{std::string(*key), w.at(i + 1), key_of(w, i + 1)};
    if (*form != "hexadecimal") {
        r.error(w.at(i), key_of(w, i),
                fmt::format("expected ascii-text or hexadecimal, got '{}'", *form));
        return std::nullopt;
    }
    std::string text;
    bool ok = key->size() % 2 == 0 && !key->empty();
    for (std::size_t k = 0; ok && k < key->size(); k += 2) {
        unsigned v = 0;
        const auto [p, ec] = std::from_chars(key->data() + k, key->data() + k + 2, v, 16);
        ok = ec == std::errc{} && p == key->data() + k + 2;
        text += static_cast<char>(v);
    }
    if (!ok) {
        r.error(w.at(i + 1), key_of(w, i + 1), "expected an even number of hexadecimal digits");
        return std::nullopt;
    }
    return Text{std::move(text), w.at(i + 1), key_of(w, i + 1)};
}

template <class T>
T& object(std::map<std::string, T>& objects, const Words& w, std::size_t name) {
    auto [it, fresh] = objects.try_emplace(std::string(w.word(name)));
    if (fresh) it->second.origin = Origin{w.line, w.at(name)};
    return it->second;
}

// security ike proposal NAME ...
void ike_proposal(Reader& r, const Words& w) {
    if (!r.need(w, 4, "a proposal name") || !r.need(w, 5, "a proposal setting")) return;
    IkeProposal& p = object(r.config.ike_proposals, w, 4);
    const auto what = w.word(5);
    if (what == "authentication-method") {
        if (const auto m = r.need(w, 6, "an authentication method")) {
            p.method = Text{std::string(*m), w.at(6), key_of(w, 6)};
            if (*m != "pre-shared-keys")
                r.warn(w.line, fmt::format("ike proposal authentication-method {}", *m));
        }
    } else if (what == "authentication-algorithm") {
        p.integrity = algorithm(r, w, 6, kIkeIntegrity, "authentication algorithm");
    } else if (what == "encryption-algorithm") {
        p.encryption = algorithm(r, w, 6, kEncryption, "encryption algorithm");
    } else if (what == "dh-group") {
        p.dh_group = dh_group(r, w, 6);
    } else if (what == "lifetime-seconds") {
        p.lifetime = r.number(w, 6, "a lifetime in seconds");
    } else if (what != "description") {
        r.warn(w.line, fmt::format("ike proposal {}", what));
    }
}

// security ike policy NAME ...
void ike_policy(Reader& r, const Words& w) {
    if (!r.need(w, 4, "a policy name") || !r.need(w, 5, "a policy setting")) return;
    IkePolicy& p = object(r.config.ike_policies, w, 4);
    const auto what = w.word(5);
    if (what == "mode") {
        const auto mode = r.need(w, 6, "main or aggressive");
        if (!mode) return;
        if (*mode != "main" && *mode != "aggressive") {
            return r.error(w.at(6), key_of(w, 6),
                           fmt::format("expected main or aggressive, got '{}'", *mode));
        }
        p.mode = Text{std::string(*mode), w.at(6), key_of(w, 6)};
    } else if (what == "proposals") {
        for (auto& v : r.values(w, 6, "a proposal name")) p.proposals.push_back(std::move(v));
    } else if (what == "pre-shared-key") {
        if (auto k = pre_shared_key(r, w, 6)) p.psk = std::move(k);
    } else if (what != "description") {
        r.warn(w.line, fmt::format("ike policy {}", what));  // proposal-set, certificate, ...
    }
}

void dead_peer_detection(Reader& r, const Words& w, Gateway& g) {
    if (!g.dpd) g.dpd = Dpd{Origin{w.line, w.at(5)}, std::nullopt, std::nullopt};
    for (std::size_t i = 6; i < w.size(); ++i) {
        const auto word = w.word(i);
        if (word == "interval") {
            g.dpd->interval = r.number(w, i + 1, "an interval in seconds", 1, 4294967295U,
                                       key_of(w, 6) + " interval");
            ++i;
        } else if (word == "threshold") {
            g.dpd->threshold =
                r.number(w, i + 1, "a threshold", 1, 4294967295U, key_of(w, 6) + " threshold");
            ++i;
        } else if (!is_one_of(word, {"always-send", "optimized", "probe-idle-tunnel"})) {
            r.warn(w.line, fmt::format("dead-peer-detection {}", word));
        }
    }
}

// security ike gateway NAME ...
void gateway(Reader& r, const Words& w) {
    if (!r.need(w, 4, "a gateway name") || !r.need(w, 5, "a gateway setting")) return;
    Gateway& g = object(r.config.gateways, w, 4);
    const auto what = w.word(5);
    auto text = [&]() -> std::optional<Text> {
        const auto v = r.need(w, 6, what);
        if (!v) return std::nullopt;
        return Text{std::string(*v), w.at(6), key_of(w, 6)};
    };
    if (what == "ike-policy") {
        g.ike_policy = text();
    } else if (what == "address") {
        // A second address is a backup peer (the first is used while it answers).
        if (g.address) return r.warn(w.line, "ike gateway backup address");
        g.address = r.address(w, 6);
        if (w.size() > 7) r.warn(w.line, "ike gateway backup address");
    } else if (what == "external-interface") {
        g.external_interface = text();
    } else if (what == "local-address") {
        g.local_address = r.address(w, 6);
    } else if (what == "no-nat-traversal") {
        g.no_nat_traversal = Text{"", w.at(5), key_of(w, 6)};
    } else if (what == "dead-peer-detection") {
        dead_peer_detection(r, w, g);
    } else if (what == "version") {
        const auto v = text();
        if (v && v->value != "v1-only" && v->value != "v2-only") {
            return r.error(w.at(6), key_of(w, 6),
                           fmt::format("expected v1-only or v2-only, got '{}'", v->value));
        }
        g.version = v;
    } else if (what == "nat-keepalive") {
        g.nat_keepalive = r.number(w, 6, "a keepalive interval in seconds");
    } else if (what != "description") {
        r.warn(w.line, fmt::format("ike gateway {}", what));  // local-identity, dynamic, ...
    }
}

// security ipsec proposal NAME ...
void ipsec_proposal(Reader& r, const Words& w) {
    if (!r.need(w, 4, "a proposal name") || !r.need(w, 5, "a proposal setting")) return;
    IpsecProposal& p = object(r.config.ipsec_proposals, w, 4);
    const auto what = w.word(5);
    if (what == "protocol") {
        const auto protocol = r.need(w, 6, "esp or ah");
        if (protocol && *protocol != "esp")
            r.warn(w.line, fmt::format("ipsec proposal protocol {}", *protocol));
    } else if (what == "authentication-algorithm") {
        p.integrity = algorithm(r, w, 6, kIpsecIntegrity, "authentication algorithm");
    } else if (what == "encryption-algorithm") {
        p.encryption = algorithm(r, w, 6, kEncryption, "encryption algorithm");
    } else if (what == "lifetime-seconds") {
        p.lifetime = r.number(w, 6, "a lifetime in seconds");
    } else if (what != "description") {
        r.warn(w.line, fmt::format("ipsec proposal {}", what));  // lifetime-kilobytes
    }
}

// security ipsec policy NAME ...
void ipsec_policy(Reader& r, const Words& w) {
    if (!r.need(w, 4, "a policy name") || !r.need(w, 5, "a policy setting")) return;
    IpsecPolicy& p = object(r.config.ipsec_policies, w, 4);
    const auto what = w.word(5);
    if (what == "perfect-forward-secrecy") {
        if (w.word(6) != "keys") return void(r.need(w, 6, "keys"));
        p.pfs = dh_group(r, w, 7);
    } else if (what == "proposals") {
        for (auto& v : r.values(w, 6, "a proposal name")) p.proposals.push_back(std::move(v));
    } else if (what != "description") {
        r.warn(w.line, fmt::format("ipsec policy {}", what));  // proposal-set
    }
}

// The vpn the statement is about, new if it is the first; nullptr past kMaxNeighbors vpns.
Vpn* vpn_named(Reader& r, const Words& w) {
    for (auto& v : r.config.vpns) {
        if (v.name == w.word(4)) return &v;
    }
    if (r.config.vpns.size() >= kMaxNeighbors) {
        r.error(w.at(4), key_of(w, 5), fmt::format("more than {} vpns", kMaxNeighbors));
        return nullptr;
    }
    Vpn& v = r.config.vpns.emplace_back();
    v.name = w.word(4);
    v.origin = Origin{w.line, w.at(4)};
    return &v;
}

void traffic_selector(Reader& r, const Words& w, Vpn& v) {
    if (!r.need(w, 6, "a traffic-selector name")) return;
    auto found = std::find_if(v.selectors.begin(), v.selectors.end(),
                              [&](const auto& s) { return s.name == w.word(6); });
    if (found == v.selectors.end()) {
        TrafficSelector& s = v.selectors.emplace_back();
        s.name = w.word(6);
        s.origin = Origin{w.line, w.at(6)};
        found = v.selectors.end() - 1;
    }
    const auto what = w.word(7);
    if (what == "local-ip") {
        found->local = r.prefix(w, 8);
    } else if (what == "remote-ip") {
        found->remote = r.prefix(w, 8);
    } else if (r.need(w, 7, "local-ip or remote-ip")) {
        r.warn(w.line, fmt::format("traffic-selector {}", what));
    }
}

// security ipsec vpn NAME ...
void vpn(Reader& r, const Words& w) {
    if (!r.need(w, 4, "a vpn name") || !r.need(w, 5, "a vpn setting")) return;
    Vpn* found = vpn_named(r, w);
    if (found == nullptr) return;
    Vpn& v = *found;
    const auto what = w.word(5);
    auto text = [&](std::size_t i, std::string_view name) -> std::optional<Text> {
        const auto t = r.need(w, i, name);
        if (!t) return std::nullopt;
        return Text{std::string(*t), w.at(i), key_of(w, i)};
    };
    if (what == "bind-interface") {
        v.bind_interface = text(6, "an st0 unit");
    } else if (what == "ike" && w.word(6) == "gateway") {
        v.gateway = text(7, "a gateway name");
    } else if (what == "ike" && w.word(6) == "ipsec-policy") {
        v.ipsec_policy = text(7, "an ipsec-policy name");
    } else if (what == "ike" && w.word(6) == "proxy-identity") {
        const auto side = w.word(7);
        if (side == "local") {
            v.proxy_local = r.prefix(w, 8);
        } else if (side == "remote") {
            v.proxy_remote = r.prefix(w, 8);
        } else if (side != "service" || w.word(8) != "any") {
            r.warn(w.line, fmt::format("proxy-identity {}", w.joined(7, 9)));
        }
    } else if (what == "traffic-selector") {
        traffic_selector(r, w, v);
    } else if (what == "establish-tunnels") {
        v.establish = text(6, "immediately or on-traffic");
    } else if (what == "vpn-monitor") {
        v.monitored = true;
    } else if (what == "df-bit") {
        if (w.word(6) != "clear") r.warn(w.line, fmt::format("df-bit {}", w.word(6)));
    } else if (what != "description") {
        r.warn(w.line, fmt::format("ipsec vpn {}", w.joined(5, 7)));  // ike no-anti-replay, ...
    }
}

void flow(Reader& r, const Words& w) {
    if (w.word(3) == "tcp-mss" && (w.word(4) == "ipsec-vpn" || w.word(4) == "all-tcp")) {
        // `tcp-mss ipsec-vpn` alone clamps to 1320, Junos's default MSS for it.
        auto mss = w.size() == 5        ? std::optional<Number>(Number{1320, w.at(4), key_of(w, 5)})
                   : w.word(5) == "mss" ? r.number(w, 6, "an MSS")
                                        : std::nullopt;
        (w.word(4) == "ipsec-vpn" ? r.config.mss_ipsec : r.config.mss_all) = mss;
        return;
    }
    r.warn(w.line, fmt::format("security flow {}", w.word(3)));
}

}  // namespace

void read_security(Reader& r, const Words& w) {
    const auto area = w.word(2);
    const auto what = w.word(3);
    if (area == "ike" && what == "proposal") return ike_proposal(r, w);
    if (area == "ike" && what == "policy") return ike_policy(r, w);
    if (area == "ike" && what == "gateway") return gateway(r, w);
    if (area == "ipsec" && what == "proposal") return ipsec_proposal(r, w);
    if (area == "ipsec" && what == "policy") return ipsec_policy(r, w);
    if (area == "ipsec" && what == "vpn") return vpn(r, w);
    if (area == "flow") return flow(r, w);
    if (is_one_of(area, {"log"}) || what == "traceoptions") return;
    r.warn(w.line, key_of(w, area == "ike" || area == "ipsec" ? 4 : 3));  // zones, policies, nat
}

// interfaces IF unit N family inet address A/len | mtu N; interfaces IF.N family inet ...
void read_interfaces(Reader& r, const Words& w) {
    if (!r.need(w, 2, "an interface name")) return;
    std::string unit(w.word(2));
    std::size_t i = 3;
    if (w.word(3) == "unit") {
        if (!r.need(w, 4, "a unit number")) return;
        unit += "." + std::string(w.word(4));
        i = 5;
    } else if (unit.find('.') == std::string::npos) {
        return;  // the physical interface's settings
    }
    if (w.word(i) != "family" || w.word(i + 1) != "inet") return;
    const auto what = w.word(i + 2);
    if (what == "address") {
        const auto text = r.need(w, i + 3, "an address (a.b.c.d/len)");
        if (!text) return;
        const auto a = parse_address_with_length(*text);
        if (!a) {
            return r.error(w.at(i + 3), key_of(w, i + 3),
                           fmt::format("expected an address with its prefix length "
                                       "(169.254.10.2/30), got '{}'",
                                       *text));
        }
        r.config.addresses.try_emplace(
            unit, Placed<AddressWithLength>{*a, w.at(i + 3), key_of(w, i + 3)});
    } else if (what == "mtu") {
        if (auto mtu = r.number(w, i + 3, "an MTU")) r.config.mtus[unit] = std::move(*mtu);
    }
}

// Reader

void Reader::error(SourcePos at, std::string_view key, std::string_view message) {
    draft_.errors.push_back(error_at(draft_.file, at, key, message));
}

void Reader::warn(int line, std::string_view what) {
    draft_.warnings.push_back(not_modelled(draft_.file, line, what));
}

std::optional<std::string_view> Reader::need(const Words& w, std::size_t i, std::string_view what) {
    if (i < w.size()) return w.word(i);
    error(w.at(i), key_of(w, i), fmt::format("missing {}", what));
    return std::nullopt;
}

std::optional<Number> Reader::number(const Words& w, std::size_t i, std::string_view what,
                                     std::uint32_t min, std::uint32_t max, std::string key) {
    const auto text = need(w, i, what);
    if (!text) return std::nullopt;
    if (key.empty()) key = key_of(w, i);
    const auto value = parse_u32(*text, max);
    if (!value || *value < min) {
        error(w.at(i), key, fmt::format("expected {} ({}-{}), got '{}'", what, min, max, *text));
        return std::nullopt;
    }
    return Number{*value, w.at(i), std::move(key)};
}

std::optional<Placed<net::Ipv4Addr>> Reader::address(const Words& w, std::size_t i) {
    const auto text = need(w, i, "an IPv4 address");
    if (!text) return std::nullopt;
    const auto a = net::Ipv4Addr::parse(*text);
    if (!a) {
        error(w.at(i), key_of(w, i), fmt::format("expected an IPv4 address, got '{}'", *text));
        return std::nullopt;
    }
    return Placed<net::Ipv4Addr>{*a, w.at(i), key_of(w, i)};
}

std::optional<Placed<net::Ipv4Prefix>> Reader::prefix(const Words& w, std::size_t i) {
    const auto text = need(w, i, "an IPv4 prefix");
    if (!text) return std::nullopt;
    const auto p = net::Ipv4Prefix::parse(*text);
    if (!p) {
        error(w.at(i), key_of(w, i),
              fmt::format("expected an IPv4 prefix with no host bits (10.0.0.0/16), got '{}'",
                          *text));
        return std::nullopt;
    }
    return Placed<net::Ipv4Prefix>{*p, w.at(i), key_of(w, i)};
}

std::vector<Text> Reader::values(const Words& w, std::size_t i, std::string_view what) {
    std::vector<Text> out;
    const auto first = need(w, i, what);
    if (!first) return out;
    if (*first != "[") return {Text{std::string(*first), w.at(i), key_of(w, i)}};
    for (std::size_t k = i + 1; k < w.size(); ++k) {
        if (w.word(k) == "]") return out;
        out.push_back(Text{std::string(w.word(k)), w.at(k), key_of(w, i)});
    }
    error(w.at(i), key_of(w, i), "a list opened with '[' is not closed with ']'");
    return {};
}

bool Reader::room_for_policy_entry(const Words& w) {
    if (++config.policy_entries <= kMaxPolicyEntries) return true;
    if (config.policy_entries > kMaxPolicyEntries + 1) return false;  // reported once
    error(w.at(1), key_of(w, 3),
          fmt::format("more than {} policy terms, route-filters and prefix-list entries",
                      kMaxPolicyEntries));
    return false;
}

namespace {

// One line: a `set` statement read, anything else warned about (or refused, when it is the
// curly-brace form this reader does not take).
void statement(Reader& r, const Words& w) {
    if (w.unterminated_quote) {
        return r.error(SourcePos{w.line, *w.unterminated_quote}, key_of(w, w.size()),
                       "a quoted word is not closed");
    }
    if (w.size() == 0) return;
    const auto verb = w.word(0);
    if (verb != "set") {
        const auto last = w.word(w.size() - 1);
        if (last == "{" || last == "}" || (!last.empty() && last.back() == ';')) {
            return r.error(w.at(0), w.joined(0, 3),
                           "a curly-brace statement: this reader takes `set` statements "
                           "(show configuration | display set)");
        }
        return r.warn(w.line, w.joined(0, 4));  // deactivate, delete, activate, ...
    }
    if (!r.need(w, 1, "a statement")) return;
    r.config.any_statement = true;
    const auto top = w.word(1);
    if (top == "security") return read_security(r, w);
    if (top == "interfaces") return read_interfaces(r, w);
    if (top == "routing-options") return read_routing_options(r, w);
    if (top == "protocols") return read_protocols(r, w);
    if (top == "policy-options") return read_policy_options(r, w);
    if (is_one_of(top, {"system", "snmp", "version", "chassis", "groups", "apply-groups"})) return;
    r.warn(w.line, key_of(w, 3));
}

}  // namespace

const Vpn* vpn_bound_to(const Config& config, std::string_view unit) {
    for (const auto& v : config.vpns) {
        if (v.bind_interface && v.bind_interface->value == unit) return &v;
    }
    return nullptr;
}

const Vpn* vpn_holding(const Config& config, net::Ipv4Addr inside) {
    for (const auto& v : config.vpns) {
        if (!v.bind_interface) continue;
        const auto a = config.addresses.find(v.bind_interface->value);
        if (a != config.addresses.end() && a->second.value.network().contains(inside)) return &v;
    }
    return nullptr;
}

}  // namespace detail::junos

CgwDraft read_junos_set(std::string_view text, const std::string& file) {
    CgwDraft draft;
    draft.file = file;
    draft.dialect = Dialect::JunosSet;
    detail::junos::Reader reader(draft);
    detail::for_each_line(text, true,
                          [&](const detail::Words& w) { detail::junos::statement(reader, w); });
    if (reader.config.any_statement) draft.vendor = scenario::CgwVendor::Junos;
    detail::junos::write_tunnels(reader.config, draft);
    detail::junos::write_bgp(reader.config, draft);
    std::stable_sort(draft.tunnels.begin(), draft.tunnels.end(), [](const auto& a, const auto& b) {
        return std::pair(a.at.line, a.at.column) < std::pair(b.at.line, b.at.column);
    });
    return draft;
}

}  // namespace vpnsim::import
