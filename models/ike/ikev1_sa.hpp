// DOC: one IKEv1 SA with its IPsec SA, as a pure state machine (RFC 2409).
// Main mode (Identity Protection, RFC 2409 §5: 6 messages -- SA, KE+Ni, IDii+HASH_I) with a
// pre-shared key (§5.4), then Quick Mode (§5.5: 3 messages -- HASH(1)+SA+Ni[+KE][+IDci,IDcr],
// HASH(2)+SA+Nr[+KE][+IDci,IDcr], HASH(3)). AWS supports main mode only: a CGW's aggressive
// mode (§5.4) is refused with INVALID-EXCHANGE-TYPE at its first message.
// Behaviour modelled on the responder (AWS):
// - the phase 1 proposal is chosen in the responder's configured order (proposal.hpp);
//   nothing in common -> NO_PROPOSAL_CHOSEN, phase 1 fails (RFC 2408 §3.14.1);
// - main mode 5 is encrypted with keys derived from the PSK (RFC 2409 §5.4, SKEYID =
//   prf(pre-shared-key, Ni_b | Nr_b)); with a different PSK it does not decrypt -- the
//   responder answers PAYLOAD_MALFORMED ("AWS tunnel payload decryption was unsuccessful due
//   to invalid Pre-shared Key") and phase 1 fails;
// - quick-mode proxy IDs (IDci/IDcr, RFC 2409 §5.5) are compared exactly as real devices do:
//   no narrowing in IKEv1 -- each must lie within the responder's policy (AWS: local/remote
//   IPv4 network CIDR), else INVALID_ID_INFORMATION and no phase 2 (phase 1 stays);
// - PFS: when phase 2 DH groups are configured quick mode carries KE and the group must match.
// - NAT traversal (RFC 3947, ikev1_info.cpp): the NAT-T vendor ID in main mode 1/2 (§3.1);
//   when both sent it, NAT-D payloads in main mode 3/4 -- a hash of the cookies, address and
//   port, the receiver's first (§3.2); a mismatch says which side is behind a NAT, and the
//   adapter floats to UDP 4500 from main mode 5 on (§4) and carries ESP in UDP (RFC 3948).
//   AWS on an accelerated VPN fakes its own NAT-D the way the IKEv2 side does.
// - DPD (RFC 3706, ikev1_info.cpp): the DPD vendor ID in main mode 1/2 (§5.1); R-U-THERE /
//   R-U-THERE-ACK notifies in an ISAKMP Informational exchange with a sequence number the ACK
//   echoes (§5.2, §5.3, §6); DpdDue comes from the adapter after dpd_delay of silence (§5.4),
//   the check is re-sent every dpd_delay and the peer is dead after dpd_timeout (§5.5).
// - ISAKMP Delete (RFC 2408 §3.15, §4.8; one-way, no answer): of an IPsec SA, by the SPI its
//   sender receives on, or of the ISAKMP SA; a Delete of the ISAKMP SA here ends its IPsec SAs
//   too (strongSwan's behaviour).
// - Rekey (ikev1_rekey.cpp, ikev1_main_rekey.cpp), make-before-break: phase 2 by a new quick
//   mode with the installed SA's proxy IDs (IKEv1 has no REKEY_SA: the responder recognises a
//   rekey by its IDs), after which the initiator deletes the old SA; phase 1 by a new main mode
//   (new cookies) on the same ports, after which the initiator deletes the old ISAKMP SA (RFC
//   2409 §5: phase 2 SAs do not depend on the phase 1 SA that made them, so they stay). Hard
//   expiries delete with an ISAKMP Delete. The adapter raises the lifetime events (no timers
//   here). IKEv1 defines no collision rule: crossing phase 2 rekeys are settled by the lower
//   initiator SPI; crossing phase 1 rekeys keep both new ISAKMP SAs and delete the one both
//   replaced.
// - Policy-based initiators (Config::more_children): one quick mode per further proxy-ID pair,
//   one at a time, after the first (RFC 2409 §5.5: many quick modes per phase 1). Each further
//   SA (Data::more_children) is rekeyed and expired on its own lifetimes like the first one:
//   RekeyPhase2Due / Phase2Expired name it by Input::child_spi; its rekey is a quick mode with
//   its own proxy IDs, the new SA takes its place in more_children (RFC 4301 §5.1 order) and
//   the initiator deletes the old one (RFC 2408 §4.8).
// Left out: aggressive mode beyond its refusal, commit bit, responder lifetime notifies, NAT-OA
// payloads (RFC 3947 §5.2: transport mode only), INITIAL-CONTACT.
// The Data, Action, Reason and Config types are shared with the IKEv2 machine (ikev2_sa.hpp):
// cookies are carried as spi_i/spi_r, the IPsec SA as Data::child.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "models/ike/ikev2_sa.hpp"

