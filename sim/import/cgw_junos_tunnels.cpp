// DOC: a Junos configuration's IPsec side in the scenario's terms: one [[cgw.tunnel]] per
// `security ipsec vpn`, resolved through its IKE gateway (peer, version, DPD, NAT-T), the
// gateway's IKE policy (PSK, main/aggressive mode, phase 1 proposals), the vpn's IPsec policy
// (phase 2 proposals, PFS) and its st0 unit (inside address, MTU); and [cgw] outside_ip, asn,
// nat_t, nat_keepalive_seconds, mss_clamp, tunnel_mtu.
// Junos's defaults, written out where they differ from the scenario's (Juniper CLI reference):
// IKE `version` v1-only (older SRX releases, and AWS's SRX template, which says nothing),
// main mode, no DPD unless `dead-peer-detection` (then interval 10 s, threshold 5), NAT-T on
// with keepalives every 5 s, no TCP MSS clamping unless `tcp-mss ipsec-vpn` (1320 when it has
// no `mss`), `establish-tunnels on-traffic`. Lifetimes (IKE 28800 s, IPsec 3600 s) are the
// scenario's already. The st0 MTU Junos uses when the file sets none is not written.
// on-traffic: the SRX negotiates when a packet is routed into st0. A BGP session over the
// tunnel and vpn-monitor send such packets from the start, so the tunnel then initiates (and a
// DPD timeout is followed by a new negotiation: dpd_action "restart"); without either it only
// answers (warned: traffic the scenario's flows send does not start IKE in vpnsim), and a DPD
// timeout clears. A proxy-identity (or one traffic-selector) is the route-based tunnel's
// selectors; several traffic-selectors are one SA each, the scenario's policy-based proxy_ids.
#include <fmt/format.h>

#include <algorithm>

#include "sim/import/cgw_junos_detail.hpp"
#include "sim/scenario/writer.hpp"

namespace vpnsim::import::detail::junos {
namespace {

using scenario::toml_basic_string;

constexpr std::uint32_t kDpdThreshold = 5;  // Junos's default threshold
constexpr std::uint32_t kNatKeepalive = 5;  // Junos's default nat-keepalive, seconds

// Lists of TOML values with the place of the first, written once each.
struct ValueList {
    std::vector<std::string> values;
    std::optional<Text> first;
    void add(const std::optional<Text>& v) {
        if (!v || std::find(values.begin(), values.end(), v->value) != values.end()) return;
        if (!first) first = v;
        values.push_back(v->value);
    }
    void write(std::string_view key, DraftTunnel& t) const {
        if (first)
            t.settings.push_back(
                draft_setting(std::string(key), toml_list(values), first->at, first->source_key));
    }
};

class TunnelWriter {
  public:
    TunnelWriter(const Config& config, CgwDraft& draft) : c_(config), d_(draft) {}
    void write();

  private:
    void error(SourcePos at, std::string_view key, std::string_view message) {
        auto e = error_at(d_.file, at, key, message);
        const auto text = e.to_string();
        const bool again = std::any_of(d_.errors.begin(), d_.errors.end(),
                                       [&](const auto& d) { return d.to_string() == text; });
        if (!again) d_.errors.push_back(std::move(e));  // a gateway two vpns share
    }
    void warn(int line, std::string_view what) {
        d_.warnings.push_back(not_modelled(d_.file, line, what));
    }
    // The object `name` names; an error when it names none or one the file does not define.
    template <class T>
    const T* lookup(const std::map<std::string, T>& objects, const std::optional<Text>& name,
                    std::string_view kind, std::string_view statement, const Origin& owner,
                    std::string_view owner_key);
    void tunnel(const Vpn& v);
    void phase1(const IkePolicy& p, DraftTunnel& t);
    void phase2(const IpsecPolicy& p, DraftTunnel& t);
    void selectors(const Vpn& v, DraftTunnel& t);
    bool sends_from_start(const Vpn& v) const;
    void initiate_and_dpd(const Vpn& v, const Gateway& g, const std::string& gw, DraftTunnel& t);
    void global(const Setting& s, int line, std::string_view what);
    void outside(const Gateway& g);
    void finish_globals();
    void static_routes();

