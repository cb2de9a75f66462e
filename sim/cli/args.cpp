#include "sim/cli/args.hpp"

namespace vpnsim::cli {

std::optional<std::string> Args::get(const std::string& name) const {
    const auto it = options.find(name);
    if (it == options.end()) return std::nullopt;
    return it->second;
}

std::optional<Args> parse_args(const std::vector<std::string>& argv, const OptionSpec& spec,
                               std::string& error) {
    Args out;
    for (std::size_t i = 0; i < argv.size(); ++i) {
        const std::string& a = argv[i];
        if (a.size() < 3 || a.rfind("--", 0) != 0) {
            if (a.size() > 1 && a[0] == '-' && a != "-") {
                error = "unknown option '" + a + "'";
                return std::nullopt;
            }
            out.positional.push_back(a);
            continue;
        }
        const auto eq = a.find('=');
        const std::string name = a.substr(2, eq == std::string::npos ? std::string::npos : eq - 2);
        if (spec.boolean.count(name) != 0) {
            if (eq != std::string::npos) {
                error = "option '--" + name + "' takes no value";
                return std::nullopt;
            }
            out.flags.insert(name);
        } else if (spec.valued.count(name) != 0) {
            if (eq != std::string::npos) {
                out.options[name] = a.substr(eq + 1);
            } else if (i + 1 < argv.size()) {
                out.options[name] = argv[++i];
            } else {
                error = "option '--" + name + "' needs a value";
                return std::nullopt;
            }
        } else {
            error = "unknown option '--" + name + "'";
            return std::nullopt;
        }
    }
    return out;
}

}  // namespace vpnsim::cli
