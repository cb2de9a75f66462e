// Trace details are rendered when the trace is read, long after the event: whatever a record's
// text refers to must still exist then (models/common/deferred_text.hpp).
#include <catch2/catch.hpp>

#include "sim/run/world.hpp"
#include "sim/scenario/loader.hpp"

using namespace vpnsim;

TEST_CASE("trace - a BGP refusal's detail is readable after the run (found by the run fuzzer)",
          "[run][trace]") {
    // A lossy path where a retransmitted SYN meets a session already in OpenSent: AWS answers
    // RST "session already in OpenSent", a detail once kept as a view of a temporary string.
    auto loaded =
        scenario::load_file(std::string(VPNSIM_SOURCE_DIR) +
                            "/tests/fuzz/regressions/use-after-free-bgp-refusal-detail.toml");
    REQUIRE(loaded.scenario);
    const auto r = run::simulate(*loaded.scenario);
    const auto text = r.trace.render();
    CHECK(text.find("reason=session-exists 169.254.10.2:60370 -> port 179, session already in "
                    "OpenSent\n") != std::string::npos);
}
