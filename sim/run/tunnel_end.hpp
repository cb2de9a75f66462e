// DOC: one end of one VPN tunnel -- the IKE SA, its CHILD_SA, the route-based tunnel
// interface (VTI) with its inside /30 address, and optionally a BGP speaker on that address.
// The same class serves the AWS tunnel endpoint and each tunnel of the CGW; what differs is
// configuration (role, selectors, proposals, BGP) and whether AWS logs are written.
// It adapts pure models to the kernel: IKE actions become packets and timers, CHILD_SA
// install/remove starts/stops BGP, and inner packets pass the RFC 4301 selector checks
// (models/ipsec/data_plane.hpp) before they are wrapped in ESP. The clock-driven parts of IKE
// live here, not in the model: the DPD idle check (anything received from the peer counts as
// liveness), CHILD_SA soft/hard lifetimes with the randomised rekey fuzz ("ike.rekey" stream),
// the IKE SA's own soft/hard lifetimes ("ike.sa-rekey" stream), and what to do when the peer
// is declared dead or the IKE SA expires (tunnel_end_ike.cpp); IKEv1 runs on the same timers
// and the same NAT-T data plane (tunnel_end_ikev1.cpp).
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "models/ike/ikev1_sa.hpp"
#include "models/ike/ikev2_sa.hpp"
#include "sim/aws/vpn_log.hpp"
#include "sim/run/bgp_speaker.hpp"
#include "sim/run/host.hpp"
#include "sim/run/nat_keepalive.hpp"

namespace vpnsim::run {

class GatewayNode;

// What an end does when DPD declares the peer dead (AWS DpdTimeoutAction; strongSwan
// dpdaction): clear -- end the SA and wait for the peer; restart -- initiate IKE again at
// once; none -- send no liveness checks at all (strongSwan: "none disables DPD").
enum class DpdAction : std::uint8_t { Clear, None, Restart };

// IKE SA and CHILD_SA lifetimes (RFC 7296 §2.8: each end keeps its own). The rekey starts at
// lifetime - margin - random(0, margin * fuzz%) (strongSwan's margintime/rekeyfuzz, which apply
// to both SAs; AWS's RekeyMarginTimeSeconds/RekeyFuzzPercentage, likewise for both phases).
struct SaLifetime {
    SimTime lifetime{sec(3600)};
    SimTime margin{sec(270)};
    int fuzz_percent{100};
    bool initiate_rekey{true};  // false: never starts a rekey (AWS on accelerated VPNs)
};

struct TunnelEndConfig;

// A second IKEv2 SA a peer at the same address negotiates while a tunnel end's own is
// half-open or established (RFC 7296 §2.1, §3.1: an exchange belongs to the IKE SA its SPIs
// name, not to an address): another device -- or a CGW tunnel pointed at the wrong AWS outside
// IP -- or the peer after a restart. It authenticates with the end's PSK or fails; when it is
// established it replaces the end's SA (strongSwan's uniqueness policy, INITIAL_CONTACT).
// (Outside TunnelEnd: clang will not default-construct a nested aggregate with member
// initializers before the enclosing class is complete.)
struct SecondIkeSa {
    ike::IkeState state{ike::IkeState::Idle};
    ike::Data data;
    kernel::EventId half_open{};
};

// An option modification: at `at` AWS replaces the endpoint; it comes back configured by
// `next` (new options), or as it was when `next` is null.
struct Replacement {
    SimTime at{};
    std::shared_ptr<const TunnelEndConfig> next;
};

struct TunnelEndConfig {
    std::string name;  // trace node name: "aws-t1", "cgw-t1"
    ike::Config ike;
    int ike_version{2};                     // the version this end initiates with
    std::vector<int> accepted_versions{2};  // versions it answers (AWS: its ike_versions)
    net::Ipv4Addr outside;                  // this end's outside address
    net::Ipv4Addr peer;                     // initiator: where IKE is sent
    std::optional<SimTime> initiate_after;  // initiator: first IKE_SA_INIT
    std::optional<SimTime> retry_after;     // initiator: re-initiate after a failure
    net::Ipv4Addr inside_local;             // VTI address
    net::Ipv4Prefix inside_net;             // VTI connected /30
    std::optional<SpeakerConfig> bgp;       // none: no BGP process on this end
    bool aws_side{false};                   // writes the CloudWatch-style logs
    bool dpd_enabled{true};                 // sends liveness checks (false when dpd_action is none)
    DpdAction dpd_action{DpdAction::Clear};
    SaLifetime child_lifetime;
    SaLifetime ike_lifetime{sec(28800), sec(270), 100, true};
    // After its own IKE SA reached its hard lifetime, whether this end starts a new one by
    // itself (AWS under startup action "start" does; a CGW with auto=start does not: it brings
    // the connection up once and retries failed negotiations, not an SA it let expire).
    bool reinitiate_after_expiry{true};
    // An initiator that receives the peer's IKE_SA_INIT while its own is outstanding gives
    // up its attempt and answers (AWS under startup action "start" when the CGW initiates too).
    bool yield_on_collision{false};
    // Accelerated VPN: only UDP-encapsulated ESP crosses (aws-facts.md, seed cause 3).
    bool udp_encapsulated_esp_only{false};
    // AWS endpoint replacements (an option modification), in time order.
    std::vector<Replacement> replacements;
    // A firewall on the tunnel interfaces drops BGP (tcp/179) both ways.
    bool block_bgp{false};
    // NAT keepalive interval once NAT-T finds this end behind a NAT; zero: never (AWS).
    SimTime nat_keepalive{};
    // A policy-based CGW: outbound traffic that matches one of its proxy-ID pairs but no
    // installed CHILD_SA makes IKE create that pair's SA (RFC 4301 §5.2; a kernel ACQUIRE).
    bool create_on_demand{false};
    // Initiator: whether a negotiation the peer refused (AUTHENTICATION_FAILED,
    // NO_PROPOSAL_CHOSEN) is retried after retry_after (strongSwan: not unless configured).
    bool retry_after_refusal{true};
};

class TunnelEnd final : public Host {
  public:
    TunnelEnd(GatewayNode& node, TunnelEndConfig&& cfg, std::uint64_t timer_tag);
    ~TunnelEnd() override;

