// DOC: the Cisco IOS / IOS-XE reader's parts (cgw_cisco_ios*.cpp), shared between its files.
// A configuration is read line by line into a Config (what each block says, with positions),
// then resolved into a CgwDraft (cgw_cisco_ios_tunnels.cpp): each `interface TunnelN` follows
// its `tunnel protection ipsec profile` to the transform sets, the IKEv2 or ISAKMP profile, the
// keyring and the IKE proposals; each applied `crypto map` entry to its peer and access list.
// Blocks: a top-level command opens one; the lines indented under it are its sub-mode; an
// unindented line that only the open block knows (a pasted `encryption aes` without blanks)
// stays in it, as the IOS CLI keeps it in the sub-mode; `exit` closes the innermost mode.
#pragma once

#include <fmt/format.h>

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "models/common/ipv4.hpp"
#include "sim/import/cgw_draft.hpp"

namespace vpnsim::import::ios {

// At most this many blocks of one kind, entries of one list, errors and warnings: a config is
// far smaller, and every later look-up stays bounded on hostile input.
inline constexpr std::size_t kMaxObjects = 1024;
inline constexpr std::size_t kMaxReports = 1000;

struct Word {
    std::string_view text;
    SourcePos at;
};

struct Line {
    int number{0};
    bool indented{false};
    std::string_view text;  // without its line end
    std::vector<Word> words;

    std::size_t size() const { return words.size(); }
    std::string_view word(std::size_t i) const { return i < words.size() ? words[i].text : ""; }
    // words[i] is `keyword`, compared as IOS does (case-insensitive).
    bool is(std::size_t i, std::string_view keyword) const;
    // Where words[i] is; past the end of the line when there is no such word.
    SourcePos at(std::size_t i) const;
    // The line from words[i] to its end, trailing blanks removed ("" past the end).
    std::string_view rest(std::size_t i) const;
};

// The lines of `text`, one at a time: blank lines and `!` comments skipped, `\r` dropped.
class LineSplitter {
  public:
    explicit LineSplitter(std::string_view text) : text_(text) {}
    bool next(Line& line);
    // Skips to the line holding `delimiter` (a banner's end); false if none does.
    bool skip_past(std::string_view delimiter);

