// DOC: output files written complete or not at all, and never through a link planted at a
// temporary name. The text goes into a fresh temporary file in the target's directory, made by
// mkstemp (O_CREAT|O_EXCL: an existing file or symlink at that name is never opened, let alone
// followed), flushed to disk, then renamed onto the target: a reader sees the old file or the
// whole new one. Renaming replaces a symlink at the target itself; it never writes through it.
// With Overwrite::Refuse an existing target is left alone (renameat2 RENAME_NOREPLACE: no
// window between the check and the rename).
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace vpnsim::report {

enum class Overwrite : bool { Refuse, Allow };

// nullopt on success, else a one-line reason naming the file ("out.toml: permission denied",
// "out.toml: exists (use --force to overwrite)").
std::optional<std::string> write_file(const std::filesystem::path& target, std::string_view text,
                                      Overwrite overwrite);

}  // namespace vpnsim::report
