#include "model/scenario.h"

#include <algorithm>
#include <unordered_set>

namespace headroom {

const Distribution& Component::serviceTimeFor(const std::string& cls) const {
  auto it = service_time_by_class.find(cls);
  return it != service_time_by_class.end() ? it->second : service_time;
}

const Behaviour* Component::behaviourFor(const std::string& cls) const {
  auto it = behaviour.find(cls);
  if (it != behaviour.end()) return &it->second;
  it = behaviour.find(kAnyClass);
  return it != behaviour.end() ? &it->second : nullptr;
}

const Component* Scenario::findComponent(const std::string& n) const {
  for (const auto& c : components)
    if (c.name == n) return &c;
  return nullptr;
}

int Scenario::componentIndex(const std::string& n) const {
  for (std::size_t i = 0; i < components.size(); ++i)
    if (components[i].name == n) return static_cast<int>(i);
  return -1;
}

std::vector<std::string> Scenario::allRequestClasses() const {
  std::vector<std::string> out = request_classes;
  // A set beside the list: thousands of sources made the search of the list quadratic.
  std::unordered_set<std::string> seen(out.begin(), out.end());
  auto add = [&out, &seen](const std::string& c) {
    if (seen.insert(c).second) out.push_back(c);
  };
  for (const auto& s : sources) {
    if (s.mix.empty()) add(s.name);
    for (const auto& m : s.mix) add(m.request_class);
  }
  return out;
}

const char* componentTypeName(Component::Type type) {
  switch (type) {
    case Component::Type::Service: return "service";
    case Component::Type::Delay: return "delay";
    case Component::Type::Topic: return "topic";
    case Component::Type::Serverless: return "serverless";
  }
  return "?";
}

const char* disciplineName(Component::Discipline d) {
  return d == Component::Discipline::FCFS ? "fcfs" : "ps";
}

const char* faultKindName(FaultSpec::Kind kind) {
  switch (kind) {
    case FaultSpec::Kind::KillReplicas: return "kill_replicas";
    case FaultSpec::Kind::ComponentOutage: return "component_outage";
    case FaultSpec::Kind::Slowdown: return "slowdown";
    case FaultSpec::Kind::AddedLatency: return "added_latency";
    case FaultSpec::Kind::CacheFlush: return "cache_flush";
    case FaultSpec::Kind::RegionOutage: return "region_outage";
    case FaultSpec::Kind::DatabaseFailover: return "database_failover";
    case FaultSpec::Kind::Resize: return "resize";
  }
  return "?";
}

const char* autoscalingKindName(AutoscalingSpec::Kind k) {
  switch (k) {
    case AutoscalingSpec::Kind::KubernetesHpa: return "kubernetes_hpa";
    case AutoscalingSpec::Kind::Keda: return "keda";
    case AutoscalingSpec::Kind::Aws: return "aws";
  }
  return "?";
}

const char* hpaMetricTypeName(HpaMetricTarget::Type t) {
  switch (t) {
    case HpaMetricTarget::Type::CpuUtilization: return "cpu_utilization";
    case HpaMetricTarget::Type::RequestsPerSecondPerReplica: return "requests_per_second_per_replica";
    case HpaMetricTarget::Type::QueueLengthPerReplica: return "queue_length_per_replica";
    case HpaMetricTarget::Type::MemoryUtilization: return "memory_utilization";
    case HpaMetricTarget::Type::ObjectRequestsPerSecond: return "object_requests_per_second";
  }
  return "?";
}

const char* balancerName(Component::Balancer b) {
  switch (b) {
    case Component::Balancer::RoundRobin: return "round_robin";
    case Component::Balancer::LeastOutstanding: return "least_outstanding";
    case Component::Balancer::Random: return "random";
  }
  return "?";
}

}  // namespace headroom
