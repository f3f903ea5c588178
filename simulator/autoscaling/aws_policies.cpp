#include "simulator/autoscaling/aws_policies.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <sstream>
#include <stdexcept>

namespace headroom::autoscaling {
namespace {

int clampCapacity(int v, const AsgCapacity& c) { return std::clamp(v, c.min, std::max(c.min, c.max)); }

void finish(AwsPolicyDecision& d, const AwsEvaluationInput& in, int newDesired) {
  d.capacity = in.capacity;
  d.capacity.desired = clampCapacity(newDesired, in.capacity);
  d.changed = d.capacity.desired != in.capacity.desired;
}

bool isUpper(AlarmComparison c) {
  return c == AlarmComparison::GreaterThan || c == AlarmComparison::GreaterThanOrEqual;
}

// The shared opening of an alarm-driven policy (step, simple): the datapoint with warming instances left out,
// fed to the policy's alarm. Returns whether the alarm is in ALARM; `d` holds the datapoint and the alarm detail,
// and proposes the current desired capacity.
bool openAlarmDecision(AwsPolicyDecision& d, const std::string& policy, int warmup_s, MetricAlarm& alarm,
                       const AwsEvaluationInput& in) {
  d.time = in.now;
  d.policy = policy;
  d.datapoint = aggregateDatapoint(in, warmup_s * kNanosPerSecond);
  const bool inAlarm = alarm.add(d.datapoint);
  d.alarm_detail = alarm.describe();
  d.proposed = in.capacity.desired;
  return inAlarm;
}

}  // namespace

// ------------------------------------------------------------------------------------------ target tracking ----

TargetTrackingPolicy::TargetTrackingPolicy(TargetTrackingConfig config)
    : config_(std::move(config)),
      high_({config_.target_value, AlarmComparison::GreaterThan, std::max(1, config_.scale_out_datapoints),
             std::max(1, config_.scale_out_datapoints)}),
      low_({config_.target_value * config_.scale_in_threshold_ratio, AlarmComparison::LessThan,
            std::max(1, config_.scale_in_datapoints), std::max(1, config_.scale_in_datapoints)}) {
  if (!(config_.target_value > 0.0)) throw std::invalid_argument("target tracking '" + config_.name + "': TargetValue must be > 0");
  if (config_.instance_warmup_s < 0) throw std::invalid_argument("target tracking '" + config_.name + "': warmup must be >= 0");
  if (config_.scale_out_datapoints < 1 || config_.scale_in_datapoints < 1)
    throw std::invalid_argument("target tracking '" + config_.name + "': datapoint counts must be >= 1");
  if (!(config_.scale_in_threshold_ratio > 0.0 && config_.scale_in_threshold_ratio <= 1.0))
    throw std::invalid_argument("target tracking '" + config_.name + "': scale-in threshold ratio must be in (0, 1]");
}

AwsPolicyDecision TargetTrackingPolicy::evaluate(const AwsEvaluationInput& in) {
  AwsPolicyDecision d;
  d.time = in.now;
  d.policy = config_.name;
  d.datapoint = aggregateDatapoint(in, config_.instance_warmup_s * kNanosPerSecond);
  const bool high = high_.add(d.datapoint);
  const bool low = low_.add(d.datapoint);
  const int desired = in.capacity.desired;
  d.proposed = desired;
  std::ostringstream os;
  if (high) {
    const double metric = *d.datapoint.value;
    const int counted = std::max(1, d.datapoint.counted_instances);
    d.proposed = static_cast<int>(std::ceil(metric * counted / config_.target_value - 1e-9));
    d.intent = ScalingIntent::Out;
    d.alarm_detail = high_.describe();
    finish(d, in, std::max(desired, d.proposed));
    os << "scale-out alarm: " << d.alarm_detail << "; ceil(" << metric << " * " << counted << " / "
       << config_.target_value << ") = " << d.proposed << " instance(s) (" << d.datapoint.warming_instances
       << " warming, not counted)";
  } else if (low && !config_.disable_scale_in) {
    d.alarm_detail = low_.describe();
    const int launching = desired - d.datapoint.counted_instances;
    if (d.datapoint.warming_instances > 0 || launching > 0) {
      finish(d, in, desired);
      os << "scale-in alarm but " << std::max(d.datapoint.warming_instances, launching)
         << " instance(s) still launching/warming: no scale-in";
    } else {
      const double metric = *d.datapoint.value;
      d.proposed = static_cast<int>(std::ceil(metric * d.datapoint.counted_instances / config_.target_value - 1e-9));
      d.intent = d.proposed < desired ? ScalingIntent::In : ScalingIntent::None;
      finish(d, in, std::min(desired, d.proposed));
      os << "scale-in alarm: " << d.alarm_detail << "; ceil(" << metric << " * " << d.datapoint.counted_instances
         << " / " << config_.target_value << ") = " << d.proposed;
    }
  } else {
    d.alarm_detail = high_.describe() + "; " + low_.describe();
    finish(d, in, desired);
    os << "no alarm: " << d.alarm_detail;
  }
  d.reason = os.str();
  return d;
}

AwsPolicyDecision combineTargetTracking(const AwsEvaluationInput& in, const std::vector<AwsPolicyDecision>& ds) {
  AwsPolicyDecision out;
  out.time = in.now;
  out.policy = "combined";
  out.capacity = in.capacity;
  out.proposed = in.capacity.desired;
  if (ds.empty()) {
    out.reason = "no target tracking policy";
    return out;
  }
  bool anyOut = false, allIn = true;
  int outTarget = std::numeric_limits<int>::min(), inTarget = std::numeric_limits<int>::min();
  std::string outBy, inBy;
  for (const auto& d : ds) {
    if (d.intent == ScalingIntent::Out && d.capacity.desired > outTarget) {
      anyOut = true;
      outTarget = d.capacity.desired;
      outBy = d.policy;
    }
    if (d.intent != ScalingIntent::In) allIn = false;
    else if (d.capacity.desired > inTarget) {
      inTarget = d.capacity.desired;
      inBy = d.policy;
    }
  }
  if (anyOut) {
    out.intent = ScalingIntent::Out;
    out.proposed = outTarget;
    finish(out, in, std::max(in.capacity.desired, outTarget));
    out.reason = "scale out to " + std::to_string(out.capacity.desired) + ", largest request, from " + outBy;
  } else if (allIn) {
    out.intent = ScalingIntent::In;
    out.proposed = inTarget;
    finish(out, in, std::min(in.capacity.desired, inTarget));
    out.reason = "all policies want to scale in; smallest scale-in to " + std::to_string(out.capacity.desired) +
                 " from " + inBy;
  } else {
    out.reason = "no scale-out requested and not every policy wants to scale in";
  }
  return out;
}

// ---------------------------------------------------------------------------------------------- step scaling ----

StepScalingPolicy::StepScalingPolicy(StepScalingConfig config) : config_(std::move(config)), alarm_(config_.alarm) {
  const std::string f = "step scaling '" + config_.name + "': ";
  if (config_.steps.empty()) throw std::invalid_argument(f + "at least one step adjustment is required");
  if (config_.instance_warmup_s < 0) throw std::invalid_argument(f + "warmup must be >= 0");
  auto steps = config_.steps;
  const double inf = std::numeric_limits<double>::infinity();
  std::sort(steps.begin(), steps.end(), [&](const StepAdjustment& a, const StepAdjustment& b) {
    return a.lower_bound.value_or(-inf) < b.lower_bound.value_or(-inf);
  });
  for (std::size_t i = 0; i < steps.size(); ++i) {
    const double lo = steps[i].lower_bound.value_or(-inf), hi = steps[i].upper_bound.value_or(inf);
    if (!(lo < hi)) throw std::invalid_argument(f + "step " + std::to_string(i) + " has lower bound >= upper bound");
    if (i + 1 < steps.size() && hi != steps[i + 1].lower_bound.value_or(-inf))
      throw std::invalid_argument(f + "step bounds leave a gap or overlap at offset " + std::to_string(hi));
  }
  if (config_.min_adjustment_magnitude && config_.adjustment_type != AdjustmentType::PercentChangeInCapacity)
    throw std::invalid_argument(f + "MinAdjustmentMagnitude is only valid with PercentChangeInCapacity");
}

std::optional<int> StepScalingPolicy::stepFor(double metric) const {
  const double diff = metric - config_.alarm.threshold;
  const double inf = std::numeric_limits<double>::infinity();
  // Above the threshold the lower bound is inclusive; below it the upper bound is.
  const bool upper = isUpper(config_.alarm.comparison);
  for (std::size_t i = 0; i < config_.steps.size(); ++i) {
    const double lo = config_.steps[i].lower_bound.value_or(-inf), hi = config_.steps[i].upper_bound.value_or(inf);
    const bool in = upper ? (lo <= diff && diff < hi) : (lo < diff && diff <= hi);
    if (in) return static_cast<int>(i);
  }
  return std::nullopt;
}

AwsPolicyDecision StepScalingPolicy::evaluate(const AwsEvaluationInput& in) {
  AwsPolicyDecision d;
  const bool alarm = openAlarmDecision(d, config_.name, config_.instance_warmup_s, alarm_, in);
  const int desired = in.capacity.desired;
  if (!alarm || !d.datapoint.value) {
    finish(d, in, desired);
    d.reason = "alarm not in ALARM: " + d.alarm_detail;
    return d;
  }
  d.step = stepFor(*d.datapoint.value);
  if (!d.step) {
    finish(d, in, desired);
    d.reason = "in ALARM but no step covers " + std::to_string(*d.datapoint.value);
    return d;
  }
  const StepAdjustment& step = config_.steps[static_cast<std::size_t>(*d.step)];
  const int fromDesired =
      applyAdjustment(desired, config_.adjustment_type, step.adjustment, config_.min_adjustment_magnitude);
  const bool out = fromDesired > desired;
  std::ostringstream os;
  os << "in ALARM: " << d.alarm_detail << "; step " << *d.step << " (adjustment " << step.adjustment << ")";
  if (out) {
    // Capacity still launching or warming is already on its way: apply the step to the settled capacity and
    // add only what exceeds the current desired capacity.
    const int settled = std::min(desired, d.datapoint.counted_instances);
    const int base = config_.adjustment_type == AdjustmentType::ExactCapacity ? desired : settled;
    d.proposed = applyAdjustment(base, config_.adjustment_type, step.adjustment, config_.min_adjustment_magnitude);
    d.intent = ScalingIntent::Out;
    finish(d, in, std::max(desired, d.proposed));
    os << " from " << base << " settled instance(s) -> " << d.proposed;
  } else if (fromDesired < desired) {
    if (d.datapoint.warming_instances > 0 || d.datapoint.counted_instances < desired) {
      finish(d, in, desired);
      os << "; scale-in deferred while instances are warming up";
    } else {
      d.proposed = fromDesired;
      d.intent = ScalingIntent::In;
      finish(d, in, fromDesired);
      os << " -> " << fromDesired;
    }
  } else {
    finish(d, in, desired);
  }
  d.reason = os.str();
  return d;
}

// -------------------------------------------------------------------------------------------- simple scaling ----

SimpleScalingPolicy::SimpleScalingPolicy(SimpleScalingConfig config) : config_(std::move(config)), alarm_(config_.alarm) {
  if (config_.cooldown_s < 0) throw std::invalid_argument("simple scaling '" + config_.name + "': cooldown must be >= 0");
}

AwsPolicyDecision SimpleScalingPolicy::evaluate(const AwsEvaluationInput& in) {
  AwsPolicyDecision d;
  const bool alarm = openAlarmDecision(d, config_.name, config_.instance_warmup_s, alarm_, in);
  const int desired = in.capacity.desired;
  if (!alarm) {
    finish(d, in, desired);
    d.reason = "alarm not in ALARM: " + d.alarm_detail;
    return d;
  }
  if (cooldown_until_ && in.now < *cooldown_until_) {
    finish(d, in, desired);
    d.reason = "in ALARM but cooling down until t=" + std::to_string(simTimeToSeconds(*cooldown_until_)) + " s";
    return d;
  }
  d.proposed = applyAdjustment(desired, config_.adjustment_type, config_.adjustment, config_.min_adjustment_magnitude);
  d.intent = d.proposed > desired ? ScalingIntent::Out : d.proposed < desired ? ScalingIntent::In : ScalingIntent::None;
  finish(d, in, d.proposed);
  if (d.changed) cooldown_until_ = in.now + config_.cooldown_s * kNanosPerSecond;
  d.reason = "in ALARM: " + d.alarm_detail + "; adjust " + std::to_string(desired) + " -> " +
             std::to_string(d.capacity.desired) + (d.changed ? ", cooldown " + std::to_string(config_.cooldown_s) + " s" : "");
  return d;
}

}  // namespace headroom::autoscaling
