// DOC: what one customer gateway configuration file says, in the scenario's terms.
// Each dialect's reader (strongSwan swanctl.conf / ipsec.conf / ipsec.secrets, FRR, Cisco IOS,
// Junos `set`) turns a file into a CgwDraft: the values it sets, each as the scenario key it
// becomes ([cgw], [cgw.bgp] or one [[cgw.tunnel]]) with its value as TOML text and the place in
// the file it came from. A reader restates no scenario rule: the drafts of all of a CGW's files
// are put together (cgw_assemble.hpp), written as the scenario's [cgw] section and loaded, and
// the loader's diagnostics are brought back to the file, line and column of the value and to
// the file's own words for its key ("connections.aws-1.proposals").
// A reader sets what its dialect means, defaults included: where the device's default differs
// from the scenario's (strongSwan's swanctl dpd_delay is 0, no DPD; its start_action none only
// answers), the reader sets the device's default explicitly, at the line of the section that
// leaves it out.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "models/common/ipv4.hpp"
#include "sim/scenario/loader.hpp"
#include "sim/scenario/scenario.hpp"

namespace vpnsim::import {

// A place in a configuration file: 1-based line and column (bytes).
struct SourcePos {
    int line{0};
    int column{0};
    bool operator==(const SourcePos&) const = default;
};

// One value a file sets.
struct Setting {
    // The scenario key below its table: for CgwDraft::cgw a key of [cgw] ("asn", "outside_ip",
    // "nat_t") or of [cgw.bgp] written "bgp.<key>" ("bgp.remote_as", "bgp.announce"); for a
    // DraftTunnel a key of [[cgw.tunnel]] ("psk", "phase1_encryption_algorithms", "local_ts").
    std::string key;
    // The value as TOML text of the type the scenario key takes: "\"text\"" (use
    // scenario::toml_basic_string), "14", "true", "[\"AES128\", \"AES256\"]", "[]",
    // "[{ local = \"10.0.0.0/16\", remote = \"172.31.0.0/16\" }]". Values the dialect spells
    // differently are translated (aes128 -> "AES128", modp2048 -> 14, 8h -> 28800); a value
    // that has no translation is written as the file has it, as a string, so the loader names
    // it ("unknown encryption algorithm 'blowfish'").
    std::string value;
    SourcePos at;  // where the value is written
    // The file's own words for the key, shown as a diagnostic's key:
    // "connections.aws-1.children.net.esp_proposals", "crypto ikev2 proposal P1 encryption",
    // "neighbor 169.254.10.1 remote-as".
    std::string source_key;
    bool operator==(const Setting&) const = default;
};

// One tunnel as the file names it. Files describe a tunnel by what they know of it: an IPsec
// configuration by its AWS peer address, a BGP configuration by the neighbor's inside address;
// the assembly matches them up (cgw_assemble.hpp).
struct DraftTunnel {
    std::string name;                     // the file's name for it: "aws-1", "Tunnel1", "st0.1"
    std::optional<net::Ipv4Addr> peer;    // the AWS outside address it connects to
    std::optional<net::Ipv4Addr> inside;  // an address of its inside /30 (own or the neighbor's)
    SourcePos at;                         // where the file begins describing it
    bool ipsec{false};              // an IPsec tunnel (not only a BGP neighbor or a key for a peer)
    std::vector<Setting> settings;  // keys of [[cgw.tunnel]]
    bool operator==(const DraftTunnel&) const = default;
};

// The dialects vpnsim reads.
enum class Dialect : std::uint8_t { Swanctl, IpsecConf, IpsecSecrets, Frr, CiscoIos, JunosSet };
// "swanctl", "ipsec.conf", "ipsec.secrets", "frr", "cisco-ios", "junos"
std::string_view to_string(Dialect d);
std::optional<Dialect> parse_dialect(std::string_view name);

struct CgwDraft {
    std::string file;  // as given (a path, or a label)
    Dialect dialect{Dialect::Swanctl};
    // The implementation the file configures (sets [cgw] vendor): strongSwan, Cisco IOS, Junos.
    // FRR and the generic files leave it unset.
    std::optional<scenario::CgwVendor> vendor;
    std::vector<Setting> cgw;          // [cgw] and [cgw.bgp] keys
    std::vector<DraftTunnel> tunnels;  // in the file's order
    // Lines the file has that vpnsim does not model: "file:line: <what> not modelled"
    // (several on one line: one warning each). Comments, blank lines and statements that change
    // nothing vpnsim simulates (descriptions, logging) are not reported.
    std::vector<std::string> warnings;
    // Lines that matter and cannot be understood (a proposal, a peer, a selector, a statement
    // malformed): file:line:col, key = the file's words. Any error means no scenario.
    std::vector<scenario::Diagnostic> errors;
    bool operator==(const CgwDraft&) const = default;
};

// The dialect of a file: from its name (swanctl.conf, ipsec.conf, ipsec.secrets, frr.conf,
// bgpd.conf) or else its first statements (`connections {`, `conn `, `: PSK`, `router bgp` with
// no `crypto`, `crypto `/`interface Tunnel`, `set security`); none recognised -> nullopt.
std::optional<Dialect> detect_dialect(std::string_view file, std::string_view text);

// The reader of `dialect`. Never throws on any input and never reads past `text`.
CgwDraft read_cgw_config(Dialect dialect, std::string_view text, const std::string& file);

// Each dialect's reader (cgw_<dialect>.cpp).
CgwDraft read_swanctl(std::string_view text, const std::string& file);
CgwDraft read_ipsec_conf(std::string_view text, const std::string& file);
CgwDraft read_ipsec_secrets(std::string_view text, const std::string& file);
CgwDraft read_frr(std::string_view text, const std::string& file);
CgwDraft read_cisco_ios(std::string_view text, const std::string& file);
CgwDraft read_junos_set(std::string_view text, const std::string& file);

namespace detail {

// Helpers every reader uses (cgw_draft.cpp).
// Longest `what` a warning keeps (a full swanctl key path fits).
inline constexpr std::size_t kMaxWarningWords = 200;
// "file:line: what not modelled"
std::string not_modelled(const std::string& file, int line, std::string_view what);
// A diagnostic at a place of the file; key and message made printable.
scenario::Diagnostic error_at(const std::string& file, SourcePos at, std::string_view key,
                              std::string_view message);
// TOML list text of already-written TOML values: ["a", "b"] -> [a, b] joined by ", ".
std::string toml_list(const std::vector<std::string>& values);

}  // namespace detail

}  // namespace vpnsim::import
