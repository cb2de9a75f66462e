// DOC: one IKEv1 SA with its IPsec SA, as a pure state machine (RFC 2409).
// Main mode (Identity Protection, RFC 2409 §5: 6 messages -- SA, KE+Ni, IDii+HASH_I) with a
// pre-shared key (§5.4), then Quick Mode (§5.5: 3 messages -- HASH(1)+SA+Ni[+KE][+IDci,IDcr],
// HASH(2)+SA+Nr[+KE][+IDci,IDcr], HASH(3)). AWS supports main mode only: aggressive mode is
// not offered, and a CGW cannot ask for it here.
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
// Left out: aggressive mode, NAT-T for IKEv1 (RFC 3947), DPD (RFC 3706 R-U-THERE) and
// rekeying for IKEv1 SAs, commit bit, responder lifetime notifies.
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
    std::string detail;
};

Event classify(const Message& m);
// in.event is not read: IKEv1 events are passed as ev. The rest of Input is as for IKEv2.
StepResult step(const Config& cfg, const Data& data, State state, Event ev, const Input& in);

bool has_row(State s, Event e);
bool is_ignored(State s, Event e);

}  // namespace vpnsim::ike::v1
