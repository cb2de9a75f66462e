// DOC: internal to the IKEv2 SA machine: the step context, the helpers every exchange uses,
// and the guards/actions of the exchanges after IKE_AUTH (ikev2_info.cpp: liveness and
// Delete; ikev2_child.cpp: CREATE_CHILD_SA rekey and expiry; ikev2_ike_rekey.cpp: IKE SA rekey
// and expiry). The transition table that wires them together is in ikev2_sa.cpp.
#pragma once

#include <optional>
#include <string>

#include "models/ike/ikev2_sa.hpp"
#include "models/ike/trace_text.hpp"

namespace vpnsim::ike::detail {

struct Ctx {
    const Config& cfg;
    const Input& in;
    StepResult& out;
    const Message& msg() const { return *in.msg; }
    Data& d() const { return out.data; }
};

using Guard = bool (*)(const Ctx&);
using Act = void (*)(Ctx&);

void emit(Ctx& c, Action a);
void emit(Ctx& c, Action::Kind k);
// Sends a request (kept for retransmission) or, before IKE_AUTH completes, a response.
void send(Ctx& c, Message m);
// Sends a response to the peer's request after IKE_AUTH (not kept: §2.1 -- a retransmitted
// request is answered again from the same state).
void reply(Ctx& c, Message m);
// The message is the response to our outstanding request: same IKE SA and Message ID (§2.2).
bool answers_pending(const Ctx& c);
void arm(Ctx& c, Timer t, SimTime after);
void cancel(Ctx& c, Timer t);
Message header(const Ctx& c, Exchange ex, bool response, std::uint32_t id);
// The header of our response to the request being processed: its SPIs and Message ID, which
// name a retired IKE SA when the request arrived on one (§2.8).
Message reply_header(const Ctx& c, Exchange ex);
void fail(Ctx& c, Reason r, std::optional<NotifyType> n);
// "TSi .. TSr .. spi_in .. spi_out .. AES128/SHA1" for the trace, deferred (trace_text.hpp).
DeferredText child_summary(const ChildSa& ch);
// Retransmission back-off for the n-th retransmit (strongSwan: timeout * base^n).
SimTime backoff(const Config& cfg, int n);
// RFC 7296 §2.1: re-send the outstanding request and re-arm with the next back-off.
void retransmit(Ctx& c);

// ikev2_info.cpp -- RFC 7296 §1.4, §2.4
void lose_children(Ctx& c);  // the IKE SA ends, and everything under it
bool pending_dpd(const Ctx& c);
bool pending_delete(const Ctx& c);
bool pending_request(const Ctx& c);
bool dpd_exhausted(const Ctx& c);
bool request_exhausted(const Ctx& c);
bool deletes_ike_sa(const Ctx& c);
void send_liveness_check(Ctx& c);
void resend_liveness_check(Ctx& c);
void declare_peer_dead(Ctx& c);
void note_peer_alive(Ctx& c);
void answer_informational(Ctx& c);
void peer_deleted_ike_sa(Ctx& c);
void note_old_child_deleted(Ctx& c);
void request_timed_out(Ctx& c);

// ikev2_child.cpp -- RFC 7296 §1.3.3, §2.8, §2.25
bool has_child(const Ctx& c);
bool first_child_due(const Ctx& c);    // Input::child_spi 0: Data::child
bool further_child_due(const Ctx& c);  // Input::child_spi names a further CHILD_SA
bool rekey_in_flight(const Ctx& c);
bool pending_rekey(const Ctx& c);
bool rekey_refused(const Ctx& c);
bool names_unknown_child(const Ctx& c);
bool child_proposal_bad(const Ctx& c);
bool ke_group_differs(const Ctx& c);
bool peer_wants_other_group(const Ctx& c);
void answer_invalid_ke(Ctx& c);
void resend_rekey_with_group(Ctx& c);
void send_rekey(Ctx& c);
void answer_rekey_collision(Ctx& c);
void answer_child_not_found(Ctx& c);
void answer_rekey_no_proposal(Ctx& c);
void answer_rekey(Ctx& c);
void note_rekey_refused(Ctx& c);
void install_rekeyed_child(Ctx& c);
void expire_child(Ctx& c);
void expire_further_child(Ctx& c);

// ikev2_child_create.cpp -- RFC 7296 §1.3.1, §2.9 (policy-based: one CHILD_SA per pair)
bool creates_new_child(const Ctx& c);
bool pending_create(const Ctx& c);
bool more_children_due(const Ctx& c);
void create_next_child(Ctx& c);
void create_wanted_child(Ctx& c);  // ChildWanted: Input::wanted's pair (RFC 4301 §5.2)
// §1.4.1: an INFORMATIONAL Delete of our inbound CHILD_SA spi_in; Pending::DeleteChild.
void send_delete_child(Ctx& c, std::uint32_t spi_in);
// Data::delete_owed, once nothing is in flight (run after every step that leaves the SA up).
void send_owed_delete(Ctx& c);  // no-op when every pair was tried or a request is in flight
void answer_new_child(Ctx& c);
void install_created_child(Ctx& c);

// ikev2_ike_rekey.cpp -- RFC 7296 §1.3.2, §2.8, §2.8.2, §2.18, §2.25.2
RetiredIkeSa* retired(const Ctx& c);  // the retired IKE SA the message arrived on, if any
bool on_retired_sa(const Ctx& c);
bool busy(const Ctx& c);
bool pending_ike_rekey(const Ctx& c);
bool delete_ike_answered(const Ctx& c);
bool delete_ike_exhausted(const Ctx& c);
bool ike_rekey_request(const Ctx& c);
bool duplicate_ike_rekey(const Ctx& c);
bool ike_rekey_proposal_bad(const Ctx& c);
bool ike_rekey_ke_differs(const Ctx& c);
bool ike_rekeys_cross(const Ctx& c);
bool ike_rekey_while_busy(const Ctx& c);
bool ike_rekey_answered(const Ctx& c);
bool ike_rekey_refused(const Ctx& c);
bool ike_rekey_refused_in_collision(const Ctx& c);
bool ike_rekey_collided(const Ctx& c);
bool deletes_retired_ike_sa(const Ctx& c);
bool deletes_ike_sa_being_rekeyed(const Ctx& c);
void send_ike_rekey(Ctx& c);
void install_rekeyed_ike(Ctx& c);
void settle_ike_rekey_collision(Ctx& c);
void abandon_ike_rekey(Ctx& c);
void note_ike_rekey_refused(Ctx& c);
void resend_ike_rekey_reply(Ctx& c);
void answer_closing_sa(Ctx& c);
void answer_ike_rekey_no_proposal(Ctx& c);
void answer_ike_rekey_invalid_ke(Ctx& c);
void answer_ike_rekey_collision(Ctx& c);
void answer_ike_rekey_busy(Ctx& c);
void answer_ike_rekey(Ctx& c);
void note_retired_ike_deleted(Ctx& c);
void give_up_retired_ike(Ctx& c);
void peer_deleted_retired_ike(Ctx& c);
void adopt_peer_ike_sa(Ctx& c);
void expire_ike_sa(Ctx& c);

}  // namespace vpnsim::ike::detail
