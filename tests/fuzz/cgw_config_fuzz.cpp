// Fuzz harness: the CGW configuration readers (sim/import/cgw_*.cpp), the template renderer and
// the assembly, on arbitrary bytes. The dialect is the one the text looks like, else the first
// byte picks one, so every reader sees every input shape. Whatever a reader makes of the text
// -- settings, warnings, errors -- must be located inside it, and a draft without errors must
// assemble into a CGW or be refused with located diagnostics: never a crash, a hang or an
// exception escaping. Built as a libFuzzer target with VPNSIM_FUZZ=ON (tools/fuzz), and as a
// corpus-replay program for the test suite (seeds: the bundled templates).
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <variant>

#include "sim/import/cgw_assemble.hpp"
#include "sim/import/template.hpp"
#include "sim/scenario/loader.hpp"
#include "tests/fuzz/fuzz_check.hpp"

using namespace vpnsim;

namespace {

constexpr const char* kFile = "cgw.conf";

const scenario::Aws& aws() {
    static const scenario::Aws side = [] {
        const auto r = scenario::load_string(R"([scenario]
name = "fuzz"
[aws]
[[aws.tunnel]]
outside_ip = "203.0.113.10"
inside_cidr = "169.254.10.0/30"
psk = "psk_one_key"
[[aws.tunnel]]
outside_ip = "203.0.113.20"
inside_cidr = "169.254.10.4/30"
psk = "psk_two_key"
[cgw]
outside_ip = "198.51.100.10"
)",
                                             "fuzz.toml");
        return r.scenario->aws;
    }();
    return side;
}

bool inside(const import::SourcePos& at, int lines) {
    return at.line >= 1 && at.line <= lines && at.column >= 1;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    const int lines = static_cast<int>(std::count(text.begin(), text.end(), '\n')) + 1;
    const auto rendered = import::render_template(text, kFile, import::template_values(aws()));
    if (const auto* r = std::get_if<import::Rendered>(&rendered)) {
        VPNSIM_FUZZ_CHECK(std::count(r->text.begin(), r->text.end(), '\n') == lines - 1);
    }
    auto dialect = import::detect_dialect("", text);
    if (!dialect) dialect = static_cast<import::Dialect>(size == 0 ? 0 : data[0] % 6);
    const auto draft = import::read_cgw_config(*dialect, text, kFile);
    for (const auto& e : draft.errors) {
        VPNSIM_FUZZ_CHECK(e.file == kFile);
        VPNSIM_FUZZ_CHECK(e.line >= 1 && e.line <= lines);
    }
    for (const auto& s : draft.cgw) VPNSIM_FUZZ_CHECK(inside(s.at, lines));
    for (const auto& t : draft.tunnels) {
        for (const auto& s : t.settings) VPNSIM_FUZZ_CHECK(inside(s.at, lines));
    }
    if (!draft.errors.empty()) return 0;
    const auto assembled = import::assemble_cgw(aws(), {draft});
    if (const auto* errors = std::get_if<std::vector<scenario::Diagnostic>>(&assembled)) {
        VPNSIM_FUZZ_CHECK(!errors->empty());
    }
    return 0;
}
