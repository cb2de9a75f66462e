// DOC: what strongSwan's two configuration formats share, in the scenario's terms: the
// readers of swanctl.conf (cgw_swanctl.cpp) and of ipsec.conf / ipsec.secrets
// (cgw_ipsec_conf.cpp, cgw_ipsec_conf_secrets.cpp) both turn a proposal string, a time, a list of
// traffic selectors, an AWS outside address and aws-updown.sh's arguments into [[cgw.tunnel]]
// settings with the same translations and the same diagnostics. References: strongSwan's proposal
// keywords (docs.strongswan.org "Algorithm Proposals") and its proposal checks (an IKE proposal
// needs a DH group, and integrity with a classic cipher; classic and AEAD ciphers never share a
// proposal); swanctl.conf(5) and ipsec.conf(5) for times ("s, m, h and d suffixes", seconds by
// default) and selectors ("CIDR subnet, followed by an optional proto/port selector"). Left out:
// IPv6 (warned), protocol/port selectors (warned; the subnet is kept), address ranges (refused),
// IKEv1's one-algorithm-per-kind stripping: several proposals become, per transform type, the union
// of their algorithms in the order first written.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "sim/import/cgw_draft.hpp"

namespace vpnsim::import::swan {

// ---- values, lists, diagnostics and settings (cgw_swanctl_syntax.cpp) ----

// A value as a file writes it: unquoted, escapes resolved; where it starts (after an opening
// quote); the file's own words for its key ("connections.aws-1.proposals", "conn Tunnel1
// ike"). Offsets into `text` are columns from `at` (exact for the one-line values these
// formats use).
struct Value {
    std::string text;
    SourcePos at;
    std::string key;
};

// Where the byte `offset` of a value is.
SourcePos at_offset(const Value& v, std::size_t offset);

// One element of a comma separated list, blanks around it removed, and its offset.
struct Piece {
    std::string_view text;
    std::size_t offset{0};
};
std::vector<Piece> split(std::string_view text, char separator);
std::vector<Piece> words(std::string_view text);  // separated by blanks (space, tab)
std::string lower(std::string_view text);
std::string_view trim(std::string_view text);  // without blanks, CR and LF at either end
// A key's last word ("local_ts" of "connections.a.children.c.local_ts", "ike" of "conn T1
// ike") and a value cut to 24 bytes: a warning's text is cut at 64 (detail::not_modelled),
// and its line says where the key is.
std::string_view name_of(std::string_view key);
std::string cut(std::string_view value);
// The file's words for a key, cut to 200 bytes: every value of a section carries them, so a
// hostile section name must not be copied whole into each.
std::string key_words(std::string_view words);

// Calls f(line_number, line) for every line (without its newline).
template <class F>
void each_line(std::string_view text, F f) {
    int number = 0;
    while (!text.empty()) {
        const auto end = text.find('\n');
        f(++number, text.substr(0, end));
        text = end == std::string_view::npos ? std::string_view{} : text.substr(end + 1);
    }
}

// The reader's diagnostics, kept with their places and handed to the draft in file order.
// Each list is capped (kMaxReports): a hostile file cannot make the draft grow without bound.
class Report {
  public:
    static constexpr std::size_t kMaxReports = 1000;
    explicit Report(CgwDraft& draft) : draft_(draft) {}
    void warn(int line, std::string_view what);  // "<what> not modelled"
    void error(SourcePos at, std::string_view key, std::string_view message);
    void error(const Value& v, std::string_view message) { error(v.at, v.key, message); }
    // Sorted by line (warnings) or line and column (errors), then moved into the draft.
    void finish();
    CgwDraft& draft() { return draft_; }

