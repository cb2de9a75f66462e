#include "sim/report/timeline.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "sim/report/markup.hpp"

namespace vpnsim::report {
namespace {

constexpr int kLabel = 150;  // lane names
constexpr int kWidth = 900;  // the time axis
constexpr int kLane = 20;
constexpr int kTop = 24;

// A colour class per state, by what it means for the tunnel: up, on the way, down, trouble.
std::string_view tone(std::string_view state) {
    if (state.starts_with("UP") || state == "established" || state == "Established") return "up";
    if (state.starts_with("DOWN") || state == "down" || state == "Idle" || state == "Closed" ||
        state == "-") {
        return "down";
    }
    if (state == "rekeying") return "rekey";
    return "busy";  // negotiating, Connect, Active, OpenSent, SynSent, ...
}

}  // namespace

std::vector<TimelineLane> timeline_lanes(const run::Capture& c, SimTime end,
                                         const TimeWindow& window) {
    std::vector<TimelineLane> lanes;
    for (const auto& l : c.lanes) lanes.push_back({l.node, std::string(l.machine), {}});
    const SimTime from = window.from;
    const SimTime to = std::min(end, window.to);
    for (const auto& ch : c.changes) {
        auto& spans = lanes[ch.lane].spans;
        if (!spans.empty()) spans.back().to = ch.t;
        spans.push_back({ch.t, end, ch.state});
    }
    for (auto& lane : lanes) {
        std::vector<Span> kept;
        for (auto s : lane.spans) {
            s.from = std::max(s.from, from);
            s.to = std::min(s.to, to);
            if (s.to > s.from || (s.to == s.from && s.from == to && kept.empty())) {
                kept.push_back(std::move(s));
            }
        }
        lane.spans = std::move(kept);
    }
    return lanes;
}

std::string timeline_svg(const std::vector<TimelineLane>& lanes, const TimeWindow& window) {
    SimTime t0 = window.from;
    SimTime t1 = t0;
    for (const auto& l : lanes) {
        for (const auto& s : l.spans) t1 = std::max(t1, s.to);
    }
    const double span = std::max(1e-9, std::chrono::duration<double>(t1 - t0).count());
    const auto x_of = [&](SimTime t) {
        return kLabel + kWidth * std::chrono::duration<double>(t - t0).count() / span;
    };
    const int height = kTop + kLane * static_cast<int>(lanes.size()) + 8;
    std::string out = fmt::format(
        R"(<svg xmlns="http://www.w3.org/2000/svg" class="timeline" width="{}" height="{}" )"
        R"(data-t0="{}" data-t1="{}" data-left="{}" data-width="{}">)"
        "\n",
        kLabel + kWidth + 10, height, seconds(t0), seconds(t1), kLabel, kWidth);
    // The axis: ten ticks.
    for (int i = 0; i <= 10; ++i) {
        const double x = kLabel + kWidth * i / 10.0;
        const auto t = t0 + std::chrono::duration_cast<SimTime>((t1 - t0) * i / 10);
        fmt::format_to(std::back_inserter(out),
                       R"(<g class="tick"><line x1="{:.1f}" y1="{}" x2="{:.1f}" y2="{}"/>)"
                       R"(<text x="{:.1f}" y="{}">{}s</text></g>)"
                       "\n",
                       x, kTop - 4, x, height, x, kTop - 8, seconds(t));
    }
    int y = kTop;
    std::string previous_node;
    for (const auto& lane : lanes) {
        fmt::format_to(std::back_inserter(out),
                       R"(<g class="lane" data-node="{}" data-machine="{}">)"
                       R"(<text class="lane-name{}" x="4" y="{}">)",
                       escaped(lane.node), escaped(lane.machine),
                       lane.node == previous_node ? "" : " first", y + 14);
        append_escaped(out, lane.node == previous_node ? "" : lane.node + " ");
        append_escaped(out, lane.machine);
        out += "</text>";
        previous_node = lane.node;
        // Spans under a pixel wide are drawn as one "N states" span, so a session flapping
        // for a day stays a page a browser opens (zoom in with --from/--to for the detail).
        std::vector<Span> drawn;
        for (std::size_t i = 0; i < lane.spans.size();) {
            std::size_t j = i;
            while (j < lane.spans.size() &&
                   x_of(lane.spans[j].to) - x_of(lane.spans[j].from) < 1.0) {
                ++j;
            }
            if (j - i >= 2) {
                drawn.push_back(
                    {lane.spans[i].from, lane.spans[j - 1].to, fmt::format("{} states", j - i)});
                i = j;
            } else {
                drawn.push_back(lane.spans[i]);
                i = std::max(i + 1, j);
            }
        }
        for (const auto& s : drawn) {
            const double x = x_of(s.from);
            const double w = std::max(1.0, x_of(s.to) - x);
            fmt::format_to(std::back_inserter(out),
                           R"(<rect class="span {}" x="{:.1f}" y="{}" width="{:.1f}" height="{}" )"
                           R"(data-t0="{}" data-t1="{}" data-state="{}"><title>{} {}: {} )"
                           R"(from {}s to {}s</title></rect>)",
                           tone(s.state), x, y + 2, w, kLane - 4, seconds(s.from), seconds(s.to),
                           escaped(s.state), escaped(lane.node), escaped(lane.machine),
                           escaped(s.state), seconds(s.from), seconds(s.to));
            if (w > 60) {
                fmt::format_to(std::back_inserter(out),
                               R"(<text class="span-text" x="{:.1f}" y="{}">)", x + 3, y + 14);
                append_escaped(out, s.state);
                out += "</text>";
            }
        }
        out += "</g>\n";
        y += kLane;
    }
    out += "</svg>\n";
    return out;
}

}  // namespace vpnsim::report
