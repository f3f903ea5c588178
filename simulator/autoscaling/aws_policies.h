#pragma once
// AWS reactive scaling policies: target tracking, step scaling and simple scaling (EC2 Auto Scaling semantics,
// also used by Application Auto Scaling for ECS/DynamoDB/...). See aws_common.h for how the engine feeds them.
//
// Target tracking: a scale-out alarm (metric > target for 3 of 3 one-minute datapoints) and a scale-in alarm
// (metric < target * scale_in_threshold_ratio for 15 of 15). Scale-out is proportional:
// ceil(metric * counted / target) instances, where warming instances are neither in the metric nor in
// `counted`, and the desired capacity never drops while scaling out (warming capacity is kept, not added
// twice). Scale-in waits until no instance is warming. Several target-tracking policies on one group are
// combined by combineTargetTracking(): out if any wants out (largest), in only if all want in (smallest change).
// Step scaling: alarm + step adjustments whose bounds are offsets from the threshold; while instances warm up
// a further scale-out adds only the difference over the capacity already launched. Simple scaling: one
// adjustment, then nothing until the cooldown (default 300 s) has passed. Single-threaded.
#include <optional>
#include <string>
#include <vector>

#include "simulator/autoscaling/aws_common.h"

namespace headroom::autoscaling {

enum class ScalingIntent { None, Out, In };

struct AwsPolicyDecision {
  SimTime time = 0;
  std::string policy;
  AwsDatapoint datapoint;
  ScalingIntent intent = ScalingIntent::None;
  int proposed = 0;          // capacity the policy asks for (before min/max)
  AsgCapacity capacity;      // resulting capacity (desired clamped to [min, max])
  bool changed = false;
  std::optional<int> step;   // step scaling: index of the step adjustment applied
  std::string alarm_detail;  // the datapoints behind the decision
  std::string reason;
};

struct TargetTrackingConfig {
  std::string name = "target-tracking";
  double target_value = 50.0;
  int instance_warmup_s = 300;
  bool disable_scale_in = false;
  int scale_out_datapoints = 3;    // 3 of 3
  int scale_in_datapoints = 15;    // 15 of 15
  double scale_in_threshold_ratio = 0.9;  // scale-in alarm threshold = 90% of target
};

class TargetTrackingPolicy {
 public:
  explicit TargetTrackingPolicy(TargetTrackingConfig config);  // throws std::invalid_argument
  AwsPolicyDecision evaluate(const AwsEvaluationInput& input);
  const TargetTrackingConfig& config() const { return config_; }

 private:
  TargetTrackingConfig config_;
  MetricAlarm high_;
  MetricAlarm low_;
};

// Several target-tracking policies on one group: out if any, in only if all.
AwsPolicyDecision combineTargetTracking(const AwsEvaluationInput& input, const std::vector<AwsPolicyDecision>& decisions);

struct StepAdjustment {
  std::optional<double> lower_bound;  // offset from the alarm threshold; nullopt = -infinity
  std::optional<double> upper_bound;  // nullopt = +infinity
  int adjustment = 1;
};

struct StepScalingConfig {
  std::string name = "step-scaling";
  AlarmSpec alarm;
  AdjustmentType adjustment_type = AdjustmentType::ChangeInCapacity;
  std::vector<StepAdjustment> steps;
  std::optional<int> min_adjustment_magnitude;  // PercentChangeInCapacity only
  int instance_warmup_s = 300;
};

class StepScalingPolicy {
 public:
  explicit StepScalingPolicy(StepScalingConfig config);  // throws std::invalid_argument on gaps/overlaps
  AwsPolicyDecision evaluate(const AwsEvaluationInput& input);
  // Index of the step for a metric value (nullopt when no step covers it).
  std::optional<int> stepFor(double metric) const;

 private:
  StepScalingConfig config_;
  MetricAlarm alarm_;
};

struct SimpleScalingConfig {
  std::string name = "simple-scaling";
  AlarmSpec alarm;
  AdjustmentType adjustment_type = AdjustmentType::ChangeInCapacity;
  int adjustment = 1;
  std::optional<int> min_adjustment_magnitude;
  int cooldown_s = 300;
  int instance_warmup_s = 0;  // only affects which instances the datapoint averages
};

class SimpleScalingPolicy {
 public:
  explicit SimpleScalingPolicy(SimpleScalingConfig config);
  AwsPolicyDecision evaluate(const AwsEvaluationInput& input);

 private:
  SimpleScalingConfig config_;
  MetricAlarm alarm_;
  std::optional<SimTime> cooldown_until_;
};

}  // namespace headroom::autoscaling
