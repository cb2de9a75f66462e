// DOC: strongSwan's swanctl.conf (5.x/6.x) as [cgw] settings: each connection a
// [[cgw.tunnel]], its ike secret the tunnel's psk.
// Syntax: strongswan.conf(5)'s -- `name { ... }` sections (a name opened twice is one
// section), `key = value` up to a newline, '#' or '}', values quoted with escapes, '#'
// comments; `include` and section references (`name : other {`) are warned, not followed.
// Reference: swanctl.conf(5) (strongSwan's swanctl.opt) for every key and default.
// Mapping: remote_addrs -> peer (an IPv4 address; a hostname is refused), local_addrs (else
// an IPv4 local.id) -> [cgw] outside_ip, version 0/2 -> ike_version 2, 1 -> 1, aggressive ->
// ikev1_mode (IKEv1 only), proposals / esp_proposals -> phase1_* / phase2_*, dpd_delay 0 (the
// default) -> dpd_action "none", else dpd_interval_seconds and the first child's dpd_action
// (default clear); IKEv1's dpd_timeout -> dpd_retries (dead after interval x (retries + 1)),
// start_action start -> initiate (none, the default, and trap -> false), aws-updown.sh's -ll
// -> inside_ip. One child: local_ts / remote_ts ("dynamic", the default, is the tunnel's own
// address); several: policy-based, proxy_ids = each child's local_ts x remote_ts.
// Lifetimes: strongSwan rekeys an SA at rekey_time minus a random part of rand_time and
// closes it at its hard lifetime (CHILD: life_time, default rekey_time + 10 %; IKE: rekey_time
// + over_time, default 10 %); the scenario, like ipsec.conf, has one lifetime per SA and one
// margin and fuzz for both: rekey at lifetime - margin - fuzz% x margin. The first child gives
// them exactly -- phase2_lifetime_seconds = life_time, rekey_margin_time_seconds = life_time -
// rekey_time, rekey_fuzz_percentage = rand_time / margin (capped at 100) -- and the IKE SA
// keeps its rekey time: ike_lifetime_seconds = rekey_time (4 h) + that margin; its own
// over_time and rand_time give way (warned when written). reauth_time is simulated as a rekey
// at that time (warned).
// Left out (warned): other children's different lifetimes and proposals, authentication other
// than psk, a second authentication round, trap policies, keyingtries other than 0 on an
// initiator, encap, pools, virtual IPs, non-IKE secrets. Hex/base64 secrets are taken as
// written (warned). Not warned: version 0 also answering IKEv1 (the tunnel is IKEv2), IKEv1
// negotiating only the first of several selectors.
#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "sim/import/cgw_swanctl_detail.hpp"

namespace vpnsim::import {
namespace {

using swan::get;
using swan::implied;
using swan::Report;
using swan::Section;
using swan::Value;

constexpr std::size_t kMaxProxyIds = 256;

bool starts_with(std::string_view s, std::string_view prefix) {
    return s.substr(0, prefix.size()) == prefix;
}

// Keys read elsewhere, keys that change nothing vpnsim simulates, and keys that matter only
// when they differ from strongSwan's default (warned then).
constexpr std::array<std::string_view, 13> kConnKeys{
    "version",   "local_addrs", "remote_addrs", "proposals",   "aggressive",
    "dpd_delay", "dpd_timeout", "rekey_time",   "reauth_time", "over_time",
    "rand_time", "keyingtries", "pools"};
constexpr std::array<std::string_view, 9> kConnSilent{"pull",          "dscp",         "mobike",
                                                      "fragmentation", "send_certreq", "send_cert",
                                                      "unique",        "if_id_in",     "if_id_out"};
constexpr std::array<std::string_view, 11> kChildKeys{
    "local_ts", "remote_ts",  "esp_proposals", "rekey_time",   "life_time", "rand_time",
    "updown",   "dpd_action", "start_action",  "ah_proposals", "hostaccess"};
constexpr std::array<std::string_view, 19> kChildSilent{
    "policies", "policies_fwd_out", "reqid",         "priority",    "interface",
    "mark_in",  "mark_out",         "mark_in_sa",    "set_mark_in", "set_mark_out",
    "if_id_in", "if_id_out",        "replay_window", "tfc_padding", "copy_df",
    "copy_ecn", "copy_dscp",        "hw_offload",    "per_cpu_sas"};
constexpr std::array<swan::KeyDefault, 14> kDefaults{{{"local_port", "500"},
                                                      {"remote_port", "500"},
                                                      {"encap", "no"},
                                                      {"vips", ""},
                                                      {"childless", "allow"},
                                                      {"mode", "tunnel"},
                                                      {"close_action", "none"},
                                                      {"ipcomp", "no"},
                                                      {"inactivity", "0"},
                                                      {"rekey_bytes", "0"},
                                                      {"rekey_packets", "0"},
                                                      {"life_bytes", "0"},
                                                      {"life_packets", "0"},
                                                      {"sha256_96", "no"}}};
constexpr swan::KnownKeys kConnKnown{kConnKeys, kConnSilent, kDefaults, " = "};
constexpr swan::KnownKeys kChildKnown{kChildKeys, kChildSilent, kDefaults, " = "};

void warn_others(const Section& s, const swan::KnownKeys& known, Report& report) {
    for (const auto& [key, v] : s.values) swan::warn_unknown(key, v, known, report);
}

struct IkeSecret {
    const Section* section;
    const Value* secret;
    std::vector<const Value*> ids;
};

struct Connection {
    std::size_t tunnel;                   // in the draft
    std::vector<std::string> remote_ids;  // remote_addrs' first, remote.id
    std::vector<std::string> local_ids;   // local_addrs' first, local.id
};

class Reader {
  public:
    Reader(const std::vector<Section>& tree, Report& report)
        : tree_(tree), report_(report), draft_(report.draft()) {}
    void read();

