// `vpnsim import`: a scenario from the JSON `aws ec2 describe-vpn-connections` prints -- the
// AWS side as AWS holds it, the customer gateway as its configuration files (--cgw) or AWS's
// generic configuration set it up.
#include <fmt/format.h>

#include <algorithm>
#include <string>
#include <variant>

#include "sim/cli/commands.hpp"
#include "sim/import/aws_describe.hpp"
#include "sim/import/files.hpp"
#include "sim/import/generic_cgw.hpp"
#include "sim/report/write_file.hpp"
#include "sim/scenario/diagnostics.hpp"
#include "sim/scenario/writer.hpp"

namespace vpnsim::cli {
namespace {

using scenario::detail::printable;

// Says where the files came from and what they could not say (comments: the scenario loads the
// same).
std::string header(const std::string& file, const std::vector<std::string>& cgw_files,
                   const scenario::Scenario& s) {
    auto text = fmt::format("# Imported by `vpnsim import` from {}, connection {}.\n",
                            printable(file), s.aws.vpn_id);
    if (cgw_files.empty()) {
        return text +
               "# [aws] is the connection as describe-vpn-connections shows it; [cgw] is the "
               "customer\n"
               "# gateway as AWS's generic configuration sets it up. cgw.outside_ip is a "
               "placeholder:\n"
               "# the customer gateway's address is not in describe-vpn-connections (it is the\n"
               "# IpAddress describe-customer-gateways shows).\n";
    }
    text +=
        "# [aws] is the connection as describe-vpn-connections shows it; [cgw] is the customer\n"
        "# gateway as these configuration files set it up:\n";
    for (const auto& f : cgw_files) text += fmt::format("#   {}\n", printable(f));
    return text;
}

}  // namespace

int cmd_import(const Args& a) {
    if (!a.positional.empty()) {
        return usage_error("import", "takes no FILE argument; name the JSON with --aws FILE");
    }
    const auto file = a.get("aws");
    if (!file) return usage_error("import", "--aws FILE is required");
    const auto out = a.get("out");
    if (a.has("force") && !out) return usage_error("import", "--force needs -o FILE");
    const auto options = load_options("import", a);
    if (!options) return kExitBadInput;
    auto text = scenario::read_scenario_text(*file, *options);
    if (const auto* d = std::get_if<scenario::Diagnostic>(&text)) {
        print_diagnostics(*file, {*d});
        return kExitBadInput;
    }
    const auto only = a.get("connection");
    auto imported = vpnsim::import::read_aws_describe(
        std::get<std::string>(text), *file,
        only ? std::optional<std::string_view>(*only) : std::nullopt);
    if (const auto* diagnostics = std::get_if<std::vector<scenario::Diagnostic>>(&imported)) {
        print_diagnostics(*file, *diagnostics);
        return kExitBadInput;
    }
    const auto& result = std::get<vpnsim::import::AwsImport>(imported);
    if (result.connections.size() > 1) {
        std::string ids;
        for (const auto& c : result.connections) ids += (ids.empty() ? "" : ", ") + c.vpn_id;
        fmt::print(stderr,
                   "vpnsim import: {} has {} VPN connections ({}); choose one with "
                   "--connection ID\n",
                   printable(*file), result.connections.size(), ids);
        return kExitBadInput;
    }
    print_warnings(result.warnings);
    auto s = vpnsim::import::generic_scenario(result.connections.front());
    const auto cgw_files = a.list("cgw");
    if (!cgw_files.empty()) {
        auto cgw = vpnsim::import::read_cgw_files(cgw_files, s.aws, options->max_file_bytes);
        print_warnings(cgw.warnings);
        if (!cgw.value) {
            print_diagnostics(cgw_files.front(), cgw.errors);
            return kExitBadInput;
        }
        s.cgw = std::move(*cgw.value);
    }
    const auto toml = header(*file, cgw_files, s) + scenario::to_toml(s);
    if (!out) {
        fmt::print("{}", toml);
        return kExitOk;
    }
    const auto overwrite = a.has("force") ? report::Overwrite::Allow : report::Overwrite::Refuse;
    if (const auto error = report::write_file(*out, toml, overwrite)) {
        fmt::print(stderr, "vpnsim import: -o: cannot write {}\n", *error);
        return kExitBadInput;
    }
    fmt::print("wrote {} ({})\n", *out, s.aws.vpn_id);
    return kExitOk;
}

}  // namespace vpnsim::cli
