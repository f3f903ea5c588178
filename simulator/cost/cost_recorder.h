#pragma once
// Records, during a simulation, what the cost model needs (trace_pricing.h): when every replica of a priced
// component started and stopped, the cluster's node count per pool, and the counters (requests, successes,
// busy time) of the priced and entry components. One CostRecorderHook per replication, all writing into the
// CostCollector that made them; read the usage back per replication after the run.
//
// Resolution: exact. The hook observes the engine's fleet (FleetObserver, simulator/hooks/hooks.h): every replica
// start and stop, and every change of the cluster's published node counts, arrives at its simulated time as it
// happens, so a replica that lives a fraction of a second is recorded (and billed its 60 s minimum), and a drained
// replica stops when its last request leaves. Replicas that exist when the hook starts are read from
// EngineControl::replicas() (created_at). Only the cumulative counters are polled, every second and once just
// before the horizon. See docs/cost.md.
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "model/scenario.h"
#include "simulator/cost/trace_pricing.h"
#include "simulator/hooks/hooks.h"

namespace headroom::cost {

// Root requests of one replication, counted at the sources' entry components.
struct RequestCounts {
  double requests = 0.0;    // arrivals at the entry components
  double successful = 0.0;  // visits there that finished without failing (see docs/cost.md)
  // Root requests that succeeded and were answered within the scenario's SLO latency target (slo.p99_s, read
  // through healthTargetsFor); NaN when the scenario has no latency objective.
  double met_slo = std::numeric_limits<double>::quiet_NaN();
};

// The latency a request must be answered within to count as meeting the SLO: the slo block's p99 objective, as
// the health verdict reads it; nullopt without an slo block or without a p99 objective.
std::optional<double> sloLatencyTargetS(const Scenario& scenario);

class CostCollector {
 public:
  // `scenario` is the scenario as written (not lowered): its pricing blocks decide what is recorded.
  explicit CostCollector(const Scenario& scenario);
  ~CostCollector();
  CostCollector(const CostCollector&) = delete;
  CostCollector& operator=(const CostCollector&) = delete;

  // Hooks for RunOptions::hooks: a recorder per replication. Thread-safe; the collector must outlive the run.
  HookFactory factory() const;
  // Appends the recorder to another factory's hooks (the run command's own hooks keep working).
  HookFactory wrap(HookFactory other) const;

  bool recorded(int replication) const;
  // The usage of one finished replication, over [0, end of the replication).
  UsageTrace usage(int replication) const;
  RequestCounts requests(int replication) const;

  struct State;

 private:
  std::shared_ptr<State> state_;
};

// True when any component or node pool of the scenario says what it runs on.
bool hasPricing(const Scenario& scenario);
// Managed instances a component's class stands for when pricing.managed_instances is 0: a database's shards x
// (1 + read replicas), otherwise its (initial) replicas.
int derivedManagedInstances(const Component& component);

}  // namespace headroom::cost
