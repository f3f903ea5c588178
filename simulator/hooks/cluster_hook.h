#pragma once
// Runs the Kubernetes scheduler and Cluster Autoscaler (simulator/autoscaling/cluster_autoscaler.h) for the
// components that have a `pod` block: every second it hands the controller every existing pod (Pending,
// starting, running, draining) with its requests, binds the Pending replicas the scheduler placed (they start
// then), evicts replicas whose node was removed, and logs node scale-ups and scale-downs under "cluster".
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "model/scenario.h"
#include "simulator/hooks/hooks.h"

namespace headroom {

namespace autoscaling {
class ClusterAutoscaler;
}

class ClusterHook : public SimulationHook {
 public:
  explicit ClusterHook(const Scenario& scenario);
  ~ClusterHook() override;
  void onStart(EngineControl& engine) override;
  void onTimer(EngineControl& engine, std::uint32_t tag) override;

 private:
  struct PodComponent {
    std::string name;
    int index = -1;
    double cpu_request = 0.0;  // 0 = one core per worker
    double memory_gib = 0.5;
    SimTime startup = 0;
  };
  std::vector<PodComponent> components_;
  std::unique_ptr<autoscaling::ClusterAutoscaler> ca_;
  int ready_nodes_ = 0;
  std::size_t pool_count_ = 0;
};

}  // namespace headroom