  private:
    CgwDraft& draft_;
    std::vector<std::pair<int, std::string>> warnings_;
};

// The keys a reader knows: those it reads, those that change nothing vpnsim simulates, and
// those that matter only when they leave strongSwan's default ("" for none). Every other key is
// warned ("<key>"), and a default-only key when it leaves its default ("<key> = <value>").
struct KeyDefault {
    std::string_view key;
    std::string_view value;
};
struct KnownKeys {
    std::span<const std::string_view> read;
    std::span<const std::string_view> silent;
    std::span<const KeyDefault> defaults;
    std::string_view equals;  // " = " (swanctl.conf), "=" (ipsec.conf)
};
void warn_unknown(std::string_view key, const Value& v, const KnownKeys& known, Report& report);

// Appends a setting: `toml` is the value's TOML text; at and source_key come from `v`.
void put(std::vector<Setting>& out, std::string_view key, std::string toml, const Value& v);
void put_string(std::vector<Setting>& out, std::string_view key, std::string_view text,
                const Value& v);

// ---- strongSwan's values as scenario values (cgw_swanctl_detail.cpp) ----

// "8h", "3600", "90s", "9m", "1d" as seconds (at most 10 years); an error when malformed.
std::optional<std::int64_t> seconds(const Value& v, Report& report);
// "100%" or "100"; an error when malformed.
std::optional<std::int64_t> percent(const Value& v, Report& report);
// "yes"/"no" (and true/false, 1/0 as strongSwan reads them); an error when neither.
std::optional<bool> yes_no(const Value& v, Report& report);

// An IKE (phase 1) or ESP (phase 2) proposal list: "aes128-sha1-modp2048,aes256gcm16-ecp384"
// and strongSwan's "default". Sets <phase>_encryption_algorithms, _integrity_algorithms and
// _dh_group_numbers to the union over the proposals; errors at the column of a token that is
// no algorithm; a recognised algorithm vpnsim does not know is written as the file has it, so
// the loader names it.
enum class Proto : std::uint8_t { Ike, Esp };
void read_proposals(const Value& v, Proto proto, DraftTunnel& tunnel, Report& report);
// strongSwan's default proposal, as far as vpnsim knows its algorithms, at `v` (the section
// that leaves the proposals out).
void put_default_proposals(const Value& v, Proto proto, DraftTunnel& tunnel, Report& report);

// The AWS outside address from a comma separated address list (remote_addrs, right): the
// first element, which must be an IPv4 address (a hostname, %any, a subnet or a range is an
// error); later elements are warned.
std::optional<net::Ipv4Addr> read_peer(const Value& v, Report& report);
// A plain IPv4 address, or nullopt (no diagnostic).
std::optional<net::Ipv4Addr> address(std::string_view text);

// Traffic selectors: "10.0.0.0/16, 172.16.0.1, 10.1.0.0/16[tcp/80]". `dynamic` replaces
// the word "dynamic" (swanctl: the tunnel's own outer address); without it "dynamic" is
// warned and dropped. Host bits are cleared as strongSwan does. nullopt after an error.
std::optional<std::vector<net::Ipv4Prefix>> read_selectors(const Value& v,
                                                           std::optional<net::Ipv4Addr> dynamic,
                                                           Report& report);
// ["10.0.0.0/16", "172.31.0.0/16"]
std::string toml_prefixes(const std::vector<net::Ipv4Prefix>& prefixes);
// [{ local = "...", remote = "..." }, ...]: every local x remote pair, in order.
std::string toml_proxy_ids(const std::vector<std::pair<net::Ipv4Prefix, net::Ipv4Prefix>>& ids);

// DPD action words: clear, restart, none; trap/hold (re-initiate on traffic) become clear,
// warned. swanctl's none is clear (DPD still runs: dpd_delay alone turns it off) and its
// start is restart; ipsec.conf's none turns DPD off. Sets dpd_action.
enum class Syntax : std::uint8_t { Swanctl, IpsecConf };
void put_dpd_action(const Value& v, Syntax syntax, DraftTunnel& tunnel, Report& report);

// aws-updown.sh's "-ll 169.254.44.110/30" (the CGW's inside address and the /30): inside_ip
// and DraftTunnel::inside; "-lr" (AWS's side) gives `inside` when -ll is absent. Other
// scripts set nothing.
void read_updown(const Value& v, DraftTunnel& tunnel);

// ---- swanctl.conf's sections (cgw_swanctl_syntax.cpp) ----

struct Section {
    std::string name;
    std::string path;                                   // "connections.aws-1"
    SourcePos at;                                       // where its name is first written
    std::vector<std::size_t> sections;                  // indices of its subsections
    std::vector<std::pair<std::string, Value>> values;  // bare key, value, in file order
};

// The file's sections, [0] the file itself; syntax errors reported. Never recurses.
std::vector<Section> parse_sections(std::string_view text, Report& report);
// The value of `key` in `s` (its last assignment counts), or nullptr.
const Value* get(const Section& s, std::string_view key);
// A key `s` leaves out: no text, at the section's name, with the file's words for it.
Value implied(const Section& s, std::string_view key);

}  // namespace vpnsim::import::swan
