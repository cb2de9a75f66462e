#include "sim/report/ladder.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>
#include <type_traits>

#include "models/bgp/describe.hpp"
#include "models/net/brief.hpp"
#include "sim/report/markup.hpp"

namespace vpnsim::report {
namespace {

// The ladder's columns and which devices and trace nodes draw on them.
struct Columns {
    std::vector<std::string> labels;
    std::map<net::VertexId, int> by_vertex;
    std::map<std::string, int, std::less<>> by_node;  // trace node names

    int of_vertex(net::VertexId v) const {
        const auto it = by_vertex.find(v);
        return it == by_vertex.end() ? -1 : it->second;
    }
    int of_node(std::string_view n) const {
        const auto it = by_node.find(n);
        return it == by_node.end() ? -1 : it->second;
    }
};

Columns columns_for(const scenario::Scenario& s, const run::Capture& c, int tunnel) {
    Columns cols;
    const auto aws = fmt::format("aws-t{}", tunnel);
    const std::pair<std::string, std::string> devices[] = {
        {"cgw", fmt::format("CGW {}", s.cgw.outside_ip.to_string())},
        {"firewall", "Firewall"},
        {"nat", "NAT"},
        {"path", "Path (loss/outage)"},
        {aws,
         fmt::format("AWS tunnel {} {}", tunnel,
                     s.aws.tunnels[static_cast<std::size_t>(tunnel - 1)].outside_ip.to_string())},
    };
    for (const auto& [device, label] : devices) {
        const auto it = std::find(c.vertices.begin(), c.vertices.end(), device);
        if (it == c.vertices.end()) continue;
        const int col = static_cast<int>(cols.labels.size());
        cols.labels.push_back(label);
        cols.by_vertex[static_cast<net::VertexId>(it - c.vertices.begin())] = col;
        cols.by_node[device] = col;
    }
    cols.by_node[fmt::format("cgw-t{}", tunnel)] = cols.by_node["cgw"];
    return cols;
}

std::string bgp_label(const net::TcpSegment& t) {
    std::string out = "BGP";
    for (const auto& m : t.payload) {
        out += ' ';
        std::visit(
            [&](const auto& msg) {
                using T = std::decay_t<decltype(msg)>;
                if constexpr (std::is_same_v<T, bgp::Open>) out += "OPEN";
                if constexpr (std::is_same_v<T, bgp::Keepalive>) out += "KEEPALIVE";
                if constexpr (std::is_same_v<T, bgp::Update>) out += "UPDATE";
                if constexpr (std::is_same_v<T, bgp::Notification>) {
                    out += fmt::format("NOTIFICATION {}/{}", msg.code, msg.subcode);
                }
            },
            m);
    }
    return out;
}

// The arrow's label and colour class.
std::pair<std::string, std::string> label_of(const net::Packet& p) {
    if (std::holds_alternative<net::NatKeepalive>(p.body)) return {"NAT-T keepalive", "natt"};
    if (const auto* m = std::get_if<ike::Message>(&p.body)) {
        std::string out(ike::to_string(m->exchange));
        if (m->version == 1 && m->v1_msg != 0) out += fmt::format(" #{}", m->v1_msg);
        out += m->response ? " response" : " request";
        for (const auto& n : m->notifies) {
            if (static_cast<unsigned>(n.type) < 16384 || n.type == ike::NotifyType::RUThere ||
                n.type == ike::NotifyType::RUThereAck) {
                out += fmt::format(" {}", ike::to_string(n.type));
            }
        }
        if (m->del) out += m->del->ike ? " Delete IKE SA" : " Delete ESP";
        return {out, "ike"};
    }
    const auto& in = std::get<net::EspPayload>(p.body).inner;
    // ESP as IP protocol 50, or inside UDP 4500 (NAT-T, RFC 3948): the difference matters.
    const auto* esp = p.proto == net::kProtoEsp ? "ESP" : "UDP-ESP";
    if (in.probe.active()) {
        const auto* kind = in.probe.proto == net::kProtoIcmp
                               ? (in.probe.reply ? "ICMP echo reply" : "ICMP echo request")
                               : "UDP probe";
        return {fmt::format("{}: {} (flow {} #{})", esp, kind, in.probe.flow, in.probe.seq),
                "probe"};
    }
    if (!in.tcp.payload.empty()) return {fmt::format("{}: {}", esp, bgp_label(in.tcp)), "bgp"};
    return {fmt::format("{}: TCP [{}]", esp, net::flag_names(in.tcp.flags)), "tcp"};
}

bool is_timer(std::string_view event) {
    return event.ends_with("Expires") || event.ends_with("Expired") || event.ends_with("Due");
}

std::string machine_name(std::string_view fsm) {
    if (fsm == "ike") return "IKE";
    if (fsm == "bgp") return "BGP";
    if (fsm == "tcp") return "TCP";
    return std::string(fsm);
}

void add_packet_rows(Ladder& l, const Columns& cols, const run::Capture& c,
                     const kernel::Trace& trace, net::Ipv4Addr aws_ip, const TimeWindow& window,
                     std::set<std::size_t>& matched) {
    std::map<std::uint32_t, std::vector<std::size_t>> hops_of;
    for (std::size_t i = 0; i < c.hops.size(); ++i) {
        const auto& p = c.trips[c.hops[i].trip];
        if (p.src == aws_ip || p.dst == aws_ip) hops_of[c.hops[i].trip].push_back(i);
    }
    for (const auto& [trip, hops] : hops_of) {
        const auto& first = c.hops[hops.front()];
        const auto& last = c.hops[hops.back()];
        if (last.dropped) matched.insert(last.drop_record);
        if (!window.contains(first.sent)) continue;
        LadderRow row;
        row.t = first.sent;
        row.arrives = last.arrives;
        row.from = cols.of_vertex(first.from);
        row.to = cols.of_vertex(last.to);
        if (row.to < 0) row.to = cols.of_vertex(last.from);
        if (row.from < 0 || row.to < 0) continue;
        for (std::size_t h = 0; h + 1 < hops.size(); ++h) {
            const int col = cols.of_vertex(c.hops[hops[h]].to);
            if (col >= 0 && col != row.to) row.crossed.push_back(col);
        }
        row.dropped = last.dropped;
        row.in_flight = !last.arrived;
        if (last.dropped) {
            row.reason = std::string(trace.records()[last.drop_record].reason);
            row.records.push_back(last.drop_record);
        }
        std::tie(row.label, row.css) = label_of(c.trips[trip]);
        row.trip = trip;
        row.hops = hops;
        l.rows.push_back(std::move(row));
    }
}

void add_mark_rows(Ladder& l, const Columns& cols, const kernel::Trace& trace,
                   const TimeWindow& window, const std::set<std::size_t>& matched) {
    const auto& records = trace.records();
    for (std::size_t i = 0; i < records.size(); ++i) {
        const auto& r = records[i];
        if (!window.contains(r.t)) continue;
        const int col = cols.of_node(r.node);
        if (col < 0) continue;
        LadderRow row;
        row.t = r.t;
        row.from = row.to = col;
        row.records.push_back(i);
        const bool changes = !r.from.empty() && r.from != r.to;
        if (r.event == "drop") {
            if (matched.count(i) != 0) continue;
            row.kind = LadderRow::Kind::Drop;
            row.css = "drop";
            row.reason = std::string(r.reason);
            row.label = fmt::format("{} dropped: {}", machine_name(r.fsm), r.reason);
        } else if (is_timer(r.event)) {
            row.kind = LadderRow::Kind::Timer;
            row.css = "timer";
            row.label = fmt::format("{} {}", machine_name(r.fsm), r.event);
            if (changes) row.label += fmt::format(": {} \u2192 {}", r.from, r.to);
        } else if (changes && (r.fsm == "ike" || r.fsm == "bgp" || r.fsm == "tcp")) {
            row.kind = LadderRow::Kind::State;
            row.css = "state";
            row.label = fmt::format("{} {} \u2192 {}", machine_name(r.fsm), r.from, r.to);
        } else {
            continue;
        }
        l.rows.push_back(std::move(row));
    }
}

}  // namespace

Ladder build_ladder(const scenario::Scenario& s, const run::Capture& c, const kernel::Trace& trace,
                    int tunnel, const TimeWindow& window, std::size_t max_rows) {
    Ladder l;
    l.tunnel = tunnel;
    const auto cols = columns_for(s, c, tunnel);
    l.columns = cols.labels;
    std::set<std::size_t> matched;  // drop records drawn on their packet's arrow
    const auto aws_ip = s.aws.tunnels[static_cast<std::size_t>(tunnel - 1)].outside_ip;
    add_packet_rows(l, cols, c, trace, aws_ip, window, matched);
    add_mark_rows(l, cols, trace, window, matched);
    // Time order; at one instant the marks (what the device did) before the packets it sent.
    std::stable_sort(l.rows.begin(), l.rows.end(), [](const LadderRow& a, const LadderRow& b) {
        if (a.t != b.t) return a.t < b.t;
        return (a.kind != LadderRow::Kind::Packet) > (b.kind != LadderRow::Kind::Packet);
    });
    if (l.rows.size() > max_rows) {
        l.rows_not_shown = l.rows.size() - max_rows;
        l.rows.resize(max_rows);
    }
    return l;
}

}  // namespace vpnsim::report
