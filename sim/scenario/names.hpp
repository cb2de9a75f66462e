// DOC: the words a scenario file uses for enum values, in one place: the loader reads them
// (as_enum) and the writer writes them (name_of), so the two cannot drift apart.
#pragma once

#include <array>
#include <string_view>

#include "sim/scenario/scenario.hpp"

namespace vpnsim::scenario::detail {

template <class T>
struct Named {
    std::string_view name;
    T value;
};

inline constexpr std::array<Named<GatewayType>, 2> kGateways{
    {{"vgw", GatewayType::Vgw}, {"tgw", GatewayType::Tgw}}};
inline constexpr std::array<Named<Routing>, 2> kRoutings{
    {{"dynamic", Routing::Dynamic}, {"static", Routing::Static}}};
inline constexpr std::array<Named<int>, 2> kIkeVersions{{{"ikev1", 1}, {"ikev2", 2}}};
inline constexpr std::array<Named<bool>, 2> kIkev1Modes{{{"main", false}, {"aggressive", true}}};
inline constexpr std::array<Named<DpdAction>, 3> kDpdActions{
    {{"clear", DpdAction::Clear}, {"none", DpdAction::None}, {"restart", DpdAction::Restart}}};
inline constexpr std::array<Named<TunnelPolicy>, 2> kTunnelPolicies{
    {{"route-based", TunnelPolicy::RouteBased}, {"policy-based", TunnelPolicy::PolicyBased}}};
inline constexpr std::array<Named<StartupAction>, 2> kStartupActions{
    {{"add", StartupAction::Add}, {"start", StartupAction::Start}}};
inline constexpr std::array<Named<NatMode>, 3> kNatModes{
    {{"none", NatMode::None}, {"static", NatMode::Static}, {"pat", NatMode::Pat}}};
inline constexpr std::array<Named<Block>, 4> kBlocks{{{"udp/500", Block::Udp500},
                                                      {"udp/4500", Block::Udp4500},
                                                      {"esp", Block::Esp},
                                                      {"tcp/179", Block::Tcp179}}};
inline constexpr std::array<Named<AsymmetricRouting>, 2> kAsymmetricRouting{
    {{"allow", AsymmetricRouting::Allow}, {"drop", AsymmetricRouting::Drop}}};
inline constexpr std::array<Named<CgwVendor>, 4> kCgwVendors{{{"generic", CgwVendor::Generic},
                                                              {"strongswan", CgwVendor::Strongswan},
                                                              {"cisco-ios", CgwVendor::CiscoIos},
                                                              {"junos", CgwVendor::Junos}}};
inline constexpr std::array<Named<CgwEvent::Kind>, 3> kCgwEventKinds{
    {{"reboot", CgwEvent::Kind::Reboot},
     {"silent", CgwEvent::Kind::Silent},
     {"set-psk", CgwEvent::Kind::SetPsk}}};
inline constexpr std::array<Named<FlowKind>, 3> kFlowKinds{
    {{"ping", FlowKind::Ping}, {"udp", FlowKind::Udp}, {"tcp", FlowKind::Tcp}}};

inline constexpr std::array<Named<Change::Kind>, 2> kChangeKinds{
    {{"modify-tunnel-options", Change::Kind::ModifyTunnelOptions},
     {"modify-vpn-options", Change::Kind::ModifyVpnOptions}}};

// The file's word for a value ("" if the table lacks it, which a test rules out).
template <class T, std::size_t N>
constexpr std::string_view name_of(const std::array<Named<T>, N>& names, T value) {
    for (const auto& n : names) {
        if (n.value == value) return n.name;
    }
    return "";
}

}  // namespace vpnsim::scenario::detail
