// DOC: the diagnostics sink the scenario loader reports into (internal to sim/scenario).
// Every check reports here and carries on, so one run shows every problem in the file
// (STYLE 18). take() hands them back in file order, exact duplicates removed.
#pragma once

#include <toml++/toml.h>

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "sim/scenario/loader.hpp"

namespace vpnsim::scenario::detail {

// Longest text taken from the input into a message (a value, a key): enough to recognise it.
inline constexpr std::size_t kMaxEcho = 64;
// Longest key path and message a diagnostic keeps (after echoes are cut to kMaxEcho).
inline constexpr std::size_t kMaxKeyPath = 160;
inline constexpr std::size_t kMaxMessage = 480;

// Input text made safe to print: control characters (C0, DEL) written as \xNN escapes, so a
// file cannot drive the terminal, and text over max_bytes cut at a character boundary and
// marked "...(N bytes)".
std::string printable(std::string_view text, std::size_t max_bytes = kMaxEcho);

// Every key and message passes through printable() here, so no report echoes raw or
// unbounded input, whoever built it.
class Diagnostics {
  public:
    explicit Diagnostics(std::string file) : file_(std::move(file)) {}

    void add(const toml::source_position& at, std::string key, std::string message);
    void add(int line, int column, std::string key, std::string message);
    // A diagnostic located in another file (one the scenario names), kept as it is.
    void add(Diagnostic d) { items_.push_back(std::move(d)); }
    bool empty() const { return items_.empty(); }
    // Sorted by (line, column), stable for equal positions; exact duplicates dropped.
    std::vector<Diagnostic> take();

  private:
    std::string file_;
    std::vector<Diagnostic> items_;
};

}  // namespace vpnsim::scenario::detail
