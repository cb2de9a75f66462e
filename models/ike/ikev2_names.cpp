// The trace vocabulary of the IKEv2 SA machine: state and event names as printed.
#include "models/ike/ikev2_sa.hpp"

namespace vpnsim::ike {

std::string_view to_string(IkeState s) {
    switch (s) {
        case IkeState::Idle: return "Idle";
        case IkeState::InitSent: return "InitSent";
        case IkeState::InitReplied: return "InitReplied";
        case IkeState::AuthSent: return "AuthSent";
        case IkeState::Established: return "Established";
        case IkeState::Failed: return "Failed";
    }
    return "?";
}

std::string_view to_string(IkeEvent e) {
    switch (e) {
        case IkeEvent::Start: return "Start";
        case IkeEvent::RecvInitRequest: return "RecvInitRequest";
        case IkeEvent::RecvInitResponse: return "RecvInitResponse";
        case IkeEvent::RecvAuthRequest: return "RecvAuthRequest";
        case IkeEvent::RecvAuthResponse: return "RecvAuthResponse";
        case IkeEvent::RetransmitTimerExpires: return "RetransmitTimerExpires";
        case IkeEvent::HalfOpenTimerExpires: return "HalfOpenTimerExpires";
    }
    return "?";
}

std::string_view to_string(ChildState s) {
    switch (s) {
        case ChildState::None: return "None";
        case ChildState::Installed: return "Installed";
        case ChildState::Failed: return "Failed";
    }
    return "?";
}

std::string_view to_string(Reason r) {
    switch (r) {
        case Reason::None: return "";
        case Reason::Initiated: return "initiated";
        case Reason::ProposalChosen: return "proposal-chosen";
        case Reason::NoProposalChosen: return "no-proposal-chosen";
        case Reason::PeerNoProposalChosen: return "peer-no-proposal-chosen";
        case Reason::Authenticated: return "authenticated";
        case Reason::AuthenticationFailed: return "authentication-failed";
        case Reason::PeerAuthenticationFailed: return "peer-authentication-failed";
        case Reason::TsUnacceptable: return "ts-unacceptable";
        case Reason::PeerTsUnacceptable: return "peer-ts-unacceptable";
        case Reason::TsNotSubset: return "ts-not-subset";
        case Reason::Retransmit: return "retransmit";
        case Reason::RetransmitLimit: return "retransmit-limit";
        case Reason::HalfOpenTimeout: return "half-open-timeout";
        case Reason::DuplicateRequest: return "duplicate-request";
        case Reason::UnexpectedEvent: return "unexpected-event";
    }
    return "?";
}

}  // namespace vpnsim::ike
