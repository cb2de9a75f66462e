// The trace vocabulary of the IKEv1 SA machine: state and event names as printed.
#include "models/ike/ikev1_sa.hpp"

namespace vpnsim::ike::v1 {

std::string_view to_string(State s) {
    switch (s) {
        case State::Idle:
            return "Idle";
        case State::MmSent1:
            return "MmSent1";
        case State::AmSent1:
            return "AmSent1";
        case State::MmSent3:
            return "MmSent3";
        case State::MmSent5:
            return "MmSent5";
        case State::MmReplied2:
            return "MmReplied2";
        case State::MmReplied4:
            return "MmReplied4";
        case State::QmSent1:
            return "QmSent1";
        case State::QmReplied2:
            return "QmReplied2";
        case State::Established:
            return "Established";
        case State::Failed:
            return "Failed";
    }
    return "?";
}

std::string_view to_string(Event e) {
    switch (e) {
        case Event::Start:
            return "Start";
        case Event::RecvMm1:
            return "RecvMm1";
        case Event::RecvAm1:
            return "RecvAm1";
        case Event::RecvMm2:
            return "RecvMm2";
        case Event::RecvMm3:
            return "RecvMm3";
        case Event::RecvMm4:
            return "RecvMm4";
        case Event::RecvMm5:
            return "RecvMm5";
        case Event::RecvMm6:
            return "RecvMm6";
        case Event::RecvQm1:
            return "RecvQm1";
        case Event::RecvQm2:
            return "RecvQm2";
        case Event::RecvQm3:
            return "RecvQm3";
        case Event::RecvNotify:
            return "RecvNotify";
        case Event::RetransmitTimerExpires:
            return "RetransmitTimerExpires";
        case Event::HalfOpenTimerExpires:
            return "HalfOpenTimerExpires";
        case Event::RecvRuThere:
            return "RecvRuThere";
        case Event::RecvRuThereAck:
            return "RecvRuThereAck";
        case Event::RecvDelete:
            return "RecvDelete";
        case Event::DpdDue:
            return "DpdDue";
        case Event::RekeyPhase2Due:
            return "RekeyPhase2Due";
        case Event::Phase2Expired:
            return "Phase2Expired";
        case Event::RekeyPhase1Due:
            return "RekeyPhase1Due";
        case Event::Phase1Expired:
            return "Phase1Expired";
        case Event::ChildWanted:
            return "ChildWanted";
    }
    return "?";
}

}  // namespace vpnsim::ike::v1
