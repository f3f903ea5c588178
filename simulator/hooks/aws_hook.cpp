#include "simulator/hooks/aws_hook.h"

#include <algorithm>
#include <optional>
#include <cstdio>

#include "simulator/autoscaling/aws_policies.h"
#include "simulator/autoscaling/aws_predictive_scaling.h"
#include "simulator/autoscaling/aws_scheduled_action.h"

namespace headroom {
namespace {

constexpr double kPeriod_s = 60.0;  // CloudWatch datapoint period and alarm evaluation

using namespace autoscaling;

AlarmSpec alarmOf(const AwsPolicySpec& p) {
  AlarmSpec a;
  a.threshold = p.threshold;
  a.comparison = p.comparison == AwsPolicySpec::Comparison::GreaterThan          ? AlarmComparison::GreaterThan
                 : p.comparison == AwsPolicySpec::Comparison::GreaterThanOrEqual ? AlarmComparison::GreaterThanOrEqual
                 : p.comparison == AwsPolicySpec::Comparison::LessThan           ? AlarmComparison::LessThan
                                                                                 : AlarmComparison::LessThanOrEqual;
  a.evaluation_periods = p.evaluation_periods;
  a.datapoints_to_alarm = p.datapoints_to_alarm;
  return a;
}

AdjustmentType adjustmentOf(const AwsPolicySpec& p) {
  return p.adjustment_type == AwsPolicySpec::Adjustment::ExactCapacity             ? AdjustmentType::ExactCapacity
         : p.adjustment_type == AwsPolicySpec::Adjustment::PercentChangeInCapacity ? AdjustmentType::PercentChangeInCapacity
                                                                                   : AdjustmentType::ChangeInCapacity;
}

std::string policyName(const AwsPolicySpec& p, const char* fallback, std::size_t i) {
  return p.name.empty() ? std::string(fallback) + "-" + std::to_string(i + 1) : p.name;
}

}  // namespace

AwsHook::AwsHook(std::string component, const AutoscalingSpec& spec) : name_(std::move(component)), spec_(spec) {
  for (std::size_t i = 0; i < spec.aws_policies.size(); ++i) {
    const AwsPolicySpec& p = spec.aws_policies[i];
    switch (p.type) {
      case AwsPolicySpec::Type::TargetTracking: {
        TargetTrackingConfig c;
        c.name = policyName(p, "target-tracking", i);
        c.target_value = p.target;
        c.instance_warmup_s = p.instance_warmup_s;
        c.disable_scale_in = p.disable_scale_in;
        tracking_.push_back(std::make_unique<TargetTrackingPolicy>(c));
        tracking_metric_.push_back(p.metric);
        break;
      }
      case AwsPolicySpec::Type::Step: {
        StepScalingConfig c;
        c.name = policyName(p, "step-scaling", i);
        c.alarm = alarmOf(p);
        c.adjustment_type = adjustmentOf(p);
        for (const auto& s : p.steps) c.steps.push_back({s.lower_bound, s.upper_bound, s.adjustment});
        c.instance_warmup_s = p.instance_warmup_s;
        steps_.push_back(std::make_unique<StepScalingPolicy>(c));
        step_metric_.push_back(p.metric);
        break;
      }
      case AwsPolicySpec::Type::Predictive: {
        PredictiveScalingConfig c;
        c.target_load_per_instance = p.target;
        c.mode = p.forecast_only ? PredictiveMode::ForecastOnly : PredictiveMode::ForecastAndScale;
        c.scheduling_buffer_s = p.scheduling_buffer_s;
        c.max_capacity_breach = p.increase_max_capacity ? MaxCapacityBreachBehavior::IncreaseMaxCapacity
                                                        : MaxCapacityBreachBehavior::HonorMaxCapacity;
        c.max_capacity_buffer_pct = p.max_capacity_buffer_pct;
        predictive_ = std::make_unique<PredictiveScaling>(c);
        break;
      }
      case AwsPolicySpec::Type::Simple: {
        SimpleScalingConfig c;
        c.name = policyName(p, "simple-scaling", i);
        c.alarm = alarmOf(p);
        c.adjustment_type = adjustmentOf(p);
        c.adjustment = p.adjustment;
        c.cooldown_s = p.cooldown_s;
        c.instance_warmup_s = p.instance_warmup_s;
        simple_.push_back(std::make_unique<SimpleScalingPolicy>(c));
        simple_metric_.push_back(p.metric);
        break;
      }
    }
  }
  if (!spec.aws_scheduled_actions.empty()) {
    std::vector<ScheduledAction> actions;
    for (const auto& a : spec.aws_scheduled_actions) {
      ScheduledAction s;
      s.name = a.name;
      s.start = secondsToSimTime(a.at_s);
      s.recurrence = a.cron;
      s.min_size = a.min_size;
      s.max_size = a.max_size;
      s.desired_capacity = a.desired_capacity;
      actions.push_back(s);
    }
    scheduled_ = std::make_unique<ScheduledScaler>(actions, 4 * 86400);  // SimTime 0 = Monday 1970-01-05 00:00 UTC
  }
  capacity_.min = spec.min_replicas;
  capacity_.max = spec.max_replicas;
}

AwsHook::~AwsHook() = default;

void AwsHook::onStart(EngineControl& engine) {
  component_ = engine.componentIndex(name_);
  previous_ = engine.replicas(component_);
  previous_at_ = engine.now();
  engine.scheduleTimer(secondsToSimTime(kPeriod_s), this, 0);
}

// The datapoint inputs for one metric: every instance in service (Ready) with its average over the minute.
AwsEvaluationInput AwsHook::input(EngineControl& engine, AwsPolicySpec::Metric metric) const {
  AwsEvaluationInput in;
  in.now = engine.now();
  in.capacity = capacity_;
  const ComponentCounters k = engine.counters(component_);
  const double span = static_cast<double>(engine.now() - previous_at_);
  int inService = 0;
  for (const auto& r : engine.replicas(component_)) {
    if (r.phase != ReplicaInfo::Phase::Ready) continue;
    ++inService;
    AwsInstanceSample s;
    s.id = r.slot;
    s.in_service_since = r.ready_at;
    const ReplicaInfo* before = nullptr;
    for (const auto& p : previous_)
      if (p.slot == r.slot && p.created_at == r.created_at) before = &p;
    const double cpu0 = before ? before->cpu_busy_ns : 0.0;
    const auto arrivals0 = before ? before->arrivals : 0;
    // An instance younger than the minute is averaged over the time it existed.
    const double lived = before ? span : static_cast<double>(engine.now() - r.ready_at);
    if (metric == AwsPolicySpec::Metric::CpuUtilization)
      s.metric = lived > 0 ? 100.0 * (r.cpu_busy_ns - cpu0) / (lived * r.workers) : 0.0;
    else
      s.metric = static_cast<double>(r.arrivals - arrivals0);
    in.instances.push_back(s);
  }
  if (metric == AwsPolicySpec::Metric::BacklogPerInstance)
    in.group_metric = static_cast<double>(k.waiting) / std::max(1, inService);
  return in;
}

void AwsHook::onTimer(EngineControl& engine, std::uint32_t) {
  const ComponentCounters k = engine.counters(component_);
  const int current = k.replicas_ready + k.replicas_starting;
  capacity_.desired = current;
  // Predictive scaling learns the group's hourly request rate and raises capacity ahead of the forecast.
  std::string predictiveReason;
  std::optional<AsgCapacity> forecastCapacity;
  if (predictive_) {
    const SimTime hour = secondsToSimTime(3600);
    if (engine.now() - hour_start_ >= hour) {
      predictive_->recordHourlyLoad(hour_start_, static_cast<double>(k.arrivals - hour_arrivals_start_) / 3600.0);
      hour_start_ += hour;
      hour_arrivals_start_ = k.arrivals;
    }
    const PredictiveDecision d = predictive_->evaluate(engine.now(), capacity_);
    if (d.changed || d.refreshed) predictiveReason = "; predictive: " + d.reason;
    if (d.changed) forecastCapacity = d.capacity;
  }
  std::string scheduledReason;
  if (scheduled_)
    for (const auto& f : scheduled_->due(engine.now(), capacity_)) scheduledReason += "; scheduled action '" + f.name + "': " + f.reason;

  std::vector<AwsPolicyDecision> decisions;
  std::vector<AwsPolicyDecision> trackingDecisions;
  for (std::size_t i = 0; i < tracking_.size(); ++i) trackingDecisions.push_back(tracking_[i]->evaluate(input(engine, tracking_metric_[i])));
  if (!trackingDecisions.empty()) {
    AwsEvaluationInput in = input(engine, tracking_metric_.front());
    decisions.push_back(trackingDecisions.size() == 1 ? trackingDecisions.front() : combineTargetTracking(in, trackingDecisions));
  }
  for (std::size_t i = 0; i < steps_.size(); ++i) decisions.push_back(steps_[i]->evaluate(input(engine, step_metric_[i])));
  for (std::size_t i = 0; i < simple_.size(); ++i) decisions.push_back(simple_[i]->evaluate(input(engine, simple_metric_[i])));

  // AWS runs the policy that yields the largest capacity when several act at once.
  const AwsPolicyDecision* chosen = nullptr;
  for (const auto& d : decisions)
    if (d.changed && (!chosen || d.capacity.desired > chosen->capacity.desired)) chosen = &d;
  int desired = std::clamp(capacity_.desired, capacity_.min, capacity_.max);
  std::string reason = "aws: ";
  if (chosen) {
    desired = chosen->capacity.desired;
    reason += chosen->policy + ": " + chosen->reason;
    if (!chosen->alarm_detail.empty() && chosen->reason.find(chosen->alarm_detail) == std::string::npos) reason += " [" + chosen->alarm_detail + "]";
  } else {
    reason += "no policy acted";
    for (const auto& d : decisions) reason += "; " + d.policy + ": " + d.reason;
  }
  if (forecastCapacity) {
    capacity_.max = std::max(capacity_.max, forecastCapacity->max);  // IncreaseMaxCapacity may raise it
    if (forecastCapacity->desired > desired) {
      desired = forecastCapacity->desired;
      reason += " (predictive capacity is higher)";
    }
  }
  if (desired != current) engine.setReplicas(component_, desired, secondsToSimTime(spec_.replica_startup_s));
  capacity_.desired = desired;
  engine.logDecision(component_, current, desired, reason + predictiveReason + scheduledReason);

  previous_ = engine.replicas(component_);
  previous_at_ = engine.now();
  engine.scheduleTimer(addSimTime(engine.now(), secondsToSimTime(kPeriod_s)), this, 0);
}

}  // namespace headroom
