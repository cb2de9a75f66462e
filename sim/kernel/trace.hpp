// DOC: the run's trace -- every state change and every packet fate, in order.
// One record per event, printed one per line with a fixed column order so traces diff cleanly
// as golden files (STYLE 19):
//   t=12.345s node=aws-t1 fsm=bgp Connect -(TcpConnectionFails)-> Active reason=tcp-rst detail
// String views must point at storage that outlives the run: literals (enum names) or names
// owned by the world that built the nodes.
#pragma once

#include <deque>
#include <string>
#include <string_view>
#include <vector>

#include "models/common/deferred_text.hpp"
#include "models/common/time.hpp"

namespace vpnsim::kernel {

struct TraceRecord {
    SimTime t{};
    std::string_view node;    // "cgw", "aws-t1", "path"
    std::string_view fsm;     // "ike", "child", "esp", "tcp", "bgp", "aws", "link"
    std::string_view from;    // state before ("" for point events such as a drop)
    std::string_view event;   // what happened: "RecvIkeSaInitResp", "drop", "send"
    std::string_view to;      // state after ("" for point events)
    std::string_view reason;  // kebab-case typed reason, "" when none
    DeferredText detail;      // free text: selectors, SPIs, message fields (rendered on demand)
};

std::string format_record(const TraceRecord& r);

class Trace {
  public:
    Trace() { records_.reserve(512); }  // a typical run writes a few hundred records
    void add(TraceRecord&& r) { records_.push_back(std::move(r)); }
    // Stores a name for the life of the trace (moving the Trace keeps the views valid:
    // a moved std::deque keeps its elements where they are).
    std::string_view intern(std::string name) { return names_.emplace_back(std::move(name)); }
    const std::vector<TraceRecord>& records() const { return records_; }
    std::string render() const;  // every record, one line each, '\n'-terminated

  private:
    std::vector<TraceRecord> records_;
    std::deque<std::string> names_;
};

}  // namespace vpnsim::kernel
