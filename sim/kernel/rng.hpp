// DOC: deterministic random streams (STYLE 14).
// One scenario seed is split into named streams ("ike.spi", "rekey.fuzz", ...) so that adding a
// draw to one model never shifts the numbers another model sees. The engine is xoshiro256**
// (Blackman and Vigna, "Scrambled linear pseudorandom number generators", 2021) with its state
// filled by SplitMix64 from the stream's seed, as its authors recommend: both are written out
// here, so a seed gives the same numbers with every compiler and standard library, and a stream
// costs 32 bytes and a few instructions to start (a run opens several; mt19937_64's 2.5 KB
// state took more to seed than the draws it served). The distributions are our own too,
// because the std:: distribution algorithms differ between standard libraries.
#pragma once

#include <array>
#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <utility>

#include "models/common/hash.hpp"

namespace vpnsim::kernel {

class Rng {
  public:
    explicit Rng(std::uint64_t seed);
    std::uint64_t next_u64();
    // Uniform in [0, n) without modulo bias (rejection sampling). n must be > 0.
    std::uint64_t below(std::uint64_t n);
    // Uniform in [lo, hi], inclusive.
    std::int64_t between(std::int64_t lo, std::int64_t hi);
    // Uniform in [0, 1) from the top 53 bits.
    double unit();

  private:
    std::array<std::uint64_t, 4> s_{};  // xoshiro256** state, never all zero
};

class RngStreams {
  public:
    explicit RngStreams(std::uint64_t seed) : seed_(seed) {}
    Rng& stream(std::string_view name);

  private:
    std::uint64_t seed_;
    // A run opens a handful of streams: a list searched in order beats a tree. A deque keeps
    // every Rng where it is, so references handed out stay valid.
    std::deque<std::pair<std::string, Rng>> streams_;
};

}  // namespace vpnsim::kernel
