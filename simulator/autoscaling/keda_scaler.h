#pragma once
// KEDA ScaledObject with one queue-like trigger (queue length, consumer lag...).
//
// 0 <-> 1 is KEDA's own operator loop (every pollingInterval: activate from zero when the metric exceeds the
// activation threshold, return to minReplicaCount = 0 only after cooldownPeriod without activity); 1 <-> N is
// the HPA KEDA creates, on an External AverageValue metric: desired = ceil(metric / targetPerReplica) with the
// usual tolerance and behavior. After `failureThreshold` consecutive failed queries the fallback replica count
// is used. The engine calls sync() at least every min(pollingInterval, hpaSyncPeriod) (5 s is a safe tick);
// the scaler decides itself which loop is due. Single-threaded; one instance per ScaledObject.
#include <optional>
#include <string>

#include "simulator/autoscaling/hpa_controller.h"

namespace headroom::autoscaling {

struct KedaFallback {
  int failure_threshold = 3;
  int replicas = 1;
};

struct KedaSpec {
  int polling_interval_s = 30;
  int cooldown_period_s = 300;  // applies only to scaling to zero (or to idleReplicaCount)
  int min_replica_count = 0;
  int max_replica_count = 100;
  std::optional<int> idle_replica_count;
  std::string metric_name = "queue";
  double target_per_replica = 5.0;  // trigger target (AverageValue): e.g. messages per replica
  double activation_target = 0.0;   // active when metric > activation_target
  std::optional<KedaFallback> fallback;
  std::optional<HpaBehavior> behavior;  // advanced.horizontalPodAutoscalerConfig.behavior
  HpaControllerConfig hpa_config;
  int hpa_sync_period_s = 15;
};

struct KedaSyncInput {
  SimTime now = 0;
  int current_replicas = 0;
  std::optional<double> metric_value;  // what the scaler would read now; nullopt = the query failed
};

struct KedaDecision {
  SimTime time = 0;
  int current_replicas = 0;
  int desired_replicas = 0;
  bool rescale = false;
  std::string reason;
  bool operator_polled = false;
  bool hpa_synced = false;
  bool active = false;               // metric above the activation threshold at this poll
  std::optional<SimTime> last_active_time;
  int consecutive_failures = 0;
  bool fallback_active = false;
  std::optional<ScalingDecision> hpa;  // the HPA's decision when it ran
};

class KedaScaler {
 public:
  // Throws std::invalid_argument on a spec KEDA would reject.
  explicit KedaScaler(KedaSpec spec);

  KedaDecision sync(const KedaSyncInput& input);

  const KedaSpec& spec() const { return spec_; }
  const HpaController& hpa() const { return hpa_; }

 private:
  static HpaSpec hpaSpecFor(const KedaSpec& spec);

  KedaSpec spec_;
  HpaController hpa_;
  SimTime next_poll_ = 0;
  SimTime next_hpa_sync_ = 0;
  std::optional<SimTime> last_active_;
  int failures_ = 0;
};

}  // namespace headroom::autoscaling
