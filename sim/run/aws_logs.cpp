// The AWS tunnel endpoint's CloudWatch-style logs (aws-facts.md "VPN logs"): the IKE stream
// from IKE steps, the BGP stream from BGP steps. `details` strings are AWS's documented ones,
// verbatim; each log line also goes into the trace, because it is evidence too.
#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "models/bgp/inbound.hpp"
#include "sim/run/gateway_node.hpp"
#include "sim/run/tunnel_end.hpp"
#include "sim/run/world.hpp"

namespace vpnsim::run {
namespace {

std::string join_as_path(const std::vector<std::uint32_t>& path) {
    std::string out;
    for (const auto asn : path) {
        if (!out.empty()) out += ' ';
        out += std::to_string(asn);
    }
    return out;
}

// A denied route's `details`. AWS documents the text for the AS_PATH case only; for a
// non-connected next hop (aws-facts.md "Route rejection") it documents the verdict but no
// wording, so only the verdict is written and the record's nextHopIp shows the address.
std::string denied_details(std::optional<bgp::Reason> denial) {
    if (denial == bgp::Reason::NextHopNotConnected) return "DENIED";
    return "DENIED due to: as-path contains our own AS";
}

// An SPI as fmt's "0x{:08x}" prints it: "0x" and eight lowercase hex digits.
void append_spi(std::string& out, std::uint32_t spi) {
    char buf[10] = {'0', 'x'};
    for (int i = 0; i < 8; ++i) buf[2 + i] = "0123456789abcdef"[(spi >> (28 - 4 * i)) & 0xfU];
    out.append(buf, sizeof buf);
}

void append_addr(std::string& out, net::Ipv4Addr a) {
    char buf[15];
    out.append(buf, a.write_to(buf));
}

// A log line as the trace shows it: in double quotes.
std::string quoted(std::string_view details) {
    std::string out;
    out.reserve(details.size() + 2);
    out += '"';
    out += details;
    out += '"';
    return out;
}

}  // namespace

void TunnelEnd::log_ike_line(std::string details) {
    // The log line is evidence too: it goes into the trace as well as the log stream.
    node_.world().trace().add({now(), name_, "cloudwatch", "", "ike-log", "", "", quoted(details)});
    // ike_phase1_state reads "rekeying" while our CREATE_CHILD_SA for the IKE SA is in flight.
    const bool rekeying = data_.pending == ike::Pending::RekeyIke;
    if (logs_.ike.size() >= node_.world().limits().log_events) {
        ++logs_.dropped;
        return;
    }
    logs_.ike.push_back(
        aws::IkeLogEvent{now(), std::move(details), cfg_.dpd_enabled, data_.nat_detected(),
                         rekeying ? aws::kRekeying : phase1_state(), phase2_state()});
}

void TunnelEnd::log_bgp_line(SimTime t, std::string_view status, std::string details,
                             std::optional<aws::RouteFields> route, std::string_view type) {
    node_.world().trace().add({t, name_, "cloudwatch", "", "bgp-log", "", "", quoted(details)});
    if (logs_.bgp.size() >= node_.world().limits().log_events) {
        ++logs_.dropped;
        return;
    }
    logs_.bgp.push_back(aws::BgpLogEvent{t, type, status, std::move(details), std::move(route)});
}

void TunnelEnd::log_phase2(const ike::ChildSa& ch) {
    // By hand rather than through fmt::format: every CHILD_SA the run installs logs this line.
    std::string details;
    details.reserve(192);
    details += "AWS tunnel Phase 2 SA is established with inbound SPI: ";
    append_spi(details, ch.spi_in);
    details += ": outbound SPI: ";
    append_spi(details, ch.spi_out);
    details += ": traffic selectors: (AWS-side) ";
    ipsec::append_to(details, ch.local_ts);
    details += " <=> (CGW-side) ";
    ipsec::append_to(details, ch.remote_ts);
    log_ike_line(std::move(details));
}

// The documented `details` strings (aws-facts.md "VPN logs"), verbatim.
void TunnelEnd::log_ike(ike::Reason reason, const ike::Message* m) {
    const net::Ipv4Addr cgw = peer_addr_;
    const auto request_id = m ? m->message_id : 0;
    const auto sent_id = data_.last_sent ? data_.last_sent->message_id : 0;
    const auto phase2_line = [&](const ike::ChildSa& ch) { log_phase2(ch); };
    const auto phase2_established = [&] { phase2_line(*data_.child); };
    switch (reason) {
        case ike::Reason::ProposalChosen:
            log_ike_line("AWS tunnel processed request (id=0) for IKE_SA_INIT");
            break;
        case ike::Reason::InvalidKePayload:  // answered; an IKE_SA_INIT one adds a round trip
            if (phase1_state() != aws::kEstablished) {
                log_ike_line("AWS tunnel processed request (id=0) for IKE_SA_INIT");
            }
            break;
        case ike::Reason::NoProposalChosen:
            log_ike_line(phase1_state() != aws::kEstablished
                             ? "No Proposal Match Found. Notifying with \"No proposal chosen\""
                             : "AWS tunnel Phase 2 was unable to establish while keeping Phase 1");
            break;
        case ike::Reason::AuthenticationFailed:
            log_ike_line(
                fmt::format("AWS tunnel detected a pre-shared key mismatch with cgw: {}", cgw));
            log_ike_line("AWS tunnel is sending AUTHENTICATION_FAILED as the response");
            break;
        case ike::Reason::TsUnacceptable:
            log_ike_line("AWS tunnel Phase 2 was unable to establish while keeping Phase 1");
            break;
        case ike::Reason::PeerTsUnacceptable:
            log_ike_line("AWS: Traffic Selector: TS_UNACCEPTABLE: received from responder");
            break;
        case ike::Reason::HalfOpenTimeout:
            log_ike_line(fmt::format(
                "AWS tunnel Timeout: deleting un-established Phase 1 IKE_SA with cgw: {}", cgw));
            break;
        case ike::Reason::Authenticated:
            if (data_.child_state == ike::ChildState::Installed) phase2_established();
            break;
        case ike::Reason::DpdTimeout:
            log_ike_line(
                fmt::format("AWS tunnel DPD timed out after {} retransmits", data_.retransmits));
            log_ike_line("Peer is not responsive - Declaring peer dead");
            break;
        case ike::Reason::RekeyInitiated:
            log_ike_line(
                fmt::format("AWS tunnel sending request (id={}) for CREATE_CHILD_SA", sent_id));
            break;
        case ike::Reason::ChildRekeyed:
            log_ike_line(fmt::format("AWS tunnel processed {} (id={}) for CREATE_CHILD_SA",
                                     m && m->response ? "response" : "request", request_id));
            // A further CHILD_SA's rekey: the line of the new SA (the peer's new SPI is ours
            // outbound).
            if (const auto it = std::find_if(
                    data_.more_children.begin(), data_.more_children.end(),
                    [&](const ike::ChildSa& ch) { return m && ch.spi_out == m->child_spi; });
                it != data_.more_children.end()) {
                phase2_line(*it);
            } else {
                phase2_established();
            }
            break;
        // A further CHILD_SA of a policy-based CGW (§1.3.1): the same documented line per SA.
        case ike::Reason::ChildCreated:
        case ike::Reason::ChildReplaced:  // one SA pair per tunnel: the new SA is the one
            log_ike_line(fmt::format("AWS tunnel processed request (id={}) for CREATE_CHILD_SA",
                                     request_id));
            if (data_.more_children.empty()) {
                phase2_established();
            } else {
                phase2_line(data_.more_children.back());
            }
            break;
        case ike::Reason::ChildCreateRefused:
        case ike::Reason::RekeyFailed:
            log_ike_line("AWS tunnel Phase 2 was unable to establish while keeping Phase 1");
            break;
        case ike::Reason::PeerDeletedChild:
            if (m && m->del) {
                for (const auto spi : m->del->spis) {
                    log_ike_line(fmt::format(
                        "AWS tunnel received DELETE for Phase 2 SA with SPI: 0x{:08x}", spi));
                }
            }
            break;
        case ike::Reason::PeerDeletedIkeSa:
        case ike::Reason::PeerDeletedOldIkeSa:  // the CGW ends the IKE SA it rekeyed (§2.8)
            log_ike_line("AWS tunnel received DELETE for IKE_SA from CGW");
            break;
        // IKE SA rekey (§1.3.2): a CREATE_CHILD_SA exchange like any other in AWS's log.
        case ike::Reason::IkeRekeyInitiated:
            log_ike_line(
                fmt::format("AWS tunnel sending request (id={}) for CREATE_CHILD_SA", sent_id));
            break;
        case ike::Reason::IkeRekeyed:
        case ike::Reason::IkeRekeyCollision:
        case ike::Reason::IkeRekeyCollisionLost:
            log_ike_line(fmt::format("AWS tunnel processed {} (id={}) for CREATE_CHILD_SA",
                                     m && m->response ? "response" : "request", request_id));
            break;
        case ike::Reason::IkeRekeyRefused:
            log_ike_line("No Proposal Match Found by AWS");
            break;
        case ike::Reason::PayloadDecryptionFailed:
            log_ike_line(
                "AWS tunnel payload decryption was unsuccessful due to invalid Pre-shared Key");
            break;
        case ike::Reason::InvalidIdInformation:
            log_ike_line("AWS tunnel Phase 2 was unable to establish while keeping Phase 1");
            break;
        case ike::Reason::QuickModeComplete:
            if (data_.child_state == ike::ChildState::Installed) phase2_established();
            break;
        case ike::Reason::PeerRefusedChild:  // AWS never initiates further CHILD_SAs
        case ike::Reason::ChildOnDemand:
        case ike::Reason::KeysExchanged:
        case ike::Reason::PeerPayloadMalformed:
        case ike::Reason::PeerInvalidIdInformation:
        case ike::Reason::AggressiveModeRefused:  // AWS documents no line for it
        case ike::Reason::PeerInvalidExchangeType:
        case ike::Reason::LivenessCheck:
        case ike::Reason::LivenessAnswered:
        case ike::Reason::PeerAlive:
        case ike::Reason::RekeyCollision:
        case ike::Reason::PeerTemporaryFailure:
        case ike::Reason::RekeyRefused:
        case ike::Reason::PeerInvalidKePayload:
        case ike::Reason::OldChildDeleted:
        case ike::Reason::ChildExpired:
        case ike::Reason::IkeRekeyAbandoned:
        case ike::Reason::IkeRekeyDeferred:
        case ike::Reason::IkeRekeyFailed:
        case ike::Reason::OldIkeSaDeleted:
        case ike::Reason::IkeExpired:
        case ike::Reason::None:
        case ike::Reason::Initiated:
        case ike::Reason::PeerNoProposalChosen:
        case ike::Reason::PeerAuthenticationFailed:
        case ike::Reason::TsNotSubset:
        case ike::Reason::Retransmit:
        case ike::Reason::RetransmitLimit:
        case ike::Reason::DuplicateRequest:
        case ike::Reason::StaleResponse:
        case ike::Reason::UnexpectedEvent:
            break;
    }
}

void TunnelEnd::log_route(std::string_view status, std::string details,
                          const net::Ipv4Prefix& prefix, const bgp::Update& u) {
    log_bgp_line(now(), status, std::move(details),
                 aws::RouteFields{prefix.to_string(), join_as_path(u.as_path), u.med,
                                  u.next_hop.to_string()},
                 "RouteStatus");
}

// AWS's BGP log, from the structured step (never from trace text).
void TunnelEnd::on_bgp_step(const bgp::Config& cfg, const bgp::Data& before, bgp::State from,
                            const bgp::Input& in, const bgp::StepResult& r) {
    if (!cfg_.aws_side) return;
    const auto neighbor = cfg_.bgp->peer_addr;
    const auto* update = std::get_if<bgp::Update>(&in.message);
    // Not a switch: only these few reasons write a line; the rest only change state.
    if (r.reason == bgp::Reason::BadPeerAs) {
        if (const auto* open = std::get_if<bgp::Open>(&in.message)) {
            log_bgp_line(now(), "DOWN",
                         fmt::format("AWS-side peer detected a bad OPEN message from neighbor "
                                     "{} - remote AS is {}, expected {}",
                                     neighbor, open->my_as, cfg.peer_as));
        }
    } else if (r.reason == bgp::Reason::HoldTimerExpired) {
        log_bgp_line(now(), "DOWN",
                     fmt::format("AWS-side peer sent a Hold Timer Expired notification to "
                                 "neighbor {}",
                                 neighbor));
    } else if (r.reason == bgp::Reason::MaxPrefixExceeded) {
        bgp::PrefixSet received = before.accepted;
        if (update) received.insert(update->nlri.begin(), update->nlri.end());
        log_bgp_line(now(), "DOWN",
                     fmt::format("AWS-side peer detected the maximum prefix limit was "
                                 "exceeded - received {} prefixes from neighbor {}, limit is {}",
                                 received.size(), neighbor, cfg.max_prefixes.value_or(0)));
        log_bgp_line(now(), "DOWN",
                     fmt::format("AWS-side peer sent a notification 6/1 (Cease/Maximum Number "
                                 "of Prefixes Reached) to neighbor {}",
                                 neighbor));
    } else if (update && (r.reason == bgp::Reason::UpdateReceived ||
                          r.reason == bgp::Reason::AsPathContainsOwnAs)) {
        const auto denial = bgp::import_denial(cfg, *update);
        for (const auto& p : update->nlri) {
            if (r.data.accepted.count(p) != 0 && before.accepted.count(p) == 0) {
                log_route("UPDATED", fmt::format("route {} received from neighbor {}", p, neighbor),
                          p, *update);
            } else if (r.data.accepted.count(p) == 0) {
                log_route("UPDATED", denied_details(denial), p, *update);
            }
        }
        for (const auto& p : update->withdrawn) {
            if (before.accepted.count(p) != 0) {
                log_route("WITHDRAWN",
                          fmt::format("route {} withdrawn by neighbor {}", p, neighbor), p,
                          *update);
            }
        }
    }
    if (from != r.next) {
        // By hand rather than through fmt::format: a flapping session logs many of these.
        std::string details = "AWS-side peer BGP session state has changed from ";
        details += bgp::to_string(from);
        details += " to ";
        details += bgp::to_string(r.next);
        details += " with neighbor ";
        append_addr(details, neighbor);
        log_bgp_line(now(), r.next == bgp::State::Established ? "UP" : "DOWN", std::move(details));
    }
}

}  // namespace vpnsim::run
