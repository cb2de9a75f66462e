#include "sim/kernel/rng.hpp"

namespace vpnsim::kernel {

std::uint64_t Rng::below(std::uint64_t n) {
    const std::uint64_t limit = ~std::uint64_t{0} - (~std::uint64_t{0} % n);
    std::uint64_t v = 0;
    do {
        v = engine_();
    } while (v >= limit);
    return v % n;
}

std::int64_t Rng::between(std::int64_t lo, std::int64_t hi) {
    if (hi <= lo) return lo;
    const auto span = static_cast<std::uint64_t>(hi - lo) + 1;
    return lo + static_cast<std::int64_t>(span == 0 ? engine_() : below(span));
}

double Rng::unit() {
    return static_cast<double>(engine_() >> 11) * 0x1.0p-53;
}

Rng& RngStreams::stream(std::string_view name) {
    auto it = streams_.find(name);
    if (it == streams_.end()) {
        // splitmix64 finaliser over (seed, name) so nearby seeds give unrelated streams.
        std::uint64_t z = seed_ ^ stable_hash(name);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        z ^= z >> 31;
        it = streams_.emplace(std::string(name), Rng(z)).first;
    }
    return it->second;
}

}  // namespace vpnsim::kernel
