// DOC: strongSwan's values as scenario values (cgw_swanctl_detail.hpp): proposals, times,
// selectors, addresses, DPD actions and aws-updown.sh's arguments, as scenario settings.
// strongSwan's "default" proposals are those of its proposal_create_default() (5.9), cut to
// the algorithms vpnsim knows: IKE AES-CBC 128/192/256 and AES-GCM-16 128/256, SHA-2 and
// SHA-1, ECP 256/384/521 and MODP 2048..8192; ESP the same ciphers and integrity, no DH group
// (so no PFS, which is warned: the scenario cannot leave a phase without DH groups).
#include "sim/import/cgw_swanctl_detail.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "sim/scenario/writer.hpp"

namespace vpnsim::import::swan {
namespace {

struct Word {
    std::string_view word;
    std::string_view value;  // the scenario's name
};

struct Group {
    std::string_view word;
    int number;  // IANA transform ID of the key exchange method (RFC 7296 §3.3.2)
};

constexpr std::array<Word, 10> kEncryption{{{"aes128", "AES128"},
                                            {"aes", "AES128"},
                                            {"aes192", "AES192"},
                                            {"aes256", "AES256"},
                                            {"3des", "3DES"},
                                            {"des", "DES"},
                                            {"aes128gcm16", "AES128-GCM-16"},
                                            {"aes128gcm128", "AES128-GCM-16"},
                                            {"aes256gcm16", "AES256-GCM-16"},
                                            {"aes256gcm128", "AES256-GCM-16"}}};
constexpr std::array<Word, 9> kIntegrity{{{"md5", "MD5"},
                                          {"sha1", "SHA1"},
                                          {"sha", "SHA1"},
                                          {"sha256", "SHA2-256"},
                                          {"sha2_256", "SHA2-256"},
                                          {"sha384", "SHA2-384"},
                                          {"sha2_384", "SHA2-384"},
                                          {"sha512", "SHA2-512"},
                                          {"sha2_512", "SHA2-512"}}};
constexpr std::array<Group, 27> kGroups{
    {{"modp768", 1},       {"modp1024", 2},      {"modp1536", 5},  {"modp2048", 14},
     {"modp3072", 15},     {"modp4096", 16},     {"modp6144", 17}, {"modp8192", 18},
     {"ecp256", 19},       {"ecp384", 20},       {"ecp521", 21},   {"modp1024s160", 22},
     {"modp2048s224", 23}, {"modp2048s256", 24}, {"ecp192", 25},   {"ecp224", 26},
     {"ecp224bp", 27},     {"ecp256bp", 28},     {"ecp384bp", 29}, {"ecp512bp", 30},
     {"curve25519", 31},   {"x25519", 31},       {"curve448", 32}, {"x448", 32},
     {"mlkem512", 35},     {"mlkem768", 36},     {"mlkem1024", 37}}};
// Families of strongSwan keywords vpnsim does not model: passed through for the loader to name
// (ciphers, integrity), or refused here (key exchange: the scenario takes numbers).
constexpr std::array<std::string_view, 10> kCipherFamilies{
    "aes", "camellia", "chacha20", "3des", "des", "blowfish", "cast", "serpent", "twofish", "null"};
constexpr std::array<std::string_view, 5> kIntegrityFamilies{"sha", "md5", "aesxcbc", "aescmac",
                                                             "camelliaxcbc"};
constexpr std::array<std::string_view, 6> kGroupFamilies{"modp",   "ecp",  "curve",
                                                         "x25519", "x448", "mlkem"};

constexpr std::array<std::string_view, 5> kDefaultIkeCiphers{"AES128", "AES192", "AES256",
                                                             "AES128-GCM-16", "AES256-GCM-16"};
constexpr std::array<std::string_view, 5> kDefaultEspCiphers{"AES128-GCM-16", "AES256-GCM-16",
                                                             "AES128", "AES192", "AES256"};
constexpr std::array<std::string_view, 4> kDefaultIntegrity{"SHA2-256", "SHA2-384", "SHA2-512",
                                                            "SHA1"};
constexpr std::array<int, 8> kDefaultIkeGroups{19, 20, 21, 15, 16, 17, 18, 14};

constexpr std::int64_t kMaxSeconds = 10LL * 365 * 86400;

bool starts_with(std::string_view s, std::string_view prefix) {
    return s.substr(0, prefix.size()) == prefix;
}

template <std::size_t N>
bool any_prefix(std::string_view s, const std::array<std::string_view, N>& prefixes) {
    return std::any_of(prefixes.begin(), prefixes.end(),
                       [&](std::string_view p) { return starts_with(s, p); });
}

bool is_keyword(std::string_view s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
    });
}

