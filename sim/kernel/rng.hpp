// DOC: deterministic random streams (STYLE 14).
// One scenario seed is split into named streams ("ike.spi", "rekey.fuzz", ...) so that adding a
// draw to one model never shifts the numbers another model sees. The engine is mt19937_64, whose
// output sequence the C++ standard fixes; the distributions are our own because the std::
// distribution algorithms differ between standard libraries.
#pragma once

#include <cstdint>
#include <map>
#include <random>
#include <string>
#include <string_view>

#include "models/common/hash.hpp"

namespace vpnsim::kernel {

class Rng {
  public:
    explicit Rng(std::uint64_t seed) : engine_(seed) {}
    std::uint64_t next_u64() { return engine_(); }
    // Uniform in [0, n) without modulo bias (rejection sampling). n must be > 0.
    std::uint64_t below(std::uint64_t n);
    // Uniform in [lo, hi], inclusive.
    std::int64_t between(std::int64_t lo, std::int64_t hi);
    // Uniform in [0, 1) from the top 53 bits.
    double unit();

  private:
    std::mt19937_64 engine_;
};

class RngStreams {
  public:
    explicit RngStreams(std::uint64_t seed) : seed_(seed) {}
    Rng& stream(std::string_view name);

  private:
    std::uint64_t seed_;
    std::map<std::string, Rng, std::less<>> streams_;
};

}  // namespace vpnsim::kernel
