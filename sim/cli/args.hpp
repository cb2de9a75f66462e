// DOC: what a command receives from the command line (parsed by CLI11 in main.cpp):
// positionals, valued options by name, and the boolean options given.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace vpnsim::cli {

struct Args {
    std::vector<std::string> positional;
    std::map<std::string, std::string> options;             // value options
    std::set<std::string> flags;                            // boolean options
    std::map<std::string, std::vector<std::string>> lists;  // repeatable options, in order
    bool has(const std::string& flag) const { return flags.count(flag) != 0; }
    std::optional<std::string> get(const std::string& name) const;
    std::vector<std::string> list(const std::string& name) const;
};

}  // namespace vpnsim::cli
