// Trace details are rendered when the trace is read, long after the event: whatever a record's
// text refers to must still exist then (models/common/deferred_text.hpp).
#include <catch2/catch.hpp>

#include "sim/run/world.hpp"
#include "sim/scenario/loader.hpp"

using namespace vpnsim;

TEST_CASE("trace - a BGP refusal's detail is readable after the run (found by the run fuzzer)",
          "[run][trace]") {
    // A lossy path where a retransmitted SYN meets a session already in OpenSent: AWS answers
    // RST "session already in OpenSent" (or OpenConfirm), a detail once kept as a view of a
    // temporary string.
    auto loaded =
        scenario::load_file(std::string(VPNSIM_SOURCE_DIR) +
                            "/tests/fuzz/regressions/use-after-free-bgp-refusal-detail.toml");
    REQUIRE(loaded.scenario);
    // The loss's draw decides whether a SYN meets such a session: the first seed that does.
    auto s = *loaded.scenario;
    std::string text;
    std::size_t at = std::string::npos;
    for (std::uint64_t seed = 1; seed <= 20 && at == std::string::npos; ++seed) {
        s.seed = seed;
        text = run::simulate(s).trace.render();
        at = text.find("reason=session-exists 169.254.10.2:");
    }
    REQUIRE(at != std::string::npos);
    const auto line = text.substr(at, text.find('\n', at) - at);
    CHECK(line.find(" -> port 179, session already in Open") != std::string::npos);
}
