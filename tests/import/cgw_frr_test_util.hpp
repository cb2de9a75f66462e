// Helpers shared by the frr reader tests (split from one file).
#pragma once

#include <fmt/format.h>
#include <catch2/catch.hpp>

#include <string>
#include <string_view>
#include <vector>

#include "sim/import/cgw_draft.hpp"
#include "tests/import/reader_test_util.hpp"

using namespace vpnsim;
using vpnsim::import::CgwDraft;
using vpnsim::import::DraftTunnel;
using vpnsim::import::Setting;
using vpnsim::import::SourcePos;

namespace vpnsim_frr_test {

using vpnsim::import::testing::errors;
using vpnsim::import::testing::item;
using vpnsim::import::testing::listed;
using vpnsim::import::testing::pos;

inline std::string sample(const std::string& name) {
    return vpnsim::import::testing::template_sample("frr", name);
}

inline int line_of(std::string_view text, std::string_view line) {
    return pos(text, line, line).line;
}

inline std::string tunnel(const DraftTunnel& t) {
    return fmt::format("{} ipsec={} inside={} @{}:{}", t.name, t.ipsec,
                       t.inside ? t.inside->to_string() : "-", t.at.line, t.at.column);
}
inline std::string warning(int line, std::string_view what) {
    return fmt::format("frr.conf:{}: {} not modelled", line, what);
}

inline CgwDraft read(std::string_view text) {
    return import::read_frr(text, "frr.conf");
}

// A healthy two-neighbor router with `extra` added inside `router bgp`.
inline std::string router(std::string_view extra, std::string_view after = "") {
    return fmt::format(
        "router bgp 65000\n"
        " neighbor 169.254.10.1 remote-as 64512\n"
        " neighbor 169.254.11.1 remote-as 64512\n"
        "{}"
        " address-family ipv4 unicast\n"
        "  network 10.0.0.0/16\n"
        "  network 10.1.0.0/16\n"
        " exit-address-family\n"
        "exit\n"
        "{}",
        extra, after);
}

}  // namespace vpnsim_frr_test

using namespace vpnsim_frr_test;  // NOLINT(google-build-using-namespace)
