// [cgw] nat_keepalive_seconds, [path] nat_udp_timeout and loss: defaults, ranges and the
// keys they only make sense with, every message pinned.
#include <catch2/catch.hpp>

#include <string>

#include "scenario_test_util.hpp"
#include "sim/scenario/writer.hpp"

using namespace vpnsim;
using namespace vpnsim::scenario;
using namespace vpnsim::scenario::testing;

namespace {

// A [cgw] table; `extra` starts at line 3.
std::string cgw(std::string_view extra) {
    return "[cgw]\noutside_ip = \"198.51.100.1\"\n" + std::string(extra);
}

}  // namespace

TEST_CASE("scenario - cgw nat keepalive interval", "[scenario][cgw][nat]") {
    CHECK(load_ok("").cgw.nat_keepalive_seconds == 20);  // strongSwan's keep_alive default
    CHECK(load_ok(cgw("nat_keepalive_seconds = 0\n")).cgw.nat_keepalive_seconds == 0);
    CHECK(load_ok(cgw("nat_keepalive_seconds = 3600\n")).cgw.nat_keepalive_seconds == 3600);
    CHECK(errors(cgw("nat_keepalive_seconds = -1\n")) ==
          Lines{"t.toml:3:25: cgw.nat_keepalive_seconds: must be between 0 and 3600, got -1"});
    CHECK(errors(cgw("nat_keepalive_seconds = 3601\n")) ==
          Lines{"t.toml:3:25: cgw.nat_keepalive_seconds: must be between 0 and 3600, got 3601"});
    CHECK(errors(cgw("nat_keepalive_seconds = \"20s\"\n")) ==
          Lines{"t.toml:3:25: cgw.nat_keepalive_seconds: expected an integer, got string"});
    CHECK(errors(cgw("nat_keepalive_second = 20\n")) ==
          Lines{"t.toml:3:1: cgw.nat_keepalive_second: unknown key; did you mean "
                "'nat_keepalive_seconds'?"});
}

TEST_CASE("scenario - path nat udp timeout", "[scenario][path][nat]") {
    SECTION("defaults to 120 s (conntrack's udp stream timeout)") {
        CHECK(load_ok("[path]\nnat = \"pat\"\n").path.nat_udp_timeout == sec(120));
        CHECK(load_ok("").path.nat_udp_timeout == sec(120));
    }
    SECTION("a duration from 1 s to 24 h") {
        CHECK(load_ok("[path]\nnat = \"pat\"\nnat_udp_timeout = \"8s\"\n").path.nat_udp_timeout ==
              sec(8));
        CHECK(load_ok("[path]\nnat = \"pat\"\nnat_udp_timeout = \"5m\"\n").path.nat_udp_timeout ==
              sec(300));
        CHECK(errors("[path]\nnat = \"pat\"\nnat_udp_timeout = \"500ms\"\n") ==
              Lines{"t.toml:3:19: path.nat_udp_timeout: must be between 1s and 24h, got "
                    "\"500ms\""});
        CHECK(errors("[path]\nnat = \"pat\"\nnat_udp_timeout = 120\n") ==
              Lines{"t.toml:3:19: path.nat_udp_timeout: expected a string, got integer"});
    }
    SECTION("only behind a PAT: a static NAT's one-to-one mapping never expires") {
        CHECK(errors("[path]\nnat = \"static\"\nnat_udp_timeout = \"30s\"\n") ==
              Lines{"t.toml:3:19: path.nat_udp_timeout: only allowed when nat is \"pat\" (a "
                    "static NAT's mapping never expires)"});
        CHECK(errors("[path]\nnat_udp_timeout = \"30s\"\n") ==
              Lines{"t.toml:2:19: path.nat_udp_timeout: only allowed when nat is \"pat\" (a "
                    "static NAT's mapping never expires)"});
    }
}

TEST_CASE("scenario - path loss", "[scenario][path]") {
    CHECK(load_ok("").path.loss == 0.0);
    CHECK(load_ok("[path]\nloss = 0.05\n").path.loss == 0.05);
    CHECK(load_ok("[path]\nloss = 0\n").path.loss == 0.0);  // the integer 0 reads as none
    CHECK(load_ok("[path]\nloss = 0.999\n").path.loss == 0.999);
    CHECK(errors("[path]\nloss = 1.0\n") ==
          Lines{"t.toml:2:8: path.loss: must be at least 0 and less than 1, got 1"});
    CHECK(errors("[path]\nloss = -0.01\n") ==
          Lines{"t.toml:2:8: path.loss: must be at least 0 and less than 1, got -0.01"});
    CHECK(errors("[path]\nloss = nan\n") ==
          Lines{"t.toml:2:8: path.loss: must be at least 0 and less than 1, got nan"});
    CHECK(errors("[path]\nloss = 1\n") ==
          Lines{"t.toml:2:8: path.loss: expected a float, got integer"});
    CHECK(errors("[path]\nloss = \"5%\"\n") ==
          Lines{"t.toml:2:8: path.loss: expected a float, got string"});
}

TEST_CASE("scenario - writer keeps the NAT and loss keys", "[scenario][writer][nat]") {
    const Scenario s = load_ok(cgw("nat_keepalive_seconds = 7\n") +
                               "[path]\nnat = \"pat\"\nnat_udp_timeout = \"45s\"\nloss = 0.0125\n");
    const auto written = to_toml(s);
    CHECK(written.find("nat_keepalive_seconds = 7\n") != std::string::npos);
    CHECK(written.find("nat_udp_timeout = \"45s\"\n") != std::string::npos);
    CHECK(written.find("loss = 0.0125\n") != std::string::npos);
    auto again = load_string(written, "t.toml");
    REQUIRE(again.scenario);
    CHECK(again.scenario->cgw.nat_keepalive_seconds == 7);
    CHECK(again.scenario->path.nat_udp_timeout == sec(45));
    CHECK(again.scenario->path.loss == 0.0125);
    SECTION("without a PAT or loss, neither key is written (the loader would refuse the first)") {
        auto plain = s;
        plain.path.nat = NatMode::Static;
        plain.path.loss = 0.0;
        const auto text = to_toml(plain);
        CHECK(text.find("nat_udp_timeout") == std::string::npos);
        CHECK(text.find("loss") == std::string::npos);
        CHECK(load_string(text, "t.toml").scenario.has_value());
    }
}
