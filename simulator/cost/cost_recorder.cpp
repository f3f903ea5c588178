#include "simulator/cost/cost_recorder.h"

#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <utility>

#include "simulator/health/health.h"

namespace headroom::cost {

namespace {

constexpr double kPoll_s = 1.0;

struct ComponentRecord {
  std::map<int, double> alive;  // slot -> start_s of the replica living there
  std::vector<InstanceRun> runs;
  ComponentCounters last;
};

struct Recording {
  double end_s = 0.0;
  std::map<std::string, ComponentRecord> components;  // by (lowered) component name
  std::vector<std::vector<CountStep>> pools;          // node count steps per pool
  RootRequestCounts root;                             // at the last poll
};

}  // namespace

struct CostCollector::State {
  Scenario scenario;
  std::vector<std::string> replicaNames;   // components priced per instance: replicas are recorded
  std::vector<std::string> counterNames;   // components whose counters are read (priced ones + entries)
  std::optional<double> latencyTargetS;    // the SLO's latency target, when the scenario has one
  std::mutex mutex;
  std::map<int, Recording> recordings;
};

namespace {

// Replica lives and node counts come from the engine as they change (FleetObserver); the counters are cumulative
// and are read by a one-second poll, the last one just before the horizon.
class CostRecorderHook : public SimulationHook, public FleetObserver {
 public:
  CostRecorderHook(std::shared_ptr<CostCollector::State> state, int replication)
      : state_(std::move(state)), replication_(replication) {}

  ~CostRecorderHook() override {
    if (!started_) return;
    rec_.end_s = std::min(horizon_s_, last_poll_s_ + kPoll_s);
    for (auto& [index, c] : replicas_) {
      for (const auto& [slot, start] : c->alive) c->runs.push_back({start, rec_.end_s, true});
      c->alive.clear();
    }
    std::lock_guard lock(state_->mutex);
    state_->recordings[replication_] = std::move(rec_);
  }

  void onStart(EngineControl& engine) override {
    started_ = true;
    horizon_s_ = simTimeToSeconds(engine.horizon());
    std::set<std::string> names(state_->counterNames.begin(), state_->counterNames.end());
    names.insert(state_->replicaNames.begin(), state_->replicaNames.end());
    for (const auto& n : names) {
      const int i = engine.componentIndex(n);
      if (i >= 0) indices_.push_back({n, i});
    }
    for (const auto& n : state_->replicaNames) {
      const int i = engine.componentIndex(n);
      if (i < 0) continue;
      ComponentRecord* c = &rec_.components[n];
      replicas_[i] = c;
      // Replicas that exist before this hook observes (the initial ones, or any an earlier hook started at 0).
      for (const auto& r : engine.replicas(i)) c->alive.emplace(r.slot, simTimeToSeconds(r.created_at));
    }
    nodesChanged(engine.clusterNodesByPool(), 0);
    engine.observeFleet(this);
    if (state_->latencyTargetS) engine.setLatencyTarget(secondsToSimTime(*state_->latencyTargetS));
    engine.scheduleTimer(0, this, 0);
  }

  void replicaStarted(int component, int slot, SimTime at) override {
    auto it = replicas_.find(component);
    if (it != replicas_.end()) it->second->alive[slot] = simTimeToSeconds(at);
  }

  void replicaStopped(int component, int slot, SimTime at) override {
    auto it = replicas_.find(component);
    if (it == replicas_.end()) return;
    ComponentRecord& c = *it->second;
    auto alive = c.alive.find(slot);
    if (alive == c.alive.end()) return;
    const double stop_s = simTimeToSeconds(at);
    // Created and removed at the same instant (two decisions that cancel out): it never ran, nothing to bill.
    if (stop_s > alive->second) c.runs.push_back({alive->second, stop_s, false});
    c.alive.erase(alive);
  }

  void clusterNodesChanged(const std::vector<int>& nodes_by_pool, SimTime at) override { nodesChanged(nodes_by_pool, at); }

  void onTimer(EngineControl& engine, std::uint32_t) override {
    const SimTime now = engine.now();
    last_poll_s_ = simTimeToSeconds(now);
    rec_.root = engine.rootRequests();
    for (const auto& [name, index] : indices_) rec_.components[name].last = engine.counters(index);
    // Every second, and once more just before the horizon (a timer at the horizon never fires), so that the
    // counters cover the whole replication.
    const SimTime horizon = engine.horizon();
    SimTime next = addSimTime(now, secondsToSimTime(kPoll_s));
    if (next >= horizon) next = horizon - 1;
    if (next > now) engine.scheduleTimer(next, this, 0);
  }

 private:
  void nodesChanged(const std::vector<int>& nodes, SimTime at) {
    const double at_s = simTimeToSeconds(at);
    if (rec_.pools.size() < nodes.size()) rec_.pools.resize(nodes.size());
    for (std::size_t p = 0; p < nodes.size(); ++p) {
      auto& steps = rec_.pools[p];
      if (!steps.empty() && steps.back().count == nodes[p]) continue;
      if (!steps.empty() && steps.back().at_s == at_s)
        steps.back().count = nodes[p];  // changed twice at one instant: the last count holds
      else
        steps.push_back({at_s, nodes[p]});
    }
  }

