// The helpers every IKEv2 exchange uses (declared in ikev2_detail.hpp).
#include <fmt/format.h>

#include <cmath>

#include "models/ike/ikev2_detail.hpp"

namespace vpnsim::ike {
namespace detail {

// ---------------------------------------------------------------- helpers

void emit(Ctx& c, Action a) {
    c.out.actions.push_back(std::move(a));
}
void emit(Ctx& c, Action::Kind k) {
    emit(c, Action{k, {}, Timer::Retransmit, {}});
}

void send(Ctx& c, Message m) {
    c.d().last_sent = m;
    emit(c, Action{Action::Kind::Send, std::move(m), Timer::Retransmit, {}});
}

// The response answers our pending request: same IKE SA, same Message ID (§2.2).
bool answers_pending(const Ctx& c) {
    const auto& sent = c.d().last_sent;
    return sent && c.msg().spi_i == sent->spi_i && c.msg().message_id == sent->message_id;
}

void reply(Ctx& c, Message m) {
    emit(c, Action{Action::Kind::Send, std::move(m), Timer::Retransmit, {}});
}

void arm(Ctx& c, Timer t, SimTime after) {
    emit(c, Action{Action::Kind::ArmTimer, {}, t, after});
}
void cancel(Ctx& c, Timer t) {
    emit(c, Action{Action::Kind::CancelTimer, {}, t, {}});
}

Message header(const Ctx& c, Exchange ex, bool response, std::uint32_t id) {
    Message m;
    m.exchange = ex;
    m.response = response;
    m.message_id = id;
    m.spi_i = c.d().spi_i;
    m.spi_r = c.d().spi_r;
    return m;
}

Message reply_header(const Ctx& c, Exchange ex) {
    Message m = header(c, ex, true, c.msg().message_id);
    m.spi_i = c.msg().spi_i;
    m.spi_r = c.msg().spi_r;
    return m;
}

void fail(Ctx& c, Reason r, std::optional<NotifyType> n) {
    c.out.reason = r;
    c.d().failure = n;
}

DeferredText child_summary(const ChildSa& ch) {
    return text("TSi {} TSr {} spi_in 0x{:08x} spi_out 0x{:08x} {}", ipsec::TsText(ch.remote_ts),
                ipsec::TsText(ch.local_ts), ch.spi_in, ch.spi_out, ch.chosen);
}

SimTime backoff(const Config& cfg, int n) {
    return SimTime(static_cast<std::int64_t>(static_cast<double>(cfg.retransmit_timeout.count()) *
                                             std::pow(kRetransmitBase, n)));
}

void retransmit(Ctx& c) {
    const int n = ++c.d().retransmits;
    const auto after = backoff(c.cfg, n);
    emit(c, Action{Action::Kind::Send, *c.d().last_sent, Timer::Retransmit, {}});
    arm(c, Timer::Retransmit, after);
    c.out.reason = Reason::Retransmit;
    c.out.detail = text("retransmit #{} of {}, next timeout {}", n,
                        to_string(c.d().last_sent->exchange), TimeText{after});
}

}  // namespace detail

}  // namespace vpnsim::ike
