#include "sim/import/cgw_assemble.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <deque>
#include <map>
#include <optional>

#include "sim/import/generic_cgw.hpp"
#include "sim/scenario/diagnostics.hpp"
#include "sim/scenario/writer.hpp"

namespace vpnsim::import {
namespace {

using scenario::Diagnostic;
using scenario::detail::printable;

// A setting and the file it came from (none: the assembly's own, e.g. the generic tunnels).
struct Placed {
    const Setting* setting;
    const CgwDraft* draft;
};

// Where a scenario key's value came from, to bring the loader's diagnostics back.
struct Origin {
    std::string file;
    SourcePos at;
    std::string words;  // the file's words for the key
};

struct Tunnel {
    const DraftTunnel* description;  // the first one
    const CgwDraft* draft;
    std::optional<net::Ipv4Addr> peer;
    std::optional<net::Ipv4Prefix> inside;  // its /30
    std::map<std::string, Placed> keys;
    bool has_neighbor{false};
};

// The inside /30 an address is in.
net::Ipv4Prefix slash30(net::Ipv4Addr a) {
    return {net::Ipv4Prefix{a, 30}.first(), 30};
}

std::string where(const CgwDraft* draft, const Setting& s) {
    return draft == nullptr ? std::string("vpnsim")
                            : fmt::format("{}:{}", printable(draft->file), s.at.line);
}

class Assembly {
  public:
    Assembly(const scenario::Aws& aws, const std::vector<CgwDraft>& drafts)
        : aws_(aws), drafts_(drafts) {}

    std::variant<AssembledCgw, std::vector<Diagnostic>> run();

  private:
    void place(std::map<std::string, Placed>& keys, const Setting& s, const CgwDraft* draft);
    void add_ipsec(const DraftTunnel& t, const CgwDraft& draft);
    void add_generic_tunnels();
    bool attach_by_address(const DraftTunnel& t, const CgwDraft& draft);
    void attach_to_free(const DraftTunnel& t, const CgwDraft& draft);
    void merge(Tunnel& into, const DraftTunnel& t, const CgwDraft& draft);
    void set_default(const std::string& key, std::string value);
    std::string text(std::map<std::string, Origin>& origins) const;
    Diagnostic brought_back(const Diagnostic& d,
                            const std::map<std::string, Origin>& origins) const;
    std::optional<net::Ipv4Prefix> aws_inside(net::Ipv4Addr peer) const;

