#include "simulator/analytic/response_time_distribution.h"

#include <cmath>

#include "simulator/analytic/markovian_queues.h"
#include "simulator/analytic/queue_metrics.h"

namespace headroom::analytic {
namespace {

// P(E_theta + E_mu > t) for independent exponentials with rates theta and mu (hypoexponential).
// Written as e^{-mu t} (1 + mu g) with g = (1 - e^{-(theta-mu) t}) / (theta - mu): expm1 keeps g exact when
// theta ~= mu (g -> t), and the direct two-term form is used when the exponent is large, where it is
// well conditioned and expm1 could overflow.
double hypoexponentialSurvival(double theta, double mu, double t) {
  const double d = theta - mu;
  if (std::abs(d) * t < 1.0) {
    const double g = (d == 0.0) ? t : -std::expm1(-d * t) / d;
    return std::exp(-mu * t) * (1.0 + mu * g);
  }
  return (theta * std::exp(-mu * t) - mu * std::exp(-theta * t)) / d;
}

}  // namespace

double mm1ResponseQuantile(double arrival_rate_per_s, double service_rate_per_s, double p) {
  const double rate = service_rate_per_s - arrival_rate_per_s;
  if (!(rate > 0.0) || arrival_rate_per_s < 0.0 || !(p > 0.0 && p < 1.0)) return kNaN;
  return -std::log1p(-p) / rate;
}

double mmcResponseSurvival(double arrival_rate_per_s, double service_rate_per_s, int servers, double t_s) {
  const double lambda = arrival_rate_per_s, mu = service_rate_per_s;
  if (servers <= 0 || !(mu > 0.0) || lambda < 0.0 || !(lambda < servers * mu)) return kNaN;
  if (t_s <= 0.0) return 1.0;
  const double c_wait = erlangC(servers, lambda / mu);
  const double theta = servers * mu - lambda;  // rate of the conditional waiting time
  return (1.0 - c_wait) * std::exp(-mu * t_s) + c_wait * hypoexponentialSurvival(theta, mu, t_s);
}

double mmcResponseQuantile(double arrival_rate_per_s, double service_rate_per_s, int servers, double p) {
  if (!(p > 0.0 && p < 1.0)) return kNaN;
  const double target = 1.0 - p;
  if (std::isnan(mmcResponseSurvival(arrival_rate_per_s, service_rate_per_s, servers, 1.0))) return kNaN;
  double lo = 0.0, hi = 1.0 / service_rate_per_s;
  while (mmcResponseSurvival(arrival_rate_per_s, service_rate_per_s, servers, hi) > target) {
    lo = hi;
    hi *= 2.0;
    if (!std::isfinite(hi)) return kNaN;
  }
  // The survival function is continuous and strictly decreasing, so bisection converges.
  for (int i = 0; i < 200 && hi - lo > 1e-12 * hi; ++i) {
    const double mid = 0.5 * (lo + hi);
    if (mmcResponseSurvival(arrival_rate_per_s, service_rate_per_s, servers, mid) > target)
      lo = mid;
    else
      hi = mid;
  }
  return 0.5 * (lo + hi);
}

}  // namespace headroom::analytic
