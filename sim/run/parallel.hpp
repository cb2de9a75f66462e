// DOC: independent work items 0..n-1 on `jobs` threads (taken from an atomic counter), each
// writing only its own result slot, so the results -- kept by index -- are the same whatever
// the number of threads. `progress(done, n)` is called from the calling thread, which works too.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <functional>
#include <thread>
#include <vector>

namespace vpnsim::run {

template <class Work>
void for_each_index(std::size_t n, unsigned jobs, Work work,
                    const std::function<void(std::uint64_t, std::uint64_t)>& progress = {}) {
    std::atomic<std::size_t> next{0};
    std::atomic<std::uint64_t> done{0};
    const auto worker = [&](bool report) {
        for (std::size_t i = next++; i < n; i = next++) {
            work(i);
            const auto d = ++done;
            if (report && progress) progress(d, n);
        }
    };
    const unsigned threads = std::max(1U, std::min<unsigned>(jobs, static_cast<unsigned>(n)));
    std::vector<std::thread> pool;
    for (unsigned j = 1; j < threads; ++j) pool.emplace_back(worker, false);
    worker(true);
    for (auto& t : pool) t.join();
    if (progress) progress(n, n);
}

}  // namespace vpnsim::run
