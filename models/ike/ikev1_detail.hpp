// DOC: internal to the IKEv1 SA machine: the step context, its helpers and the quick-mode
// guards/actions (ikev1_quick.cpp, RFC 2409 §5.5). The table is in ikev1_sa.cpp.
#pragma once

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

}  // namespace vpnsim::ike::v1::detail
