// Hostile and broken input (issue 11): errors through absent keys, echoed text, the size cap,
// single tables where arrays of tables belong, and the suggestion search on huge keys.
#include <catch2/catch.hpp>

#include <fstream>
#include <string>

#include "scenario_test_util.hpp"
#include "sim/scenario/diagnostics.hpp"
#include "sim/scenario/loader.hpp"
#include "sim/scenario/suggest.hpp"

using namespace vpnsim::scenario;
using vpnsim::scenario::testing::load;

namespace {

std::vector<std::string> messages(const LoadResult& r) {
    std::vector<std::string> out;
    for (const auto& d : r.diagnostics) out.push_back(d.to_string());
    return out;
}

bool mentions(const LoadResult& r, std::string_view text) {
    for (const auto& d : r.diagnostics) {
        if (d.to_string().find(text) != std::string::npos) return true;
    }
    return false;
}

}  // namespace

TEST_CASE("scenario - a [[change]] without its keys is reported at its table",
          "[scenario][hostile]") {
    // Regression: reading the change reported "the connection has 0 tunnel(s)" through the
    // absent `tunnel` key and crashed (SIGSEGV) on an 11-byte file.
    const auto alone = load_string("[[change]]\n", "c.toml");
    CHECK_FALSE(alone.scenario);
    CHECK(messages(alone) == std::vector<std::string>{
                                 "c.toml:1:1: scenario: missing required key",
                                 "c.toml:1:1: aws: missing required key",
                                 "c.toml:1:1: cgw: missing required key",
                                 "c.toml:1:1: change[0].at: missing required key",
                                 "c.toml:1:1: change[0].action: missing required key",
                             });
    const auto typo = load_string(R"([scenario]
name = "x"
[aws]
[[aws.tunnels]]
[cgw]
outside_ip = "198.51.100.1"
[[change]]
at = "1m"
action = "modify-tunnel-options"
dpd_timeout_seconds = 40
)",
                                  "t.toml");
    CHECK_FALSE(typo.scenario);
    CHECK(mentions(typo, "t.toml:4:7: aws.tunnels: unknown key; did you mean 'tunnel'?"));
    CHECK_FALSE(mentions(typo, "dpd_timeout_seconds"));  // still read, over defaults
    CHECK_FALSE(mentions(typo, "change[0].tunnel"));
}

TEST_CASE("scenario - a single table where an array of tables belongs", "[scenario][hostile]") {
    const auto r = load(R"(
[aws]
[aws.tunnel]
outside_ip = "203.0.113.10"
)");
    CHECK(mentions(r,
                   "t.toml:2:1: aws.tunnel: expected an array of tables, got a table; write "
                   "[[aws.tunnel]] (double brackets) for each entry"));
    const auto proxy = load(R"(
[cgw]
outside_ip = "198.51.100.1"
[[cgw.tunnel]]
peer = "203.0.113.10"
psk = "tunnel1.psk_value"
policy = "policy-based"
[cgw.tunnel.proxy_ids]
local = "10.0.0.0/16"
)");
    CHECK(mentions(proxy, "write [[cgw.tunnel.proxy_ids]] (double brackets)"));
}

TEST_CASE("scenario - echoed input is cut and made printable", "[scenario][hostile]") {
    using detail::printable;
    CHECK(printable("plain") == "plain");
    CHECK(printable("a\x1b[2Jb\x7f") == "a\\x1b[2Jb\\x7f");
    CHECK(printable(std::string(100, 'k'), 8) == "kkkkkkkk...(100 bytes)");
    // Never cuts a UTF-8 sequence in two: "é" is two bytes.
    CHECK(printable("aé", 2) == "a...(3 bytes)");

    const auto r = load("[aws]\nvpn_id = \"vpn-\\u001b]0;owned\\u0007\"\n" +
                        std::string(testing::kBaseAws.substr(6)));
    REQUIRE_FALSE(r.diagnostics.empty());
    for (const auto& d : r.diagnostics) {
        for (const char c : d.to_string()) CHECK(static_cast<unsigned char>(c) >= 0x20);
    }
    CHECK(mentions(r, "got \"vpn-\\x1b]0;owned\\x07\""));

    const std::string huge_key(1 << 20, 'q');
    const auto big = load("[scenario]\nname = \"t\"\n" + huge_key + " = 1\n");
    REQUIRE(big.diagnostics.size() == 1);
    CHECK(big.diagnostics[0].key.size() < 200);
    CHECK(big.diagnostics[0].message == "unknown key");
}

TEST_CASE("scenario - the suggestion search skips candidates by length", "[scenario][hostile]") {
    const std::vector<std::string_view> keys{"duration", "seed", "name", "summary"};
    CHECK(detail::closest_match("duraton", keys) == std::optional<std::string>("duration"));
    CHECK_FALSE(detail::closest_match(std::string(1 << 20, 'd'), keys));
    CHECK_FALSE(detail::closest_match("x", keys));
}

TEST_CASE("scenario - files are read within the size limit, or refused with a reason",
          "[scenario][hostile]") {
    const std::string path = "hostile_input_test_file.toml";
    {
        std::ofstream out(path, std::ios::binary);
        out << testing::document("");
    }
    CHECK(load_file(path).scenario);
    LoadOptions tight;
    tight.max_file_bytes = 16;
    const auto refused = load_file(path, tight);
    CHECK_FALSE(refused.scenario);
    REQUIRE(refused.diagnostics.size() == 1);
    CHECK(refused.diagnostics[0].message.find("over the 16-byte limit for a scenario") !=
          std::string::npos);
    std::remove(path.c_str());
    const auto missing = load_file(path);
    REQUIRE(missing.diagnostics.size() == 1);
    CHECK(missing.diagnostics[0].to_string() ==
          "hostile_input_test_file.toml:1:1: cannot read file: no such file");
    CHECK(load_file(".").diagnostics.at(0).message == "cannot read file: is a directory");
}
