// DOC: one IKEv2 SA with its first CHILD_SA, as a pure state machine (RFC 7296 §1.2, §2).
// Covers IKE_SA_INIT and IKE_AUTH with a pre-shared key, for both roles: proposal selection
// (responder's configured order, see proposal.hpp), NAT detection (§2.23), AUTH verification
// (§2.15), the CHILD_SA carried in IKE_AUTH with traffic-selector narrowing (§2.9), initiator
// retransmission (§2.1) and the responder's half-open timeout. Error notifies are sent and
// acted on as §2.21 describes: NO_PROPOSAL_CHOSEN ends IKE_SA_INIT; AUTHENTICATION_FAILED ends
// the IKE SA; NO_PROPOSAL_CHOSEN or TS_UNACCEPTABLE inside IKE_AUTH leave the IKE SA up with no
// CHILD_SA (§2.21.1... "the IKE SA is still created").
// Once established (ikev2_info.cpp, ikev2_child.cpp): liveness checks (§2.4, RFC 3706 in its
// IKEv2 form: an empty INFORMATIONAL request), INFORMATIONAL Delete (§1.4.1), CHILD_SA rekey by
// CREATE_CHILD_SA make-before-break (§1.3.3, §2.8) with PFS when phase 2 DH groups are set,
// and CHILD_SA hard expiry; a policy-based initiator's further CHILD_SAs, one CREATE_CHILD_SA
// per proxy-ID pair (ikev2_child_create.cpp, §1.3.1), each rekeyed and expired like the first
// (Input::child_spi names it); IKE SA rekey (ikev2_ike_rekey.cpp: §1.3.2, §2.18, the new IKE
// SA inherits the CHILD_SAs per §2.8, simultaneous IKE SA rekeys settled by the nonce rule of
// §2.8.1/§2.8.2) and IKE SA hard expiry. One request is in
// flight at a time (§2.3, window size 1, counted over the current and any retired IKE SA): the
// adapter raises LivenessCheckDue / RekeyChildDue / RekeyIkeDue only when Data::busy() is false.
// Left out here: cookies, EAP, certificates, nonce-based CHILD_SA rekey collision resolution
// (§2.8.1; a CHILD_SA collision is answered TEMPORARY_FAILURE and both sides retry).
// The step function is pure: SPIs and timer values come in, actions go out as data.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "models/common/deferred_text.hpp"
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
// AWS: a liveness check after 10 s without traffic from the peer (aws-facts.md "The CGW side").
inline constexpr SimTime kDpdDelay = sec(10);
// AWS DpdTimeoutSeconds default (most docs; the current API reference says 40).
inline constexpr SimTime kDpdTimeout = sec(30);

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
    LivenessCheckDue,  // adapter: nothing heard from the peer for dpd_delay
    RekeyChildDue,     // adapter: the CHILD_SA's soft lifetime (lifetime - margin - fuzz)
    ChildExpired,      // adapter: the CHILD_SA's hard lifetime
    RekeyIkeDue,       // adapter: the IKE SA's soft lifetime (§2.8: rekey it, §1.3.2)
    IkeExpired,        // adapter: the IKE SA's hard lifetime (it and its CHILD_SAs end)
    RecvInfoRequest,
    RecvInfoResponse,
    RecvCreateChildRequest,
    RecvCreateChildResponse,
    // adapter: outbound traffic matches a proxy-ID pair of ours that has no CHILD_SA (RFC 4301
    // §5.2: a packet to be PROTECTed with no SA for it makes IKE create one; Input::wanted).
    ChildWanted,
};
// The request an established SA has in flight (§2.3: one at a time). RekeyIke is the
// CREATE_CHILD_SA that rekeys the IKE SA (§1.3.2); DeleteIke the INFORMATIONAL Delete of a
// retired IKE SA (the one we rekeyed, or our redundant one after a collision, §2.8.2).
// CreateChild is the CREATE_CHILD_SA of a further CHILD_SA of a policy-based initiator (§1.3.1).
enum class Pending : std::uint8_t {
    None,
    Dpd,
    RekeyChild,
    DeleteChild,
    RekeyIke,
    DeleteIke,
    CreateChild,
    QuickModeReply  // IKEv1 responder: its QM2 of a later quick mode awaits QM3 (RFC 2409 §5.5)
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
    StaleResponse,  // a response to no request outstanding (a late duplicate): discarded
    LivenessCheck,     // sent an empty INFORMATIONAL request
    LivenessAnswered,  // answered the peer's
    PeerAlive,         // our check was answered
    DpdTimeout,        // no answer for dpd_timeout: peer declared dead
    RekeyInitiated,
    ChildRekeyed,    // new CHILD_SA installed, old one being deleted
    RekeyCollision,  // answered TEMPORARY_FAILURE
    PeerTemporaryFailure,
    RekeyFailed,           // peer refused the CREATE_CHILD_SA; the old SA lives to its expiry
    RekeyRefused,          // we refused the peer's CREATE_CHILD_SA
    InvalidKePayload,      // §1.3.3: asked the peer to redo its KE for the group we chose
    PeerInvalidKePayload,  // the peer asked us to: the rekey is re-sent with its group
    OldChildDeleted,
    PeerDeletedChild,
    PeerDeletedIkeSa,
    ChildExpired,
    // IKE SA rekey (§1.3.2, §2.8, §2.8.2) and expiry
    IkeRekeyInitiated,      // sent CREATE_CHILD_SA with an IKE proposal
    IkeRekeyed,             // a new IKE SA replaced the current one and inherited its CHILD_SAs
    IkeRekeyCollision,      // answered the peer's IKE SA rekey that crossed ours (§2.8.2)
    IkeRekeyCollisionLost,  // our new IKE SA holds the lowest nonce: we delete it (§2.8.2)
    IkeRekeyAbandoned,      // ours was refused while the peer's crossing rekey stands (§2.8.2)
    IkeRekeyDeferred,       // the peer answered TEMPORARY_FAILURE: try again later (§2.25)
    IkeRekeyFailed,         // the peer refused it; the IKE SA lives on to its hard lifetime
    IkeRekeyRefused,        // we refused the peer's (NO_PROPOSAL_CHOSEN)
    OldIkeSaDeleted,        // our Delete of a retired IKE SA was answered (or given up)
    PeerDeletedOldIkeSa,    // the peer deleted a retired IKE SA (the rekeyed or redundant one)
    IkeExpired,             // hard lifetime: the IKE SA and its CHILD_SAs are deleted
    // Further CHILD_SAs of a policy-based CGW (§1.3.1): one per proxy-ID pair
    ChildCreated,        // a further CHILD_SA was installed (either side)
    ChildCreateRefused,  // we refused the peer's (NO_PROPOSAL_CHOSEN or TS_UNACCEPTABLE)
    PeerRefusedChild,    // the peer refused ours; the IKE SA and the other CHILD_SAs stay
    ChildOnDemand,       // traffic needs a pair's CHILD_SA: its CREATE_CHILD_SA is sent (§1.3.1)
    // One SA pair per tunnel (Config::one_child_pair): a new CHILD_SA with other selectors
    // replaced the installed one, which is deleted.
    ChildReplaced,
    // IKEv1 (ikev1_sa.hpp)
    KeysExchanged,            // main mode 3/4
    PayloadDecryptionFailed,  // main mode 5 undecryptable: the PSKs differ
    PeerPayloadMalformed,
    AggressiveModeRefused,    // IKEv1 responder: RFC 2408 §3.14.1 INVALID-EXCHANGE-TYPE sent
    PeerInvalidExchangeType,  // IKEv1 initiator: the peer refused our exchange type
    InvalidIdInformation,     // quick-mode proxy IDs outside our policy
    PeerInvalidIdInformation,
    QuickModeComplete,
    UnexpectedEvent,
};

