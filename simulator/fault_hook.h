#pragma once
// Plays the scenario's fault timeline (model/fault_spec.h) into the run through the hook seam, so faults
// compose with autoscalers: an HPA sees the replicas a kill removed and reacts like the real one would.
// Every fault start and end is logged with the scaling decisions.
#include <vector>

#include "model/fault_spec.h"
#include "simulator/hooks.h"

namespace headroom {

class FaultHook : public SimulationHook {
 public:
  explicit FaultHook(std::vector<FaultSpec> faults);
  void onStart(EngineControl& engine) override;
  void onTimer(EngineControl& engine, std::uint32_t tag) override;

 private:
  void begin(EngineControl& engine, std::size_t i);
  void end(EngineControl& engine, std::size_t i);

  std::vector<FaultSpec> faults_;
  std::vector<int> saved_replicas_;  // per fault: desired replicas before an outage
};

}  // namespace headroom