  private:
    std::string_view raw_line();
    std::string_view text_;
    std::size_t offset_{0};
    int number_{0};
};

bool iequals(std::string_view a, std::string_view b);
bool is_number(std::string_view s);  // digits only
std::string lowered(std::string_view s);
std::optional<net::Ipv4Addr> parse_address(std::string_view text);
// "255.255.255.252" -> 30; nullopt when not contiguous.
std::optional<std::uint8_t> mask_length(std::string_view mask);
// An ACL wildcard ("0.0.255.255" -> 16); nullopt when not contiguous.
std::optional<std::uint8_t> wildcard_length(std::string_view wildcard);
// A whole number as TOML integer text ("028800" -> "28800"); else the text as a TOML string,
// for the loader to refuse with its own message.
std::string toml_integer(std::string_view text);
// The line's first `n` words: how a block's mode is named in warnings and diagnostics.
std::string header(const Line& line, std::size_t n);
// A word of the file as a message quotes it: control characters escaped, cut when long.
std::string echo(std::string_view word);
// An AS number: asplain, or asdot "1.10" (65546); else as toml_integer writes it.
std::string asn_value(std::string_view text);

// One value as the file writes it, already translated into TOML text.
struct Item {
    std::string value;
    SourcePos at;
    std::string source_key;
};

// An IOS keyword and the scenario's name for it ("aes-cbc-128" -> "AES128").
struct Spelling {
    std::string_view ios;
    std::string_view scenario;
};

// One phase's algorithm lists, each in the file's order.
struct Algorithms {
    std::vector<Item> encryption;
    std::vector<Item> integrity;
    std::vector<Item> dh_groups;
};

// DPD: `dpd 10 10 on-demand` (IKEv2 profile, `crypto ikev2 dpd`), `crypto isakmp keepalive
// 10 10`, `keepalive 10 retry 10` (ISAKMP profile).
struct Dpd {
    Item interval;
    SourcePos at;  // the statement
    std::string source_key;
    std::string retry;  // the retry interval as written ("" when left out)
    bool periodic{false};
};

struct Ikev2Proposal {
    std::string name;
    SourcePos at;
    Algorithms algorithms;
};

struct Ikev2Policy {
    std::string name;
    SourcePos at;
    std::vector<Word> proposals;
    std::optional<Word> local;  // match address local A
};

// An IKEv2 keyring's `peer` (address, pre-shared-key [local|remote]), an IKEv1 keyring's
// `pre-shared-key address A [M] key K`, a global `crypto isakmp key K address A [M]`.
struct KeyringPeer {
    std::string name;
    std::optional<net::Ipv4Prefix> address;
    std::optional<Item> psk;         // the key IOS authenticates itself with (local)
    std::optional<Item> remote_psk;  // `pre-shared-key remote K`, when it differs
};

struct Keyring {
    std::string name;
    SourcePos at;
    std::optional<Word> local;  // IKEv1 `local-address A|INTERFACE`
    std::vector<KeyringPeer> peers;
};

struct Ikev2Profile {
    std::string name;
    SourcePos at;
    std::vector<net::Ipv4Prefix> remotes;  // match identity remote address
    std::optional<Word> local;             // match address local A
    std::optional<Word> keyring;
    std::optional<Item> lifetime;
    std::optional<Dpd> dpd;
};

struct IsakmpPolicy {
    int priority{0};
    SourcePos at;
    std::optional<Item> encryption;  // IOS defaults: DES, SHA1, group 1, 86400 s, rsa-sig
    std::optional<Item> hash;
    std::optional<Item> group;
    std::optional<Item> lifetime;
    std::string authentication{"rsa-sig"};
};

struct IsakmpProfile {
    std::string name;
    SourcePos at;
    std::optional<Word> keyring;
    std::vector<net::Ipv4Prefix> matches;  // match identity address
    std::optional<Word> local;             // local-address A|INTERFACE
    std::optional<Dpd> keepalive;
    std::optional<Item> aggressive;  // initiate mode aggressive
};

struct TransformSet {
    std::string name;
    SourcePos at;
    Algorithms algorithms;
};

// What an IPsec profile and a crypto map entry both set.
struct IpsecPolicy {
    std::vector<Word> transform_sets;
    std::optional<Item> pfs;
    std::optional<Item> lifetime;
    std::optional<Word> ikev2_profile;
    std::optional<Word> isakmp_profile;
    std::optional<Item> responder_only;
};

struct IpsecProfile {
    std::string name;
    SourcePos at;
    IpsecPolicy policy;
};

struct CryptoMapEntry {
    std::string map;
    std::string seq;
    SourcePos at;
    IpsecPolicy policy;
    std::optional<Word> peer;
    std::optional<Word> acl;
};

struct ProxyPair {
    net::Ipv4Prefix local;
    net::Ipv4Prefix remote;
    SourcePos at;
};

struct AccessList {
    std::string name;
    SourcePos at;
    std::vector<ProxyPair> pairs;
};

struct Interface {
    std::string name;
    SourcePos at;
    std::optional<net::Ipv4Prefix> address;  // the address itself with its mask's length
    SourcePos address_at;
    std::optional<Word> source;
    std::optional<net::Ipv4Addr> destination;
    SourcePos destination_at;
    bool has_mode{false};  // `tunnel mode` given (IOS's default is GRE)
    std::optional<Word> protection;
    std::optional<Item> mss;
    std::optional<Item> mtu;
    std::optional<Word> crypto_map;
    bool shutdown{false};
    int shutdown_line{0};
    bool is_tunnel() const;
};

struct StaticRoute {
    net::Ipv4Prefix prefix;
    SourcePos at;
    Word via;  // an interface or a next hop
    std::string source_key;
};

struct BgpTimers {
    Item keepalive;
    Item hold;
    std::optional<Item> min_hold;
};

struct Neighbor {
    net::Ipv4Addr address;
    std::string text;
    SourcePos at;
    std::optional<Item> remote_as;
    std::optional<BgpTimers> timers;
    std::optional<Item> password;
    std::optional<Word> route_map_out;
    std::optional<Word> route_map_in;
};

struct RouteMapClause {
    int seq{10};
    bool permit{true};
    SourcePos at;
    bool has_match{false};
    std::vector<Item> prepend;
    std::optional<Item> metric;
    std::optional<Item> local_pref;
};

struct RouteMap {
    std::string name;
    SourcePos at;
    std::vector<RouteMapClause> clauses;  // in sequence order
};

struct Bgp {
    Item asn;
    std::string asn_text;
    SourcePos at;
    std::vector<Neighbor> neighbors;
    std::map<std::string, std::size_t, std::less<>> neighbor_index;
    std::optional<BgpTimers> timers;  // timers bgp
    std::vector<Item> announce;
    std::vector<std::string> peer_groups;
};

// Blocks of one kind in file order, found by name.
template <class T>
struct Named {
    std::vector<T> items;
    std::map<std::string, std::size_t, std::less<>> index;

