#pragma once
// The replication kernel: one class, its state in flat vectors (kernel_state.h), its event loop in
// kernel_core.cpp, and each mechanism's member functions in a file named after it:
//
//   kernel_core.cpp               construction, the event loop and the dispatch of every event kind
//   sources.cpp                   arrival processes, request creation, end-to-end statistics at the end
//   component_arrival.cpp         arrival at a component: admission, balancer, queue, start of service
//   behaviour.cpp                 the interpreter of a job's compiled program
//   departure.cpp                 completion, failure, freeing the worker, load shedding, onward routing
//   calls.cpp                     call attempts, child jobs, answers to the caller, call tickets
//   timeouts_and_retries.cpp      call timeouts, retries after a backoff
//   circuit_breakers.cpp          breakers of a caller
//   connection_pools.cpp          pools and bulkheads of a caller's replica
//   caches.cpp                    cache lookups and fills
//   topics.cpp                    partitions, consumers, retention
//   serverless.cpp                Lambda-style invocations and cold starts
//   regions_and_network.cpp       network hops between regions, latency routing
//   database_replication_lag.cpp  stale reads of a lowered database's replicas
//   processor_sharing.cpp         processor-sharing replicas
//   replica_lifecycle.cpp         Starting -> Ready -> Draining -> Gone, and the hook calls that change replicas
//   engine_control.cpp            the rest of what hooks see (counters, timers, fault switches, decision log)
//   observation_windows.cpp       warm-up and statistics windows
//   summary.cpp                   the replication's KPIs at the end
//
// Member functions called on every event and small enough to matter are defined inline below.
#include <cstdint>
#include <string>
#include <vector>

#include "simulator/compiled_model.h"
#include "simulator/event_queue.h"
#include "simulator/hooks/hooks.h"
#include "simulator/kernel/kernel_state.h"
#include "simulator/replication.h"

namespace headroom::kernel {

class Kernel final : public EngineControl {
 public:
  Kernel(const CompiledModel& m, const ReplicationConfig& cfg);
  ReplicationSummary run(const ReplicationProgress& progress, const LiveWindowSink& live);

  // ---- EngineControl: what hooks see (engine_control.cpp, replica_lifecycle.cpp) ---------------------
  SimTime now() const override;
  SimTime horizon() const override;
  std::uint64_t seed() const override;
  void scheduleTimer(SimTime at, SimulationHook* hook, std::uint32_t tag) override;
  int componentIndex(const std::string& name) const override;
  ComponentCounters counters(int component) const override;
  void setLatencyTarget(SimTime target) override { latency_target_ = target; }
  RootRequestCounts rootRequests() const override { return root_; }
  void setReplicas(int component, int replicas, SimTime startup_delay) override;
  std::vector<ReplicaInfo> replicas(int component) const override;
  void killReplicas(int component, int count, SimTime restart_delay) override;
  void setSlowdown(int component, double factor) override;
  void resizeReplicas(int component, int workers, SimTime restart_delay) override;
  void bindReplica(int component, int slot) override;
  void evictReplica(int component, int slot, SimTime startup_delay) override;
  void logClusterEvent(int nodes_before, int nodes_after, const std::string& reason) override;
  void setAddedLatency(int component, SimTime latency) override;
  void setDown(int component, bool down) override;
  bool flushCache(int component) override;
  int componentRegion(int component) const override;
  int regionIndex(const std::string& name) const override;
  int componentCount() const override;
  void logDecision(int component, int from, int to, const std::string& reason) override;

 private:
  // Services and topics have replicas with workers and queues; delays and serverless functions have neither.
  static bool hasReplicas(const CompiledComponent& cc) {
    return cc.type == Component::Type::Service || cc.type == Component::Type::Topic;
  }

  // ---- kernel_core.cpp ------------------------------------------------------------------------------
  static void initFeatures(const CompiledComponent& cc, ComponentState& st, std::uint64_t seed);
  void start();
  void dispatch(const Event& e);

