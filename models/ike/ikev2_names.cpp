// The trace vocabulary of the IKEv2 SA machine: state and event names as printed.
#include "models/ike/ikev2_sa.hpp"

namespace vpnsim::ike {

std::string_view to_string(IkeState s) {
    switch (s) {
        case IkeState::Idle:
            return "Idle";
        case IkeState::InitSent:
            return "InitSent";
        case IkeState::InitReplied:
            return "InitReplied";
        case IkeState::AuthSent:
            return "AuthSent";
        case IkeState::Established:
            return "Established";
        case IkeState::Failed:
            return "Failed";
    }
    return "?";
}

std::string_view to_string(IkeEvent e) {
    switch (e) {
        case IkeEvent::Start:
            return "Start";
        case IkeEvent::RecvInitRequest:
            return "RecvInitRequest";
        case IkeEvent::RecvInitResponse:
            return "RecvInitResponse";
        case IkeEvent::RecvAuthRequest:
            return "RecvAuthRequest";
        case IkeEvent::RecvAuthResponse:
            return "RecvAuthResponse";
        case IkeEvent::RetransmitTimerExpires:
            return "RetransmitTimerExpires";
        case IkeEvent::HalfOpenTimerExpires:
            return "HalfOpenTimerExpires";
        case IkeEvent::LivenessCheckDue:
            return "LivenessCheckDue";
        case IkeEvent::RekeyChildDue:
            return "RekeyChildDue";
        case IkeEvent::ChildExpired:
            return "ChildExpired";
        case IkeEvent::RekeyIkeDue:
            return "RekeyIkeDue";
        case IkeEvent::IkeExpired:
            return "IkeExpired";
        case IkeEvent::RecvInfoRequest:
            return "RecvInfoRequest";
        case IkeEvent::RecvInfoResponse:
            return "RecvInfoResponse";
        case IkeEvent::RecvCreateChildRequest:
            return "RecvCreateChildRequest";
        case IkeEvent::RecvCreateChildResponse:
            return "RecvCreateChildResponse";
        case IkeEvent::ChildWanted:
            return "ChildWanted";
    }
    return "?";
}

std::string_view to_string(ChildState s) {
    switch (s) {
        case ChildState::None:
            return "None";
        case ChildState::Installed:
            return "Installed";
        case ChildState::Failed:
            return "Failed";
    }
    return "?";
}

std::string_view to_string(Pending p) {
    switch (p) {
        case Pending::None:
            return "none";
        case Pending::Dpd:
            return "liveness-check";
        case Pending::RekeyChild:
            return "rekey";
        case Pending::DeleteChild:
            return "delete";
        case Pending::RekeyIke:
            return "ike-rekey";
        case Pending::DeleteIke:
            return "delete-ike-sa";
        case Pending::CreateChild:
            return "create-child";
        case Pending::QuickModeReply:
            return "quick-mode-reply";
    }
    return "?";
}

std::string_view to_string(Reason r) {
    switch (r) {
        case Reason::None:
            return "";
        case Reason::Initiated:
            return "initiated";
        case Reason::ProposalChosen:
            return "proposal-chosen";
        case Reason::NoProposalChosen:
            return "no-proposal-chosen";
        case Reason::PeerNoProposalChosen:
            return "peer-no-proposal-chosen";
        case Reason::Authenticated:
            return "authenticated";
        case Reason::AuthenticationFailed:
            return "authentication-failed";
        case Reason::PeerAuthenticationFailed:
            return "peer-authentication-failed";
        case Reason::TsUnacceptable:
            return "ts-unacceptable";
        case Reason::PeerTsUnacceptable:
            return "peer-ts-unacceptable";
        case Reason::TsNotSubset:
            return "ts-not-subset";
        case Reason::Retransmit:
            return "retransmit";
        case Reason::RetransmitLimit:
            return "retransmit-limit";
        case Reason::HalfOpenTimeout:
            return "half-open-timeout";
        case Reason::StaleResponse:
            return "stale-response";
        case Reason::DuplicateRequest:
            return "duplicate-request";
        case Reason::LivenessCheck:
            return "liveness-check";
        case Reason::LivenessAnswered:
            return "liveness-answered";
        case Reason::PeerAlive:
            return "peer-alive";
        case Reason::DpdTimeout:
            return "dpd-timeout";
        case Reason::RekeyInitiated:
            return "rekey-initiated";
        case Reason::ChildRekeyed:
            return "child-rekeyed";
        case Reason::RekeyCollision:
            return "rekey-collision";
        case Reason::PeerTemporaryFailure:
            return "peer-temporary-failure";
        case Reason::RekeyFailed:
            return "rekey-failed";
        case Reason::RekeyRefused:
            return "rekey-refused";
        case Reason::InvalidKePayload:
            return "invalid-ke-payload";
        case Reason::PeerInvalidKePayload:
            return "peer-invalid-ke-payload";
        case Reason::OldChildDeleted:
            return "old-child-deleted";
        case Reason::PeerDeletedChild:
            return "peer-deleted-child";
        case Reason::PeerDeletedIkeSa:
            return "peer-deleted-ike-sa";
        case Reason::ChildExpired:
            return "child-expired";
        case Reason::IkeRekeyInitiated:
            return "ike-rekey-initiated";
        case Reason::IkeRekeyed:
            return "ike-rekeyed";
        case Reason::IkeRekeyCollision:
            return "ike-rekey-collision";
        case Reason::IkeRekeyCollisionLost:
            return "ike-rekey-collision-lost";
        case Reason::IkeRekeyAbandoned:
            return "ike-rekey-abandoned";
        case Reason::IkeRekeyDeferred:
            return "ike-rekey-deferred";
        case Reason::IkeRekeyFailed:
            return "ike-rekey-failed";
        case Reason::IkeRekeyRefused:
            return "ike-rekey-refused";
        case Reason::OldIkeSaDeleted:
            return "old-ike-sa-deleted";
        case Reason::PeerDeletedOldIkeSa:
            return "peer-deleted-old-ike-sa";
        case Reason::IkeExpired:
            return "ike-expired";
        case Reason::ChildCreated:
            return "child-created";
        case Reason::ChildCreateRefused:
            return "child-create-refused";
        case Reason::PeerRefusedChild:
            return "peer-refused-child";
        case Reason::ChildOnDemand:
            return "child-on-demand";
        case Reason::ChildReplaced:
            return "child-replaced";
        case Reason::KeysExchanged:
            return "keys-exchanged";
        case Reason::PayloadDecryptionFailed:
            return "payload-decryption-failed";
        case Reason::PeerPayloadMalformed:
            return "peer-payload-malformed";
        case Reason::AggressiveModeRefused:
            return "aggressive-mode-refused";
        case Reason::PeerInvalidExchangeType:
            return "peer-invalid-exchange-type";
        case Reason::InvalidIdInformation:
            return "invalid-id-information";
        case Reason::PeerInvalidIdInformation:
            return "peer-invalid-id-information";
        case Reason::QuickModeComplete:
            return "quick-mode-complete";
        case Reason::UnexpectedEvent:
            return "unexpected-event";
    }
    return "?";
}

}  // namespace vpnsim::ike
