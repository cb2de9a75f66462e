#include "models/ike/proposal.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <string>

namespace vpnsim::ike {
namespace {

constexpr std::array kEncrNames{std::string_view{"AES128"}, std::string_view{"AES256"},
                                std::string_view{"AES128-GCM-16"},
                                std::string_view{"AES256-GCM-16"}};
constexpr std::array kIntegNames{std::string_view{"SHA1"}, std::string_view{"SHA2-256"},
                                 std::string_view{"SHA2-384"}, std::string_view{"SHA2-512"}};

template <typename T>
std::optional<T> first_common(const std::vector<T>& mine, const std::vector<T>& theirs) {
    for (const T& v : mine) {
        if (std::find(theirs.begin(), theirs.end(), v) != theirs.end()) return v;
    }
    return std::nullopt;
}

template <typename Range>
std::string join(const Range& items) {
    std::string out;
    for (const auto& i : items) {
        if (!out.empty()) out += ',';
        out += fmt::format("{}", i);
    }
    return out;
}

}  // namespace

std::string_view to_string(Encr e) { return kEncrNames.at(static_cast<std::size_t>(e)); }
std::string_view to_string(Integ i) { return kIntegNames.at(static_cast<std::size_t>(i)); }

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

bool is_aead(Encr e) { return e == Encr::Aes128Gcm16 || e == Encr::Aes256Gcm16; }

std::string_view to_string(Mismatch m) {
    switch (m) {
        case Mismatch::None: return "none";
        case Mismatch::Encryption: return "encryption";
        case Mismatch::Integrity: return "integrity";
        case Mismatch::DhGroup: return "dh-group";
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
    const auto integ = c.integ ? to_string(*c.integ) : std::string_view("AEAD");
    if (c.dh == 0) return fmt::format("{}/{}", to_string(c.encr), integ);  // no PFS group
    return fmt::format("{}/{}/{}", to_string(c.encr), integ, c.dh);
}

std::string to_string(const Proposal& p) {
    std::vector<std::string_view> e;
    std::vector<std::string_view> i;
    for (const auto x : p.encr) e.push_back(to_string(x));
    for (const auto x : p.integ) i.push_back(to_string(x));
    return fmt::format("encr={} integ={} dh={}", join(e), join(i), join(p.dh));
}

}  // namespace vpnsim::ike
