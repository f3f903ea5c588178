#pragma once
// Seeded pseudo-random streams. Every component and source draws from its OWN streams, keyed by
// (replication seed, component name, purpose), so adding a component or a branch never shifts the draws of
// the others, and a replication's numbers depend on nothing but its seed.
//
// Generator: xoshiro256++ (Blackman & Vigna), seeded through SplitMix64 as its authors recommend.
#include <cmath>
#include <cstdint>
#include <string_view>

namespace headroom {

inline std::uint64_t splitMix64(std::uint64_t& state) {
  std::uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

// FNV-1a: a stable hash of a stream key (std::hash is not stable across library versions).
inline std::uint64_t stableHash(std::string_view text) {
  std::uint64_t h = 0xCBF29CE484222325ULL;
  for (unsigned char c : text) {
    h ^= c;
    h *= 0x100000001B3ULL;
  }
  return h;
}

// Seed of replication `index` of a run with base seed `seed`.
inline std::uint64_t replicationSeed(std::uint64_t seed, int index) {
  std::uint64_t s = seed ^ (0xA0761D6478BD642FULL * static_cast<std::uint64_t>(index + 1));
  return splitMix64(s);
}

class RandomStream {
 public:
  RandomStream() : RandomStream(0, "") {}
  RandomStream(std::uint64_t replication_seed, std::string_view key) {
    std::uint64_t sm = replication_seed ^ stableHash(key);
    for (auto& w : s_) w = splitMix64(sm);
  }

  std::uint64_t next() {
    const std::uint64_t result = rotl(s_[0] + s_[3], 23) + s_[0];
    const std::uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = rotl(s_[3], 45);
    return result;
  }

  // Uniform in [0, 1).
  double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
  // Uniform in (0, 1]: safe to take the logarithm of.
  double uniformPositive() { return static_cast<double>((next() >> 11) + 1) * 0x1.0p-53; }
  double exponential(double mean) { return -mean * std::log(uniformPositive()); }
  std::uint64_t below(std::uint64_t n) { return static_cast<std::uint64_t>(uniform() * static_cast<double>(n)); }

  double standardNormal() {
    // Marsaglia polar method; the spare value is kept for the next call.
    if (hasSpare_) {
      hasSpare_ = false;
      return spare_;
    }
    double u, v, s;
    do {
      u = 2.0 * uniform() - 1.0;
      v = 2.0 * uniform() - 1.0;
      s = u * u + v * v;
    } while (s >= 1.0 || s == 0.0);
    const double f = std::sqrt(-2.0 * std::log(s) / s);
    spare_ = v * f;
    hasSpare_ = true;
    return u * f;
  }

  // Gamma(shape, scale) by Marsaglia & Tsang (2000); shape < 1 via the u^(1/shape) boost.
  double gamma(double shape, double scale) {
    if (shape < 1.0) return gamma(shape + 1.0, scale) * std::pow(uniformPositive(), 1.0 / shape);
    const double d = shape - 1.0 / 3.0;
    const double c = 1.0 / std::sqrt(9.0 * d);
    for (;;) {
      double x, v;
      do {
        x = standardNormal();
        v = 1.0 + c * x;
      } while (v <= 0.0);
      v = v * v * v;
      const double u = uniformPositive();
      if (u < 1.0 - 0.0331 * x * x * x * x) return d * v * scale;
      if (std::log(u) < 0.5 * x * x + d * (1.0 - v + std::log(v))) return d * v * scale;
    }
  }

 private:
  static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  std::uint64_t s_[4];
  double spare_ = 0.0;
  bool hasSpare_ = false;
};

}  // namespace headroom
