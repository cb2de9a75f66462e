#include "sim/scenario/proposals.hpp"

#include <algorithm>
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
// A customer gateway may also propose what AWS does not offer (a legacy device's defaults).
constexpr std::array<std::string_view, 7> kCgwEncryptionNames{
    "AES128", "AES256", "AES128-GCM-16", "AES256-GCM-16", "AES192", "3DES", "DES"};
constexpr std::array<std::string_view, 5> kCgwIntegrityNames{"SHA1", "SHA2-256", "SHA2-384",
                                                             "SHA2-512", "MD5"};
constexpr std::array<int, 12> kAwsPhase1Groups{2, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24};
constexpr std::array<int, 13> kAwsPhase2Groups{2, 5, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24};
constexpr std::array<int, 14> kCgwGroups{1, 2, 5, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24};
constexpr std::array kAllEncryption{ike::Encr::Aes128, ike::Encr::Aes256, ike::Encr::Aes128Gcm16,
                                    ike::Encr::Aes256Gcm16};
constexpr std::array kAllIntegrity{ike::Integ::Sha1, ike::Integ::Sha2_256, ike::Integ::Sha2_384,
                                   ike::Integ::Sha2_512};
constexpr std::array kCgwEncryption{ike::Encr::Aes128};
constexpr std::array kCgwIntegrity{ike::Integ::Sha1};
constexpr std::array<int, 1> kCgwGroup{14};
constexpr PhaseKeys kPhase1Keys{"phase1_encryption_algorithms", "phase1_integrity_algorithms",
                                "phase1_dh_group_numbers"};
constexpr PhaseKeys kPhase2Keys{"phase2_encryption_algorithms", "phase2_integrity_algorithms",
                                "phase2_dh_group_numbers"};

template <class T>
std::vector<T> to_vector(std::span<const T> values) {
    return {values.begin(), values.end()};
}

// Element converters for as_array: one value from the allowed list, by name (parse: the IKE
// model's name -> value, which knows every allowed name).
template <class Parse>
auto one_of(std::span<const std::string_view> allowed, Parse parse) {
    return [allowed, parse](const Field& f) -> decltype(parse(std::string_view{})) {
        const auto text = as_string_view(f);
        if (!text) return std::nullopt;
        if (std::find(allowed.begin(), allowed.end(), *text) != allowed.end()) return parse(*text);
        report_not_one_of(f, allowed, *text);
        return std::nullopt;
    };
}
auto one_of(std::span<const int> allowed) {
    return [allowed](const Field& f) { return as_int_choice(f, allowed); };
}

}  // namespace

const ProposalRules kAwsPhase1{.keys = kPhase1Keys,
                               .encryption = kEncryption,
                               .default_encryption = kAllEncryption,
                               .integrity = kIntegrity,
                               .default_integrity = kAllIntegrity,
                               .dh_groups = kAwsPhase1Groups,
                               .default_dh_groups = kAwsPhase1Groups};
const ProposalRules kAwsPhase2{.keys = kPhase2Keys,
                               .encryption = kEncryption,
                               .default_encryption = kAllEncryption,
                               .integrity = kIntegrity,
                               .default_integrity = kAllIntegrity,
                               .dh_groups = kAwsPhase2Groups,
                               .default_dh_groups = kAwsPhase2Groups};
const ProposalRules kCgwPhase1{.keys = kPhase1Keys,
                               .encryption = kCgwEncryptionNames,
                               .default_encryption = kCgwEncryption,
                               .integrity = kCgwIntegrityNames,
                               .default_integrity = kCgwIntegrity,
                               .dh_groups = kCgwGroups,
                               .default_dh_groups = kCgwGroup};
const ProposalRules kCgwPhase2{.keys = kPhase2Keys,
                               .encryption = kCgwEncryptionNames,
                               .default_encryption = kCgwEncryption,
                               .integrity = kCgwIntegrityNames,
                               .default_integrity = kCgwIntegrity,
                               .dh_groups = kCgwGroups,
                               .default_dh_groups = kCgwGroup};

ProposalLists default_proposals(const ProposalRules& rules) {
    return ProposalLists{to_vector(rules.default_encryption), to_vector(rules.default_integrity),
                         to_vector(rules.default_dh_groups)};
}

ProposalLists read_proposals(TableReader& table, const ProposalRules& rules) {
    ProposalLists lists = default_proposals(rules);
    read_proposals(table, rules, lists);
    return lists;
}

void read_proposals(TableReader& table, const ProposalRules& rules, ProposalLists& lists) {
    set_if(lists.encryption,
           as_array(table.get(rules.keys.encryption), one_of(rules.encryption, ike::parse_encr)));
    set_if(lists.integrity,
           as_array(table.get(rules.keys.integrity), one_of(rules.integrity, ike::parse_integ)));
    set_if(lists.dh_groups, as_array(table.get(rules.keys.dh_groups), one_of(rules.dh_groups)));
}

}  // namespace vpnsim::scenario::detail
