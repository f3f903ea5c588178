#pragma once
// Service demand of a component from monitoring data, by the utilization law U = X * S / c:
//   U  utilization of the component's c servers (fraction), X throughput (req/s), S service time (s).
// Least squares of U*c on X, through the origin (S) and with an intercept (background busy servers).
// Variability: at low utilization the response time is mostly service time, so latency percentiles
// p50/p95/p99 give a lognormal service-time shape (cv). Pure functions; safe from any thread.
#include <string>
#include <vector>

#include "model/distribution.h"
#include "model/time_series.h"

namespace headroom {

struct ServiceDemandOptions {
  double tolerance_s = 0.0;             // max time distance when pairing samples; 0 = half the median step
  double saturation_threshold = 0.95;   // points with U above this are excluded (the law needs U < 1)
  int min_points = 10;                  // fewer usable pairs than this gives a warning
  double count_interval_s = 0.0;        // throughput unit "count": interval per value; 0 = median step
};

struct ServiceDemandEstimate {
  bool ok = false;                      // false when no estimate could be made (see warnings)
  double service_time_s = 0.0;          // S, fit through the origin
  double service_time_std_error_s = 0.0;
  double r_squared = 0.0;               // 1 - RSS/TSS (centred; can be < 0 when the origin fit is poor)
  double service_time_with_intercept_s = 0.0;  // S' in U*c = B + S' X
  double background_busy_servers = 0.0;       // B: servers busy with work that does not scale with X
  double r_squared_with_intercept = 0.0;
  int points_used = 0;
  int points_saturated = 0;             // excluded, U > saturation_threshold
  int points_unpaired = 0;              // utilization samples with no throughput sample within tolerance
  int servers = 1;
  std::vector<std::string> warnings;
};

// utilization: unit "ratio" or "percent" (or none: guessed, with a warning); throughput: "1/s" or
// "count". Throws std::invalid_argument for servers < 1 or a unit that does not fit.
ServiceDemandEstimate estimateServiceDemand(const TimeSeries& utilization, const TimeSeries& throughput, int servers,
                                            const ServiceDemandOptions& options = {});

struct ServiceVariabilityOptions {
  double max_utilization = 0.3;  // only samples below this utilization (if a utilization series is given)
  double tolerance_s = 0.0;      // pairing tolerance; 0 = half the median step of p50
};

struct ServiceVariabilityEstimate {
  bool ok = false;
  double median_s = 0.0;   // exp(mu)
  double sigma = 0.0;      // lognormal shape: log q_p = mu + sigma * z_p
  double cv = 0.0;         // sqrt(exp(sigma^2) - 1)
  double mean_s = 0.0;     // exp(mu + sigma^2 / 2)
  double r_squared = 0.0;  // how well log(quantile) is a straight line in z: how lognormal the data look
  int points_used = 0;     // time samples used
  std::vector<std::string> warnings;

  Distribution distribution() const { return Distribution::lognormal(mean_s, cv); }
};

// Latency series in "s" or "ms"; any of p95/p99 may be empty (at least one with p50 is needed for a
// shape). `utilization` may be empty (then every sample is used, with a warning).
ServiceVariabilityEstimate estimateServiceVariability(const TimeSeries& p50, const TimeSeries& p95,
                                                      const TimeSeries& p99, const TimeSeries& utilization,
                                                      const ServiceVariabilityOptions& options = {});

}  // namespace headroom
