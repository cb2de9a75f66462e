#include "sim/train/catalogue.hpp"

#include <algorithm>
#include <filesystem>
#include <utility>

#include "sim/fix/catalogue.hpp"
#include "sim/run/reachability.hpp"
#include "sim/run/world.hpp"

namespace vpnsim::train {
namespace {

namespace fs = std::filesystem;

void add_once(std::vector<std::string>& v, const std::string& s) {
    if (std::find(v.begin(), v.end(), s) == v.end()) v.push_back(s);
}

std::vector<std::string> codes_of(const diagnose::Diagnosis& d) {
    std::vector<std::string> out;
    for (const auto& c : d.causes) add_once(out, c.code);
    return out;
}

FixSet set_of(const std::vector<std::size_t>& fixes) {
    FixSet out;
    for (const auto i : fixes) out.emplace_back(fix::catalogue().at(i).code);
    std::sort(out.begin(), out.end());
    return out;
}

// A tunnel that worked for a while and then failed, as AWS's own logs show it: a dynamic
// tunnel's BGP session Established (a static tunnel's Phase 2 SA established) for at least
// kLateAfter before it went down, and DOWN at the end -- a lifetime, a rekey, DPD, a change.
// A session torn down as soon as it forms (a prefix limit) is not late.
bool failed_late(const run::TunnelResult& t) {
    if (t.status.up) return false;
    bool up = false;
    SimTime since{};
    const auto went_down = [&](SimTime at, bool is_up) {
        if (is_up && !up) {
            up = true;
            since = at;
        } else if (!is_up && up) {
            if (at - since >= kLateAfter) return true;
            up = false;
        }
        return false;
    };
    if (t.dynamic) {
        for (const auto& e : t.logs.bgp) {
            if (e.type == "BGPStatus" && went_down(e.t, e.status == "UP")) return true;
        }
    } else {
        for (const auto& e : t.logs.ike) {
            if (went_down(e.t, e.phase2 == aws::kEstablished)) return true;
        }
    }
    return false;
}

Features features_of(const scenario::Scenario& s, const run::RunResult& r,
                     const diagnose::Diagnosis& d) {
    Features f;
    f.causes = d.causes.size();
    f.lossy = s.path.loss > 0.0;
    f.late = std::any_of(r.tunnels.begin(), r.tunnels.end(),
                         [](const run::TunnelResult& t) { return failed_late(t); });
    f.silent = r.all_up() && !d.reach.holds();
    return f;
}

}  // namespace

std::vector<std::string> Entry::causes() const {
    return codes_of(d);
}

Entry make_entry(std::string path, scenario::Scenario s) {
    Entry e;
    e.stem = fs::path(path).stem().string();
    e.path = std::move(path);
    e.s = std::move(s);
    const auto probed = run::with_probes(e.s);  // as `vpnsim diagnose` runs it
    e.r = run::simulate(probed);
    e.d = diagnose::diagnose(probed, e.r);
    e.features = features_of(e.s, e.r, e.d);
    e.level = classify(e.features);
    return e;
}

LoadedCatalogue load_catalogue(const std::string& dir, const scenario::LoadOptions& options) {
    LoadedCatalogue out;
    std::vector<fs::path> files;
    std::error_code ec;
    for (const auto& e : fs::recursive_directory_iterator(dir, ec)) {
        if (e.is_regular_file() && scenario::is_scenario_file(e.path().filename().string())) {
            files.push_back(e.path());
        }
    }
    std::sort(files.begin(), files.end());
    for (const auto& f : files) {
        auto loaded = scenario::load_file(f.string(), options);
        if (!loaded.scenario) {
            for (const auto& d : loaded.diagnostics) out.errors.push_back(d.to_string());
            continue;
        }
        out.catalogue.entries.push_back(make_entry(f.string(), std::move(*loaded.scenario)));
    }
    for (const auto& e : out.catalogue.entries) {
        if (!e.d.complete || !e.d.healthy()) continue;
        for (const auto& c : e.d.causes) add_once(out.catalogue.incidents, c.code);
    }
    std::sort(out.catalogue.incidents.begin(), out.catalogue.incidents.end());
    return out;
}

std::vector<std::string> cause_pool(const Catalogue& c, std::size_t except) {
    std::vector<std::string> out;
    for (std::size_t i = 0; i < c.entries.size(); ++i) {
        if (i == except) continue;
        for (const auto& cause : c.entries[i].d.causes) add_once(out, cause.code);
    }
    return out;
}

Truth derive_truth(const Entry& e, const std::vector<std::string>& incidents) {
    Truth t;
    t.causes = e.causes();
    t.search = fix::search(e.s);
    std::vector<std::string> after_fix = t.causes;  // nothing removed when nothing works
    if (!t.search.minimal.empty()) {
        const auto& first = t.search.minimal.front();
        t.cheapest = set_of(first.fixes);
        for (const auto& m : t.search.minimal) {
            t.working.push_back(set_of(m.fixes));
            if (m.cost == first.cost) t.right_fixes.push_back(set_of(m.fixes));
        }
        const auto fixed = run::with_probes(fix::apply(e.s, first.fixes), t.search.probes);
        after_fix = codes_of(diagnose::diagnose(fixed, run::simulate(fixed)));
    }
    t.key = key_cause(t.causes, after_fix, incidents);
    return t;
}

FixPool fix_pool(const scenario::Scenario& s) {
    FixPool out;
    const auto as_fixed = scenario::with_changes_applied(s);  // what the fix search starts from
    for (const auto& f : fix::catalogue()) {
        (f.applicable(as_fixed) ? out.applicable : out.rest).emplace_back(f.code);
    }
    return out;
}

std::vector<std::string> fix_codes() {
    std::vector<std::string> out;
    for (const auto& f : fix::catalogue()) out.emplace_back(f.code);
    return out;
}

}  // namespace vpnsim::train
