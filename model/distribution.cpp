#include "model/distribution.h"

#include <cmath>

namespace headroom {

Distribution Distribution::exponential(double mean_s) {
  Distribution d;
  d.kind = Kind::Exponential;
  d.mean_s = mean_s;
  return d;
}

Distribution Distribution::deterministic(double value_s) {
  Distribution d;
  d.kind = Kind::Deterministic;
  d.mean_s = value_s;
  d.cv = 0.0;
  return d;
}

Distribution Distribution::uniform(double min_s, double max_s) {
  Distribution d;
  d.kind = Kind::Uniform;
  d.min_s = min_s;
  d.max_s = max_s;
  d.mean_s = 0.5 * (min_s + max_s);
  return d;
}

Distribution Distribution::lognormal(double mean_s, double cv) {
  Distribution d;
  d.kind = Kind::Lognormal;
  d.mean_s = mean_s;
  d.cv = cv;
  return d;
}

Distribution Distribution::gamma(double mean_s, double cv) {
  Distribution d;
  d.kind = Kind::Gamma;
  d.mean_s = mean_s;
  d.cv = cv;
  return d;
}

double Distribution::mean() const {
  switch (kind) {
    case Kind::Uniform:
      return 0.5 * (min_s + max_s);
    case Kind::Histogram: {
      double lower = min_s, total = 0.0, acc = 0.0;
      for (const auto& b : bins) {
        acc += b.weight * 0.5 * (lower + b.upper_s);
        total += b.weight;
        lower = b.upper_s;
      }
      return total > 0.0 ? acc / total : 0.0;
    }
    default:
      return mean_s;
  }
}

double Distribution::secondMoment() const {
  switch (kind) {
    case Kind::Exponential:
      return 2.0 * mean_s * mean_s;
    case Kind::Deterministic:
      return mean_s * mean_s;
    case Kind::Uniform:
      return (min_s * min_s + min_s * max_s + max_s * max_s) / 3.0;
    case Kind::Lognormal:
    case Kind::Gamma:
      return mean_s * mean_s * (1.0 + cv * cv);
    case Kind::Histogram: {
      // uniform inside each bin: E[X^2] = (a^2 + ab + b^2) / 3
      double lower = min_s, total = 0.0, acc = 0.0;
      for (const auto& b : bins) {
        const double a = lower, c = b.upper_s;
        acc += b.weight * (a * a + a * c + c * c) / 3.0;
        total += b.weight;
        lower = b.upper_s;
      }
      return total > 0.0 ? acc / total : 0.0;
    }
  }
  return 0.0;
}

double Distribution::squaredCoefficientOfVariation() const {
  const double m = mean();
  if (m <= 0.0) return 0.0;
  return secondMoment() / (m * m) - 1.0;
}

const char* distributionKindName(Distribution::Kind kind) {
  switch (kind) {
    case Distribution::Kind::Exponential: return "exponential";
    case Distribution::Kind::Deterministic: return "deterministic";
    case Distribution::Kind::Uniform: return "uniform";
    case Distribution::Kind::Lognormal: return "lognormal";
    case Distribution::Kind::Gamma: return "gamma";
    case Distribution::Kind::Histogram: return "histogram";
  }
  return "?";
}

std::string Distribution::kindName() const { return distributionKindName(kind); }

}  // namespace headroom
