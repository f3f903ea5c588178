#pragma once
// Exact Mean Value Analysis of a single-chain closed product-form network: N users, each thinking for a
// mean Z seconds (an infinite-server delay) and then visiting the stations.
//   - Single-server stations (FCFS with exponential service, or PS with any service):
//       R_i(n) = D_i (1 + Q_i(n-1)), X(n) = n / (Z + sum R_i(n)), Q_i(n) = X(n) R_i(n)
//     (Reiser & Lavenberg, "Mean-value analysis of closed multichain queuing networks", JACM 1980;
//      Lazowska et al., "Quantitative System Performance", 1984, ch. 6).
//   - Delay stations: R_i(n) = D_i.
//   - Multi-server stations (c servers, rate min(j, c) / D_i with j present): load-dependent MVA on
//     marginal probabilities computes p_i(0 | n) as 1 - sum, which cancels catastrophically near
//     saturation. So networks with such a station are solved instead by the equivalent exact convolution
//     algorithm (Buzen, "Computational algorithms for closed queueing networks with exponential servers",
//     CACM 1973; Lazowska et al., ch. 20): G(N) = (f_1 * ... * f_M * f_Z)(N) with
//     f_i(k) = D_i^k / prod_{j<=k} min(j, c_i), X(N) = G(N-1) / G(N). Every term is positive and the
//     sums are done in log space, so it is stable for any population.
// D_i is the service DEMAND per user cycle: visit ratio x mean service time. Think time and delay
// stations are insensitive to their distribution (only means matter).
// Units: demands and think time in SECONDS, throughput in REQUESTS (cycles) PER SECOND. Pure, any thread.
#include <string>
#include <vector>

namespace headroom::analytic {

struct MvaStation {
  std::string name;
  int servers = 1;         // 1 = single server, c > 1 = load dependent, 0 = delay (infinite servers)
  double demand_s = 0.0;   // D_i = V_i * E[S_i]
};

struct MvaStationResult {
  double residence_s = 0.0;     // R_i: time per user cycle spent at the station (all visits together)
  double queue_length = 0.0;    // Q_i: mean requests present (waiting + in service)
  double busy_servers = 0.0;    // X D_i: mean servers busy (Little on the servers)
  double utilization = 0.0;     // busy_servers / servers; NaN for delay stations
};

struct MvaResult {
  bool ok = false;
  std::string error;
  int population = 0;
  double throughput_per_s = 0.0;  // X(N): user cycles (requests) per second
  double response_s = 0.0;        // R = sum R_i = N / X - Z
  std::vector<MvaStationResult> stations;
};

MvaResult solveClosedMva(const std::vector<MvaStation>& stations, double think_time_s, int population);

}  // namespace headroom::analytic