  // ---- sources.cpp ----------------------------------------------------------------------------------
  static double nextPositiveRate(const RateCurve& rate, double t, double horizon);
  SimTime nextArrival(std::uint32_t s, SimTime from);
  void createRequest(std::uint16_t s, std::uint32_t user);
  void finishRequest(std::uint32_t j, bool ok);

  // ---- component_arrival.cpp ------------------------------------------------------------------------
  void arrive(std::uint32_t j);
  void arriveNow(std::uint32_t j);
  std::uint16_t pickReplica(std::uint32_t comp);
  void reject(std::uint32_t j);
  void startService(std::uint32_t j);

  // ---- behaviour.cpp --------------------------------------------------------------------------------
  void advance(std::uint32_t j);

  // ---- departure.cpp --------------------------------------------------------------------------------
  void leaveComponent(std::uint32_t j);
  void completeJob(std::uint32_t j);
  void failJob(std::uint32_t j);

  // ---- calls.cpp ------------------------------------------------------------------------------------
  std::uint32_t newTicket(std::uint32_t parent, std::uint32_t call, int attempt);
  CallTicket takeTicket(std::uint32_t t);
  void issueCall(std::uint32_t j, std::uint32_t call, int attempt);
  void spawnChild(std::uint32_t parent, std::uint32_t call, int attempt);
  void settleCall(std::uint32_t child, bool ok);
  void answerCaller(std::uint32_t child, bool ok);
  void deliverSuccess(std::uint32_t p, std::uint32_t gen, std::uint32_t token);

  // ---- timeouts_and_retries.cpp ---------------------------------------------------------------------
  void callTimedOut(std::uint32_t child, std::uint32_t gen);
  void callFailDelivered(std::uint32_t ticket);
  void retryDue(std::uint32_t ticket);
  void attemptFailed(std::uint32_t parent, std::uint32_t gen, std::uint32_t token, std::uint32_t call, int attempt);

  // ---- circuit_breakers.cpp -------------------------------------------------------------------------
  bool breakerAllows(std::uint32_t j, std::uint32_t call, int attempt);
  void breakerCancel(std::uint16_t caller, std::int16_t breaker);
  void breakerOutcome(std::uint16_t caller, std::int16_t breaker, bool ok);
  void logBreaker(std::uint16_t comp, features::CircuitBreaker& breaker);

  // ---- connection_pools.cpp -------------------------------------------------------------------------
  bool takeConnection(std::uint32_t j, std::uint32_t call, int attempt);
  void releaseConnection(std::uint16_t comp, std::uint16_t replica, std::uint32_t lifecycle, std::int16_t pool);
  void poolWaitExpired(std::uint32_t t, std::uint32_t serial);

  // ---- caches.cpp -----------------------------------------------------------------------------------
  bool cacheLookup(std::uint32_t j);
  void cacheFill(std::uint32_t j);

  // ---- topics.cpp -----------------------------------------------------------------------------------
  void arriveAtTopic(std::uint32_t j);
  void consume(std::uint32_t comp, std::uint16_t r);
  void loseMessage(std::uint32_t comp, std::uint32_t msg);
  void expireMessages();
  void kickConsumers(std::uint32_t comp);

  // ---- serverless.cpp -------------------------------------------------------------------------------
  void arriveAtFunction(std::uint32_t j);

  // ---- regions_and_network.cpp ----------------------------------------------------------------------
  void arriveAfter(std::uint32_t j, SimTime latency);
  std::uint32_t nearestServing(int region, std::uint32_t first, std::uint32_t count) const;

  // ---- database_replication_lag.cpp -----------------------------------------------------------------
  void trackReplicaStaleness(std::uint32_t j);

