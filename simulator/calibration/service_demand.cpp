#include "simulator/calibration/service_demand.h"

#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "simulator/calibration/series_points.h"

namespace headroom {

namespace {

using calibration::Point;

double pairingTolerance(double requested, const TimeSeries& s) {
  if (requested > 0) return requested;
  const double step = calibration::medianStep_s(s);
  return step > 0 ? step / 2.0 : 0.0;
}

double rSquared(double rss, const std::vector<double>& y) {
  double mean = 0.0;
  for (double v : y) mean += v;
  mean /= static_cast<double>(y.size());
  double tss = 0.0;
  for (double v : y) tss += (v - mean) * (v - mean);
  return tss > 0 ? 1.0 - rss / tss : (rss == 0 ? 1.0 : 0.0);
}

}  // namespace

ServiceDemandEstimate estimateServiceDemand(const TimeSeries& utilization, const TimeSeries& throughput, int servers,
                                            const ServiceDemandOptions& options) {
  if (servers < 1)
    throw std::invalid_argument("service demand of " + calibration::describe(utilization) +
                                ": servers must be >= 1, got " + std::to_string(servers));
  ServiceDemandEstimate est;
  est.servers = servers;
  std::string note;
  const TimeSeries u = calibration::toFraction(utilization, &note);
  if (!note.empty()) est.warnings.push_back(note);
  note.clear();
  const TimeSeries x = calibration::toRatePerSecond(throughput, options.count_interval_s, &note);
  if (!note.empty()) est.warnings.push_back(note);

  const auto uPts = calibration::finitePoints(u);
  const auto xPts = calibration::finitePoints(x);
  const double tol = pairingTolerance(options.tolerance_s, x);
  std::vector<double> xs, ys;  // X and U*c
  for (const Point& p : uPts) {
    const int j = calibration::nearestIndex(xPts, p.t_s, tol);
    if (j < 0) {
      ++est.points_unpaired;
      continue;
    }
    if (p.v > options.saturation_threshold) {
      ++est.points_saturated;
      continue;
    }
    const double xv = xPts[static_cast<std::size_t>(j)].v;
    if (xv < 0 || p.v < 0) continue;
    xs.push_back(xv);
    ys.push_back(p.v * servers);
  }
  est.points_used = static_cast<int>(xs.size());
  if (est.points_saturated > 0)
    est.warnings.push_back(std::to_string(est.points_saturated) + " saturated samples (U > " +
                           std::to_string(options.saturation_threshold) +
                           ") excluded: at saturation throughput measures capacity, not demand");
  if (est.points_unpaired > 0)
    est.warnings.push_back(std::to_string(est.points_unpaired) +
                           " utilization samples had no throughput sample within " + std::to_string(tol) + " s");
  if (est.points_used < options.min_points)
    est.warnings.push_back("only " + std::to_string(est.points_used) + " usable sample pairs (want >= " +
                           std::to_string(options.min_points) + "): the estimate is fragile");
  double sxx = 0.0, sxy = 0.0;
  for (std::size_t i = 0; i < xs.size(); ++i) {
    sxx += xs[i] * xs[i];
    sxy += xs[i] * ys[i];
  }
  if (xs.empty() || !(sxx > 0)) {
    est.warnings.push_back("no sample pair with positive throughput: no service time can be estimated");
    return est;
  }
  est.ok = true;
  est.service_time_s = sxy / sxx;
  double rss = 0.0;
  for (std::size_t i = 0; i < xs.size(); ++i) rss += std::pow(ys[i] - est.service_time_s * xs[i], 2);
  const auto n = static_cast<double>(xs.size());
  est.service_time_std_error_s = n > 1 ? std::sqrt(rss / (n - 1) / sxx) : 0.0;
  est.r_squared = rSquared(rss, ys);

  if (xs.size() >= 3) {
    Eigen::MatrixXd A(static_cast<Eigen::Index>(xs.size()), 2);
    Eigen::VectorXd b(static_cast<Eigen::Index>(xs.size()));
    for (std::size_t i = 0; i < xs.size(); ++i) {
      A(static_cast<Eigen::Index>(i), 0) = 1.0;
      A(static_cast<Eigen::Index>(i), 1) = xs[i];
      b(static_cast<Eigen::Index>(i)) = ys[i];
    }
    const Eigen::ColPivHouseholderQR<Eigen::MatrixXd> qr(A);
    if (qr.rank() == 2) {
      const Eigen::Vector2d c = qr.solve(b);
      est.background_busy_servers = c(0);
      est.service_time_with_intercept_s = c(1);
      est.r_squared_with_intercept = rSquared((A * c - b).squaredNorm(), ys);
      if (c(0) < 0 && std::abs(c(0)) > 0.05 * servers)
        est.warnings.push_back("negative background load in the intercept fit: utilization grows faster than "
                               "linearly with throughput (queueing overhead, contention?)");
    } else {
      est.warnings.push_back("throughput is constant: background load and service time cannot be separated");
    }
  }
  double xmin = *std::min_element(xs.begin(), xs.end()), xmax = *std::max_element(xs.begin(), xs.end());
  if (xmax > 0 && (xmax - xmin) / xmax < 0.2)
    est.warnings.push_back("throughput varies by less than 20% over the samples: S is an average at one load "
                           "level and the intercept is poorly determined");
  if (est.r_squared < 0.5)
    est.warnings.push_back("poor fit (R^2 = " + std::to_string(est.r_squared) +
                           "): utilization is not proportional to throughput here");
  return est;
}

ServiceVariabilityEstimate estimateServiceVariability(const TimeSeries& p50, const TimeSeries& p95,
                                                      const TimeSeries& p99, const TimeSeries& utilization,
                                                      const ServiceVariabilityOptions& options) {
  ServiceVariabilityEstimate est;
  const auto q50 = calibration::finitePoints(calibration::toSeconds(p50));
  const auto q95 = p95.size() ? calibration::finitePoints(calibration::toSeconds(p95)) : std::vector<Point>{};
  const auto q99 = p99.size() ? calibration::finitePoints(calibration::toSeconds(p99)) : std::vector<Point>{};
  std::vector<Point> uPts;
  if (utilization.size()) {
    std::string note;
    uPts = calibration::finitePoints(calibration::toFraction(utilization, &note));
    if (!note.empty()) est.warnings.push_back(note);
  } else {
    est.warnings.push_back("no utilization series: every latency sample is used, queueing delay included "
                           "(the cv is then an upper bound)");
  }
  const double tol = pairingTolerance(options.tolerance_s, p50);
  constexpr double z95 = 1.6448536, z99 = 2.3263479;
  std::vector<double> zs, ls;
  for (const Point& p : q50) {
    if (!(p.v > 0)) continue;
    if (!uPts.empty()) {
      const int k = calibration::nearestIndex(uPts, p.t_s, tol);
      if (k < 0 || uPts[static_cast<std::size_t>(k)].v > options.max_utilization) continue;
    }
    bool any = false;
    for (auto [series, z] : {std::pair{&q95, z95}, std::pair{&q99, z99}}) {
      const int k = calibration::nearestIndex(*series, p.t_s, tol);
      if (k < 0 || !((*series)[static_cast<std::size_t>(k)].v > 0)) continue;
      zs.push_back(z);
      ls.push_back(std::log((*series)[static_cast<std::size_t>(k)].v));
      any = true;
    }
    if (!any) continue;
    zs.push_back(0.0);
    ls.push_back(std::log(p.v));
    ++est.points_used;
  }
  if (est.points_used == 0) {
    est.warnings.push_back("no time sample with p50 and a higher percentile at low utilization (< " +
                           std::to_string(options.max_utilization) + "): no variability estimate");
    return est;
  }
  // Straight line log q = mu + sigma z through all (z, log q) pairs.
  const auto n = static_cast<double>(zs.size());
  double mz = 0, ml = 0;
  for (std::size_t i = 0; i < zs.size(); ++i) {
    mz += zs[i];
    ml += ls[i];
  }
  mz /= n;
  ml /= n;
  double szz = 0, szl = 0;
  for (std::size_t i = 0; i < zs.size(); ++i) {
    szz += (zs[i] - mz) * (zs[i] - mz);
    szl += (zs[i] - mz) * (ls[i] - ml);
  }
  const double sigma = szl / szz;
  const double mu = ml - sigma * mz;
  double rss = 0;
  for (std::size_t i = 0; i < zs.size(); ++i) rss += std::pow(ls[i] - mu - sigma * zs[i], 2);
  est.r_squared = rSquared(rss, ls);
  if (sigma < 0) {
    est.warnings.push_back("higher percentiles are below the median: the series are inconsistent");
    return est;
  }
  est.ok = true;
  est.sigma = sigma;
  est.median_s = std::exp(mu);
  est.mean_s = std::exp(mu + sigma * sigma / 2.0);
  est.cv = std::sqrt(std::exp(sigma * sigma) - 1.0);
  if (est.points_used < 5)
    est.warnings.push_back("only " + std::to_string(est.points_used) + " low-utilization samples: the cv is rough");
  if (est.r_squared < 0.9)
    est.warnings.push_back("percentiles do not follow a lognormal well (R^2 = " + std::to_string(est.r_squared) +
                           "): consider a histogram service time");
  return est;
}

}  // namespace headroom
