#include "sim/cli/args.hpp"

namespace vpnsim::cli {

std::optional<std::string> Args::get(const std::string& name) const {
    const auto it = options.find(name);
    if (it == options.end()) return std::nullopt;
    return it->second;
}

}  // namespace vpnsim::cli
