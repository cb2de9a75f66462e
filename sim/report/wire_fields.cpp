#include "sim/report/wire_fields.hpp"

#include <fmt/format.h>

#include <type_traits>

#include "models/bgp/describe.hpp"
#include "models/ike/proposal.hpp"
#include "models/ipsec/traffic_selector.hpp"
#include "models/net/brief.hpp"

namespace vpnsim::report {
namespace {

std::string endpoint(net::Ipv4Addr a, std::uint16_t port) {
    return port != 0 ? fmt::format("{}:{}", a.to_string(), port) : a.to_string();
}

std::string notify_text(const ike::Notify& n) {
    std::string out(ike::to_string(n.type));
    const auto code = static_cast<unsigned>(n.type);
    out += fmt::format(" ({})", code);
    if (n.type == ike::NotifyType::RekeySa) out += fmt::format(" SPI 0x{:08x}", n.data);
    if (n.type == ike::NotifyType::InvalidKePayload) out += fmt::format(" group {}", n.data);
    if (n.type == ike::NotifyType::RUThere || n.type == ike::NotifyType::RUThereAck) {
        out += fmt::format(" seq {}", n.data);
    }
    return out;
}

void ike_fields(std::vector<Field>& out, const ike::Message& m) {
    out.emplace_back("IKE", fmt::format("IKEv{} {} {}", m.version, ike::to_string(m.exchange),
                                        m.response ? "response" : "request"));
    if (m.version == 1 && m.v1_msg != 0) out.emplace_back("message", std::to_string(m.v1_msg));
    out.emplace_back("message ID", std::to_string(m.message_id));
    out.emplace_back("SPIi / SPIr", fmt::format("0x{:016x} / 0x{:016x}", m.spi_i, m.spi_r));
    if (m.sa) out.emplace_back(m.child_spi ? "SA (ESP)" : "SA", ike::to_string(*m.sa));
    if (m.child_spi) out.emplace_back("ESP SPI", fmt::format("0x{:08x}", *m.child_spi));
    if (m.ike_spi) out.emplace_back("new IKE SPI", fmt::format("0x{:016x}", *m.ike_spi));
    if (m.ke) out.emplace_back("KE", fmt::format("DH group {}", *m.ke));
    if (m.id) out.emplace_back("ID", m.id->to_string());
    if (m.auth) out.emplace_back("AUTH", "pre-shared key MIC");
    if (!m.tsi.empty()) out.emplace_back("TSi", ipsec::to_string(m.tsi));
    if (!m.tsr.empty()) out.emplace_back("TSr", ipsec::to_string(m.tsr));
    for (const auto& n : m.notifies) out.emplace_back("N", notify_text(n));
    if (m.del) {
        std::string spis;
        for (const auto spi : m.del->spis) spis += fmt::format(" 0x{:08x}", spi);
        out.emplace_back("Delete", m.del->ike ? std::string("IKE SA") : "ESP" + spis);
    }
    if ((m.vendor_ids & ike::kVidNatT) != 0) out.emplace_back("VID", "RFC 3947 NAT-T");
    if ((m.vendor_ids & ike::kVidDpd) != 0) out.emplace_back("VID", "RFC 3706 DPD");
}

void inner_fields(std::vector<Field>& out, const net::InnerPacket& in) {
    if (in.probe.active()) {
        const auto kind = in.probe.proto == net::kProtoIcmp
                              ? (in.probe.reply ? "ICMP echo reply" : "ICMP echo request")
                              : "UDP probe";
        out.emplace_back("inner",
                         fmt::format("{} {} -> {}", kind, in.src.to_string(), in.dst.to_string()));
        out.emplace_back("probe",
                         fmt::format("flow {} seq {} size {}{}", in.probe.flow, in.probe.seq,
                                     in.probe.size, in.probe.df ? " DF" : ""));
        return;
    }
    const auto& t = in.tcp;
    out.emplace_back("inner", fmt::format("tcp {} -> {}", endpoint(in.src, t.src_port),
                                          endpoint(in.dst, t.dst_port)));
    const auto flags = net::flag_names(t.flags);
    out.emplace_back("TCP",
                     fmt::format("[{}] seq {} ack {}", flags.empty() ? "-" : flags, t.seq, t.ack));
    if (t.md5 != 0) out.emplace_back("TCP MD5", "RFC 2385 signature present");
    for (const auto& msg : t.payload) out.emplace_back("BGP", bgp::summary(msg));
}

}  // namespace

std::vector<Field> wire_fields(const net::Packet& p) {
    std::vector<Field> out;
    const auto proto = p.proto == net::kProtoEsp ? "ESP (50)" : "UDP";
    out.emplace_back("outer", fmt::format("{} {} -> {}", proto, endpoint(p.src, p.src_port),
                                          endpoint(p.dst, p.dst_port)));
    std::visit(
        [&](const auto& body) {
            using T = std::decay_t<decltype(body)>;
            if constexpr (std::is_same_v<T, net::NatKeepalive>) {
                out.emplace_back("NAT-T", "keepalive (RFC 3948 §2.3)");
            } else if constexpr (std::is_same_v<T, net::EspPayload>) {
                out.emplace_back(
                    "ESP",
                    fmt::format("SPI 0x{:08x} seq {}{}", body.spi, body.seq,
                                p.proto == net::kProtoUdp ? " (UDP-encapsulated, RFC 3948)" : ""));
                inner_fields(out, body.inner);
            } else {
                ike_fields(out, body);
            }
        },
        p.body);
    return out;
}

}  // namespace vpnsim::report