    void start();
    // The CGW's life events: a reboot drops every SA and BGP session without a word to the
    // peer; power_on() starts again as at power-on; set_psk() is used from the next IKE SA.
    void power_off();
    void power_on();
    void set_psk(std::string psk);
    void on_ike(const net::Packet& p, const ike::Message& m);
    void on_esp(const net::Packet& p, const net::EspPayload& esp);
    // Receiving the peer's IKE_SA_INIT: answer it (resetting our own SA) or not.
    bool answer_as_responder(const ike::Message& m);
    void on_timer(std::uint64_t token);

    void on_nat_keepalive_timer();           // NatKeepalive's timer (nat_keepalive.hpp)
    bool owns_spi(std::uint32_t spi) const;  // current or rekeyed-but-not-deleted CHILD_SA
    // The IKE message belongs to this end's IKE SA (RFC 7296 §2.1: matched by its SPIs).
    bool knows_ike_sa(const ike::Message& m) const;
    bool accepts_ike_from(net::Ipv4Addr src) const;

    // Host
    SimTime now() const override;
    kernel::EventId arm_timer(SimTime after, std::uint64_t token) override;
    void cancel_timer(kernel::EventId id) override;
    bool send_inner(net::InnerPacket&& packet) override;
    // A packet the device's routing chose this tunnel for (sim/run/flows): no inside-/30 check,
    // straight to the RFC 4301 selector lookup and ESP.
    // False when the packet was dropped here (traced); true when it left for the peer.
    bool send_routed(net::InnerPacket&& packet);
    void trace(kernel::TraceRecord&& record) override;
    void on_bgp_step(const bgp::Config& cfg, const bgp::Data& before, bgp::State from,
                     const bgp::Input& in, const bgp::StepResult& r) override;
    std::string_view node_name() const override { return name_; }

    // Observation, for results.
    const TunnelEndConfig& config() const { return cfg_; }
    ike::IkeState ike_state() const { return state_; }
    const ike::Data& ike_data() const { return data_; }
    bool ipsec_up() const;
    // IKE and IPsec state in the CloudWatch log vocabulary: established | negotiating | down.
    std::string_view phase1_state() const;
    enum class Phase1 : std::uint8_t { Down, Negotiating, Established };
    Phase1 phase1() const;  // phase1_state() as a value
    std::string_view phase2_state() const;
    const BgpSpeaker* bgp() const { return bgp_.get(); }
    std::optional<SimTime> ike_up_at() const { return ike_up_at_; }
    std::optional<SimTime> child_up_at() const { return child_up_at_; }
    // When the installed CHILD_SAs' selectors last changed (an SA installed, replaced, gone).
    SimTime selectors_since() const { return selectors_since_; }
    // Times this end replaced its CHILD_SA by another pair's (ike::Config::one_child_pair).
    int sa_replacements() const { return sa_replacements_; }
    SimTime last_status_change() const { return last_change_; }
    const aws::TunnelLogs& logs() const { return logs_; }
    aws::TunnelLogs take_logs() { return std::move(logs_); }  // for the result, after the run

