// DOC: one IKEv2 SA with its first CHILD_SA, as a pure state machine (RFC 7296 §1.2, §2).
// Covers IKE_SA_INIT and IKE_AUTH with a pre-shared key, for both roles: proposal selection
// (responder's configured order, see proposal.hpp), NAT detection (§2.23), AUTH verification
// (§2.15), the CHILD_SA carried in IKE_AUTH with traffic-selector narrowing (§2.9), initiator
// retransmission (§2.1) and the responder's half-open timeout. Error notifies are sent and
// acted on as §2.21 describes: NO_PROPOSAL_CHOSEN ends IKE_SA_INIT; AUTHENTICATION_FAILED ends
// the IKE SA; NO_PROPOSAL_CHOSEN or TS_UNACCEPTABLE inside IKE_AUTH leave the IKE SA up with no
// CHILD_SA (§2.21.1... "the IKE SA is still created").
// Left out here: rekeying, DPD, INFORMATIONAL deletes, cookies, EAP, certificates.
// The step function is pure: SPIs and timer values come in, actions go out as data.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "models/common/time.hpp"
#include "models/ike/message.hpp"

namespace vpnsim::ike {

// strongSwan's defaults (charon.retransmit_timeout 4 s, retransmit_base 1.8, 5 tries): the CGW
// retransmits after 4.0, 7.2, 13.0, 23.3, 42.0 s and gives up 75.6 s after that.
inline constexpr SimTime kRetransmitTimeout = ms(4000);
inline constexpr double kRetransmitBase = 1.8;
inline constexpr int kRetransmitTries = 5;
// A responder drops a half-open IKE SA that never completes IKE_AUTH ("AWS tunnel Timeout:
// deleting un-established Phase 1 IKE_SA"); strongSwan's half-open timeout is 30 s.
inline constexpr SimTime kHalfOpenTimeout = sec(30);

enum class Role : std::uint8_t { Initiator, Responder };

enum class IkeState : std::uint8_t { Idle, InitSent, InitReplied, AuthSent, Established, Failed };
enum class IkeEvent : std::uint8_t {
    Start,
    RecvInitRequest,
    RecvInitResponse,
    RecvAuthRequest,
    RecvAuthResponse,
    RetransmitTimerExpires,
    HalfOpenTimerExpires,
};
enum class ChildState : std::uint8_t { None, Installed, Failed };

enum class Reason : std::uint8_t {
    None,
    Initiated,
    ProposalChosen,
    NoProposalChosen,
    PeerNoProposalChosen,
    Authenticated,
    AuthenticationFailed,
    PeerAuthenticationFailed,
    TsUnacceptable,
    PeerTsUnacceptable,
    TsNotSubset,
    Retransmit,
    RetransmitLimit,
    HalfOpenTimeout,
    DuplicateRequest,
    UnexpectedEvent,
};

std::string_view to_string(IkeState s);
std::string_view to_string(IkeEvent e);
std::string_view to_string(ChildState s);
std::string_view to_string(Reason r);  // kebab-case

struct Config {
    Role role{Role::Initiator};
    net::Ipv4Addr local_id;  // IDi / IDr (ID_IPV4_ADDR = the outside address)
    std::string psk;
    Proposal ike;
    Proposal esp;
    // Initiator: the selectors it proposes. Responder: its policy (what it will accept).
    ipsec::TsList local_ts;
    ipsec::TsList remote_ts;
    bool nat_t{true};  // sends NAT_DETECTION_* and floats to 4500 when a NAT is found
    // Pretend to be behind a NAT so the peer encapsulates ESP in UDP even without one
    // (strongSwan "forceencaps"; RFC 7296 §2.23 permits faking NAT_DETECTION_SOURCE_IP).
    // AWS does this on accelerated VPNs, whose edge carries only UDP.
    bool force_encapsulation{false};
    SimTime retransmit_timeout{kRetransmitTimeout};
    int retransmit_tries{kRetransmitTries};
    SimTime half_open_timeout{kHalfOpenTimeout};
};

struct ChildSa {
    ipsec::TsList local_ts;
    ipsec::TsList remote_ts;
    std::uint32_t spi_in{0};
    std::uint32_t spi_out{0};
    Chosen chosen;
};

struct Data {
    std::uint64_t spi_i{0};
    std::uint64_t spi_r{0};
    std::uint32_t next_message_id{0};
    std::optional<Chosen> ike_chosen;
    ChildState child_state{ChildState::None};
    std::optional<ChildSa> child;
    bool local_behind_nat{false};
    bool peer_behind_nat{false};
    int retransmits{0};
    std::optional<Message> last_sent;  // request (initiator) or response (responder)
    Mismatch mismatch{Mismatch::None};
    std::optional<NotifyType> failure;  // error notify sent or received

    bool nat_detected() const { return local_behind_nat || peer_behind_nat; }
};

// The outer addressing a message arrived with, as the receiver saw it (after any NAT).
struct Arrival {
    net::Ipv4Addr src;
    net::Ipv4Addr dst;
    std::uint16_t src_port{0};
    std::uint16_t dst_port{0};
};

struct Input {
    IkeEvent event{IkeEvent::Start};
    const Message* msg{nullptr};  // for Recv* events
    Arrival arrival;              // for Recv* events
    net::Ipv4Addr local_addr;     // this side's outside address, for NAT-D
    std::uint16_t local_port{500};
    net::Ipv4Addr peer_addr;      // where Start sends IKE_SA_INIT, for NAT-D
    std::uint16_t peer_port{500};
    std::uint64_t fresh_spi{0};        // new IKE SPI if this step creates the SA
    std::uint32_t fresh_child_spi{0};  // new inbound ESP SPI if this step creates a CHILD_SA
};

enum class Timer : std::uint8_t { Retransmit, HalfOpen };

struct Action {
    enum class Kind : std::uint8_t { Send, ArmTimer, CancelTimer, ChildInstalled, ChildFailed };
    Kind kind{Kind::Send};
    Message msg;  // Send
    Timer timer{Timer::Retransmit};
    SimTime after{};
};

struct StepResult {
    IkeState next{IkeState::Idle};
    Data data;
    std::vector<Action> actions;
    Reason reason{Reason::None};
    std::string detail;  // one human line for the trace
};

// Maps a received message to the event it raises.
IkeEvent classify(const Message& m);

StepResult step(const Config& cfg, const Data& data, IkeState state, const Input& in);

// The (state, event) pairs the table does not handle on purpose (stale timers, duplicates).
bool is_ignored(IkeState s, IkeEvent e);
// True when the transition table has at least one row for (s, e).
bool has_row(IkeState s, IkeEvent e);

}  // namespace vpnsim::ike