namespace vpnsim::ike::v1 {

enum class State : std::uint8_t {
    Idle,
    MmSent1,      // initiator: SA sent
    AmSent1,      // initiator: aggressive mode SA, KE, Ni, IDii sent (RFC 2409 §5.4)
    MmSent3,      // initiator: KE, Ni sent
    MmSent5,      // initiator: IDii, HASH_I sent (encrypted)
    MmReplied2,   // responder: SA chosen
    MmReplied4,   // responder: KE, Nr sent
    QmSent1,      // initiator: phase 1 up, quick mode 1 sent
    QmReplied2,   // responder: phase 1 up, quick mode 2 sent
    Established,  // phase 1 up; Data::child_state says whether phase 2 is
    Failed,
};

enum class Event : std::uint8_t {
    Start,
    RecvMm1,
    RecvAm1,  // aggressive mode's first message
    RecvMm2,
    RecvMm3,
    RecvMm4,
    RecvMm5,
    RecvMm6,
    RecvQm1,
    RecvQm2,
    RecvQm3,
    RecvNotify,  // ISAKMP Informational carrying an error notify
    RetransmitTimerExpires,
    HalfOpenTimerExpires,
    RecvRuThere,     // RFC 3706 §5.2
    RecvRuThereAck,  // RFC 3706 §5.2
    RecvDelete,      // ISAKMP Informational with a Delete payload (RFC 2408 §3.15)
    DpdDue,          // adapter: nothing heard from the peer for dpd_delay (RFC 3706 §5.4)
    RekeyPhase2Due,  // adapter: an IPsec SA's soft lifetime (Input::child_spi: which)
    Phase2Expired,   // adapter: an IPsec SA's hard lifetime (Input::child_spi: which)
    RekeyPhase1Due,  // adapter: the ISAKMP SA's soft lifetime
    Phase1Expired,   // adapter: the ISAKMP SA's hard lifetime
    // adapter: outbound traffic for a proxy-ID pair with no IPsec SA (RFC 4301 §5.2): a quick
    // mode for it (Input::wanted), raised only when nothing is in flight.
    ChildWanted,
};

std::string_view to_string(State s);
std::string_view to_string(Event e);
// Phase 1 is up in these states.
bool phase1_up(State s);

struct StepResult {
    State next{State::Idle};
    Data data;
    std::vector<Action> actions;
    Reason reason{Reason::None};
    DeferredText detail;  // one human line for the trace, rendered when it is read
};

Event classify(const Message& m);
// True for the Recv* events (the step needs Input::msg).
bool carries_message(Event e);
// True when m belongs to an ISAKMP SA this side holds or is negotiating: the current one, a
// phase 1 rekey in progress (either side's), or one retired by a rekey.
bool knows_sa(const Data& d, const Message& m);
// in.event is not read: IKEv1 events are passed as ev. The rest of Input is as for IKEv2.
// Data by value, as for IKEv2 (ikev2_sa.hpp).
StepResult step(const Config& cfg, Data data, State state, Event ev, const Input& in);

bool has_row(State s, Event e);
bool is_ignored(State s, Event e);

}  // namespace vpnsim::ike::v1
