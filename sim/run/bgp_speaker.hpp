// DOC: the BGP speaker adapter: one BGP FSM (models/bgp/fsm.hpp) and its TCP connections
// (models/tcp/connection.hpp) bound to a node through run::Host.
// It owns two TCP slots: the connection it initiates (ephemeral port -> peer:179) and the one it
// accepts (peer -> local:179). The BGP session binds to whichever completes first while the FSM
// is in Connect/Active; the other is aborted. Connection collisions (RFC 4271 §6.8) are
// resolved when the incoming SYN arrives while our own SYN is outstanding: the connection
// initiated by the speaker with the higher BGP Identifier survives, so the higher side RSTs the
// incoming SYN and the lower side abandons its attempt and accepts. An incoming SYN is refused
// with RST (tcp::reset_for) when not listening, in Idle (§8.2.2 "refuses all incoming BGP
// connections"), or while a session is in OpenSent/OpenConfirm/Established. A segment whose
// RFC 2385 signature differs from ours is dropped without an answer.
// Every TCP and BGP step goes through one function per machine (tcp_step / bgp_step) that
// commits the new state and writes the trace record; BGP messages sent and received are traced
// as "send"/"recv" point events. Left out: graceful close (FIN), BGP over more than one peer.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <vector>

#include "models/bgp/fsm.hpp"
#include "models/tcp/connection.hpp"
#include "sim/run/host.hpp"

namespace vpnsim::run {

struct SpeakerConfig {
    bgp::Config bgp;
    net::Ipv4Addr local_addr;   // our tunnel inside address (bgp.next_hop is usually the same)
    net::Ipv4Addr peer_addr;    // the neighbor
    std::uint64_t md5{0};       // RFC 2385 key hash, 0 = no key
    std::uint64_t isn_seed{0};  // ISNs and ephemeral ports derive from it (no RNG in the adapter)
    bool listen{true};          // accept connections from the peer on port 179
    // The peer's BGP Identifier, for collision resolution at accept time. Configure it on both
    // speakers or on neither: without it the two inside addresses are compared instead, which
    // both sides agree on.
    std::optional<net::Ipv4Addr> peer_bgp_id;
};

class BgpSpeaker {
  public:
    // timer_tag has its low 16 bits zero; every token passed to Host::arm_timer is
    // timer_tag | small id, and on_timer expects the same tag back.
    BgpSpeaker(Host& host, SpeakerConfig cfg, std::uint64_t timer_tag);
    BgpSpeaker(const BgpSpeaker&) = delete;
    BgpSpeaker& operator=(const BgpSpeaker&) = delete;

    void start();  // RFC 4271 Event 1 ManualStart
    void stop();   // Event 2 ManualStop
    // A replaced AWS endpoint's new settings (e.g. a new inside CIDR): stops the session, which
    // starts again with these when IPsec is up again.
    void reconfigure(SpeakerConfig cfg);
    // A TCP segment addressed to this speaker's local address.
    void on_inner_packet(const net::InnerPacket& packet);
    void on_timer(std::uint64_t token);

    bgp::State state() const { return state_; }
    std::size_t accepted_routes() const { return data_.accepted.size(); }
    // When the current session reached Established; nullopt while not Established.
    std::optional<SimTime> established_at() const { return established_at_; }

    const SpeakerConfig& config() const { return cfg_; }
    const bgp::Data& data() const { return data_; }
    const bgp::PrefixSet& accepted() const { return data_.accepted; }
    // The path attributes of each accepted route (AS_PATH length, MED), as the last UPDATE that
    // carried it said: the part of the Adj-RIB-In route selection needs (models/route).
    struct PathAttrs {
        std::uint32_t as_path_len{0};
        std::uint32_t med{0};
    };
    const std::map<net::Ipv4Prefix, PathAttrs>& paths() const { return paths_; }
    std::optional<bgp::Notification> last_notification_sent() const { return data_.last_sent; }
    std::optional<bgp::Notification> last_notification_received() const {
        return data_.last_received;
    }
    std::uint16_t negotiated_hold_s() const { return data_.hold_time_s; }
    std::uint16_t negotiated_keepalive_s() const { return data_.keepalive_s; }
    std::uint32_t sessions_established() const { return sessions_established_; }
    std::uint64_t md5_drops() const { return md5_drops_; }
    // State of the connection carrying the session, else of the most advanced attempt.
    tcp::State tcp_state() const;

    static constexpr std::uint64_t kTokenMask = 0xffff;

  private:
    enum Slot : std::size_t { kActiveSlot = 0, kPassiveSlot = 1 };
    struct Conn {
        tcp::Config cfg;
        tcp::Data data;
        tcp::State state{tcp::State::Closed};
        std::uint64_t generation{0};  // bumped when the connection closes or is replaced
    };
    struct Pending {
        bgp::Input input;
        std::optional<Slot> slot;  // the connection the input came from, if any
        std::uint64_t generation{0};
    };
    // Timer slots: the four BGP timers, then one retransmit timer per TCP slot.
    static constexpr std::size_t kTimerSlots = bgp::kTimers.size() + 2;

    void post(bgp::Input input, std::optional<Slot> slot);
    void bgp_step(const Pending& p);
    void note_paths(const bgp::Input& in);
    void execute(const bgp::Action& a);
    void tcp_step(Slot slot, const tcp::Input& in);
    void execute(Slot slot, tcp::Action&& a);
    void send_message(const bgp::Message& m);
    void open_active();
    void accept(const net::TcpSegment& syn);
    void drop_all();
    void admit(const net::InnerPacket& packet);
    bool wins_collision() const;
    // detail: a literal (kept by view until the trace is read).
    void refuse(const net::InnerPacket& packet, std::string_view reason, std::string_view detail);
    void arm(std::size_t timer, SimTime after);
    void disarm(std::size_t timer);
    void point(std::string_view fsm, std::string_view event, std::string_view reason,
               DeferredText detail);
    std::uint64_t draw(std::uint64_t salt) const;

    Host& host_;
    SpeakerConfig cfg_;
    std::uint64_t tag_;
    bgp::State state_{bgp::State::Idle};
    bgp::Data data_;
    std::array<Conn, 2> conns_{};
    std::optional<Slot> session_;
    std::array<kernel::EventId, kTimerSlots> timers_{};
    std::vector<Pending> pending_;  // inputs queued while a step runs (see post)
    std::map<net::Ipv4Prefix, PathAttrs> paths_;
    bool in_bgp_{false};
    std::uint64_t opens_{0};
    std::optional<SimTime> established_at_;
    std::uint32_t sessions_established_{0};
    std::uint64_t md5_drops_{0};
    // Whether the active connection's latest SYN left this end (false: dropped here, e.g. no
    // CHILD_SA yet), for collisions with a peer's SYN.
    bool own_syn_out_{true};
};

}  // namespace vpnsim::run