enum class Kind : std::uint8_t { Encryption, Integrity, Group, Ignored, Extra, Default, Unknown };

struct Token {
    Kind kind{Kind::Unknown};
    std::string toml;  // Encryption, Integrity, Group: the value's TOML text
    bool aead{false};
};

bool is_aead(std::string_view l) {
    return l.find("gcm") != std::string_view::npos || l.find("ccm") != std::string_view::npos ||
           l.find("poly1305") != std::string_view::npos;
}

// A proposal keyword: the scenario's name for it, a name passed through, or none.
Token classify(std::string_view word) {
    const auto l = lower(word);
    for (const auto& w : kEncryption) {
        if (w.word == l)
            return {Kind::Encryption, scenario::toml_basic_string(w.value), is_aead(l)};
    }
    for (const auto& w : kIntegrity) {
        if (w.word == l) return {Kind::Integrity, scenario::toml_basic_string(w.value), false};
    }
    for (const auto& g : kGroups) {
        if (g.word == l) return {Kind::Group, std::to_string(g.number), false};
    }
    Kind kind = Kind::Unknown;
    if (l == "default") {
        kind = Kind::Default;
    } else if (starts_with(l, "prf") || l == "esn" || l == "noesn") {
        kind = Kind::Ignored;
    } else if (l.size() > 4 && starts_with(l, "ke") && l[2] >= '1' && l[2] <= '7' && l[3] == '_') {
        kind = Kind::Extra;  // strongSwan 6's additional key exchanges (RFC 9370): ke1_mlkem768
    } else if (!is_keyword(l) || any_prefix(l, kGroupFamilies)) {
        kind = Kind::Unknown;
    } else if (any_prefix(l, kIntegrityFamilies)) {
        kind = Kind::Integrity;
    } else if (any_prefix(l, kCipherFamilies)) {
        kind = Kind::Encryption;
    }
    const bool passed = kind == Kind::Integrity || kind == Kind::Encryption;
    return {kind, passed ? scenario::toml_basic_string(word) : std::string{}, is_aead(l)};
}

void add_unique(std::vector<std::string>& list, std::string item) {
    if (std::find(list.begin(), list.end(), item) == list.end()) list.push_back(std::move(item));
}

// The union over a value's proposals.
struct Algorithms {
    std::vector<std::string> encryption;
    std::vector<std::string> integrity;
    std::vector<std::string> groups;
    bool no_pfs{false};        // an ESP proposal without a DH group
    bool no_integrity{false};  // a classic ESP cipher without integrity
};

void add_defaults(Proto proto, Algorithms& a) {
    const auto& ciphers = proto == Proto::Ike ? kDefaultIkeCiphers : kDefaultEspCiphers;
    for (const auto c : ciphers) add_unique(a.encryption, scenario::toml_basic_string(c));
    for (const auto i : kDefaultIntegrity) add_unique(a.integrity, scenario::toml_basic_string(i));
    if (proto == Proto::Esp) {
        a.no_pfs = true;
        return;
    }
    for (const int g : kDefaultIkeGroups) add_unique(a.groups, std::to_string(g));
}

