// DOC: the Cisco IOS / IOS-XE configuration reader (read_cisco_ios): lines, blocks, the
// top-level commands. Followed: AWS's downloadable configurations "Cisco Systems, Inc. ISR/CSR,
// IOS 12.4+ / IOS-XE 16+" (IKEv1 and IKEv2), Cisco's IOS Security Command Reference (crypto
// ikev2 / isakmp / ipsec / map), its IPsec Dead Peer Detection and NAT Transparency guides and
// the IP Routing BGP command reference. The grammar: `!` comments; a top-level command opens a
// block whose sub-mode lines are indented; `exit` closes a mode; `banner` bodies are skipped to
// their delimiter. What each statement becomes is in cgw_cisco_ios_commands.cpp (top-level
// crypto commands), cgw_cisco_ios_crypto.cpp (crypto blocks), cgw_cisco_ios_routing.cpp
// (interfaces, routes, access lists, BGP), cgw_cisco_ios_tunnels.cpp and
// cgw_cisco_ios_draft.cpp (the draft, IOS's defaults, what is left out).
// Top-level commands that change nothing vpnsim simulates (hostname, line, ntp, logging, aaa,
// username, service, license, crypto pki ...) are skipped silently with their blocks; the ones
// that may change behaviour and are not modelled (router ospf, ip nat, ip sla, track, other
// crypto commands) are warned once, at their line.
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <limits>

#include "sim/import/cgw_cisco_ios_detail.hpp"
#include "sim/scenario/diagnostics.hpp"
#include "sim/scenario/writer.hpp"

