#include "sim/kernel/kernel.hpp"

#include <algorithm>

#include "models/common/assert.hpp"

namespace vpnsim::kernel {

std::string_view to_string(StopReason r) {
    switch (r) {
        case StopReason::Drained:
            return "drained";
        case StopReason::TimeLimit:
            return "time-limit";
        case StopReason::EventBudget:
            return "event-budget";
    }
    return "?";
}

void Kernel::add_lane(SimTime delay) {
    VPNSIM_ASSERT(delay >= SimTime::zero(), "a lane for a negative delay {}ns", delay.count());
    if (delay == SimTime::zero() || lanes_[1].delay >= SimTime::zero()) return;
    lanes_[1].delay = delay;
}

void Kernel::Lane::pop() {
    if (++head >= queue.size()) {
        queue.clear();
        head = 0;
    }
}

SinkId Kernel::add_sink(EventSink& sink) {
    sinks_.push_back(&sink);
    return static_cast<SinkId>(sinks_.size() - 1);
}

EventId Kernel::schedule(SimTime delay, SinkId target, std::uint32_t kind, std::uint64_t arg) {
    VPNSIM_ASSERT(delay >= SimTime::zero(), "event scheduled {}ns in the past", -delay.count());
    VPNSIM_ASSERT(target < sinks_.size(), "event for unknown sink {}", target);
    const std::uint64_t seq = next_seq_++;
    for (auto& lane : lanes_) {
        if (lane.delay != delay) continue;
        if (lane.head >= 64 && 2 * lane.head >= lane.queue.size()) {  // never drains: compact
            lane.queue.erase(lane.queue.begin(),
                             lane.queue.begin() + static_cast<std::ptrdiff_t>(lane.head));
            lane.head = 0;
        }
        lane.queue.push_back(Entry{now_ + delay, seq, target, kind, arg});
        return EventId{seq};
    }
    heap_.push_back(Entry{now_ + delay, seq, target, kind, arg});
    std::push_heap(heap_.begin(), heap_.end());
    return EventId{seq};
}

void Kernel::cancel(EventId id) {
    if (!id.valid() || id.seq >= next_seq_) return;
    const auto it =
        std::find_if(heap_.begin(), heap_.end(), [&](const Entry& e) { return e.seq == id.seq; });
    if (it == heap_.end()) {
        // Not in the heap: in a lane, or it already ran or was cancelled.
        for (auto& lane : lanes_) {
            const auto in_lane =
                std::find_if(lane.queue.begin() + static_cast<std::ptrdiff_t>(lane.head),
                             lane.queue.end(), [&](const Entry& e) { return e.seq == id.seq; });
            if (in_lane != lane.queue.end()) {
                lane.queue.erase(in_lane);
                if (lane.size() == 0) {
                    lane.queue.clear();
                    lane.head = 0;
                }
                return;
            }
        }
        return;
    }
    const auto i = static_cast<std::size_t>(it - heap_.begin());
    *it = heap_.back();
    heap_.pop_back();
    if (i == heap_.size()) return;  // it was the last entry
    sift_up(i);
    sift_down(i);
}

void Kernel::sift_up(std::size_t i) {
    while (i > 0) {
        const auto parent = (i - 1) / 2;
        if (!(heap_[parent] < heap_[i])) return;
        std::swap(heap_[parent], heap_[i]);
        i = parent;
    }
}

void Kernel::sift_down(std::size_t i) {
    const auto n = heap_.size();
    for (;;) {
        const auto left = 2 * i + 1;
        if (left >= n) return;
        const auto right = left + 1;
        const auto child = right < n && heap_[left] < heap_[right] ? right : left;
        if (!(heap_[i] < heap_[child])) return;
        std::swap(heap_[i], heap_[child]);
        i = child;
    }
}

RunStats Kernel::run(SimTime until, std::uint64_t max_events) {
    std::uint64_t ran = 0;
    for (;;) {
        // The earliest of the heap's top and the lanes' fronts (operator<: "runs later than").
        const Entry* top = heap_.empty() ? nullptr : &heap_.front();
        Lane* from = nullptr;
        for (auto& lane : lanes_) {
            if (lane.size() == 0) continue;
            const Entry& front = lane.queue[lane.head];
            if (top == nullptr || *top < front) {
                top = &front;
                from = &lane;
            }
        }
        if (top == nullptr) break;
        if (top->at > until) {
            now_ = until;
            return RunStats{StopReason::TimeLimit, now_, ran};
        }
        if (ran >= max_events) return RunStats{StopReason::EventBudget, now_, ran};
        Entry e;
        if (from != nullptr) {
            e = *top;
            from->pop();
        } else {
            std::pop_heap(heap_.begin(), heap_.end());
            e = heap_.back();
            heap_.pop_back();
        }
        VPNSIM_ASSERT(e.at >= now_, "time went backwards: {} < {}", e.at.count(), now_.count());
        now_ = e.at;
        ++ran;
        ++events_run_;
        sinks_[e.target]->on_event(now_, e.kind, e.arg);
    }
    now_ = std::max(now_, until);
    return RunStats{StopReason::Drained, now_, ran};
}

}  // namespace vpnsim::kernel
