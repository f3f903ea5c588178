#pragma once
// Builders shared by the HPA tests: pods with cpu requests and samples, and an HPA driven by one external
// AverageValue metric so a test can ask for any raw recommendation (desired = ceil(total / target)).
#include <string>
#include <vector>

#include "simulator/autoscaling/hpa_controller.h"

namespace headroom::autoscaling::testing {

inline SimTime seconds(double s) { return secondsToSimTime(s); }

// A Running, Ready pod started long ago, with a cpu request in cores and (when cpuCores >= 0) a fresh sample.
inline HpaPod cpuPod(const std::string& name, double requestCores, double cpuCores, SimTime now) {
  HpaPod p;
  p.name = name;
  p.start_time = now - seconds(3600);
  p.ready = true;
  p.ready_transition_time = now - seconds(3590);
  p.requests["cpu"] = requestCores;
  if (cpuCores >= 0.0) p.samples["cpu"] = PodMetricSample{cpuCores, now - seconds(5), seconds(15)};
  return p;
}

inline HpaSpec externalSpec(int minReplicas, int maxReplicas, double targetPerPod = 10.0) {
  HpaSpec s;
  s.min_replicas = minReplicas;
  s.max_replicas = maxReplicas;
  s.metrics.push_back({HpaMetricSource::External, "queue", HpaTargetType::AverageValue, targetPerPod});
  return s;
}

// Input for externalSpec(): a queue whose length makes the raw recommendation exactly `wanted` replicas
// (given a target of 10 per pod), unless within tolerance of current.
inline HpaSyncInput externalInput(SimTime now, int current, int wanted, double targetPerPod = 10.0) {
  HpaSyncInput in;
  in.now = now;
  in.current_replicas = current;
  in.external_values["queue"] = {wanted * targetPerPod};
  return in;
}

}  // namespace headroom::autoscaling::testing
