// `vpnsim fleet DIR` and `vpnsim fleet merge`: every site of a fleet checked end to end
// (sim/fleet), on several threads and cluster shards, as a summary or JSON lines.
#include <fmt/format.h>
#include <unistd.h>

#include "sim/cli/cluster.hpp"
#include "sim/cli/commands.hpp"
#include "sim/fleet/fleet.hpp"
#include "sim/scenario/diagnostics.hpp"

namespace vpnsim::cli {
namespace {

// Prints or writes (--output) the results in --format; the exit status: 0 when every site is
// UP, 1 otherwise.
int emit(std::string_view cmd, const Args& a, const std::vector<fleet::SiteResult>& results) {
    const auto format = a.get("format").value_or("text");
    const auto text = format == "jsonl" ? fleet::jsonl(results) : fleet::summary(results);
    if (!print_or_write(cmd, a, text)) return kExitBadInput;
    const bool all_up = std::all_of(results.begin(), results.end(),
                                    [](const auto& r) { return r.status == fleet::Status::Up; });
    return all_up ? kExitOk : kExitExpectFailed;
}

bool format_ok(std::string_view cmd, const Args& a) {
    return format_option(cmd, a, {"text", "jsonl"}).has_value();
}

}  // namespace

int cmd_fleet(const Args& a) {
    if (a.positional.size() != 1) return usage_error("fleet", "expects exactly one DIR");
    fleet::Options o;
    const auto load = load_options("fleet", a);
    const auto jobs = count_option("fleet", a, "jobs", 1, 0, 256);
    if (!load || !jobs || !format_ok("fleet", a) || !duration_option("fleet", a, o.duration)) {
        return kExitBadInput;
    }
    o.load = *load;
    o.jobs = threads_for(*jobs);
    const auto shard = shard_of(a);
    if (const auto* error = std::get_if<std::string>(&shard)) return usage_error("fleet", *error);
    o.shard = std::get<Shard>(shard);
    std::error_code ec;
    const auto sites = fleet::find_sites(a.positional.front(), ec);
    if (ec) {
        return usage_error(
            "fleet", fmt::format("cannot read {}: {}",
                                 scenario::detail::printable(a.positional.front()), ec.message()));
    }
    Progress progress(isatty(STDERR_FILENO) != 0 && !a.has("quiet"), "sites");
    o.progress = [&](std::uint64_t done, std::uint64_t total) { progress(done, total); };
    if (o.shard.count > 1) {
        fmt::print(stderr, "vpnsim fleet: shard {}/{}: sites i with i mod {} = {}\n", o.shard.index,
                   o.shard.count, o.shard.count, o.shard.index);
    }
    return emit("fleet", a, fleet::check_all(sites, o));
}

int cmd_fleet_merge(const Args& a) {
    if (a.positional.empty()) return usage_error("fleet merge", "expects the shards' outputs");
    const auto load = load_options("fleet merge", a);
    if (!load || !format_ok("fleet merge", a)) return kExitBadInput;
    std::vector<std::pair<std::string, std::string>> files;
    for (const auto& f : a.positional) {
        auto text = scenario::read_scenario_text(f, *load);
        if (const auto* d = std::get_if<scenario::Diagnostic>(&text)) {
            print_diagnostics(f, {*d});
            return kExitBadInput;
        }
        files.emplace_back(f, std::get<std::string>(std::move(text)));
    }
    auto merged = fleet::read_jsonl(files);
    if (const auto* error = std::get_if<std::string>(&merged)) {
        fmt::print(stderr, "vpnsim fleet merge: {}\n", scenario::detail::printable(*error, 200));
        return kExitBadInput;
    }
    return emit("fleet merge", a, std::get<std::vector<fleet::SiteResult>>(merged));
}

}  // namespace vpnsim::cli
