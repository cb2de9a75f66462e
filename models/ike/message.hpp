// DOC: IKEv2 messages as typed values (RFC 7296 §3).
// A message carries the payloads the model reasons about; cryptography is abstracted to stable
// hashes: a KE payload names its group, AUTH is a keyed hash of the PSK and the exchange
// (§2.15), NAT_DETECTION_* carry a hash of (SPIs, address, port) (§2.23). Nothing is encrypted,
// so the trace can show every payload, but a wrong PSK still fails exactly where it does on a
// real responder: when the AUTH payload is verified.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "models/common/ipv4.hpp"
#include "models/ike/proposal.hpp"
#include "models/ipsec/traffic_selector.hpp"

namespace vpnsim::ike {

// RFC 7296 §3.1 exchange types; then IKEv1's (RFC 2408 §4.1, RFC 2409 §5): Identity Protection
// (main mode), Quick Mode, and the ISAKMP Informational exchange.
enum class Exchange : std::uint8_t {
    IkeSaInit,
    IkeAuth,
    CreateChildSa,
    Informational,
    MainMode,
    AggressiveMode,  // RFC 2409 §5.4; AWS supports main mode only (aws-facts.md)
    QuickMode,
    InformationalV1
};
std::string_view to_string(Exchange e);

// RFC 7296 §3.10.1 notify message types (error types < 16384, status types >= 16384).
enum class NotifyType : std::uint16_t {
    InvalidExchangeType = 7,  // IKEv1 (RFC 2408 §3.14.1): an exchange the responder refuses
    NoProposalChosen = 14,
    PayloadMalformed = 16,
    InvalidKePayload = 17,  // §1.3.3: KEi is not for the group chosen; data = the group wanted //
                            // IKEv1 (RFC 2408 §3.14.1): e.g. undecryptable after a PSK mismatch
    InvalidIdInformation = 18,  // IKEv1 (RFC 2408 §3.14.1): quick-mode proxy IDs refused
    AuthenticationFailed = 24,
    TsUnacceptable = 38,
    TemporaryFailure = 43,  // §2.25: "retry later", e.g. a rekey collision
    ChildSaNotFound = 44,   // §2.25: the SA named in REKEY_SA does not exist
    NatDetectionSourceIp = 16388,
    NatDetectionDestinationIp = 16389,
    RekeySa = 16393,  // §1.3.3: data = the SPI of the CHILD_SA being rekeyed
    // IKEv1 DPD (RFC 3706 §5.3): status notifies in an ISAKMP Informational exchange; data =
    // the sequence number (§6), which the ACK echoes.
    RUThere = 36136,
    RUThereAck = 36137,
};
std::string_view to_string(NotifyType n);  // "NO_PROPOSAL_CHOSEN", ...

struct Notify {
    NotifyType type{};
    std::uint64_t data{0};  // NAT-D hash; 0 otherwise
    auto operator<=>(const Notify&) const = default;
};

// RFC 7296 §3.11 Delete payload: the whole IKE SA, or ESP SAs named by the SPIs the sender
// expects to receive on (its inbound SPIs).
struct DeletePayload {
    bool ike{false};
    std::vector<std::uint32_t> spis;
    auto operator<=>(const DeletePayload&) const = default;
};

// IKEv1 vendor IDs a peer sends in main mode 1/2 to announce an extension (a bit set here):
// RFC 3947 NAT traversal (§3.1) and RFC 3706 dead peer detection (§5.1).
inline constexpr std::uint8_t kVidNatT = 1U << 0;
inline constexpr std::uint8_t kVidDpd = 1U << 1;

struct Message {
    std::uint8_t version{2};  // IKE major version (RFC 7296 §3.1; IKEv1 = 1)
    std::uint8_t v1_msg{0};   // IKEv1: position in its exchange (main mode 1-6, quick mode 1-3)
    Exchange exchange{Exchange::IkeSaInit};
    bool response{false};
    std::uint32_t message_id{0};
    std::uint64_t spi_i{0};
    std::uint64_t spi_r{0};
    std::optional<Proposal> sa;         // SAi1/SAr1 (IKE), SAi2/SAr2 (CHILD); a response
                                        // carries exactly one transform of each type
    std::optional<std::uint16_t> ke;    // KEi/KEr Diffie-Hellman group
    std::optional<net::Ipv4Addr> id;    // IDi / IDr, type ID_IPV4_ADDR
    std::optional<std::uint64_t> auth;  // AUTH (shared key MIC), see auth_value()
    std::optional<std::uint32_t> child_spi;  // SPI of the ESP proposal in SAi2/SAr2
    // RFC 7296 §1.3.2, §2.18: a CREATE_CHILD_SA that rekeys the IKE SA carries an IKE proposal
    // whose SPI field holds the new IKE SA's SPI (the sender's: SPIi in the request, SPIr in
    // the response), and no TS payloads. Set only in such a message.
    std::optional<std::uint64_t> ike_spi;
    // Ni / Nr (§3.9), abstracted to a random number; compared to settle a simultaneous IKE SA
    // rekey (§2.8.1's nonce rule as §2.8.2 applies it). Carried only by IKE SA rekeys here.
    std::optional<std::uint64_t> nonce;
    ipsec::TsList tsi;
    ipsec::TsList tsr;
    // IKEv2 notifies; IKEv1 also carries its NAT-D payloads here (RFC 3947 §3.2: the first
    // hashes the receiver's address and port, as NAT_DETECTION_DESTINATION_IP; the next the
    // sender's, as NAT_DETECTION_SOURCE_IP) and its ISAKMP notifies (R-U-THERE, errors).
    std::vector<Notify> notifies;
    std::optional<DeletePayload> del;  // INFORMATIONAL only (IKEv1: ISAKMP Delete, RFC 2408 §3.15)
    std::uint8_t vendor_ids{0};        // IKEv1 main mode 1/2: kVidNatT | kVidDpd

    bool has_notify(NotifyType t) const;
    // First error notify (type < 16384), if any.
    std::optional<NotifyType> error() const;
    // The data of the first notify of type t (REKEY_SA's SPI), if present.
    std::optional<std::uint64_t> notify_data(NotifyType t) const;
};

// AUTH = prf(prf(Shared Secret, "Key Pad for IKEv2"), <SignedOctets>) (RFC 7296 §2.15),
// abstracted as a stable hash of the PSK, both SPIs and the signer's role.
std::uint64_t auth_value(std::string_view psk, std::uint64_t spi_i, std::uint64_t spi_r,
                         bool initiator);

// NAT_DETECTION_*_IP = SHA-1(SPIi | SPIr | IP | Port) (RFC 7296 §2.23), as a stable hash.
std::uint64_t natd_hash(std::uint64_t spi_i, std::uint64_t spi_r, net::Ipv4Addr ip,
                        std::uint16_t port);

}  // namespace vpnsim::ike
