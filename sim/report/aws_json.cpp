#include "sim/report/aws_json.hpp"

#include <fmt/format.h>

#include "models/common/hash.hpp"
#include "sim/aws/clock.hpp"
#include "sim/run/reachability.hpp"

namespace vpnsim::report {
namespace {

std::string resource_id(std::string_view prefix, std::string_view seed) {
    return fmt::format("{}-{:017x}", prefix, stable_hash(seed));
}

template <typename T>
void value_list(JsonWriter& w, std::string_view key, const std::vector<T>& items) {
    w.key(key).begin_array();
    for (const auto& v : items) {
        w.begin_object();
        if constexpr (std::is_same_v<T, int>) {
            w.field("Value", v);
        } else if constexpr (std::is_enum_v<T>) {
            w.field("Value", ike::to_string(v));  // the AWS API name
        } else {
            w.field("Value", std::string_view(v));
        }
        w.end_object();
    }
    w.end_array();
}

std::string_view dpd_action(scenario::DpdAction a) {
    switch (a) {
        case scenario::DpdAction::Clear:
            return "clear";
        case scenario::DpdAction::None:
            return "none";
        case scenario::DpdAction::Restart:
            return "restart";
    }
    return "clear";
}

void tunnel_options(JsonWriter& w, const scenario::AwsTunnel& t) {
    w.begin_object();
    w.field("OutsideIpAddress", t.outside_ip.to_string());
    w.field("TunnelInsideCidr", t.inside_cidr.to_string());
    w.field("PreSharedKey", std::string_view(t.psk));
    w.field("Phase1LifetimeSeconds", t.phase1_lifetime_seconds);
    w.field("Phase2LifetimeSeconds", t.phase2_lifetime_seconds);
    w.field("RekeyMarginTimeSeconds", t.rekey_margin_time_seconds);
    w.field("RekeyFuzzPercentage", t.rekey_fuzz_percentage);
    w.field("ReplayWindowSize", t.replay_window_size);
    w.field("DpdTimeoutSeconds", t.dpd_timeout_seconds);
    w.field("DpdTimeoutAction", dpd_action(t.dpd_timeout_action));
    value_list(w, "Phase1EncryptionAlgorithms", t.phase1.encryption);
    value_list(w, "Phase2EncryptionAlgorithms", t.phase2.encryption);
    value_list(w, "Phase1IntegrityAlgorithms", t.phase1.integrity);
    value_list(w, "Phase2IntegrityAlgorithms", t.phase2.integrity);
    value_list(w, "Phase1DHGroupNumbers", t.phase1.dh_groups);
    value_list(w, "Phase2DHGroupNumbers", t.phase2.dh_groups);
    std::vector<std::string> versions;
    for (const int v : t.ike_versions) versions.push_back(fmt::format("ikev{}", v));
    value_list(w, "IkeVersions", versions);
    w.field("StartupAction", t.startup_action == scenario::StartupAction::Start ? "start" : "add");
    w.key("LogOptions").begin_object();
    w.key("CloudWatchLogOptions").begin_object();
    w.field("LogEnabled", true).field("LogOutputFormat", "json");
    w.end_object().end_object();
    w.end_object();
}

void telemetry(JsonWriter& w, const run::TunnelResult& t) {
    w.begin_object();
    w.field("AcceptedRouteCount", static_cast<std::uint64_t>(t.accepted_routes));
    w.field("LastStatusChange", aws::iso8601(t.last_status_change));
    w.field("OutsideIpAddress", t.outside_ip.to_string());
    w.field("Status", t.status.status());
    w.field("StatusMessage", std::string_view(t.status.message));
    w.end_object();
}

void connection(JsonWriter& w, const scenario::Scenario& s, const run::RunResult& r) {
    const auto& a = s.aws;
    w.begin_object();
    w.field("Category", "VPN");
    w.field("CustomerGatewayId", resource_id("cgw", s.cgw.outside_ip.to_string()));
    w.field("State", "available");
    w.field("Type", "ipsec.1");
    w.field("VpnConnectionId", std::string_view(r.vpn_id));
    if (a.gateway == scenario::GatewayType::Tgw) {
        w.field("TransitGatewayId", resource_id("tgw", r.vpn_id));
    } else {
        w.field("VpnGatewayId", resource_id("vgw", r.vpn_id));
    }
    w.key("Options").begin_object();
    w.field("EnableAcceleration", a.accelerated);
    w.field("StaticRoutesOnly", a.routing == scenario::Routing::Static);
    w.field("LocalIpv4NetworkCidr", a.local_ipv4_network_cidr.to_string());
    w.field("RemoteIpv4NetworkCidr", a.remote_ipv4_network_cidr.to_string());
    w.field("OutsideIpAddressType", "PublicIpv4");
    w.field("TunnelInsideIpVersion", "ipv4");
    w.key("TunnelOptions").begin_array();
    for (const auto& t : a.tunnels) tunnel_options(w, t);
    w.end_array();
    w.end_object();
    w.key("Routes").begin_array();
    for (const auto& p : a.static_routes) {
        w.begin_object().field("DestinationCidrBlock", p.to_string());
        w.field("Source", "Static").field("State", "available").end_object();
    }
    w.end_array();
    w.key("VgwTelemetry").begin_array();
    for (const auto& t : r.tunnels) telemetry(w, t);
    w.end_array();
    w.end_object();
}

}  // namespace

void write_ike_event(JsonWriter& w, const aws::IkeLogEvent& e) {
    w.begin_object();
    w.field("event_timestamp", aws::epoch_seconds(e.t));
    w.field("details", std::string_view(e.details));
    w.field("dpd_enabled", e.dpd_enabled);
    w.field("nat_t_detected", e.nat_t_detected);
    w.field("ike_phase1_state", e.phase1);
    w.field("ike_phase2_state", e.phase2);
    w.end_object();
}

void write_bgp_event(JsonWriter& w, const aws::BgpLogEvent& e, const std::string& resource) {
    w.begin_object();
    w.field("resource_id", std::string_view(resource));
    w.field("event_timestamp", aws::epoch_seconds(e.t));
    w.field("timestamp", aws::log_timestamp(e.t));
    w.field("type", e.type);
    w.field("status", e.status);
    w.key("message").begin_object().field("details", std::string_view(e.details));
    if (e.route) {
        w.field("prefix", std::string_view(e.route->prefix));
        w.field("asPath", std::string_view(e.route->as_path));
        w.field("localPref", 100);
        w.field("med", static_cast<std::uint64_t>(e.route->med));
        w.field("nextHopIp", std::string_view(e.route->next_hop));
        w.field("weight", 0);
    }
    w.end_object();
    w.end_object();
}

std::string ike_log_line(const aws::IkeLogEvent& e) {
    JsonWriter w(0);
    write_ike_event(w, e);
    return w.str();
}

std::string bgp_log_line(const aws::BgpLogEvent& e, const std::string& resource) {
    JsonWriter w(0);
    write_bgp_event(w, e, resource);
    return w.str();
}

namespace {

void describe(JsonWriter& w, const scenario::Scenario& s, const run::RunResult& r,
              bool with_trace) {
    w.begin_object();
    w.key("VpnConnections").begin_array();
    connection(w, s, r);
    w.end_array();
    w.key("VpnLogs").begin_array();
    for (const auto& t : r.tunnels) {
        const auto ip = t.outside_ip.to_string();
        w.begin_object().field("LogStream", aws::ike_stream_name(r.vpn_id, ip));
        w.key("Events").begin_array();
        for (const auto& e : t.logs.ike) write_ike_event(w, e);
        w.end_array().end_object();
        w.begin_object().field("LogStream", aws::bgp_stream_name(r.vpn_id, ip));
        w.key("Events").begin_array();
        const auto resource = fmt::format("{}_{}", r.vpn_id, ip);
        for (const auto& e : t.logs.bgp) write_bgp_event(w, e, resource);
        w.end_array().end_object();
    }
    w.end_array();
    w.key("Simulation").begin_object();
    w.field("Scenario", std::string_view(s.name));
    w.field("Seed", static_cast<std::uint64_t>(s.seed));
    w.field("Duration", format_time(s.duration));
    w.field("Events", r.stats.events);
    w.field("StopReason", kernel::to_string(r.stats.reason));
    // An incomplete run (stopped by its event budget) is a snapshot, not an outcome.
    w.field("Complete", r.complete());
    w.field("TraceRecords", static_cast<std::uint64_t>(r.trace.records().size()));
    if (r.trace.truncated()) {
        w.field("TraceRecordsNotKept", static_cast<std::uint64_t>(r.trace.dropped()));
    }
    if (r.log_events_dropped != 0) {
        w.field("LogEventsNotKept", static_cast<std::uint64_t>(r.log_events_dropped));
    }
    if (!r.flows.empty()) {  // [[traffic]] only: runs without it keep their document
        w.key("Flows").begin_array();
        for (const auto& f : r.flows) {
            w.begin_object();
            w.field("Flow", f.number);
            w.field("From", std::string_view(f.from.to_string()));
            w.field("To", std::string_view(f.to.to_string()));
            w.field("Kind", f.kind);
            w.field("Sent", f.sent);
            w.field("Delivered", f.delivered);
            if (f.ping) w.field("Answered", f.answered);
            w.field("Working", f.last_ok);
            if (f.probe_for) w.field("ProbeFor", f.probe_for->to_string());
            w.end_object();
        }
        w.end_array();
        const auto reach = run::reachability(r);
        w.key("Reachability").begin_object();
        w.field("Holds", reach.holds());
        w.field("FlowsWorking", static_cast<std::uint64_t>(reach.own_ok));
        w.field("Flows", static_cast<std::uint64_t>(reach.own_flows));
        w.field("PrefixesReached", static_cast<std::uint64_t>(reach.probes_reaching()));
        w.field("Prefixes", static_cast<std::uint64_t>(reach.probes.size()));
        w.end_object();
        w.key("TunnelFlowPackets").begin_array();
        for (const auto& t : r.tunnels) {
            w.begin_object();
            w.field("OutsideIpAddress", std::string_view(t.outside_ip.to_string()));
            w.field("AwsToCgw", t.flow_to_cgw);
            w.field("CgwToAws", t.flow_to_aws);
            w.end_object();
        }
        w.end_array();
        w.key("Routes").begin_array();
        for (const auto& rc : r.routes) {
            w.begin_object();
            w.field("Side", std::string_view(rc.side));
            w.field("Destination", std::string_view(rc.dst.to_string()));
            w.field("Choice", std::string_view(rc.text));
            w.end_object();
        }
        w.end_array();
    }
    w.end_object();
    if (with_trace) {
        w.key("Trace").begin_array();
        for (const auto& rec : r.trace.records()) w.value(kernel::format_record(rec));
        if (r.trace.truncated()) w.value(r.trace.truncation_note());
        w.end_array();
    }
    w.end_object();
}

}  // namespace

std::string describe_vpn_connections(const scenario::Scenario& s, const run::RunResult& r,
                                     bool with_trace) {
    JsonWriter w(4);
    describe(w, s, r, with_trace);
    return w.str() + "\n";
}

void write_describe_vpn_connections(std::FILE* out, const scenario::Scenario& s,
                                    const run::RunResult& r, bool with_trace) {
    JsonWriter w(4, out);
    describe(w, s, r, with_trace);
    w.flush();
    std::fputc('\n', out);
}

}  // namespace vpnsim::report