  private:
    const Section& at(std::size_t i) const { return tree_[i]; }
    const Section* sub(const Section& s, std::string_view name) const {
        for (const auto i : s.sections) {
            if (at(i).name == name) return &at(i);
        }
        return nullptr;
    }
    void connection(const Section& c);
    void local_address(const Section& c, Connection& conn);
    void authentication(const Section& c, Connection& conn);
    void dpd(const Section& c, const Section* child, int version, DraftTunnel& t);
    void lifetimes(const Section& c, const Section* child, DraftTunnel& t);
    void children(const Section& c, DraftTunnel& t, bool& initiate);
    void selectors(const std::vector<const Section*>& kids, const Section& c, DraftTunnel& t);
    void secrets(const Section& s);
    void match_secrets();
    // A time key of `s` (when there is one) into `out`, `fallback` when absent; false after
    // an error.
    bool time_or(const Section* s, std::string_view key, std::int64_t fallback, std::int64_t& out) {
        const auto* v = s ? get(*s, key) : nullptr;
        const auto value = v ? swan::seconds(*v, report_) : std::optional<std::int64_t>{fallback};
        out = value.value_or(0);
        return value.has_value();
    }

    const std::vector<Section>& tree_;
    Report& report_;
    CgwDraft& draft_;
    std::vector<Connection> connections_;
    std::vector<IkeSecret> secrets_;
    std::optional<net::Ipv4Addr> local_;  // the tunnel being read: its own outer address
    std::optional<std::string> outside_;  // [cgw] outside_ip as set
};

void Reader::read() {
    const auto& root = at(0);
    for (const auto& [key, v] : root.values) report_.warn(v.at.line, key);
    for (const auto i : root.sections) {
        const auto& s = at(i);
        if (s.name == "connections") {
            for (const auto& [key, v] : s.values) report_.warn(v.at.line, key);
            for (const auto c : s.sections) connection(at(c));
        } else if (s.name == "secrets") {
            secrets(s);
        } else {
            report_.warn(s.at.line, fmt::format("section {}", swan::cut(s.name)));
        }
    }
    match_secrets();
}

void Reader::connection(const Section& c) {
    DraftTunnel t{c.name, std::nullopt, std::nullopt, c.at, true, {}};
    Connection conn{draft_.tunnels.size(), {}, {}};
    int version = 2;
    if (const auto* v = get(c, "version")) {
        const auto text = swan::lower(v->text);
        version = text == "1" ? 1 : 2;
        if (text == "0" || text == "1" || text == "2") {
            swan::put(t.settings, "ike_version", std::to_string(version), *v);
        } else {
            swan::put_string(t.settings, "ike_version", v->text, *v);
        }
    } else {
        swan::put(t.settings, "ike_version", "2", implied(c, "version"));
    }
    if (const auto* v = get(c, "remote_addrs")) {
        t.peer = swan::read_peer(*v, report_);
        if (t.peer) swan::put_string(t.settings, "peer", t.peer->to_string(), *v);
        const auto list = swan::split(v->text, ',');
        if (!list.empty()) conn.remote_ids.emplace_back(list.front().text);
    } else {
        report_.error(c.at, implied(c, "remote_addrs").key,
                      "the AWS outside address is needed: remote_addrs = <address>");
    }
    local_address(c, conn);
    if (const auto* v = get(c, "proposals")) {
        swan::read_proposals(*v, swan::Proto::Ike, t, report_);
    } else {
        swan::put_default_proposals(implied(c, "proposals"), swan::Proto::Ike, t, report_);
    }
    if (const auto* v = get(c, "aggressive")) {
        if (swan::yes_no(*v, report_).value_or(false) && version == 1) {
            swan::put_string(t.settings, "ikev1_mode", "aggressive", *v);
        }
    }
    authentication(c, conn);
    const auto* kids = sub(c, "children");
    const Section* first = kids && !kids->sections.empty() ? &at(kids->sections.front()) : nullptr;
    dpd(c, first, version, t);
    lifetimes(c, first, t);
    bool initiate = false;
    children(c, t, initiate);
    if (const auto* v = get(c, "keyingtries"); initiate && (!v || swan::lower(v->text) != "0")) {
        report_.warn(v ? v->at.line : c.at.line,
                     fmt::format("keyingtries = {} (gives up)", v ? swan::cut(v->text) : "1"));
    }
    if (const auto* v = get(c, "pools")) report_.warn(v->at.line, "pools");
    warn_others(c, kConnKnown, report_);
    draft_.tunnels.push_back(std::move(t));
    connections_.push_back(std::move(conn));
}

// The tunnel's own outer address: local_addrs, else an IPv4 local.id; [cgw] outside_ip.
void Reader::local_address(const Section& c, Connection& conn) {
    local_.reset();
    const Value* from = get(c, "local_addrs");
    if (from) {
        const auto list = swan::split(from->text, ',');
        if (!list.empty()) conn.local_ids.emplace_back(list.front().text);
        if (!list.empty()) local_ = swan::address(list.front().text);
        if (!local_ && !list.empty() && list.front().text != "%any") {
            report_.warn(from->at.line,
                         fmt::format("local_addrs = {} (not IPv4)", swan::cut(from->text)));
        }
    }
    const auto* local = sub(c, "local");
    const Value* id = local ? get(*local, "id") : nullptr;
    if (id) conn.local_ids.push_back(id->text);
    if (!local_ && id && swan::address(id->text)) {
        local_ = swan::address(id->text);
        from = id;
    }
    if (!local_) return;
    const auto text = local_->to_string();
    if (!outside_) {
        outside_ = text;
        swan::put_string(draft_.cgw, "outside_ip", text, *from);
    } else if (*outside_ != text) {
        report_.warn(from->at.line, fmt::format("{} = {} (outside_ip is {})",
                                                swan::name_of(from->key), text, *outside_));
    }
}

// local / remote rounds: psk only; their ids match the connection to its secret.
void Reader::authentication(const Section& c, Connection& conn) {
    bool local = false;
    bool remote = false;
    for (const auto i : c.sections) {
        const auto& s = at(i);
        const bool is_local = starts_with(s.name, "local");
        if (!is_local && !starts_with(s.name, "remote")) continue;
        auto& seen = is_local ? local : remote;
        if (seen) {
            report_.warn(s.at.line,
                         fmt::format("second authentication round {}", swan::cut(s.name)));
            continue;
        }
        seen = true;
        const auto* auth = get(s, "auth");
        if (!auth || swan::lower(auth->text) != "psk") {
            report_.warn(auth ? auth->at.line : s.at.line,
                         fmt::format("{}.auth = {} (only psk)", swan::cut(s.name),
                                     auth ? swan::cut(auth->text) : "pubkey"));
        }
        if (const auto* id = get(s, "id"); id && !is_local) conn.remote_ids.push_back(id->text);
    }
    if (!local || !remote) {
        report_.warn(c.at.line, fmt::format("{}.auth = pubkey (the default; only psk)",
                                            local ? "remote" : "local"));
    }
}

// dpd_delay 0 (the default) sends no liveness checks; IKEv2 ignores dpd_timeout (its checks
// end on the retransmission schedule, CgwVendor::Strongswan).
void Reader::dpd(const Section& c, const Section* child, int version, DraftTunnel& t) {
    const auto* delay = get(c, "dpd_delay");
    const auto interval = delay ? swan::seconds(*delay, report_) : std::int64_t{0};
    if (!interval) return;
    if (*interval == 0) {
        swan::put_string(t.settings, "dpd_action", "none",
                         delay ? *delay : implied(c, "dpd_delay"));
        return;
    }
    swan::put(t.settings, "dpd_interval_seconds", std::to_string(*interval), *delay);
    if (const auto* timeout = get(c, "dpd_timeout"); timeout && version == 1) {
        if (const auto s = swan::seconds(*timeout, report_); s && *s > 0) {
            const auto retries = std::max<std::int64_t>(0, (*s + *interval - 1) / *interval - 1);
            swan::put(t.settings, "dpd_retries", std::to_string(retries), *timeout);
        }
    }
    if (const Value* action = child ? get(*child, "dpd_action") : nullptr) {
        swan::put_dpd_action(*action, swan::Syntax::Swanctl, t, report_);
    } else {
        swan::put_string(t.settings, "dpd_action", "clear",
                         child ? implied(*child, "dpd_action") : *delay);
    }
}

// See the DOC: the first child's lifetime, margin and fuzz; the IKE SA's rekey time kept.
void Reader::lifetimes(const Section& c, const Section* child, DraftTunnel& t) {
    std::int64_t rekey = 0, life = 0, rand = 0, reauth = 0, ike = 0, over = 0, ike_rand = 0;
    const bool ok = time_or(child, "rekey_time", 3600, rekey) &&
                    time_or(child, "life_time", rekey + rekey / 10, life) &&
                    time_or(child, "rand_time", std::max<std::int64_t>(0, life - rekey), rand) &&
                    time_or(&c, "reauth_time", 0, reauth) &&
                    time_or(&c, "rekey_time", reauth > 0 ? 0 : 14400, ike) &&
                    time_or(&c, "over_time", std::max(ike, reauth) / 10, over) &&
                    time_or(&c, "rand_time", over, ike_rand);
    if (!ok) return;
    const auto here = [&](const Section& s, std::string_view key) {
        const auto* x = get(s, key);
        return x ? *x : implied(s, key);
    };
    // The SA that gives the margin and fuzz: the first child when it rekeys, else the IKE SA.
    const bool by_child = rekey > 0;
    const Section& ms = by_child && child ? *child : c;
    const std::int64_t margin = by_child ? std::max<std::int64_t>(0, life - rekey) : over;
    const std::int64_t range = by_child ? rand : ike_rand;
    if (by_child) {
        swan::put(t.settings, "phase2_lifetime_seconds", std::to_string(life),
                  here(ms, "life_time"));
    } else {
        const auto r = here(child ? *child : c, "rekey_time");
        report_.warn(r.at.line, "rekey_time = 0 (the CHILD_SA never rekeyed)");
    }
    swan::put(t.settings, "rekey_margin_time_seconds", std::to_string(margin),
              here(ms, by_child ? "life_time" : "over_time"));
    const auto fuzz = margin > 0 ? std::min<std::int64_t>(100, range * 100 / margin) : 0;
    const auto r = here(ms, "rand_time");
    swan::put(t.settings, "rekey_fuzz_percentage", std::to_string(fuzz), r);
    if (margin > 0 && range > margin) {
        report_.warn(r.at.line,
                     fmt::format("rand_time = {} (over the margin: fuzz 100%)", swan::cut(r.text)));
    }
    if (reauth > 0) {
        report_.warn(here(c, "reauth_time").at.line,
                     "reauth_time (reauthentication, simulated as a rekey)");
    }
    const auto renew = ike > 0 && reauth > 0 ? std::min(ike, reauth) : std::max(ike, reauth);
    const bool by_reauth = reauth > 0 && (ike == 0 || reauth < ike);
    const auto from = here(c, by_reauth ? "reauth_time" : "rekey_time");
    if (renew == 0) {
        report_.warn(from.at.line, "rekey_time = 0 (the IKE SA never renewed)");
    } else {
        swan::put(t.settings, "ike_lifetime_seconds", std::to_string(renew + margin), from);
    }
    if (!by_child) return;
    for (const auto& [key, value] : {std::pair{"over_time", margin}, {"rand_time", rand}}) {
        const auto* x = get(c, key);
        const auto s = x ? swan::seconds(*x, report_) : std::nullopt;
        if (s && *s != value) {
            report_.warn(x->at.line, fmt::format("{} = {} (the first child's is used)", key,
                                                 swan::cut(x->text)));
        }
    }
}

void Reader::children(const Section& c, DraftTunnel& t, bool& initiate) {
    const auto* kids = sub(c, "children");
    std::vector<const Section*> list;
    if (kids) {
        for (const auto& [key, v] : kids->values) report_.warn(v.at.line, key);
        for (const auto i : kids->sections) list.push_back(&at(i));
    }
    if (list.empty()) {
        report_.warn(c.at.line, "a connection without children (no CHILD_SA)");
        swan::put(t.settings, "initiate", "false", implied(c, "children"));
        return;
    }
    const Section& first = *list.front();
    selectors(list, c, t);
    if (const auto* v = get(first, "esp_proposals")) {
        swan::read_proposals(*v, swan::Proto::Esp, t, report_);
    } else {
        swan::put_default_proposals(implied(first, "esp_proposals"), swan::Proto::Esp, t, report_);
    }
    const Value* start = nullptr;
    const Value* unknown = nullptr;
    bool updown = false;
    for (const auto* k : list) {
        if (const auto* v = get(*k, "start_action")) {
            for (const auto& w : swan::split(v->text, '|')) {  // 6.x: "trap|start"
                const auto l = swan::lower(w.text);
                if (l == "start" && !start) start = v;
                if (l == "trap") {
                    report_.warn(v->at.line, fmt::format("start_action = {} (trap policy)",
                                                         swan::cut(v->text)));
                }
                if (l != "start" && l != "trap" && l != "none" && !unknown) unknown = v;
            }
        }
        for (const std::string_view key :
             {"esp_proposals", "rekey_time", "life_time", "rand_time", "dpd_action"}) {
            const auto* a = get(first, key);
            const auto* b = get(*k, key);
            const bool differ = (a == nullptr) != (b == nullptr) || (a && b && a->text != b->text);
            if (k != &first && differ) {
                report_.warn(b ? b->at.line : k->at.line,
                             fmt::format("{} unlike the first child's", key));
            }
        }
        if (const auto* u = get(*k, "updown"); u && !updown) {
            swan::read_updown(*u, t);
            updown = true;
        }
        if (const auto* a = get(*k, "ah_proposals")) report_.warn(a->at.line, "ah_proposals");
        warn_others(*k, kChildKnown, report_);
    }
    initiate = start != nullptr && unknown == nullptr;
    if (unknown) {
        swan::put_string(t.settings, "initiate", unknown->text, *unknown);
    } else if (start) {
        swan::put(t.settings, "initiate", "true", *start);
    } else {
        const auto* v = get(first, "start_action");
        swan::put(t.settings, "initiate", "false", v ? *v : implied(first, "start_action"));
    }
}

// One child: local_ts / remote_ts. Several: policy-based, one proxy-ID pair per local x remote
// selector of each child.
void Reader::selectors(const std::vector<const Section*>& kids, const Section& c, DraftTunnel& t) {
    std::vector<std::vector<net::Ipv4Prefix>> locals;
    std::vector<std::vector<net::Ipv4Prefix>> remotes;
    bool ok = true;
    for (const auto* k : kids) {
        for (const bool local : {true, false}) {
            const std::string_view key = local ? "local_ts" : "remote_ts";
            const auto* v = get(*k, key);
            const auto dynamic = local ? local_ : t.peer;
            std::optional<std::vector<net::Ipv4Prefix>> ts;
            if (v) {
                ts = swan::read_selectors(*v, dynamic, report_);
            } else if (dynamic) {
                ts = std::vector{net::Ipv4Prefix::host(*dynamic)};
            } else {
                report_.warn(k->at.line, fmt::format("{} = dynamic (address unknown)", key));
                ts.emplace();
            }
            if (!ts) ok = false;
            (local ? locals : remotes).push_back(ts.value_or(std::vector<net::Ipv4Prefix>{}));
        }
    }
    if (!ok) return;
    if (kids.size() == 1) {
        const auto& k = *kids.front();
        for (const bool local : {true, false}) {
            const auto& ts = local ? locals.front() : remotes.front();
            const std::string_view key = local ? "local_ts" : "remote_ts";
            const auto* v = get(k, key);
            if (!ts.empty()) {
                swan::put(t.settings, key, swan::toml_prefixes(ts), v ? *v : implied(k, key));
            }
        }
        return;
    }
    std::vector<std::pair<net::Ipv4Prefix, net::Ipv4Prefix>> pairs;
    const auto* section = sub(c, "children");
    const Value at{{}, section->at, section->path};
    for (std::size_t i = 0; i < kids.size(); ++i) {
        for (const auto& l : locals[i]) {
            for (const auto& r : remotes[i]) {
                if (pairs.size() == kMaxProxyIds) {
                    report_.error(at, fmt::format("more than {} selector pairs", kMaxProxyIds));
                    return;
                }
                pairs.emplace_back(l, r);
            }
        }
    }
    if (pairs.empty()) return;
    swan::put_string(t.settings, "policy", "policy-based", at);
    swan::put(t.settings, "proxy_ids", swan::toml_proxy_ids(pairs), at);
}

void Reader::secrets(const Section& s) {
    for (const auto& [key, v] : s.values) report_.warn(v.at.line, key);
    for (const auto i : s.sections) {
        const auto& x = at(i);
        if (!starts_with(x.name, "ike")) {
            report_.warn(x.at.line, fmt::format("secrets.{} (not an IKE key)", swan::cut(x.name)));
            continue;
        }
        IkeSecret secret{&x, get(x, "secret"), {}};
        for (const auto& [key, v] : x.values) {
            if (starts_with(key, "id")) {
                secret.ids.push_back(&v);
            } else if (key != "secret") {
                report_.warn(v.at.line, key);
            }
        }
        if (!secret.secret) {
            report_.error(x.at, implied(x, "secret").key, "an IKE secret needs secret = <key>");
            continue;
        }
        const auto l = swan::lower(secret.secret->text.substr(0, 2));
        if (l == "0x" || l == "0s") {
            report_.warn(secret.secret->at.line, "a hex or base64 secret (taken as written)");
        }
        secrets_.push_back(std::move(secret));
    }
}

// Each connection's secret, as strongSwan picks it: one naming its remote id or address, else
// one naming only its own ids, else one for any peer. A secret no connection here takes is a
// key for its IPv4 ids (another file's tunnels).
void Reader::match_secrets() {
    const auto named = [](const std::vector<std::string>& ids, const Value* id) {
        return std::find(ids.begin(), ids.end(), id->text) != ids.end();
    };
    std::vector<bool> used(secrets_.size(), false);
    for (const auto& conn : connections_) {
        int best = 0;
        std::size_t chosen = 0;
        for (std::size_t i = 0; i < secrets_.size(); ++i) {
            const auto& ids = secrets_[i].ids;
            const auto any = [](const Value* id) { return id->text == "%any"; };
            int score = 0;
            if (std::all_of(ids.begin(), ids.end(), any)) {
                score = 1;
            } else if (std::any_of(ids.begin(), ids.end(),
                                   [&](const Value* id) { return named(conn.remote_ids, id); })) {
                score = 3;
            } else if (std::all_of(ids.begin(), ids.end(), [&](const Value* id) {
                           return any(id) || named(conn.local_ids, id);
                       })) {
                score = 2;
            }
            if (score > best) {
                best = score;
                chosen = i;
            }
        }
        if (best == 0) continue;
        used[chosen] = true;
        const auto& secret = *secrets_[chosen].secret;
        swan::put_string(draft_.tunnels[conn.tunnel].settings, "psk", secret.text, secret);
    }
    for (std::size_t i = 0; i < secrets_.size(); ++i) {
        if (used[i]) continue;
        const auto& s = secrets_[i];
        bool kept = false;
        for (const auto* id : s.ids) {
            const auto peer = swan::address(id->text);
            if (!peer || (outside_ && peer->to_string() == *outside_)) continue;
            DraftTunnel t{s.section->name, peer, std::nullopt, s.section->at, false, {}};
            swan::put_string(t.settings, "psk", s.secret->text, *s.secret);
            draft_.tunnels.push_back(std::move(t));
            kept = true;
        }
        if (!kept) {
            report_.warn(s.section->at.line, fmt::format("{}: no connection, no peer address",
                                                         swan::cut(s.section->name)));
        }
    }
}

}  // namespace

CgwDraft read_swanctl(std::string_view text, const std::string& file) {
    CgwDraft draft;
    draft.file = file;
    draft.dialect = Dialect::Swanctl;
    draft.vendor = scenario::CgwVendor::Strongswan;
    Report report(draft);
    const auto tree = swan::parse_sections(text, report);
    Reader(tree, report).read();
    report.finish();
    return draft;
}

}  // namespace vpnsim::import
