#include <catch2/catch.hpp>

#include "sim/scenario/suggest.hpp"

using vpnsim::scenario::detail::closest_match;
using vpnsim::scenario::detail::edit_distance;

TEST_CASE("scenario - edit distance", "[scenario][suggest]") {
    CHECK(edit_distance("kitten", "sitting") == 3);
    CHECK(edit_distance("", "abc") == 3);
    CHECK(edit_distance("abc", "") == 3);
    CHECK(edit_distance("psk", "psk") == 0);
    CHECK(edit_distance("nmae", "name") == 2);  // a transposition is two edits
}

TEST_CASE("scenario - closest match threshold", "[scenario][suggest]") {
    const std::vector<std::string_view> keys{"name", "summary", "seed", "duration"};
    SECTION("within two edits") {
        CHECK(closest_match("nmae", keys) == "name");
    }
    SECTION("nothing close") {
        CHECK_FALSE(closest_match("colour", keys).has_value());
    }
    SECTION("ties go to the earlier key") {
        CHECK(closest_match("seex", {"seed", "seen"}) == "seed");
    }
    SECTION("long keys allow a third of their length") {
        // 3 edits, 20 characters: 20 / 3 = 6 allowed.
        CHECK(closest_match("phase1_lifetime_secs", {"phase1_lifetime_seconds"}) ==
              "phase1_lifetime_seconds");
        // 4 edits, 8 characters: only 2 allowed.
        CHECK_FALSE(closest_match("durxxxxx", {"duration"}).has_value());
    }
}
