// DOC: the scenario, as plain checked structs.
// The loader (loader.hpp) fills every field from TOML, applying AWS's documented defaults
// (../aws-facts.md "Tunnel options") for everything the file leaves out, and rejects anything
// out of range with a located diagnostic. After loading, every value here is valid: the
// simulator never re-checks the scenario.
// Where a field mirrors an AWS API option its TOML key is the API name in snake_case
// (Phase1LifetimeSeconds -> phase1_lifetime_seconds) so engineers can copy values across.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "models/common/ipv4.hpp"
#include "models/common/time.hpp"
#include "models/ike/proposal.hpp"

namespace vpnsim::scenario {

enum class GatewayType : std::uint8_t { Vgw, Tgw };
// AWS's quota of static routes from a CGW to a VPN connection on a virtual private gateway.
inline constexpr std::size_t kMaxVgwStaticRoutes = 100;
enum class Routing : std::uint8_t { Dynamic, Static };
enum class StartupAction : std::uint8_t { Add, Start };
enum class DpdAction : std::uint8_t { Clear, None, Restart };
enum class NatMode : std::uint8_t { None, Static, Pat };
// What a firewall on the CGW's side blocks: IKE (udp/500), NAT-T (udp/4500), raw ESP
// (IP protocol 50) on the outside; BGP (tcp/179) on the CGW's tunnel interfaces.
enum class Block : std::uint8_t { Udp500, Udp4500, Esp, Tcp179 };
// How a CGW tunnel selects traffic: route-based (one CHILD_SA whose selectors are local_ts /
// remote_ts, a VTI routes into it) or policy-based (one CHILD_SA per proxy-ID pair, as a Cisco
// crypto-map ACL, strongSwan with several children or Palo Alto proxy IDs negotiate them).
enum class TunnelPolicy : std::uint8_t { RouteBased, PolicyBased };
// What the CGW's stateful firewall does with a flow's packet that uses another tunnel than the
// one its session was set up on (AWS: asymmetric routing must be allowed).
enum class AsymmetricRouting : std::uint8_t { Allow, Drop };
// A [[traffic]] flow's probes: ICMP echo requests (answered with echo replies) or one-way UDP.
// tcp: a bulk TCP transfer's full-size data segments, each answered by one as large the other
// way (no handshake is simulated; the CGW's MSS clamping limits their size).
enum class FlowKind : std::uint8_t { Ping, Udp, Tcp };

// One proxy-ID pair of a policy-based tunnel: CGW-side and AWS-side network.
struct ProxyId {
    net::Ipv4Prefix local;
    net::Ipv4Prefix remote;
    bool operator==(const ProxyId&) const = default;
};

// Algorithms as the IKE model's values, read once at load; ike::to_string() spells each as the
// AWS API does ("AES128", "SHA2-256"). DH groups by number.
struct ProposalLists {
    std::vector<ike::Encr> encryption;  // AES128 AES256 AES128-GCM-16 AES256-GCM-16
    std::vector<ike::Integ> integrity;  // SHA1 SHA2-256 SHA2-384 SHA2-512
    std::vector<int> dh_groups;         // phase 1: 2 14..24; phase 2 (PFS): 2 5 14..24
    bool operator==(const ProposalLists&) const = default;
};

struct AwsTunnel {
    net::Ipv4Addr outside_ip;
    net::Ipv4Prefix inside_cidr;  // /30 in 169.254.0.0/16, not reserved
    std::string psk;
    std::vector<int> ike_versions{1, 2};
    ProposalLists phase1;
    ProposalLists phase2;
    int phase1_lifetime_seconds{28800};
    int phase2_lifetime_seconds{3600};
    int rekey_margin_time_seconds{270};
    int rekey_fuzz_percentage{100};
    int replay_window_size{1024};
    int dpd_timeout_seconds{30};
    DpdAction dpd_timeout_action{DpdAction::Clear};
    StartupAction startup_action{StartupAction::Add};
    // Where the key was written in the file, for diagnostics that point at it later.
    int source_line{0};
    bool operator==(const AwsTunnel&) const = default;
};

struct Aws {
    std::string vpn_id;  // "vpn-" + 17 hex digits; derived from the scenario name when absent
    GatewayType gateway{GatewayType::Vgw};
    Routing routing{Routing::Dynamic};
    std::uint32_t asn{64512};
    bool accelerated{false};
    net::Ipv4Prefix local_ipv4_network_cidr{net::Ipv4Prefix::any()};   // customer side
    net::Ipv4Prefix remote_ipv4_network_cidr{net::Ipv4Prefix::any()};  // AWS side
    std::vector<net::Ipv4Prefix> static_routes;                        // routing = "static" only
    // The BGP ASN of the customer gateway resource in AWS (what AWS expects in the CGW's
    // OPEN). Default: the device's own cgw.asn.
    std::optional<std::uint32_t> customer_gateway_asn;
    std::vector<AwsTunnel> tunnels;  // 1 or 2
    // The VPC behind the gateway: where [[traffic]] flows start or end on the AWS side. 172.31/16
    // is a default VPC's CIDR.
    net::Ipv4Prefix vpc_cidr{net::Ipv4Addr::from_octets(172, 31, 0, 0), 16};
    // Transit gateway VPN ECMP support: equal BGP routes share flows across the UP tunnels.
    bool ecmp{false};
    bool operator==(const Aws&) const = default;
};

struct CgwTunnel {
    net::Ipv4Addr peer;  // AWS outside IP this tunnel points at
    std::string psk;
    int ike_version{2};
    // IKEv1 phase 1 in aggressive mode (RFC 2409 §5.4) instead of main mode; AWS refuses it.
    bool aggressive_mode{false};
    ProposalLists phase1;  // defaults: AES128 / SHA1 / group 14 (phase 2: group 14)
    ProposalLists phase2;
    std::vector<net::Ipv4Prefix> local_ts{net::Ipv4Prefix::any()};   // CGW-side proxy ID(s)
    std::vector<net::Ipv4Prefix> remote_ts{net::Ipv4Prefix::any()};  // AWS-side proxy ID(s)
    // policy-based: proxy_ids (at least one) replaces local_ts/remote_ts; one CHILD_SA each.
    TunnelPolicy policy{TunnelPolicy::RouteBased};
    std::vector<ProxyId> proxy_ids;
    // CGW inside address with the /30 length, e.g. 169.254.10.2/30. Default: the second
    // address of the matching AWS tunnel's inside_cidr (what AWS's downloaded config says).
    std::optional<net::Ipv4Prefix> inside_ip;   // address carried in .addr, length in .len
    std::optional<net::Ipv4Addr> bgp_neighbor;  // default: first address of the inside /30
    SimTime initiate_after{sec(1)};             // when the CGW first sends IKE
    bool initiate{true};  // false: only answers (strongSwan auto=add, "respond-only")
    // DPD as AWS's downloadable templates set it: interval 10 s, 3 retries, and strongSwan's
    // dpdaction=restart. "none" sends no liveness checks (strongSwan: disables DPD).
    int dpd_interval_seconds{10};
    int dpd_retries{3};
    DpdAction dpd_action{DpdAction::Restart};
    // CHILD_SA and IKE SA lifetimes as AWS's strongSwan template sets them (lifetime=1h,
    // ikelifetime=8h, margintime=9m, rekeyfuzz=100%); the margin, fuzz and rekey flag apply to
    // both SAs, as in strongSwan. rekey = false never starts a rekey (the SAs then expire unless
    // AWS rekeys them first).
    int phase2_lifetime_seconds{3600};
    int ike_lifetime_seconds{28800};
    int rekey_margin_time_seconds{540};
    int rekey_fuzz_percentage{100};
    bool rekey{true};
    // Route preference. local_pref: the CGW's own preference for this tunnel's routes towards
    // AWS (a route-map `set local-preference`; higher wins, RFC 4271 §9.1.1). med and
    // as_path_prepend: set on what this tunnel's BGP session announces to AWS (a per-neighbor
    // route-map `set metric` / `set as-path prepend`, as AWS's templates show for an
    // active/passive pair); the prepend replaces [cgw.bgp]'s for this tunnel.
    std::uint32_t local_pref{100};
    std::uint32_t med{0};
    std::optional<std::vector<std::uint32_t>> as_path_prepend;
    // A static CGW's routes into this tunnel (`ip route 172.31.0.0 255.255.0.0 Tunnel1`); only
    // with [cgw.bgp] enabled = false. When no tunnel lists any, the CGW routes the VPC CIDR
    // into every tunnel (AWS's static templates); once one does, only the listed routes exist.
    std::vector<net::Ipv4Prefix> static_routes;
    bool operator==(const CgwTunnel&) const = default;
};

// One entry of the CGW's outbound route-map, for one announced prefix (`match ip address
// prefix-list`, then `set as-path prepend` / `set metric` / `set community`): its values
// replace the session's ([cgw.bgp] as_path_prepend, the tunnel's med) for that prefix.
struct RouteMapEntry {
    net::Ipv4Prefix prefix;
    std::optional<std::vector<std::uint32_t>> as_path_prepend;
    std::optional<std::uint32_t> med;
    std::vector<std::uint32_t> communities;  // RFC 1997: (ASN << 16) | value, "ASN:value"
    bool operator==(const RouteMapEntry&) const = default;
};

// Something that happens to the customer gateway at a time ([[cgw.event]]), so a scenario can
// show what follows a change: it reboots (every SA and BGP session lost, nothing sent or
// received for `duration`, then it starts as at power-on), goes silent (its outside interface
// passes nothing for `duration`; it keeps its state), or has one tunnel's PSK changed (used
// from the next IKE SA on).
// The CGW's implementation, for the behaviour that differs between them (aws-facts
// "Real-stack behaviour"). generic: AWS's configuration files' behaviour -- DPD declares the
// peer dead after interval x (retries + 1), a failed negotiation is retried every 30 s;
// cisco-ios and junos count DPD retries at a fixed interval the same way. strongswan: an
// IKEv2 liveness check is retransmitted on its request schedule (4 s x 1.8^n, 5 tries: the
// peer is dead after about 165 s), and after AUTHENTICATION_FAILED or NO_PROPOSAL_CHOSEN it
// does not retry.
enum class CgwVendor : std::uint8_t { Generic, Strongswan, CiscoIos, Junos };

struct CgwEvent {
    enum class Kind : std::uint8_t { Reboot, Silent, SetPsk };
    SimTime at{};
    Kind kind{Kind::Reboot};
    SimTime duration{};  // reboot, silent
    int tunnel{1};       // set-psk: 1-based [[cgw.tunnel]] index
    std::string psk;     // set-psk
    bool operator==(const CgwEvent&) const = default;
};

struct CgwBgp {
    bool enabled{true};
    std::uint32_t remote_as{64512};
    std::vector<net::Ipv4Prefix> announce;
    int hold_time_seconds{30};
    // Smallest hold time accepted in AWS's OPEN (Cisco `timers bgp <ka> <hold> <min-hold>`);
    // 0 = no minimum, else 3..hold_time_seconds.
    int min_hold_time_seconds{0};
    int keepalive_seconds{10};
    int connect_retry_seconds{120};              // FRR's default, RFC 4271 §10's suggestion
    std::string md5_password;                    // RFC 2385 TCP MD5; AWS configures none
    std::vector<std::uint32_t> as_path_prepend;  // ASNs the CGW prepends to its routes
    // NEXT_HOP on the CGW's announcements (a route-map `set ip next-hop`). Default: each
    // tunnel's own inside address (next-hop-self), the only one AWS accepts.
    std::optional<net::Ipv4Addr> next_hop;
    std::vector<RouteMapEntry> route_map;  // at most one entry per announced prefix
    bool operator==(const CgwBgp&) const = default;
};

struct Cgw {
    net::Ipv4Addr outside_ip;
    std::uint32_t asn{65000};
    bool nat_t{true};
    // NAT keepalives (RFC 3948 §2.3): once NAT-T finds the CGW behind a NAT, a one-octet UDP
    // 4500 packet whenever nothing else went to the peer for this long. strongSwan's keep_alive
    // default, 20 s; 0 = never.
    int nat_keepalive_seconds{20};
    // The tunnel interfaces' MTU and the TCP MSS the CGW clamps SYNs to (0: none), as AWS's
    // configuration files set them (aws-facts "MTU"; `ip mtu 1399`, `ip tcp adjust-mss 1379`).
    CgwVendor vendor{CgwVendor::Generic};
    int tunnel_mtu{1399};
    int mss_clamp{1379};
    std::vector<CgwTunnel> tunnels;
    CgwBgp bgp;
    AsymmetricRouting asymmetric_routing{AsymmetricRouting::Allow};
    // The on-premises networks behind the CGW besides those [cgw.bgp] announces: a static VPN's
    // LANs, which AWS reaches only by static routes (aws.static_routes).
    std::vector<net::Ipv4Prefix> networks;
    std::vector<CgwEvent> events;  // in time order
    // Whether the CGW routes by its own static_routes (some tunnel lists one) rather than the
    // implicit VPC route over every tunnel.
    bool has_static_routes() const;
    // The CGW's LANs: networks and the announced prefixes, sorted, each once.
    std::vector<net::Ipv4Prefix> lans() const;
    // Whether some [cgw.bgp] announce prefix covers `p`.
    bool announces(const net::Ipv4Prefix& p) const;
    // The networks no announced prefix covers, in order (a dynamic VPN never learns them).
    std::vector<net::Ipv4Prefix> unannounced_networks() const;
    bool operator==(const Cgw&) const = default;
};

// One [[traffic]] flow between a VPC address and an on-premises one, either way: `count`
// probes, the first at `start`, then one every `interval`.
struct Flow {
    net::Ipv4Addr from;
    net::Ipv4Addr to;
    FlowKind kind{FlowKind::Ping};
    SimTime start{sec(10)};
    SimTime interval{sec(1)};
    int count{10};
    // Each probe's IP packet size in bytes (a default ping: 20 + 8 + 56) and its DF bit (set by
    // Linux for ping's and TCP's path-MTU discovery; always set on tcp).
    int size{84};
    bool df{true};
    bool from_vpc{true};  // derived: `from` is in aws.vpc_cidr (else `to` is)
    // Set on the built-in reachability probes (sim/run/reachability.hpp): the on-premises
    // prefix this flow probes. Never read from or written to a file.
    std::optional<net::Ipv4Prefix> probe_for;
    bool operator==(const Flow&) const = default;
};

// A window in which every packet between the CGW and AWS is lost (an ISP outage, a pulled
// cable): [start, start + duration).
struct Outage {
    SimTime start{};
    SimTime duration{};
    bool operator==(const Outage&) const = default;
};

struct Path {
    SimTime delay{ms(15)};  // one way, CGW <-> AWS
    std::optional<Outage> outage;
    // Each packet crossing the path is lost independently with this probability (0 <= p < 1).
    double loss{0.0};
    NatMode nat{NatMode::None};
    std::optional<net::Ipv4Addr> nat_public_ip;  // default 192.0.2.1 when nat != none
    // A PAT forgets a UDP mapping idle this long (either direction refreshes it). Default: Linux
    // conntrack's nf_conntrack_udp_timeout_stream, 120 s, also RFC 4787 REQ-5's floor of two
    // minutes. A static NAT's one-to-one mapping is configured, and never expires.
    SimTime nat_udp_timeout{sec(120)};
    std::vector<Block> block;
    bool blocks(Block b) const;
    bool operator==(const Path&) const = default;
};

// A change made to the AWS side during the run (aws-facts.md "Changes and their disruption"):
// modifying one tunnel's options replaces that tunnel's endpoint; modifying the connection's
// options (local/remote IPv4 network CIDR) briefly takes both tunnels down. Either way the
// endpoint loses its SAs and BGP session; outside IPs are kept. A change may also set new
// option values; the endpoint then comes back with them.
struct Change {
    enum class Kind : std::uint8_t { ModifyTunnelOptions, ModifyVpnOptions };
    SimTime at{};
    Kind kind{Kind::ModifyTunnelOptions};
    int tunnel{1};  // ModifyTunnelOptions only, 1-based
    // ModifyTunnelOptions: the tunnel as it is after the change (the keys the change sets over
    // the options in force before it). Absent: the options stay as they were.
    std::optional<AwsTunnel> tunnel_options;
    // ModifyVpnOptions: the connection's new CIDRs (absent: unchanged).
    std::optional<net::Ipv4Prefix> local_ipv4_network_cidr;
    std::optional<net::Ipv4Prefix> remote_ipv4_network_cidr;
    bool operator==(const Change&) const = default;
};

struct ExpectTunnel {
    std::optional<net::Ipv4Addr> outside_ip;  // which tunnel; default: by position
    std::optional<std::string> status;        // "UP" | "DOWN"
    std::optional<std::string> message;       // "IPSEC IS UP", "IPSEC IS DOWN", "N BGP ROUTES"
    std::optional<std::string> ike;           // IKE SA state name as printed
    std::optional<std::string> child;         // CHILD_SA state name as printed
    std::optional<std::string> bgp;           // BGP FSM state name (Idle .. Established)
    int source_line{0};
    bool operator==(const ExpectTunnel&) const = default;
};

// One [[traffic]] flow's outcome, by position (flow 1 first).
struct ExpectFlow {
    std::optional<std::string> result;  // "ok" (its last probe, or ping reply, arrived) | "failing"
    std::optional<int> delivered;       // probes that reached `to`
    std::optional<int> answered;        // ping: replies back at `from`
    int source_line{0};
    bool operator==(const ExpectFlow&) const = default;
};

struct Expect {
    std::vector<ExpectTunnel> tunnels;
    std::vector<ExpectFlow> flows;
    std::vector<std::string> trace_contains;  // each must appear in some trace line
    std::vector<std::string> trace_absent;    // none may appear in any trace line
    // What `vpnsim diagnose` must name (cause codes, any order) and the minimal fix sets
    // `vpnsim fix` must find (each a list of fix codes; sets in any order). Checked after the
    // run by sim/report/expect; never read by diagnosis or the fix search.
    std::optional<std::vector<std::string>> causes;
    std::optional<std::vector<std::vector<std::string>>> fixes;
    int source_line{0};
    bool operator==(const Expect&) const = default;
};

struct Scenario {
    std::string file;  // path as given on the command line
    std::string name;
    std::string summary;
    // A training scenario's lesson: one paragraph for the trainee (what AWS shows, the rule at
    // work, what a twin's fix changed). Shown by `vpnsim list --long` and `vpnsim quiz`; never
    // read by the simulation, diagnosis or fix search, which derive everything from the run.
    std::string lesson;
    std::uint64_t seed{1};
    SimTime duration{sec(300)};
    Aws aws;
    Cgw cgw;
    Path path;
    std::vector<Change> changes;
    std::vector<Flow> traffic;  // none by default: no data traffic at all
    std::optional<Expect> expect;
    bool operator==(const Scenario&) const = default;
};

// Puts one change's new option values in force in `aws` (its endpoint replacement aside).
void apply_options(Aws& aws, const Change& change);

// The scenario with every change's new options in force from the start; the changes stay as
// bare endpoint replacements at their times. Diagnosis reads the configuration this way (the
// connection as it ends up), and the fix search starts from it.
Scenario with_changes_applied(const Scenario& s);

}  // namespace vpnsim::scenario
