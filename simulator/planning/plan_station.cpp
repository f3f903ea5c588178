#include "simulator/planning/plan_station.h"

#include <algorithm>
#include <cmath>

#include "simulator/analytic/general_service_queues.h"
#include "simulator/analytic/markovian_queues.h"
#include "simulator/analytic/response_time_distribution.h"

namespace headroom::planning {
namespace {

constexpr double kP = 0.99;

// P(Wq + S > t) with Wq = 0 w.p. 1 - c, else Exp(theta); S ~ Exp(mu) (hypoexponential when waiting).
double waitPlusExpSurvival(double c, double theta, double mu, double t) {
  const double s = std::exp(-mu * t);
  double w;
  if (std::abs(theta - mu) < 1e-9 * mu)
    w = (1.0 + mu * t) * s;
  else
    w = (theta * s - mu * std::exp(-theta * t)) / (theta - mu);
  return (1.0 - c) * s + c * w;
}

double quantileBySurvival(double lo, double hi, double target, auto survival) {
  while (survival(hi) > target) hi *= 2.0;
  // 1e-5 relative: far below the model's own error, and ~17 halvings instead of ~40 (this runs every step).
  for (int i = 0; i < 60 && hi - lo > 1e-5 * hi; ++i) {
    const double mid = 0.5 * (lo + hi);
    (survival(mid) > target ? lo : hi) = mid;
  }
  return 0.5 * (lo + hi);
}

}  // namespace

double holdP99(double mean_s, double scv) {
  if (!(mean_s > 0)) return 0.0;
  // Exponential (scv 1): ln(100) = 4.605 means; heavier tails stretch with the standard deviation.
  if (scv >= 0.5) return mean_s * (1.0 + (std::log(1.0 / (1.0 - kP)) - 1.0) * std::sqrt(scv));
  return mean_s * (1.0 + 2.326 * std::sqrt(scv));
}

StationOutput evaluateStation(const StationInput& in) {
  StationOutput out;
  const double lambda = std::max(0.0, in.arrivals_per_s);
  const double h = in.hold_mean_s;
  if (in.infinite_servers || !(h > 0)) {
    out.response_mean_s = std::max(0.0, h);
    out.response_p99_s = holdP99(h, in.hold_scv);
    return out;
  }
  const int w = std::max(1, in.servers_per_replica);
  const int n = std::max(0, in.replicas);
  const double servers = static_cast<double>(n) * w;
  double mu_total = servers / h;
  if (in.throughput_cap_per_s > 0) mu_total = std::min(mu_total, in.throughput_cap_per_s);
  const double q_max = in.queue_capacity_per_replica ? static_cast<double>(n) * *in.queue_capacity_per_replica : INFINITY;

  if (in.queue > 0 || lambda >= mu_total * (1.0 - 1e-9) || n == 0) {
    out.saturated = true;
    double q = in.queue + (lambda - mu_total) * in.step_s;
    if (q < 0) q = 0;
    if (q > q_max) {
      out.rejections_per_s = (q - q_max) / in.step_s;
      q = q_max;
    }
    out.fluid_queue = q;
    out.queue = q;
    const double done = std::min(lambda - out.rejections_per_s + in.queue / in.step_s, mu_total);
    out.utilization = servers > 0 ? std::min(1.0, done * h / servers) : 0.0;
    if (q > 0 && servers > 0) out.utilization = std::min(1.0, mu_total * h / servers);
    const double wait = mu_total > 0 ? 0.5 * (in.queue + q) / mu_total : INFINITY;
    out.response_mean_s = wait + h;
    out.response_p99_s = (mu_total > 0 ? q / mu_total : INFINITY) + holdP99(h, in.hold_scv);
    return out;
  }

  // Stationary: one queue per replica with 1/n of the arrivals.
  const double lr = lambda / n;
  const double mu = 1.0 / h;
  if (in.processor_sharing) {
    const analytic::QueueMetrics qm = analytic::mgcProcessorSharing(lr, h, w);
    out.utilization = qm.utilization;
    out.queue = qm.mean_queue_length * n;
    out.response_mean_s = qm.response_mean_s;
    // No closed form for PS sojourn quantiles: the M/M/c FCFS p99 at the same load (a documented approximation).
    out.response_p99_s = std::max(analytic::mmcResponseQuantile(lr, mu, w, kP), holdP99(h, in.hold_scv));
    return out;
  }
  if (in.queue_capacity_per_replica && lr / (w * mu) > 0.7) {
    // The bounded queue matters only near saturation; below, its quantile (costly: O(theta t + K)) equals M/M/c's.
    const int k = w + *in.queue_capacity_per_replica;
    const analytic::QueueMetrics qm = analytic::mmck(lr, mu, w, k);
    out.utilization = qm.utilization;
    out.queue = qm.mean_queue_length * n;
    out.rejections_per_s = lambda * qm.blocking_probability;
    const double ac = 0.5 * (1.0 + in.hold_scv);
    out.response_mean_s = h + ac * qm.waiting_mean_s;
    out.response_p99_s = analytic::mmckResponseQuantile(lr, mu, w, k, kP);
    if (std::abs(in.hold_scv - 1.0) > 0.25) out.response_p99_s = h + ac * (out.response_p99_s - h) + (holdP99(h, in.hold_scv) - holdP99(h, 1.0));
    out.response_p99_s = std::max(out.response_p99_s, h);
    return out;
  }
  const double a = lr / mu;
  const double c = analytic::erlangC(w, a);
  const double ac = 0.5 * (1.0 + in.hold_scv);  // Allen-Cunneen, Poisson arrivals
  const double theta = (w * mu - lr) / ac;        // rate of the conditional wait
  out.utilization = a / w;
  out.response_mean_s = h + c / theta;
  out.queue = lambda * c / theta;  // Little on the wait
  if (in.hold_scv >= 0.5) {
    out.response_p99_s = quantileBySurvival(0.0, 10.0 * h, 1.0 - kP, [&](double t) { return waitPlusExpSurvival(c, theta, mu, t); });
    if (std::abs(in.hold_scv - 1.0) > 0.25) out.response_p99_s += holdP99(h, in.hold_scv) - holdP99(h, 1.0);
  } else {
    const double wq99 = c > 1.0 - kP ? std::log(c / (1.0 - kP)) / theta : 0.0;
    out.response_p99_s = std::max(holdP99(h, in.hold_scv), h + wq99);
  }
  return out;
}

}  // namespace headroom::planning
