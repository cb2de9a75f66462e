// DOC: strongSwan's ipsec.secrets (5.x) as pre-shared keys: each `<ids> : PSK "key"` line a
// key for the AWS address among its ids -- DraftTunnel{ipsec = false, peer, psk}, which the
// assembly gives to the tunnel with that peer (ipsec.conf's conns, cgw_ipsec_conf.cpp).
// Reference: ipsec.secrets(5) of strongSwan 5.9: zero or more ids, a ':' with blanks around
// it, a type and the secret, double- or single-quoted or bare; '#' comments.
// The peer is the last IPv4 address among the ids (AWS's file writes the CGW's address, then
// AWS's; strongSwan matches them in either order).
// Left out (warned): keys other than PSK (RSA, ECDSA, EAP, XAUTH, ...), a PSK with no IPv4 id
// (for %any or a name), `include`; hex/base64 keys (0x, 0s) are taken as written (warned).
// Continuation lines (an entry spread over indented lines) are not read.
#include <fmt/format.h>

#include "sim/import/cgw_swanctl_detail.hpp"

namespace vpnsim::import {
namespace {

using swan::Report;
using swan::trim;
using swan::Value;

bool blank(char c) {
    return c == ' ' || c == '\t';
}

// The quoted or bare key after "PSK" from `from`, or nullopt after an error.
std::optional<Value> psk_value(std::string_view line, std::size_t from, int number, std::string key,
                               Report& report) {
    while (from < line.size() && blank(line[from])) ++from;
    const SourcePos at{number, static_cast<int>(from) + 1};
    if (from >= line.size()) {
        report.error(at, key, "a PSK needs its key: PSK \"<key>\"");
        return std::nullopt;
    }
    const char quote = line[from];
    if (quote == '"' || quote == '\'') {
        const auto close = line.find(quote, from + 1);
        if (close == std::string_view::npos) {
            report.error(at, key, fmt::format("unterminated string: a {} is missing", quote));
            return std::nullopt;
        }
        return Value{std::string(line.substr(from + 1, close - from - 1)),
                     {number, static_cast<int>(from) + 2},
                     std::move(key)};
    }
    auto end = from;
    while (end < line.size() && !blank(line[end])) ++end;
    return Value{std::string(line.substr(from, end - from)), at, std::move(key)};
}

// One `<ids> : PSK "key"` line: a key for the last IPv4 address among the ids (AWS's file
// writes the CGW's address, then AWS's).
void secret_line(std::string_view line, int number, Report& report) {
    std::size_t sep = std::string_view::npos;
    char quote = 0;
    for (std::size_t i = 0; i < line.size() && sep == std::string_view::npos; ++i) {
        if (quote) {
            quote = line[i] == quote ? 0 : quote;
        } else if (line[i] == '"' || line[i] == '\'') {
            quote = line[i];
        } else if (line[i] == '#') {
            break;
        } else if (line[i] == ':' && (i == 0 || blank(line[i - 1])) &&
                   (i + 1 == line.size() || blank(line[i + 1]))) {
            sep = i;
        }
    }
    const auto start = line.find_first_not_of(" \t");
    if (sep == std::string_view::npos) {
        report.error({number, static_cast<int>(start) + 1}, trim(line.substr(0, line.find('#'))),
                     "expected '<ids> : PSK \"<key>\"'");
        return;
    }
    const auto ids_text = trim(line.substr(0, sep));
    auto type_at = line.find_first_not_of(" \t", sep + 1);
    if (type_at == std::string_view::npos) type_at = line.size();
    auto type_end = type_at;
    while (type_end < line.size() && !blank(line[type_end])) ++type_end;
    const auto type = line.substr(type_at, type_end - type_at);
    const auto key = fmt::format("{}{}: {}", ids_text, ids_text.empty() ? "" : " ", type);
    if (swan::lower(type) != "psk") {
        if (type.empty()) {
            report.error({number, static_cast<int>(type_at) + 1}, key,
                         "expected a secret type after ':' (PSK)");
        } else {
            report.warn(number, fmt::format("{} secret", swan::cut(type)));
        }
        return;
    }
    auto value = psk_value(line, type_end, number, key, report);
    if (!value) return;
    const auto ids = swan::words(ids_text);
    std::optional<net::Ipv4Addr> peer;
    for (const auto& id : ids) {
        if (const auto a = swan::address(id.text)) peer = a;
    }
    const auto lower = swan::lower(value->text.substr(0, 2));
    if (lower == "0x" || lower == "0s") {
        report.warn(number, "a hex or base64 key (taken as written)");
    }
    if (!peer) {
        report.warn(number, fmt::format("a PSK for {} (no IPv4 address)",
                                        ids_text.empty() ? "any peer" : swan::cut(ids_text)));
        return;
    }
    DraftTunnel t{std::string(ids_text),
                  peer,
                  std::nullopt,
                  SourcePos{number, static_cast<int>(start) + 1},
                  false,
                  {}};
    swan::put_string(t.settings, "psk", value->text, *value);
    report.draft().tunnels.push_back(std::move(t));
}

}  // namespace

CgwDraft read_ipsec_secrets(std::string_view text, const std::string& file) {
    CgwDraft draft;
    draft.file = file;
    draft.dialect = Dialect::IpsecSecrets;
    draft.vendor = scenario::CgwVendor::Strongswan;
    Report report(draft);
    swan::each_line(text, [&](int number, std::string_view line) {
        const auto content = trim(line);
        if (content.empty() || content.front() == '#') return;
        if (content.substr(0, 7) == "include" && (content.size() == 7 || blank(content[7]))) {
            report.warn(number, "include");
            return;
        }
        secret_line(line, number, report);
    });
    report.finish();
    return draft;
}

}  // namespace vpnsim::import
