#include "sim/fleet/fleet.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>

#include "sim/run/parallel.hpp"

namespace vpnsim::fleet {
namespace {

using nlohmann::json;

constexpr std::array<std::string_view, 4> kStatusNames{"UP", "DOWN", "ERROR", "INCOMPLETE"};

std::optional<Status> parse_status(std::string_view s) {
    for (std::size_t i = 0; i < kStatusNames.size(); ++i) {
        if (kStatusNames[i] == s) return static_cast<Status>(i);
    }
    return std::nullopt;
}

json to_json(const SiteResult& r) {
    return json{{"index", r.index},
                {"file", r.file},
                {"name", r.name},
                {"vpn_id", r.vpn_id},
                {"status", to_string(r.status)},
                {"tunnels_up", r.verdict.tunnels_up},
                {"tunnels", r.verdict.tunnels},
                {"reachability", r.verdict.reachability},
                {"causes", r.verdict.causes},
                {"errors", r.errors}};
}

std::optional<SiteResult> from_json(const json& j) {
    try {
        SiteResult r;
        r.index = j.at("index").get<std::size_t>();
        r.file = j.at("file").get<std::string>();
        r.name = j.at("name").get<std::string>();
        r.vpn_id = j.at("vpn_id").get<std::string>();
        const auto status = parse_status(j.at("status").get<std::string>());
        if (!status) return std::nullopt;
        r.status = *status;
        r.verdict.tunnels_up = j.at("tunnels_up").get<std::size_t>();
        r.verdict.tunnels = j.at("tunnels").get<std::vector<std::string>>();
        r.verdict.reachability = j.at("reachability").get<std::string>();
        r.verdict.causes = j.at("causes").get<std::vector<std::string>>();
        r.errors = j.at("errors").get<std::vector<std::string>>();
        return r;
    } catch (const json::exception&) {
        return std::nullopt;
    }
}

}  // namespace

std::string_view to_string(Status s) {
    return kStatusNames[static_cast<std::size_t>(s)];
}

std::vector<std::string> find_sites(const std::string& dir, std::error_code& error) {
    namespace fs = std::filesystem;
    std::vector<std::string> sites;
    if (!fs::is_directory(dir, error)) {
        if (!error) error = std::make_error_code(std::errc::not_a_directory);
        return sites;
    }
    for (auto it = fs::recursive_directory_iterator(dir, error);
         !error && it != fs::recursive_directory_iterator(); it.increment(error)) {
        if (it->is_regular_file() && scenario::is_scenario_file(it->path().filename().string())) {
            sites.push_back(it->path().string());
        }
    }
    std::sort(sites.begin(), sites.end());
    return sites;
}

SiteResult check_site(std::size_t index, const std::string& file, const Options& options) {
    SiteResult r;
    r.index = index;
    r.file = file;
    auto loaded = scenario::load_file(file, options.load);
    if (!loaded.scenario) {
        r.status = Status::Error;
        for (const auto& d : loaded.diagnostics) r.errors.push_back(d.to_string());
        return r;
    }
    auto& s = *loaded.scenario;
    if (options.duration) s.duration = *options.duration;
    r.name = s.name;
    r.vpn_id = s.aws.vpn_id;
    r.verdict = diagnose::judge(s);
    r.status = !r.verdict.complete ? Status::Incomplete
               : r.verdict.passed  ? Status::Up
                                   : Status::Down;
    return r;
}

std::vector<SiteResult> check_all(const std::vector<std::string>& sites, const Options& options) {
    std::vector<std::size_t> due;
    for (std::size_t i = 0; i < sites.size(); ++i) {
        if (i % options.shard.count == options.shard.index) due.push_back(i);
    }
    std::vector<SiteResult> results(due.size());
    run::for_each_index(
        due.size(), options.jobs,
        [&](std::size_t k) { results[k] = check_site(due[k], sites[due[k]], options); },
        options.progress);
    return results;
}

std::string jsonl(const std::vector<SiteResult>& results) {
    std::string out;
    for (const auto& r : results) out += to_json(r).dump() + "\n";
    return out;
}

std::variant<std::vector<SiteResult>, std::string> read_jsonl(
    const std::vector<std::pair<std::string, std::string>>& files) {
    std::vector<SiteResult> out;
    for (const auto& [file, text] : files) {
        std::size_t line = 0;
        std::size_t start = 0;
        while (start < text.size()) {
            const auto end = std::min(text.find('\n', start), text.size());
            ++line;
            const auto row = json::parse(text.substr(start, end - start), nullptr, false);
            auto r = row.is_discarded() ? std::nullopt : from_json(row);
            if (!r)
                return fmt::format("{}:{}: not a line of `vpnsim fleet --format jsonl`", file,
                                   line);
            out.push_back(std::move(*r));
            start = end + 1;
        }
    }
    std::sort(out.begin(), out.end(),
              [](const SiteResult& a, const SiteResult& b) { return a.index < b.index; });
    for (std::size_t i = 1; i < out.size(); ++i) {
        if (out[i].index == out[i - 1].index) {
            return fmt::format("site {} ({}) appears twice: the same shard given twice?",
                               out[i].index, out[i].file);
        }
    }
    return out;
}

std::string summary(const std::vector<SiteResult>& results) {
    std::array<std::size_t, kStatusNames.size()> counts{};
    std::map<std::string, std::size_t> causes;
    for (const auto& r : results) {
        ++counts[static_cast<std::size_t>(r.status)];
        for (const auto& c : r.verdict.causes) ++causes[c];
    }
    std::string out = fmt::format(
        "fleet: {} sites -- {} UP (every tunnel UP, traffic both ways), {} DOWN, {} ERROR, {} "
        "INCOMPLETE\n",
        results.size(), counts[0], counts[1], counts[2], counts[3]);
    if (!causes.empty()) {
        std::vector<std::pair<std::string, std::size_t>> top(causes.begin(), causes.end());
        std::stable_sort(top.begin(), top.end(),
                         [](const auto& a, const auto& b) { return a.second > b.second; });
        out += fmt::format("\n{:<40} SITES\n", "CAUSE");
        for (const auto& [code, n] : top) out += fmt::format("{:<40} {}\n", code, n);
    }
    bool header = false;
    for (const auto& r : results) {
        if (r.status == Status::Up) continue;
        if (!header) {
            out += fmt::format("\n{:<10} SITE\n", "STATUS");
            header = true;
        }
        std::string why;
        if (!r.errors.empty()) {
            why = r.errors.front();
        } else {
            for (const auto& c : r.verdict.causes) why += (why.empty() ? "" : ", ") + c;
            if (why.empty()) why = r.verdict.reachability;
        }
        out += fmt::format("{:<10} {}  {}\n", to_string(r.status), r.file, why);
    }
    return out;
}

}  // namespace vpnsim::fleet