// One proposal ("aes128-sha1-modp2048"), checked as strongSwan checks it, added to `a`.
void read_proposal(const Value& v, const Piece& proposal, Proto proto, Algorithms& a,
                   Report& report) {
    Algorithms p;
    bool failed = false;
    bool any_aead = false;
    bool all_aead = true;
    bool only_default = true;
    for (const auto& t : split(proposal.text, '-')) {
        const auto at = at_offset(v, proposal.offset + t.offset);
        if (t.text.empty()) {
            report.error(at, v.key, "an empty algorithm name");
            failed = true;
            continue;
        }
        auto token = classify(t.text);
        only_default = only_default && token.kind == Kind::Default;
        switch (token.kind) {
            case Kind::Default:
                add_defaults(proto, a);
                break;
            case Kind::Encryption:
                any_aead = any_aead || token.aead;
                all_aead = all_aead && token.aead;
                add_unique(p.encryption, std::move(token.toml));
                break;
            case Kind::Integrity:
                add_unique(p.integrity, std::move(token.toml));
                break;
            case Kind::Group:
                add_unique(p.groups, std::move(token.toml));
                break;
            case Kind::Ignored:
                break;
            case Kind::Extra:
                report.warn(at.line, fmt::format("additional key exchange {}", cut(t.text)));
                break;
            case Kind::Unknown:
                report.error(
                    at, v.key,
                    fmt::format(
                        "'{}' is not {}", t.text,
                        any_prefix(lower(t.text), kGroupFamilies) ? "a DH group" : "an algorithm"));
                failed = true;
                break;
        }
    }
    if (failed || only_default) return;
    const auto at = at_offset(v, proposal.offset);
    std::string_view problem;
    if (p.encryption.empty()) {
        problem = "an encryption algorithm is mandatory in a proposal";
    } else if (any_aead && !all_aead) {
        problem = "classic and combined-mode (AEAD) ciphers cannot share a proposal";
    } else if (proto == Proto::Ike && p.groups.empty()) {
        problem = "a DH group is mandatory in IKE proposals";
    } else if (proto == Proto::Ike && !all_aead && p.integrity.empty()) {
        problem = "an integrity algorithm is mandatory in IKE proposals with a classic cipher";
    }
    if (!problem.empty()) {
        report.error(at, v.key, problem);
        return;
    }
    a.no_pfs = a.no_pfs || p.groups.empty();
    a.no_integrity = a.no_integrity || (!all_aead && p.integrity.empty());
    for (auto& e : p.encryption) add_unique(a.encryption, std::move(e));
    if (!all_aead) {  // an AEAD proposal's integrity is implicit (strongSwan drops any listed)
        for (auto& i : p.integrity) add_unique(a.integrity, std::move(i));
    }
    for (auto& g : p.groups) add_unique(a.groups, std::move(g));
}

void put_algorithms(const Value& v, Proto proto, const Algorithms& a, DraftTunnel& tunnel,
                    Report& report) {
    const bool ike = proto == Proto::Ike;
    if (!a.encryption.empty()) {
        put(tunnel.settings, ike ? "phase1_encryption_algorithms" : "phase2_encryption_algorithms",
            detail::toml_list(a.encryption), v);
    }
    if (!a.integrity.empty()) {
        put(tunnel.settings, ike ? "phase1_integrity_algorithms" : "phase2_integrity_algorithms",
            detail::toml_list(a.integrity), v);
    }
    if (!a.groups.empty()) {
        put(tunnel.settings, ike ? "phase1_dh_group_numbers" : "phase2_dh_group_numbers",
            detail::toml_list(a.groups), v);
    }
    if (!ike && a.no_pfs) {
        report.warn(v.at.line, fmt::format("{}{} without a DH group (no PFS)", name_of(v.key),
                                           v.text.empty() ? " (the default)" : ""));
    }
    if (!ike && a.no_integrity) {
        report.warn(v.at.line, fmt::format("{}: a cipher without integrity", name_of(v.key)));
    }
}

// "0".."32"
std::optional<std::uint8_t> prefix_length(std::string_view text) {
    if (text.empty() || text.size() > 2 || (text.size() == 2 && text[0] == '0')) return {};
    int n = 0;
    for (const char c : text) {
        if (c < '0' || c > '9') return {};
        n = n * 10 + (c - '0');
    }
    if (n > 32) return {};
    return static_cast<std::uint8_t>(n);
}

std::optional<net::Ipv4Prefix> cidr(std::string_view text) {
    const auto slash = text.find('/');
    const auto addr = net::Ipv4Addr::parse(text.substr(0, slash));
    const auto len = slash == std::string_view::npos ? std::optional<std::uint8_t>{32}
                                                     : prefix_length(text.substr(slash + 1));
    if (!addr || !len) return std::nullopt;
    const net::Ipv4Prefix p{*addr, *len};
    return net::Ipv4Prefix{p.first(), p.len};
}

}  // namespace

