// DOC: [aws] and [[aws.tunnel]]: the VPN connection as AWS holds it.
// Rules are AWS's documented constraints (aws-facts.md "Tunnel options" and "BGP over the
// tunnel"); values the file leaves out get AWS's defaults. Only per-connection rules live here
// (two tunnels, distinct outside IPs and inside CIDRs); AWS's per-gateway uniqueness of
// inside CIDRs across connections is out of scope, as a scenario has one connection.
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <limits>

#include "sim/scenario/fields.hpp"
#include "sim/scenario/proposals.hpp"
#include "sim/scenario/references.hpp"
#include "sim/scenario/sections.hpp"

namespace vpnsim::scenario::detail {
namespace {

// TunnelInsideCidr: "The following CIDR blocks are reserved and cannot be used" (EC2 API
// reference, VpnTunnelOptionsSpecification): exactly these seven /30s.
constexpr std::array<net::Ipv4Prefix, 7> kReservedInsideCidrs{{
    {net::Ipv4Addr::from_octets(169, 254, 0, 0), 30},
    {net::Ipv4Addr::from_octets(169, 254, 1, 0), 30},
    {net::Ipv4Addr::from_octets(169, 254, 2, 0), 30},
    {net::Ipv4Addr::from_octets(169, 254, 3, 0), 30},
    {net::Ipv4Addr::from_octets(169, 254, 4, 0), 30},
    {net::Ipv4Addr::from_octets(169, 254, 5, 0), 30},
    {net::Ipv4Addr::from_octets(169, 254, 169, 252), 30},
}};

constexpr std::uint64_t fnv1a_64(std::string_view text) {
    std::uint64_t hash = 0xcbf29ce484222325ULL;  // FNV-1a 64-bit offset basis
    for (const char c : text) {
        hash ^= static_cast<unsigned char>(c);
        hash *= 0x100000001b3ULL;  // FNV 64-bit prime
    }
    return hash;
}

bool is_lower_hex(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
}

bool is_psk_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
           c == '_';
}

bool is_amazon_asn(std::int64_t asn) {
    const bool private_16 = asn >= 64512 && asn <= 65534;
    const bool private_32 = asn >= 4200000000 && asn <= 4294967294;
    const bool legacy = std::find(kLegacyAmazonAsns.begin(), kLegacyAmazonAsns.end(), asn) !=
                        kLegacyAmazonAsns.end();
    return private_16 || private_32 || legacy;
}

std::optional<std::string> as_vpn_id(const Field& field) {
    const auto id = as_string_view(field);
    if (!id) return std::nullopt;
    const std::string_view hex = id->substr(std::min<std::size_t>(4, id->size()));
    const bool ok = id->starts_with("vpn-") && (hex.size() == 8 || hex.size() == 17) &&
                    std::all_of(hex.begin(), hex.end(), is_lower_hex);
    if (ok) return std::string(*id);
    return reject<std::string>(field, fmt::format("must be \"vpn-\" followed by 8 or 17 lowercase "
                                                  "hex digits, got \"{}\"",
                                                  printable(*id)));
}

std::optional<std::int64_t> as_amazon_asn(const Field& field) {
    const auto asn = as_int(field);
    if (!asn || is_amazon_asn(*asn)) return asn;
    return reject<std::int64_t>(
        field, fmt::format("must be a private ASN (64512-65534 or 4200000000-4294967294) or a "
                           "legacy Amazon ASN (7224, 9059, 10124, 17493), got {}",
                           *asn));
}

// PreSharedKey constraints, checked in the order AWS documents them.
std::optional<std::string> as_aws_psk(const Field& field) {
    const auto psk = as_string_view(field);
    if (!psk) return std::nullopt;
    if (psk->size() < 8 || psk->size() > 64) {
        return reject<std::string>(field,
                                   fmt::format("must be 8 to 64 characters, got {}", psk->size()));
    }
    if (!std::all_of(psk->begin(), psk->end(), is_psk_char)) {
        return reject<std::string>(field, "may contain only letters, digits, '.' and '_'");
    }
    if (psk->front() == '0') return reject<std::string>(field, "must not start with '0'");
    return std::string(*psk);
}

std::optional<net::Ipv4Prefix> as_inside_cidr(const Field& field) {
    const auto cidr = as_cidr(field);
    if (!cidr) return cidr;
    if (!kLinkLocal.contains(*cidr)) {
        return reject<net::Ipv4Prefix>(field,
                                       fmt::format("must be within {}, got {}", kLinkLocal, *cidr));
    }
    if (cidr->len != 30) {
        return reject<net::Ipv4Prefix>(field, fmt::format("must be a /30, got /{}", cidr->len));
    }
    if (std::find(kReservedInsideCidrs.begin(), kReservedInsideCidrs.end(), *cidr) !=
        kReservedInsideCidrs.end()) {
        return reject<net::Ipv4Prefix>(field, fmt::format("{} is reserved by AWS", *cidr));
    }
    return cidr;
}

// Phase 2 must be shorter than phase 1; the rekey margin at most half of phase 2.
void read_lifetimes(TableReader& table, AwsTunnel& tunnel) {
    const Field phase1 = table.get("phase1_lifetime_seconds");
    const Field phase2 = table.get("phase2_lifetime_seconds");
    const auto p1 = as_int(phase1, 900, 28800);
    const auto p2 = as_int(phase2, 900, 3600);
    set_if(tunnel.phase1_lifetime_seconds, p1);
    set_if(tunnel.phase2_lifetime_seconds, p2);
    const int l1 = tunnel.phase1_lifetime_seconds;
    const int l2 = tunnel.phase2_lifetime_seconds;
    if (usable(phase1, p1) && usable(phase2, p2) && l2 >= l1) {
        report_conflict(
            phase1,
            fmt::format("must be greater than {} (phase2_lifetime_seconds), got {}", l2, l1),
            phase2, fmt::format("must be less than {} (phase1_lifetime_seconds), got {}", l1, l2));
    }
    set_if(tunnel.rekey_margin_time_seconds,
           as_int(table.get("rekey_margin_time_seconds"), 60, l2 / 2));
}

// StartupAction "start" means AWS initiates, which it does over IKEv2 only.
void read_startup_action(TableReader& table, AwsTunnel& tunnel, bool ike_versions_usable) {
    const Field startup = table.get("startup_action");
    set_if(tunnel.startup_action, as_enum(startup, kStartupActions));
    const auto& versions = tunnel.ike_versions;
    const bool has_ikev2 = std::find(versions.begin(), versions.end(), 2) != versions.end();
    if (tunnel.startup_action == StartupAction::Start && ike_versions_usable && !has_ikev2) {
        startup.error("\"start\" requires \"ikev2\" in ike_versions");
    }
}

// Every tunnel option but the tunnel's identity (outside IP, inside CIDR, PSK), each over the
// value already in `tunnel`: the defaults for [[aws.tunnel]], the options in force for a
// [[change]].
void read_tunnel_options(TableReader& table, AwsTunnel& tunnel) {
    const Field ike = table.get("ike_versions");
    const auto ike_versions =
        as_array(ike, [](const Field& f) { return as_enum(f, kIkeVersions); });
    set_if(tunnel.ike_versions, ike_versions);
    read_proposals(table, kAwsPhase1, tunnel.phase1);
    read_proposals(table, kAwsPhase2, tunnel.phase2);
    read_lifetimes(table, tunnel);
    set_if(tunnel.rekey_fuzz_percentage, as_int(table.get("rekey_fuzz_percentage"), 0, 100));
    set_if(tunnel.replay_window_size, as_int(table.get("replay_window_size"), 64, 2048));
    set_if(tunnel.dpd_timeout_seconds,
           as_int(table.get("dpd_timeout_seconds"), 30, std::numeric_limits<int>::max()));
    set_if(tunnel.dpd_timeout_action, as_enum(table.get("dpd_timeout_action"), kDpdActions));
    read_startup_action(table, tunnel, usable(ike, ike_versions));
}

struct TunnelIdentities {
    UniqueValues<net::Ipv4Addr> outside_ips;
    UniqueValues<net::Ipv4Prefix> inside_cidrs;
};

AwsTunnel read_aws_tunnel(TableReader& table, TunnelIdentities& identities) {
    AwsTunnel tunnel;
    tunnel.phase1 = default_proposals(kAwsPhase1);
    tunnel.phase2 = default_proposals(kAwsPhase2);
    tunnel.source_line = table.line();
    const Field outside = table.require("outside_ip");
    const auto outside_ip = as_ipv4(outside);
    set_if(tunnel.outside_ip, outside_ip);
    identities.outside_ips.check(outside, outside_ip, table.location());
    const Field inside = table.require("inside_cidr");
    const auto inside_cidr = as_inside_cidr(inside);
    set_if(tunnel.inside_cidr, inside_cidr);
    identities.inside_cidrs.check(inside, inside_cidr, table.location());
    set_if(tunnel.psk, as_aws_psk(table.require("psk")));
    read_tunnel_options(table, tunnel);
    return tunnel;
}

// A VPN connection has one or two tunnels.
std::vector<AwsTunnel> read_aws_tunnels(TableReader& aws) {
    const Field field = aws.require("tunnel");
    TunnelIdentities identities;
    auto tunnels =
        read_tables(field, [&](TableReader& t) { return read_aws_tunnel(t, identities); });
    const toml::array* array = field.present() ? field.node()->as_array() : nullptr;
    if (array && array->empty()) aws.error("tunnel", "must have 1 or 2 entries, got 0");
    if (array && array->size() > 2) {
        field.element(2).error(
            fmt::format("a VPN connection has at most 2 tunnels, got {}", array->size()));
    }
    return tunnels;
}

}  // namespace

