#include "sim/bench/memory.hpp"

#include <fcntl.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>

#include "sim/scenario/loader.hpp"

extern char** environ;

namespace vpnsim::bench {

std::optional<ProcessFigures> measure(const std::string& self,
                                      const std::vector<std::string>& args) {
    std::vector<std::string> argv_text{self};
    argv_text.insert(argv_text.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& a : argv_text) argv.push_back(a.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t files;
    posix_spawn_file_actions_init(&files);
    for (const int fd : {0, 1, 2}) {
        posix_spawn_file_actions_addopen(&files, fd, "/dev/null", fd == 0 ? O_RDONLY : O_WRONLY,
                                         0);
    }
    pid_t pid = 0;
    const int error = ::posix_spawn(&pid, self.c_str(), &files, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&files);
    if (error != 0) return std::nullopt;
    int status = 0;
    rusage usage{};
    if (::wait4(pid, &status, 0, &usage) != pid || !WIFEXITED(status)) return std::nullopt;
    constexpr double kKibPerMib = 1024;
    return ProcessFigures{static_cast<double>(usage.ru_maxrss) / kKibPerMib, WEXITSTATUS(status)};
}

scenario::Scenario heavy_variant(scenario::Scenario base) {
    base.duration = scenario::kMaxScenarioDuration;
    base.cgw.bgp.connect_retry_seconds = 1;
    base.expect.reset();
    return base;
}

double mib_per_tunnel_hour(const scenario::Scenario& s, double peak_mib, double baseline_mib) {
    const double hours = std::chrono::duration<double>(s.duration).count() / 3600;
    const double tunnels = static_cast<double>(s.aws.tunnels.size());
    return (peak_mib - baseline_mib) / (tunnels * hours);
}

}  // namespace vpnsim::bench
