// DOC: internal to the IKEv1 SA machine: the step context, its helpers and the quick-mode
// guards/actions (ikev1_quick.cpp, RFC 2409 §5.5). The table is in ikev1_sa.cpp.
#pragma once

#include <string>
#include <string_view>

#include "models/ike/ikev1_sa.hpp"

namespace vpnsim::ike::v1::detail {

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
void arm(Ctx& c, Timer t, SimTime after);
void cancel(Ctx& c, Timer t);
Message header(const Ctx& c, Exchange ex, std::uint8_t n, std::uint32_t id = 0);
void send(Ctx& c, Message m, bool await_reply);
void notify(Ctx& c, NotifyType n, std::uint32_t id = 0);
std::uint64_t hash_v1(std::string_view psk, std::uint64_t ci, std::uint64_t cr, bool initiator);
bool pfs_wanted(const Config& cfg, const Message& m);

// ikev1_quick.cpp -- RFC 2409 §5.5
bool qm_ids_outside_policy(const Ctx& c);
bool qm_proposal_bad(const Ctx& c);
void send_qm1(Ctx& c);
void refuse_qm1_ids(Ctx& c);
void refuse_qm1_proposal(Ctx& c);
void reply_qm2(Ctx& c);
void send_qm3(Ctx& c);
void accept_qm3(Ctx& c);
// QM1 for the given proxy IDs with a fresh SPI and message ID, kept for retransmission.
void send_quick_mode(Ctx& c, const ipsec::TsList& local, const ipsec::TsList& remote);
Message header_for(const Ctx& c, Exchange ex, std::uint8_t n, std::uint64_t spi_i,
                   std::uint64_t spi_r, std::uint32_t id = 0);

// ikev1_info.cpp -- RFC 3947 (NAT-T), RFC 3706 (DPD), RFC 2408 §3.15 (Delete)
std::uint8_t own_vendor_ids(const Config& cfg);
bool nat_t_agreed(const Ctx& c);
void add_natd(const Ctx& c, Message& m, std::uint64_t spi_i, std::uint64_t spi_r);
void detect_nat(Ctx& c);
std::string nat_text(const Ctx& c);
void lose_children(Ctx& c);
void send_delete(Ctx& c, DeletePayload del);
bool rekey_awaits_qm3(const Ctx& c);
bool pending_dpd(const Ctx& c);
bool dpd_exhausted(const Ctx& c);
bool busy(const Ctx& c);
bool ack_matches(const Ctx& c);
void send_r_u_there(Ctx& c);
void resend_r_u_there(Ctx& c);
void answer_r_u_there(Ctx& c);
void note_peer_alive(Ctx& c);
void declare_peer_dead(Ctx& c);
bool deletes_current_ike_sa(const Ctx& c);
bool deletes_retired_ike_sa(const Ctx& c);
void peer_deleted_ike_sa(Ctx& c);
void peer_deleted_retired_ike_sa(Ctx& c);
void peer_deleted_ipsec_sa(Ctx& c);
void expire_phase2(Ctx& c);
void expire_further_phase2(Ctx& c);
void expire_phase1(Ctx& c);

// ikev1_rekey.cpp -- RFC 2409 §5.5 (further quick modes, phase 2 rekey)
bool has_child(const Ctx& c);
bool first_phase2_due(const Ctx& c);
bool further_phase2_due(const Ctx& c);
bool first_quick_mode(const Ctx& c);
bool later_qm1_duplicate(const Ctx& c);
bool later_qm3(const Ctx& c);
bool qm2_duplicate(const Ctx& c);
bool awaiting_qm3(const Ctx& c);
bool qm3_wait_exhausted(const Ctx& c);
// The answered quick mode is done with (installed or replaced): its QM2 is no longer re-sent,
// and the retransmission slot is freed unless our own request holds it (ikev1_info.cpp).
void stop_awaiting_qm3(Ctx& c);
void give_up_later_qm(Ctx& c);
void resend_qm3(Ctx& c);
bool pending_rekey(const Ctx& c);
bool pending_create(const Ctx& c);
bool pending_child_request(const Ctx& c);
bool child_request_exhausted(const Ctx& c);
void create_next_child(Ctx& c);
void create_wanted_child(Ctx& c);  // ChildWanted (RFC 4301 §5.2): Input::wanted's pair
void send_phase2_rekey(Ctx& c);
void reply_later_qm2(Ctx& c);
bool crossing_rekey(const Ctx& c);
bool crossing_rekey_won(const Ctx& c);
void drop_crossing_rekey(Ctx& c);
void yield_crossing_rekey(Ctx& c);
void resend_qm_reply(Ctx& c);
void install_later_qm(Ctx& c);
void install_rekeyed_child(Ctx& c);
void install_created_child(Ctx& c);
void note_child_request_refused(Ctx& c);
void give_up_child_request(Ctx& c);
// ikev1_main_rekey.cpp -- RFC 2409 §5 (phase 1 rekey by a new main mode)
bool own_rekey_msg(const Ctx& c);
bool own_rekey_mm6_bad(const Ctx& c);
bool pending_ike_rekey(const Ctx& c);
bool ike_rekey_exhausted(const Ctx& c);
bool peer_rekey_opens(const Ctx& c);
bool peer_rekey_proposal_ok(const Ctx& c);
bool peer_rekey_msg(const Ctx& c);
bool peer_rekey_duplicate(const Ctx& c);
bool peer_rekey_mm5_bad(const Ctx& c);
void send_rekey_mm1(Ctx& c);
void send_rekey_mm3(Ctx& c);
void send_rekey_mm5(Ctx& c);
void switch_to_own_rekey(Ctx& c);
void fail_own_rekey(Ctx& c);
void note_ike_rekey_refused(Ctx& c);
void retransmit_ike_rekey(Ctx& c);
void reply_rekey_mm2(Ctx& c);
void refuse_rekey_mm1(Ctx& c);
void reply_rekey_mm4(Ctx& c);
void reply_rekey_mm6(Ctx& c);
void refuse_rekey_mm5(Ctx& c);
void resend_rekey_reply(Ctx& c);

}  // namespace vpnsim::ike::v1::detail
