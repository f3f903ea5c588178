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
// Mean and 95% CI of the finite values in `samples` (NaNs, e.g. a percentile with no data, are skipped).
Estimate estimateFromSamples(const std::vector<double>& samples);

}  // namespace headroom