std::vector<Piece> words(std::string_view text) {
    std::vector<Piece> out;
    std::size_t i = 0;
    while (i < text.size()) {
        while (i < text.size() && (text[i] == ' ' || text[i] == '\t')) ++i;
        const auto start = i;
        while (i < text.size() && text[i] != ' ' && text[i] != '\t') ++i;
        if (i > start) out.push_back({text.substr(start, i - start), start});
    }
    return out;
}

std::optional<std::int64_t> seconds(const Value& v, Report& report) {
    const auto t = trim(v.text);
    std::size_t i = 0;
    std::int64_t n = 0;
    while (i < t.size() && i < 12 && t[i] >= '0' && t[i] <= '9') n = n * 10 + (t[i++] - '0');
    std::int64_t unit = 1;
    if (i > 0 && i + 1 == t.size()) {
        switch (t[i]) {
            case 's':
                unit = 1;
                break;
            case 'm':
                unit = 60;
                break;
            case 'h':
                unit = 3600;
                break;
            case 'd':
                unit = 86400;
                break;
            default:
                unit = 0;
                break;
        }
        ++i;
    }
    if (i == 0 || i != t.size() || unit == 0 || n > kMaxSeconds / unit) {
        report.error(v, fmt::format("'{}' is not a time (seconds, or a number with s, m, h or d "
                                    "up to 10 years)",
                                    v.text));
        return std::nullopt;
    }
    return n * unit;
}

std::optional<std::int64_t> percent(const Value& v, Report& report) {
    auto t = trim(v.text);
    if (!t.empty() && t.back() == '%') t.remove_suffix(1);
    std::int64_t n = 0;
    bool ok = !t.empty() && t.size() <= 6;
    for (const char c : t) {
        ok = ok && c >= '0' && c <= '9';
        if (ok) n = n * 10 + (c - '0');
    }
    if (!ok) {
        report.error(v, fmt::format("'{}' is not a percentage", v.text));
        return std::nullopt;
    }
    return n;
}

std::optional<bool> yes_no(const Value& v, Report& report) {
    const auto l = lower(trim(v.text));
    if (l == "yes" || l == "true" || l == "enabled" || l == "1") return true;
    if (l == "no" || l == "false" || l == "disabled" || l == "0") return false;
    report.error(v, fmt::format("'{}' is neither yes nor no", v.text));
    return std::nullopt;
}

void read_proposals(const Value& v, Proto proto, DraftTunnel& tunnel, Report& report) {
    // Algorithms are kept once each (a linear look-up): a hostile list is refused first.
    constexpr std::size_t kMaxWords = 512;
    if (static_cast<std::size_t>(std::count_if(v.text.begin(), v.text.end(), [](char c) {
            return c == '-' || c == ',';
        })) >= kMaxWords) {
        report.error(v, fmt::format("more than {} algorithms", kMaxWords));
        return;
    }
    const auto proposals = split(v.text, ',');
    if (proposals.empty()) {
        report.error(v, "no proposal");
        return;
    }
    Algorithms a;
    for (const auto& p : proposals) {
        if (p.text.empty()) {
            report.error(at_offset(v, p.offset), v.key, "an empty proposal");
            continue;
        }
        read_proposal(v, p, proto, a, report);
    }
    put_algorithms(v, proto, a, tunnel, report);
}

void put_default_proposals(const Value& v, Proto proto, DraftTunnel& tunnel, Report& report) {
    Algorithms a;
    add_defaults(proto, a);
    put_algorithms(v, proto, a, tunnel, report);
}

std::optional<net::Ipv4Addr> address(std::string_view text) {
    return net::Ipv4Addr::parse(trim(text));
}

std::optional<net::Ipv4Addr> read_peer(const Value& v, Report& report) {
    const auto list = split(v.text, ',');
    if (list.empty() || list.front().text.empty()) {
        report.error(v, "the AWS outside address is needed");
        return std::nullopt;
    }
    const auto& first = list.front();
    const auto at = at_offset(v, first.offset);
    if (list.size() > 1) {
        report.warn(v.at.line, fmt::format("{}: addresses after the first", name_of(v.key)));
    }
    if (const auto a = address(first.text)) return a;
    std::string_view message = "a hostname is not modelled; give the address";
    if (first.text[0] == '%') {
        message = "the AWS outside address is needed to reach AWS; give the address";
    } else if (first.text.find(':') != std::string_view::npos) {
        message = "IPv6 is not modelled; give the IPv4 address";
    } else if (first.text.find_first_of("/-") != std::string_view::npos) {
        message = "a subnet or range is not modelled; give the address";
    }
    report.error(at, v.key, fmt::format("'{}': {}", first.text, message));
    return std::nullopt;
}

