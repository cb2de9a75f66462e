// DOC: `vpnsim fleet DIR` -- every site of a fleet checked end to end (issue 14).
// A site is a scenario file under DIR, at any depth: one scenario per file, or one folder per
// site whose scenario names the site's own files ([aws] describe = "describe.json",
// [cgw] config = ["swanctl.conf", "frr.conf"]). Sites are taken in path order; site i belongs
// to shard i mod N, so shards need no coordination, and `vpnsim fleet merge` joins their
// JSON-lines outputs into exactly the output of one run. Each site is judged as `vpnsim
// matrix` judges a case (diagnose/judge.hpp): UP only when every tunnel is UP and traffic flows
// both ways between the VPC and every on-premises prefix; DOWN with diagnose's causes
// otherwise; ERROR when its files do not load (the diagnostics, located); INCOMPLETE when the
// run spent its event budget.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <system_error>
#include <vector>

#include "models/common/time.hpp"
#include "sim/diagnose/judge.hpp"
#include "sim/explore/explore.hpp"
#include "sim/scenario/loader.hpp"

namespace vpnsim::fleet {

// The scenario files under `dir`, sorted; empty with `error` set when dir cannot be read.
std::vector<std::string> find_sites(const std::string& dir, std::error_code& error);

enum class Status : std::uint8_t { Up, Down, Error, Incomplete };
std::string_view to_string(Status s);  // "UP", "DOWN", "ERROR", "INCOMPLETE"

struct SiteResult {
    std::size_t index{0};  // in find_sites' order
    std::string file;
    std::string name;  // the scenario's
    std::string vpn_id;
    Status status{Status::Error};
    diagnose::Judgement verdict;      // Up / Down / Incomplete
    std::vector<std::string> errors;  // Error: "file:line:col: key: message"
};

struct Options {
    scenario::LoadOptions load;
    std::optional<SimTime> duration;  // replaces each site's own
    unsigned jobs{1};
    explore::Shard shard;
    // Called from the calling thread as sites finish: (done, total of this shard).
    std::function<void(std::uint64_t, std::uint64_t)> progress;
};

SiteResult check_site(std::size_t index, const std::string& file, const Options& options);

// The shard's sites checked on `jobs` threads; results in site order, whatever the jobs.
std::vector<SiteResult> check_all(const std::vector<std::string>& sites, const Options& options);

// One JSON object per site and line: index, file, name, vpn_id, status, tunnels_up, tunnels,
// reachability, causes, errors.
std::string jsonl(const std::vector<SiteResult>& results);
// The lines of several jsonl outputs as results (for merge), sorted by index; a line that is
// not one of ours is an error naming its file and line.
std::variant<std::vector<SiteResult>, std::string> read_jsonl(
    const std::vector<std::pair<std::string, std::string>>& files);

// Sites UP / DOWN / ERROR / INCOMPLETE, the causes by how many sites have each, and each
// site that is not UP with its causes or first error.
std::string summary(const std::vector<SiteResult>& results);

}  // namespace vpnsim::fleet
