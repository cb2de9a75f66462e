// Fuzz harness: `vpnsim explore merge`'s reader (sim/explore/output.hpp) on arbitrary bytes.
// A shard file must read as a report or be refused with "file:line: why" -- never a crash or
// an exception escaping -- and what reads must merge, print in every format, and read back
// from its own JSON lines as the same report (so merge is stable). Built as a libFuzzer
// target with VPNSIM_FUZZ=ON (tools/fuzz), and as a corpus-replay program for the test suite.
#include <cstddef>
#include <cstdint>
#include <string>
#include <variant>

#include "sim/explore/output.hpp"
#include "tests/fuzz/fuzz_check.hpp"

using namespace vpnsim;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    const auto read = explore::read_jsonl(text, "shard.jsonl");
    if (const auto* error = std::get_if<std::string>(&read)) {
        VPNSIM_FUZZ_CHECK(error->rfind("shard.jsonl", 0) == 0);
        return 0;
    }
    const auto& report = std::get<explore::Report>(read);
    const auto merged = explore::merge({report}, {"shard.jsonl"});
    if (!std::holds_alternative<explore::Report>(merged)) return 0;  // an example is missing
    const auto& m = std::get<explore::Report>(merged);
    (void)explore::format_text(m, {});
    (void)explore::format_json(m);
    const auto lines = explore::format_jsonl(m);
    const auto again = explore::read_jsonl(lines, "again.jsonl");
    VPNSIM_FUZZ_CHECK(std::holds_alternative<explore::Report>(again));
    VPNSIM_FUZZ_CHECK(explore::format_jsonl(std::get<explore::Report>(again)) == lines);
    return 0;
}
