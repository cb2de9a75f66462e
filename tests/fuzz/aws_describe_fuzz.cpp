// Fuzz harness: the describe-vpn-connections reader (sim/import/aws_describe.hpp) on arbitrary
// bytes. A document must read as connections or be refused with diagnostics located in it --
// never a crash or an exception escaping -- and every connection read must be a valid [aws]:
// written as TOML and loaded again, it is the same (positions in the text aside). Built as a
// libFuzzer target with VPNSIM_FUZZ=ON (tools/fuzz), and as a corpus-replay program for the test
// suite (seeds: the bundled describe-vpn-connections documents).
#include <cstddef>
#include <cstdint>
#include <string>
#include <variant>

#include "sim/import/aws_describe.hpp"
#include "sim/import/generic_cgw.hpp"
#include "sim/scenario/writer.hpp"
#include "tests/fuzz/fuzz_check.hpp"

using namespace vpnsim;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    const auto read = import::read_aws_describe(text, "in.json");
    if (const auto* errors = std::get_if<std::vector<scenario::Diagnostic>>(&read)) {
        VPNSIM_FUZZ_CHECK(!errors->empty());
        for (const auto& e : *errors) VPNSIM_FUZZ_CHECK(e.file == "in.json" && e.line >= 1);
        return 0;
    }
    for (const auto& aws : std::get<import::AwsImport>(read).connections) {
        const auto s = import::generic_scenario(aws);  // throws (a bug) if it does not load
        VPNSIM_FUZZ_CHECK(s.aws == aws);
        const auto again = scenario::load_string(scenario::to_toml(s), "again.toml");
        VPNSIM_FUZZ_CHECK(again.scenario);
        VPNSIM_FUZZ_CHECK(scenario::without_position(*again.scenario).aws ==
                          scenario::without_position(s).aws);
    }
    return 0;
}
