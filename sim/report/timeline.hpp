// DOC: the state timeline: one lane per state machine of each tunnel end -- IKE SA, CHILD_SA,
// TCP, BGP -- and the AWS tunnel Status, with a coloured span for each state it was in
// (sim/run/capture.hpp samples them after every event). Time runs left to right over the whole
// run (or the report's window), so a BGP session cycling Idle -> Connect -> OpenSent -> Idle
// shows as a striped lane at a glance. Each span is a <rect> with data-t0/data-t1 and its state
// in a <title>, so a page's script can zoom to a time window.
#pragma once

#include <string>
#include <vector>

#include "models/common/time.hpp"
#include "sim/report/ladder.hpp"
#include "sim/run/capture.hpp"

namespace vpnsim::report {

struct Span {
    SimTime from{};
    SimTime to{};
    std::string state;
};

struct TimelineLane {
    std::string node;     // "aws-t1"
    std::string machine;  // "BGP"
    std::vector<Span> spans;
};

std::vector<TimelineLane> timeline_lanes(const run::Capture& c, SimTime end,
                                         const TimeWindow& window);
std::string timeline_svg(const std::vector<TimelineLane>& lanes, const TimeWindow& window);

}  // namespace vpnsim::report