std::string_view to_string(IkeState s);
std::string_view to_string(IkeEvent e);
std::string_view to_string(ChildState s);
std::string_view to_string(Pending p);
std::string_view to_string(Reason r);  // kebab-case

// The selectors of one further CHILD_SA (a policy-based device's second and later proxy-ID
// pairs; the first is Config::local_ts / remote_ts and travels in IKE_AUTH).
struct ChildPolicy {
    ipsec::TsList local_ts;
    ipsec::TsList remote_ts;
};

struct Config {
    Role role{Role::Initiator};
    net::Ipv4Addr local_id;  // IDi / IDr (ID_IPV4_ADDR = the outside address)
    std::string psk;
    Proposal ike;
    Proposal esp;
    // Initiator: the selectors it proposes. Responder: its policy (what it will accept).
    ipsec::TsList local_ts;
    ipsec::TsList remote_ts;
    // Initiator only: one more CHILD_SA per entry, each created by CREATE_CHILD_SA once the
    // IKE SA is up (RFC 7296 §1.3.1), in order. Empty for a route-based end.
    std::vector<ChildPolicy> more_children;
    bool nat_t{true};  // sends NAT_DETECTION_* and floats to 4500 when a NAT is found
    // IKEv1 initiator: aggressive mode (RFC 2409 §5.4) instead of main mode. A responder here
    // always refuses aggressive mode, as AWS does (main mode only), so only its first message
    // is modelled.
    bool aggressive_mode{false};
    // Pretend to be behind a NAT so the peer encapsulates ESP in UDP even without one
    // (strongSwan "forceencaps"; RFC 7296 §2.23 permits faking NAT_DETECTION_SOURCE_IP).
    // AWS does this on accelerated VPNs, whose edge carries only UDP.
    bool force_encapsulation{false};
    SimTime retransmit_timeout{kRetransmitTimeout};
    int retransmit_tries{kRetransmitTries};
    SimTime half_open_timeout{kHalfOpenTimeout};
    // Liveness checks: re-sent every dpd_delay; the peer is dead after dpd_timeout unanswered.
    SimTime dpd_delay{kDpdDelay};
    SimTime dpd_timeout{kDpdTimeout};
    // strongSwan: a liveness check is retransmitted like any request (§2.1: retransmit_timeout
    // x base^n, retransmit_tries times) and the peer is dead when that schedule runs out
    // (about 165 s), not after dpd_timeout (aws-facts "Real-stack behaviour").
    bool liveness_on_request_schedule{false};
    // Responder: keeps one CHILD_SA (one SA pair) per IKE SA. A request for a further CHILD_SA
    // with other selectors is accepted and REPLACES the installed one, which is deleted (told
    // to the peer by an INFORMATIONAL Delete; IKEv1: an ISAKMP Delete). AWS does this: it is
    // route-based and supports a single SA pair per tunnel (aws-facts.md "The CGW side AWS
    // expects"), so a policy-based CGW's pairs take turns.
    bool one_child_pair{false};
};