void read_modified_tunnel(TableReader& table, AwsTunnel& tunnel) {
    set_if(tunnel.inside_cidr, as_inside_cidr(table.get("inside_cidr")));
    set_if(tunnel.psk, as_aws_psk(table.get("psk")));
    read_tunnel_options(table, tunnel);
}

std::string derived_vpn_id(std::string_view scenario_name) {
    // "vpn-{:017x}", written by hand: every load without a vpn_id derives one. A 64-bit hash
    // has at most 16 hex digits, so the first of the 17 is always '0'.
    std::string id = "vpn-00000000000000000";
    auto hash = fnv1a_64(scenario_name);
    for (std::size_t i = id.size(); hash != 0; hash >>= 4) id[--i] = "0123456789abcdef"[hash & 0xf];
    return id;
}

namespace {

// VpnEcmpSupport is a transit gateway option, and spreads equal BGP routes only
// (aws-facts.md "Tunnel choice": ECMP only on a transit gateway with BGP). A check is made only
// when the gateway (routing) it depends on was read without error.
void check_ecmp(const Field& ecmp, const Aws& aws, bool gateway_known, bool routing_known) {
    if (aws.ecmp && gateway_known && aws.gateway == GatewayType::Vgw) {
        ecmp.error("ECMP is a transit gateway option (VPN ECMP support): set gateway = \"tgw\"");
    } else if (aws.ecmp && routing_known && aws.routing == Routing::Static) {
        ecmp.error("ECMP spreads equal BGP routes: it needs routing = \"dynamic\"");
    }
}

}  // namespace