  std::shared_ptr<CostCollector::State> state_;
  int replication_;
  bool started_ = false;
  double horizon_s_ = 0.0, last_poll_s_ = 0.0;
  std::vector<std::pair<std::string, int>> indices_;
  std::map<int, ComponentRecord*> replicas_;  // component index -> its record (components priced per instance)
  Recording rec_;
};

const Recording& recordingOf(const CostCollector::State& s, int replication) {
  auto it = s.recordings.find(replication);
  if (it == s.recordings.end())
    throw std::invalid_argument("cost: replication " + std::to_string(replication) + " was not recorded");
  return it->second;
}

}  // namespace

int derivedManagedInstances(const Component& c) {
  if (c.database) return c.database->shards * (1 + c.database->read_replicas);
  return c.replicas;
}

bool hasPricing(const Scenario& s) {
  for (const auto& c : s.components)
    if (c.pricing) return true;
  if (s.cluster)
    for (const auto& p : s.cluster->node_pools)
      if (!p.instance_type.empty()) return true;
  return false;
}

CostCollector::CostCollector(const Scenario& scenario) : state_(std::make_shared<State>()) {
  state_->scenario = scenario;
  for (const auto& c : scenario.components) {
    if (!c.pricing) continue;
    if (!c.pricing->instance_type.empty()) state_->replicaNames.push_back(c.name);
    state_->counterNames.push_back(c.name);
  }
  for (const auto& s : scenario.sources) state_->counterNames.push_back(s.entry);
  state_->latencyTargetS = sloLatencyTargetS(scenario);
}

std::optional<double> sloLatencyTargetS(const Scenario& scenario) {
  if (!scenario.slo || !scenario.slo->p99_s) return std::nullopt;
  return healthTargetsFor(scenario).p99_s;
}

CostCollector::~CostCollector() = default;

HookFactory CostCollector::factory() const {
  auto state = state_;
  return [state](const Scenario&, int replication) {
    HookList hooks;
    hooks.push_back(std::make_unique<CostRecorderHook>(state, replication));
    return hooks;
  };
}

HookFactory CostCollector::wrap(HookFactory other) const {
  HookFactory mine = factory();
  if (!other) return mine;
  return [mine, other](const Scenario& s, int replication) {
    HookList hooks = other(s, replication);
    for (auto& h : mine(s, replication)) hooks.push_back(std::move(h));
    return hooks;
  };
}

bool CostCollector::recorded(int replication) const {
  std::lock_guard lock(state_->mutex);
  return state_->recordings.count(replication) > 0;
}

UsageTrace CostCollector::usage(int replication) const {
  std::lock_guard lock(state_->mutex);
  const Recording& rec = recordingOf(*state_, replication);
  const Scenario& sc = state_->scenario;
  UsageTrace t;
  t.start_s = 0.0;
  t.end_s = rec.end_s;
  std::string vendor = "aws", region = "us-east-1";
  for (const auto& c : sc.components) {
    if (!c.pricing) continue;
    if (vendor == "aws" && !c.pricing->vendor.empty()) vendor = c.pricing->vendor;
    if (region == "us-east-1" && !c.pricing->region.empty()) region = c.pricing->region;
    ComponentUsage u;
    u.component = c.name;
    u.pricing = *c.pricing;
    auto it = rec.components.find(c.name);
    const ComponentCounters counters = it != rec.components.end() ? it->second.last : ComponentCounters{};
    if (it != rec.components.end()) u.instances = it->second.runs;
    if (!u.pricing.managed_class.empty())
      u.managed_instances = u.pricing.managed_instances > 0 ? u.pricing.managed_instances : derivedManagedInstances(c);
    u.requests = static_cast<double>(counters.arrivals);
    if (c.type == Component::Type::Serverless && c.serverless) {
      u.serverless = true;
      // Billed duration: the busy integral of its environments plus, per invocation, the expected 0.5 ms
      // that rounding each duration up to 1 ms adds (durations are continuous; docs/cost.md).
      const double gb = c.serverless->memory_mb / 1024.0;
      u.gb_seconds = (counters.busy_worker_ns * 1e-9 + 0.0005 * static_cast<double>(counters.completions)) * gb;
    }
    u.bytes_out = u.pricing.bytes_per_response * static_cast<double>(counters.completions);
    t.components.push_back(std::move(u));
  }
  if (sc.cluster)
    for (std::size_t p = 0; p < sc.cluster->node_pools.size(); ++p) {
      const auto& pool = sc.cluster->node_pools[p];
      NodePoolUsage n;
      n.pool = pool.name;
      n.vendor = vendor;
      n.region = region;
      n.instance_type = pool.instance_type;
      if (p < rec.pools.size()) n.nodes = runsFromSteps(rec.pools[p], rec.end_s);
      t.node_pools.push_back(std::move(n));
    }
  return t;
}

RequestCounts CostCollector::requests(int replication) const {
  std::lock_guard lock(state_->mutex);
  const Recording& rec = recordingOf(*state_, replication);
  RequestCounts r;
  std::set<std::string> entries;
  for (const auto& s : state_->scenario.sources) entries.insert(s.entry);
  for (const auto& e : entries) {
    auto it = rec.components.find(e);
    if (it == rec.components.end()) continue;
    r.requests += static_cast<double>(it->second.last.arrivals);
    r.successful += static_cast<double>(it->second.last.completions);
  }
  if (state_->latencyTargetS) r.met_slo = static_cast<double>(rec.root.succeeded_within_target);
  return r;
}

}  // namespace headroom::cost