  private:
    bool second_sa_due(const ike::Message& m, ike::IkeEvent ev) const;
    void on_second_sa(const net::Packet& p, const ike::Message& m, ike::IkeEvent ev);
    void drop_second_sa();
    // IKEv1 (tunnel_end_ikev1.cpp): same SA data, its own state machine.
    void on_ike_v1(const net::Packet& p, const ike::Message& m);
    void step_v1(ike::v1::Event ev, const ike::Message* m, const ike::Arrival& arrival);
    // A lifetime event of one IPsec SA, named by its spi_in (Input::child_spi).
    void step_v1_child(ike::v1::Event ev, std::uint32_t spi_in);
    void apply_v1(ike::v1::Event ev, const ike::Input& in, const ike::Message* m);
    void log_ike_v1(const ike::v1::StepResult& r, const ike::Message* m);
    bool on_timer_v1(std::uint64_t id);
    void on_ike_timer(std::uint64_t id);  // on_timer() for every timer but BGP's
    // The IKE SA (IKEv1: phase 1 with no quick mode of its own in flight) is established.
    bool ike_established() const;
    ike::Input fresh_input(const ike::Message* m, const ike::Arrival& arrival);
    void step(ike::IkeEvent ev, const ike::Message* m, const ike::Arrival& arrival);
    void apply(const ike::Input& in, const ike::Message* m);
    void after_step(ike::Reason reason, bool was_established, bool established, bool failed);
    void arm_own(kernel::EventId& id, SimTime after, std::uint64_t which);
    void cancel_own(kernel::EventId& id);
    void on_dpd_check();
    void on_rekey_due();
    void on_ike_rekey_due();
    void arm_child_timers();
    void cancel_child_timers();
    // The further CHILD_SAs' own lifetimes (§1.3.1, §2.8), one timer slot per SA.
    void step_child(ike::IkeEvent ev, std::uint32_t spi_in);
    void on_further_child_timer(std::uint64_t which);
    void sync_further_child_timers();
    void cancel_further_child_timers();
    void arm_ike_sa_timers();
    void cancel_ike_sa_timers();
    void arm_ike_timer(ike::Timer t, SimTime after);
    void cancel_ike_timer(ike::Timer t);
    void reset_sa();
    void replace_endpoint();
    void adopt(const TunnelEndConfig& next);
    void perform_io(ike::Action&& a);  // a Send action's message is moved out
    struct Performed {
        bool new_child{false};   // a CHILD_SA was installed or rekeyed
        bool new_ike_sa{false};  // the IKE SA was rekeyed
    };
    Performed perform_all(std::vector<ike::Action>& actions);
    void answer_from(const net::Packet& p);
    void send_ike(ike::Message m);
    // Every packet to the peer goes out here (NAT keepalives count it as "sent something").
    bool send_to_peer(net::Packet&& p);  // false: the CGW is offline (traced)
    bool behind_nat() const;             // NAT-T found a NAT in front of this end
    // RFC 7296 §2.23: follow the peer to the source of a validated packet from it.
    void follow_peer(const net::Packet& p);
    void note_peer_moved(const net::Packet& p);
    // RFC 4301 §5.2: a packet for a proxy-ID pair with no SA asks IKE for one.
    void want_child_for(const net::InnerPacket& packet);
    void on_ipsec_up();
    void note_child_selectors();
    void on_ipsec_down();
    void deliver_inner(const net::InnerPacket& inner);
    void note_status();
    // The AWS log lines of the step just applied (its reason; data_ is its result).
    void log_ike(ike::Reason reason, const ike::Message* m);
    void log_ike_line(std::string details);
    void log_phase2(const ike::ChildSa& ch);
    void log_bgp_line(SimTime t, std::string_view status, std::string details,
                      std::optional<aws::RouteFields> route = std::nullopt,
                      std::string_view type = "BGPStatus");
    void log_route(std::string_view status, std::string details, const net::Ipv4Prefix& prefix,
                   const bgp::Update& u);
    std::uint16_t esp_port() const;

