#include "simulator/autoscaling/spec_from_model.h"

#include <cmath>

namespace headroom::autoscaling {

HpaSpec hpaSpecFromModel(const AutoscalingSpec& s) {
  HpaSpec h;
  h.min_replicas = s.min_replicas;
  h.max_replicas = s.max_replicas;
  for (const auto& m : s.metrics) {
    HpaMetricSpec ms;
    switch (m.type) {
      case HpaMetricTarget::Type::CpuUtilization:
        ms = {HpaMetricSource::Resource, "cpu", HpaTargetType::Utilization, m.target};
        break;
      case HpaMetricTarget::Type::RequestsPerSecondPerReplica:
        ms = {HpaMetricSource::Pods, "requests_per_second", HpaTargetType::AverageValue, m.target};
        break;
      case HpaMetricTarget::Type::QueueLengthPerReplica:
        ms = {HpaMetricSource::External, "queue_length", HpaTargetType::AverageValue, m.target};
        break;
      case HpaMetricTarget::Type::MemoryUtilization:
        ms = {HpaMetricSource::Resource, "memory", HpaTargetType::Utilization, m.target};
        break;
      case HpaMetricTarget::Type::ObjectRequestsPerSecond:
        ms = {HpaMetricSource::Object, "requests_per_second", HpaTargetType::AverageValue, m.target};
        break;
    }
    h.metrics.push_back(ms);
  }
  if (s.has_behavior) {
    auto rules = [](const HpaDirectionSpec& d) {
      HpaScalingRules r;
      r.stabilization_window_s = d.stabilization_window_s;
      for (const auto& p : d.policies)
        r.policies.push_back({p.type == HpaPolicySpec::Type::Pods ? HpaPolicyType::Pods : HpaPolicyType::Percent, p.value,
                              p.period_s});
      if (d.select_policy)
        r.select_policy = *d.select_policy == HpaDirectionSpec::Select::Max   ? HpaSelectPolicy::Max
                          : *d.select_policy == HpaDirectionSpec::Select::Min ? HpaSelectPolicy::Min
                                                                               : HpaSelectPolicy::Disabled;
      return r;
    };
    h.behavior = HpaBehavior{rules(s.scale_up), rules(s.scale_down)};
  }
  return h;
}

HpaControllerConfig hpaConfigFromModel(const AutoscalingSpec& s) {
  HpaControllerConfig c;
  c.tolerance = s.tolerance;
  c.cpu_initialization_period_s = static_cast<int>(s.cpu_initialization_period_s);
  c.initial_readiness_delay_s = static_cast<int>(s.initial_readiness_delay_s);
  return c;
}

KedaSpec kedaSpecFromModel(const AutoscalingSpec& s) {
  KedaSpec k;
  k.polling_interval_s = static_cast<int>(std::lround(s.keda_polling_interval_s));
  k.cooldown_period_s = static_cast<int>(std::lround(s.keda_cooldown_period_s));
  k.min_replica_count = s.min_replicas;
  k.max_replica_count = s.max_replicas;
  k.metric_name = "lag";
  k.target_per_replica = s.keda_target_per_replica;
  k.activation_target = s.keda_activation_target;
  return k;
}

}  // namespace headroom::autoscaling
