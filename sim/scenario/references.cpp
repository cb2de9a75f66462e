// DOC: [aws] describe and [cgw] config -- a side of the scenario read from the files a team
// keeps (issue 14), so CI runs on the real files with no generated copy to keep in step.
//   [aws]
//   describe = "describe.json"        # `aws ec2 describe-vpn-connections` output
//   connection = "vpn-0a1b2c3d4e5f60718"   # when the file has several
//   vpc_cidr = "10.1.0.0/16"          # what describe-vpn-connections does not carry:
//                                     # asn, customer_gateway_asn, vpc_cidr, ecmp
//   [cgw]
//   config = ["swanctl.conf", "frr.conf"]  # the CGW's configuration files or templates
//   networks = ["10.2.0.0/16"]        # what the scenario says about the site, not the device:
//                                     # networks, asymmetric_routing, [[cgw.event]]
// Paths are relative to the scenario file's directory. The files are read by
// LoadOptions::references (sim/import); their diagnostics point into them.
#include <fmt/format.h>

#include "sim/scenario/fields.hpp"
#include "sim/scenario/references.hpp"

namespace vpnsim::scenario::detail {
namespace {

std::string resolved_path(const std::string& scenario_file, const std::string& path) {
    if (!path.empty() && path.front() == '/') return path;
    const auto slash = scenario_file.find_last_of('/');
    if (slash == std::string::npos) return path;
    return scenario_file.substr(0, slash + 1) + path;
}

template <class T>
std::optional<T> taken(Resolved<T>&& r, const ReferenceContext& ctx) {
    for (auto& d : r.errors) ctx.diagnostics.add(std::move(d));
    ctx.warnings.insert(ctx.warnings.end(), std::make_move_iterator(r.warnings.begin()),
                        std::make_move_iterator(r.warnings.end()));
    if (!r.errors.empty()) return std::nullopt;
    return std::move(r.value);
}

constexpr std::string_view kNoReaders =
    "names a file, which only the vpnsim command line reads (no reader was given)";

}  // namespace

std::optional<Aws> read_aws_reference(TableReader& table, const Field& describe,
                                      const ReferenceContext& ctx) {
    const auto path = as_nonempty_string(describe);
    const auto connection = as_nonempty_string(table.get("connection"));
    std::optional<Aws> aws;
    if (path && !ctx.options.references.aws) describe.error(std::string(kNoReaders));
    if (path && ctx.options.references.aws) {
        aws = taken(ctx.options.references.aws(resolved_path(ctx.file, *path), connection), ctx);
    }
    // Read (and checked) either way; over the defaults when the file gave no AWS side.
    Aws unread;
    read_aws_overrides(table, aws ? *aws : unread);
    return aws;
}

std::optional<Cgw> read_cgw_reference(TableReader& table, const Field& config, const Aws& aws,
                                      const ReferenceContext& ctx) {
    const auto paths = as_array(config, as_nonempty_string);
    std::optional<Cgw> cgw;
    if (paths && !ctx.options.references.cgw) config.error(std::string(kNoReaders));
    if (paths && ctx.options.references.cgw) {
        std::vector<std::string> resolved;
        for (const auto& p : *paths) resolved.push_back(resolved_path(ctx.file, p));
        cgw = taken(ctx.options.references.cgw(resolved, aws), ctx);
    }
    // Read (and checked) either way; over a two-tunnel CGW when the files gave none.
    Cgw unread;
    unread.tunnels.resize(2);
    read_cgw_overrides(table, cgw ? *cgw : unread);
    return cgw;
}

}  // namespace vpnsim::scenario::detail
