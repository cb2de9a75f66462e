// DOC: the Cisco IOS reader's crypto blocks: what each sub-mode line of `crypto ikev2
// proposal|policy|keyring|profile`, `crypto isakmp policy|profile`, `crypto keyring`,
// `crypto ipsec transform-set|profile` and `crypto map` records (Cisco IOS Security Command
// Reference, crypto commands; AWS's IOS 12.4+ / IOS-XE 16+ templates). Algorithm keywords
// are translated to the scenario's names here; an unknown one inside a proposal, policy or
// transform set is an error at its column. Left out, with a warning: certificate and EAP
// authentication, identities other than addresses, FQDN and hostname keys, IKEv2 PRF choice,
// AH, ESP-NULL/GMAC and compression transforms, transport mode, kilobyte lifetimes, idle
// timers, VRFs. Encrypted keys (type 6/7) are taken as written, with a warning.
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <span>

#include "sim/import/cgw_cisco_ios_detail.hpp"
#include "sim/scenario/writer.hpp"

namespace vpnsim::import::ios {
namespace {

using scenario::toml_basic_string;

// crypto ikev2 proposal: encryption / integrity keywords.
constexpr std::array<Spelling, 7> kIkev2Encryption{{{"aes-cbc-128", "AES128"},
                                                    {"aes-cbc-192", "AES192"},
                                                    {"aes-cbc-256", "AES256"},
                                                    {"aes-gcm-128", "AES128-GCM-16"},
                                                    {"aes-gcm-256", "AES256-GCM-16"},
                                                    {"3des", "3DES"},
                                                    {"des", "DES"}}};
constexpr std::array<Spelling, 5> kIkev2Integrity{{{"sha1", "SHA1"},
                                                   {"sha256", "SHA2-256"},
                                                   {"sha384", "SHA2-384"},
                                                   {"sha512", "SHA2-512"},
                                                   {"md5", "MD5"}}};
// crypto isakmp policy: hash keywords.
constexpr std::array<Spelling, 5> kIsakmpHash{{{"sha", "SHA1"},
                                               {"sha256", "SHA2-256"},
                                               {"sha384", "SHA2-384"},
                                               {"sha512", "SHA2-512"},
                                               {"md5", "MD5"}}};
// crypto ipsec transform-set: ESP integrity transforms.
constexpr std::array<Spelling, 5> kEspIntegrity{{{"esp-sha-hmac", "SHA1"},
                                                 {"esp-sha256-hmac", "SHA2-256"},
                                                 {"esp-sha384-hmac", "SHA2-384"},
                                                 {"esp-sha512-hmac", "SHA2-512"},
                                                 {"esp-md5-hmac", "MD5"}}};
// Key sizes after `aes` (isakmp), `esp-aes` and `esp-gcm`.
constexpr std::array<Spelling, 3> kAesSizes{
    {{"128", "AES128"}, {"192", "AES192"}, {"256", "AES256"}}};
constexpr std::array<Spelling, 2> kGcmSizes{{{"128", "AES128-GCM-16"}, {"256", "AES256-GCM-16"}}};

std::optional<std::string_view> spelled(std::span<const Spelling> table, std::string_view word) {
    for (const auto& s : table) {
        if (iequals(s.ios, word)) return s.scenario;
    }
    return std::nullopt;
}

std::string expected(std::span<const Spelling> table) {
    std::string out;
    for (std::size_t i = 0; i < table.size(); ++i) {
        if (i > 0) out += i + 1 == table.size() ? " or " : ", ";
        out += table[i].ios;
    }
    return out;
}

Item named_item(std::string_view scenario_name, SourcePos at, const std::string& key) {
    return Item{toml_basic_string(scenario_name), at, key};
}

// Adds to a list, at most kMaxObjects entries.
template <class T>
void add(std::vector<T>& list, T value) {
    if (list.size() < kMaxObjects) list.push_back(std::move(value));
}

}  // namespace

// `encryption aes-cbc-128 aes-cbc-256` and the like: each word translated, in order.
void Reader::algorithms(const Line& line, std::span<const Spelling> table, std::vector<Item>& out,
                        const std::string& key) {
    if (line.size() < 2) return error(line.at(1), key, fmt::format("expected {}", expected(table)));
    for (std::size_t i = 1; i < line.size(); ++i) {
        if (const auto name = spelled(table, line.word(i))) {
            add(out, named_item(*name, line.at(i), key));
        } else {
            error(line.at(i), key,
                  fmt::format("unknown algorithm '{}' (expected {})", echo(line.word(i)),
                              expected(table)));
        }
    }
}

// `group 14 19 20`: DH group numbers; the loader judges which it accepts.
void Reader::groups(const Line& line, std::size_t first, std::vector<Item>& out,
                    const std::string& key) {
    if (line.size() <= first) return error(line.at(first), key, "expected a DH group number");
    for (std::size_t i = first; i < line.size(); ++i) {
        if (is_number(line.word(i))) {
            add(out, Item{toml_integer(line.word(i)), line.at(i), key});
        } else {
            error(line.at(i), key,
                  fmt::format("expected a DH group number, got '{}'", echo(line.word(i))));
        }
    }
}

void Reader::ikev2_proposal(const Line& line) {
    auto& a = config_.ikev2_proposals.items[index_].algorithms;
    const auto key = fmt::format("{} {}", block_name_, line.word(0));
    if (line.is(0, "encryption")) return algorithms(line, kIkev2Encryption, a.encryption, key);
    if (line.is(0, "integrity")) return algorithms(line, kIkev2Integrity, a.integrity, key);
    if (line.is(0, "group")) return groups(line, 1, a.dh_groups, key);
    not_here(line, block_name_);  // prf: AWS's PRF follows its integrity list
}

void Reader::ikev2_policy(const Line& line) {
    auto& p = config_.ikev2_policies.items[index_];
    const auto key = fmt::format("{} {}", block_name_, line.word(0));
    if (line.is(0, "proposal")) {
        if (line.size() < 2) return error(line.at(1), key, "expected a proposal name");
        for (std::size_t i = 1; i < line.size(); ++i) add(p.proposals, line.words[i]);
    } else if (line.is(0, "match") && line.is(1, "address") && line.is(2, "local")) {
        if (!line.is(3, "interface") && address_word(line, 3, key + " address local")) {
            p.local = line.words[3];
        }
    } else if (!(line.is(0, "match") && line.is(1, "fvrf"))) {
        not_here(line, block_name_);
    }
}

// `peer NAME` opens a peer; `address` and `pre-shared-key` lines describe the latest one.
void Reader::ikev2_keyring(const Line& line) {
    auto& k = config_.ikev2_keyrings.items[index_];
    if (line.is(0, "peer")) {
        if (line.size() < 2) return error(line.at(1), block_name_ + " peer", "expected a name");
        if (k.peers.size() >= kMaxObjects) {
            return error(line.at(1), block_name_ + " peer",
                         fmt::format("more than {}", kMaxObjects));
        }
        k.peers.push_back({std::string(line.word(1)), {}, {}, {}});
        sub_mode_ = true;
        return;
    }
    if (line.is(0, "description")) return;
    const bool peer_line =
        line.is(0, "address") || line.is(0, "pre-shared-key") || line.is(0, "identity");
    if (!peer_line || k.peers.empty()) return not_here(line, block_name_);
    auto& peer = k.peers.back();
    const auto key = fmt::format("{} peer {} {}", block_name_, peer.name, line.word(0));
    if (line.is(0, "address")) {
        const auto a = address_word(line, 1, key);
        if (!a) return;
        std::uint8_t len = 32;
        if (line.size() > 2) {
            const auto m = mask_length(line.word(2));
            if (!m) {
                return error(line.at(2), key,
                             fmt::format("'{}' is not a contiguous mask", echo(line.word(2))));
            }
            len = *m;
        }
        peer.address = net::Ipv4Prefix{*a, len};
    } else if (line.is(0, "pre-shared-key")) {
        std::size_t i = 1;
        const bool local = line.is(1, "local");
        const bool remote = line.is(1, "remote");
        if (local || remote) ++i;
        auto psk = psk_item(line, i, key);
        if (!psk) return;
        if (!remote) peer.psk = psk;
        if (!local) peer.remote_psk = psk;
    }
}

void Reader::ikev2_profile(const Line& line) {
    auto& p = config_.ikev2_profiles.items[index_];
    const auto key = fmt::format("{} {}", block_name_, line.word(0));
    if (line.is(0, "match")) {
        if (line.is(1, "identity") && line.is(2, "remote") && line.is(3, "address")) {
            const auto a = address_word(line, 4, key + " identity remote address");
            if (!a) return;
            std::uint8_t len = 32;
            if (line.size() > 5 && parse_address(line.word(5))) {
                const auto m = mask_length(line.word(5));
                if (!m) {
                    return error(line.at(5), key + " identity remote address",
                                 fmt::format("'{}' is not a contiguous mask", echo(line.word(5))));
                }
                len = *m;
            }
            add(p.remotes, net::Ipv4Prefix{*a, len});
        } else if (line.is(1, "address") && line.is(2, "local")) {
            if (!line.is(3, "interface") && address_word(line, 3, key + " address local")) {
                p.local = line.words[3];
            }
        } else if (!line.is(1, "fvrf")) {
            not_here(line, block_name_, 4);  // match identity remote fqdn|email|key-id ...
        }
    } else if (line.is(0, "identity")) {
        if (!(line.is(1, "local") && line.is(2, "address"))) not_here(line, block_name_, 3);
    } else if (line.is(0, "authentication")) {
        if (!line.is(2, "pre-share")) not_here(line, block_name_, 3);  // rsa-sig, eap ...
    } else if (line.is(0, "keyring")) {
        if (line.is(1, "local") && line.size() > 2) {
            p.keyring = line.words[2];
        } else {
            not_here(line, block_name_);  // keyring aaa
        }
    } else if (line.is(0, "lifetime")) {
        p.lifetime = Item{toml_integer(line.word(1)), line.at(1), key};
    } else if (line.is(0, "dpd")) {
        p.dpd = dpd(line, 1, key);
    } else if (line.is(0, "nat") && line.is(1, "keepalive")) {
        config_.nat_keepalive = Item{toml_integer(line.word(2)), line.at(2), key + " keepalive"};
    } else if (!line.is(0, "description") && !line.is(0, "config-exchange")) {
        not_here(line, block_name_);  // ivrf, virtual-template ...
    }
}

// `dpd 10 10 on-demand`, `crypto isakmp keepalive 10 [10] [periodic]`.
std::optional<Dpd> Reader::dpd(const Line& line, std::size_t first, const std::string& key) {
    if (!is_number(line.word(first))) {
        error(line.at(first), key, "expected the DPD interval in seconds");
        return std::nullopt;
    }
    Dpd d;
    d.interval = Item{toml_integer(line.word(first)), line.at(first), key};
    d.at = line.at(0);
    d.source_key = key;
    std::size_t i = first + 1;
    if (is_number(line.word(i))) d.retry = std::string(line.word(i++));
    if (line.is(i, "periodic")) {
        d.periodic = true;
    } else if (!line.word(i).empty() && !line.is(i, "on-demand")) {
        error(line.at(i), key,
              fmt::format("expected on-demand or periodic, got '{}'", echo(line.word(i))));
        return std::nullopt;
    }
    return d;
}

// `[0|6|7] KEY` from word i on; i is left after the key.
std::optional<Item> Reader::psk_item(const Line& line, std::size_t& i, const std::string& key) {
    const auto type = line.word(i);
    if ((type == "0" || type == "6" || type == "7") && line.size() > i + 1) {
        if (type != "0") {
            warn(line.number, fmt::format("an encrypted key (type {}, taken as written)", type));
        }
        ++i;
    }
    if (line.word(i).empty()) {
        error(line.at(i), key, "expected a pre-shared key");
        return std::nullopt;
    }
    Item item{toml_basic_string(line.word(i)), line.at(i), key};
    ++i;
    return item;
}

void Reader::isakmp_policy(const Line& line) {
    auto& p = config_.isakmp_policies[static_cast<int>(index_)];
    const auto key = fmt::format("{} {}", block_name_, line.word(0));
    if (line.is(0, "encryption")) {
        if (line.is(1, "aes")) {
            if (line.size() == 2) return void(p.encryption = named_item("AES128", line.at(1), key));
            if (const auto name = spelled(kAesSizes, line.word(2))) {
                p.encryption = named_item(*name, line.at(1), key);
            } else {
                error(line.at(2), key,
                      fmt::format("unknown AES key size '{}' (expected 128, 192 or 256)",
                                  echo(line.word(2))));
            }
        } else if (line.is(1, "3des") || line.is(1, "des")) {
            p.encryption = named_item(line.is(1, "des") ? "DES" : "3DES", line.at(1), key);
        } else {
            error(line.at(1), key,
                  fmt::format("unknown algorithm '{}' (expected aes [128|192|256], 3des or des)",
                              echo(line.word(1))));
        }
    } else if (line.is(0, "hash")) {
        if (const auto name = spelled(kIsakmpHash, line.word(1))) {
            p.hash = named_item(*name, line.at(1), key);
        } else {
            error(line.at(1), key,
                  fmt::format("unknown algorithm '{}' (expected {})", echo(line.word(1)),
                              expected(kIsakmpHash)));
        }
    } else if (line.is(0, "authentication")) {
        p.authentication = std::string(line.word(1));
    } else if (line.is(0, "group")) {
        std::vector<Item> g;
        groups(line, 1, g, key);
        if (!g.empty()) p.group = g.front();
    } else if (line.is(0, "lifetime")) {
        p.lifetime = Item{toml_integer(line.word(1)), line.at(1), key};
    } else {
        not_here(line, block_name_);
    }
}

void Reader::keyring(const Line& line) {
    auto& k = config_.keyrings.items[index_];
    const auto key = fmt::format("{} {}", block_name_, line.word(0));
    if (line.is(0, "local-address") && line.size() > 1) {
        k.local = line.words[1];
    } else if (line.is(0, "pre-shared-key") && line.is(1, "address")) {
        const auto a = address_word(line, 2, key + " address");
        if (!a) return;
        std::size_t i = 3;
        std::uint8_t len = 32;
        if (!line.is(i, "key")) {
            const auto m = mask_length(line.word(i));
            if (!m) {
                return error(line.at(i), key + " address",
                             fmt::format("expected a mask or 'key', got '{}'", echo(line.word(i))));
            }
            len = *m;
            ++i;
        }
        if (!line.is(i, "key")) return error(line.at(i), key + " address", "expected 'key'");
        ++i;
        auto psk = psk_item(line, i, key + " address");
        if (!psk) return;
        if (k.peers.size() < kMaxObjects) {
            k.peers.push_back({std::string(line.word(2)), net::Ipv4Prefix{*a, len}, psk, {}});
        }
    } else if (!line.is(0, "description")) {
        not_here(line, block_name_);  // pre-shared-key hostname, rsa-pubkey ...
    }
}

// crypto isakmp key [0|6] KEY address A [MASK] [no-xauth] (or hostname H)
void Reader::isakmp_key(const Line& line) {
    const std::string key = "crypto isakmp key";
    std::size_t i = 3;
    auto psk = psk_item(line, i, key);
    if (!psk) return;
    if (!line.is(i, "address")) return not_here(line, {}, 3);  // hostname
    const auto at = i + 1;
    const auto a = address_word(line, at, key + " address");
    if (!a) return;
    std::uint8_t len = 32;
    if (parse_address(line.word(at + 1))) {
        const auto m = mask_length(line.word(at + 1));
        if (!m) {
            return error(line.at(at + 1), key + " address",
                         fmt::format("'{}' is not a contiguous mask", echo(line.word(at + 1))));
        }
        len = *m;
    }
    auto& peers = config_.isakmp_keys.peers;
    if (peers.size() < kMaxObjects) {
        peers.push_back({std::string(line.word(at)), net::Ipv4Prefix{*a, len}, psk, {}});
    }
}

void Reader::isakmp_profile(const Line& line) {
    auto& p = config_.isakmp_profiles.items[index_];
    const auto key = fmt::format("{} {}", block_name_, line.word(0));
    if (line.is(0, "keyring") && line.size() > 1) {
        if (p.keyring) return not_here(line, block_name_);  // a second keyring
        p.keyring = line.words[1];
    } else if (line.is(0, "match") && line.is(1, "identity") && line.is(2, "address")) {
        const auto a = address_word(line, 3, key + " identity address");
        if (!a) return;
        std::uint8_t len = 32;
        if (parse_address(line.word(4))) {
            const auto m = mask_length(line.word(4));
            if (!m) {
                return error(line.at(4), key + " identity address",
                             fmt::format("'{}' is not a contiguous mask", echo(line.word(4))));
            }
            len = *m;
        }
        add(p.matches, net::Ipv4Prefix{*a, len});
    } else if (line.is(0, "local-address") && line.size() > 1) {
        p.local = line.words[1];
    } else if (line.is(0, "keepalive")) {
        // keepalive SECONDS retry RETRY-SECONDS
        if (!is_number(line.word(1)) || !line.is(2, "retry") || !is_number(line.word(3))) {
            return error(line.at(1), key, "expected 'keepalive SECONDS retry SECONDS'");
        }
        p.keepalive = Dpd{{toml_integer(line.word(1)), line.at(1), key},
                          line.at(0),
                          key,
                          std::string(line.word(3)),
                          false};
    } else if (line.is(0, "initiate") && line.is(1, "mode") && line.is(2, "aggressive")) {
        p.aggressive = named_item("aggressive", line.at(2), key + " mode");
    } else if (!line.is(0, "self-identity") && !line.is(0, "description")) {
        not_here(line, block_name_);  // match identity host|user, vrf, ca trust-point ...
    }
}

// The transforms after `crypto ipsec transform-set NAME`.
void Reader::transform_set(const Line& line, std::size_t first) {
    auto& a = config_.transform_sets.items[index_].algorithms;
    const std::string key = block_name_;
    if (line.size() <= first) return error(line.at(first), key, "expected transforms");
    for (std::size_t i = first; i < line.size(); ++i) {
        const auto w = line.word(i);
        const bool aes = iequals(w, "esp-aes");
        if (aes || iequals(w, "esp-gcm")) {
            const auto sizes = aes ? std::span<const Spelling>(kAesSizes) : kGcmSizes;
            const auto at = line.at(i);
            if (!is_number(line.word(i + 1))) {
                add(a.encryption, named_item(sizes[0].scenario, at, key));
            } else if (const auto name = spelled(sizes, line.word(++i))) {
                add(a.encryption, named_item(*name, at, key));
            } else {
                error(line.at(i), key,
                      fmt::format("unknown key size '{}' for {} (expected {})", echo(line.word(i)),
                                  w, expected(sizes)));
            }
        } else if (iequals(w, "esp-3des") || iequals(w, "esp-des")) {
            add(a.encryption, named_item(iequals(w, "esp-des") ? "DES" : "3DES", line.at(i), key));
        } else if (const auto name = spelled(kEspIntegrity, w)) {
            add(a.integrity, named_item(*name, line.at(i), key));
        } else if (iequals(w, "esp-null") || iequals(w, "esp-gmac") || iequals(w, "esp-seal") ||
                   iequals(w, "comp-lzs") || iequals(w.substr(0, 3), "ah-")) {
            warn(line.number, fmt::format("transform {} ({})", w, key));
        } else {
            error(line.at(i), key,
                  fmt::format("unknown transform '{}' (expected esp-aes [128|192|256], esp-gcm "
                              "[128|256], esp-3des, esp-des, {})",
                              w, expected(kEspIntegrity)));
        }
    }
}

void Reader::ipsec_profile(const Line& line) {
    auto& p = config_.ipsec_profiles.items[index_];
    if (ipsec_policy(line, p.policy, block_name_)) return;
    if (line.is(0, "responder-only")) {
        p.policy.responder_only = Item{"false", line.at(0), block_name_ + " responder-only"};
    } else if (!line.is(0, "description")) {
        not_here(line, block_name_);
    }
}

// The `set` lines an IPsec profile and a crypto map entry share; false for any other line.
bool Reader::ipsec_policy(const Line& line, IpsecPolicy& policy, const std::string& owner) {
    if (!line.is(0, "set") || line.is(1, "peer")) return false;
    const auto key = fmt::format("{} set {}", owner, line.word(1));
    if (line.is(1, "transform-set")) {
        if (line.size() < 3) return error(line.at(2), key, "expected a transform set"), true;
        policy.transform_sets.assign(
            line.words.begin() + 2,
            line.words.begin() + static_cast<std::ptrdiff_t>(std::min(line.size(), kMaxObjects)));
    } else if (line.is(1, "pfs")) {
        // `set pfs` alone: IOS's default, group1.
        const auto g = line.word(2);
        if (g.empty()) {
            policy.pfs = Item{"1", line.at(1), key};
        } else if (g.size() > 5 && iequals(g.substr(0, 5), "group") && is_number(g.substr(5))) {
            policy.pfs = Item{toml_integer(g.substr(5)), line.at(2), key};
        } else {
            error(line.at(2), key,
                  fmt::format("expected groupN (e.g. group14), got '{}'", echo(g)));
        }
    } else if (line.is(1, "security-association")) {
        if (line.is(2, "lifetime") && line.is(3, "seconds")) {
            policy.lifetime =
                Item{toml_integer(line.word(4)), line.at(4), key + " lifetime seconds"};
        } else if (!(line.is(2, "replay") && line.is(3, "window-size"))) {
            not_here(line, owner, 4);  // lifetime kilobytes|days, idle-time, replay disable
        }
    } else if (line.is(1, "ikev2-profile") || line.is(1, "isakmp-profile")) {
        if (line.size() < 3) return error(line.at(2), key, "expected a profile name"), true;
        (line.is(1, "ikev2-profile") ? policy.ikev2_profile : policy.isakmp_profile) =
            line.words[2];
    } else {
        not_here(line, owner, 3);
    }
    return true;
}

void Reader::ipsec_map_entry(const Line& line) {
    auto& e = config_.crypto_maps[index_];
    if (line.is(0, "set") && line.is(1, "peer")) {
        const auto key = block_name_ + " set peer";
        if (!address_word(line, 2, key)) return;
        if (e.peer) return not_here(line, block_name_, 3);  // a backup peer
        e.peer = line.words[2];
    } else if (ipsec_policy(line, e.policy, block_name_)) {
        return;
    } else if (line.is(0, "match") && line.is(1, "address")) {
        if (line.size() < 3)
            return error(line.at(2), block_name_ + " match address", "expected an access list");
        e.acl = line.words[2];
    } else if (!line.is(0, "description") && !line.is(0, "reverse-route")) {
        not_here(line, block_name_);
    }
}

}  // namespace vpnsim::import::ios
