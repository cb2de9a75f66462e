// DOC: strongSwan's legacy ipsec.conf (5.x, the stroke interface) as [cgw] settings, as in
// AWS's downloadable strongSwan configuration: each loaded `conn` a [[cgw.tunnel]] (its key is
// in ipsec.secrets, cgw_ipsec_conf_secrets.cpp: ipsec.conf itself holds none).
// Reference: ipsec.conf(5) of strongSwan 5.9.
// Syntax: a section starts at column 1 (`config setup`, `conn <name>`, `ca <name>`,
// `include <file>`); its settings are the indented `key=value` lines after it; '#' starts a
// comment; a value may be double-quoted. A conn's settings are its own, then those of its
// `also=` conns (in order, 16 deep at most, each once), then `conn %default`'s wherever it is.
// Mapping: right -> peer (an IPv4 address; a hostname is refused), left (else an IPv4 leftid)
// -> [cgw] outside_ip, keyexchange ike/ikev2 -> ike_version 2 (5.x: `ike` initiates IKEv2),
// ikev1 -> 1, aggressive -> ikev1_mode (IKEv1 only), ike / esp -> phase1_* / phase2_* (a list
// without its closing '!' also offers strongSwan's defaults: warned, only the list is used),
// ikelifetime (3 h) -> ike_lifetime_seconds, lifetime/keylife (1 h) ->
// phase2_lifetime_seconds, margintime/rekeymargin (9 m) -> rekey_margin_time_seconds,
// rekeyfuzz (100 %) -> rekey_fuzz_percentage, rekey -> rekey, dpdaction (none) -> dpd_action
// (hold: clear, warned), dpddelay (30 s) -> dpd_interval_seconds, IKEv1's dpdtimeout (150 s)
// -> dpd_retries (dead after interval x (retries + 1)), auto start -> initiate, add/route ->
// not (route warned), ignore (the default) -> not loaded (warned), leftsubnet / rightsubnet ->
// local_ts / remote_ts (default: left's / right's own address), aws-updown.sh's -ll in
// leftupdown -> inside_ip. reauth (IKEv2's default) is simulated as a rekey.
// Left out (warned): authentication other than a PSK, `ca` sections, `include`, config setup
// options other than logging, keyingtries other than %forever on an initiator, compress,
// forceencaps, closeaction, virtual IPs, protocol/port selectors.
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <map>
#include <set>

#include "sim/import/cgw_swanctl_detail.hpp"

