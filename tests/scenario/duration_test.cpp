#include <catch2/catch.hpp>

#include "sim/scenario/duration.hpp"
#include "sim/scenario/loader.hpp"

using vpnsim::ms;
using vpnsim::sec;
using vpnsim::SimTime;
using vpnsim::scenario::parse_duration;
using vpnsim::scenario::detail::format_duration;

TEST_CASE("scenario - parse_duration accepts unit sequences", "[scenario][duration]") {
    CHECK(parse_duration("250ms") == ms(250));
    CHECK(parse_duration("30s") == sec(30));
    CHECK(parse_duration("10m") == sec(600));
    CHECK(parse_duration("2h") == sec(7200));
    CHECK(parse_duration("1m30s") == sec(90));
    CHECK(parse_duration("1h1m1s1ms") == sec(3661) + ms(1));
    CHECK(parse_duration("0s") == SimTime{0});
    CHECK(parse_duration("1m1ms") == sec(60) + ms(1));  // "m" then "1ms", not "m" + "s"
}

TEST_CASE("scenario - parse_duration rejects malformed text", "[scenario][duration]") {
    const char* bad = GENERATE("", "30", "-5s", "+5s", "1.5s", "s", "5d", "5 s", " 5s", "5S", "5sx",
                               "1m30", "ms5");
    CAPTURE(bad);
    CHECK_FALSE(parse_duration(bad).has_value());
}

TEST_CASE("scenario - parse_duration rejects overflow", "[scenario][duration]") {
    CHECK_FALSE(parse_duration("99999999999999999999s").has_value());   // the number itself
    CHECK_FALSE(parse_duration("9223372037s").has_value());             // number x unit
    CHECK_FALSE(parse_duration("9223372036s9223372036s").has_value());  // the sum
    CHECK(parse_duration("9223372036s") == sec(9223372036));
}

TEST_CASE("scenario - format_duration writes the parse notation", "[scenario][duration]") {
    CHECK(format_duration(SimTime{0}) == "0s");
    CHECK(format_duration(ms(1)) == "1ms");
    CHECK(format_duration(sec(90)) == "1m30s");
    CHECK(format_duration(sec(24 * 3600)) == "24h");
    CHECK(format_duration(sec(3601) + ms(5)) == "1h1s5ms");
    CHECK(format_duration(SimTime{7}) == "7ns");
}
