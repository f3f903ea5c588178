#pragma once
// Inputs and outputs of the Kubernetes HorizontalPodAutoscaler (autoscaling/v2) model.
//
// Plain data, no behaviour. Times are SimTime (int64 nanoseconds since simulation start), durations in specs
// are whole seconds as in the Kubernetes API (`_s`). Metric values are in the metric's natural unit (cores for
// cpu, bytes for memory, requests/s, queue length...); the calculator works internally in milli-units like the
// real controller, so its integer truncations are reproduced. Not thread-safe; copy freely.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "model/units.h"

namespace headroom::autoscaling {

// ---------------------------------------------------------------------------------------------------- spec ----

enum class HpaMetricSource { Resource, Pods, Object, External };
enum class HpaTargetType { Utilization, AverageValue, Value };

// One entry of spec.metrics. `name` is the resource name ("cpu", "memory") for Resource metrics and the metric
// name otherwise; pods carry their samples under this name. `target` is a percentage of the request for
// Utilization (averageUtilization), otherwise a value in the metric's unit.
struct HpaMetricSpec {
  HpaMetricSource source = HpaMetricSource::Resource;
  std::string name = "cpu";
  HpaTargetType target_type = HpaTargetType::Utilization;
  double target = 80.0;
};

enum class HpaPolicyType { Pods, Percent };
struct HpaScalingPolicy {
  HpaPolicyType type = HpaPolicyType::Pods;
  int value = 4;
  int period_s = 15;
};

enum class HpaSelectPolicy { Max, Min, Disabled };

// behavior.scaleUp / behavior.scaleDown. Unset fields take the Kubernetes defaults when the behavior block exists
// (see HpaController::effectiveRules).
struct HpaScalingRules {
  std::optional<int> stabilization_window_s;
  std::vector<HpaScalingPolicy> policies;  // empty = defaults
  std::optional<HpaSelectPolicy> select_policy;
  std::optional<double> tolerance;  // per-direction tolerance (Kubernetes 1.33 alpha); unset = controller's
};

struct HpaBehavior {
  HpaScalingRules scale_up;
  HpaScalingRules scale_down;
};

struct HpaSpec {
  int min_replicas = 1;
  int max_replicas = 10;
  std::vector<HpaMetricSpec> metrics;
  std::optional<HpaBehavior> behavior;  // nullopt = legacy normalization (autoscaling.md §7)
};

// kube-controller-manager flags.
struct HpaControllerConfig {
  double tolerance = 0.1;                 // --horizontal-pod-autoscaler-tolerance
  int cpu_initialization_period_s = 300;  // --horizontal-pod-autoscaler-cpu-initialization-period
  int initial_readiness_delay_s = 30;     // --horizontal-pod-autoscaler-initial-readiness-delay
  int downscale_stabilization_s = 300;    // --horizontal-pod-autoscaler-downscale-stabilization
};

// --------------------------------------------------------------------------------------------------- input ----

enum class PodPhase { Pending, Running, Failed, Deleting };  // Deleting = deletionTimestamp set

// One metrics-server / custom-metrics sample for a pod. The sample covers [timestamp - window, timestamp].
struct PodMetricSample {
  double value = 0.0;
  SimTime timestamp = 0;
  SimTime window = 15 * kNanosPerSecond;  // metrics-server default resolution
};

struct HpaPod {
  std::string name;
  PodPhase phase = PodPhase::Running;
  std::optional<SimTime> start_time;  // status.startTime; nullopt = not started (counts unready for cpu)
  bool has_ready_condition = true;
  bool ready = true;                 // Ready condition status
  SimTime ready_transition_time = 0;  // lastTransitionTime of the Ready condition
  std::map<std::string, double> requests;          // resource name -> request (same unit as the samples)
  std::map<std::string, PodMetricSample> samples;  // metric name -> latest sample; absent = missing
};

struct HpaSyncInput {
  SimTime now = 0;
  int current_replicas = 0;            // scale.spec.replicas
  std::optional<int> status_replicas;  // scale.status.replicas (pods that exist); nullopt = current_replicas
  std::vector<HpaPod> pods;            // pods matched by the selector
  std::map<std::string, double> object_values;                 // Object metric name -> value; absent = error
  std::map<std::string, std::vector<double>> external_values;  // External metric name -> series; absent = error
};

// -------------------------------------------------------------------------------------------------- output ----

// How the calculator classified the pods for one metric (pod names).
struct HpaPodGroups {
  std::vector<std::string> ready;    // sample counted as is
  std::vector<std::string> unready;  // pending, or cpu sample not trustworthy yet
  std::vector<std::string> missing;  // no sample
  std::vector<std::string> ignored;  // failed or being deleted
};

struct HpaMetricProposal {
  int metric_index = 0;
  std::string metric_name;
  bool valid = false;
  std::string error;             // why the metric could not be computed (when !valid)
  int replicas = 0;              // replica proposal of this metric
  double current = 0.0;          // utilization % / average value / total value, as the status would show it
  double target = 0.0;
  double usage_ratio = 0.0;      // ratio on the samples as measured
  bool within_tolerance = false;
  bool recomputed = false;       // missing/unready pods were filled in (autoscaling.md §4)
  double recomputed_ratio = 0.0;
  int pods_in_formula = 0;       // the N in ceil(ratio * N)
  HpaPodGroups pods;
  std::string detail;            // the formula with its numbers
};

struct TimestampedRecommendation {
  SimTime time = 0;
  int replicas = 0;
};

struct HpaStabilizationStep {
  int raw_recommendation = 0;  // max over metrics, before stabilization (this is what gets recorded)
  int stabilized = 0;
  int up_limit = 0;    // behavior: min of recommendations in the scale-up window
  int down_limit = 0;  // max of recommendations in the (scale-down) window
  std::vector<TimestampedRecommendation> up_window;    // entries used for up_limit (behavior only)
  std::vector<TimestampedRecommendation> down_window;  // entries used for down_limit
  std::string condition;  // "ScaleUpStabilized", "ScaleDownStabilized" or "ReadyForNewScale"
};

struct HpaPolicyLimit {
  HpaScalingPolicy policy;
  int replicas_added_in_period = 0;
  int replicas_removed_in_period = 0;
  int period_start_replicas = 0;
  int proposed = 0;
};

struct HpaRateLimitStep {
  bool scale_up = false;    // which rules were consulted
  bool scale_down = false;
  std::vector<HpaPolicyLimit> limits;  // behavior only
  std::optional<int> selected_limit;   // after selectPolicy (behavior) or max(2*current, 4) (legacy)
  int min_allowed = 0;
  int max_allowed = 0;
  int result = 0;
  std::string condition;  // "ScaleUpLimit", "TooManyReplicas", "ScaleDownLimit", "TooFewReplicas",
                          // "DesiredWithinRange"
};

// Everything behind one sync, so a user can answer "why did it (not) scale at 14:02?".
struct ScalingDecision {
  SimTime time = 0;
  int current_replicas = 0;
  int desired_replicas = 0;  // the value to write into scale.spec.replicas
  bool rescale = false;
  std::string reason;  // one human sentence
  bool metrics_computed = false;
  int metric_recommendation = 0;  // max of valid proposals (before normalization)
  std::vector<HpaMetricProposal> metrics;
  HpaStabilizationStep stabilization;
  HpaRateLimitStep rate_limit;
};

}  // namespace headroom::autoscaling
