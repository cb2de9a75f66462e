// Output files: complete or not at all, never written through a symlink (issue 11).
#include <catch2/catch.hpp>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "sim/report/write_file.hpp"

namespace fs = std::filesystem;
using vpnsim::report::Overwrite;
using vpnsim::report::write_file;

namespace {

std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

struct TempDir {
    fs::path path;
    TempDir() {
        std::string templ = (fs::temp_directory_path() / "vpnsim-write-XXXXXX").string();
        path = ::mkdtemp(templ.data());
    }
    ~TempDir() {
        std::error_code ec;
        fs::remove_all(path, ec);
    }
};

}  // namespace

TEST_CASE("write_file - writes, replaces, and leaves no temporary file", "[report][write]") {
    TempDir d;
    const auto target = d.path / "out.txt";
    CHECK_FALSE(write_file(target, "one\n", Overwrite::Allow));
    CHECK(slurp(target) == "one\n");
    CHECK_FALSE(write_file(target, "two\n", Overwrite::Allow));
    CHECK(slurp(target) == "two\n");
    std::size_t files = 0;
    for ([[maybe_unused]] const auto& e : fs::directory_iterator(d.path)) ++files;
    CHECK(files == 1);
}

TEST_CASE("write_file - refuses an existing file unless allowed", "[report][write]") {
    TempDir d;
    const auto target = d.path / "stream.log";
    CHECK_FALSE(write_file(target, "first\n", Overwrite::Refuse));
    const auto error = write_file(target, "second\n", Overwrite::Refuse);
    REQUIRE(error);
    CHECK(error->find("exists (use --force to overwrite)") != std::string::npos);
    CHECK(slurp(target) == "first\n");
}

TEST_CASE("write_file - never writes through a symlink", "[report][write]") {
    TempDir d;
    const auto victim = d.path / "victim";
    std::ofstream(victim) << "precious";
    // A link at the old fixed temporary name, and at the target itself.
    fs::create_symlink(victim, d.path / "out.toml.tmp");
    fs::create_symlink(victim, d.path / "out.toml");
    CHECK_FALSE(write_file(d.path / "out.toml", "new", Overwrite::Allow));
    CHECK(slurp(victim) == "precious");
    CHECK_FALSE(fs::is_symlink(d.path / "out.toml"));
    CHECK(slurp(d.path / "out.toml") == "new");
    // Refusing: a dangling or live symlink at the target counts as existing.
    fs::create_symlink(d.path / "nowhere", d.path / "dangling.log");
    CHECK(write_file(d.path / "dangling.log", "x", Overwrite::Refuse));
    CHECK_FALSE(fs::exists(d.path / "nowhere"));
}

TEST_CASE("write_file - reports a directory that cannot be written", "[report][write]") {
    const auto error = write_file("/nonexistent-dir-vpnsim/out.toml", "x", Overwrite::Allow);
    REQUIRE(error);
    CHECK(error->find("/nonexistent-dir-vpnsim/out.toml: No such file or directory") !=
          std::string::npos);
}
