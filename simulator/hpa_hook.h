#pragma once
// Runs a Kubernetes HPA (simulator/autoscaling/hpa_controller.h) against a simulated component: scrapes
// per-replica CPU time and arrivals like metrics-server (a sample averages metrics_window_s and is
// metrics_lag_s old when read), syncs every sync_period_s, applies the decision with the replica start-up
// delay, and logs every decision with its reason.
#include <deque>
#include <memory>
#include <string>
#include <vector>

#include "model/autoscaling_spec.h"
#include "simulator/hooks.h"

namespace headroom {

namespace autoscaling {
class HpaController;
}

class HpaHook : public SimulationHook {
 public:
  // cpu_request_cores: the pod's CPU request (0 = one core per worker), what CPU utilization is a percent of.
  HpaHook(std::string component, const AutoscalingSpec& spec, double cpu_request_cores = 0.0);
  ~HpaHook() override;
  void onStart(EngineControl& engine) override;
  void onTimer(EngineControl& engine, std::uint32_t tag) override;

 private:
  struct Scrape {
    SimTime time;
    std::vector<ReplicaInfo> replicas;
  };
  void scrape(EngineControl& engine);
  void sync(EngineControl& engine);
  const ReplicaInfo* find(const Scrape& s, const ReplicaInfo& r) const;

  std::string name_;
  AutoscalingSpec spec_;
  std::unique_ptr<autoscaling::HpaController> controller_;
  int component_ = -1;
  double cpu_request_cores_ = 0.0;
  std::deque<Scrape> scrapes_;
};

}  // namespace headroom
