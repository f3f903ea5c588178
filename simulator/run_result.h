#pragma once
// What a simulation run returns. Every number is aggregated over replications as an Estimate.
// Units: times in SECONDS, rates in PER SECOND, utilization and ratios as fractions in [0, 1].
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "simulator/estimate.h"

namespace headroom {

// Percentiles reported everywhere, in this order.
inline constexpr double kReportedQuantiles[] = {0.50, 0.90, 0.95, 0.99, 0.999};
inline constexpr int kNumReportedQuantiles = 5;
const char* quantileLabel(int index);  // "p50", "p90", "p95", "p99", "p99.9"

struct LatencyEstimates {
  Estimate mean_s;
  Estimate quantile_s[kNumReportedQuantiles];  // kReportedQuantiles
};

struct ComponentResult {
  std::string name;
  Estimate arrival_rate_per_s;     // requests that reached the component (including rejected ones)
  Estimate throughput_per_s;       // requests it finished
  Estimate utilization;            // busy workers / all workers (FCFS: held workers, incl. during calls)
  Estimate mean_queue_length;      // FCFS: waiting for a worker; PS: requests beyond the cores (sharing)
  Estimate mean_in_system;         // waiting + being served
  Estimate rejection_ratio;        // rejected (queue full) / arrivals
  Estimate rejections_per_s;
  Estimate timeouts_per_s;         // calls made BY this component that timed out
  Estimate failures_per_s;         // visits abandoned here because a call failed or timed out
                                   // (arrivals = throughput + rejections + failures + in progress)
  LatencyEstimates response;       // arrival at the component to its answer (residence time)
  LatencyEstimates waiting;        // arrival to start of service
  // Metrics of the component's features (simulator/feature_metrics.h): cache_hit_ratio, throttled_per_s,
  // pool_wait_mean_s, consumer_lag_mean, cold_start_ratio, abandoned_per_s, goodput_per_s, ...
  std::vector<std::pair<std::string, Estimate>> features;
  const Estimate* feature(const std::string& name) const;
};

struct EndToEndResult {
  std::string request_class;  // "all" for every class together
  Estimate arrival_rate_per_s;
  Estimate throughput_per_s;  // completed successfully (goodput)
  Estimate error_ratio;       // failed / finished (rejections + timeouts anywhere on the path)
  Estimate errors_per_s;
  LatencyEstimates response;  // successful requests, creation to answer
};

// Windowed time series, averaged across replications with a 95% CI per window.
struct SeriesResult {
  std::string entity;  // component name, or "end_to_end"
  std::string kpi;     // arrival_rate_per_s, throughput_per_s, utilization, queue_length, response_mean_s,
                       // response_p50_s, response_p95_s, response_p99_s, errors_per_s,
                       // replicas (time-averaged serving replicas; components only)
  std::vector<double> mean;
  std::vector<double> half_width;
};

// One controller decision (autoscaler sync, fault), with the reason and the numbers behind it.
struct ScalingEventRecord {
  double time_s = 0.0;
  std::string component;
  int from = 0, to = 0;  // desired replicas (ready + starting)
  std::string reason;
};

struct RunResult {
  std::string scenario_name;
  std::uint64_t seed = 0;
  int replications = 0;
  int threads = 0;
  double horizon_s = 0.0;
  double warmup_s = 0.0;
  bool cancelled = false;
  std::string stop_reason;          // "horizon", "request count", "precision reached", "cancelled", ...
  std::uint64_t events = 0;         // processed, all replications
  std::uint64_t requests = 0;       // root requests finished, all replications
  double wall_time_s = 0.0;
  std::vector<ComponentResult> components;
  std::vector<EndToEndResult> end_to_end;  // "all" first, then one per class
  std::vector<double> window_start_s;
  double window_s = 0.0;
  std::vector<SeriesResult> series;
  // Per request class, entity "class:<name>", kpis throughput_per_s, response_mean_s, response_p50/p95/p99_s, on
  // the same windows (found by findSeries too).
  std::vector<SeriesResult> class_series;
  // Autoscaler decisions of replication 0, in time order: every sync, including those that changed nothing.
  std::vector<ScalingEventRecord> scaling_events;

  const ComponentResult* component(const std::string& name) const;
  const EndToEndResult* endToEnd(const std::string& cls = "all") const;
  const SeriesResult* findSeries(const std::string& entity, const std::string& kpi) const;
};

}  // namespace headroom
