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
    QueueLengthPerReplica,        // External metric (requests waiting), AverageValue target per replica
    MemoryUtilization,            // Resource memory, target averageUtilization in percent of the pod's memory request
                                  // (usage = pod.memory_base_gib + pod.memory_per_request_mib x requests present)
    ObjectRequestsPerSecond       // Object metric (requests per second reaching the component, as its Ingress
                                  // reports it), AverageValue target per replica: desired = ceil(value / target)
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

// One AWS scaling policy on the component's group (EC2 Auto Scaling / Application Auto Scaling semantics,
// simulator/autoscaling/aws_policies.h). Metrics per instance, one datapoint per minute.
struct AwsPolicySpec {
  enum class Type {
    TargetTracking, Step, Simple,
    Predictive  // forecast of the group's request rate from its own history (target = req/s per instance)
  };
  enum class Metric {
    CpuUtilization,       // percent of the instance's cores (workers) busy, averaged over the minute
    RequestsPerInstance,  // requests that reached the instance in the minute (ALBRequestCountPerTarget)
    BacklogPerInstance    // requests waiting / instances in service (SQS backlog per instance)
  };
  enum class Comparison { GreaterThan, GreaterThanOrEqual, LessThan, LessThanOrEqual };
  enum class Adjustment { ChangeInCapacity, ExactCapacity, PercentChangeInCapacity };
  struct Step {
    std::optional<double> lower_bound, upper_bound;  // offsets from the threshold; empty = unbounded
    int adjustment = 1;
  };
  Type type = Type::TargetTracking;
  std::string name;
  Metric metric = Metric::CpuUtilization;
  // Target tracking
  double target = 50.0;
  bool disable_scale_in = false;
  int instance_warmup_s = 300;
  // Step and simple scaling: the CloudWatch alarm and the adjustment(s)
  double threshold = 0.0;
  Comparison comparison = Comparison::GreaterThan;
  int evaluation_periods = 1;
  int datapoints_to_alarm = 1;
  Adjustment adjustment_type = Adjustment::ChangeInCapacity;
  std::vector<Step> steps;  // step scaling
  int adjustment = 1;       // simple scaling
  int cooldown_s = 300;     // simple scaling
  // Predictive scaling: load = the group's arrivals per second, averaged per hour; capacity for an hour =
  // ceil(forecast / target), in place scheduling_buffer_s before the hour; never scales in by itself.
  bool forecast_only = false;
  int scheduling_buffer_s = 300;
  bool increase_max_capacity = false;  // MaxCapacityBreachBehavior IncreaseMaxCapacity (else HonorMaxCapacity)
  double max_capacity_buffer_pct = 0.0;
};

// A scheduled action: at `at_s` (once) or on a cron recurrence (5 fields, UTC, SimTime 0 = Monday 00:00 UTC
// of the scenario's calendar), set the group's min, max and/or desired capacity.
struct AwsScheduledActionSpec {
  std::string name;
  double at_s = 0.0;
  std::optional<std::string> cron;
  std::optional<int> min_size, max_size, desired_capacity;
};

struct AutoscalingSpec {
  enum class Kind {
    KubernetesHpa,  // metrics, behavior, sync period, ...
    Keda,           // queue/lag trigger, scale to and from zero (keda_* fields)
    Aws             // AWS policies on the group (aws_policies, aws_scheduled_actions)
  };
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

  // KEDA ScaledObject (min_replicas may be 0): the trigger's metric is the component's waiting requests (for
  // a topic: its consumer lag, messages not yet consumed).
  double keda_polling_interval_s = 30.0;
  double keda_cooldown_period_s = 300.0;
  double keda_target_per_replica = 5.0;  // messages (or requests) waiting per replica
  double keda_activation_target = 0.0;   // active (scale from zero) when the metric exceeds this

  // AWS: replica_startup_s is the instance launch time (pending -> in service).
  std::vector<AwsPolicySpec> aws_policies;
  std::vector<AwsScheduledActionSpec> aws_scheduled_actions;
};

const char* autoscalingKindName(AutoscalingSpec::Kind k);

const char* hpaMetricTypeName(HpaMetricTarget::Type t);

}  // namespace headroom