    const scenario::Aws& aws_;
    const std::vector<CgwDraft>& drafts_;
    std::deque<Setting> own_;  // the assembly's settings (stable addresses)
    std::map<std::string, Placed> cgw_;
    std::vector<Tunnel> tunnels_;
    std::vector<std::string> warnings_;
};

std::optional<net::Ipv4Prefix> Assembly::aws_inside(net::Ipv4Addr peer) const {
    for (const auto& t : aws_.tunnels) {
        if (t.outside_ip == peer) return t.inside_cidr;
    }
    return std::nullopt;
}

void Assembly::place(std::map<std::string, Placed>& keys, const Setting& s, const CgwDraft* draft) {
    auto [it, fresh] = keys.try_emplace(s.key, Placed{&s, draft});
    if (fresh) return;
    const Placed before = it->second;
    if (before.draft != draft && before.setting->value != s.value) {
        warnings_.push_back(fmt::format("{}: {} replaces the value {} gave", where(draft, s),
                                        printable(s.source_key),
                                        where(before.draft, *before.setting)));
    }
    it->second = Placed{&s, draft};
}

void Assembly::merge(Tunnel& into, const DraftTunnel& t, const CgwDraft& draft) {
    for (const auto& s : t.settings) {
        place(into.keys, s, &draft);
        if (s.key == "bgp_neighbor") into.has_neighbor = true;
    }
    if (!into.inside && t.inside) into.inside = slash30(*t.inside);
}

void Assembly::add_ipsec(const DraftTunnel& t, const CgwDraft& draft) {
    for (auto& existing : tunnels_) {
        if (t.peer && existing.peer == t.peer) {
            merge(existing, t, draft);
            return;
        }
    }
    Tunnel tunnel{&t, &draft, t.peer, std::nullopt, {}, false};
    if (t.inside) {
        tunnel.inside = slash30(*t.inside);
    } else if (t.peer) {
        tunnel.inside = aws_inside(*t.peer);
    }
    merge(tunnel, t, draft);
    tunnels_.push_back(std::move(tunnel));
}

// AWS's generic configuration's tunnels: peer, key, IKE version and proposals as
// generic_scenario() sets them; every other key the loader's default.
void Assembly::add_generic_tunnels() {
    const auto generic = generic_scenario(aws_).cgw;
    static const DraftTunnel kNone{};
    for (const auto& c : generic.tunnels) {
        Tunnel tunnel{&kNone, nullptr, c.peer, aws_inside(c.peer), {}, false};
        const auto own = [&](std::string key, std::string value) {
            own_.push_back(Setting{key, std::move(value), {}, key});
            tunnel.keys.emplace(std::move(key), Placed{&own_.back(), nullptr});
        };
        const auto names = [](const auto& values) {
            std::vector<std::string> out;
            for (const auto& v : values) out.push_back(fmt::format("\"{}\"", ike::to_string(v)));
            return detail::toml_list(out);
        };
        const auto numbers = [](const std::vector<int>& values) {
            return fmt::format("[{}]", fmt::join(values, ", "));
        };
        own("peer", fmt::format("\"{}\"", c.peer.to_string()));
        own("psk", scenario::toml_basic_string(c.psk));
        own("ike_version", std::to_string(c.ike_version));
        own("phase1_encryption_algorithms", names(c.phase1.encryption));
        own("phase1_integrity_algorithms", names(c.phase1.integrity));
        own("phase1_dh_group_numbers", numbers(c.phase1.dh_groups));
        own("phase2_encryption_algorithms", names(c.phase2.encryption));
        own("phase2_integrity_algorithms", names(c.phase2.integrity));
        own("phase2_dh_group_numbers", numbers(c.phase2.dh_groups));
        tunnels_.push_back(std::move(tunnel));
    }
}

bool Assembly::attach_by_address(const DraftTunnel& t, const CgwDraft& draft) {
    for (auto& tunnel : tunnels_) {
        if ((t.peer && tunnel.peer == t.peer) ||
            (!t.peer && t.inside && tunnel.inside && tunnel.inside->contains(*t.inside))) {
            merge(tunnel, t, draft);
            return true;
        }
    }
    return false;
}

void Assembly::attach_to_free(const DraftTunnel& t, const CgwDraft& draft) {
    const auto where_t = fmt::format("{}:{}", printable(draft.file), t.at.line);
    const bool neighbor = std::any_of(t.settings.begin(), t.settings.end(),
                                      [](const Setting& s) { return s.key == "bgp_neighbor"; });
    if (neighbor && !t.peer) {
        for (std::size_t i = 0; i < tunnels_.size(); ++i) {
            if (tunnels_[i].has_neighbor) continue;
            warnings_.push_back(fmt::format(
                "{}: {}: {} is in no tunnel's inside /30; taken as tunnel {}'s BGP neighbor",
                where_t, printable(t.name),
                t.inside ? t.inside->to_string() : std::string("the neighbor"), i + 1));
            merge(tunnels_[i], t, draft);
            return;
        }
    }
    warnings_.push_back(
        fmt::format("{}: {}: no tunnel {}; not used", where_t, printable(t.name),
                    t.peer     ? fmt::format("connects to {}", t.peer->to_string())
                    : t.inside ? fmt::format("has {} in its inside /30", t.inside->to_string())
                               : std::string("is named")));
}

void Assembly::set_default(const std::string& key, std::string value) {
    if (cgw_.count(key) > 0) return;
    own_.push_back(Setting{key, std::move(value), {}, key});
    cgw_.emplace(key, Placed{&own_.back(), nullptr});
}

void put(std::string& out, std::map<std::string, Origin>& origins, const std::string& table,
         const std::string& key, const Placed& p) {
    out += fmt::format("{} = {}\n", key, p.setting->value);
    if (p.draft != nullptr) {
        origins[table + "." + key] = Origin{p.draft->file, p.setting->at, p.setting->source_key};
    }
}

std::string Assembly::text(std::map<std::string, Origin>& origins) const {
    std::string out = "[scenario]\nname = \"assembled-cgw\"\n" + scenario::to_toml(aws_);
    out += "\n[cgw]\n";
    for (const auto& d : drafts_) {
        if (d.vendor) {
            out += fmt::format("vendor = \"{}\"\n", scenario::to_string(*d.vendor));
            break;
        }
    }
    std::string bgp;
    for (const auto& [key, p] : cgw_) {
        if (key.rfind("bgp.", 0) == 0) {
            put(bgp, origins, "cgw.bgp", key.substr(4), p);
        } else {
            put(out, origins, "cgw", key, p);
        }
    }
    out += "\n[cgw.bgp]\n" + bgp;
    for (std::size_t i = 0; i < tunnels_.size(); ++i) {
        const auto& t = tunnels_[i];
        const auto table = fmt::format("cgw.tunnel[{}]", i);
        out += "\n[[cgw.tunnel]]\n";
        if (t.draft != nullptr) {
            origins[table] = Origin{t.draft->file, t.description->at, t.description->name};
        }
        for (const auto& [key, p] : t.keys) put(out, origins, table, key, p);
    }
    return out;
}

// The origin of the longest prefix of the diagnostic's key that has one.
Diagnostic Assembly::brought_back(const Diagnostic& d,
                                  const std::map<std::string, Origin>& origins) const {
    std::string key = d.key;
    while (!key.empty()) {
        if (const auto it = origins.find(key); it != origins.end()) {
            const auto& o = it->second;
            return detail::error_at(o.file, o.at, o.words,
                                    fmt::format("{} (scenario key {})", d.message, d.key));
        }
        const auto cut = key.find_last_of(".[");
        key.resize(cut == std::string::npos ? 0 : cut);
    }
    const std::string file = drafts_.empty() ? std::string("(no files)") : drafts_.front().file;
    return detail::error_at(file, {1, 1}, d.key, d.message);
}

std::variant<AssembledCgw, std::vector<Diagnostic>> Assembly::run() {
    std::vector<Diagnostic> errors;
    for (const auto& d : drafts_) errors.insert(errors.end(), d.errors.begin(), d.errors.end());
    if (!errors.empty()) return errors;
    for (const auto& d : drafts_) {
        warnings_.insert(warnings_.end(), d.warnings.begin(), d.warnings.end());
        for (const auto& s : d.cgw) place(cgw_, s, &d);
        for (const auto& t : d.tunnels) {
            if (t.ipsec) add_ipsec(t, d);
        }
    }
    if (tunnels_.empty()) add_generic_tunnels();
    std::vector<std::pair<const DraftTunnel*, const CgwDraft*>> unattached;
    for (const auto& d : drafts_) {
        for (const auto& t : d.tunnels) {
            if (!t.ipsec && !attach_by_address(t, d)) unattached.emplace_back(&t, &d);
        }
    }
    for (const auto& [t, d] : unattached) attach_to_free(*t, *d);
    set_default("bgp.enabled", "false");
    if (cgw_.count("outside_ip") == 0) {
        const auto ip = cgw_outside_ip(aws_);
        warnings_.push_back(fmt::format(
            "{}: no file gives the customer gateway's outside address; using {} (in AWS, the "
            "customer gateway's IpAddress)",
            drafts_.empty() ? std::string("vpnsim") : printable(drafts_.front().file),
            ip.to_string()));
        set_default("outside_ip", fmt::format("\"{}\"", ip.to_string()));
    }
    std::map<std::string, Origin> origins;
    auto loaded = scenario::load_string(text(origins), "(assembled cgw)");
    if (!loaded.scenario) {
        for (const auto& d : loaded.diagnostics) errors.push_back(brought_back(d, origins));
        return errors;
    }
    return AssembledCgw{std::move(loaded.scenario->cgw), std::move(warnings_)};
}

}  // namespace

std::variant<AssembledCgw, std::vector<Diagnostic>> assemble_cgw(
    const scenario::Aws& aws, const std::vector<CgwDraft>& drafts) {
    return Assembly(aws, drafts).run();
}

}  // namespace vpnsim::import
