#pragma once
// Shared pieces of the AWS (EC2 Auto Scaling / Application Auto Scaling) policy models: the group's capacity,
// the per-minute input the engine feeds, CloudWatch-style alarms on 1-minute datapoints, and instance warmup.
//
// The engine calls each policy's evaluate() once per datapoint period (60 s) with the instances in service and
// the average of the policy's metric on each over the last minute (or an already aggregated metric such as a
// queue backlog). CloudWatch re-invokes an Auto Scaling action every minute while its alarm stays in ALARM, so
// evaluate() may act on every call while the alarm condition holds. Single-threaded.
#include <deque>
#include <optional>
#include <string>
#include <vector>

#include "model/units.h"

namespace headroom::autoscaling {

struct AsgCapacity {
  int min = 1;
  int max = 10;
  int desired = 1;
};

struct AwsInstanceSample {
  int id = 0;
  SimTime in_service_since = 0;  // end of launch; warmup counts from here
  double metric = 0.0;           // average of the metric on this instance over the last period
};

struct AwsEvaluationInput {
  SimTime now = 0;
  AsgCapacity capacity;
  std::vector<AwsInstanceSample> instances;  // instances in service (warming ones included)
  std::optional<double> group_metric;        // when set, the datapoint itself (e.g. SQS backlog per instance)
};

// The datapoint of one period: the mean over instances past their warmup, or group_metric when given.
struct AwsDatapoint {
  SimTime time = 0;
  std::optional<double> value;  // nullopt = missing (no instance out of warmup)
  int counted_instances = 0;
  int warming_instances = 0;
};

AwsDatapoint aggregateDatapoint(const AwsEvaluationInput& in, SimTime warmup);

enum class AlarmComparison { GreaterThanOrEqual, GreaterThan, LessThan, LessThanOrEqual };

// A CloudWatch metric alarm: ALARM when at least `datapoints_to_alarm` of the last `evaluation_periods`
// datapoints breach; missing datapoints never breach (treatMissingData = missing keeps the state, which with
// M of N on the most recent datapoints amounts to "not enough breaching ones").
struct AlarmSpec {
  double threshold = 0.0;
  AlarmComparison comparison = AlarmComparison::GreaterThan;
  int evaluation_periods = 1;
  int datapoints_to_alarm = 1;
};

bool breaches(const AlarmSpec& alarm, double value);

class MetricAlarm {
 public:
  explicit MetricAlarm(AlarmSpec spec);
  // Adds the newest datapoint and returns whether the alarm is in ALARM.
  bool add(const AwsDatapoint& dp);
  bool inAlarm() const { return in_alarm_; }
  const AlarmSpec& spec() const { return spec_; }
  const std::deque<AwsDatapoint>& window() const { return window_; }  // the last evaluation_periods datapoints
  std::string describe() const;  // "3/3 datapoints > 50: [62, 71, 80]"

 private:
  AlarmSpec spec_;
  std::deque<AwsDatapoint> window_;
  bool in_alarm_ = false;
};

enum class AdjustmentType { ChangeInCapacity, ExactCapacity, PercentChangeInCapacity };

// New capacity from `base` for one adjustment, with AWS's rounding of percentages (|change| below 1 becomes
// +-1, otherwise truncated toward zero) and MinAdjustmentMagnitude.
int applyAdjustment(int base, AdjustmentType type, int adjustment, std::optional<int> minAdjustmentMagnitude);

}  // namespace headroom::autoscaling