    const T* find(std::string_view name) const {
        const auto it = index.find(name);
        return it == index.end() ? nullptr : &items[it->second];
    }
};

struct Config {
    Named<Ikev2Proposal> ikev2_proposals;
    Named<Ikev2Policy> ikev2_policies;
    Named<Keyring> ikev2_keyrings;
    Named<Ikev2Profile> ikev2_profiles;
    std::map<int, IsakmpPolicy> isakmp_policies;  // by priority: IOS offers them in this order
    Named<Keyring> keyrings;                      // crypto keyring
    Keyring isakmp_keys;                          // crypto isakmp key K address A
    Named<IsakmpProfile> isakmp_profiles;
    Named<TransformSet> transform_sets;
    Named<IpsecProfile> ipsec_profiles;
    std::vector<CryptoMapEntry> crypto_maps;
    Named<AccessList> access_lists;
    Named<Interface> interfaces;
    Named<RouteMap> route_maps;
    std::vector<StaticRoute> routes;
    std::optional<Bgp> bgp;
    std::optional<Dpd> ikev2_dpd;   // crypto ikev2 dpd
    std::optional<Dpd> isakmp_dpd;  // crypto isakmp keepalive
    std::optional<Item> nat_t;      // no crypto ipsec nat-transparency udp-encapsulation
    std::optional<Item> nat_keepalive;
    std::optional<Item> ipsec_lifetime;  // crypto ipsec security-association lifetime seconds
};

enum class Block : std::uint8_t {
    None,
    Ignored,
    Ikev2Proposal,
    Ikev2Policy,
    Ikev2Keyring,
    Ikev2Profile,
    IsakmpPolicy,
    Keyring,
    IsakmpProfile,
    TransformSet,
    IpsecProfile,
    CryptoMap,
    Interface,
    RouterBgp,
    RouteMap,
    AccessList,
};

// Reads one file: lines into config_ (cgw_cisco_ios.cpp, _crypto.cpp, _routing.cpp), then
// the draft from it (_tunnels.cpp).
class Reader {
  public:
    Reader(std::string_view text, const std::string& file);
    CgwDraft read();

  private:
    // Reports.
    void warn(int line, std::string_view what);
    void error(SourcePos at, std::string_view key, std::string_view message);
    // "WORDS (BLOCK) not modelled": the statement's first `words` words, in its block.
    void not_here(const Line& line, std::string_view block, std::size_t words = 2);

    // Lines and blocks (cgw_cisco_ios.cpp; the crypto commands in cgw_cisco_ios_commands.cpp).
    void top_level(const Line& line);
    void in_block(const Line& line);
    bool block_knows(const Line& line) const;
    void open(Block block, std::size_t index, std::string name);
    void banner(const Line& line, LineSplitter& lines);
    void crypto(const Line& line);
    void crypto_ikev2(const Line& line);
    void crypto_isakmp(const Line& line);
    void crypto_ipsec(const Line& line);
    void ip(const Line& line);
    std::optional<net::Ipv4Addr> address_word(const Line& line, std::size_t i,
                                              std::string_view key);
    std::optional<net::Ipv4Prefix> address_mask(const Line& line, std::size_t i,
                                                std::string_view key);
    template <class T>
    std::size_t named(Named<T>& kind, const Line& line, std::size_t name_word);

    // Crypto blocks (cgw_cisco_ios_crypto.cpp).
    void algorithms(const Line& line, std::span<const Spelling> table, std::vector<Item>& out,
                    const std::string& key);
    void groups(const Line& line, std::size_t first, std::vector<Item>& out,
                const std::string& key);
    void ikev2_proposal(const Line& line);
    void ikev2_policy(const Line& line);
    void ikev2_keyring(const Line& line);
    void ikev2_profile(const Line& line);
    void isakmp_policy(const Line& line);
    void keyring(const Line& line);
    void isakmp_profile(const Line& line);
    void isakmp_key(const Line& line);
    void transform_set(const Line& line, std::size_t first);
    void ipsec_profile(const Line& line);
    void ipsec_map_entry(const Line& line);
    bool ipsec_policy(const Line& line, IpsecPolicy& policy, const std::string& owner);
    std::optional<Dpd> dpd(const Line& line, std::size_t first, const std::string& key);
    std::optional<Item> psk_item(const Line& line, std::size_t& i, const std::string& key);

