#include "simulator/sampler.h"

#include <algorithm>
#include <cmath>

namespace headroom {

Sampler::Sampler(const Distribution& d) : kind_(d.kind) {
  switch (d.kind) {
    case Distribution::Kind::Exponential:
    case Distribution::Kind::Deterministic:
      a_ = d.mean_s;
      break;
    case Distribution::Kind::Uniform:
      a_ = d.min_s;
      b_ = d.max_s;
      break;
    case Distribution::Kind::Lognormal: {
      // mean m, cv c: sigma^2 = ln(1 + c^2), mu = ln m - sigma^2 / 2
      const double s2 = std::log(1.0 + d.cv * d.cv);
      a_ = std::log(d.mean_s) - 0.5 * s2;
      b_ = std::sqrt(s2);
      break;
    }
    case Distribution::Kind::Gamma:
      // shape k = 1/c^2, scale = m c^2; cv 0 degenerates to deterministic
      if (d.cv <= 0.0) {
        kind_ = Distribution::Kind::Deterministic;
        a_ = d.mean_s;
      } else {
        a_ = 1.0 / (d.cv * d.cv);
        b_ = d.mean_s * d.cv * d.cv;
      }
      break;
    case Distribution::Kind::Histogram: {
      double lower = d.min_s, total = 0.0;
      for (const auto& bin : d.bins) {
        total += std::max(0.0, bin.weight);
        cumulative_.push_back(total);
        lower_.push_back(lower);
        upper_.push_back(bin.upper_s);
        lower = bin.upper_s;
      }
      for (auto& c : cumulative_) c /= total > 0.0 ? total : 1.0;
      break;
    }
  }
}

double Sampler::sampleSeconds(RandomStream& rng) const {
  switch (kind_) {
    case Distribution::Kind::Exponential:
      return rng.exponential(a_);
    case Distribution::Kind::Deterministic:
      return a_;
    case Distribution::Kind::Uniform:
      return a_ + (b_ - a_) * rng.uniform();
    case Distribution::Kind::Lognormal:
      return b_ > 0.0 ? std::exp(a_ + b_ * rng.standardNormal()) : std::exp(a_);
    case Distribution::Kind::Gamma:
      return rng.gamma(a_, b_);
    case Distribution::Kind::Histogram: {
      if (cumulative_.empty()) return 0.0;
      const double u = rng.uniform();
      auto it = std::upper_bound(cumulative_.begin(), cumulative_.end(), u);
      const auto i = std::min<std::size_t>(static_cast<std::size_t>(it - cumulative_.begin()), cumulative_.size() - 1);
      return lower_[i] + (upper_[i] - lower_[i]) * rng.uniform();
    }
  }
  return 0.0;
}

}  // namespace headroom
