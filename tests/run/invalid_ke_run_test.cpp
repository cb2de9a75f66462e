// RFC 7296 §1.2 / §1.3 in a whole run: an IKE_SA_INIT whose KE payload is for a group the
// responder does not choose costs one round trip, seen in the trace and in AWS's IKE log.
#include <catch2/catch.hpp>

#include <algorithm>

#include "sim/run/world.hpp"
#include "sim/scenario/loader.hpp"
#include "tests/run/scenario_text.hpp"

using namespace vpnsim;

namespace {

std::size_t count_lines(const run::RunResult& r, std::string_view needle) {
    const auto text = r.trace.render();
    std::size_t n = 0;
    for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++n;
    return n;
}

}  // namespace

TEST_CASE("run - INVALID_KE_PAYLOAD in IKE_SA_INIT costs one round trip (RFC 7296 §1.2)",
          "[run][ike]") {
    testing::HealthyParams p;
    p.tunnels = 1;
    auto loaded = scenario::load_string(testing::healthy_toml(p), "t.toml");
    REQUIRE(loaded.scenario);
    auto s = *loaded.scenario;
    const auto plain = run::simulate(s);
    REQUIRE(plain.tunnels[0].ike_up_at);

    // The CGW offers groups 20 and 14 with KE for 20; AWS takes the first of its own list the
    // CGW offers, 14, and asks for it.
    s.cgw.tunnels[0].phase1.dh_groups = {20, 14};
    const auto r = run::simulate(s);
    REQUIRE(r.tunnels[0].status.up);
    CHECK(count_lines(r,
                      "node=aws-t1 fsm=ike Idle -(RecvInitRequest)-> Idle "
                      "reason=invalid-ke-payload KE group 20 but group 14 chosen") == 1);
    CHECK(count_lines(r,
                      "node=cgw-t1 fsm=ike InitSent -(RecvInitResponse)-> InitSent "
                      "reason=peer-invalid-ke-payload peer wants KE group 14") == 1);
    const auto& log = r.tunnels[0].logs.ike;
    CHECK(std::count_if(log.begin(), log.end(), [](const auto& e) {
              return e.details == "AWS tunnel processed request (id=0) for IKE_SA_INIT";
          }) == 2);
    // One more round trip: the path's 15 ms each way, twice.
    CHECK(*r.tunnels[0].ike_up_at - *plain.tunnels[0].ike_up_at == ms(30));
}