    const Config& c_;
    CgwDraft& d_;
    std::map<const Vpn*, std::size_t> tunnel_of_;
    // [cgw] keys the scenario holds once: the first tunnel's value (another is warned about).
    std::map<std::string, Setting> globals_;
    std::vector<std::string> order_;  // the keys in the order first set
    std::optional<Text> nat_t_off_;
    bool nat_t_on_somewhere_{false};
};

template <class T>
const T* TunnelWriter::lookup(const std::map<std::string, T>& objects,
                              const std::optional<Text>& name, std::string_view kind,
                              std::string_view statement, const Origin& owner,
                              std::string_view owner_key) {
    if (!name) {
        error(owner.at, owner_key, fmt::format("names no {} ({} NAME)", kind, statement));
        return nullptr;
    }
    const auto found = objects.find(name->value);
    if (found != objects.end()) return &found->second;
    error(name->at, name->source_key, fmt::format("no {} named '{}'", kind, name->value));
    return nullptr;
}

void TunnelWriter::global(const Setting& s, int line, std::string_view what) {
    auto [it, fresh] = globals_.try_emplace(s.key);
    if (fresh) {
        it->second = s;
        order_.push_back(s.key);
    } else if (it->second.value != s.value) {
        warn(line, fmt::format("{} {} (one for all tunnels)", what, s.value));
    }
}

void TunnelWriter::phase1(const IkePolicy& p, DraftTunnel& t) {
    ValueList enc, integ, dh;
    std::optional<Number> lifetime;
    for (const auto& n : p.proposals) {
        const auto found = c_.ike_proposals.find(n.value);
        if (found == c_.ike_proposals.end()) {
            warn(n.at.line, fmt::format("undefined ike proposal {}", n.value));
            continue;
        }
        enc.add(found->second.encryption);
        integ.add(found->second.integrity);
        dh.add(found->second.dh_group);
        if (!lifetime) lifetime = found->second.lifetime;
    }
    if (p.proposals.size() > 1 &&
        enc.values.size() * integ.values.size() * dh.values.size() > p.proposals.size()) {
        warn(p.proposals[1].at.line, "several ike proposals (every combination offered)");
    }
    enc.write("phase1_encryption_algorithms", t);
    integ.write("phase1_integrity_algorithms", t);
    dh.write("phase1_dh_group_numbers", t);
    if (lifetime) {
        t.settings.push_back(draft_setting("ike_lifetime_seconds", std::to_string(lifetime->value),
                                           lifetime->at, lifetime->source_key));
    }
}

void TunnelWriter::phase2(const IpsecPolicy& p, DraftTunnel& t) {
    ValueList enc, integ, dh;
    std::optional<Number> lifetime;
    for (const auto& n : p.proposals) {
        const auto found = c_.ipsec_proposals.find(n.value);
        if (found == c_.ipsec_proposals.end()) {
            warn(n.at.line, fmt::format("undefined ipsec proposal {}", n.value));
            continue;
        }
        enc.add(found->second.encryption);
        integ.add(found->second.integrity);
        if (!lifetime) lifetime = found->second.lifetime;
    }
    dh.add(p.pfs);
    if (!p.pfs) {
        warn(p.origin.line, "ipsec policy without perfect-forward-secrecy");
    }
    enc.write("phase2_encryption_algorithms", t);
    integ.write("phase2_integrity_algorithms", t);
    dh.write("phase2_dh_group_numbers", t);
    if (lifetime) {
        t.settings.push_back(draft_setting("phase2_lifetime_seconds",
                                           std::to_string(lifetime->value), lifetime->at,
                                           lifetime->source_key));
    }
}

std::string cidr_list(const Placed<net::Ipv4Prefix>& p) {
    return toml_list({toml_basic_string(p.value.to_string())});
}

void TunnelWriter::selectors(const Vpn& v, DraftTunnel& t) {
    const auto key = "security ipsec vpn " + v.name;
    if ((v.proxy_local || v.proxy_remote) && !v.selectors.empty()) {
        return error(v.selectors.front().origin.at, key + " traffic-selector",
                     "a vpn has either proxy-identity or traffic-selector, not both");
    }
    for (const auto& s : v.selectors) {
        if (!s.local || !s.remote) {
            error(s.origin.at, key + " traffic-selector " + s.name,
                  fmt::format("traffic-selector {} needs both local-ip and remote-ip", s.name));
        }
    }
    if (v.selectors.size() == 1 && v.selectors[0].local && v.selectors[0].remote) {
        const auto& s = v.selectors[0];
        t.settings.push_back(
            draft_setting("local_ts", cidr_list(*s.local), s.local->at, s.local->source_key));
        t.settings.push_back(
            draft_setting("remote_ts", cidr_list(*s.remote), s.remote->at, s.remote->source_key));
    } else if (v.selectors.size() > 1) {
        std::vector<std::string> pairs;
        for (const auto& s : v.selectors) {
            if (!s.local || !s.remote) return;
            pairs.push_back(fmt::format("{{ local = {}, remote = {} }}",
                                        toml_basic_string(s.local->value.to_string()),
                                        toml_basic_string(s.remote->value.to_string())));
        }
        const auto& first = v.selectors[0];
        t.settings.push_back(draft_setting("policy", "\"policy-based\"", first.origin.at,
                                           key + " traffic-selector"));
        t.settings.push_back(draft_setting("proxy_ids", toml_list(pairs), first.local->at,
                                           key + " traffic-selector"));
    } else if (v.proxy_local || v.proxy_remote) {
        // Junos proposes 0.0.0.0/0 for the side a proxy-identity leaves out.
        const Placed<net::Ipv4Prefix> any{net::Ipv4Prefix::any(), v.origin.at, key};
        const auto& local = v.proxy_local ? *v.proxy_local : any;
        const auto& remote = v.proxy_remote ? *v.proxy_remote : any;
        t.settings.push_back(
            draft_setting("local_ts", cidr_list(local), local.at, local.source_key));
        t.settings.push_back(
            draft_setting("remote_ts", cidr_list(remote), remote.at, remote.source_key));
    }
}

bool TunnelWriter::sends_from_start(const Vpn& v) const {
    if (v.monitored) return true;
    return std::any_of(c_.neighbors.begin(), c_.neighbors.end(),
                       [&](const auto& n) { return vpn_holding(c_, n.addr) == &v; });
}

void TunnelWriter::initiate_and_dpd(const Vpn& v, const Gateway& g, const std::string& gw,
                                    DraftTunnel& t) {
    const auto mode = v.establish ? v.establish->value : std::string("on-traffic");
    const auto at = v.establish ? v.establish->at : v.origin.at;
    const auto key = v.establish ? v.establish->source_key
                                 : "security ipsec vpn " + v.name + " establish-tunnels";
    bool initiate = mode == "immediately";
    if (mode == "on-traffic") {
        initiate = sends_from_start(v);
        if (!initiate) {
            warn(v.establish ? v.establish->at.line : v.origin.line,
                 "establish-tunnels on-traffic (IKE started by traffic)");
        }
    } else if (mode != "responder-only" && mode != "immediately") {
        return error(at, key, fmt::format("expected immediately or on-traffic, got '{}'", mode));
    }
    t.settings.push_back(draft_setting("initiate", initiate ? "true" : "false", at, key));
    const auto dpd_key = "security ike gateway " + gw + " dead-peer-detection";
    if (!g.dpd) {
        t.settings.push_back(draft_setting("dpd_action", "\"none\"", g.origin.at, dpd_key));
        return;
    }
    if (g.dpd->interval) {
        t.settings.push_back(draft_setting("dpd_interval_seconds",
                                           std::to_string(g.dpd->interval->value),
                                           g.dpd->interval->at, g.dpd->interval->source_key));
    }
    const auto threshold =
        g.dpd->threshold ? *g.dpd->threshold : Number{kDpdThreshold, g.dpd->origin.at, dpd_key};
    t.settings.push_back(draft_setting("dpd_retries", std::to_string(threshold.value), threshold.at,
                                       threshold.source_key));
    t.settings.push_back(draft_setting("dpd_action", initiate ? "\"restart\"" : "\"clear\"",
                                       g.dpd->origin.at, dpd_key));
}

// The CGW's outside address: the gateway's local-address, else its external interface's.
void TunnelWriter::outside(const Gateway& g) {
    std::optional<Placed<net::Ipv4Addr>> addr = g.local_address;
    if (!addr && g.external_interface) {
        auto unit = g.external_interface->value;
        if (unit.find('.') == std::string::npos) unit += ".0";
        const auto found = c_.addresses.find(unit);
        if (found != c_.addresses.end()) {
            addr = Placed<net::Ipv4Addr>{found->second.value.addr, found->second.at,
                                         found->second.source_key};
        }
    }
    if (!addr) return;
    global(draft_setting("outside_ip", toml_basic_string(addr->value.to_string()), addr->at,
                         addr->source_key),
           addr->at.line, "outside address");
}

void TunnelWriter::tunnel(const Vpn& v) {
    const auto key = "security ipsec vpn " + v.name;
    const Gateway* g = lookup(c_.gateways, v.gateway, "IKE gateway", "ike gateway", v.origin, key);
    const IpsecPolicy* ipsec = lookup(c_.ipsec_policies, v.ipsec_policy, "IPsec policy",
                                      "ike ipsec-policy", v.origin, key);
    if (g == nullptr || ipsec == nullptr) return;
    const auto& gw = v.gateway->value;
    const auto gw_key = "security ike gateway " + gw;
    const IkePolicy* ike =
        lookup(c_.ike_policies, g->ike_policy, "IKE policy", "ike-policy", g->origin, gw_key);
    if (!g->address) error(g->origin.at, gw_key, "names no peer address (address A.B.C.D)");
    if (ike == nullptr || !g->address) return;

    DraftTunnel t;
    t.name = v.name;
    t.peer = g->address->value;
    t.at = v.origin.at;
    t.ipsec = true;
    t.settings.push_back(draft_setting("peer", toml_basic_string(g->address->value.to_string()),
                                       g->address->at, g->address->source_key));
    if (ike->psk) {
        t.settings.push_back(draft_setting("psk", toml_basic_string(ike->psk->value), ike->psk->at,
                                           ike->psk->source_key));
    }
    const bool v2 = g->version && g->version->value == "v2-only";
    t.settings.push_back(draft_setting("ike_version", v2 ? "2" : "1",
                                       g->version ? g->version->at : g->origin.at,
                                       g->version ? g->version->source_key : gw_key + " version"));
    if (!v2 && ike->mode) {
        t.settings.push_back(draft_setting("ikev1_mode", toml_basic_string(ike->mode->value),
                                           ike->mode->at, ike->mode->source_key));
    }
    phase1(*ike, t);
    phase2(*ipsec, t);
    selectors(v, t);
    if (!v.bind_interface) {
        warn(v.origin.line, "ipsec vpn without bind-interface (policy-based)");
    } else if (const auto a = c_.addresses.find(v.bind_interface->value); a != c_.addresses.end()) {
        t.inside = a->second.value.addr;
        t.settings.push_back(draft_setting("inside_ip",
                                           toml_basic_string(a->second.value.to_string()),
                                           a->second.at, a->second.source_key));
    }
    initiate_and_dpd(v, *g, gw, t);
    tunnel_of_[&v] = d_.tunnels.size();
    d_.tunnels.push_back(std::move(t));

    outside(*g);
    if (g->no_nat_traversal) {
        if (!nat_t_off_) nat_t_off_ = g->no_nat_traversal;
    } else {
        nat_t_on_somewhere_ = true;
        const auto keepalive = g->nat_keepalive
                                   ? *g->nat_keepalive
                                   : Number{kNatKeepalive, g->origin.at, gw_key + " nat-keepalive"};
        global(draft_setting("nat_keepalive_seconds", std::to_string(keepalive.value), keepalive.at,
                             keepalive.source_key),
               keepalive.at.line, "nat-keepalive");
    }
    if (v.bind_interface) {
        if (const auto m = c_.mtus.find(v.bind_interface->value); m != c_.mtus.end()) {
            global(draft_setting("tunnel_mtu", std::to_string(m->second.value), m->second.at,
                                 m->second.source_key),
                   m->second.at.line, "st0 mtu");
        }
    }
}

void TunnelWriter::finish_globals() {
    if (nat_t_off_) {
        d_.cgw.push_back(draft_setting("nat_t", "false", nat_t_off_->at, nat_t_off_->source_key));
        if (nat_t_on_somewhere_) {
            warn(nat_t_off_->at.line, "no-nat-traversal on some gateways only");
        }
        globals_.erase("nat_keepalive_seconds");
    }
    for (const auto& key : order_) {
        if (const auto it = globals_.find(key); it != globals_.end()) {
            d_.cgw.push_back(it->second);
        }
    }
    if (c_.vpns.empty()) return;
    const auto& first = c_.vpns.front().origin;
    if (const auto& mss = c_.mss_ipsec ? c_.mss_ipsec : c_.mss_all) {
        d_.cgw.push_back(
            draft_setting("mss_clamp", std::to_string(mss->value), mss->at, mss->source_key));
    } else {
        d_.cgw.push_back(
            draft_setting("mss_clamp", "0", first.at, "security flow tcp-mss ipsec-vpn"));
    }
}

// routing-options static route P next-hop st0.N (or an address in st0.N's /30).
void TunnelWriter::static_routes() {
    std::map<std::size_t, std::vector<std::string>> routes;
    std::map<std::size_t, Placed<net::Ipv4Prefix>> first;
    for (const auto& r : c_.static_routes) {
        for (const auto& hop : r.next_hops) {
            const auto addr = net::Ipv4Addr::parse(hop.value);
            const Vpn* v = addr ? vpn_holding(c_, *addr) : vpn_bound_to(c_, hop.value);
            const auto it = v == nullptr ? tunnel_of_.end() : tunnel_of_.find(v);
            if (it == tunnel_of_.end()) continue;  // not into a tunnel
            if (!c_.neighbors.empty()) {
                warn(r.line, fmt::format("static route {} beside BGP", r.prefix.value.to_string()));
                continue;
            }
            routes[it->second].push_back(toml_basic_string(r.prefix.value.to_string()));
            first.try_emplace(it->second, r.prefix);
        }
    }
    for (const auto& [tunnel, list] : routes) {
        const auto& p = first.at(tunnel);
        d_.tunnels[tunnel].settings.push_back(
            draft_setting("static_routes", toml_list(list), p.at, p.source_key));
    }
}

void TunnelWriter::write() {
    if (c_.asn) {
        d_.cgw.push_back(
            draft_setting("asn", std::to_string(c_.asn->value), c_.asn->at, c_.asn->source_key));
    }
    for (const auto& v : c_.vpns) tunnel(v);
    finish_globals();
    static_routes();
}

}  // namespace

void write_tunnels(const Config& config, CgwDraft& draft) {
    TunnelWriter(config, draft).write();
}

}  // namespace vpnsim::import::detail::junos
