// DOC: `vpnsim report`: one self-contained HTML page per run (inline CSS, inline SVG, a little
// vanilla JS; nothing fetched from anywhere, so it opens from disk and from a CI artifact):
// the AWS view (tunnel table as the console shows it, VgwTelemetry, the end-to-end
// reachability verdict), the diagnosis with each cause linked to the ladder rows and trace
// records it rests on, the proved fix sets with cost and disruption, a ladder diagram per
// tunnel (sim/report/ladder.hpp), the state timeline (sim/report/timeline.hpp), the CloudWatch
// IKE/BGP log lines (filterable) and the trace. A time window (the page's controls, or
// `#window=FROM,TO` in its address) narrows the ladders and the timeline together.
// The page's script also answers `#select=TRIP` (show a packet's fields) and `#evidence=N`
// (follow the N-th evidence link) in its address, and marks every evidence link resolved or
// not (data-resolved), so a headless browser can check the page without clicking.
#pragma once

#include <string>
#include <vector>

#include "sim/diagnose/diagnose.hpp"
#include "sim/fix/search.hpp"
#include "sim/report/ladder.hpp"
#include "sim/run/capture.hpp"
#include "sim/run/result.hpp"
#include "sim/scenario/scenario.hpp"

namespace vpnsim::report {

// One replay of a scenario, with everything the page shows about it.
struct ReportRun {
    std::string title;  // "as written", "with cgw.enable-nat-t"
    const scenario::Scenario* scenario{nullptr};
    const run::RunResult* result{nullptr};
    const run::Capture* capture{nullptr};
    const diagnose::Diagnosis* diagnosis{nullptr};
    const fix::SearchResult* fixes{nullptr};  // null: not searched
};

struct ReportOptions {
    std::string source;  // the scenario file, as given
    TimeWindow window;
    std::size_t max_rows{kDefaultLadderRows};
    std::size_t fix_budget{0};
};

// Several runs (what-if: as written and changed) go side by side in one page, each with its
// own sections; ids are prefixed by the run's number.
std::string html_report(const std::vector<ReportRun>& runs, const ReportOptions& options);

}  // namespace vpnsim::report
