#include "simulator/autoscaling/aws_common.h"

#include <cmath>
#include <cstdlib>
#include <sstream>
#include <stdexcept>

namespace headroom::autoscaling {

AwsDatapoint aggregateDatapoint(const AwsEvaluationInput& in, SimTime warmup) {
  AwsDatapoint dp;
  dp.time = in.now;
  double sum = 0.0;
  for (const AwsInstanceSample& i : in.instances) {
    if (in.now < i.in_service_since + warmup) {
      ++dp.warming_instances;
      continue;
    }
    ++dp.counted_instances;
    sum += i.metric;
  }
  if (in.group_metric)
    dp.value = in.group_metric;
  else if (dp.counted_instances > 0)
    dp.value = sum / dp.counted_instances;
  return dp;
}

bool breaches(const AlarmSpec& a, double v) {
  switch (a.comparison) {
    case AlarmComparison::GreaterThanOrEqual: return v >= a.threshold;
    case AlarmComparison::GreaterThan: return v > a.threshold;
    case AlarmComparison::LessThan: return v < a.threshold;
    case AlarmComparison::LessThanOrEqual: return v <= a.threshold;
  }
  return false;
}

MetricAlarm::MetricAlarm(AlarmSpec spec) : spec_(spec) {
  if (spec_.evaluation_periods < 1 || spec_.datapoints_to_alarm < 1 ||
      spec_.datapoints_to_alarm > spec_.evaluation_periods)
    throw std::invalid_argument("alarm: need 1 <= DatapointsToAlarm <= EvaluationPeriods");
}

bool MetricAlarm::add(const AwsDatapoint& dp) {
  window_.push_back(dp);
  while (static_cast<int>(window_.size()) > spec_.evaluation_periods) window_.pop_front();
  int breaching = 0;
  for (const AwsDatapoint& d : window_)
    if (d.value && breaches(spec_, *d.value)) ++breaching;
  in_alarm_ = breaching >= spec_.datapoints_to_alarm;
  return in_alarm_;
}

std::string MetricAlarm::describe() const {
  static const char* ops[] = {">=", ">", "<", "<="};
  int breaching = 0;
  std::ostringstream values;
  for (std::size_t i = 0; i < window_.size(); ++i) {
    values << (i ? ", " : "");
    if (window_[i].value) {
      values << *window_[i].value;
      if (breaches(spec_, *window_[i].value)) ++breaching;
    } else {
      values << "missing";
    }
  }
  std::ostringstream os;
  os << breaching << "/" << spec_.evaluation_periods << " datapoints " << ops[static_cast<int>(spec_.comparison)]
     << " " << spec_.threshold << " (need " << spec_.datapoints_to_alarm << "): [" << values.str() << "]";
  return os.str();
}

int applyAdjustment(int base, AdjustmentType type, int adjustment, std::optional<int> minMagnitude) {
  switch (type) {
    case AdjustmentType::ChangeInCapacity: return base + adjustment;
    case AdjustmentType::ExactCapacity: return adjustment;
    case AdjustmentType::PercentChangeInCapacity: {
      const double raw = base * adjustment / 100.0;
      int change = 0;
      if (raw > 0.0 && raw < 1.0) change = 1;
      else if (raw < 0.0 && raw > -1.0) change = -1;
      else change = static_cast<int>(std::trunc(raw));
      if (minMagnitude && change != 0 && std::abs(change) < *minMagnitude) change = change > 0 ? *minMagnitude : -*minMagnitude;
      return base + change;
    }
  }
  return base;
}

}  // namespace headroom::autoscaling
