#pragma once
// How a component scales itself: the autoscaler attached to it in the scenario. Units: seconds, percent of
// the replica's CPU request (one core per worker), requests per second. The decision rules live in
// simulator/autoscaling/ (pure controllers); the engine runs them through a hook.
#include <optional>
#include <string>
#include <vector>

namespace headroom {

struct HpaMetricTarget {
  enum class Type {
    CpuUtilization,               // Resource cpu, target averageUtilization in percent of the request
    RequestsPerSecondPerReplica,  // Pods metric, AverageValue target in req/s per replica
    QueueLengthPerReplica         // External metric (requests waiting), AverageValue target per replica
  };
  Type type = Type::CpuUtilization;
  double target = 80.0;
};

struct HpaPolicySpec {
  enum class Type { Pods, Percent };
  Type type = Type::Pods;
  int value = 4;
  int period_s = 15;
};

struct HpaDirectionSpec {
  std::optional<int> stabilization_window_s;
  std::vector<HpaPolicySpec> policies;  // empty = Kubernetes defaults for that direction
  enum class Select { Max, Min, Disabled };
  std::optional<Select> select_policy;
};

struct AutoscalingSpec {
  enum class Kind { KubernetesHpa };
  Kind kind = Kind::KubernetesHpa;
  int min_replicas = 1;
  int max_replicas = 10;
  std::vector<HpaMetricTarget> metrics;
  bool has_behavior = false;  // false = legacy normalization (no behavior block)
  HpaDirectionSpec scale_up, scale_down;
  double sync_period_s = 15.0;              // --horizontal-pod-autoscaler-sync-period
  double metrics_window_s = 15.0;           // metrics-server resolution: a sample averages this window
  double metrics_lag_s = 15.0;              // a sample is this old when the controller reads it
  double replica_startup_s = 30.0;          // scheduling + image pull + start + readiness, until Ready
  double tolerance = 0.1;
  double cpu_initialization_period_s = 300.0;
  double initial_readiness_delay_s = 30.0;
};

const char* hpaMetricTypeName(HpaMetricTarget::Type t);

}  // namespace headroom
