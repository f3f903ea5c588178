#pragma once
// What a capacity plan takes and returns (simulator/planning/plan.h runs it).
//
// Units: times in SECONDS from the start of the scenario (t = 0 is the scenario's calendar start), rates in
// REQUESTS PER SECOND, latencies in SECONDS, utilizations and ratios as fractions in [0, 1]. Plain data.
#include <optional>
#include <string>
#include <vector>

#include "model/slo_spec.h"

namespace headroom::planning {

struct PlanOptions {
  double horizon_s = 30.0 * 86400.0;  // how far ahead to plan
  double step_s = 60.0;               // fluid integration step (autoscalers still run at their own periods)
  double point_interval_s = 3600.0;   // timeline resolution of the result (each point aggregates its steps)
  std::optional<SloSpec> slo;         // overrides the scenario's slo block (the CLI's --slo)
};

// One component over one timeline interval: averages of rates, maxima of everything that breaks.
struct ComponentPoint {
  double offered_per_s = 0.0;      // mean arrivals offered (before admission)
  double utilization_max = 0.0;    // busy workers / workers, the worst step
  double utilization_mean = 0.0;
  double queue_max = 0.0;          // requests (messages) waiting, the worst step
  double response_mean_s = 0.0;    // mean residence time (arrival to answer), averaged over steps
  double response_p99_max_s = 0.0; // the worst step's p99
  double errors_per_s = 0.0;       // rejections + throttles + failures, averaged
  double pool_utilization_max = 0.0;  // connections in use / pool size, worst pool of the component
  int replicas_min = 0, replicas_max = 0;  // ready replicas (consumers, environments) seen
};

struct EndToEndPoint {
  double offered_per_s = 0.0;
  double response_mean_s = 0.0;
  double response_p99_max_s = 0.0;
  double error_ratio_max = 0.0;  // the worst step
};

struct TimelinePoint {
  double start_s = 0.0;
  EndToEndPoint end_to_end;
  std::vector<ComponentPoint> components;  // PlanResult::component_names order
};

enum class BindingReason {
  None,
  Workers,            // CPU / workers busy (utilization)
  ConnectionPool,     // a pool to a callee is exhausted
  QueueGrowth,        // the queue (or a topic's consumer lag) grows without bound
  RateLimit,          // a token bucket refuses traffic
  HotShard,           // one shard of a database takes more than its share
  ReplicaCap,         // the autoscaler is at max_replicas (or the topic at its partition count)
  NodeCap,            // the cluster cannot schedule more pods
  ConcurrencyLimit,   // a serverless function at its concurrency limit
  QueueFull           // arrivals rejected by a full bounded queue
};
const char* bindingReasonName(BindingReason r);

struct Runway {
  std::string component;
  bool breaks = false;              // within the horizon
  double break_at_s = 0.0;          // first time the breach held for the SLO's sustain time (start of it)
  double offered_per_s_at_break = 0.0;  // total offered traffic of every source at that time
  std::string condition;            // "utilization 0.83 > 0.8", "p99 0.41 s > 0.3 s", "errors 1.2% > 0.5%"
  BindingReason reason = BindingReason::None;
  bool scales_horizontally = false;
  int max_replicas = 0;             // the cap its scaling policy allows (fixed = its replica count; 0 = unbounded delay)
  double capacity_per_s = 0.0;      // requests per second it can take at the cap and the threshold
  double peak_offered_per_s = 0.0;  // its busiest step of the first day
  double growth_factor = 0.0;       // capacity_per_s / peak_offered_per_s: how far today's peak can grow
  double residual_capacity = 0.0;   // 1 - peak / capacity: share of the capacity still free at today's peak
};

struct AlertFiring {
  std::string rule;
  std::string entity;  // component or "end_to_end"
  double at_s = 0.0;   // first time the rule would fire (its condition held for for_s)
  double value = 0.0;  // the metric when it fired
};

struct PlanResult {
  std::string scenario_name;
  double horizon_s = 0.0;
  double step_s = 0.0;
  double point_interval_s = 0.0;
  SloSpec slo;
  std::vector<std::string> component_names;
  std::vector<TimelinePoint> timeline;
  std::vector<Runway> runways;  // most urgent first (breaking earliest, then least growth factor)
  std::optional<double> slo_breach_at_s;  // end-to-end SLO first broken (sustained)
  std::string slo_breach_condition;
  double slo_violation_s = 0.0;           // total time the end-to-end SLO was violated (any length)
  int slo_violation_episodes = 0;         // separate violations (a spike the autoscaler absorbs late counts one)
  std::string first_to_break;             // component whose runway is shortest, empty = none breaks
  std::vector<AlertFiring> alerts;        // in time order
  std::vector<std::string> trust_warnings;  // where the fluid model is outside what it can be trusted for
  bool cancelled = false;
  double wall_time_s = 0.0;
};

}  // namespace headroom::planning
