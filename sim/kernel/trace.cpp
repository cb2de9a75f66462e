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

bool Trace::make_room() {
    if (records_.size() >= max_records_) return false;
    // Doubling, but capped: the last step grows to the limit exactly, not to twice it.
    const std::size_t grown = std::max<std::size_t>(16, records_.capacity() * 2);
    records_.reserve(std::min(grown, max_records_));
    return true;
}

std::string Trace::render() const {
    std::string out;
    for (const auto& r : records_) {
        out += format_record(r);
        out += '\n';
    }
    if (truncated()) {
        out += truncation_note();
        out += '\n';
    }
    return out;
}

void Trace::write(std::FILE* out) const {
    std::string line;
    for (const auto& r : records_) {
        line = format_record(r);
        line += '\n';
        std::fwrite(line.data(), 1, line.size(), out);
    }
    if (truncated()) fmt::print(out, "{}\n", truncation_note());
}

std::string Trace::truncation_note() const {
    return fmt::format("trace truncated after {} records: {} later records not kept "
                       "(--trace-limit)",
                       records_.size(), dropped_);
}

}  // namespace vpnsim::kernel
