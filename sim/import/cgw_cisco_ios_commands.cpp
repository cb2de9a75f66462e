// DOC: the Cisco IOS reader's top-level `crypto` commands: which open a block (crypto ikev2
// proposal|policy|keyring|profile, crypto isakmp policy|profile, crypto keyring, crypto ipsec
// transform-set|profile, crypto map NAME SEQ ipsec-isakmp) and which set a global value (crypto
// ikev2|isakmp dpd/keepalive, NAT keepalives, crypto isakmp key, the global IPsec SA lifetime).
// AWS's template statements that change nothing vpnsim simulates are taken silently (df-bit
// clear, fragmentation before-encryption, replay window-size, aggressive-mode disable); crypto
// pki and logging blocks are skipped; any other crypto command is warned, once, at its line
// (Cisco IOS Security Command Reference).
#include <fmt/format.h>

#include <algorithm>

#include "sim/import/cgw_cisco_ios_detail.hpp"

namespace vpnsim::import::ios {

void Reader::crypto(const Line& line) {
    const auto w = line.word(1);
    if (iequals(w, "ikev2")) return crypto_ikev2(line);
    if (iequals(w, "isakmp")) return crypto_isakmp(line);
    if (iequals(w, "ipsec")) return crypto_ipsec(line);
    if (iequals(w, "keyring")) {
        if (line.size() > 3) warn(line.number, header(line, 4));  // crypto keyring K vrf V
        return open(Block::Keyring, named(config_.keyrings, line, 2), header(line, 3));
    }
    if (iequals(w, "map")) {
        if (line.size() == 3 || !is_number(line.word(3))) {
            return open(Block::Ignored, 0, {});  // crypto map M local-address / redundancy
        }
        const bool isakmp = line.size() == 4 || (line.is(4, "ipsec-isakmp") && line.size() == 5);
        if (!isakmp) {
            not_here(line, {}, 5);  // ipsec-manual, dynamic, gdoi
            return open(Block::Ignored, 0, {});
        }
        auto it = std::find_if(config_.crypto_maps.begin(), config_.crypto_maps.end(),
                               [&](const CryptoMapEntry& e) {
                                   return e.map == line.word(2) && e.seq == line.word(3);
                               });
        if (it == config_.crypto_maps.end()) {
            if (config_.crypto_maps.size() >= kMaxObjects) {
                error(line.at(2), "crypto map", fmt::format("more than {} entries", kMaxObjects));
                return open(Block::Ignored, 0, {});
            }
            config_.crypto_maps.push_back(
                {std::string(line.word(2)), std::string(line.word(3)), line.at(0), {}, {}, {}});
            it = std::prev(config_.crypto_maps.end());
        }
        const auto index = static_cast<std::size_t>(it - config_.crypto_maps.begin());
        return open(Block::CryptoMap, index, header(line, 4));
    }
    if (iequals(w, "pki") || iequals(w, "logging") || iequals(w, "engine")) {
        return open(Block::Ignored, 0, {});  // certificates, logging: nothing simulated
    }
    not_here(line, {});
    open(Block::Ignored, 0, {});
}

void Reader::crypto_ikev2(const Line& line) {
    const auto w = line.word(2);
    const auto name = header(line, 4);
    if (iequals(w, "proposal")) {
        return open(Block::Ikev2Proposal, named(config_.ikev2_proposals, line, 3), name);
    }
    if (iequals(w, "policy")) {
        return open(Block::Ikev2Policy, named(config_.ikev2_policies, line, 3), name);
    }
    if (iequals(w, "keyring")) {
        return open(Block::Ikev2Keyring, named(config_.ikev2_keyrings, line, 3), name);
    }
    if (iequals(w, "profile")) {
        return open(Block::Ikev2Profile, named(config_.ikev2_profiles, line, 3), name);
    }
    if (iequals(w, "dpd")) {
        config_.ikev2_dpd = dpd(line, 3, "crypto ikev2 dpd");
    } else if (iequals(w, "nat") && line.is(3, "keepalive")) {
        config_.nat_keepalive = Item{toml_integer(line.word(4)), line.at(4), header(line, 4)};
    } else {
        not_here(line, {}, 3);  // fragmentation, limit, cookie-challenge, window ...
    }
    open(Block::Ignored, 0, {});
}

void Reader::crypto_isakmp(const Line& line) {
    const auto w = line.word(2);
    if (iequals(w, "policy")) {
        const auto n = line.word(3);
        if (!is_number(n) || n.size() > 5) {
            error(line.at(3), "crypto isakmp policy", "expected a priority (1-10000)");
            return open(Block::Ignored, 0, {});
        }
        const int priority = std::stoi(std::string(n));
        auto& policies = config_.isakmp_policies;
        if (!policies.contains(priority) && policies.size() >= kMaxObjects) {
            error(line.at(3), "crypto isakmp policy", fmt::format("more than {}", kMaxObjects));
            return open(Block::Ignored, 0, {});
        }
        auto& p = policies[priority];
        p.priority = priority;
        p.at = line.at(0);
        return open(Block::IsakmpPolicy, static_cast<std::size_t>(priority), header(line, 4));
    }
    if (iequals(w, "profile")) {
        return open(Block::IsakmpProfile, named(config_.isakmp_profiles, line, 3), header(line, 4));
    }
    if (iequals(w, "keepalive")) {
        config_.isakmp_dpd = dpd(line, 3, "crypto isakmp keepalive");
    } else if (iequals(w, "key")) {
        isakmp_key(line);
    } else if (iequals(w, "nat") && line.is(3, "keepalive")) {
        config_.nat_keepalive = Item{toml_integer(line.word(4)), line.at(4), header(line, 4)};
    } else if (iequals(w, "aggressive-mode") || iequals(w, "enable") ||
               (iequals(w, "identity") && line.is(3, "address"))) {
        // aggressive-mode disable: IOS then refuses aggressive mode as responder; vpnsim's CGW
        // uses main mode unless a profile says `initiate mode aggressive`.
    } else {
        not_here(line, {}, 3);
    }
    open(Block::Ignored, 0, {});
}

void Reader::crypto_ipsec(const Line& line) {
    const auto w = line.word(2);
    if (iequals(w, "transform-set")) {
        const auto index = named(config_.transform_sets, line, 3);
        if (index != std::string_view::npos) {
            config_.transform_sets.items[index].algorithms = {};  // a new definition replaces it
            open(Block::TransformSet, index, header(line, 4));
            transform_set(line, 4);
            return;
        }
        return open(Block::Ignored, 0, {});
    }
    if (iequals(w, "profile")) {
        return open(Block::IpsecProfile, named(config_.ipsec_profiles, line, 3), header(line, 4));
    }
    open(Block::Ignored, 0, {});
    const auto what = line.word(3);
    if (iequals(w, "df-bit") && iequals(what, "clear")) return;  // AWS's template: DF cleared
    if (iequals(w, "fragmentation") && iequals(what, "before-encryption")) return;  // IOS default
    if (iequals(w, "nat-transparency") && iequals(what, "udp-encapsulation")) return;  // default
    if (iequals(w, "security-association")) {
        if (iequals(what, "replay") && line.is(4, "window-size")) return;  // AWS's template
        if (iequals(what, "lifetime") && line.is(4, "seconds")) {
            config_.ipsec_lifetime = Item{toml_integer(line.word(5)), line.at(5), header(line, 5)};
            return;
        }
        return warn(line.number, header(line, 5));
    }
    not_here(line, {}, 3);
}

}  // namespace vpnsim::import::ios
