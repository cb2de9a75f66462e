#include "sim/cli/args.hpp"

namespace vpnsim::cli {

std::optional<std::string> Args::get(const std::string& name) const {
    const auto it = options.find(name);
    if (it == options.end()) return std::nullopt;
    return it->second;
}

std::vector<std::string> Args::list(const std::string& name) const {
    const auto it = lists.find(name);
    return it == lists.end() ? std::vector<std::string>{} : it->second;
}

}  // namespace vpnsim::cli
