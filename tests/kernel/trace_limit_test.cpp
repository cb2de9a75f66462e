// The trace keeps at most its limit of records and counts the rest (issue 11: a looping
// scenario must not take gigabytes).
#include <catch2/catch.hpp>

#include <string>

#include "sim/kernel/trace.hpp"

using vpnsim::SimTime;
using vpnsim::kernel::Trace;
using vpnsim::kernel::TraceRecord;

namespace {

TraceRecord record(int i) {
    return TraceRecord{SimTime(i), "cgw", "bgp", "", "drop", "", "test", "x"};
}

}  // namespace

TEST_CASE("trace - records past the limit are counted, not kept", "[kernel][trace]") {
    Trace t(3);
    for (int i = 0; i < 10; ++i) t.add(record(i));
    CHECK(t.records().size() == 3);
    CHECK(t.records().capacity() == 3);  // grown to the limit, never past it
    CHECK(t.dropped() == 7);
    CHECK(t.truncated());
    const auto text = t.render();
    CHECK(text.find("trace truncated after 3 records: 7 later records not kept (--trace-limit)\n") !=
          std::string::npos);
    CHECK(text.find("t=0.000s") != std::string::npos);
}

TEST_CASE("trace - a zero limit keeps nothing", "[kernel][trace]") {
    Trace t(0);
    t.add(record(1));
    CHECK(t.records().empty());
    CHECK(t.dropped() == 1);
}

TEST_CASE("trace - under the limit nothing changes", "[kernel][trace]") {
    Trace t;
    for (int i = 0; i < 1000; ++i) t.add(record(i));
    CHECK(t.records().size() == 1000);
    CHECK_FALSE(t.truncated());
    CHECK(t.render().find("truncated") == std::string::npos);
}
