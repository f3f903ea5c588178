#pragma once
// Kubernetes HorizontalPodAutoscaler (autoscaling/v2) as a pure state machine.
//
// The engine calls sync() once per HPA sync period (15 s by default) with what the metrics pipeline would have
// returned at that moment (samples already lagged/windowed by the engine) and applies
// ScalingDecision::desired_replicas to the workload's spec.replicas (pods then go through scheduling, start-up
// and readiness in the engine). The controller keeps the recommendation history (stabilization windows) and
// the scale events (behavior rate limits) itself; it assumes every decision with rescale = true was applied.
// Single-threaded: one instance per HPA, used from the simulation thread.
#include <vector>

#include "simulator/autoscaling/hpa_types.h"

namespace headroom::autoscaling {

struct HpaScaleEvent {
  SimTime time = 0;
  int change = 0;  // replicas added (scale-up list) or removed (scale-down list), > 0
};

class HpaController {
 public:
  // Throws std::invalid_argument with the offending field when the spec is not one Kubernetes would accept.
  explicit HpaController(HpaSpec spec, HpaControllerConfig config = {});

  ScalingDecision sync(const HpaSyncInput& input);

  const HpaSpec& spec() const { return spec_; }
  const HpaControllerConfig& config() const { return config_; }
  const std::vector<TimestampedRecommendation>& recommendations() const { return recommendations_; }
  const std::vector<HpaScaleEvent>& scaleUpEvents() const { return scale_up_events_; }
  const std::vector<HpaScaleEvent>& scaleDownEvents() const { return scale_down_events_; }

  // The rules in force for one direction once the defaults of a present behavior block are filled in:
  // up = 0 s window, Pods 4 / 15 s and Percent 100 / 15 s, Max; down = downscale_stabilization_s window,
  // Percent 100 / 15 s, Max.
  static HpaScalingRules effectiveRules(const HpaScalingRules& rules, bool scaleUp, const HpaControllerConfig& config);

 private:
  int normalizeLegacy(SimTime now, int current, int desired, ScalingDecision& d);
  int normalizeWithBehavior(SimTime now, int current, int desired, ScalingDecision& d);
  int replicasChangedInPeriod(SimTime now, int periodSeconds, const std::vector<HpaScaleEvent>& events) const;
  void storeScaleEvent(SimTime now, int previous, int next);

  HpaSpec spec_;
  HpaControllerConfig config_;
  HpaScalingRules up_rules_;
  HpaScalingRules down_rules_;
  bool window_initialized_ = false;
  std::vector<TimestampedRecommendation> recommendations_;
  std::vector<HpaScaleEvent> scale_up_events_;
  std::vector<HpaScaleEvent> scale_down_events_;
};

}  // namespace headroom::autoscaling
