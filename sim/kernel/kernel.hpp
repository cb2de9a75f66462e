// DOC: the discrete-event kernel.
// Events are ordered by (time, seq): seq is stamped at schedule time from a counter that only
// grows, so events due at the same instant run strictly in the order they were scheduled (ns-3
// EventKey). Time never goes backwards and nothing may be scheduled in the past (asserted).
// Cancelling takes the event out of the heap at once (swap with the last entry, then sift), so
// the heap holds pending events only and stays small for every push and pop.
// Events scheduled with no delay (a packet crossing a zero-delay link, an immediate timer), or
// with the one link delay the world registers (add_lane: a packet crossing the path), go to a
// FIFO lane instead: events scheduled with one same delay are scheduled in (time, seq) order,
// so a lane stays sorted for free, and the next event is the earliest of the lanes' fronts and
// the heap's top. Half of a replay's events, the packet hops, skip the heap's sifts that way.
// An event is addressed to a sink (a node) and carries two plain words; what they mean is the
// sink's business, so the kernel knows nothing about packets or protocols.
// Runs end when the queue drains, at the time limit, or when the event budget is spent; the
// result says which, so a runaway scenario ends with a clear message instead of a hang.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>
#include <vector>

#include "models/common/time.hpp"
#include "sim/kernel/rng.hpp"

namespace vpnsim::kernel {

using SinkId = std::uint32_t;

struct EventId {
    std::uint64_t seq{0};
    bool valid() const { return seq != 0; }
    auto operator<=>(const EventId&) const = default;
};

class EventSink {
  public:
    virtual ~EventSink() = default;
    virtual void on_event(SimTime now, std::uint32_t kind, std::uint64_t arg) = 0;
};

enum class StopReason : std::uint8_t { Drained, TimeLimit, EventBudget };
std::string_view to_string(StopReason r);

struct RunStats {
    StopReason reason{StopReason::Drained};
    SimTime end_time{};
    std::uint64_t events{0};
};

class Kernel {
  public:
    // A replay keeps a few dozen events pending; reserving them saves the regrowth.
    explicit Kernel(std::uint64_t seed) : rng_(seed) {
        heap_.reserve(64);
        lanes_[0].queue.reserve(16);
    }
    Kernel(const Kernel&) = delete;
    Kernel& operator=(const Kernel&) = delete;

    SinkId add_sink(EventSink& sink);
    // Events scheduled with exactly this delay (besides zero) go to a FIFO lane. Only speed
    // depends on it: events run in (time, seq) order whatever the lanes. One lane only: a later
    // call with another delay is ignored.
    void add_lane(SimTime delay);
    SimTime now() const { return now_; }
    std::uint64_t events_run() const { return events_run_; }

    EventId schedule(SimTime delay, SinkId target, std::uint32_t kind, std::uint64_t arg = 0);
    // Cancelling an event that already ran or was already cancelled is a no-op.
    void cancel(EventId id);

    // Runs events with time <= until, at most max_events of them.
    RunStats run(SimTime until, std::uint64_t max_events);

    Rng& rng(std::string_view stream) { return rng_.stream(stream); }
    std::size_t pending() const { return heap_.size() + lanes_[0].size() + lanes_[1].size(); }

  private:
    struct Entry {
        SimTime at;
        std::uint64_t seq;
        SinkId target;
        std::uint32_t kind;
        std::uint64_t arg;
        // Strict weak order for a max-heap that yields the earliest (time, seq) first:
        // seq values are unique, so no two entries compare equivalent.
        friend bool operator<(const Entry& a, const Entry& b) {
            return a.at != b.at ? a.at > b.at : a.seq > b.seq;
        }
    };

    SimTime now_{};
    std::uint64_t next_seq_{1};
    std::uint64_t events_run_{0};
    // Restore the heap order around entry i after it was replaced (std::push_heap and
    // std::pop_heap serve the ends; these serve a removal from the middle).
    void sift_up(std::size_t i);
    void sift_down(std::size_t i);

    // Events scheduled with `delay`, in schedule order, from `head` on (the vector empties when
    // drained, and drops its run entries when it never drains).
    struct Lane {
        SimTime delay{-1};  // -1: unused
        std::vector<Entry> queue;
        std::size_t head{0};
        std::size_t size() const { return queue.size() - head; }
        void pop();
    };

    std::vector<Entry> heap_;  // a max-heap by Entry::operator<: the earliest event on top
    std::array<Lane, 2> lanes_{Lane{SimTime::zero(), {}, 0}, Lane{}};  // [0]: the zero delay
    std::vector<EventSink*> sinks_;
    RngStreams rng_;
};

}  // namespace vpnsim::kernel
