#include <catch2/catch.hpp>

#include "models/aws/tunnel_status.hpp"
#include "sim/aws/clock.hpp"

using vpnsim::aws::tunnel_status;
using vpnsim::aws::TunnelFacts;

TEST_CASE("aws - tunnel Status and StatusMessage (seed article)", "[aws][status]") {
    // "A dynamic tunnel is UP only when both IPsec and BGP are up."
    CHECK(tunnel_status({true, false, false, 0}).message == "IPSEC IS DOWN");
    CHECK_FALSE(tunnel_status({true, true, false, 0}).up);
    CHECK(tunnel_status({true, true, false, 0}).message == "IPSEC IS UP");
    CHECK(tunnel_status({true, true, true, 3}).up);
    CHECK(tunnel_status({true, true, true, 3}).message == "3 BGP ROUTES");
    // "plural always", and UP with nothing received.
    CHECK(tunnel_status({true, true, true, 1}).message == "1 BGP ROUTES");
    CHECK(tunnel_status({true, true, true, 0}).status() == "UP");
    // "A static tunnel is UP when IPsec is up."
    CHECK(tunnel_status({false, true, false, 0}).up);
    CHECK(tunnel_status({false, false, false, 0}).status() == "DOWN");
}

TEST_CASE("aws - simulated time maps to fixed wall-clock fields", "[aws][clock]") {
    using vpnsim::sec;
    CHECK(vpnsim::aws::iso8601(sec(0)) == "2023-01-09T08:15:00+00:00");
    CHECK(vpnsim::aws::epoch_seconds(sec(38)) == 1673252138);  // the seed's log line
    CHECK(vpnsim::aws::iso8601(sec(86400 * 366)) == "2024-01-10T08:15:00+00:00");  // leap year
    CHECK(vpnsim::aws::log_timestamp(vpnsim::ms(1045)) == "2023-01-09 08:15:01.045Z");
}
