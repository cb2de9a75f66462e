// DOC: the Cisco IOS reader's draft: each tunnel as IOS builds it from the blocks it names.
// `interface TunnelN` (a static VTI, `tunnel mode ipsec ipv4`) -> `tunnel protection ipsec
// profile` -> transform sets (phase 2), `set pfs`, SA lifetime, and `set ikev2-profile` (IKEv2:
// the profile's keyring peer covering the tunnel destination gives the key; the IKEv2 policy
// matching the local address lists the proposals) or else IKEv1 (`set isakmp-profile`, else
// the ISAKMP profile matching the peer; its keyring, else any keyring or `crypto isakmp key`
// covering the peer; every `crypto isakmp policy` with pre-shared keys in priority order). An
// applied `crypto map` entry is a policy-based tunnel whose proxy IDs are its access list's
// permits. IOS's defaults where the scenario's differ, set at the block that leaves them out:
//   - IKEv2 profile lifetime 86400 s, ISAKMP policy lifetime 86400 s (IPsec SA 3600 s, the
//     scenario's own); ISAKMP policy encryption des, hash sha, group 1, authentication rsa-sig
//     (a policy without pre-share is left out, with a warning);
//   - no `dpd` in the IKEv2 profile (nor `crypto ikev2 dpd`), no ISAKMP keepalive: no DPD
//     (dpd_action "none"). With DPD: its interval, five retries (IOS's fixed retransmission
//     count as its debug output shows it; not configurable, and not stated in the Cisco guides
//     searched), action restart (IOS deletes the SAs and the tunnel's next packet -- a BGP
//     keepalive -- negotiates again);
//   - no `set transform-set`: IOS's default transform sets (esp-aes esp-sha-hmac, then esp-3des
//     esp-sha-hmac);
//   - no `ip tcp adjust-mss`: mss_clamp 0 (IOS clamps nothing); no `ip mtu`: tunnel_mtu 1500
//     (IOS derives a VTI's IP MTU from its 1500-byte transport less the IPsec overhead, which
//     vpnsim's ESP maximum is); no NAT keepalive command: nat_keepalive_seconds 0 (IOS sends
//     none unless configured);
//   - no `timers` for BGP: keepalive 60, hold 180.
// A VTI is brought up by IOS when traffic or BGP needs it: initiate stays true (unless the
// profile says responder-only). IOS negotiates a new SA before the old one expires, but no
// documented margin or jitter was found: rekey_margin_time_seconds and rekey_fuzz_percentage
// stay at the scenario's defaults (so an IOS lifetime under 1080 s meets the loader's margin
// rule). Left out, with a warning: no PFS, periodic DPD, a DPD retry interval unlike the
// interval, GRE tunnel mode, a second outside address, unapplied crypto maps, route-map
// matches, timers or passwords that differ between neighbors.
#include <fmt/format.h>

#include <algorithm>

#include "sim/import/cgw_cisco_ios_detail.hpp"
#include "sim/scenario/writer.hpp"