    // Interfaces, routing, access lists (cgw_cisco_ios_routing.cpp).
    void open_interface(const Line& line);
    void interface_line(const Line& line);
    void static_route(const Line& line);
    void access_list_entry(const Line& line, AccessList& acl, std::size_t first);
    std::optional<net::Ipv4Prefix> acl_operand(const Line& line, std::size_t& i,
                                               const std::string& key);
    void open_router_bgp(const Line& line);
    void router_bgp_line(const Line& line);
    void neighbor(const Line& line);
    Neighbor* neighbor_entry(const Line& line);
    void open_route_map(const Line& line);
    void route_map_line(const Line& line);
    std::optional<BgpTimers> timers(const Line& line, std::size_t first, const std::string& key);

    // The draft (cgw_cisco_ios_tunnels.cpp, cgw_cisco_ios_draft.cpp).
    void resolve();
    void resolve_tunnel(const Interface& f);
    void ipsec_settings(DraftTunnel& t, const IpsecPolicy& policy, const std::string& owner,
                        SourcePos owner_at, std::optional<net::Ipv4Addr> local);
    void ikev2_settings(DraftTunnel& t, const Word& profile_word,
                        std::optional<net::Ipv4Addr> local);
    void ikev1_settings(DraftTunnel& t, const std::optional<Word>& profile_word, SourcePos owner_at,
                        const std::string& owner);
    void ikev1_psk(DraftTunnel& t, const IsakmpProfile* profile);
    void ikev1_phase1(DraftTunnel& t);
    bool psk_setting(DraftTunnel& t, const std::vector<KeyringPeer>& peers);
    void dpd_settings(DraftTunnel& t, const std::optional<Dpd>& d, SourcePos none_at,
                      const std::string& none_key);
    SourcePos draft_peer_at(const DraftTunnel& t) const;
    void resolve_crypto_maps();
    void resolve_routes();
    void resolve_bgp();
    void bgp_session(const Bgp& b, const std::vector<const Neighbor*>& neighbors);
    void apply_route_map(DraftTunnel& t, const Word& name, bool outbound);
    void resolve_globals();
    std::optional<net::Ipv4Addr> outside_from(const Word& w, const std::string& source_key);
    void set_outside(const std::optional<net::Ipv4Addr>& address, SourcePos at,
                     const std::string& source_key);

    std::string_view text_;
    const std::string& file_;
    CgwDraft draft_;
    Config config_;
    Block block_{Block::None};
    std::size_t index_{0};       // the open block's entry in its container
    std::string block_name_;     // the open block's words, for warnings and keys
    bool sub_mode_{false};       // a keyring's `peer`, router bgp's `address-family`
    bool skip_sub_mode_{false};  // an address family vpnsim does not model
    int clause_seq_{0};          // the open route-map clause
    // Reports given (each once: tunnels sharing a profile would repeat them).
    std::set<std::string> reported_;
    // The draft under construction.
    std::optional<net::Ipv4Addr> outside_;
    std::vector<const Interface*> vtis_;                // tunnel interfaces drafted, in order
    std::map<std::string, std::size_t> tunnel_drafts_;  // lower-case interface -> draft tunnel
    struct Ikev1Phase1 {
        Algorithms algorithms;
        std::optional<Item> lifetime;
    };
    std::optional<Ikev1Phase1> ikev1_phase1_;
};

// The block of `kind` named by the line's word `name_word`, made when new; npos (after an
// error) when the name is missing or there are too many.
template <class T>
std::size_t Reader::named(Named<T>& kind, const Line& line, std::size_t name_word) {
    const auto name = line.word(name_word);
    if (name.empty()) {
        error(line.at(name_word), header(line, name_word), "expected a name");
        return std::string_view::npos;
    }
    if (const auto it = kind.index.find(name); it != kind.index.end()) return it->second;
    if (kind.items.size() >= kMaxObjects) {
        error(line.at(name_word), header(line, name_word),
              fmt::format("more than {} of these: the rest not read", kMaxObjects));
        return std::string_view::npos;
    }
    T item;
    item.name = std::string(name);
    item.at = line.at(0);
    kind.items.push_back(std::move(item));
    kind.index.emplace(std::string(name), kind.items.size() - 1);
    return kind.items.size() - 1;
}

}  // namespace vpnsim::import::ios
