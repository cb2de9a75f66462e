// DOC: reading the files a team keeps: describe-vpn-connections JSON and CGW configuration
// files (templates rendered against the AWS side first), each read as the scenario loader reads
// a scenario -- regular files only, at most max_file_bytes -- and the readers the scenario
// loader is given for [aws] describe and [cgw] config (LoadOptions::references).
// A CGW file is named by its path, optionally preceded by its dialect when the name and the
// first lines do not tell ("junos:edge-router.txt"; dialects as cgw_draft.hpp names them).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "sim/scenario/loader.hpp"
#include "sim/scenario/scenario.hpp"

namespace vpnsim::import {

// The connection `id` (or the file's only one) from a describe-vpn-connections file.
scenario::Resolved<scenario::Aws> read_aws_file(const std::string& path,
                                                const std::optional<std::string>& id,
                                                std::size_t max_file_bytes);

// The CGW the files describe, against `aws`: each file's dialect found, its placeholders
// filled, its reader run, positions brought back to the template, and the drafts assembled.
scenario::Resolved<scenario::Cgw> read_cgw_files(const std::vector<std::string>& specs,
                                                 const scenario::Aws& aws,
                                                 std::size_t max_file_bytes);

// Both readers, for LoadOptions::references.
scenario::References file_references(std::size_t max_file_bytes);

}  // namespace vpnsim::import
