#include "models/ike/message.hpp"

#include <algorithm>

#include "models/common/hash.hpp"

namespace vpnsim::ike {

std::string_view to_string(Exchange e) {
    switch (e) {
        case Exchange::IkeSaInit: return "IKE_SA_INIT";
        case Exchange::IkeAuth: return "IKE_AUTH";
        case Exchange::CreateChildSa: return "CREATE_CHILD_SA";
        case Exchange::Informational: return "INFORMATIONAL";
        case Exchange::MainMode: return "MAIN_MODE";
        case Exchange::AggressiveMode: return "AGGRESSIVE_MODE";
        case Exchange::QuickMode: return "QUICK_MODE";
        case Exchange::InformationalV1: return "ISAKMP_INFORMATIONAL";
    }
    return "?";
}

std::string_view to_string(NotifyType n) {
    switch (n) {
        case NotifyType::InvalidExchangeType: return "INVALID_EXCHANGE_TYPE";
        case NotifyType::NoProposalChosen: return "NO_PROPOSAL_CHOSEN";
        case NotifyType::PayloadMalformed: return "PAYLOAD_MALFORMED";
        case NotifyType::InvalidKePayload:
            return "INVALID_KE_PAYLOAD";
        case NotifyType::InvalidIdInformation: return "INVALID_ID_INFORMATION";
        case NotifyType::AuthenticationFailed: return "AUTHENTICATION_FAILED";
        case NotifyType::TsUnacceptable: return "TS_UNACCEPTABLE";
        case NotifyType::TemporaryFailure: return "TEMPORARY_FAILURE";
        case NotifyType::ChildSaNotFound: return "CHILD_SA_NOT_FOUND";
        case NotifyType::RekeySa: return "REKEY_SA";
        case NotifyType::NatDetectionSourceIp: return "NAT_DETECTION_SOURCE_IP";
        case NotifyType::NatDetectionDestinationIp: return "NAT_DETECTION_DESTINATION_IP";
        case NotifyType::RUThere:
            return "R-U-THERE";
        case NotifyType::RUThereAck:
            return "R-U-THERE-ACK";
    }
    return "?";
}

bool Message::has_notify(NotifyType t) const {
    return std::any_of(notifies.begin(), notifies.end(),
                       [t](const Notify& n) { return n.type == t; });
}

std::optional<NotifyType> Message::error() const {
    for (const auto& n : notifies) {
        if (static_cast<std::uint16_t>(n.type) < 16384) return n.type;
    }
    return std::nullopt;
}

std::optional<std::uint64_t> Message::notify_data(NotifyType t) const {
    for (const auto& n : notifies) {
        if (n.type == t) return n.data;
    }
    return std::nullopt;
}

std::uint64_t auth_value(std::string_view psk, std::uint64_t spi_i, std::uint64_t spi_r,
                         bool initiator) {
    std::uint64_t h = stable_hash("Key Pad for IKEv2");
    h = stable_hash(psk, h);
    h = mix(h, spi_i);
    h = mix(h, spi_r);
    return mix(h, initiator ? 1 : 2);
}

std::uint64_t natd_hash(std::uint64_t spi_i, std::uint64_t spi_r, net::Ipv4Addr ip,
                        std::uint16_t port) {
    return mix(mix(mix(mix(stable_hash("natd"), spi_i), spi_r), ip.value), port);
}

}  // namespace vpnsim::ike