struct ChildSa {
    ipsec::TsList local_ts;
    ipsec::TsList remote_ts;
    std::uint32_t spi_in{0};
    std::uint32_t spi_out{0};
    Chosen chosen;
};

// An IKE SA that still exists beside the current one (RFC 7296 §2.8, §2.8.2): the SA that was
// rekeyed, until the rekey initiator's Delete completes, or the redundant SA of a simultaneous
// rekey, until its creator deletes it. Requests on it are answered; new exchanges are not
// started on it (§1.3.2).
struct RetiredIkeSa {
    std::uint64_t spi_i{0};
    std::uint64_t spi_r{0};
    std::uint32_t next_message_id{0};  // the old SA keeps its numbering (§1.3.2)
    bool we_delete{false};             // we send its Delete; otherwise we wait for the peer's
    auto operator<=>(const RetiredIkeSa&) const = default;
};

// A new IKE SA created by a CREATE_CHILD_SA (§2.18), with the nonces that created it.
struct NewIkeSa {
    std::uint64_t spi_i{0};
    std::uint64_t spi_r{0};
    Chosen chosen;
    std::uint64_t nonce_i{0};
    std::uint64_t nonce_r{0};
    // IKEv1 phase 1 rekey initiator: the cookies of the ISAKMP SA it replaces, which it deletes
    // once the new one is up (the SA current then may be the peer's crossing rekey's).
    std::uint64_t replaces_i{0};
    std::uint64_t replaces_r{0};
    auto operator<=>(const NewIkeSa&) const = default;
};

