#pragma once
// Plays the scenario's fault timeline (model/fault_spec.h) into the run through the hook seam, so faults
// compose with autoscalers: an HPA sees what a fault did and reacts like the real one would. Every fault
// start and end is logged with the scaling decisions.
//
// Overlapping faults on one component combine: an outage lasts until the last overlapping outage ends and
// then restores the replicas from before the first; concurrent slowdowns multiply.
#include <map>
#include <vector>

#include "model/fault_spec.h"
#include "simulator/hooks/hooks.h"

namespace headroom {

class FaultHook : public SimulationHook {
 public:
  // `without_replicas`: components (delays, serverless functions) that an outage takes down by refusing
  // arrivals, as they have no replicas to remove.
  explicit FaultHook(std::vector<FaultSpec> faults, std::vector<std::string> without_replicas = {});
  void onStart(EngineControl& engine) override;
  void onTimer(EngineControl& engine, std::uint32_t tag) override;

 private:
  struct ComponentFaults {
    int outages = 0;            // outages in progress (component and region outages alike)
    int refusing = 0;           // of those, the ones that also refuse arrivals
    int replicas_before = 0;    // desired replicas when the first of them began
    std::vector<double> slowdowns;  // factors in progress
    std::vector<double> latencies;  // injected latencies in progress, seconds
  };
  void begin(EngineControl& engine, std::size_t i);
  void end(EngineControl& engine, std::size_t i);
  void regionOutage(EngineControl& engine, std::size_t i, bool starting);
  // Overlapping outages of any kind share one count: the replicas from before the first come back when the
  // last ends.
  void holdDown(EngineControl& engine, int component, bool refuseArrivals, const std::string& reason);
  void release(EngineControl& engine, int component, bool refusedArrivals, const std::string& name);
  void databaseFailover(EngineControl& engine, std::size_t i, bool starting);
  static double product(const std::vector<double>& factors);
  static double sum(const std::vector<double>& values);

  std::vector<FaultSpec> faults_;
  std::map<int, ComponentFaults> state_;
  std::map<int, int> region_outages_;          // region -> outages in progress
  std::vector<std::string> without_replicas_;
  std::map<std::size_t, int> failover_replicas_before_;
};

}  // namespace headroom