namespace vpnsim::import::ios {
namespace {

using scenario::toml_basic_string;

Setting setting(std::string key, const Item& item) {
    return Setting{std::move(key), item.value, item.at, item.source_key};
}

// A list of items as one setting at the first's place; each value once unless `repeats`.
Setting list_setting(std::string key, const std::vector<Item>& items, bool repeats = false) {
    std::vector<std::string> values;
    for (const auto& item : items) {
        if (repeats || std::find(values.begin(), values.end(), item.value) == values.end()) {
            values.push_back(item.value);
        }
    }
    return Setting{std::move(key), detail::toml_list(values), items.front().at,
                   items.front().source_key};
}

void merge(Algorithms& into, const Algorithms& from) {
    for (auto [to, list] : {std::pair{&into.encryption, &from.encryption},
                            std::pair{&into.integrity, &from.integrity},
                            std::pair{&into.dh_groups, &from.dh_groups}}) {
        if (to->size() < kMaxObjects) to->insert(to->end(), list->begin(), list->end());
    }
}

void put_phase(DraftTunnel& t, std::string_view phase, const Algorithms& a) {
    if (!a.encryption.empty()) {
        t.settings.push_back(
            list_setting(fmt::format("{}_encryption_algorithms", phase), a.encryption));
    }
    if (!a.integrity.empty()) {
        t.settings.push_back(
            list_setting(fmt::format("{}_integrity_algorithms", phase), a.integrity));
    }
    if (!a.dh_groups.empty()) {
        t.settings.push_back(list_setting(fmt::format("{}_dh_group_numbers", phase), a.dh_groups));
    }
}

// The keyring entry for `peer`: the longest address prefix holding it that has a key.
const KeyringPeer* best_peer(const std::vector<KeyringPeer>& peers, net::Ipv4Addr peer) {
    const KeyringPeer* best = nullptr;
    for (const auto& p : peers) {
        if (!p.address || !p.psk || !p.address->contains(peer)) continue;
        if (best == nullptr || p.address->len > best->address->len) best = &p;
    }
    return best;
}

std::string address_text(net::Ipv4Addr a) {
    return toml_basic_string(a.to_string());
}

}  // namespace

void Reader::resolve() {
    for (const auto& f : config_.interfaces.items) {
        if (f.is_tunnel()) resolve_tunnel(f);
    }
    resolve_crypto_maps();
    resolve_routes();
    resolve_bgp();
    resolve_globals();
}

void Reader::set_outside(const std::optional<net::Ipv4Addr>& address, SourcePos at,
                         const std::string& source_key) {
    if (!address) return;
    if (!outside_) {
        outside_ = address;
        draft_.cgw.push_back(Setting{"outside_ip", address_text(*address), at, source_key});
    } else if (*outside_ != *address) {
        warn(at.line, fmt::format("second outside address {}", *address));
    }
}

// An address, or an interface's address: the CGW's outside address where it is one.
std::optional<net::Ipv4Addr> Reader::outside_from(const Word& w, const std::string& source_key) {
    if (const auto a = parse_address(w.text)) {
        set_outside(a, w.at, source_key);
        return a;
    }
    const auto* f = config_.interfaces.find(lowered(w.text));
    if (f == nullptr || !f->address) return std::nullopt;
    set_outside(f->address->addr, f->address_at, fmt::format("interface {} ip address", f->name));
    return f->address->addr;
}

void Reader::resolve_tunnel(const Interface& f) {
    const auto name = "interface " + f.name;
    if (f.shutdown) return warn(f.shutdown_line, name + " shutdown (the tunnel is left out)");
    if (!f.protection) {
        if (f.destination || f.source) warn(f.at.line, name + " without tunnel protection");
        return;
    }
    if (!f.has_mode) warn(f.at.line, name + " tunnel mode gre ip (IOS's default)");
    const auto* profile = config_.ipsec_profiles.find(f.protection->text);
    if (profile == nullptr) {
        return error(f.protection->at, name + " tunnel protection ipsec profile",
                     fmt::format("no crypto ipsec profile '{}'", echo(f.protection->text)));
    }
    if (!f.destination) {
        if (f.destination_at.line != 0) return;  // refused where it is written
        return error(f.at, name, "no tunnel destination (the AWS outside address)");
    }
    DraftTunnel t;
    t.name = f.name;
    t.at = f.at;
    t.ipsec = true;
    t.peer = f.destination;
    t.settings.push_back(Setting{"peer", address_text(*f.destination), f.destination_at,
                                 name + " tunnel destination"});
    if (f.address) {
        t.inside = f.address->addr;
        t.settings.push_back(Setting{
            "inside_ip", toml_basic_string(fmt::format("{}/{}", f.address->addr, f.address->len)),
            f.address_at, name + " ip address"});
    }
    std::optional<net::Ipv4Addr> local;
    if (f.source) local = outside_from(*f.source, name + " tunnel source");
    ipsec_settings(t, profile->policy, "crypto ipsec profile " + profile->name, profile->at, local);
    vtis_.push_back(&f);
    tunnel_drafts_.emplace(lowered(f.name), draft_.tunnels.size());
    draft_.tunnels.push_back(std::move(t));
}

void Reader::ipsec_settings(DraftTunnel& t, const IpsecPolicy& policy, const std::string& owner,
                            SourcePos owner_at, std::optional<net::Ipv4Addr> local) {
    Algorithms esp;
    if (policy.transform_sets.empty()) {
        const auto key = owner + " (IOS's default transform sets)";
        esp.encryption = {{"\"AES128\"", owner_at, key}, {"\"3DES\"", owner_at, key}};
        esp.integrity = {{"\"SHA1\"", owner_at, key}};
    }
    for (const auto& w : policy.transform_sets) {
        if (const auto* ts = config_.transform_sets.find(w.text)) {
            merge(esp, ts->algorithms);
        } else {
            error(w.at, owner + " set transform-set",
                  fmt::format("no crypto ipsec transform-set '{}'", echo(w.text)));
        }
    }
    put_phase(t, "phase2", esp);
    if (policy.pfs) {
        t.settings.push_back(Setting{"phase2_dh_group_numbers", "[" + policy.pfs->value + "]",
                                     policy.pfs->at, policy.pfs->source_key});
    } else {
        warn(owner_at.line, "no set pfs (no PFS) in " + owner);
    }
    if (const auto& lifetime = policy.lifetime ? policy.lifetime : config_.ipsec_lifetime) {
        t.settings.push_back(setting("phase2_lifetime_seconds", *lifetime));
    }
    if (policy.responder_only) t.settings.push_back(setting("initiate", *policy.responder_only));
    if (policy.ikev2_profile) {
        const auto& w = *policy.ikev2_profile;
        t.settings.push_back(Setting{"ike_version", "2", w.at, owner + " set ikev2-profile"});
        ikev2_settings(t, w, local);
    } else {
        const auto at = policy.isakmp_profile ? policy.isakmp_profile->at : owner_at;
        t.settings.push_back(
            Setting{"ike_version", "1", at, owner + " (IKEv1: no set ikev2-profile)"});
        ikev1_settings(t, policy.isakmp_profile, owner_at, owner);
    }
}

bool Reader::psk_setting(DraftTunnel& t, const std::vector<KeyringPeer>& peers) {
    const auto* best = best_peer(peers, *t.peer);
    if (best == nullptr) return false;
    t.settings.push_back(setting("psk", *best->psk));
    if (best->remote_psk && best->remote_psk->value != best->psk->value) {
        warn(best->remote_psk->at.line,
             "a remote key unlike the local one (peer " + best->name + ")");
    }
    return true;
}

void Reader::ikev2_settings(DraftTunnel& t, const Word& profile_word,
                            std::optional<net::Ipv4Addr> local) {
    const auto* p = config_.ikev2_profiles.find(profile_word.text);
    if (p == nullptr) {
        return error(profile_word.at, "set ikev2-profile",
                     fmt::format("no crypto ikev2 profile '{}'", echo(profile_word.text)));
    }
    const auto key = "crypto ikev2 profile " + p->name;
    if (!p->keyring) {
        error(p->at, key, "no keyring local: no pre-shared key for the peer");
    } else if (const auto* kr = config_.ikev2_keyrings.find(p->keyring->text); kr == nullptr) {
        error(p->keyring->at, key + " keyring local",
              fmt::format("no crypto ikev2 keyring '{}'", echo(p->keyring->text)));
    } else if (!psk_setting(t, kr->peers)) {
        error(
            p->keyring->at, key + " keyring local",
            fmt::format("no pre-shared key for {} in crypto ikev2 keyring {}", *t.peer, kr->name));
    }
    if (p->local) {
        const auto a = outside_from(*p->local, key + " match address local");
        if (!local) local = a;
    }
    t.settings.push_back(p->lifetime ? setting("ike_lifetime_seconds", *p->lifetime)
                                     : Setting{"ike_lifetime_seconds", "86400", p->at,
                                               key + " (IOS's default lifetime)"});
    dpd_settings(t, p->dpd ? p->dpd : config_.ikev2_dpd, p->at, key + " (no dpd)");
    // IOS picks the IKEv2 policy matching the local address, else one matching any address;
    // with the local address unknown here, the first.
    const auto& policies = config_.ikev2_policies.items;
    const auto matching = [&](auto&& pred) {
        const auto it = std::find_if(policies.begin(), policies.end(), pred);
        return it == policies.end() ? nullptr : &*it;
    };
    const Ikev2Policy* chosen = matching([&](const Ikev2Policy& pol) {
        return pol.local && parse_address(pol.local->text) == local;
    });
    if (chosen == nullptr) chosen = matching([](const Ikev2Policy& pol) { return !pol.local; });
    if (chosen == nullptr && !local && !policies.empty()) chosen = &policies.front();
    if (chosen == nullptr) {
        return warn(p->at.line, "IOS's default IKEv2 policy (no crypto ikev2 policy matches)");
    }
    if (chosen->local) outside_from(*chosen->local, "crypto ikev2 policy " + chosen->name);
    Algorithms ike;
    for (const auto& w : chosen->proposals) {
        if (const auto* proposal = config_.ikev2_proposals.find(w.text)) {
            merge(ike, proposal->algorithms);
        } else {
            error(w.at, "crypto ikev2 policy " + chosen->name + " proposal",
                  fmt::format("no crypto ikev2 proposal '{}'", echo(w.text)));
        }
    }
    put_phase(t, "phase1", ike);
}

void Reader::ikev1_settings(DraftTunnel& t, const std::optional<Word>& profile_word,
                            SourcePos owner_at, const std::string& owner) {
    const IsakmpProfile* profile = nullptr;
    if (profile_word) {
        profile = config_.isakmp_profiles.find(profile_word->text);
        if (profile == nullptr) {
            return error(profile_word->at, owner + " set isakmp-profile",
                         fmt::format("no crypto isakmp profile '{}'", echo(profile_word->text)));
        }
    } else {
        for (const auto& p : config_.isakmp_profiles.items) {
            if (std::any_of(p.matches.begin(), p.matches.end(),
                            [&](const net::Ipv4Prefix& m) { return m.contains(*t.peer); })) {
                profile = &p;
                break;
            }
        }
    }
    if (profile != nullptr && profile->aggressive) {
        t.settings.push_back(setting("ikev1_mode", *profile->aggressive));
    }
    ikev1_psk(t, profile);
    if (profile != nullptr && profile->local) {
        outside_from(*profile->local, "crypto isakmp profile " + profile->name + " local-address");
    }
    ikev1_phase1(t);
    const auto none_at = profile != nullptr ? profile->at : owner_at;
    dpd_settings(t,
                 profile != nullptr && profile->keepalive ? profile->keepalive : config_.isakmp_dpd,
                 none_at, "crypto isakmp keepalive (not set)");
}

// The key for the peer: the profile's keyring, else the first keyring that has one, else
// `crypto isakmp key`.
void Reader::ikev1_psk(DraftTunnel& t, const IsakmpProfile* profile) {
    const auto at = draft_peer_at(t);
    if (profile != nullptr && profile->keyring) {
        const auto key = "crypto isakmp profile " + profile->name + " keyring";
        const auto* kr = config_.keyrings.find(profile->keyring->text);
        if (kr == nullptr) {
            return error(profile->keyring->at, key,
                         fmt::format("no crypto keyring '{}'", echo(profile->keyring->text)));
        }
        if (kr->local) outside_from(*kr->local, "crypto keyring " + kr->name + " local-address");
        if (psk_setting(t, kr->peers)) return;
        return error(
            profile->keyring->at, key,
            fmt::format("no pre-shared key for {} in crypto keyring {}", *t.peer, kr->name));
    }
    for (const auto& kr : config_.keyrings.items) {
        if (best_peer(kr.peers, *t.peer) == nullptr) continue;
        if (kr.local) outside_from(*kr.local, "crypto keyring " + kr.name + " local-address");
        psk_setting(t, kr.peers);
        return;
    }
    if (psk_setting(t, config_.isakmp_keys.peers)) return;
    error(at, "crypto keyring",
          fmt::format("no pre-shared key for {} (no crypto keyring or crypto isakmp key has "
                      "its address)",
                      *t.peer));
}

SourcePos Reader::draft_peer_at(const DraftTunnel& t) const {
    for (const auto& s : t.settings) {
        if (s.key == "peer") return s.at;
    }
    return t.at;
}

// Every ISAKMP policy with pre-shared keys, in priority order: IOS offers them all in main
// mode. Worked out once; its warnings are given once.
void Reader::ikev1_phase1(DraftTunnel& t) {
    if (!ikev1_phase1_) {
        ikev1_phase1_.emplace();
        auto& out = *ikev1_phase1_;
        const IsakmpPolicy* first = nullptr;
        for (const auto& [priority, pol] : config_.isakmp_policies) {
            const auto key = fmt::format("crypto isakmp policy {}", priority);
            if (!iequals(pol.authentication, "pre-share")) {
                warn(pol.at.line,
                     fmt::format("{} authentication {} (left out)", key, pol.authentication));
                continue;
            }
            out.algorithms.encryption.push_back(
                pol.encryption.value_or(Item{"\"DES\"", pol.at, key + " (IOS's default des)"}));
            out.algorithms.integrity.push_back(
                pol.hash.value_or(Item{"\"SHA1\"", pol.at, key + " (IOS's default sha)"}));
            out.algorithms.dh_groups.push_back(
                pol.group.value_or(Item{"1", pol.at, key + " (IOS's default group 1)"}));
            const auto lifetime =
                pol.lifetime.value_or(Item{"86400", pol.at, key + " (IOS's default lifetime)"});
            if (first == nullptr) {
                first = &pol;
                out.lifetime = lifetime;
            } else if (lifetime.value != out.lifetime->value) {
                warn(pol.at.line, key + " lifetime (unlike the first policy's)");
            }
        }
        if (first == nullptr) {
            warn(t.at.line, "IKEv1 without a crypto isakmp policy using pre-share");
        }
    }
    put_phase(t, "phase1", ikev1_phase1_->algorithms);
    if (ikev1_phase1_->lifetime) {
        t.settings.push_back(setting("ike_lifetime_seconds", *ikev1_phase1_->lifetime));
    }
}

void Reader::dpd_settings(DraftTunnel& t, const std::optional<Dpd>& d, SourcePos none_at,
                          const std::string& none_key) {
    if (!d) {
        t.settings.push_back(Setting{"dpd_action", "\"none\"", none_at, none_key});
        return;
    }
    t.settings.push_back(setting("dpd_interval_seconds", d->interval));
    t.settings.push_back(
        Setting{"dpd_retries", "5", d->at, d->source_key + " (IOS retries 5 times)"});
    t.settings.push_back(Setting{"dpd_action", "\"restart\"", d->at, d->source_key});
    if (d->periodic) warn(d->at.line, "periodic DPD (" + d->source_key + ")");
    // IOS's retry interval defaults to 2 s.
    const auto retry = d->retry.empty() ? std::string("2") : d->retry;
    if (toml_integer(retry) != d->interval.value) {
        warn(d->at.line, fmt::format("DPD retry interval {} s, not {} s ({})", retry,
                                     d->interval.value, d->source_key));
    }
}

}  // namespace vpnsim::import::ios
