// DOC: IKE and ESP proposals, and how AWS chooses among them.
// An SA payload here is one proposal listing the acceptable transforms of each type
// (RFC 7296 §3.3: transforms of the same type inside one proposal are alternatives). The
// responder answers with exactly one transform per type. AWS's rule ("AWS evaluates the CGW's
// proposals starting from the lowest value in its own configured list, whatever order the CGW
// proposes", aws-facts.md "Tunnel options") is select(): walk the responder's own list in order
// and take the first value the initiator offered.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "models/common/enum_format.hpp"

namespace vpnsim::ike {

// Names as the AWS API spells them. AWS offers the first four of each; the legacy ones after
// them (DES, 3DES, AES192; MD5) are what older customer gateways still propose -- the most
// common phase 1 mismatch -- and only a CGW may list them.
enum class Encr : std::uint8_t { Aes128, Aes256, Aes128Gcm16, Aes256Gcm16, Des, TripleDes, Aes192 };
enum class Integ : std::uint8_t { Sha1, Sha2_256, Sha2_384, Sha2_512, Md5 };

// "AES128", "AES256", "AES128-GCM-16", "AES256-GCM-16", "DES", "3DES", "AES192"
std::string_view to_string(Encr e);
// "SHA1", "SHA2-256", "SHA2-384", "SHA2-512", "MD5"
std::string_view to_string(Integ i);
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
// "AES128/SHA1/14"-style summary for traces (also Chosen's fmt::formatter).
std::string to_string(const Chosen& c);
void append_to(std::string& out, const Chosen& c);
// "encr=AES128,AES256 integ=SHA1 dh=14,2"
std::string to_string(const Proposal& p);
void append_to(std::string& out, const Proposal& p);

// A Proposal as an argument of deferred trace text (models/common/deferred_text.hpp), printed
// as to_string(Proposal) prints it. Up to kInline transforms of each type are held by value,
// so the text may be rendered after the proposal is gone (lasting()); a longer proposal is
// only viewed, and text that shows it must be rendered while the proposal still exists.
class ProposalText {
  public:
    static constexpr std::size_t kInline = 4;
    explicit ProposalText(const Proposal& p);
    bool lasting() const { return proposal_ == nullptr; }
    void append_to(std::string& out) const;

  private:
    const Proposal* proposal_{nullptr};  // set when a list is longer than kInline
    std::uint8_t n_encr_{0};
    std::uint8_t n_integ_{0};
    std::uint8_t n_dh_{0};
    std::array<Encr, kInline> encr_{};
    std::array<Integ, kInline> integ_{};
    std::array<std::uint16_t, kInline> dh_{};
};

}  // namespace vpnsim::ike

template <>
struct fmt::formatter<vpnsim::ike::Chosen> : vpnsim::AppendFormatter<vpnsim::ike::Chosen> {};

template <>
struct fmt::formatter<vpnsim::ike::ProposalText>
    : vpnsim::AppendFormatter<vpnsim::ike::ProposalText> {};
