// Helpers for run-level tests that edit generated scenario text and read the trace.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "sim/run/world.hpp"
#include "sim/scenario/loader.hpp"

namespace vpnsim::testing {

// Adds `lines` to every [[aws.tunnel]] (aws = true) or [[cgw.tunnel]] table of the text.
inline std::string with_tunnel_keys(std::string text, bool aws, const std::string& lines) {
    const auto cgw_at = text.find("\n[cgw]\n");
    const std::size_t from = aws ? 0 : cgw_at;
    const std::size_t to = aws ? cgw_at : text.size();
    std::string part = text.substr(from, to - from);
    std::string out;
    std::size_t pos = 0;
    while (true) {
        const auto psk = part.find("\npsk = ", pos);
        if (psk == std::string::npos) break;
        const auto eol = part.find('\n', psk + 1);
        out += part.substr(pos, eol + 1 - pos) + lines;
        pos = eol + 1;
    }
    out += part.substr(pos);
    return text.substr(0, from) + out + text.substr(to);
}

inline std::optional<run::RunResult> simulate(const std::string& text) {
    auto loaded = scenario::load_string(text, "generated.toml");
    if (!loaded.scenario) return std::nullopt;
    return run::simulate(*loaded.scenario);
}

// How often a BGP FSM entered and left Established, from the trace.
struct BgpHistory {
    int entered{0};
    int left{0};
};

inline BgpHistory bgp_history(const run::RunResult& r, std::string_view node) {
    BgpHistory h;
    for (const auto& rec : r.trace.records()) {
        if (rec.node != node || rec.fsm != "bgp" || rec.from == rec.to) continue;
        if (rec.to == "Established") ++h.entered;
        if (rec.from == "Established") ++h.left;
    }
    return h;
}

inline int count(const run::RunResult& r, std::string_view fsm, std::string_view reason) {
    int n = 0;
    for (const auto& rec : r.trace.records()) n += rec.fsm == fsm && rec.reason == reason;
    return n;
}

}  // namespace vpnsim::testing
