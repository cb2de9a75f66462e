#include "sim/run/tunnel_end.hpp"

#include <fmt/format.h>

#include "models/common/assert.hpp"
#include "models/common/small_vector.hpp"
#include "models/ipsec/data_plane.hpp"
#include "models/tcp/connection.hpp"
#include "sim/run/gateway_node.hpp"
#include "sim/run/tunnel_end_timers.hpp"
#include "sim/run/world.hpp"

namespace vpnsim::run {
namespace {

using Phase1 = TunnelEnd::Phase1;

Phase1 phase1_of(ike::IkeState s) {
    switch (s) {
        case ike::IkeState::Established:
            return Phase1::Established;
        case ike::IkeState::InitSent:
        case ike::IkeState::InitReplied:
        case ike::IkeState::AuthSent:
            return Phase1::Negotiating;
        case ike::IkeState::Idle:
        case ike::IkeState::Failed:
            return Phase1::Down;
    }
    return Phase1::Down;
}

}  // namespace

TunnelEnd::TunnelEnd(GatewayNode& node, TunnelEndConfig&& cfg, std::uint64_t timer_tag)
    : node_(node),
      cfg_(std::move(cfg)),
      name_(node.world().trace().intern(cfg_.name)),
      tag_(timer_tag),
      spi_rng_(node.world().kernel().rng("ike.spi")),
      nonce_rng_(node.world().kernel().rng("ike.nonce")),
      role_(cfg_.ike.role),
      peer_addr_(cfg_.peer),
      keepalive_(*this, cfg_.nat_keepalive, tag_) {
    if (cfg_.bgp) bgp_ = std::make_unique<BgpSpeaker>(*this, *cfg_.bgp, tag_ | kBgpTimers);
}

TunnelEnd::~TunnelEnd() = default;

void TunnelEnd::start() {
    if (cfg_.ike.role == ike::Role::Initiator && cfg_.initiate_after) {
        restart_timer_ = arm_timer(*cfg_.initiate_after, tag_ | kIkeTimers | kRestartTimer);
    }
    for (const auto& r : cfg_.replacements) {
        arm_timer(r.at - now(), tag_ | kIkeTimers | kReplaceTimer);
    }
    if (bgp_) bgp_->start();
}

void TunnelEnd::power_off() {
    if (restart_timer_.valid()) cancel_timer(restart_timer_);
    restart_timer_ = {};
    restarting_ = false;
    reset_sa();
    if (bgp_) bgp_->stop();
    note_status();
}

void TunnelEnd::power_on() {
    role_ = cfg_.ike.role;
    version_ = cfg_.ike_version;
    if (role_ == ike::Role::Initiator && cfg_.initiate_after) {
        restart_timer_ = arm_timer(*cfg_.initiate_after, tag_ | kIkeTimers | kRestartTimer);
    }
    if (bgp_) bgp_->start();
}

void TunnelEnd::set_psk(std::string psk) {
    cfg_.ike.psk = std::move(psk);
    other_role_cfg_.reset();
}

const ike::ChildSa* TunnelEnd::inbound_sa(std::uint32_t spi) const {
    if (data_.child && data_.child->spi_in == spi) return &*data_.child;
    if (data_.old_child && data_.old_child->spi_in == spi) return &*data_.old_child;
    for (const auto& ch : data_.more_children) {
        if (ch.spi_in == spi) return &ch;
    }
    // A rekeyed further CHILD_SA, until its Delete completes (RFC 7296 §2.8).
    for (const auto& ch : data_.old_more_children) {
        if (ch.spi_in == spi) return &ch;
    }
    return nullptr;
}

bool TunnelEnd::owns_spi(std::uint32_t spi) const {
    return inbound_sa(spi) != nullptr;
}

// Each end talks IKE only with its configured peer: AWS with the customer gateway's (public)
// address, the CGW tunnel with its AWS outside IP.
bool TunnelEnd::accepts_ike_from(net::Ipv4Addr src) const {
    return src == cfg_.peer;
}

// Callers check cfg_.block_bgp first: nearly every tunnel has no such firewall.
bool TunnelEnd::bgp_blocked(const net::InnerPacket& p, std::string_view direction) {
    if (!cfg_.block_bgp || (p.tcp.src_port != net::kBgpPort && p.tcp.dst_port != net::kBgpPort)) {
        return false;
    }
    trace({now(), name_, "esp", "", "drop", "", "firewall-tcp-179",
           DeferredText::format("{} {}: the tunnel interface's firewall blocks BGP", direction,
                                net::brief(p))});
    return true;
}

bool TunnelEnd::ipsec_up() const {
    const bool phase1 =
        version_ == 1 ? ike::v1::phase1_up(v1_state_) : state_ == ike::IkeState::Established;
    return phase1 && data_.child_state == ike::ChildState::Installed;
}

TunnelEnd::Phase1 TunnelEnd::phase1() const {
    if (version_ == 2) return phase1_of(state_);
    if (ike::v1::phase1_up(v1_state_)) return Phase1::Established;
    const bool idle = v1_state_ == ike::v1::State::Idle || v1_state_ == ike::v1::State::Failed;
    return idle ? Phase1::Down : Phase1::Negotiating;
}

std::string_view TunnelEnd::phase1_state() const {
    switch (phase1()) {
        case Phase1::Established:
            return aws::kEstablished;
        case Phase1::Negotiating:
            return aws::kNegotiating;
        case Phase1::Down:
            return aws::kDown;
    }
    return aws::kDown;
}

std::string_view TunnelEnd::phase2_state() const {
    if (ipsec_up() && data_.pending == ike::Pending::RekeyChild) return "rekeying";
    if (ipsec_up()) return aws::kEstablished;
    return phase1() == Phase1::Negotiating ? aws::kNegotiating : aws::kDown;
}

// ------------------------------------------------------------------ Host

SimTime TunnelEnd::now() const {
    return node_.now();
}
kernel::EventId TunnelEnd::arm_timer(SimTime after, std::uint64_t token) {
    return node_.arm(after, token);
}
void TunnelEnd::cancel_timer(kernel::EventId id) {
    node_.cancel(id);
}

// Flattened: note_status() runs after each of the run's few hundred records.
[[gnu::flatten]] void TunnelEnd::trace(kernel::TraceRecord&& record) {
    node_.world().trace().add(std::move(record));
    note_status();
}

// Route-based tunnel: the /30 is connected on the VTI; anything else has no route here.
bool TunnelEnd::send_inner(net::InnerPacket&& packet) {
    if (cfg_.block_bgp && bgp_blocked(packet, "outbound")) return false;
    if (!cfg_.inside_net.contains(packet.dst)) {
        trace({now(), name_, "esp", "", "drop", "", "no-route",
               DeferredText::format("{} is not in the tunnel's inside network {}",
                                    net::brief(packet), cfg_.inside_net)});
        return false;
    }
    return send_routed(std::move(packet));
}

bool TunnelEnd::send_routed(net::InnerPacket&& packet) {
    // RFC 4301 §5.1 outbound SPD lookup: the first installed CHILD_SA whose selectors match
    // (the IKE_AUTH one, then a policy-based CGW's further ones in order of creation).
    // A route-based tunnel has at most the one SA: its selectors need no list.
    // An IKEv1 quick-mode responder has the SA from its QM2 on but sends on it only once QM3
    // confirms the initiator has it too (RFC 2409 §5.5; strongSwan installs it then).
    const bool child_out = data_.child && data_.child_state == ike::ChildState::Installed;
    ipsec::SaSelectors first;
    if (child_out) first = {&data_.child->local_ts, &data_.child->remote_ts};
    SmallVector<ipsec::SaSelectors, 2> selectors;
    std::span<const ipsec::SaSelectors> sas{&first, child_out ? 1U : 0U};
    if (!data_.more_children.empty()) {
        if (child_out) selectors.push_back(first);
        for (const auto& sa : data_.more_children) {
            selectors.push_back({&sa.local_ts, &sa.remote_ts});
        }
        sas = {selectors.data(), selectors.size()};
    }
    const auto found = ipsec::lookup_outbound(sas, packet);
    if (found.verdict != ipsec::Verdict::Pass) {
        const auto brief = net::brief(packet);  // only a drop shows it
        trace({now(), name_, "esp", "", "drop", "", ipsec::to_string(found.verdict),
               !sas.empty() ? DeferredText::format("outbound {} matches no CHILD_SA selector ({})",
                                                   brief, child_selectors_)
                            : DeferredText::format("outbound {}: no CHILD_SA installed", brief)});
        if (cfg_.create_on_demand) want_child_for(packet);
        return false;
    }
    const ike::ChildSa* ch = child_out && found.index == 0
                                 ? &*data_.child
                                 : &data_.more_children[found.index - (child_out ? 1 : 0)];
    // RFC 3948 §2: ESP in UDP 4500 once a NAT was detected (always, on an accelerated VPN).
    const bool in_udp = data_.nat_detected() || cfg_.udp_encapsulated_esp_only;
    net::Packet p{.src = cfg_.outside,
                  .dst = peer_addr_,
                  .proto = in_udp ? net::kProtoUdp : net::kProtoEsp,
                  .src_port = in_udp ? net::kNatTPort : std::uint16_t{0},
                  .dst_port = in_udp ? esp_port() : std::uint16_t{0},
                  .body = net::EspPayload{ch->spi_out, ++esp_seq_, std::move(packet)}};
    last_tx_ = now();
    return send_to_peer(std::move(p));
}

bool TunnelEnd::send_to_peer(net::Packet&& p) {
    if (node_.dropped_offline(p)) return false;  // a rebooting or silent CGW sends nothing
    keepalive_.note_sent(behind_nat());
    node_.send(std::move(p));
    return true;
}

// NAT-D found a NAT in front of this end (RFC 7296 §2.23; IKEv1: RFC 3947 §3.2).
bool TunnelEnd::behind_nat() const {
    return data_.local_behind_nat;
}

bool TunnelEnd::ike_established() const {
    return version_ == 1 ? v1_state_ == ike::v1::State::Established
                         : state_ == ike::IkeState::Established;
}

// RFC 3948 §2.3: a single 0xFF octet from our NAT-T port to the peer's, only when idle.
void TunnelEnd::on_nat_keepalive_timer() {
    if (!keepalive_.due(behind_nat())) return;
    net::Packet p{cfg_.outside, peer_addr_, net::kProtoUdp, local_port_, peer_port_, {}};
    p.body = net::NatKeepalive{};
    trace({now(), name_, "nat-t", "", "send", "", "nat-keepalive",
           DeferredText::format("{}: nothing else sent for {}", net::brief(p),
                                TimeText{keepalive_.interval()})});
    if (node_.dropped_offline(p)) return;
    node_.send(std::move(p));  // not send_to_peer: a keepalive is not traffic
}

// RFC 7296 §2.23: a host that is not behind a NAT SHOULD send to the address and port of the
// latest validated packet from its peer, whose NAT may have remapped it (strongSwan: for IKE,
// and for ESP on the kernel's NAT-mapping events); a host behind a NAT SHOULD NOT. Only an SA
// we answered can see its peer move: in one we initiated, the peer is where we sent to (a PAT
// drops an unsolicited IKE_SA_INIT, and a static NAT keeps ports). Packets here are never
// replayed or reordered, so the latest to arrive is the newest.
void TunnelEnd::follow_peer(const net::Packet& p) {
    if (role_ != ike::Role::Responder || !data_.peer_behind_nat || data_.local_behind_nat) return;
    note_peer_moved(p);
    peer_addr_ = p.src;
    peer_port_ = p.src_port;
}

void TunnelEnd::note_peer_moved(const net::Packet& p) {
    if (!ike_established()) return;
    if (p.src == peer_addr_ && p.src_port == peer_port_) return;
    trace({now(), name_, "nat-t", "", "peer-moved", "", "nat-mapping-changed",
           DeferredText::format("{}: the peer now sends from {}:{} (was {}:{}); following it "
                                "(RFC 7296 §2.23)",
                                net::brief(p), p.src, p.src_port, peer_addr_, peer_port_)});
}

std::uint16_t TunnelEnd::esp_port() const {
    return ike_config().role == ike::Role::Responder ? peer_port_ : net::kNatTPort;
}

void TunnelEnd::on_esp(const net::Packet& p, const net::EspPayload& esp) {
    last_rx_ = now();  // RFC 3706 §5.3: any traffic from the peer proves it alive
    const auto& ch = *inbound_sa(esp.spi);  // owns_spi() was checked by the node
    const bool encapsulated = p.proto == net::kProtoUdp;
    if (!encapsulated && cfg_.udp_encapsulated_esp_only) {
        trace({now(), name_, "esp", "", "drop", "", "accelerated-requires-nat-t",
               DeferredText::format("{}: an accelerated VPN carries only UDP-encapsulated ESP; "
                                    "the CGW must use NAT-T",
                                    net::brief(p))});
        return;
    }
    if (encapsulated && !cfg_.ike.nat_t) {
        trace({now(), name_, "esp", "", "drop", "", "udp-encapsulated-esp-without-nat-t",
               DeferredText::format("{}: NAT-T is disabled here, UDP 4500 ESP is not accepted",
                                    net::brief(p))});
        return;
    }
    if (encapsulated) follow_peer(p);
    const auto v = ipsec::check_inbound({&ch.local_ts, &ch.remote_ts}, esp.inner);
    if (v != ipsec::Verdict::Pass) {
        trace({now(), name_, "esp", "", "drop", "", "inbound-selector-mismatch",
               DeferredText::format("inbound {} on SPI 0x{:08x} outside CHILD_SA selectors ({})",
                                    net::brief(esp.inner), esp.spi, child_selectors_)});
        return;
    }
    deliver_inner(esp.inner);
}

void TunnelEnd::deliver_inner(const net::InnerPacket& inner) {
    if (inner.probe.active()) return node_.world().on_flow_packet(*this, inner);  // sim/run/flows
    if (cfg_.block_bgp && bgp_blocked(inner, "inbound")) return;
    if (inner.dst == cfg_.inside_local && bgp_) {
        bgp_->on_inner_packet(inner);
        return;
    }
    if (inner.dst == cfg_.inside_local) {
        // RFC 9293 §3.10.7.1: nothing listens here -- answer with a RST (never to a RST).
        trace({now(), name_, "tcp", "", "rst", "", "no-listener",
               DeferredText::format("{}: nothing listens on tcp/{}", net::brief(inner),
                                    inner.tcp.dst_port)});
        if (auto rst = tcp::reset_for(inner.tcp)) {
            send_inner(net::InnerPacket{inner.dst, inner.src, std::move(*rst)});
        }
        return;
    }
    trace({now(), name_, "esp", "", "drop", "", "no-listener",
           DeferredText::format("{}", net::brief(inner))});
}

// Every installed CHILD_SA's selectors, "; "-separated in SPD order. Called wherever they may
// have changed; the text is rebuilt (and interned) only when they did.
void TunnelEnd::note_child_selectors() {
    SmallVector<const ike::ChildSa*, 2> sas;
    if (data_.child) sas.push_back(&*data_.child);
    for (const auto& ch : data_.more_children) sas.push_back(&ch);
    const auto unchanged = [&] {
        if (noted_selectors_.size() != 2 * sas.size()) return false;
        for (std::size_t i = 0; i < sas.size(); ++i) {
            if (noted_selectors_[2 * i] != sas[i]->local_ts) return false;
            if (noted_selectors_[2 * i + 1] != sas[i]->remote_ts) return false;
        }
        return true;
    };
    if (unchanged()) return;
    selectors_since_ = now();
    noted_selectors_.clear();
    std::string text;
    for (const auto* ch : sas) {
        if (!noted_selectors_.empty()) text += "; ";
        noted_selectors_.push_back(ch->local_ts);
        noted_selectors_.push_back(ch->remote_ts);
        ipsec::append_to(text, ch->local_ts);
        text += " <=> ";
        ipsec::append_to(text, ch->remote_ts);
    }
    child_selectors_ = node_.world().trace().intern(std::move(text));
}

// BGP does not follow IPsec: a real bgpd starts with the daemon and keeps trying (aws-facts
// "Real-stack behaviour"). Its SYNs are dropped until a CHILD_SA carries them and are
// retransmitted on TCP's back-off; when IPsec goes, the session ends by its hold timer and the
// speaker cycles Connect/Active until the SA is back.
void TunnelEnd::on_ipsec_up() {
    if (!child_up_at_) child_up_at_ = now();
    note_child_selectors();
}

void TunnelEnd::on_ipsec_down() {
    child_up_at_.reset();  // a later CHILD_SA reports its own time
}

// LastStatusChange moves whenever the IKE, IPsec or BGP status changes (aws-facts.md).
void TunnelEnd::note_status() {
    const StatusKey key{phase1(), ipsec_up(), bgp_ ? bgp_->state() : bgp::State::Idle};
    if (key != status_key_) {
        status_key_ = key;
        last_change_ = now();
    }
}

}  // namespace vpnsim::run
