#pragma once
// A non-negative random duration (service time, think time, latency) described by its family and its
// parameters. All durations are in SECONDS. Sampling lives in simulator/ (it needs a random stream);
// here only the description and its exact moments, which the analytic models need.
#include <string>
#include <vector>

namespace headroom {

struct HistogramBin {
  double upper_s = 0.0;  // bin covers (previous upper, upper]; the first bin starts at lower_s of the distribution
  double weight = 0.0;   // relative frequency, need not sum to 1
};

struct Distribution {
  enum class Kind { Exponential, Deterministic, Uniform, Lognormal, Gamma, Histogram };
  Kind kind = Kind::Exponential;
  double mean_s = 0.0;  // Exponential, Lognormal, Gamma; Deterministic value
  double cv = 1.0;      // coefficient of variation (stddev / mean) for Lognormal and Gamma
  double min_s = 0.0;   // Uniform lower bound; Histogram lower edge of the first bin
  double max_s = 0.0;   // Uniform upper bound
  std::vector<HistogramBin> bins;  // Histogram: sampled uniformly inside the chosen bin

  static Distribution exponential(double mean_s);
  static Distribution deterministic(double value_s);
  static Distribution uniform(double min_s, double max_s);
  static Distribution lognormal(double mean_s, double cv);
  static Distribution gamma(double mean_s, double cv);

  double mean() const;                       // seconds
  double secondMoment() const;               // seconds^2
  double squaredCoefficientOfVariation() const;
  bool isExponential() const { return kind == Kind::Exponential; }
  std::string kindName() const;
};

const char* distributionKindName(Distribution::Kind kind);

}  // namespace headroom
