// The training catalogue as the quiz reads it (sim/train/catalogue): which scenarios are
// questions, how hard they are, and the answers -- all derived from the simulation.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>

#include "sim/import/files.hpp"
#include "sim/train/aws_view.hpp"
#include "sim/train/catalogue.hpp"

using namespace vpnsim;

namespace {

const train::Catalogue& training() {
    static const auto loaded = [] {
        scenario::LoadOptions options;
        options.references = import::file_references(options.max_file_bytes);
        return train::load_catalogue(std::string(VPNSIM_SOURCE_DIR) + "/scenarios/training",
                                     options);
    }();
    return loaded.catalogue;
}

const train::Entry& entry(const std::string& stem) {
    const auto& c = training();
    const auto it = std::find_if(c.entries.begin(), c.entries.end(),
                                 [&](const train::Entry& e) { return e.stem == stem; });
    REQUIRE(it != c.entries.end());
    return *it;
}

}  // namespace

TEST_CASE("train catalogue - the broken scenarios are the questions", "[train][catalogue]") {
    const auto& c = training();
    REQUIRE(c.entries.size() >= 74);
    for (const auto& e : c.entries) {
        CAPTURE(e.stem);
        // Decided by the simulation; the file names only agree with it.
        CHECK(e.question() == !e.stem.ends_with("-fixed"));
    }
    // Incidents: codes named on runs that end healthy (the twins' outages, reboots, changes).
    CHECK(std::find(c.incidents.begin(), c.incidents.end(), "bgp.hold-timer-expired") !=
          c.incidents.end());
    CHECK(std::find(c.incidents.begin(), c.incidents.end(), "ike.psk-mismatch") ==
          c.incidents.end());
}

TEST_CASE("train catalogue - difficulty is read off the run", "[train][catalogue]") {
    CHECK(entry("psk-mismatch").level == train::Difficulty::Easy);
    CHECK(entry("bgp-peer-as-mismatch").level == train::Difficulty::Easy);
    // Every tunnel UP, traffic failing: AWS's status gives nothing away.
    CHECK(entry("asymmetric-routing-cgw-drops").features.silent);
    CHECK(entry("asymmetric-routing-cgw-drops").level == train::Difficulty::Medium);
    // Lossy path, several causes.
    CHECK(entry("path-heavy-loss").features.lossy);
    CHECK(entry("path-heavy-loss").level == train::Difficulty::Hard);
    // Fails only at a rekey or lifetime, long after coming up.
    CHECK(entry("rekey-pfs-group-mismatch").features.late);
    CHECK(entry("rekey-pfs-group-mismatch").level == train::Difficulty::Hard);
    CHECK(entry("dpd-peer-dead-clear").level == train::Difficulty::Hard);
}

TEST_CASE("train catalogue - answers come from diagnose and the fix search", "[train][catalogue]") {
    const auto& c = training();
    SECTION("one cause, one cheap fix") {
        const auto t = train::derive_truth(entry("psk-mismatch"), c.incidents);
        CHECK(t.key == "ike.psk-mismatch");
        REQUIRE(t.cheapest);
        CHECK(*t.cheapest == train::FixSet{"cgw.psk-match-aws"});
    }
    SECTION("the fault, not the incidents before it") {
        const auto t = train::derive_truth(entry("cgw-psk-changed-then-reboot"), c.incidents);
        CHECK(t.causes.front() == "bgp.hold-timer-expired");
        CHECK(t.key == "ike.psk-mismatch");
    }
    SECTION("only the stale SA goes away with the fix") {
        const auto t = train::derive_truth(entry("dpd-peer-dead-clear"), c.incidents);
        CHECK(t.key == "ipsec.stale-sa");
        REQUIRE(t.cheapest);
        CHECK(*t.cheapest == train::FixSet{"cgw.enable-dpd"});
        CHECK(t.working.size() >= 2);  // AWS's DPD restart works too, at a higher cost
    }
    SECTION("nothing in the catalogue fixes a lossy path") {
        const auto t = train::derive_truth(entry("path-heavy-loss"), c.incidents);
        CHECK(t.key == "path.packet-loss");
        CHECK_FALSE(t.cheapest);
    }
}

TEST_CASE("train catalogue - the AWS view hides the scenario", "[train][catalogue]") {
    for (const auto& e : training().entries) {
        if (!e.question()) continue;
        CAPTURE(e.stem);
        const auto view = train::aws_view(e.s, e.r);
        CHECK(view.find(e.s.name) == std::string::npos);
        CHECK(view.find(e.s.summary) == std::string::npos);
        CHECK(view.find("trace") == std::string::npos);
        CHECK(view.find("VgwTelemetry") != std::string::npos);
        CHECK(view.find("Status") != std::string::npos);
    }
}
