#include "simulator/analytic/response_time_distribution.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <vector>

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

// Smallest t with survival(t) <= 1 - p, for a continuous decreasing survival function; `scale_s` is a
// first guess of the magnitude.
double invertSurvival(const std::function<double(double)>& survival, double p, double scale_s) {
  const double target = 1.0 - p;
  double lo = 0.0, hi = scale_s;
  while (survival(hi) > target) {
    lo = hi;
    hi *= 2.0;
    if (!std::isfinite(hi)) return kNaN;
  }
  for (int i = 0; i < 200 && hi - lo > 1e-12 * hi; ++i) {
    const double mid = 0.5 * (lo + hi);
    (survival(mid) > target ? lo : hi) = mid;
  }
  return 0.5 * (lo + hi);
}

// w_k: probability that an admitted arrival has k departures to wait for before its service starts.
std::vector<double> phasesAhead(double lambda, double mu, int servers, int capacity) {
  const std::vector<double> pi = mmckDistribution(lambda, mu, servers, capacity);
  if (pi.empty() || !(pi.back() < 1.0)) return {};
  std::vector<double> w(static_cast<std::size_t>(capacity - servers) + 1, 0.0);
  for (int n = 0; n < capacity; ++n)
    w[static_cast<std::size_t>(std::max(0, n - servers + 1))] += pi[static_cast<std::size_t>(n)] / (1.0 - pi.back());
  return w;
}

double mmckSurvivalFromPhases(const std::vector<double>& w, double mu, int servers, double t_s) {
  if (t_s <= 0.0) return 1.0;
  const double theta = servers * mu;
  const double keep = 1.0 - 1.0 / servers;  // the final phase survives one uniformized event
  const double x = theta * t_s;
  const auto m_max = static_cast<std::size_t>(x + 12.0 * std::sqrt(x) + 40.0);
  // tail[m] = sum_{k >= m} w_k; carried[m] = sum_{k < m} w_k keep^(m - k)
  std::vector<double> tail(w.size() + 1, 0.0);
  for (std::size_t k = w.size(); k-- > 0;) tail[k] = tail[k + 1] + w[k];
  double carried = 0.0, survival = 0.0;
  for (std::size_t m = 0; m <= m_max; ++m) {
    const double alive = (m < tail.size() ? tail[m] : 0.0) + carried;
    const double log_pmf = -x + (m > 0 ? static_cast<double>(m) * std::log(x) : 0.0) - std::lgamma(static_cast<double>(m) + 1.0);
    survival += std::exp(log_pmf) * alive;
    carried = keep * (carried + (m < w.size() ? w[m] : 0.0));
  }
  return std::min(1.0, survival);
}

}  // namespace

double mmckResponseSurvival(double arrival_rate_per_s, double service_rate_per_s, int servers, int capacity,
                            double t_s) {
  const std::vector<double> w = phasesAhead(arrival_rate_per_s, service_rate_per_s, servers, capacity);
  if (w.empty()) return kNaN;
  return mmckSurvivalFromPhases(w, service_rate_per_s, servers, t_s);
}

double mmckResponseQuantile(double arrival_rate_per_s, double service_rate_per_s, int servers, int capacity,
                            double p) {
  if (!(p > 0.0 && p < 1.0)) return kNaN;
  const std::vector<double> w = phasesAhead(arrival_rate_per_s, service_rate_per_s, servers, capacity);
  if (w.empty()) return kNaN;
  return invertSurvival(
      [&](double t) { return mmckSurvivalFromPhases(w, service_rate_per_s, servers, t); }, p,
      1.0 / service_rate_per_s);
}

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
  if (std::isnan(mmcResponseSurvival(arrival_rate_per_s, service_rate_per_s, servers, 1.0))) return kNaN;
  // The survival function is continuous and strictly decreasing, so bisection converges.
  return invertSurvival(
      [&](double t) { return mmcResponseSurvival(arrival_rate_per_s, service_rate_per_s, servers, t); }, p,
      1.0 / service_rate_per_s);
}

}  // namespace headroom::analytic