Aws read_aws(TableReader& table, std::string_view scenario_name) {
    Aws aws;
    aws.vpn_id = derived_vpn_id(scenario_name);
    set_if(aws.vpn_id, as_vpn_id(table.get("vpn_id")));
    const Field gateway = table.get("gateway");
    const auto gateway_type = as_enum(gateway, kGateways);
    set_if(aws.gateway, gateway_type);
    const Field routing = table.get("routing");
    const auto routing_type = as_enum(routing, kRoutings);
    set_if(aws.routing, routing_type);
    set_if(aws.asn, as_amazon_asn(table.get("asn")));
    const Field accelerated = table.get("accelerated");
    set_if(aws.accelerated, as_bool(accelerated));
    if (aws.accelerated && usable(gateway, gateway_type) && aws.gateway == GatewayType::Vgw) {
        accelerated.error(
            "acceleration is only available on a transit gateway (gateway = \"tgw\")");
    }
    set_if(aws.local_ipv4_network_cidr, as_cidr(table.get("local_ipv4_network_cidr")));
    set_if(aws.remote_ipv4_network_cidr, as_cidr(table.get("remote_ipv4_network_cidr")));
    if (const auto asn = as_int(table.get("customer_gateway_asn"), 1, 4294967295)) {
        aws.customer_gateway_asn = static_cast<std::uint32_t>(*asn);
    }
    const Field routes = table.get("static_routes");
    set_if(aws.static_routes, as_array(routes, as_cidr, EmptyArray::Allowed));
    if (!aws.static_routes.empty() && usable(routing, routing_type) &&
        aws.routing == Routing::Dynamic) {
        routes.error("static routes require routing = \"static\"");
    } else if (aws.static_routes.size() > kMaxVgwStaticRoutes && usable(gateway, gateway_type) &&
               aws.gateway == GatewayType::Vgw) {
        routes.error(fmt::format("a virtual private gateway takes at most {} static routes per VPN "
                                 "connection (AWS quota), got {}",
                                 kMaxVgwStaticRoutes, aws.static_routes.size()));
    }
    set_if(aws.vpc_cidr, as_cidr(table.get("vpc_cidr")));
    const Field ecmp = table.get("ecmp");
    set_if(aws.ecmp, as_bool(ecmp));
    check_ecmp(ecmp, aws, usable(gateway, gateway_type), usable(routing, routing_type));
    aws.tunnels = read_aws_tunnels(table);
    return aws;
}

void read_aws_overrides(TableReader& table, Aws& aws) {
    set_if(aws.asn, as_amazon_asn(table.get("asn")));
    if (const auto asn = as_int(table.get("customer_gateway_asn"), 1, 4294967295)) {
        aws.customer_gateway_asn = static_cast<std::uint32_t>(*asn);
    }
    set_if(aws.vpc_cidr, as_cidr(table.get("vpc_cidr")));
    const Field ecmp = table.get("ecmp");
    set_if(aws.ecmp, as_bool(ecmp));
    check_ecmp(ecmp, aws, true, true);
}

}  // namespace vpnsim::scenario::detail