  // ---- processor_sharing.cpp ------------------------------------------------------------------------
  void psAdvanceVirtual(ReplicaState& rep, int workers);
  void psSetActive(ComponentState& st, ReplicaState& rep, int workers, int active);
  void psReschedule(std::uint32_t comp, std::uint32_t r);
  void psAdd(std::uint32_t j, SimTime work);
  void psCompletion(std::uint32_t comp, std::uint32_t r, std::uint32_t token);

  // ---- replica_lifecycle.cpp ------------------------------------------------------------------------
  void updateCapacity(std::uint32_t comp);
  void rebuildRoutable(std::uint32_t comp);
  void addReplica(std::uint32_t comp, SimTime delay);
  void replicaReady(std::uint32_t comp, std::uint32_t r, std::uint32_t token);
  void removeReplica(std::uint32_t comp);
  void drainReadyReplica(std::uint32_t comp);

  // ---- observation_windows.cpp, summary.cpp ---------------------------------------------------------
  void startObservation();
  void closeWindow();
  ReplicationSummary finish();

  // ---- hot helpers, inline --------------------------------------------------------------------------
  bool isWaiting(std::uint32_t j, std::uint32_t gen, std::uint32_t token) const {
    const Job& job = jobs_[j];
    return job.gen == gen && job.waiting && job.token == token;
  }

  // Job slots are recycled; the generation number tells a stale event about an old occupant from a live one.
  std::uint32_t allocJob() {
    if (!free_.empty()) {
      const std::uint32_t j = free_.back();
      free_.pop_back();
      return j;
    }
    jobs_.emplace_back();
    return static_cast<std::uint32_t>(jobs_.size() - 1);
  }

  void freeJob(std::uint32_t j) {
    Job& job = jobs_[j];
    const std::uint32_t gen = job.gen + 1;
    job = Job{};
    job.gen = gen;
    free_.push_back(j);
  }

  // Brings the component's time integrals up to now; call before any count they integrate changes.
  void touch(ComponentState& c) {
    const double dt = static_cast<double>(now_ - c.last_change);
    if (dt > 0) {
      c.now.busy_area += c.busy_total * dt;
      c.now.wait_area += c.waiting_total * dt;
      c.now.system_area += static_cast<double>(c.system_total) * dt;
      c.now.capacity_area += c.capacity * dt;
      c.now.serving_area += c.serving * dt;
      c.now.extra[kpi::kXPoolInUseArea] += c.pool_in_use * dt;
    }
    c.last_change = now_;
  }

  // Workers of a replica doing local work (the autoscalers' CPU metric), integrated over time.
  void cpuChange(ReplicaState& rep, int delta) {
    rep.cpu_area += static_cast<double>(rep.cpu) * static_cast<double>(now_ - rep.cpu_last);
    rep.cpu_last = now_;
    rep.cpu += delta;
  }

  // ---- state ----------------------------------------------------------------------------------------
  const CompiledModel& m_;
  const ReplicationConfig& cfg_;
  const LiveWindowSink* live_ = nullptr;
  EventQueue queue_;
  SimTime now_ = 0;
  SimTime window_began_ = 0;
  std::uint64_t events_ = 0;
  bool stopped_ = false;
  SimTime latency_target_ = 0;  // see EngineControl::setLatencyTarget
  RootRequestCounts root_;
  int depth_ = 0;  // nested advance() calls, bounded by kMaxSynchronousDepth
  std::vector<Job> jobs_;
  std::vector<std::uint32_t> free_;
  std::vector<std::uint32_t> finished_;
  std::vector<std::uint32_t> shed_;
  std::vector<CallTicket> tickets_;
  std::vector<std::uint32_t> free_tickets_;
  std::vector<ComponentState> comps_;
  std::vector<SourceState> sources_;
  std::vector<EndToEndState> e2e_;  // [0] all, then per class (observation period)
  EndToEndState window_e2e_;        // all classes, current window
  std::vector<EndToEndState> window_class_e2e_;  // per class, current window; empty with one class (no cost)
  ReplicationSummary summary_;
};

}  // namespace headroom::kernel
