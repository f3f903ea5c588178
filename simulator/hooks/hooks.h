#pragma once
// Extension seam of the kernel: autoscalers, fault injectors and metric collectors attach as hooks instead
// of edits to the event loop (the SimGrid plugin idea). A hook gets timers on the simulation calendar, reads
// cumulative component counters, and changes replica counts. One set of hooks per replication, created by a
// HookFactory, so replications stay independent and deterministic. Hooks run on the replication's thread.
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "model/scenario.h"
#include "model/units.h"
#include "simulator/run_result.h"

namespace headroom {

// Root requests since the start of the replication (warm-up included), for the cost per request that met the
// SLO: the successful ones answered within the latency target a hook set with EngineControl::setLatencyTarget
// (0 while none is set). Finished and successful totals are already in the end-to-end statistics.
struct RootRequestCounts {
  std::uint64_t succeeded_within_target = 0;
};

// Cumulative since the start of the replication: differences between two reads give window averages.
struct ComponentCounters {
  std::uint64_t arrivals = 0, completions = 0, rejections = 0, timeouts = 0;
  double busy_worker_ns = 0;      // integral of busy workers over time (worker x ns)
  double capacity_worker_ns = 0;  // integral of available workers over time
  double waiting_ns = 0;          // integral of queued requests over time
  std::int64_t in_system = 0;     // now
  int waiting = 0;                // now
  int busy = 0;                   // now
  int replicas_ready = 0;         // serving now (accepting new requests)
  int replicas_starting = 0;      // scheduled, not yet ready
  int replicas_draining = 0;      // removed, finishing their work
  int workers_per_replica = 0;
};

// One replica (pod) of a component as a metrics pipeline would see it.
struct ReplicaInfo {
  enum class Phase { Starting, Ready, Draining };
  int slot = 0;
  Phase phase = Phase::Ready;
  SimTime created_at = 0;
  SimTime ready_at = 0;          // valid when Ready or Draining
  double cpu_busy_ns = 0;        // cumulative integral of workers doing local work (not waiting on calls)
  std::uint64_t arrivals = 0;    // cumulative requests routed to this replica
  std::int64_t present = 0;      // requests at the replica now
  int workers = 1;               // its cores (one CPU core requested per worker)
  bool awaiting_node = false;    // Starting and not yet bound to a node (a Pending pod)
};

class SimulationHook;

// Told of every replica start and stop and of every change of the published cluster node counts, at the exact
// simulated time, as it happens (a collector that needs a replica's life, e.g. the cost recorder,
// simulator/cost/). Replicas change rarely (scaling decisions, faults, evictions, the end of a drain), so this
// costs the event loop nothing: the kernel calls observers only where it adds or retires a replica. An observer
// must not change replicas from these calls.
class FleetObserver {
 public:
  virtual ~FleetObserver() = default;
  // A replica was created in `slot` (Starting; a reused slot holds a new replica).
  virtual void replicaStarted(int component, int slot, SimTime at) = 0;
  // The replica in `slot` is gone: removed while starting, removed or evicted with no work left, or its drain ended.
  virtual void replicaStopped(int component, int slot, SimTime at) = 0;
  // EngineControl::publishClusterNodes changed the node counts.
  virtual void clusterNodesChanged(const std::vector<int>& nodes_by_pool, SimTime at) { (void)nodes_by_pool, (void)at; }
};

class EngineControl {
 public:
  virtual ~EngineControl() = default;
  virtual SimTime now() const = 0;
  virtual SimTime horizon() const = 0;
  virtual void scheduleTimer(SimTime at, SimulationHook* hook, std::uint32_t tag) = 0;
  virtual int componentIndex(const std::string& name) const = 0;  // -1 if none
  virtual ComponentCounters counters(int component) const = 0;
  // Desired replicas = ready + starting. Added replicas become ready after `startup_delay`; removed ones stop
  // taking new requests at once and leave when their in-flight work is done (graceful drain). Starting
  // replicas are removed first. Does not log: the deciding hook calls logDecision with its reason.
  virtual void setReplicas(int component, int replicas, SimTime startup_delay) = 0;
  virtual std::uint64_t seed() const = 0;  // the replication's seed, to derive a hook's own RandomStream
  virtual std::vector<ReplicaInfo> replicas(int component) const = 0;  // existing replicas (not gone)
  // Pods die and their ReplicaSet recreates them: `count` Ready replicas drain at once, as many new ones start
  // and are Ready after `restart_delay`. Desired replicas (ready + starting) do not change.
  virtual void killReplicas(int component, int count, SimTime restart_delay) = 0;
  // Multiplies the component's sampled work durations from now on (1 = normal): CPU exhaustion, a slow
  // dependency, added latency. Work already started keeps its duration.
  virtual void setSlowdown(int component, double factor) = 0;
  // Vertical scaling: new replicas get `workers` workers (cores); every running replica is restarted at that
  // size (Ready after `restart_delay`; in-flight work finishes on the old ones).
  virtual void resizeReplicas(int component, int workers, SimTime restart_delay) = 0;
  // Cluster: a Pending replica of a component that runs on the cluster is bound to a node; it starts and is
  // Ready after the start-up delay it was created with.
  virtual void bindReplica(int component, int slot) = 0;
  // Cluster: the node of a Ready replica went away: the pod is evicted (drains) and a replacement is created
  // (Pending until bound).
  virtual void evictReplica(int component, int slot, SimTime startup_delay) = 0;
  // A cluster-level decision (nodes added or removed), logged with the scaling decisions under "cluster".
  virtual void logClusterEvent(int nodes_before, int nodes_after, const std::string& reason) = 0;
  // Every arrival at the component is delayed by `latency` (0 = none) before it is admitted (injected
  // network latency in front of a service).
  virtual void setAddedLatency(int component, SimTime latency) = 0;
  // A component that is down refuses every arrival (its region is lost), whatever its replicas.
  virtual void setDown(int component, bool down) = 0;
  // Empties the component's key cache; false if it has none (a given-ratio cache has no contents).
  virtual bool flushCache(int component) = 0;
  virtual int componentCount() const = 0;
  virtual int componentRegion(int component) const = 0;  // index; 0 when the scenario has no regions
  virtual int regionIndex(const std::string& name) const = 0;  // -1 if none
  // Records a controller decision (also when nothing changes, so "why did it not scale?" has an answer).
  virtual void logDecision(int component, int from, int to, const std::string& reason) = 0;

