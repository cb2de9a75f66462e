#include "sim/report/write_file.hpp"

#include <fcntl.h>
#include <stdio.h>  // renameat2 (glibc >= 2.28, _GNU_SOURCE)
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>

#include <cerrno>
#include <cstdio>
#include <system_error>

namespace vpnsim::report {
namespace {

std::string reason(const std::filesystem::path& file, int error) {
    if (error == EEXIST) return fmt::format("{}: exists (use --force to overwrite)", file.string());
    return fmt::format("{}: {}", file.string(), std::generic_category().message(error));
}

// Removes the temporary file unless it was renamed into place.
struct TempFile {
    std::string path;
    int fd{-1};
    bool placed{false};
    ~TempFile() {
        if (fd >= 0) ::close(fd);
        if (!placed) ::unlink(path.c_str());
    }
};

bool write_all(int fd, std::string_view text) {
    while (!text.empty()) {
        const auto n = ::write(fd, text.data(), text.size());
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return false;
        text.remove_prefix(static_cast<std::size_t>(n));
    }
    return true;
}

// Moves tmp onto target without replacing an existing target.
int rename_no_replace(const char* tmp, const char* target) {
    if (::renameat2(AT_FDCWD, tmp, AT_FDCWD, target, RENAME_NOREPLACE) == 0) return 0;
    if (errno != EINVAL && errno != ENOSYS) return errno;
    // A file system without RENAME_NOREPLACE: link() also refuses an existing target.
    if (::link(tmp, target) != 0) return errno;
    ::unlink(tmp);
    return 0;
}

// The process's umask, read without changing it (umask(2) can only swap, which would race
// with another thread creating a file): Linux reports it in /proc/self/status.
mode_t current_umask() {
    constexpr mode_t kUsual = 022;
    FILE* status = std::fopen("/proc/self/status", "re");
    if (status == nullptr) return kUsual;
    char line[256];
    unsigned mask = kUsual;
    while (std::fgets(line, sizeof line, status) != nullptr) {
        if (std::sscanf(line, "Umask: %o", &mask) == 1) break;
    }
    std::fclose(status);
    return static_cast<mode_t>(mask & 0777);
}

}  // namespace

std::optional<std::string> write_file(const std::filesystem::path& target, std::string_view text,
                                      Overwrite overwrite) {
    const auto dir = target.has_parent_path() ? target.parent_path() : std::filesystem::path(".");
    const auto name = target.filename().string();
    if (name.empty() || name == "." || name == "..") return reason(target, EISDIR);
    if (overwrite == Overwrite::Refuse) {
        struct stat st {};
        if (::lstat(target.c_str(), &st) == 0) return reason(target, EEXIST);
    }
    TempFile tmp{(dir / ("." + name + ".XXXXXX")).string()};
    tmp.fd = ::mkstemp(tmp.path.data());
    if (tmp.fd < 0) {
        tmp.placed = true;  // nothing was created
        return reason(target, errno);
    }
    // mkstemp makes the file 0600; an output file gets the usual 0666 less the umask.
    if (::fchmod(tmp.fd, 0666 & ~current_umask()) != 0 || !write_all(tmp.fd, text) ||
        ::fsync(tmp.fd) != 0) {
        return reason(target, errno != 0 ? errno : EIO);
    }
    if (::close(tmp.fd) != 0) {
        tmp.fd = -1;
        return reason(target, errno);
    }
    tmp.fd = -1;
    const int error = overwrite == Overwrite::Allow
                          ? (::rename(tmp.path.c_str(), target.c_str()) == 0 ? 0 : errno)
                          : rename_no_replace(tmp.path.c_str(), target.c_str());
    if (error != 0) return reason(target, error);
    tmp.placed = true;
    return std::nullopt;
}

}  // namespace vpnsim::report