struct Data {
    // The current IKE SA: its SPIs, our Message ID counter on it and its transforms. An IKE SA
    // rekey (§1.3.2) replaces all four with the new SA's; the CHILD_SAs below stay (§2.8).
    std::uint64_t spi_i{0};
    std::uint64_t spi_r{0};
    std::uint32_t next_message_id{0};
    std::optional<Chosen> ike_chosen;
    ChildState child_state{ChildState::None};
    std::optional<ChildSa> child;
    std::optional<ChildSa> old_child;  // rekeyed, kept inbound until its Delete completes
    // Further CHILD_SAs on this IKE SA (§1.3.1), in the order they were created; outbound
    // traffic takes the first SA, `child` included, whose selectors match (RFC 4301 §5.1).
    // Each is rekeyed like `child` (§1.3.3); the new SA takes the old one's position, so the
    // SPD order stays stable.
    std::vector<ChildSa> more_children;
    // Rekeyed further CHILD_SAs, kept inbound until their Delete completes (§2.8).
    std::vector<ChildSa> old_more_children;
    std::size_t children_tried{0};  // initiator: Config::more_children entries requested
    // Config::one_child_pair: the spi_in of a replaced CHILD_SA whose Delete waits for the
    // request in flight (§2.3: one at a time); sent as soon as nothing is.
    std::optional<std::uint32_t> delete_owed;
    Pending pending{Pending::None};
    bool local_behind_nat{false};
    bool peer_behind_nat{false};
    int retransmits{0};
    // Until established: request (initiator) or response (responder). Afterwards: our last
    // request only (responses to the peer's requests are not kept).
    std::optional<Message> last_sent;
    Mismatch mismatch{Mismatch::None};
    std::optional<NotifyType> failure;  // error notify sent or received
    // IKE SA rekey (ikev2_ike_rekey.cpp). The peer's rekey that crossed our own: answered, and
    // kept until ours completes and the nonces decide which new SA survives (§2.8.2).
    std::optional<NewIkeSa> peer_ike_rekey;
    std::vector<RetiredIkeSa> retired_ike;
    // Our answer to the peer's last IKE SA rekey request, re-sent when the request is
    // retransmitted (§2.1) -- by then the SA it arrived on may already be retired.
    std::optional<Message> ike_rekey_reply;
    // Our answer to the peer's latest CREATE_CHILD_SA or INFORMATIONAL request on an
    // established SA, re-sent when that request is retransmitted (§2.2: a retransmitted
    // request gets the same response; it is not processed again).
    std::optional<Message> last_reply;
    // IKEv1 only (ikev1_sa.hpp). The peer's vendor IDs from main mode 1/2 (kVidNatT, kVidDpd).
    std::uint8_t peer_vendor_ids{0};
    // IKEv1 responder: the IPsec SA of a quick mode after the first (a rekey, or a
    // policy-based peer's further pair), answered in QM2 and installed when QM3 arrives (RFC
    // 2409 §5.5). qm_reply: the last quick-mode message we sent that answers one (QM2 as
    // responder, QM3 as initiator), re-sent when the peer repeats the message it answers.
    std::optional<ChildSa> next_child;
    std::optional<Message> qm_reply;
    // IKEv1 initiator of a phase 1 rekey: the new ISAKMP SA its new main mode is making.
    std::optional<NewIkeSa> own_ike_rekey;

