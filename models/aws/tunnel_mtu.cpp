#include "models/aws/tunnel_mtu.hpp"

namespace vpnsim::aws {

// | algorithms                 | without NAT-T | with NAT-T  |
// | AES-GCM-16                 | 1446 / 1406   | 1438 / 1398 |
// | AES-CBC + SHA1 or SHA2-256 | 1438 / 1398   | 1422 / 1382 |
// | AES-CBC + SHA2-384         | 1422 / 1382   | 1422 / 1382 |
// | AES-CBC + SHA2-512         | 1422 / 1382   | 1406 / 1366 |
// AWS offers no other phase 2 algorithms, so nothing else is negotiated with it; a legacy
// cipher (3DES, DES, AES192) or MD5 is taken as AES-CBC + SHA1 is.
TunnelMtu tunnel_mtu(const ike::Chosen& esp, bool udp_encapsulated) {
    int mtu = 0;
    if (ike::is_aead(esp.encr)) {
        mtu = udp_encapsulated ? 1438 : 1446;
    } else if (esp.integ == ike::Integ::Sha2_384) {
        mtu = 1422;
    } else if (esp.integ == ike::Integ::Sha2_512) {
        mtu = udp_encapsulated ? 1406 : 1422;
    } else {
        mtu = udp_encapsulated ? 1422 : 1438;
    }
    return {mtu, mtu - 40};
}

}  // namespace vpnsim::aws
