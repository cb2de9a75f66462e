// DOC: one customer gateway from the drafts of all its configuration files.
// A CGW is usually described by several files -- strongSwan's swanctl.conf (or ipsec.conf and
// ipsec.secrets) beside FRR's frr.conf; a router's one running config -- and each file knows a
// tunnel by what it has: an IPsec file by the AWS peer's outside address, a BGP file by the
// neighbor's inside address. The assembly:
//   - takes the IPsec tunnels (DraftTunnel::ipsec) of every file in order, one per AWS peer (a
//     second description of the same peer adds to the first); when no file describes IPsec,
//     the CGW's tunnels are AWS's generic configuration's (generic_cgw.hpp);
//   - attaches every other tunnel description to an IPsec tunnel: by peer (a key in
//     ipsec.secrets), else by inside address -- the tunnel whose inside /30 (its own inside
//     address, else its AWS tunnel's inside CIDR) holds it. A BGP neighbor no /30 holds is
//     given to the first tunnel that has no neighbor yet, with a warning: that is how a wrong
//     neighbor address reaches the simulation, which then shows what it does;
//   - sets [cgw.bgp] enabled = false unless some file configures BGP, [cgw] vendor from the
//     files (the first that names one), and the CGW's outside address to cgw_outside_ip(aws)
//     when no file gives it (with a warning);
//   - writes the result as a scenario's [cgw] section beside the AWS side and loads it: the
//     loader's rules decide what is valid, and its diagnostics are brought back to the file,
//     line, column and words of the setting they are about ("... (scenario key
//     cgw.tunnel[0].phase1_dh_group_numbers)").
// A key set by two files with different values keeps the later file's, with a warning.
#pragma once

#include <string>
#include <variant>
#include <vector>

#include "sim/import/cgw_draft.hpp"
#include "sim/scenario/loader.hpp"
#include "sim/scenario/scenario.hpp"

namespace vpnsim::import {

struct AssembledCgw {
    scenario::Cgw cgw;
    std::vector<std::string> warnings;  // the drafts' own, then the assembly's
};

// The CGW the drafts describe, against `aws`; or every error (the drafts' own first).
std::variant<AssembledCgw, std::vector<scenario::Diagnostic>> assemble_cgw(
    const scenario::Aws& aws, const std::vector<CgwDraft>& drafts);

}  // namespace vpnsim::import
