#pragma once
// From monitoring series to a runnable scenario in one call: per-class service demand (multi_class_demand.h),
// per-class variability (histogram buckets -> empirical distribution, else latency percentiles -> lognormal, else
// exponential, each said), the server count (concurrency.h or given) and the traffic (one open source per class,
// constant at the class's mean rate or replaying its series). Every parameter written gets a ParameterProvenance
// entry (series, window, estimator, fit quality, samples used/dropped). Pure; thread-safe.
#include <optional>
#include <string>
#include <vector>

#include "model/scenario.h"
#include "simulator/calibration/concurrency.h"
#include "simulator/calibration/multi_class_demand.h"
#include "simulator/calibration/time_window.h"

namespace headroom {

struct ClassObservations {
  std::string request_class;
  TimeSeries throughput;              // req/s ("1/s" or "count")
  TimeSeries p50, p95, p99;           // latency quantiles (optional, "s"/"ms")
  std::vector<TimeSeries> buckets;    // histogram bucket counters with label `le` (optional)
};

struct CalibrationRequest {
  std::string component = "api";
  TimeSeries utilization;             // "ratio"/"percent" ...
  TimeSeries busy_workers;            // ... or a busy-workers count (converted with the server count)
  TimeSeries in_flight;               // optional, for the server count
  std::vector<ClassObservations> classes;
  std::optional<int> servers;         // --servers
  calibration::ResolvedWindow window; // the series are already cut to it; recorded in the provenance
  enum class Traffic { Mean, Replay };
  Traffic traffic = Traffic::Mean;
  std::string scenario_name = "calibrated";
  double max_utilization_for_shape = 0.3;  // latency samples above this utilization are not used for the shape
};

struct ClassVariability {
  std::string request_class;
  std::string method;                 // "histogram buckets", "lognormal from p50/p95/p99", "exponential (assumed)"
  double cv = 1.0;
  int samples_used = 0;
  double fit_r_squared = 0.0;
  std::vector<std::string> notes;
};

struct CalibrationOutcome {
  bool ok = false;
  std::string error;                  // when !ok: what is missing (e.g. asks for --servers)
  Scenario scenario;
  MultiClassDemandEstimate demand;
  ConcurrencyEstimate concurrency;
  std::vector<ClassVariability> variability;
  std::vector<std::string> notes;
};

CalibrationOutcome calibrateScenario(const CalibrationRequest& request);

}  // namespace headroom
