#include "simulator/hooks/scenario_hooks.h"

#include "simulator/hooks/aws_hook.h"
#include "simulator/hooks/cluster_hook.h"
#include "simulator/hooks/fault_hook.h"
#include "simulator/hooks/hpa_hook.h"
#include "simulator/hooks/keda_hook.h"

namespace headroom {

HookList scenarioHooks(const Scenario& scenario) {
  HookList hooks;
  for (const auto& c : scenario.components)
    if (c.autoscaling) switch (c.autoscaling->kind) {
        case AutoscalingSpec::Kind::KubernetesHpa:
          hooks.push_back(std::make_unique<HpaHook>(c.name, *c.autoscaling, c.pod));
          break;
        case AutoscalingSpec::Kind::Keda:
          hooks.push_back(std::make_unique<KedaHook>(c.name, *c.autoscaling));
          break;
        case AutoscalingSpec::Kind::Aws:
          hooks.push_back(std::make_unique<AwsHook>(c.name, *c.autoscaling));
          break;
      }
  if (!scenario.faults.empty()) {
    std::vector<std::string> withoutReplicas;
    for (const auto& c : scenario.components)
      if (c.type == Component::Type::Delay || c.type == Component::Type::Serverless) withoutReplicas.push_back(c.name);
    hooks.push_back(std::make_unique<FaultHook>(scenario.faults, withoutReplicas));
  }
  bool pods = false;
  for (const auto& c : scenario.components) pods |= c.pod.has_value();
  if (scenario.cluster && pods) hooks.push_back(std::make_unique<ClusterHook>(scenario));
  return hooks;
}

}  // namespace headroom
