#pragma once
// Runs a KEDA ScaledObject (simulator/autoscaling/keda_scaler.h) against a simulated component: the trigger's
// metric is the component's waiting requests (a topic's consumer lag), read every 5 s tick; the scaler decides
// which of its loops (operator poll, HPA sync) is due, scales to and from zero, and every decision is logged.
#include <memory>
#include <string>

#include "model/autoscaling_spec.h"
#include "simulator/hooks/hooks.h"

namespace headroom {

namespace autoscaling {
class KedaScaler;
}

class KedaHook : public SimulationHook {
 public:
  KedaHook(std::string component, const AutoscalingSpec& spec);
  ~KedaHook() override;
  void onStart(EngineControl& engine) override;
  void onTimer(EngineControl& engine, std::uint32_t tag) override;

 private:
  std::string name_;
  AutoscalingSpec spec_;
  std::unique_ptr<autoscaling::KedaScaler> scaler_;
  int component_ = -1;
};

}  // namespace headroom
