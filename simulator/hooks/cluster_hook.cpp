#include "simulator/hooks/cluster_hook.h"

#include <cstdio>

#include "simulator/autoscaling/cluster_autoscaler.h"

namespace headroom {
namespace {

constexpr double kTick_s = 1.0;  // pod changes reach the scheduler within a second

autoscaling::ClusterAutoscaler makeAutoscaler(const ClusterSpec& c) {
  std::vector<autoscaling::CaNodePool> pools;
  for (const auto& p : c.node_pools) {
    autoscaling::CaNodePool pool;
    pool.name = p.name;
    pool.type = {p.name, p.cpu_cores, p.memory_gib};
    pool.min_nodes = p.min_nodes;
    pool.max_nodes = p.max_nodes;
    pool.initial_nodes = p.initial_nodes;
    pools.push_back(pool);
  }
  autoscaling::CaConfig config;
  config.scan_interval_s = static_cast<int>(c.scan_interval_s);
  config.provisioning_delay_s = static_cast<int>(c.provisioning_delay_s);
  config.scale_down_utilization_threshold = c.scale_down_utilization_threshold;
  config.scale_down_unneeded_time_s = static_cast<int>(c.scale_down_unneeded_time_s);
  config.scale_down_delay_after_add_s = static_cast<int>(c.scale_down_delay_after_add_s);
  config.scale_down_enabled = c.scale_down_enabled;
  return autoscaling::ClusterAutoscaler(pools, config);
}

std::string podName(const std::string& component, const ReplicaInfo& r) {
  return component + "/" + std::to_string(r.slot) + "@" + std::to_string(r.created_at);
}

}  // namespace

ClusterHook::ClusterHook(const Scenario& scenario)
    : ca_(std::make_unique<autoscaling::ClusterAutoscaler>(makeAutoscaler(*scenario.cluster))) {
  for (const auto& c : scenario.components) {
    if (!c.pod) continue;
    PodComponent pc;
    pc.name = c.name;
    pc.cpu_request = c.pod->cpu_request_cores;
    pc.memory_gib = c.pod->memory_gib;
    pc.startup = secondsToSimTime(c.autoscaling ? c.autoscaling->replica_startup_s : AutoscalingSpec{}.replica_startup_s);
    components_.push_back(pc);
  }
  for (const auto& p : scenario.cluster->node_pools) ready_nodes_ += p.initial_nodes;
  pool_count_ = scenario.cluster->node_pools.size();
}

ClusterHook::~ClusterHook() = default;

void ClusterHook::onStart(EngineControl& engine) {
  for (auto& c : components_) c.index = engine.componentIndex(c.name);
  engine.scheduleTimer(0, this, 0);
}

void ClusterHook::onTimer(EngineControl& engine, std::uint32_t) {
  std::vector<autoscaling::CaPod> pods;
  std::vector<std::vector<ReplicaInfo>> replicas;
  for (const auto& c : components_) {
    replicas.push_back(engine.replicas(c.index));
    for (const auto& r : replicas.back())
      pods.push_back({podName(c.name, r), c.cpu_request > 0 ? c.cpu_request : static_cast<double>(r.workers), c.memory_gib});
  }
  const autoscaling::CaSyncResult result = ca_->sync(engine.now(), pods);
  for (std::size_t k = 0; k < components_.size(); ++k) {
    const auto& c = components_[k];
    for (const auto& r : replicas[k]) {
      const bool placed = ca_->nodeOf(podName(c.name, r)).has_value();
      if (r.phase == ReplicaInfo::Phase::Starting && r.awaiting_node && placed) engine.bindReplica(c.index, r.slot);
      if (r.phase == ReplicaInfo::Phase::Ready && !placed) engine.evictReplica(c.index, r.slot, c.startup);
    }
  }
  std::vector<int> nodesByPool(pool_count_, 0);
  for (const auto& n : ca_->nodes()) ++nodesByPool[static_cast<std::size_t>(n.pool)];
  engine.publishClusterNodes(std::move(nodesByPool));
  for (const auto& e : result.events) {
    using K = autoscaling::CaEventKind;
    if (e.kind == K::PodScheduled) continue;  // one per pod start: the replica counts already show it
    const int nodes = result.ready_nodes + result.provisioning_nodes;
    char counts[96];
    std::snprintf(counts, sizeof counts, " [%d ready, %d provisioning node(s), %d pending pod(s)]", result.ready_nodes,
                  result.provisioning_nodes, result.pending_pods);
    engine.logClusterEvent(ready_nodes_, nodes, "cluster autoscaler: " + e.text + counts);
    ready_nodes_ = nodes;
  }
  engine.scheduleTimer(addSimTime(engine.now(), secondsToSimTime(kTick_s)), this, 0);
}

}  // namespace headroom
