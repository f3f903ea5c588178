#pragma once
// A component's replica count over a plan: the scenario's autoscaler (Kubernetes HPA and KEDA through the
// real controllers of simulator/autoscaling/, AWS target tracking as its target formula) fed with the fluid
// state at its own period, new replicas ready after replica_startup_s, and the cluster's node capacity as a cap.
// One instance per component and plan; single-threaded.
#include <memory>
#include <string>
#include <vector>

#include "model/scenario.h"

namespace headroom::autoscaling {
class HpaController;
class KedaScaler;
}  // namespace headroom::autoscaling

namespace headroom::planning {

// What the metrics pipeline would report for the component at one moment.
struct ScalerMetrics {
  double utilization = 0.0;     // busy workers / workers of the ready replicas
  double arrivals_per_s = 0.0;
  double waiting = 0.0;         // requests (messages) queued
  double in_system = 0.0;       // waiting + in service
};

class ReplicaScaler {
 public:
  ReplicaScaler(const Scenario& scenario, const Component& component, std::vector<std::string>& warnings);
  ~ReplicaScaler();
  ReplicaScaler(const ReplicaScaler&) = delete;
  ReplicaScaler& operator=(const ReplicaScaler&) = delete;

  // Runs every controller sync due in (previous now, now_s] on `metrics`, then promotes started replicas.
  void advance(double now_s, const ScalerMetrics& metrics);

  int ready() const { return ready_; }
  int desired() const { return desired_; }
  bool autoscaled() const { return kind_ != Kind::Fixed; }
  int maxReplicas() const { return max_; }       // the policy's cap, after the node cap
  bool atCap() const { return desired_ >= max_; }
  bool nodeCapped() const { return node_capped_; }  // the cluster, not the policy, sets the cap

 private:
  enum class Kind { Fixed, Hpa, Keda, AwsTarget };
  void apply(double now_s, int desired);
  void syncHpa(double now_s, const ScalerMetrics& m);

  const Component& component_;
  Kind kind_ = Kind::Fixed;
  double period_s_ = 15.0;
  double next_sync_s_ = 0.0;
  double startup_s_ = 30.0;
  double cpu_request_ = 1.0;
  int min_ = 1, max_ = 1;
  int ready_ = 1, desired_ = 1;
  bool node_capped_ = false;
  double last_scale_s_ = -1e18;
  bool last_unchanged_ = false;  // HPA thinning: the last consulted sync changed nothing
  ScalerMetrics last_;
  double last_sync_s_ = -1e18;
  std::vector<double> ready_at_s_;  // per replica, in creation order (the newest removed first)
  std::unique_ptr<autoscaling::HpaController> hpa_;
  std::unique_ptr<autoscaling::KedaScaler> keda_;
};

}  // namespace headroom::planning
