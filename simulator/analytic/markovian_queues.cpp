#include "simulator/analytic/markovian_queues.h"

#include <algorithm>
#include <cmath>

namespace headroom::analytic {

double erlangB(int servers, double offered_load) {
  if (servers <= 0) return 1.0;
  double b = 1.0;
  for (int k = 1; k <= servers; ++k) b = offered_load * b / (k + offered_load * b);
  return b;
}

double erlangC(int servers, double offered_load) {
  if (servers <= 0 || offered_load >= servers) return 1.0;
  if (offered_load <= 0.0) return 0.0;
  const double b = erlangB(servers, offered_load);
  // C = c B / (c - a (1 - B)): the standard B -> C conversion, no factorials involved.
  return servers * b / (servers - offered_load * (1.0 - b));
}

QueueMetrics mm1(double arrival_rate_per_s, double service_rate_per_s) {
  return mmc(arrival_rate_per_s, service_rate_per_s, 1);
}

QueueMetrics mmc(double arrival_rate_per_s, double service_rate_per_s, int servers) {
  QueueMetrics m;
  const double lambda = arrival_rate_per_s, mu = service_rate_per_s;
  if (servers <= 0 || !(mu > 0.0) || lambda < 0.0) return m;
  const double a = lambda / mu;
  m.utilization = a / servers;
  if (!(a < servers)) return m;  // unstable: only the (>= 1) utilization is meaningful
  m.stable = true;
  m.throughput_per_s = lambda;
  const double c_wait = erlangC(servers, a);
  m.waiting_mean_s = c_wait / (servers * mu - lambda);
  m.response_mean_s = m.waiting_mean_s + 1.0 / mu;
  m.mean_queue_length = lambda * m.waiting_mean_s;
  m.mean_in_system = lambda * m.response_mean_s;
  return m;
}

std::vector<double> mmckDistribution(double arrival_rate_per_s, double service_rate_per_s, int servers,
                                     int capacity) {
  if (servers <= 0 || capacity < servers || !(service_rate_per_s > 0.0) || arrival_rate_per_s < 0.0) return {};
  std::vector<double> p(static_cast<std::size_t>(capacity) + 1, 0.0);
  if (arrival_rate_per_s == 0.0) {
    p[0] = 1.0;
    return p;
  }
  // log of the unnormalised birth-death terms: t_n = t_{n-1} * a / min(n, c)
  const double log_a = std::log(arrival_rate_per_s / service_rate_per_s);
  std::vector<double> log_t(p.size(), 0.0);
  for (std::size_t n = 1; n < p.size(); ++n)
    log_t[n] = log_t[n - 1] + log_a - std::log(static_cast<double>(std::min<int>(static_cast<int>(n), servers)));
  const double peak = *std::max_element(log_t.begin(), log_t.end());
  double total = 0.0;
  for (std::size_t n = 0; n < p.size(); ++n) total += (p[n] = std::exp(log_t[n] - peak));
  for (double& x : p) x /= total;
  return p;
}

QueueMetrics mmck(double arrival_rate_per_s, double service_rate_per_s, int servers, int capacity) {
  QueueMetrics m;
  const std::vector<double> p = mmckDistribution(arrival_rate_per_s, service_rate_per_s, servers, capacity);
  if (p.empty()) return m;
  m.stable = true;
  m.blocking_probability = p.back();
  m.throughput_per_s = arrival_rate_per_s * (1.0 - m.blocking_probability);
  double l = 0.0, lq = 0.0;
  for (std::size_t n = 0; n < p.size(); ++n) {
    l += static_cast<double>(n) * p[n];
    lq += static_cast<double>(std::max<int>(0, static_cast<int>(n) - servers)) * p[n];
  }
  m.mean_in_system = l;
  m.mean_queue_length = lq;
  m.utilization = (l - lq) / servers;
  if (m.throughput_per_s > 0.0) {
    m.response_mean_s = l / m.throughput_per_s;
    m.waiting_mean_s = lq / m.throughput_per_s;
  } else {
    m.response_mean_s = 1.0 / service_rate_per_s;
    m.waiting_mean_s = 0.0;
  }
  return m;
}

}  // namespace headroom::analytic
