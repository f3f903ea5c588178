#include "simulator/estimate.h"

#include <array>
#include <cmath>

namespace headroom {

double studentT95(int dof) {
  // Two-sided 97.5% quantiles of Student's t; beyond 30 degrees of freedom a Cornish-Fisher expansion
  // around the normal quantile is accurate to better than 1e-4.
  static constexpr std::array<double, 31> table = {
      0.0,    12.7062, 4.3027, 3.1824, 2.7764, 2.5706, 2.4469, 2.3646, 2.3060, 2.2622, 2.2281,
      2.2010, 2.1788,  2.1604, 2.1448, 2.1314, 2.1199, 2.1098, 2.1009, 2.0930, 2.0860, 2.0796,
      2.0739, 2.0687,  2.0639, 2.0595, 2.0555, 2.0518, 2.0484, 2.0452, 2.0423};
  if (dof <= 0) return std::nan("");
  if (dof <= 30) return table[static_cast<std::size_t>(dof)];
  const double z = 1.959964;
  const double n = dof;
  return z + (z * z * z + z) / (4 * n) + (5 * std::pow(z, 5) + 16 * z * z * z + 3 * z) / (96 * n * n);
}

Estimate estimateFromSamples(const std::vector<double>& samples) {
  Estimate e;
  double sum = 0.0;
  int n = 0;
  for (double x : samples)
    if (std::isfinite(x)) {
      sum += x;
      ++n;
    }
  e.n = n;
  if (n == 0) return e;
  e.mean = sum / n;
  if (n < 2) return e;
  double ss = 0.0;
  for (double x : samples)
    if (std::isfinite(x)) ss += (x - e.mean) * (x - e.mean);
  const double sd = std::sqrt(ss / (n - 1));
  e.half_width = studentT95(n - 1) * sd / std::sqrt(static_cast<double>(n));
  return e;
}

}  // namespace headroom
