// DOC: stable hashing for model values that stand in for cryptography (AUTH payloads, NAT-D,
// TCP MD5 keys) and for derived identifiers. FNV-1a plus a splitmix64 mixing step: the same
// input gives the same value on every machine and standard library (std::hash does not).
#pragma once

#include <cstdint>
#include <string_view>

namespace vpnsim {

constexpr std::uint64_t stable_hash(std::string_view s, std::uint64_t h = 0xcbf29ce484222325ULL) {
    for (const char c : s) {
        h ^= static_cast<unsigned char>(c);
        h *= 0x100000001b3ULL;
    }
    return h;
}

inline constexpr std::uint64_t kGoldenGamma = 0x9e3779b97f4a7c15ULL;

// SplitMix64's finaliser (Steele, Lea and Flood, 2014): a bijective mix of 64 bits.
constexpr std::uint64_t splitmix_finalise(std::uint64_t z) {
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

// SplitMix64: advances `state` and returns its next output.
constexpr std::uint64_t splitmix64(std::uint64_t& state) {
    return splitmix_finalise(state += kGoldenGamma);
}

constexpr std::uint64_t mix(std::uint64_t h, std::uint64_t v) {
    return splitmix_finalise(h ^ (v + kGoldenGamma + (h << 6) + (h >> 2)));
}

}  // namespace vpnsim
