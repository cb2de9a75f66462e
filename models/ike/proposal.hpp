// DOC: IKE and ESP proposals, and how AWS chooses among them.
// An SA payload here is one proposal listing the acceptable transforms of each type
// (RFC 7296 §3.3: transforms of the same type inside one proposal are alternatives). The
// responder answers with exactly one transform per type. AWS's rule ("AWS evaluates the CGW's
// proposals starting from the lowest value in its own configured list, whatever order the CGW
// proposes", aws-facts.md "Tunnel options") is select(): walk the responder's own list in order
// and take the first value the initiator offered.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace vpnsim::ike {

// Names as the AWS API spells them.
enum class Encr : std::uint8_t { Aes128, Aes256, Aes128Gcm16, Aes256Gcm16 };
enum class Integ : std::uint8_t { Sha1, Sha2_256, Sha2_384, Sha2_512 };

std::string_view to_string(Encr e);   // "AES128", "AES256", "AES128-GCM-16", "AES256-GCM-16"
std::string_view to_string(Integ i);  // "SHA1", "SHA2-256", "SHA2-384", "SHA2-512"
std::optional<Encr> parse_encr(std::string_view s);
std::optional<Integ> parse_integ(std::string_view s);
bool is_aead(Encr e);  // GCM carries its own integrity (RFC 4106): no separate integ transform

struct Proposal {
    std::vector<Encr> encr;
    std::vector<Integ> integ;
    std::vector<std::uint16_t> dh;  // IKE: KE groups; ESP: PFS groups
    auto operator<=>(const Proposal&) const = default;
};

struct Chosen {
    Encr encr{};
    std::optional<Integ> integ;  // absent for AEAD ciphers
    std::uint16_t dh{0};
    auto operator<=>(const Chosen&) const = default;
};

// Which transform type had no common value (for the trace and the diagnosis).
enum class Mismatch : std::uint8_t { None, Encryption, Integrity, DhGroup };
std::string_view to_string(Mismatch m);  // "none", "encryption", "integrity", "dh-group"

struct Selection {
    std::optional<Chosen> chosen;
    Mismatch mismatch{Mismatch::None};
};

// Responder-side selection in the responder's configured order (see DOC above). The CHILD_SA
// created inside IKE_AUTH carries no KE payload (RFC 7296 §1.2), so its DH (PFS) group is not
// negotiated there: pass negotiate_dh = false and Chosen::dh is 0.
Selection select(const Proposal& responder_config, const Proposal& offered,
                 bool negotiate_dh = true);

// A one-transform-per-type Proposal, as carried in a response.
Proposal as_proposal(const Chosen& c);
// "AES128/SHA1/14"-style summary for traces.
std::string to_string(const Chosen& c);
std::string to_string(const Proposal& p);

}  // namespace vpnsim::ike