    GatewayNode& node_;
    TunnelEndConfig cfg_;
    std::string_view name_;
    std::uint64_t tag_;
    // cfg_.ike with our role in the current IKE SA. The configured role is cfg_.ike itself;
    // the other (AWS initiating under DPD restart, a CGW answering) is copied when first needed.
    const ike::Config& ike_config() const {
        if (role_ == cfg_.ike.role) return cfg_.ike;
        if (!other_role_cfg_) {
            other_role_cfg_ = std::make_unique<ike::Config>(cfg_.ike);
            other_role_cfg_->role = role_;
        }
        return *other_role_cfg_;
    }
    bool bgp_blocked(const net::InnerPacket& p, std::string_view direction);
    const ike::ChildSa* inbound_sa(std::uint32_t spi) const;

    // The streams every IKE step draws from (fresh_input), looked up once: "ike.spi" (IKE and
    // ESP SPIs) and "ike.nonce".
    kernel::Rng& spi_rng_;
    kernel::Rng& nonce_rng_;
    // Allocated when first needed (most ends keep their configured role): see ike_config().
    mutable std::unique_ptr<ike::Config> other_role_cfg_;
    int sa_replacements_{0};
    // Allocated only while a second IKE SA is negotiated (rare): it is as large as the end's
    // own IKE data, which would otherwise sit unused in every tunnel end.
    std::unique_ptr<SecondIkeSa> second_;
    ike::Role role_;          // our role in the current IKE SA
    bool restarting_{false};  // DPD restart: keep re-initiating until an SA is up
    bool cleared_{false};     // DPD clear: no re-initiation until the peer starts over
    ike::IkeState state_{ike::IkeState::Idle};
    ike::v1::State v1_state_{ike::v1::State::Idle};
    int version_{2};  // IKE version of the current SA
    ike::Data data_;
    std::array<kernel::EventId, 2> ike_timers_{};
    kernel::EventId restart_timer_{};
    std::size_t replacements_done_{0};
    kernel::EventId dpd_timer_{};
    kernel::EventId rekey_timer_{};
    kernel::EventId expire_timer_{};
    kernel::EventId ike_rekey_timer_{};   // the IKE SA's soft lifetime
    kernel::EventId ike_expire_timer_{};  // the IKE SA's hard lifetime
    // Soft and hard lifetime timers of each further CHILD_SA (data_.more_children), by slot
    // (tunnel_end_timers.hpp kFurtherChildTimers); spi_in 0 marks a free slot.
    struct FurtherChildTimers {
        std::uint32_t spi_in{0};
        kernel::EventId rekey{};
        kernel::EventId expire{};
    };
    std::vector<FurtherChildTimers> further_timers_;
    SimTime last_tx_{};  // last ESP packet we sent (on-demand DPD, RFC 3706 §5.3)
    SimTime last_rx_{};  // last IKE or ESP packet from the peer (RFC 3706 §5.3: traffic proves
                         // liveness)
    net::Ipv4Addr peer_addr_;
    std::uint16_t peer_port_{net::kIkePort};
    std::uint16_t local_port_{net::kIkePort};
    std::uint32_t esp_seq_{0};
    bool was_up_{false};
    std::unique_ptr<BgpSpeaker> bgp_;
    std::optional<SimTime> ike_up_at_;
    std::optional<SimTime> child_up_at_;
    SimTime selectors_since_{};
    SimTime last_change_{};
    struct StatusKey {
        Phase1 phase1{Phase1::Down};
        bool ipsec_up{false};
        bgp::State bgp{bgp::State::Idle};
        bool operator==(const StatusKey&) const = default;
    };
    std::optional<StatusKey> status_key_;
    // "local <=> remote" of the current CHILD_SA, interned in the trace (so deferred trace
    // details may keep the view); set by note_child_selectors(), from noted_selectors_ (each
    // SA's local_ts then remote_ts).
    std::string_view child_selectors_;
    std::vector<ipsec::TsList> noted_selectors_;
    aws::TunnelLogs logs_;
    NatKeepalive keepalive_;
};

}  // namespace vpnsim::run
