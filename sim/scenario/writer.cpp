#include "sim/scenario/writer.hpp"

#include <fmt/format.h>

#include "sim/scenario/names.hpp"

namespace vpnsim::scenario {
namespace {

std::string quote(std::string_view s) {
    return toml_basic_string(s);
}

template <typename T, typename F>
std::string list(const std::vector<T>& items, F each) {
    std::string out = "[";
    for (std::size_t i = 0; i < items.size(); ++i) out += (i ? ", " : "") + each(items[i]);
    return out + "]";
}

std::string strings(const std::vector<std::string>& v) {
    return list(v, quote);
}
// IKE algorithms by their AWS API names.
template <typename E>
std::string names(const std::vector<E>& v) {
    return list(v, [](E e) { return quote(ike::to_string(e)); });
}
std::string ints(const std::vector<int>& v) {
    return list(v, [](int x) { return std::to_string(x); });
}
std::string cidrs(const std::vector<net::Ipv4Prefix>& v) {
    return list(v, [](const net::Ipv4Prefix& p) { return quote(p.to_string()); });
}

// "90s", "250ms", "1m30s"-free form: milliseconds when not whole seconds.
std::string duration(SimTime t) {
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(t).count();
    return quote(ms % 1000 == 0 ? fmt::format("{}s", ms / 1000) : fmt::format("{}ms", ms));
}

void proposals(std::string& out, const char* phase, const ProposalLists& p, bool with_dh = true) {
    out += fmt::format("{}_encryption_algorithms = {}\n", phase, names(p.encryption));
    out += fmt::format("{}_integrity_algorithms = {}\n", phase, names(p.integrity));
    if (with_dh) out += fmt::format("{}_dh_group_numbers = {}\n", phase, ints(p.dh_groups));
}

using detail::name_of;

// Every key of a tunnel after its identity (inside_cidr, psk, then the options).
void write_tunnel_options(std::string& out, const AwsTunnel& t) {
    out +=
        fmt::format("inside_cidr = {}\npsk = {}\n", quote(t.inside_cidr.to_string()), quote(t.psk));
    std::vector<std::string> versions;
    for (const int v : t.ike_versions) versions.push_back(fmt::format("ikev{}", v));
    out += fmt::format("ike_versions = {}\n", strings(versions));
    proposals(out, "phase1", t.phase1);
    proposals(out, "phase2", t.phase2);
    out += fmt::format(
        "phase1_lifetime_seconds = {}\nphase2_lifetime_seconds = {}\n"
        "rekey_margin_time_seconds = {}\nrekey_fuzz_percentage = {}\nreplay_window_size = {}\n"
        "dpd_timeout_seconds = {}\ndpd_timeout_action = {}\nstartup_action = {}\n",
        t.phase1_lifetime_seconds, t.phase2_lifetime_seconds, t.rekey_margin_time_seconds,
        t.rekey_fuzz_percentage, t.replay_window_size, t.dpd_timeout_seconds,
        quote(name_of(detail::kDpdActions, t.dpd_timeout_action)),
        quote(name_of(detail::kStartupActions, t.startup_action)));
}

void write_aws(std::string& out, const Aws& a) {
    out += fmt::format("\n[aws]\nvpn_id = {}\ngateway = {}\nrouting = {}\nasn = {}\n",
                       quote(a.vpn_id), quote(name_of(detail::kGateways, a.gateway)),
                       quote(name_of(detail::kRoutings, a.routing)), a.asn);
    out += fmt::format("accelerated = {}\nlocal_ipv4_network_cidr = {}\n", a.accelerated,
                       quote(a.local_ipv4_network_cidr.to_string()));
    out += fmt::format("remote_ipv4_network_cidr = {}\n",
                       quote(a.remote_ipv4_network_cidr.to_string()));
    if (!a.static_routes.empty())
        out += fmt::format("static_routes = {}\n", cidrs(a.static_routes));
    if (a.customer_gateway_asn)
        out += fmt::format("customer_gateway_asn = {}\n", *a.customer_gateway_asn);
    // Routing keys are written only when not the default, so older files keep their text.
    if (a.vpc_cidr != Aws{}.vpc_cidr)
        out += fmt::format("vpc_cidr = {}\n", quote(a.vpc_cidr.to_string()));
    if (a.ecmp) out += "ecmp = true\n";
    for (const auto& t : a.tunnels) {
        out += fmt::format("\n[[aws.tunnel]]\noutside_ip = {}\n", quote(t.outside_ip.to_string()));
        write_tunnel_options(out, t);
    }
}

void write_cgw(std::string& out, const Cgw& c) {
    out +=
        fmt::format("\n[cgw]\noutside_ip = {}\nasn = {}\nnat_t = {}\nnat_keepalive_seconds = {}\n",
                    quote(c.outside_ip.to_string()), c.asn, c.nat_t, c.nat_keepalive_seconds);
    if (c.vendor != CgwVendor::Generic) {
        out += fmt::format("vendor = {}\n", quote(name_of(detail::kCgwVendors, c.vendor)));
    }
    if (c.tunnel_mtu != Cgw{}.tunnel_mtu) out += fmt::format("tunnel_mtu = {}\n", c.tunnel_mtu);
    if (c.mss_clamp != Cgw{}.mss_clamp) out += fmt::format("mss_clamp = {}\n", c.mss_clamp);
    if (c.asymmetric_routing != AsymmetricRouting::Allow) {
        out += fmt::format("asymmetric_routing = {}\n",
                           quote(name_of(detail::kAsymmetricRouting, c.asymmetric_routing)));
    }
    if (!c.networks.empty()) out += fmt::format("networks = {}\n", cidrs(c.networks));
    for (const auto& t : c.tunnels) {
        out += fmt::format("\n[[cgw.tunnel]]\npeer = {}\npsk = {}\nike_version = {}\n",
                           quote(t.peer.to_string()), quote(t.psk), t.ike_version);
        out += fmt::format("ikev1_mode = {}\n",
                           quote(name_of(detail::kIkev1Modes, t.aggressive_mode)));
        proposals(out, "phase1", t.phase1);
        proposals(out, "phase2", t.phase2);
        if (t.policy == TunnelPolicy::PolicyBased) {
            // Written only when not the default, so route-based files keep their text.
            out += fmt::format(
                "policy = {}\nproxy_ids = {}\n", quote(name_of(detail::kTunnelPolicies, t.policy)),
                list(t.proxy_ids, [](const ProxyId& p) {
                    return fmt::format("{{ local = {}, remote = {} }}", quote(p.local.to_string()),
                                       quote(p.remote.to_string()));
                }));
        } else {
            out += fmt::format("local_ts = {}\nremote_ts = {}\n", cidrs(t.local_ts),
                               cidrs(t.remote_ts));
        }
        if (t.inside_ip) {
            out += fmt::format("inside_ip = {}\n",
                               quote(fmt::format("{}/{}", t.inside_ip->addr, t.inside_ip->len)));
        }
        if (t.bgp_neighbor)
            out += fmt::format("bgp_neighbor = {}\n", quote(t.bgp_neighbor->to_string()));
        out += fmt::format("initiate_after = {}\ninitiate = {}\n", duration(t.initiate_after),
                           t.initiate);
        out += fmt::format("dpd_interval_seconds = {}\ndpd_retries = {}\ndpd_action = {}\n",
                           t.dpd_interval_seconds, t.dpd_retries,
                           quote(name_of(detail::kDpdActions, t.dpd_action)));
        out += fmt::format(
            "phase2_lifetime_seconds = {}\nike_lifetime_seconds = {}\n"
            "rekey_margin_time_seconds = {}\nrekey_fuzz_percentage = {}\nrekey = {}\n",
            t.phase2_lifetime_seconds, t.ike_lifetime_seconds, t.rekey_margin_time_seconds,
            t.rekey_fuzz_percentage, t.rekey);
        if (t.local_pref != CgwTunnel{}.local_pref)
            out += fmt::format("local_pref = {}\n", t.local_pref);
        if (t.med != 0) out += fmt::format("med = {}\n", t.med);
        if (t.as_path_prepend) {
            out += fmt::format(
                "as_path_prepend = {}\n",
                list(*t.as_path_prepend, [](std::uint32_t a) { return std::to_string(a); }));
        }
        if (!t.static_routes.empty()) {
            out += fmt::format("static_routes = {}\n", cidrs(t.static_routes));
        }
    }
    for (const auto& e : c.events) {
        out += fmt::format("\n[[cgw.event]]\nat = {}\naction = {}\n", duration(e.at),
                           quote(name_of(detail::kCgwEventKinds, e.kind)));
        if (e.kind == CgwEvent::Kind::SetPsk) {
            out += fmt::format("tunnel = {}\npsk = {}\n", e.tunnel, quote(e.psk));
        } else {
            out += fmt::format("duration = {}\n", duration(e.duration));
        }
    }
    const auto& b = c.bgp;
    out += fmt::format("\n[cgw.bgp]\nenabled = {}\nremote_as = {}\nannounce = {}\n", b.enabled,
                       b.remote_as, cidrs(b.announce));
    out +=
        fmt::format("hold_time_seconds = {}\nkeepalive_seconds = {}\nconnect_retry_seconds = {}\n",
                    b.hold_time_seconds, b.keepalive_seconds, b.connect_retry_seconds);
    out += fmt::format("min_hold_time_seconds = {}\n", b.min_hold_time_seconds);
    if (!b.md5_password.empty()) out += fmt::format("md5_password = {}\n", quote(b.md5_password));
    if (b.next_hop) out += fmt::format("next_hop = {}\n", quote(b.next_hop->to_string()));
    if (!b.as_path_prepend.empty()) {
        out +=
            fmt::format("as_path_prepend = {}\n",
                        list(b.as_path_prepend, [](std::uint32_t a) { return std::to_string(a); }));
    }
    const auto asns = [](const std::vector<std::uint32_t>& v) {
        return list(v, [](std::uint32_t a) { return std::to_string(a); });
    };
    for (const auto& e : b.route_map) {
        out += fmt::format("\n[[cgw.bgp.route_map]]\nprefix = {}\n", quote(e.prefix.to_string()));
        if (e.as_path_prepend)
            out += fmt::format("as_path_prepend = {}\n", asns(*e.as_path_prepend));
        if (e.med) out += fmt::format("med = {}\n", *e.med);
        if (!e.communities.empty()) {
            out += fmt::format(
                "communities = {}\n", list(e.communities, [](std::uint32_t community) {
                    return quote(fmt::format("{}:{}", community >> 16, community & 0xffff));
                }));
        }
    }
}

void write_expect(std::string& out, const Expect& e) {
    out += "\n[expect]\ntunnel = [\n";
    for (const auto& t : e.tunnels) {
        std::string fields;
        const auto add = [&](const char* k, const std::optional<std::string>& v) {
            if (v) fields += fmt::format("{}{} = {}", fields.empty() ? "" : ", ", k, quote(*v));
        };
        if (t.outside_ip)
            fields += fmt::format("outside_ip = {}", quote(t.outside_ip->to_string()));
        add("status", t.status);
        add("message", t.message);
        add("ike", t.ike);
        add("child", t.child);
        add("bgp", t.bgp);
        out += fmt::format("  {{ {} }},\n", fields);
    }
    out += "]\n";
    if (!e.flows.empty()) {
        out += "flows = [\n";
        for (const auto& f : e.flows) {
            std::string fields;
            const auto sep = [&] { return fields.empty() ? "" : ", "; };
            if (f.result) fields += fmt::format("result = {}", quote(*f.result));
            if (f.delivered) fields += fmt::format("{}delivered = {}", sep(), *f.delivered);
            if (f.answered) fields += fmt::format("{}answered = {}", sep(), *f.answered);
            out += fmt::format("  {{ {} }},\n", fields);
        }
        out += "]\n";
    }
    if (!e.trace_contains.empty())
        out += fmt::format("trace_contains = {}\n", strings(e.trace_contains));
    if (!e.trace_absent.empty()) out += fmt::format("trace_absent = {}\n", strings(e.trace_absent));
    if (e.causes) out += fmt::format("causes = {}\n", strings(*e.causes));
    if (e.fixes) out += fmt::format("fixes = {}\n", list(*e.fixes, strings));
}

}  // namespace

// A TOML basic string (TOML 1.0 §String: "Any Unicode character may be used except those
// that must be escaped: quotation mark, backslash, and the control characters other than tab
// (U+0000 to U+0008, U+000A to U+001F, U+007F)"). Tab is escaped too, to keep lines plain.
std::string toml_basic_string(std::string_view s) {
    std::string out = "\"";
    for (const char c : s) {
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (static_cast<unsigned char>(c) < 0x20 || c == '\x7F') {
            out += fmt::format("\\u{:04X}", static_cast<unsigned>(c));
        } else {
            out += c;
        }
    }
    return out + "\"";
}

std::string to_toml(const Scenario& s) {
    std::string out = fmt::format("[scenario]\nname = {}\nsummary = {}\nseed = {}\nduration = {}\n",
                                  quote(s.name), quote(s.summary), s.seed, duration(s.duration));
    if (!s.lesson.empty()) out += fmt::format("lesson = {}\n", quote(s.lesson));
    write_aws(out, s.aws);
    write_cgw(out, s.cgw);
    out += fmt::format("\n[path]\ndelay = {}\nnat = {}\n", duration(s.path.delay),
                       quote(name_of(detail::kNatModes, s.path.nat)));
    if (s.path.nat != NatMode::None && s.path.nat_public_ip) {
        out += fmt::format("nat_public_ip = {}\n", quote(s.path.nat_public_ip->to_string()));
    }
    if (s.path.nat == NatMode::Pat) {
        out += fmt::format("nat_udp_timeout = {}\n", duration(s.path.nat_udp_timeout));
    }
    // {} prints the shortest text that reads back as the same double (a valid TOML float).
    if (s.path.loss > 0.0) out += fmt::format("loss = {}\n", s.path.loss);
    if (s.path.outage) {
        out += fmt::format("outage = {{ start = {}, duration = {} }}\n",
                           duration(s.path.outage->start), duration(s.path.outage->duration));
    }
    if (!s.path.block.empty()) {
        out += fmt::format("block = {}\n", list(s.path.block, [](Block b) {
                               return quote(name_of(detail::kBlocks, b));
                           }));
    }
    for (const auto& c : s.changes) {
        out += fmt::format("\n[[change]]\nat = {}\naction = {}\n", duration(c.at),
                           quote(name_of(detail::kChangeKinds, c.kind)));
        if (c.kind == Change::Kind::ModifyTunnelOptions)
            out += fmt::format("tunnel = {}\n", c.tunnel);
        if (c.tunnel_options) write_tunnel_options(out, *c.tunnel_options);
        if (c.local_ipv4_network_cidr) {
            out += fmt::format("local_ipv4_network_cidr = {}\n",
                               quote(c.local_ipv4_network_cidr->to_string()));
        }
        if (c.remote_ipv4_network_cidr) {
            out += fmt::format("remote_ipv4_network_cidr = {}\n",
                               quote(c.remote_ipv4_network_cidr->to_string()));
        }
    }
    for (const auto& f : s.traffic) {
        out += fmt::format(
            "\n[[traffic]]\nfrom = {}\nto = {}\nkind = {}\nstart = {}\ninterval = {}\ncount = {}\n",
            quote(f.from.to_string()), quote(f.to.to_string()),
            quote(name_of(detail::kFlowKinds, f.kind)), duration(f.start), duration(f.interval),
            f.count);
        if (f.size != Flow{}.size) out += fmt::format("size = {}\n", f.size);
        if (f.df != Flow{}.df) out += fmt::format("df = {}\n", f.df);
    }
    if (s.expect) write_expect(out, *s.expect);
    return out;
}

std::string to_toml(const Aws& a) {
    std::string out;
    write_aws(out, a);
    return out;
}

std::string_view to_string(CgwVendor v) { return name_of(detail::kCgwVendors, v); }

Scenario without_position(Scenario s) {
    s.file.clear();
    for (auto& t : s.aws.tunnels) t.source_line = 0;
    if (s.expect) {
        s.expect->source_line = 0;
        for (auto& t : s.expect->tunnels) t.source_line = 0;
        for (auto& f : s.expect->flows) f.source_line = 0;
    }
    return s;
}

}  // namespace vpnsim::scenario
