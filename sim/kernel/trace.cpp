#include "sim/kernel/trace.hpp"

#include <fmt/format.h>

namespace vpnsim::kernel {

std::string format_record(const TraceRecord& r) {
    std::string line = fmt::format("t={} node={} fsm={} ", format_time(r.t), r.node, r.fsm);
    if (r.from.empty() && r.to.empty()) {
        line += r.event;
    } else {
        line += fmt::format("{} -({})-> {}", r.from, r.event, r.to);
    }
    if (!r.reason.empty()) line += fmt::format(" reason={}", r.reason);
    if (!r.detail.known_empty()) {
        const auto bare = line.size();
        line += ' ';
        r.detail.append_to(line);
        if (line.size() == bare + 1) line.pop_back();  // the renderer had nothing to say
    }
    return line;
}

std::string Trace::render() const {
    std::string out;
    for (const auto& r : records_) {
        out += format_record(r);
        out += '\n';
    }
    return out;
}

}  // namespace vpnsim::kernel
