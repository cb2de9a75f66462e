// DOC: the readers of [aws] describe and [cgw] config (internal to sim/scenario; see
// references.cpp).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "sim/scenario/diagnostics.hpp"
#include "sim/scenario/loader.hpp"
#include "sim/scenario/table_reader.hpp"

namespace vpnsim::scenario::detail {

// What reading a named file needs from the load: the scenario's path (relative paths are
// resolved against its directory), the readers, and where errors and warnings go.
struct ReferenceContext {
    const std::string& file;
    const LoadOptions& options;
    Diagnostics& diagnostics;
    std::vector<std::string>& warnings;
};

// [aws] with `describe` (the Field): the AWS side from the file, then the keys the file does
// not carry (read_aws_overrides) over it.
std::optional<Aws> read_aws_reference(TableReader& table, const Field& describe,
                                      const ReferenceContext& ctx);
// [cgw] with `config`: the CGW from its files, then the site's keys (read_cgw_overrides).
std::optional<Cgw> read_cgw_reference(TableReader& table, const Field& config, const Aws& aws,
                                      const ReferenceContext& ctx);

// The [aws] keys describe-vpn-connections does not carry: asn, customer_gateway_asn, vpc_cidr,
// ecmp (read_aws.cpp), checked as read_aws checks them.
void read_aws_overrides(TableReader& table, Aws& aws);
// The [cgw] keys that describe the site rather than the device: networks, asymmetric_routing,
// [[cgw.event]] (read_cgw.cpp).
void read_cgw_overrides(TableReader& table, Cgw& cgw);

}  // namespace vpnsim::scenario::detail
