#pragma once
// Key popularity: key k (0 = most popular) of n is requested with probability proportional to 1/(k+1)^s
// (Zipf; s = 0 is uniform). Sampling is O(1) time and memory for any n (rejection-inversion, Hoermann &
// Derflinger 1996), so a billion keys cost nothing.
#include <cstdint>

#include "simulator/random_stream.h"

namespace headroom::features {

class ZipfKeys {
 public:
  // Throws std::invalid_argument if keys < 1 or exponent < 0 or not finite.
  ZipfKeys(std::int64_t keys, double exponent);
  std::int64_t sample(RandomStream& rng) const;
  double probability(std::int64_t key) const;  // exact normalised probability (normaliser computed once)
  std::int64_t keys() const { return n_; }
  double exponent() const { return s_; }

 private:
  std::int64_t n_;
  double s_;
  // implementation constants
  double h_x1_ = 0, h_n_ = 0, s_const_ = 0, norm_ = 1;
};

}  // namespace headroom::features