    bool nat_detected() const { return local_behind_nat || peer_behind_nat; }
    // The IKE (ISAKMP) SA ends: every CHILD_SA, anything half-done and any retired or crossing
    // IKE SA go with it (both versions; IKEv1 clears its own quick-mode state besides).
    void drop_child_sas() {
        child.reset();
        old_child.reset();
        more_children.clear();
        old_more_children.clear();
        children_tried = 0;
        delete_owed.reset();
        pending = Pending::None;
        peer_ike_rekey.reset();
        retired_ike.clear();
    }
    // A request of ours is in flight, or the IKE SA is being rekeyed by the peer's crossing
    // request: no new exchange may start (§2.3, §1.3.2).
    bool busy() const { return pending != Pending::None || peer_ike_rekey.has_value(); }
    // The first CHILD_SA is gone (deleted by the peer, expired): the next in SPD order, if any,
    // takes its place, so `child` is installed while any CHILD_SA is (RFC 4301 §5.1 order
    // kept). True when one did.
    bool promote_further_child() {
        if (child || more_children.empty()) return false;
        child = std::move(more_children.front());
        more_children.erase(more_children.begin());
        child_state = ChildState::Installed;
        return true;
    }
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
    net::Ipv4Addr peer_addr;  // where Start sends IKE_SA_INIT, for NAT-D
    std::uint16_t peer_port{500};
    std::uint64_t fresh_spi{0};        // new IKE SPI if this step creates the SA
    std::uint32_t fresh_child_spi{0};  // new inbound ESP SPI if this step creates a CHILD_SA
    std::uint64_t fresh_nonce{0};      // Ni / Nr if this step sends one (IKE SA rekey)
    // RekeyChildDue / ChildExpired: which CHILD_SA, by its spi_in -- 0 for Data::child, else
    // one of Data::more_children (the adapter keeps timers per SA).
    std::uint32_t child_spi{0};
    // ChildWanted: the proxy-ID pair the traffic needs (one of Config's, not owned).
    const ChildPolicy* wanted{nullptr};
};

enum class Timer : std::uint8_t { Retransmit, HalfOpen };

struct Action {
    // ChildRekeyed: Data::child is a new SA (the old one is in Data::old_child) -- a further
    // CHILD_SA's rekey emits nothing: it is replaced in place in Data::more_children;
    // ChildDeleted: the current CHILD_SA is gone (expired, deleted by the peer, peer dead);
    // IkeRekeyed: Data's SPIs name a new IKE SA, which starts its own lifetime (§2.8).
    enum class Kind : std::uint8_t {
        Send,
        ArmTimer,
        CancelTimer,
        ChildInstalled,
        ChildFailed,
        ChildRekeyed,
        ChildDeleted,
        IkeRekeyed,
        ChildAdded  // a further CHILD_SA is the last of Data::more_children (§1.3.1)
    };
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
    DeferredText detail;  // one human line for the trace, rendered when it is read
};

// Maps a received message to the event it raises.
IkeEvent classify(const Message& m);
// True for the Recv* events (Input::msg must be set).
bool carries_message(IkeEvent e);
// True when m belongs to an IKE SA this side holds: the current one or a retired one (§2.8).
// Anything else (an SA already deleted, one not yet adopted) is dropped before step().
bool knows_sa(const Data& d, const Message& m);

// The SA data is taken by value and comes back in StepResult::data: a caller that keeps it
// moves it in (std::move) and out again, so a step copies none of its messages and SAs.
StepResult step(const Config& cfg, Data data, IkeState state, const Input& in);

// The (state, event) pairs the table does not handle on purpose (stale timers, duplicates).
bool is_ignored(IkeState s, IkeEvent e);
// True when the transition table has at least one row for (s, e).
bool has_row(IkeState s, IkeEvent e);

}  // namespace vpnsim::ike