namespace vpnsim::import {
namespace {

using swan::each_line;
using swan::Report;
using swan::trim;
using swan::Value;

constexpr std::size_t kMaxConns = 4096;
constexpr int kMaxAlso = 16;

struct Conn {
    std::string name;
    std::string words;  // "conn <name>", cut (swan::key_words)
    SourcePos at;
    std::vector<std::pair<std::string, Value>> values;  // key, value in file order
    std::vector<Value> also;                            // also= in order
};

struct Config {
    std::vector<Conn> conns;
    Conn defaults{"%default", "conn %default", {}, {}, {}};
    std::map<std::string, std::size_t, std::less<>> index;  // conns by name
    // The conn named `name`, or nullptr.
    const Conn* find(std::string_view name) const {
        const auto it = index.find(name);
        return it == index.end() ? nullptr : &conns[it->second];
    }
};

// The line up to a '#' that is not inside double quotes.
std::string_view without_comment(std::string_view line) {
    bool quoted = false;
    for (std::size_t i = 0; i < line.size(); ++i) {
        if (line[i] == '"') quoted = !quoted;
        if (line[i] == '#' && !quoted) return line.substr(0, i);
    }
    return line;
}

bool blank(char c) {
    return c == ' ' || c == '\t';
}

// One `key=value` line into v (at: the value's first character after a quote); false after
// an error.
bool setting(std::string_view line, int number, std::string_view prefix, std::string& key, Value& v,
             Report& report) {
    line = without_comment(line);
    const auto start = line.find_first_not_of(" \t");
    const auto eq = line.find('=');
    const SourcePos at{number, static_cast<int>(start) + 1};
    if (eq == std::string_view::npos || eq <= start) {
        report.error(at, fmt::format("{} {}", prefix, trim(line)), "expected key=value");
        return false;
    }
    key = std::string(trim(line.substr(start, eq - start)));
    auto raw = line.substr(eq + 1);
    const auto first = raw.find_first_not_of(" \t");
    auto column = static_cast<int>(eq + 2 + (first == std::string_view::npos ? 0 : first));
    raw = trim(raw);
    v.key = swan::key_words(fmt::format("{} {}", prefix, key));
    if (!raw.empty() && raw.front() == '"') {
        const auto close = raw.find('"', 1);
        if (close == std::string_view::npos) {
            report.error({number, column}, v.key, "unterminated string: a '\"' is missing");
            return false;
        }
        raw = raw.substr(1, close - 1);
        ++column;
    }
    v.text = std::string(raw);
    v.at = {number, column};
    return true;
}

void check_also(const Config& config, const Conn& c, Report& report) {
    for (const auto& also : c.also) {
        if (!config.find(also.text)) {
            report.error(also, fmt::format("also={}: no such conn", also.text));
        }
    }
}

Config parse_conf(std::string_view text, Report& report) {
    Config config;
    Conn* section = nullptr;  // the conn being read, or nullptr
    bool in_setup = false;
    bool skipping = false;  // inside `ca`, or after an unreadable header
    each_line(text, [&](int number, std::string_view line) {
        const auto content = trim(without_comment(line));
        if (content.empty()) return;
        if (!blank(line.front())) {
            const auto parts = swan::words(content);
            section = nullptr;
            in_setup = false;
            skipping = true;
            const auto kind = parts.front().text;
            const bool two = parts.size() == 2 && !parts[1].text.empty();
            if (kind == "config" && two && parts[1].text == "setup") {
                in_setup = true;
                skipping = false;
            } else if (kind == "conn" && two && parts[1].text == "%default") {
                section = &config.defaults;
                skipping = false;
            } else if (kind == "conn" && two && config.find(parts[1].text)) {
                report.error({number, 1}, content, "a second conn of that name");
            } else if (kind == "conn" && two && config.conns.size() < kMaxConns) {
                config.index.emplace(parts[1].text, config.conns.size());
                config.conns.push_back(Conn{std::string(parts[1].text),
                                            swan::key_words("conn " + std::string(parts[1].text)),
                                            {number, 1},
                                            {},
                                            {}});
                section = &config.conns.back();
                skipping = false;
            } else if (kind == "conn" && two) {
                report.error({number, 1}, content, fmt::format("more than {} conns", kMaxConns));
            } else if ((kind == "ca" && two) || kind == "include") {
                report.warn(number,
                            fmt::format("{} {}", kind, swan::cut(two ? parts[1].text : "")));
            } else {
                report.error({number, 1}, content,
                             "expected 'config setup', 'conn <name>', 'ca <name>' or 'include "
                             "<file>'");
            }
            return;
        }
        if (skipping) return;
        if (!section && !in_setup) {
            report.error({number, 1}, trim(line), "a setting before any section");
            return;
        }
        std::string key;
        Value v;
        const std::string_view prefix =
            section ? std::string_view(section->words) : std::string_view("config setup");
        if (!setting(line, number, prefix, key, v, report)) return;
        if (in_setup) {
            if (key != "charondebug" && key != "plutodebug" && key != "charonstart" &&
                key != "plutostart") {
                report.warn(number, fmt::format("config setup {}", swan::cut(key)));
            }
        } else if (key == "also") {
            section->also.push_back(std::move(v));
        } else {
            section->values.emplace_back(std::move(key), std::move(v));
        }
    });
    check_also(config, config.defaults, report);
    for (const auto& c : config.conns) check_also(config, c, report);
    return config;
}

// A conn's settings: its own, then its also= conns' (depth first, in order), then %default's.
class Resolved {
  public:
    Resolved(const Config& config, const Conn& conn, Report& report) : conn_(conn) {
        std::vector<const Conn*> seen;
        add(config, conn, seen, 0, report);
        add(config, config.defaults, seen, 0, report);
    }
    const Value* get(std::string_view key) const {
        const auto it = values_.find(key);
        return it == values_.end() ? nullptr : &it->second;
    }
    const Value* get(std::string_view key, std::string_view alias) const {
        const auto* v = get(key);
        return v ? v : get(alias);
    }
    // A key the conn leaves out, at its `conn` line.
    Value implied(std::string_view key) const {
        return Value{{}, conn_.at, swan::key_words(fmt::format("{} {}", conn_.words, key))};
    }
    Value get_or(std::string_view key, std::string_view fallback) const {
        const auto* v = get(key);
        if (v) return *v;
        auto i = implied(key);
        i.text = fallback;
        return i;
    }
    const std::map<std::string, Value, std::less<>>& values() const { return values_; }

