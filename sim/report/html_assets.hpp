// DOC: the report page's style sheet and script (sim/report/html_report.hpp), inlined into
// every page: no file beside it, no network fetch.
#pragma once

namespace vpnsim::report {

extern const char* const kReportCss;
extern const char* const kReportJs;

}  // namespace vpnsim::report
