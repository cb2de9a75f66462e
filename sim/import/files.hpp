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
#include <variant>
#include <vector>

#include "sim/import/cgw_draft.hpp"
#include "sim/scenario/loader.hpp"
#include "sim/scenario/scenario.hpp"

namespace vpnsim::import {

// The connection `id` (or the file's only one) from a describe-vpn-connections file.
scenario::Resolved<scenario::Aws> read_aws_file(const std::string& path,
                                                const std::optional<std::string>& id,
                                                std::size_t max_file_bytes);

// A CGW configuration file read, its dialect found; its placeholders not yet filled.
struct CgwSource {
    std::string path;
    Dialect dialect{Dialect::Swanctl};
    std::string text;
};

// The files ([DIALECT:]FILE each), read once; or every file that cannot be read or whose
// dialect cannot be told.
std::variant<std::vector<CgwSource>, std::vector<scenario::Diagnostic>> read_cgw_sources(
    const std::vector<std::string>& specs, std::size_t max_file_bytes);

// The CGW the files describe, against `aws`: each file's placeholders filled from it, its
// reader run, positions brought back to the template, and the drafts assembled. A matrix
// reads its templates once and calls this per case.
scenario::Resolved<scenario::Cgw> cgw_from_sources(const std::vector<CgwSource>& sources,
                                                   const scenario::Aws& aws);

// read_cgw_sources, then cgw_from_sources.
scenario::Resolved<scenario::Cgw> read_cgw_files(const std::vector<std::string>& specs,
                                                 const scenario::Aws& aws,
                                                 std::size_t max_file_bytes);

// Both readers, for LoadOptions::references.
scenario::References file_references(std::size_t max_file_bytes);

}  // namespace vpnsim::import
