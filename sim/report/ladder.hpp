// DOC: the ladder (sequence) diagram of one tunnel, built from a run's capture and trace.
// Columns: the CGW, the boxes on the path when the scenario has them (firewall, NAT, the lossy
// path) and the AWS tunnel endpoint; the Internet router between them is not drawn. Rows, in
// time order: every packet of the tunnel as one arrow from its sender to the device that last
// got it (crossing the boxes it went through; ending in a cross where a device dropped it, with
// the trace record that says why), timer expiries and FSM transitions as marks on their
// device's column, and packets discarded before they reached the wire (no CHILD_SA, say) as
// drop marks. A gap of more than kGapSeconds between rows is drawn as a break, so a run's
// opening seconds and its keepalives an hour later both stay readable.
// The SVG is plain: each row is a <g class="row ..."> translated to its place, carrying
// data-t (its time), data-trip (the packet) and data-rec (trace record numbers), so a page's
// script can filter and re-stack rows for a time window without re-rendering.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "models/common/time.hpp"
#include "sim/kernel/trace.hpp"
#include "sim/run/capture.hpp"
#include "sim/scenario/scenario.hpp"

namespace vpnsim::report {

inline constexpr double kGapSeconds = 2.0;
inline constexpr std::size_t kDefaultLadderRows = 3000;

struct TimeWindow {
    SimTime from{};
    SimTime to{SimTime::max()};
    bool contains(SimTime t) const { return t >= from && t <= to; }
};

struct LadderRow {
    enum class Kind : std::uint8_t { Packet, Drop, Timer, State };
    Kind kind{Kind::Packet};
    SimTime t{};
    SimTime arrives{};         // Packet: when the last device got it
    int from{0};               // column (Packet: sender; marks: their column)
    int to{0};                 // Packet: the last device that had it
    std::vector<int> crossed;  // Packet: the boxes it went through on the way
    bool dropped{false};       // Packet: discarded by `to`
    bool in_flight{false};     // Packet: still on the wire when the run ended
    std::string label;         // "IKE_SA_INIT request", "BGP KEEPALIVE", "HoldTimerExpires"
    std::string css;           // "ike", "bgp", "tcp", "probe", "natt", "timer", "state", "drop"
    std::string reason;        // a drop's reason code
    std::optional<std::uint32_t> trip;  // Packet: index into Capture::trips
    std::vector<std::size_t> hops;      // Packet: its hops, indices into Capture::hops
    std::vector<std::size_t> records;   // trace records this row shows
};

struct Ladder {
    int tunnel{1};
    std::vector<std::string> columns;  // "CGW", "NAT", "AWS tunnel 1"
    std::vector<LadderRow> rows;
    std::size_t rows_not_shown{0};  // past max_rows
};

Ladder build_ladder(const scenario::Scenario& s, const run::Capture& c, const kernel::Trace& trace,
                    int tunnel, const TimeWindow& window,
                    std::size_t max_rows = kDefaultLadderRows);

// The diagram as an <svg> element (standalone: with the XML declaration and its own styles,
// for `vpnsim report --format svg`).
std::string ladder_svg(const Ladder& l, bool standalone);

}  // namespace vpnsim::report
