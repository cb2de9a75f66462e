#include "sim/kernel/rng.hpp"

namespace vpnsim::kernel {
namespace {

constexpr std::uint64_t rotl(std::uint64_t x, int k) {
    return (x << k) | (x >> (64 - k));
}

}  // namespace

// SplitMix64 never yields four zeros in a row, so the state is never all zero.
Rng::Rng(std::uint64_t seed) {
    for (auto& word : s_) word = splitmix64(seed);
}

std::uint64_t Rng::next_u64() {
    const std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
    const std::uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = rotl(s_[3], 45);
    return result;
}

std::uint64_t Rng::below(std::uint64_t n) {
    const std::uint64_t limit = ~std::uint64_t{0} - (~std::uint64_t{0} % n);
    std::uint64_t v = 0;
    do {
        v = next_u64();
    } while (v >= limit);
    return v % n;
}

std::int64_t Rng::between(std::int64_t lo, std::int64_t hi) {
    if (hi <= lo) return lo;
    const auto span = static_cast<std::uint64_t>(hi - lo) + 1;
    return lo + static_cast<std::int64_t>(span == 0 ? next_u64() : below(span));
}

double Rng::unit() {
    return static_cast<double>(next_u64() >> 11) * 0x1.0p-53;
}

Rng& RngStreams::stream(std::string_view name) {
    for (auto& [n, rng] : streams_) {
        if (n == name) return rng;
    }
    // The finaliser over (seed, name), so nearby seeds give unrelated streams.
    return streams_
        .emplace_back(std::string(name), Rng(splitmix_finalise(seed_ ^ stable_hash(name))))
        .second;
}

}  // namespace vpnsim::kernel
