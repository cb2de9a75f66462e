#include "models/ike/proposal.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <iterator>
#include <string>
#include <type_traits>

namespace vpnsim::ike {
namespace {

// In the enums' order.
constexpr std::array kEncrNames{
    std::string_view{"AES128"},        std::string_view{"AES256"},
    std::string_view{"AES128-GCM-16"}, std::string_view{"AES256-GCM-16"},
    std::string_view{"DES"},           std::string_view{"3DES"},
    std::string_view{"AES192"}};
constexpr std::array kIntegNames{std::string_view{"SHA1"}, std::string_view{"SHA2-256"},
                                 std::string_view{"SHA2-384"}, std::string_view{"SHA2-512"},
                                 std::string_view{"MD5"}};

template <typename T>
std::optional<T> first_common(const std::vector<T>& mine, const std::vector<T>& theirs) {
    for (const T& v : mine) {
        if (std::find(theirs.begin(), theirs.end(), v) != theirs.end()) return v;
    }
    return std::nullopt;
}

// "a,b,c": the names of encr/integ transforms, the numbers of DH groups.
template <typename T>
void append_list(std::string& out, const T* items, std::size_t n) {
    for (std::size_t i = 0; i < n; ++i) {
        if (i != 0) out += ',';
        if constexpr (std::is_enum_v<T>) {
            out += to_string(items[i]);
        } else {
            fmt::format_to(std::back_inserter(out), "{}", items[i]);
        }
    }
}

void append_proposal(std::string& out, const Encr* encr, std::size_t n_encr, const Integ* integ,
                     std::size_t n_integ, const std::uint16_t* dh, std::size_t n_dh) {
    out += "encr=";
    append_list(out, encr, n_encr);
    out += " integ=";
    append_list(out, integ, n_integ);
    out += " dh=";
    append_list(out, dh, n_dh);
}

}  // namespace

std::string_view to_string(Encr e) {
    return kEncrNames.at(static_cast<std::size_t>(e));
}
std::string_view to_string(Integ i) {
    return kIntegNames.at(static_cast<std::size_t>(i));
}

std::optional<Encr> parse_encr(std::string_view s) {
    for (std::size_t i = 0; i < kEncrNames.size(); ++i) {
        if (kEncrNames[i] == s) return static_cast<Encr>(i);
    }
    return std::nullopt;
}

std::optional<Integ> parse_integ(std::string_view s) {
    for (std::size_t i = 0; i < kIntegNames.size(); ++i) {
        if (kIntegNames[i] == s) return static_cast<Integ>(i);
    }
    return std::nullopt;
}

bool is_aead(Encr e) {
    return e == Encr::Aes128Gcm16 || e == Encr::Aes256Gcm16;
}

std::string_view to_string(Mismatch m) {
    switch (m) {
        case Mismatch::None:
            return "none";
        case Mismatch::Encryption:
            return "encryption";
        case Mismatch::Integrity:
            return "integrity";
        case Mismatch::DhGroup:
            return "dh-group";
    }
    return "?";
}

Selection select(const Proposal& responder_config, const Proposal& offered, bool negotiate_dh) {
    const auto encr = first_common(responder_config.encr, offered.encr);
    if (!encr) return Selection{std::nullopt, Mismatch::Encryption};
    std::optional<Integ> integ;
    if (!is_aead(*encr)) {
        integ = first_common(responder_config.integ, offered.integ);
        if (!integ) return Selection{std::nullopt, Mismatch::Integrity};
    }
    if (!negotiate_dh) return Selection{Chosen{*encr, integ, 0}, Mismatch::None};
    const auto dh = first_common(responder_config.dh, offered.dh);
    if (!dh) return Selection{std::nullopt, Mismatch::DhGroup};
    return Selection{Chosen{*encr, integ, *dh}, Mismatch::None};
}

Proposal as_proposal(const Chosen& c) {
    Proposal p{{c.encr}, {}, {}};
    if (c.dh != 0) p.dh.push_back(c.dh);
    if (c.integ) p.integ.push_back(*c.integ);
    return p;
}

std::string to_string(const Chosen& c) {
    std::string out;
    append_to(out, c);
    return out;
}

void append_to(std::string& out, const Chosen& c) {
    out += to_string(c.encr);
    out += '/';
    out += c.integ ? to_string(*c.integ) : std::string_view("AEAD");
    if (c.dh != 0) fmt::format_to(std::back_inserter(out), "/{}", c.dh);  // 0: no PFS group
}

std::string to_string(const Proposal& p) {
    std::string out;
    append_to(out, p);
    return out;
}

void append_to(std::string& out, const Proposal& p) {
    append_proposal(out, p.encr.data(), p.encr.size(), p.integ.data(), p.integ.size(), p.dh.data(),
                    p.dh.size());
}

ProposalText::ProposalText(const Proposal& p) {
    const auto k = kInline;
    if (p.encr.size() > k || p.integ.size() > k || p.dh.size() > k) {
        proposal_ = &p;
        return;
    }
    n_encr_ = static_cast<std::uint8_t>(p.encr.size());
    n_integ_ = static_cast<std::uint8_t>(p.integ.size());
    n_dh_ = static_cast<std::uint8_t>(p.dh.size());
    std::copy(p.encr.begin(), p.encr.end(), encr_.begin());
    std::copy(p.integ.begin(), p.integ.end(), integ_.begin());
    std::copy(p.dh.begin(), p.dh.end(), dh_.begin());
}

void ProposalText::append_to(std::string& out) const {
    if (proposal_ != nullptr) return ike::append_to(out, *proposal_);
    append_proposal(out, encr_.data(), n_encr_, integ_.data(), n_integ_, dh_.data(), n_dh_);
}

}  // namespace vpnsim::ike
