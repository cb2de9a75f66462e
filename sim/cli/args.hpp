// DOC: a small command-line parser: positionals plus "--name value", "--name=value" and
// boolean "--name" options, each option declared up front so typos are usage errors.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace vpnsim::cli {

struct Args {
    std::vector<std::string> positional;
    std::map<std::string, std::string> options;  // value options
    std::set<std::string> flags;                 // boolean options
    bool has(const std::string& flag) const { return flags.count(flag) != 0; }
    std::optional<std::string> get(const std::string& name) const;
};

struct OptionSpec {
    std::set<std::string> valued;   // take a value
    std::set<std::string> boolean;  // do not
};

// On error returns nullopt and sets `error` to a one-line message.
std::optional<Args> parse_args(const std::vector<std::string>& argv, const OptionSpec& spec,
                               std::string& error);

}  // namespace vpnsim::cli