  private:
    void add(const Config& config, const Conn& c, std::vector<const Conn*>& seen, int depth,
             Report& report) {
        if (std::find(seen.begin(), seen.end(), &c) != seen.end()) return;
        seen.push_back(&c);
        for (auto it = c.values.rbegin(); it != c.values.rend(); ++it) {
            values_.emplace(it->first, it->second);  // the last line of a section counts
        }
        for (const auto& also : c.also) {  // a missing one is reported once, when read
            const auto* base = config.find(also.text);
            if (!base) continue;
            if (depth >= kMaxAlso) {
                report.error(also, fmt::format("also= more than {} deep", kMaxAlso));
                continue;
            }
            add(config, *base, seen, depth + 1, report);
        }
    }

    const Conn& conn_;
    std::map<std::string, Value, std::less<>> values_;
};

// Keys read below; keys that change nothing vpnsim simulates; keys that matter only when they
// leave strongSwan's default (warned then). Any other key is warned.
constexpr std::array<std::string_view, 27> kRead{
    "left",        "leftid",    "right", "authby",      "auth",       "leftauth",    "rightauth",
    "keyexchange", "ike",       "esp",   "ikelifetime", "lifetime",   "keylife",     "margintime",
    "rekeymargin", "rekeyfuzz", "rekey", "keyingtries", "leftsubnet", "rightsubnet", "dpddelay",
    "dpdtimeout",  "dpdaction", "auto",  "aggressive",  "leftupdown", "also"};
constexpr std::array<std::string_view, 18> kSilent{
    "rightid",     "reauth",        "mark",          "mark_in",       "mark_out",
    "mobike",      "fragmentation", "leftfirewall",  "rightfirewall", "lefthostaccess",
    "leftnexthop", "rightnexthop",  "installpolicy", "reqid",         "ikedscp",
    "rightupdown", "replay_window", "leftsendcert"};
constexpr std::array<swan::KeyDefault, 8> kDefaults{{{"type", "tunnel"},
                                                     {"compress", "no"},
                                                     {"forceencaps", "no"},
                                                     {"closeaction", "none"},
                                                     {"inactivity", "0"},
                                                     {"sha256_96", "no"},
                                                     {"leftprotoport", ""},
                                                     {"rightprotoport", ""}}};
constexpr swan::KnownKeys kKnown{kRead, kSilent, kDefaults, "="};

bool is_psk(const Value* v) {
    const auto l = v ? swan::lower(v->text) : std::string{};
    return l == "psk" || l == "secret";
}

class ConfReader {
  public:
    ConfReader(Report& report) : report_(report), draft_(report.draft()) {}
    void tunnel(const Conn& c, const Resolved& r);

  private:
    std::optional<net::Ipv4Addr> local_address(const Resolved& r);
    void authentication(const Conn& c, const Resolved& r);
    void proposals(const Resolved& r, swan::Proto proto, DraftTunnel& t);
    void dpd(const Resolved& r, int version, DraftTunnel& t);
    void lifetimes(const Resolved& r, DraftTunnel& t);
    void selectors(const Resolved& r, std::optional<net::Ipv4Addr> local, int version,
                   DraftTunnel& t);
    void others(const Resolved& r);

