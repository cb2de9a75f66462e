#include <catch2/catch.hpp>

#include "sim/scenario/diagnostics.hpp"
#include "sim/scenario/loader.hpp"

using vpnsim::scenario::Diagnostic;
using vpnsim::scenario::detail::Diagnostics;

TEST_CASE("scenario - diagnostic format", "[scenario][diagnostics]") {
    const Diagnostic with_key{"scenarios/x.toml", 12, 5, "aws.tunnel[0].psk",
                              "must be 8 to 64 characters, got 5"};
    CHECK(with_key.to_string() ==
          "scenarios/x.toml:12:5: aws.tunnel[0].psk: must be 8 to 64 characters, got 5");
    // Whole-file problems have no key and print no empty key column.
    const Diagnostic without_key{"x.toml", 1, 1, "", "cannot read file"};
    CHECK(without_key.to_string() == "x.toml:1:1: cannot read file");
}

TEST_CASE("scenario - diagnostics are sorted and deduplicated", "[scenario][diagnostics]") {
    Diagnostics sink("f.toml");
    sink.add(9, 1, "c", "third");
    sink.add(2, 7, "b", "second");
    sink.add(2, 3, "a", "first");
    sink.add(2, 7, "b2", "same place, reported later");
    sink.add(2, 7, "b", "second");  // exact duplicate
    std::vector<std::string> printed;
    for (const auto& d : sink.take()) printed.push_back(d.to_string());
    CHECK(printed == std::vector<std::string>{
                         "f.toml:2:3: a: first",
                         "f.toml:2:7: b: second",
                         "f.toml:2:7: b2: same place, reported later",
                         "f.toml:9:1: c: third",
                     });
}
