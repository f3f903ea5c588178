#pragma once
// Runs a Kubernetes HPA (simulator/autoscaling/hpa_controller.h) against a simulated component: scrapes
// per-replica CPU time and arrivals like metrics-server (a sample averages metrics_window_s and is
// metrics_lag_s old when read), syncs every sync_period_s, applies the decision with the replica start-up
// delay, and logs every decision with its reason.
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "model/autoscaling_spec.h"
#include "simulator/hooks/hooks.h"

namespace headroom {

namespace autoscaling {
class HpaController;
}

class HpaHook : public SimulationHook {
 public:
  // pod: the replicas' requests (CPU and memory utilization are percentages of them) and memory model;
  // without one, one core per worker and the PodResources defaults.
  HpaHook(std::string component, const AutoscalingSpec& spec, std::optional<PodResources> pod = std::nullopt);
  ~HpaHook() override;
  void onStart(EngineControl& engine) override;
  void onTimer(EngineControl& engine, std::uint32_t tag) override;

 private:
  struct Scrape {
    SimTime time;
    std::vector<ReplicaInfo> replicas;
    std::uint64_t arrivals = 0;  // at the component, cumulative (the Object metric)
  };
  void scrape(EngineControl& engine);
  void sync(EngineControl& engine);
  const ReplicaInfo* find(const Scrape& s, const ReplicaInfo& r) const;

  std::string name_;
  AutoscalingSpec spec_;
  std::unique_ptr<autoscaling::HpaController> controller_;
  int component_ = -1;
  PodResources pod_;
  std::deque<Scrape> scrapes_;
};

}  // namespace headroom
