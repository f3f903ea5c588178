#pragma once
// Open Jackson network of multi-server stations (Jackson, "Jobshop-like queueing systems", Management
// Science 1963; Gross et al., "Fundamentals of Queueing Theory", section 5.2). Requests arrive from outside
// as Poisson streams, are routed between stations by fixed probabilities, and each station behaves as an
// independent M/M/c_i with its total arrival rate (product form).
//
// Units: rates in REQUESTS PER SECOND, times in SECONDS. Pure functions, any thread.
#include <optional>
#include <string>
#include <vector>

#include <Eigen/Dense>

#include "simulator/analytic/queue_metrics.h"

namespace headroom::analytic {

struct JacksonStation {
  std::string name;
  int servers = 1;             // 0 = infinite servers (pure delay, M/M/infinity)
  double service_mean_s = 0.0;
};

struct JacksonResult {
  bool ok = false;
  std::string error;                     // why !ok: singular routing, or the first unstable station
  std::vector<std::string> unstable;     // every station with utilization >= 1, by name
  Eigen::VectorXd arrival_rate_per_s;    // lambda_i: total visits per second (external + routed)
  std::vector<QueueMetrics> stations;    // per station; W_i = L_i / lambda_i is the PER-VISIT response
  double throughput_per_s = 0.0;         // sum of external rates (everything that enters leaves)
  double mean_in_system = 0.0;           // sum of L_i
  double response_mean_s = 0.0;          // Little: sum L_i / sum gamma_i
};

// Solves the traffic equations lambda = gamma + P^T lambda, i.e. (I - P^T) lambda = gamma.
// routing(i, j) = probability that a request finishing at i goes next to j; rows sum to <= 1 and the
// remainder leaves. Returns nullopt when I - P^T is singular (some requests can never leave) or the
// solution has a negative component.
std::optional<Eigen::VectorXd> solveTrafficEquations(const Eigen::VectorXd& external_rate_per_s,
                                                     const Eigen::MatrixXd& routing);

JacksonResult solveOpenJackson(const std::vector<JacksonStation>& stations,
                               const Eigen::VectorXd& external_rate_per_s, const Eigen::MatrixXd& routing);

}  // namespace headroom::analytic
