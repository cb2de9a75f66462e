// DOC: the diagnostics sink the scenario loader reports into (internal to sim/scenario).
// Every check reports here and carries on, so one run shows every problem in the file
// (STYLE 18). take() hands them back in file order, exact duplicates removed.
#pragma once

#include <toml++/toml.h>

#include <string>
#include <string_view>
#include <vector>

#include "sim/scenario/loader.hpp"

namespace vpnsim::scenario::detail {

class Diagnostics {
  public:
    explicit Diagnostics(std::string file) : file_(std::move(file)) {}

    void add(const toml::source_position& at, std::string key, std::string message);
    void add(int line, int column, std::string key, std::string message);
    bool empty() const { return items_.empty(); }
    // Sorted by (line, column), stable for equal positions; exact duplicates dropped.
    std::vector<Diagnostic> take();

  private:
    std::string file_;
    std::vector<Diagnostic> items_;
};

}  // namespace vpnsim::scenario::detail
