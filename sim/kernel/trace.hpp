// DOC: the run's trace -- every state change and every packet fate, in order.
// One record per event, printed one per line with a fixed column order so traces diff cleanly
// as golden files (STYLE 19):
//   t=12.345s node=aws-t1 fsm=bgp Connect -(TcpConnectionFails)-> Active reason=tcp-rst detail
// String views must point at storage that outlives the run: literals (enum names) or names
// owned by the world that built the nodes.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdio>
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

// Records a run keeps by default: a day of two healthy tunnels (about 100 k events, most of
// them keepalives that write no record) fits many times over, and at ~0.2 KB a record (plus
// the text of a log line) the trace stays under 30 MiB however long a runaway scenario runs.
// A power of two: the storage doubles up to exactly the limit.
inline constexpr std::size_t kDefaultTraceRecords = std::size_t{1} << 16;

// The records of one run, up to a fixed number: later records are counted, not kept, so a
// run's memory is bounded whatever the scenario (the kernel's event budget bounds its time).
class Trace {
  public:
    explicit Trace(std::size_t max_records = kDefaultTraceRecords)
        : max_records_(max_records) {
        records_.reserve(std::min<std::size_t>(512, max_records));  // a typical run: a few hundred
    }
    void add(TraceRecord&& r) {
        if (records_.size() == records_.capacity() && !make_room()) [[unlikely]] {
            ++dropped_;
            return;
        }
        records_.push_back(std::move(r));
    }
    // Stores a name for the life of the trace (moving the Trace keeps the views valid:
    // a moved std::deque keeps its elements where they are).
    std::string_view intern(std::string name) { return names_.emplace_back(std::move(name)); }
    const std::vector<TraceRecord>& records() const { return records_; }
    std::size_t max_records() const { return max_records_; }
    // Records the run wrote after the trace was full.
    std::size_t dropped() const { return dropped_; }
    bool truncated() const { return dropped_ != 0; }
    // Every kept record, one line each, '\n'-terminated; a truncated trace ends with
    // truncation_note().
    std::string render() const;
    // The same text, written to `out` a record at a time.
    void write(std::FILE* out) const;
    // "trace truncated after N records: M later records not kept (--trace-limit)".
    std::string truncation_note() const;

  private:
    // Grows the storage towards max_records_ (never past it); false when full.
    bool make_room();

    std::size_t max_records_;
    std::size_t dropped_{0};
    std::vector<TraceRecord> records_;
    std::deque<std::string> names_;
};

}  // namespace vpnsim::kernel
