#include "sim/scenario/proposals.hpp"

#include <array>
#include <string>
#include <vector>

#include "sim/scenario/fields.hpp"

namespace vpnsim::scenario::detail {
namespace {

// aws-facts.md "Tunnel options"; AWS lists them in this order.
constexpr std::array<std::string_view, 4> kEncryption{"AES128", "AES256", "AES128-GCM-16",
                                                      "AES256-GCM-16"};
constexpr std::array<std::string_view, 4> kIntegrity{"SHA1", "SHA2-256", "SHA2-384", "SHA2-512"};
constexpr std::array<int, 12> kAwsPhase1Groups{2, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24};
constexpr std::array<int, 13> kAwsPhase2Groups{2, 5, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24};
constexpr std::array<int, 14> kCgwGroups{1, 2, 5, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24};
constexpr std::array<std::string_view, 1> kCgwEncryption{"AES128"};
constexpr std::array<std::string_view, 1> kCgwIntegrity{"SHA1"};
constexpr std::array<int, 1> kCgwGroup{14};
constexpr PhaseKeys kPhase1Keys{"phase1_encryption_algorithms", "phase1_integrity_algorithms",
                                "phase1_dh_group_numbers"};
constexpr PhaseKeys kPhase2Keys{"phase2_encryption_algorithms", "phase2_integrity_algorithms",
                                "phase2_dh_group_numbers"};

std::vector<std::string> to_strings(std::span<const std::string_view> names) {
    return {names.begin(), names.end()};
}

// Element converters for as_array: one value from the allowed list.
auto one_of(std::span<const std::string_view> allowed) {
    return [allowed](const Field& f) { return as_choice(f, allowed); };
}
auto one_of(std::span<const int> allowed) {
    return [allowed](const Field& f) { return as_int_choice(f, allowed); };
}

}  // namespace

const ProposalRules kAwsPhase1{.keys = kPhase1Keys,
                               .encryption = kEncryption,
                               .default_encryption = kEncryption,
                               .integrity = kIntegrity,
                               .default_integrity = kIntegrity,
                               .dh_groups = kAwsPhase1Groups,
                               .default_dh_groups = kAwsPhase1Groups};
const ProposalRules kAwsPhase2{.keys = kPhase2Keys,
                               .encryption = kEncryption,
                               .default_encryption = kEncryption,
                               .integrity = kIntegrity,
                               .default_integrity = kIntegrity,
                               .dh_groups = kAwsPhase2Groups,
                               .default_dh_groups = kAwsPhase2Groups};
const ProposalRules kCgwPhase1{.keys = kPhase1Keys,
                               .encryption = kEncryption,
                               .default_encryption = kCgwEncryption,
                               .integrity = kIntegrity,
                               .default_integrity = kCgwIntegrity,
                               .dh_groups = kCgwGroups,
                               .default_dh_groups = kCgwGroup};
const ProposalRules kCgwPhase2{.keys = kPhase2Keys,
                               .encryption = kEncryption,
                               .default_encryption = kCgwEncryption,
                               .integrity = kIntegrity,
                               .default_integrity = kCgwIntegrity,
                               .dh_groups = kCgwGroups,
                               .default_dh_groups = kCgwGroup};

ProposalLists default_proposals(const ProposalRules& rules) {
    return ProposalLists{to_strings(rules.default_encryption),
                         to_strings(rules.default_integrity),
                         {rules.default_dh_groups.begin(), rules.default_dh_groups.end()}};
}

ProposalLists read_proposals(TableReader& table, const ProposalRules& rules) {
    ProposalLists lists = default_proposals(rules);
    read_proposals(table, rules, lists);
    return lists;
}

void read_proposals(TableReader& table, const ProposalRules& rules, ProposalLists& lists) {
    set_if(lists.encryption, as_array(table.get(rules.keys.encryption), one_of(rules.encryption)));
    set_if(lists.integrity, as_array(table.get(rules.keys.integrity), one_of(rules.integrity)));
    set_if(lists.dh_groups, as_array(table.get(rules.keys.dh_groups), one_of(rules.dh_groups)));
}

}  // namespace vpnsim::scenario::detail
