// AWS's maximum MTU / MSS by algorithm set (aws-facts.md "The CGW side AWS expects").
#include <catch2/catch.hpp>

#include "models/aws/tunnel_mtu.hpp"

using namespace vpnsim;
using ike::Encr;
using ike::Integ;

TEST_CASE("aws - tunnel MTU and MSS by algorithms and NAT-T, as AWS's table", "[aws][mtu]") {
    struct Row {
        ike::Chosen esp;
        int mtu;
        int mtu_nat_t;
    };
    const Row rows[] = {
        {{Encr::Aes128Gcm16, std::nullopt, 0}, 1446, 1438},
        {{Encr::Aes256Gcm16, std::nullopt, 14}, 1446, 1438},
        {{Encr::Aes128, Integ::Sha1, 0}, 1438, 1422},
        {{Encr::Aes256, Integ::Sha2_256, 0}, 1438, 1422},
        {{Encr::Aes128, Integ::Sha2_384, 0}, 1422, 1422},
        {{Encr::Aes256, Integ::Sha2_512, 0}, 1422, 1406},
    };
    for (const auto& r : rows) {
        CAPTURE(ike::to_string(r.esp.encr), r.esp.integ ? ike::to_string(*r.esp.integ) : "-");
        const auto plain = aws::tunnel_mtu(r.esp, false);
        const auto nat_t = aws::tunnel_mtu(r.esp, true);
        CHECK(plain.mtu == r.mtu);
        CHECK(nat_t.mtu == r.mtu_nat_t);
        CHECK(plain.mss == r.mtu - 40);  // IPv4 and TCP headers
        CHECK(nat_t.mss == r.mtu_nat_t - 40);
    }
}
