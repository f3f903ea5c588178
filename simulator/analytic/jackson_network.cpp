#include "simulator/analytic/jackson_network.h"

#include <cstdio>

#include "simulator/analytic/general_service_queues.h"
#include "simulator/analytic/markovian_queues.h"

namespace headroom::analytic {

std::optional<Eigen::VectorXd> solveTrafficEquations(const Eigen::VectorXd& external_rate_per_s,
                                                     const Eigen::MatrixXd& routing) {
  const Eigen::Index n = external_rate_per_s.size();
  if (routing.rows() != n || routing.cols() != n) return std::nullopt;
  if (n == 0) return Eigen::VectorXd(0);
  const Eigen::MatrixXd a = Eigen::MatrixXd::Identity(n, n) - routing.transpose();
  Eigen::FullPivLU<Eigen::MatrixXd> lu(a);
  if (!lu.isInvertible()) return std::nullopt;
  Eigen::VectorXd lambda = lu.solve(external_rate_per_s);
  for (Eigen::Index i = 0; i < n; ++i) {
    if (!(lambda(i) >= -1e-12 * (1.0 + lambda.cwiseAbs().maxCoeff()))) return std::nullopt;
    if (lambda(i) < 0.0) lambda(i) = 0.0;  // round-off only
  }
  return lambda;
}

JacksonResult solveOpenJackson(const std::vector<JacksonStation>& stations,
                               const Eigen::VectorXd& external_rate_per_s, const Eigen::MatrixXd& routing) {
  JacksonResult r;
  if (external_rate_per_s.size() != static_cast<Eigen::Index>(stations.size())) {
    r.error = "external rates and stations differ in size";
    return r;
  }
  auto lambda = solveTrafficEquations(external_rate_per_s, routing);
  if (!lambda) {
    r.error = "the routing has a closed loop that requests can never leave (I - P^T is singular)";
    return r;
  }
  r.arrival_rate_per_s = *lambda;
  r.throughput_per_s = external_rate_per_s.sum();
  for (std::size_t i = 0; i < stations.size(); ++i) {
    const JacksonStation& s = stations[i];
    const double li = (*lambda)(static_cast<Eigen::Index>(i));
    QueueMetrics m = s.servers == 0 ? mgInfinity(li, s.service_mean_s) : mmc(li, 1.0 / s.service_mean_s, s.servers);
    if (!m.stable) {
      char buf[160];
      std::snprintf(buf, sizeof buf, "utilization %.4g >= 1", m.utilization);
      r.unstable.push_back(s.name);
      if (r.error.empty()) r.error = "station '" + s.name + "' is unstable: " + buf;
    } else {
      r.mean_in_system += m.mean_in_system;
    }
    r.stations.push_back(m);
  }
  if (!r.unstable.empty()) return r;
  r.ok = true;
  r.response_mean_s = r.throughput_per_s > 0.0 ? r.mean_in_system / r.throughput_per_s : 0.0;
  return r;
}

}  // namespace headroom::analytic
