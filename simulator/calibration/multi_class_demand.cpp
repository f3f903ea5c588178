#include "simulator/calibration/multi_class_demand.h"

#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "simulator/calibration/nnls.h"
#include "simulator/calibration/series_points.h"

namespace headroom {

const ClassDemand* MultiClassDemandEstimate::find(const std::string& cls) const {
  for (const auto& c : classes)
    if (c.request_class == cls) return &c;
  return nullptr;
}

namespace {

bool isUtilizationUnit(const std::string& u) { return u == "ratio" || u == "percent"; }

}  // namespace

MultiClassDemandEstimate estimateMultiClassDemand(const TimeSeries& busy, const std::vector<ClassThroughput>& classes,
                                                  int servers, const MultiClassDemandOptions& options) {
  if (classes.empty()) throw std::invalid_argument("multi-class service demand: no request class given");
  MultiClassDemandEstimate est;
  est.servers = servers;
  TimeSeries busyServers = busy;
  if (isUtilizationUnit(busy.unit)) {
    if (servers < 1)
      throw std::invalid_argument(calibration::describe(busy) + " is a utilization [" + busy.unit +
                                  "]: the server count is needed to turn it into busy servers (give --servers)");
    busyServers = calibration::toFraction(busy);
    for (double& v : busyServers.value) v *= servers;
  } else if (!(busy.unit.empty() || busy.unit == "count")) {
    throw std::invalid_argument(calibration::describe(busy) + ": unit '" + busy.unit +
                                "' is neither a utilization (ratio, percent) nor a busy-workers count");
  }
  // Saturation is judged on utilization; with a bare busy count and no server count it cannot be judged.
  const double saturatedBusy = servers >= 1 ? options.saturation_threshold * servers : INFINITY;

  std::vector<std::vector<calibration::Point>> xs;
  for (const auto& c : classes) {
    std::string note;
    xs.push_back(calibration::finitePoints(calibration::toRatePerSecond(c.throughput, options.count_interval_s, &note)));
    if (!note.empty()) est.warnings.push_back(c.request_class + ": " + note);
  }
  int gaps = 0;
  const auto bPts = calibration::finitePoints(busyServers, &gaps);
  est.points_dropped_gap = gaps;
  double tol = options.tolerance_s;
  if (!(tol > 0)) tol = calibration::medianStep_s(busyServers) / 2.0;

  const std::size_t k = classes.size();
  const std::size_t cols = k + (options.background ? 1 : 0);
  std::vector<std::vector<double>> rows;
  std::vector<double> y;
  for (const auto& p : bPts) {
    if (p.v > saturatedBusy) {
      ++est.points_dropped_saturated;
      continue;
    }
    std::vector<double> row;
    for (std::size_t j = 0; j < k; ++j) {
      const int i = calibration::nearestIndex(xs[j], p.t_s, tol);
      if (i < 0) break;
      row.push_back(std::max(0.0, xs[j][static_cast<std::size_t>(i)].v));
    }
    if (row.size() < k) {
      ++est.points_dropped_unpaired;
      continue;
    }
    if (options.background) row.push_back(1.0);
    rows.push_back(std::move(row));
    y.push_back(p.v);
  }
  est.points_used = static_cast<int>(rows.size());
  if (est.points_dropped_gap)
    est.warnings.push_back(std::to_string(est.points_dropped_gap) + " busy samples dropped: no value (NaN gap)");
  if (est.points_dropped_saturated)
    est.warnings.push_back(std::to_string(est.points_dropped_saturated) + " samples dropped: utilization above " +
                           std::to_string(options.saturation_threshold) +
                           " (saturated: throughput measures capacity, not demand)");
  if (est.points_dropped_unpaired)
    est.warnings.push_back(std::to_string(est.points_dropped_unpaired) +
                           " samples dropped: some class had no throughput sample within " + std::to_string(tol) + " s");
  if (rows.size() < cols + 1) {
    est.warnings.push_back("only " + std::to_string(rows.size()) + " usable samples for " + std::to_string(cols) +
                           " unknowns: no estimate");
    return est;
  }
  if (est.points_used < options.min_points)
    est.warnings.push_back("only " + std::to_string(est.points_used) + " usable samples (want >= " +
                           std::to_string(options.min_points) + "): the estimate is fragile");
  const auto n = static_cast<Eigen::Index>(rows.size());
  Eigen::MatrixXd A(n, static_cast<Eigen::Index>(cols));
  Eigen::VectorXd b(n);
  for (Eigen::Index i = 0; i < n; ++i) {
    for (std::size_t j = 0; j < cols; ++j) A(i, static_cast<Eigen::Index>(j)) = rows[static_cast<std::size_t>(i)][j];
    b(i) = y[static_cast<std::size_t>(i)];
  }
  // Columns are scaled to unit norm for the solver (class rates differ by orders of magnitude).
  Eigen::VectorXd scale(static_cast<Eigen::Index>(cols));
  for (Eigen::Index j = 0; j < A.cols(); ++j) scale(j) = A.col(j).norm() > 0 ? A.col(j).norm() : 1.0;
  const Eigen::MatrixXd As = A * scale.cwiseInverse().asDiagonal();
  const calibration::NnlsResult sol = calibration::solveNnls(As, b);
  const Eigen::VectorXd x = sol.x.cwiseQuotient(scale);
  if (!sol.converged) est.warnings.push_back("NNLS did not converge in " + std::to_string(sol.iterations) + " iterations");

  const Eigen::JacobiSVD<Eigen::MatrixXd> svd(As);
  const auto& sv = svd.singularValues();
  est.condition_number = sv(sv.size() - 1) > 0 ? sv(0) / sv(sv.size() - 1) : INFINITY;

  const Eigen::VectorXd resid = A * x - b;
  const double rss = resid.squaredNorm();
  const double mean = b.mean();
  const double tss = (b.array() - mean).square().sum();
  est.r_squared = tss > 0 ? 1.0 - rss / tss : (rss == 0 ? 1.0 : 0.0);
  est.rmse_busy_servers = std::sqrt(rss / static_cast<double>(n));

  // Standard errors from the unconstrained least squares on the columns left free: s^2 (A_f^T A_f)^-1.
  std::vector<Eigen::Index> free;
  for (Eigen::Index j = 0; j < x.size(); ++j)
    if (x(j) > 0) free.push_back(j);
  Eigen::VectorXd se = Eigen::VectorXd::Zero(x.size());
  const auto dof = static_cast<double>(n) - static_cast<double>(free.size());
  if (!free.empty() && dof > 0) {
    Eigen::MatrixXd Af(n, static_cast<Eigen::Index>(free.size()));
    for (std::size_t f = 0; f < free.size(); ++f) Af.col(static_cast<Eigen::Index>(f)) = A.col(free[f]);
    const Eigen::MatrixXd cov = (rss / dof) * (Af.transpose() * Af).inverse();
    for (std::size_t f = 0; f < free.size(); ++f)
      se(free[f]) = std::sqrt(std::max(0.0, cov(static_cast<Eigen::Index>(f), static_cast<Eigen::Index>(f))));
  }
  for (std::size_t j = 0; j < k; ++j) {
    ClassDemand d;
    d.request_class = classes[j].request_class;
    d.service_time_s = x(static_cast<Eigen::Index>(j));
    d.std_error_s = se(static_cast<Eigen::Index>(j));
    d.at_bound = !(d.service_time_s > 0);
    d.mean_throughput_per_s = A.col(static_cast<Eigen::Index>(j)).mean();
    if (d.at_bound)
      est.warnings.push_back("class '" + d.request_class +
                             "': service time at the bound 0 (NNLS): its demand cannot be told apart from the others'");
    else if (d.std_error_s > 0.25 * d.service_time_s)
      est.warnings.push_back("class '" + d.request_class + "': standard error is " +
                             std::to_string(static_cast<int>(100 * d.std_error_s / d.service_time_s)) +
                             "% of the estimate (the class mix varies too little over time?)");
    est.classes.push_back(d);
  }
  if (options.background) est.background_busy_servers = x(static_cast<Eigen::Index>(k));
  if (est.condition_number > 1e3)
    est.warnings.push_back("per-class throughputs are nearly collinear (condition number " +
                           std::to_string(static_cast<long long>(est.condition_number)) +
                           "): the split between classes is poorly determined");
  if (est.r_squared < 0.5) est.warnings.push_back("poor fit (R^2 " + std::to_string(est.r_squared) + ")");
  est.ok = std::any_of(est.classes.begin(), est.classes.end(), [](const ClassDemand& c) { return !c.at_bound; });
  return est;
}

}  // namespace headroom