std::optional<std::vector<net::Ipv4Prefix>> read_selectors(const Value& v,
                                                           std::optional<net::Ipv4Addr> dynamic,
                                                           Report& report) {
    std::vector<net::Ipv4Prefix> out;
    bool failed = false;
    for (const auto& piece : split(v.text, ',')) {
        auto t = piece.text;
        const auto at = at_offset(v, piece.offset);
        if (const auto bracket = t.find('['); bracket != std::string_view::npos) {
            if (t.back() != ']') {
                report.error(at, v.key, fmt::format("'{}': no closing ']'", t));
                failed = true;
                continue;
            }
            report.warn(at.line, fmt::format("{}: protocol/port {}", name_of(v.key),
                                             cut(t.substr(bracket))));
            t = trim(t.substr(0, bracket));
        }
        const auto l = lower(t);
        if (l == "dynamic" || l == "%dynamic") {
            if (dynamic) {
                out.push_back(net::Ipv4Prefix::host(*dynamic));
            } else {
                report.warn(at.line, fmt::format("{} = dynamic (address unknown)", name_of(v.key)));
            }
            continue;
        }
        if (t.find(':') != std::string_view::npos) {
            report.warn(at.line, fmt::format("{}: IPv6 selector {}", name_of(v.key), cut(t)));
            continue;
        }
        if (const auto p = cidr(t)) {
            out.push_back(*p);
            continue;
        }
        report.error(
            at, v.key,
            fmt::format(
                "'{}' is not a CIDR (a.b.c.d/len){}", t,
                t.find('-') != std::string_view::npos ? ": an address range is not modelled" : ""));
        failed = true;
    }
    if (failed) return std::nullopt;
    return out;
}

std::string toml_prefixes(const std::vector<net::Ipv4Prefix>& prefixes) {
    std::vector<std::string> items;
    items.reserve(prefixes.size());
    for (const auto& p : prefixes) items.push_back(scenario::toml_basic_string(p.to_string()));
    return detail::toml_list(items);
}

std::string toml_proxy_ids(const std::vector<std::pair<net::Ipv4Prefix, net::Ipv4Prefix>>& ids) {
    std::vector<std::string> items;
    items.reserve(ids.size());
    for (const auto& [local, remote] : ids) {
        items.push_back(fmt::format("{{ local = \"{}\", remote = \"{}\" }}", local, remote));
    }
    return detail::toml_list(items);
}

void put_dpd_action(const Value& v, Syntax syntax, DraftTunnel& tunnel, Report& report) {
    auto l = lower(trim(v.text));
    if (syntax == Syntax::Swanctl && l == "none") l = "clear";
    if (syntax == Syntax::Swanctl && l == "start") l = "restart";
    if (l == "trap" || l == "hold") {
        report.warn(v.at.line, fmt::format("{}{}{} (simulated as clear)", name_of(v.key),
                                           syntax == Syntax::Swanctl ? " = " : "=", cut(v.text)));
        put_string(tunnel.settings, "dpd_action", "clear", v);
    } else if (l == "clear" || l == "restart" || l == "none") {
        put_string(tunnel.settings, "dpd_action", l, v);
    } else {
        put_string(tunnel.settings, "dpd_action", v.text, v);
    }
}

void read_updown(const Value& v, DraftTunnel& tunnel) {
    const auto w = words(v.text);
    std::optional<Piece> ll;
    std::optional<Piece> lr;
    for (std::size_t i = 0; i + 1 < w.size(); ++i) {
        if (w[i].text == "-ll") ll = w[i + 1];
        if (w[i].text == "-lr") lr = w[i + 1];
    }
    if (ll) {
        const Value at{std::string(ll->text), at_offset(v, ll->offset), v.key + " -ll"};
        put_string(tunnel.settings, "inside_ip", ll->text, at);
    }
    for (const auto& p : {ll, lr}) {
        if (!p) continue;
        if (const auto a = address(p->text.substr(0, p->text.find('/')))) {
            tunnel.inside = a;
            return;
        }
    }
}

}  // namespace vpnsim::import::swan
