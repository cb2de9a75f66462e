// DOC: the IPsec data-plane checks of RFC 4301 §5.1 and §5.2, as pure functions.
// Outbound: a packet routed into the tunnel is protected only if it matches the CHILD_SA's
// selectors (source in the local TS, destination in the remote TS); otherwise it is discarded
// -- this is how BGP between the APIPA peers dies when the selectors were narrowed.
// Inbound: after decryption the inner packet must match the SA's selectors the other way round
// (RFC 4301 §5.2 step 4), or it is dropped.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

#include "models/ipsec/traffic_selector.hpp"
#include "models/net/packet.hpp"

namespace vpnsim::ipsec {

enum class Verdict : std::uint8_t { Pass, NoSa, SelectorMismatch };
std::string_view to_string(Verdict v);  // "pass", "no-child-sa", "selector-mismatch"

struct SaSelectors {
    const TsList* local{nullptr};
    const TsList* remote{nullptr};
};

// sa.local == nullptr means no CHILD_SA is installed.
Verdict check_outbound(SaSelectors sa, const net::InnerPacket& p);
Verdict check_inbound(SaSelectors sa, const net::InnerPacket& p);

// RFC 4301 §5.1 outbound SPD lookup over several CHILD_SAs (a policy-based peer's one per
// proxy-ID pair): the first SA, in the order given, whose selectors match. `index` names it
// when verdict is Pass; otherwise verdict is NoSa (none installed) or SelectorMismatch.
struct Lookup {
    Verdict verdict{Verdict::NoSa};
    std::size_t index{0};
};
Lookup lookup_outbound(std::span<const SaSelectors> sas, const net::InnerPacket& p);

}  // namespace vpnsim::ipsec