  // Root-request counts (see RootRequestCounts); the target applies to requests finishing from then on. Defaults
  // keep other EngineControl implementations (test fakes) compiling.
  virtual void setLatencyTarget(SimTime target) { (void)target; }
  virtual RootRequestCounts rootRequests() const { return {}; }

  // Cluster nodes that exist now (Ready or provisioning: both are paid) per node pool in the scenario's order,
  // as the cluster hook last published them; empty without a cluster. A board between hooks, so that a
  // collector (the cost recorder, simulator/cost/) sees the nodes without the kernel knowing about them.
  const std::vector<int>& clusterNodesByPool() const { return cluster_nodes_by_pool_; }
  void publishClusterNodes(std::vector<int> nodes_by_pool) {
    if (nodes_by_pool == cluster_nodes_by_pool_) return;
    cluster_nodes_by_pool_ = std::move(nodes_by_pool);
    for (auto* o : fleet_observers_) o->clusterNodesChanged(cluster_nodes_by_pool_, now());
  }

  // Registers an observer of replica starts and stops (FleetObserver) for the rest of the replication; it must
  // outlive the replication (a hook observing itself does). Replicas that exist already are read with replicas().
  void observeFleet(FleetObserver* observer) { fleet_observers_.push_back(observer); }

 protected:
  // Called by the engine where a replica is created or retired.
  void notifyReplicaStarted(int component, int slot, SimTime at) {
    for (auto* o : fleet_observers_) o->replicaStarted(component, slot, at);
  }
  void notifyReplicaStopped(int component, int slot, SimTime at) {
    for (auto* o : fleet_observers_) o->replicaStopped(component, slot, at);
  }

 private:
  std::vector<int> cluster_nodes_by_pool_;
  std::vector<FleetObserver*> fleet_observers_;
};

class SimulationHook {
 public:
  virtual ~SimulationHook() = default;
  virtual void onStart(EngineControl& engine) {}
  virtual void onTimer(EngineControl& engine, std::uint32_t tag) {}
};

using HookList = std::vector<std::unique_ptr<SimulationHook>>;
// Called from every simulation worker thread at once: it must be thread-safe, and what it returns must depend
// only on (scenario, replication), or results would change with the thread count.
using HookFactory = std::function<HookList(const Scenario& scenario, int replication)>;

}  // namespace headroom