namespace vpnsim::import {
namespace ios {
namespace {

bool is_blank(char c) {
    return c == ' ' || c == '\t';
}

char lower(char c) {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

template <std::size_t N>
bool one_of(std::string_view word, const std::array<std::string_view, N>& words) {
    return std::any_of(words.begin(), words.end(),
                       [&](std::string_view w) { return iequals(word, w); });
}

constexpr std::array<std::string_view, 7> kBannerKinds{
    "motd", "login", "exec", "incoming", "slip-ppp", "prompt-timeout", "config-save"};

}  // namespace

bool iequals(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (lower(a[i]) != lower(b[i])) return false;
    }
    return true;
}

bool is_number(std::string_view s) {
    return !s.empty() &&
           std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::string lowered(std::string_view s) {
    std::string out(s);
    for (auto& c : out) c = lower(c);
    return out;
}

bool Line::is(std::size_t i, std::string_view keyword) const {
    return iequals(word(i), keyword);
}

SourcePos Line::at(std::size_t i) const {
    if (i < words.size()) return words[i].at;
    const auto end = static_cast<int>(std::min<std::size_t>(text.size(), 1 << 30));
    return SourcePos{number, end + 1};
}

std::string_view Line::rest(std::size_t i) const {
    if (i >= words.size()) return {};
    const auto start = static_cast<std::size_t>(words[i].at.column - 1);
    const auto& last = words.back();
    const auto end = static_cast<std::size_t>(last.at.column - 1) + last.text.size();
    return text.substr(start, end - start);
}

std::string_view LineSplitter::raw_line() {
    const auto end = text_.find('\n', offset_);
    const auto stop = end == std::string_view::npos ? text_.size() : end;
    auto line = text_.substr(offset_, stop - offset_);
    offset_ = end == std::string_view::npos ? text_.size() : end + 1;
    if (number_ < std::numeric_limits<int>::max()) ++number_;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    return line;
}

bool LineSplitter::next(Line& line) {
    while (offset_ < text_.size()) {
        const auto text = raw_line();
        line.number = number_;
        line.text = text;
        line.words.clear();
        line.indented = !text.empty() && is_blank(text[0]);
        std::size_t i = 0;
        while (i < text.size()) {
            while (i < text.size() && is_blank(text[i])) ++i;
            const auto start = i;
            while (i < text.size() && !is_blank(text[i])) ++i;
            if (i > start) {
                const auto column = static_cast<int>(std::min<std::size_t>(start, 1 << 30)) + 1;
                line.words.push_back({text.substr(start, i - start), {number_, column}});
            }
        }
        if (line.words.empty() || line.words[0].text[0] == '!') continue;
        return true;
    }
    return false;
}

bool LineSplitter::skip_past(std::string_view delimiter) {
    while (offset_ < text_.size()) {
        if (raw_line().find(delimiter) != std::string_view::npos) return true;
    }
    return false;
}

std::optional<net::Ipv4Addr> parse_address(std::string_view text) {
    return net::Ipv4Addr::parse(text);
}

namespace {

// The number of leading one bits of a contiguous mask; nullopt when the bits are not contiguous.
std::optional<std::uint8_t> ones(std::uint32_t v) {
    std::uint8_t n = 0;
    while (n < 32 && (v & (0x80000000U >> n)) != 0) ++n;
    if (n < 32 && (v << n) != 0) return std::nullopt;
    return n;
}

}  // namespace

std::optional<std::uint8_t> mask_length(std::string_view mask) {
    const auto a = parse_address(mask);
    if (!a) return std::nullopt;
    return ones(a->value);
}

std::optional<std::uint8_t> wildcard_length(std::string_view wildcard) {
    const auto a = parse_address(wildcard);
    if (!a) return std::nullopt;
    return ones(~a->value);
}

std::string toml_integer(std::string_view text) {
    if (is_number(text) && text.size() <= 18) {
        std::uint64_t n = 0;
        std::from_chars(text.data(), text.data() + text.size(), n);
        return std::to_string(n);
    }
    return scenario::toml_basic_string(text);
}

std::string header(const Line& line, std::size_t n) {
    std::string out;
    for (std::size_t i = 0; i < n && i < line.size(); ++i) {
        if (i > 0) out += ' ';
        out += line.word(i);
    }
    return out;
}

std::string echo(std::string_view word) {
    return scenario::detail::printable(word);
}

bool Interface::is_tunnel() const {
    return name.size() > 6 && iequals(std::string_view(name).substr(0, 6), "tunnel");
}

Reader::Reader(std::string_view text, const std::string& file) : text_(text), file_(file) {
    draft_.file = file;
    draft_.dialect = Dialect::CiscoIos;
    draft_.vendor = scenario::CgwVendor::CiscoIos;
}

void Reader::warn(int line, std::string_view what) {
    if (draft_.warnings.size() > kMaxReports) return;
    auto text = detail::not_modelled(file_, line, what);
    if (!reported_.insert(text).second) return;
    if (draft_.warnings.size() < kMaxReports) {
        draft_.warnings.push_back(std::move(text));
    } else if (draft_.warnings.size() == kMaxReports) {
        draft_.warnings.push_back(detail::not_modelled(file_, line, "more of the file"));
    }
}

void Reader::error(SourcePos at, std::string_view key, std::string_view message) {
    if (draft_.errors.size() > kMaxReports) return;
    auto d = detail::error_at(file_, at, key, message);
    if (!reported_.insert(d.to_string()).second) return;
    if (draft_.errors.size() < kMaxReports) {
        draft_.errors.push_back(std::move(d));
    } else if (draft_.errors.size() == kMaxReports) {
        draft_.errors.push_back(detail::error_at(
            file_, at, key,
            fmt::format("more than {} errors: the rest not reported", kMaxReports)));
    }
}

void Reader::not_here(const Line& line, std::string_view block, std::size_t words) {
    auto what = header(line, words);
    if (!block.empty()) what += fmt::format(" ({})", block);
    warn(line.number, what);
}

void Reader::open(Block block, std::size_t index, std::string name) {
    block_ = index == std::string_view::npos ? Block::Ignored : block;
    index_ = index;
    block_name_ = std::move(name);
    sub_mode_ = false;
    skip_sub_mode_ = false;
}

CgwDraft Reader::read() {
    LineSplitter lines(text_);
    Line line;
    while (lines.next(line)) {
        if (!line.indented && line.is(0, "banner")) {
            block_ = Block::None;
            banner(line, lines);
        } else if (block_ != Block::None && (line.indented || block_knows(line))) {
            in_block(line);
        } else {
            top_level(line);
        }
    }
    resolve();
    return std::move(draft_);
}

// `banner motd ^C ... ^C`: the text up to the second delimiter (the first character after the
// banner's kind, or `^C` as `show running-config` writes it) is skipped, however many lines.
void Reader::banner(const Line& line, LineSplitter& lines) {
    const std::size_t first = one_of(line.word(1), kBannerKinds) ? 2 : 1;
    const auto body = line.rest(first);
    if (body.empty()) {
        error(line.at(first), "banner", "expected a delimiter and the banner's text");
        return;
    }
    const std::string_view delimiter = body.substr(0, body.substr(0, 2) == "^C" ? 2 : 1);
    if (body.find(delimiter, delimiter.size()) != std::string_view::npos) return;
    if (!lines.skip_past(delimiter)) {
        error(line.at(first), "banner",
              fmt::format("not terminated: no second '{}' in the rest of the file", delimiter));
    }
}

void Reader::top_level(const Line& line) {
    open(Block::None, 0, {});
    const auto w = line.word(0);
    if (iequals(w, "exit") || iequals(w, "end")) return;
    if (iequals(w, "interface")) {
        open_interface(line);
    } else if (iequals(w, "crypto")) {
        crypto(line);
    } else if (iequals(w, "router")) {
        if (line.is(1, "bgp")) {
            open_router_bgp(line);
        } else {
            not_here(line, {});
            open(Block::Ignored, 0, {});
        }
    } else if (iequals(w, "route-map")) {
        open_route_map(line);
    } else if (iequals(w, "ip")) {
        ip(line);
    } else if (iequals(w, "access-list")) {
        // Numbered extended lists (100-199, 2000-2699) select a crypto map's traffic.
        const auto n = line.word(1);
        const bool extended = is_number(n) && n.size() <= 4 &&
                              ((n.size() == 3 && n[0] == '1') || (n.size() == 4 && n[0] == '2'));
        if (!extended) return;
        const auto index = named(config_.access_lists, line, 1);
        if (index != std::string_view::npos) {
            access_list_entry(line, config_.access_lists.items[index], 2);
        }
    } else if (iequals(w, "no")) {
        if (line.is(1, "crypto") && line.is(2, "ipsec") && line.is(3, "nat-transparency") &&
            line.is(4, "udp-encapsulation")) {
            config_.nat_t = Item{"false", line.at(0), std::string(line.rest(0))};
        } else if (line.is(1, "crypto")) {
            warn(line.number, header(line, 4));
        }
    } else if (iequals(w, "track")) {
        not_here(line, {});
        open(Block::Ignored, 0, {});
    } else {
        open(Block::Ignored, 0, {});  // hostname, line vty, ntp ...: nothing vpnsim simulates
    }
}

// An unindented line the open block knows: IOS keeps it in the sub-mode.
bool Reader::block_knows(const Line& line) const {
    const auto w = line.word(0);
    auto any = [&](std::initializer_list<std::string_view> words) {
        return std::any_of(words.begin(), words.end(),
                           [&](std::string_view k) { return iequals(w, k); });
    };
    switch (block_) {
        case Block::None:
        case Block::Ignored:
            return false;
        case Block::Ikev2Proposal:
            return any({"encryption", "integrity", "group", "prf"});
        case Block::Ikev2Policy:
            return any({"proposal", "match"});
        case Block::Ikev2Keyring:
            return any(
                {"peer", "address", "pre-shared-key", "identity", "description", "hostname"});
        case Block::Ikev2Profile:
            return any({"match", "identity", "authentication", "keyring", "lifetime", "dpd", "nat",
                        "description", "ivrf", "virtual-template", "config-exchange"});
        case Block::IsakmpPolicy:
            return any({"encryption", "hash", "authentication", "group", "lifetime"});
        case Block::Keyring:
            return any({"local-address", "pre-shared-key", "description"});
        case Block::IsakmpProfile:
            return any({"keyring", "match", "local-address", "keepalive", "self-identity",
                        "initiate", "description"});
        case Block::TransformSet:
            return any({"mode"});
        case Block::IpsecProfile:
            return any({"set", "responder-only", "description"});
        case Block::CryptoMap:
            return any({"set", "match", "description", "reverse-route"});
        case Block::Interface:
            if (iequals(w, "ip")) {
                static constexpr std::array<std::string_view, 8> kIp{
                    "address",    "mtu",          "tcp",  "virtual-reassembly",
                    "unnumbered", "access-group", "ospf", "nat"};
                return one_of(line.word(1), kIp) && (!line.is(1, "nat") || line.size() == 3);
            }
            if (iequals(w, "no")) return line.is(1, "shutdown") || line.is(1, "ip");
            if (iequals(w, "crypto")) return line.is(1, "map") && line.size() == 3;
            return any({"tunnel", "shutdown", "description", "bfd", "keepalive", "negotiation",
                        "mtu", "bandwidth"});
        case Block::RouterBgp:
            if (iequals(w, "no")) {
                static constexpr std::array<std::string_view, 4> kNo{"bgp", "synchronization",
                                                                     "auto-summary", "neighbor"};
                return one_of(line.word(1), kNo);
            }
            return any({"bgp", "neighbor", "network", "address-family", "exit-address-family",
                        "timers", "redistribute", "maximum-paths", "aggregate-address",
                        "default-information", "distance"});
        case Block::RouteMap:
            return any({"match", "set", "description", "continue"});
        case Block::AccessList:
            return any({"permit", "deny", "remark"}) || is_number(w);
    }
    return false;
}

void Reader::in_block(const Line& line) {
    if (line.is(0, "exit")) {
        if (sub_mode_) {
            sub_mode_ = false;
            skip_sub_mode_ = false;
        } else {
            open(Block::None, 0, {});
        }
        return;
    }
    switch (block_) {
        case Block::None:
        case Block::Ignored:
            return;
        case Block::Ikev2Proposal:
            return ikev2_proposal(line);
        case Block::Ikev2Policy:
            return ikev2_policy(line);
        case Block::Ikev2Keyring:
            return ikev2_keyring(line);
        case Block::Ikev2Profile:
            return ikev2_profile(line);
        case Block::IsakmpPolicy:
            return isakmp_policy(line);
        case Block::Keyring:
            return keyring(line);
        case Block::IsakmpProfile:
            return isakmp_profile(line);
        case Block::TransformSet:
            if (line.is(0, "mode") && line.is(1, "tunnel")) return;
            return not_here(line, block_name_);
        case Block::IpsecProfile:
            return ipsec_profile(line);
        case Block::CryptoMap:
            return ipsec_map_entry(line);
        case Block::Interface:
            return interface_line(line);
        case Block::RouterBgp:
            return router_bgp_line(line);
        case Block::RouteMap:
            return route_map_line(line);
        case Block::AccessList:
            return access_list_entry(line, config_.access_lists.items[index_], 0);
    }
}

void Reader::ip(const Line& line) {
    open(Block::Ignored, 0, {});
    const auto w = line.word(1);
    if (iequals(w, "route")) return static_route(line);
    if (iequals(w, "access-list")) {
        if (!line.is(2, "extended")) return;  // standard lists select no crypto traffic
        return open(Block::AccessList, named(config_.access_lists, line, 3), header(line, 4));
    }
    if (iequals(w, "nat")) return not_here(line, {}, 3);  // a NAT on the CGW itself
    if (iequals(w, "sla")) return not_here(line, {});
    // ip domain, ip ssh, ip http, ip prefix-list, ip forward-protocol ...: nothing simulated
}

std::optional<net::Ipv4Addr> Reader::address_word(const Line& line, std::size_t i,
                                                  std::string_view key) {
    const auto a = parse_address(line.word(i));
    if (a) return a;
    if (line.word(i).empty()) {
        error(line.at(i), key, "expected an IPv4 address");
    } else {
        error(line.at(i), key,
              fmt::format("expected an IPv4 address, got '{}'", echo(line.word(i))));
    }
    return std::nullopt;
}

std::optional<net::Ipv4Prefix> Reader::address_mask(const Line& line, std::size_t i,
                                                    std::string_view key) {
    const auto a = address_word(line, i, key);
    if (!a) return std::nullopt;
    const auto len = mask_length(line.word(i + 1));
    if (len) return net::Ipv4Prefix{*a, *len};
    if (line.word(i + 1).empty()) {
        error(line.at(i + 1), key, "expected a mask (e.g. 255.255.255.252)");
    } else {
        error(line.at(i + 1), key,
              fmt::format("'{}' is not a contiguous mask (e.g. 255.255.255.252)",
                          echo(line.word(i + 1))));
    }
    return std::nullopt;
}

}  // namespace ios

CgwDraft read_cisco_ios(std::string_view text, const std::string& file) {
    return ios::Reader(text, file).read();
}

}  // namespace vpnsim::import
