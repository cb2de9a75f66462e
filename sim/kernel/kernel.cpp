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

SinkId Kernel::add_sink(EventSink& sink) {
    sinks_.push_back(&sink);
    return static_cast<SinkId>(sinks_.size() - 1);
}

EventId Kernel::schedule(SimTime delay, SinkId target, std::uint32_t kind, std::uint64_t arg) {
    VPNSIM_ASSERT(delay >= SimTime::zero(), "event scheduled {}ns in the past", -delay.count());
    VPNSIM_ASSERT(target < sinks_.size(), "event for unknown sink {}", target);
    const std::uint64_t seq = next_seq_++;
    if (delay == SimTime::zero()) {
        now_queue_.push_back(Entry{now_, seq, target, kind, arg});
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
        // Not a timer: an immediate event, or one that already ran or was cancelled.
        const auto now_it =
            std::find_if(now_queue_.begin() + static_cast<std::ptrdiff_t>(now_head_),
                         now_queue_.end(), [&](const Entry& e) { return e.seq == id.seq; });
        if (now_it != now_queue_.end()) now_queue_.erase(now_it);
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
        const bool immediate = now_head_ != now_queue_.size();
        // The FIFO's front when it precedes the heap's top (operator<: "runs later than").
        const bool from_fifo =
            immediate && (heap_.empty() || heap_.front() < now_queue_[now_head_]);
        if (!from_fifo && heap_.empty()) break;
        const Entry& top = from_fifo ? now_queue_[now_head_] : heap_.front();
        if (top.at > until) {
            now_ = until;
            return RunStats{StopReason::TimeLimit, now_, ran};
        }
        if (ran >= max_events) return RunStats{StopReason::EventBudget, now_, ran};
        Entry e;
        if (from_fifo) {
            e = now_queue_[now_head_];
            if (++now_head_ == now_queue_.size()) {
                now_queue_.clear();
                now_head_ = 0;
            }
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