    Report& report_;
    CgwDraft& draft_;
    std::optional<std::string> outside_;  // [cgw] outside_ip as set
};

void ConfReader::tunnel(const Conn& c, const Resolved& r) {
    const auto how = r.get_or("auto", "ignore");
    const auto start = swan::lower(how.text);
    if (start == "ignore") {
        report_.warn(how.at.line,
                     fmt::format("conn {} with auto=ignore (not loaded)", swan::cut(c.name)));
        return;
    }
    DraftTunnel t{c.name, std::nullopt, std::nullopt, c.at, true, {}};
    const auto exchange = r.get_or("keyexchange", "ike");
    const auto kx = swan::lower(exchange.text);
    const int version = kx == "ikev1" ? 1 : 2;
    if (kx == "ike" || kx == "ikev1" || kx == "ikev2") {
        swan::put(t.settings, "ike_version", std::to_string(version), exchange);
    } else {
        swan::put_string(t.settings, "ike_version", exchange.text, exchange);
    }
    if (const auto* v = r.get("right")) {
        t.peer = swan::read_peer(*v, report_);
        if (t.peer) swan::put_string(t.settings, "peer", t.peer->to_string(), *v);
    } else {
        report_.error(c.at, r.implied("right").key,
                      "the AWS outside address is needed: right=<address>");
    }
    const auto local = local_address(r);
    proposals(r, swan::Proto::Ike, t);
    if (const auto* v = r.get("aggressive")) {
        if (swan::yes_no(*v, report_).value_or(false) && version == 1) {
            swan::put_string(t.settings, "ikev1_mode", "aggressive", *v);
        }
    }
    authentication(c, r);
    dpd(r, version, t);
    lifetimes(r, t);
    selectors(r, local, version, t);
    proposals(r, swan::Proto::Esp, t);
    if (start == "start" || start == "add" || start == "route") {
        swan::put(t.settings, "initiate", start == "start" ? "true" : "false", how);
    } else {
        swan::put_string(t.settings, "initiate", how.text, how);
    }
    if (start == "route") {
        report_.warn(how.at.line, "auto=route (trap policy)");
    }
    if (const auto* v = r.get("leftupdown")) swan::read_updown(*v, t);
    const auto tries = r.get_or("keyingtries", "3");
    const auto l = swan::lower(tries.text);
    if (start == "start" && l != "%forever" && l != "0") {
        report_.warn(tries.at.line,
                     fmt::format("keyingtries={} (gives up)", swan::cut(tries.text)));
    }
    others(r);
    draft_.tunnels.push_back(std::move(t));
}

// left, else an IPv4 leftid: [cgw] outside_ip, set once.
std::optional<net::Ipv4Addr> ConfReader::local_address(const Resolved& r) {
    const Value* from = r.get("left");
    auto local = from ? swan::address(from->text) : std::nullopt;
    if (from && !local && !from->text.empty() && from->text.front() != '%') {
        report_.warn(from->at.line, fmt::format("left={} (not IPv4)", swan::cut(from->text)));
    }
    if (const auto* id = r.get("leftid"); !local && id && swan::address(id->text)) {
        local = swan::address(id->text);
        from = id;
    }
    if (!local) return local;
    const auto text = local->to_string();
    if (!outside_) {
        outside_ = text;
        swan::put_string(draft_.cgw, "outside_ip", text, *from);
    } else if (*outside_ != text) {
        report_.warn(from->at.line, fmt::format("{}={} (outside_ip is {})",
                                                swan::name_of(from->key), text, *outside_));
    }
    return local;
}

void ConfReader::authentication(const Conn& c, const Resolved& r) {
    const auto* left = r.get("leftauth");
    const auto* right = r.get("rightauth");
    for (const auto* v : {left, right}) {
        if (v && !is_psk(v)) {
            report_.warn(v->at.line, fmt::format("{}={} (only a PSK)", swan::name_of(v->key),
                                                 swan::cut(v->text)));
        }
    }
    if (left || right) return;
    const auto* by = r.get("authby");
    const auto* auth = r.get("auth");  // the AH/ESP choice; "secret" read as authby
    if (auth && swan::lower(auth->text) == "ah") report_.warn(auth->at.line, "auth=ah");
    if (!is_psk(by) && !(!by && is_psk(auth))) {
        report_.warn(by ? by->at.line : c.at.line,
                     fmt::format("authby={} (only a PSK)", by ? swan::cut(by->text) : "pubkey"));
    }
}

// ike= / esp=: a closing '!' makes the list strict; without it strongSwan also offers its
// defaults (warned). Absent: strongSwan's default proposal.
void ConfReader::proposals(const Resolved& r, swan::Proto proto, DraftTunnel& t) {
    const std::string_view key = proto == swan::Proto::Ike ? "ike" : "esp";
    const auto* v = r.get(key);
    if (!v) {
        swan::put_default_proposals(r.implied(key), proto, t, report_);
        return;
    }
    auto list = *v;
    if (!list.text.empty() && list.text.back() == '!') {
        list.text.pop_back();
    } else {
        report_.warn(v->at.line,
                     fmt::format("{} without '!' (strongSwan's defaults offered too)", key));
    }
    swan::read_proposals(list, proto, t, report_);
}

// dpdaction none (the default) sends no liveness checks; IKEv2 ignores dpdtimeout (its checks
// end on the retransmission schedule, CgwVendor::Strongswan).
void ConfReader::dpd(const Resolved& r, int version, DraftTunnel& t) {
    const auto action = r.get_or("dpdaction", "none");
    if (swan::lower(action.text) == "none") {
        swan::put_dpd_action(action, swan::Syntax::IpsecConf, t, report_);
        return;
    }
    const auto delay = r.get_or("dpddelay", "30s");
    const auto interval = swan::seconds(delay, report_);
    if (!interval) return;
    if (*interval == 0) {
        swan::put_string(t.settings, "dpd_action", "none", delay);
        return;
    }
    swan::put(t.settings, "dpd_interval_seconds", std::to_string(*interval), delay);
    if (version == 1) {
        const auto timeout = r.get_or("dpdtimeout", "150s");
        if (const auto s = swan::seconds(timeout, report_); s && *s > 0) {
            const auto retries = std::max<std::int64_t>(0, (*s + *interval - 1) / *interval - 1);
            swan::put(t.settings, "dpd_retries", std::to_string(retries), timeout);
        }
    }
    swan::put_dpd_action(action, swan::Syntax::IpsecConf, t, report_);
}

void ConfReader::lifetimes(const Resolved& r, DraftTunnel& t) {
    const auto time = [&](std::string_view key, const Value* v, std::string_view fallback,
                          std::string_view scenario_key) {
        auto value = v ? *v : r.implied(key);
        if (!v) value.text = fallback;
        if (const auto s = swan::seconds(value, report_)) {
            swan::put(t.settings, scenario_key, std::to_string(*s), value);
        }
    };
    time("ikelifetime", r.get("ikelifetime"), "3h", "ike_lifetime_seconds");
    time("lifetime", r.get("lifetime", "keylife"), "1h", "phase2_lifetime_seconds");
    time("margintime", r.get("margintime", "rekeymargin"), "9m", "rekey_margin_time_seconds");
    const auto fuzz = r.get_or("rekeyfuzz", "100%");
    if (const auto p = swan::percent(fuzz, report_)) {
        swan::put(t.settings, "rekey_fuzz_percentage", std::to_string(*p), fuzz);
    }
    if (const auto* v = r.get("rekey")) {
        if (const auto b = swan::yes_no(*v, report_)) {
            swan::put(t.settings, "rekey", *b ? "true" : "false", *v);
        }
    }
}

// leftsubnet / rightsubnet (default: the side's own address). IKEv1 negotiates the first
// subnet of each only (strongSwan without Cisco Unity).
void ConfReader::selectors(const Resolved& r, std::optional<net::Ipv4Addr> local, int version,
                           DraftTunnel& t) {
    for (const bool left : {true, false}) {
        const std::string_view key = left ? "leftsubnet" : "rightsubnet";
        const auto host = left ? local : t.peer;
        const auto* v = r.get(key);
        std::optional<std::vector<net::Ipv4Prefix>> ts;
        if (v) {
            ts = swan::read_selectors(*v, std::nullopt, report_);
        } else if (host) {
            ts = std::vector{net::Ipv4Prefix::host(*host)};
        } else {
            report_.warn(r.implied(key).at.line, fmt::format("{} absent (address unknown)", key));
        }
        if (!ts || ts->empty()) continue;
        if (version == 1 && ts->size() > 1) {
            report_.warn(v->at.line, fmt::format("{}: subnets after the first (IKEv1)", key));
            ts->resize(1);
        }
        swan::put(t.settings, left ? "local_ts" : "remote_ts", swan::toml_prefixes(*ts),
                  v ? *v : r.implied(key));
    }
}

void ConfReader::others(const Resolved& r) {
    for (const auto& [key, v] : r.values()) swan::warn_unknown(key, v, kKnown, report_);
}

// The conns some also= names: a base that sets no auto= of its own is not loaded itself.
std::set<std::string_view> bases(const Config& config) {
    std::set<std::string_view> out;
    for (const auto& c : config.conns) {
        for (const auto& a : c.also) out.insert(a.text);
    }
    return out;
}

}  // namespace

CgwDraft read_ipsec_conf(std::string_view text, const std::string& file) {
    CgwDraft draft;
    draft.file = file;
    draft.dialect = Dialect::IpsecConf;
    draft.vendor = scenario::CgwVendor::Strongswan;
    Report report(draft);
    const auto config = parse_conf(text, report);
    ConfReader reader(report);
    const auto base = bases(config);
    for (const auto& c : config.conns) {
        const auto own_auto = std::any_of(c.values.begin(), c.values.end(),
                                          [](const auto& kv) { return kv.first == "auto"; });
        if (base.count(c.name) > 0 && !own_auto) continue;
        reader.tunnel(c, Resolved(config, c, report));
    }
    report.finish();
    return draft;
}

}  // namespace vpnsim::import
