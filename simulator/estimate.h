#pragma once
// A KPI estimated across independent replications: the mean and the half-width of its 95% confidence
// interval (Student t with n-1 degrees of freedom). half_width is NaN when n < 2.
#include <cmath>
#include <limits>
#include <vector>

namespace headroom {

struct Estimate {
  double mean = std::numeric_limits<double>::quiet_NaN();
  double half_width = std::numeric_limits<double>::quiet_NaN();
  int n = 0;

  double lower() const { return mean - half_width; }
  double upper() const { return mean + half_width; }
  bool contains(double x) const { return std::isfinite(half_width) && x >= lower() && x <= upper(); }
  double relativeHalfWidth() const { return mean != 0.0 ? half_width / std::abs(mean) : half_width; }
};

// Two-sided 95% Student t quantile for `dof` degrees of freedom.
double studentT95(int dof);
// Student t distribution: CDF and quantile (p in (0, 1)) for `dof` > 0 degrees of freedom.
double studentTCdf(double t, int dof);
double studentTQuantile(double p, int dof);
// Factor that widens a 95% CI from n replications so that `comparisons` intervals hold together with 95%
// probability (Bonferroni): t(1 - 0.025/comparisons, n-1) / t(0.975, n-1). Checking many KPIs against
// exact values, about 5% of plain 95% intervals miss by chance; the simultaneous interval does not.
double simultaneousWidening(int comparisons, int n);
// Mean and 95% CI of the finite values in `samples` (NaNs, e.g. a percentile with no data, are skipped).
Estimate estimateFromSamples(const std::vector<double>& samples);

}  // namespace headroom
