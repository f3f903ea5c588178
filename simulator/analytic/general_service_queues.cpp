#include "simulator/analytic/general_service_queues.h"

#include "simulator/analytic/markovian_queues.h"

namespace headroom::analytic {

QueueMetrics mg1Fcfs(double arrival_rate_per_s, double service_mean_s, double service_second_moment_s2) {
  QueueMetrics m;
  const double lambda = arrival_rate_per_s;
  if (lambda < 0.0 || !(service_mean_s > 0.0) || service_second_moment_s2 < 0.0) return m;
  const double rho = lambda * service_mean_s;
  m.utilization = rho;
  if (!(rho < 1.0)) return m;
  m.stable = true;
  m.throughput_per_s = lambda;
  m.waiting_mean_s = lambda * service_second_moment_s2 / (2.0 * (1.0 - rho));
  m.response_mean_s = m.waiting_mean_s + service_mean_s;
  m.mean_queue_length = lambda * m.waiting_mean_s;
  m.mean_in_system = lambda * m.response_mean_s;
  return m;
}

QueueMetrics mgcProcessorSharing(double arrival_rate_per_s, double service_mean_s, int cores) {
  if (!(service_mean_s > 0.0)) return {};
  // Same number-in-system law as M/M/c with the same mean (symmetric queue), so reuse its L and W.
  QueueMetrics m = mmc(arrival_rate_per_s, 1.0 / service_mean_s, cores);
  if (!m.stable) return m;
  m.waiting_mean_s = 0.0;  // mean_queue_length stays E[(n - c)+]
  return m;
}

QueueMetrics mgInfinity(double arrival_rate_per_s, double service_mean_s) {
  QueueMetrics m;
  if (arrival_rate_per_s < 0.0 || service_mean_s < 0.0) return m;
  m.stable = true;
  m.throughput_per_s = arrival_rate_per_s;
  m.mean_in_system = arrival_rate_per_s * service_mean_s;
  m.mean_queue_length = 0.0;
  m.response_mean_s = service_mean_s;
  m.waiting_mean_s = 0.0;
  return m;
}

}  // namespace headroom::analytic
