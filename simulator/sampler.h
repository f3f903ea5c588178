#pragma once
// A Distribution compiled for fast sampling: parameters converted once (lognormal mu/sigma, gamma
// shape/scale, histogram cumulative weights) so the hot path only draws.
#include <vector>

#include "model/distribution.h"
#include "model/units.h"
#include "simulator/random_stream.h"

namespace headroom {

class Sampler {
 public:
  Sampler() = default;
  explicit Sampler(const Distribution& d);

  double sampleSeconds(RandomStream& rng) const;
  SimTime sample(RandomStream& rng) const { return secondsToSimTime(sampleSeconds(rng)); }
  bool isZero() const { return kind_ == Distribution::Kind::Deterministic && a_ <= 0.0; }

 private:
  Distribution::Kind kind_ = Distribution::Kind::Deterministic;
  double a_ = 0.0, b_ = 0.0;  // meaning depends on kind
  std::vector<double> cumulative_;
  std::vector<double> lower_, upper_;
};

}  // namespace headroom
