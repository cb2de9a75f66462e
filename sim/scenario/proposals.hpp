// DOC: the phase 1 / phase 2 proposal keys shared by [[aws.tunnel]] and [[cgw.tunnel]].
// Both sides use the same keys (the AWS API names: phase1_encryption_algorithms,
// phase1_integrity_algorithms, phase1_dh_group_numbers, and the phase2_ ones); only the
// allowed values and the defaults differ, so one reader takes them as a ProposalRules.
// AWS: every value AWS accepts, all allowed by default (aws-facts.md "Tunnel options").
// CGW: the same cipher and integrity names (the IKE model knows no others), a typical device
// default of AES128 / SHA1 / group 14, and any DH group a device may be set to (1, 2, 5,
// 14-24 in both phases), so "group 5 in phase 1", which AWS refuses, can be simulated.
#pragma once

#include <span>
#include <string_view>

#include "sim/scenario/scenario.hpp"
#include "sim/scenario/table_reader.hpp"

namespace vpnsim::scenario::detail {

// The three keys of one phase, spelled out so the reader can keep views of them.
struct PhaseKeys {
    std::string_view encryption;  // "phase1_encryption_algorithms"
    std::string_view integrity;
    std::string_view dh_groups;
};

// Allowed values by name (as error messages list them); defaults as values.
struct ProposalRules {
    PhaseKeys keys;
    std::span<const std::string_view> encryption;
    std::span<const ike::Encr> default_encryption;
    std::span<const std::string_view> integrity;
    std::span<const ike::Integ> default_integrity;
    std::span<const int> dh_groups;
    std::span<const int> default_dh_groups;
};

extern const ProposalRules kAwsPhase1;
extern const ProposalRules kAwsPhase2;
extern const ProposalRules kCgwPhase1;
extern const ProposalRules kCgwPhase2;

// Reads <phase>_encryption_algorithms, <phase>_integrity_algorithms and
// <phase>_dh_group_numbers; each list must be non-empty and drawn from the allowed values.
ProposalLists read_proposals(TableReader& table, const ProposalRules& rules);
// The same keys over `lists` (the defaults, or the lists in force before a [[change]]).
void read_proposals(TableReader& table, const ProposalRules& rules, ProposalLists& lists);
ProposalLists default_proposals(const ProposalRules& rules);

}  // namespace vpnsim::scenario::detail
