// Replica life cycle: Starting -> Ready -> Draining -> Gone. Adding (a reused slot starts afresh), becoming
// ready after the startup delay (or after a node binds it, on a cluster), draining and removal, the balancer's
// list of ready replicas and the capacity they hold; and the EngineControl calls through which autoscalers and
// faults change replicas, each start and stop told to the fleet observers (hooks.h) as it happens. Events:
// kEvReplicaReady.

#include "simulator/kernel/kernel.h"

#include <algorithm>

namespace headroom::kernel {

void Kernel::updateCapacity(std::uint32_t comp) {
  auto& st = comps_[comp];
  touch(st);
  int serving = 0, capacity = 0;
  for (const auto& r : st.replicas)
    if (r.phase == ReplicaPhase::Ready || r.phase == ReplicaPhase::Draining) {
      ++serving;
      capacity += r.workers;
    }
  st.serving = serving;
  st.capacity = capacity;
}

void Kernel::rebuildRoutable(std::uint32_t comp) {
  auto& st = comps_[comp];
  st.routable.clear();
  for (std::size_t r = 0; r < st.replicas.size(); ++r)
    if (st.replicas[r].phase == ReplicaPhase::Ready) st.routable.push_back(static_cast<std::uint16_t>(r));
  kickConsumers(comp);  // a topic's partitions are reassigned: consumers with free workers start pulling
}

void Kernel::addReplica(std::uint32_t comp, SimTime delay) {
  auto& st = comps_[comp];
  std::size_t slot = st.replicas.size();
  for (std::size_t r = 0; r < st.replicas.size(); ++r)
    if (st.replicas[r].phase == ReplicaPhase::Gone) {
      slot = r;
      break;
    }
  if (slot == st.replicas.size()) st.replicas.emplace_back();
  auto& rep = st.replicas[slot];
  const std::uint32_t token = rep.lifecycle_token + 1, psToken = rep.ps_token + 1;
  rep = ReplicaState{};  // a reused slot starts afresh: no counters from the replica that held it before
  rep.lifecycle_token = token;
  rep.ps_token = psToken;  // keeps counting, so a stale PS completion of the old replica cannot match
  rep.phase = ReplicaPhase::Starting;
  rep.workers = st.workers;
  rep.pools.resize(m_.components[comp].pools.size());
  rep.created_at = now_;
  rep.cpu_last = now_;
  ++st.starting;
  rep.startup_delay = std::max<SimTime>(0, delay);
  notifyReplicaStarted(static_cast<int>(comp), static_cast<int>(slot), now_);
  if (m_.components[comp].on_cluster) {
    rep.awaiting_node = true;  // Pending: the cluster hook binds it when a node has room
    return;
  }
  queue_.push(addSimTime(now_, rep.startup_delay), kEvReplicaReady, comp, static_cast<std::uint32_t>(slot), rep.lifecycle_token);
}

void Kernel::replicaReady(std::uint32_t comp, std::uint32_t r, std::uint32_t token) {
  auto& st = comps_[comp];
  auto& rep = st.replicas[r];
  if (rep.phase != ReplicaPhase::Starting || rep.lifecycle_token != token) return;
  rep.phase = ReplicaPhase::Ready;
  rep.ready_at = now_;
  --st.starting;
  rebuildRoutable(comp);
  updateCapacity(comp);
}

// Removes a starting replica if there is one (it never served), else drains the least loaded ready one.
void Kernel::removeReplica(std::uint32_t comp) {
  auto& st = comps_[comp];
  for (std::size_t r = st.replicas.size(); r-- > 0;)
    if (st.replicas[r].phase == ReplicaPhase::Starting) {
      st.replicas[r].phase = ReplicaPhase::Gone;
      ++st.replicas[r].lifecycle_token;
      --st.starting;
      notifyReplicaStopped(static_cast<int>(comp), static_cast<int>(r), now_);
      return;
    }
  drainReadyReplica(comp);
}

void Kernel::drainReadyReplica(std::uint32_t comp) {
  auto& st = comps_[comp];
  if (st.routable.empty()) return;
  std::uint16_t victim = st.routable.back();
  for (auto r : st.routable)
    if (st.replicas[r].present < st.replicas[victim].present) victim = r;
  st.replicas[victim].phase = st.replicas[victim].present > 0 ? ReplicaPhase::Draining : ReplicaPhase::Gone;
  if (st.replicas[victim].phase == ReplicaPhase::Draining)
    ++st.draining;
  else
    notifyReplicaStopped(static_cast<int>(comp), victim, now_);
  rebuildRoutable(comp);
  updateCapacity(comp);
}

void Kernel::setReplicas(int component, int replicas, SimTime startup_delay) {
  auto& st = comps_[static_cast<std::size_t>(component)];
  const int before = static_cast<int>(st.routable.size()) + st.starting;
  replicas = std::max(0, replicas);
  if (replicas == before || !hasReplicas(m_.components[static_cast<std::size_t>(component)])) return;
  for (int k = before; k < replicas; ++k) addReplica(static_cast<std::uint32_t>(component), startup_delay);
  for (int k = replicas; k < before; ++k) removeReplica(static_cast<std::uint32_t>(component));
}

std::vector<ReplicaInfo> Kernel::replicas(int component) const {
  std::vector<ReplicaInfo> out;
  const auto& st = comps_[static_cast<std::size_t>(component)];
  for (std::size_t r = 0; r < st.replicas.size(); ++r) {
    const auto& rep = st.replicas[r];
    if (rep.phase == ReplicaPhase::Gone) continue;
    ReplicaInfo info;
    info.slot = static_cast<int>(r);
    info.phase = rep.phase == ReplicaPhase::Starting ? ReplicaInfo::Phase::Starting
                 : rep.phase == ReplicaPhase::Ready  ? ReplicaInfo::Phase::Ready
                                                     : ReplicaInfo::Phase::Draining;
    info.created_at = rep.created_at;
    info.ready_at = rep.ready_at;
    info.cpu_busy_ns = rep.cpu_area + static_cast<double>(rep.cpu) * static_cast<double>(now_ - rep.cpu_last);
    info.arrivals = rep.arrivals;
    info.present = rep.present;
    info.workers = rep.workers;
    info.awaiting_node = rep.awaiting_node;
    out.push_back(info);
  }
  return out;
}

void Kernel::killReplicas(int component, int count, SimTime restart_delay) {
  const auto comp = static_cast<std::uint32_t>(component);
  const int n = std::min(count, static_cast<int>(comps_[comp].routable.size()));
  for (int k = 0; k < n; ++k) drainReadyReplica(comp);
  for (int k = 0; k < n; ++k) addReplica(comp, restart_delay);
}

// Vertical scaling: replicas created from now on have `workers` cores; the running ones are replaced
// (killed and recreated, Ready after `restart_delay`), so the resize costs a restart.
void Kernel::resizeReplicas(int component, int workers, SimTime restart_delay) {
  const auto comp = static_cast<std::uint32_t>(component);
  if (!hasReplicas(m_.components[comp])) return;
  comps_[comp].workers = std::max(1, workers);
  killReplicas(component, static_cast<int>(comps_[comp].routable.size()), restart_delay);
}

void Kernel::bindReplica(int component, int slot) {
  auto& rep = comps_[static_cast<std::size_t>(component)].replicas[static_cast<std::size_t>(slot)];
  if (rep.phase != ReplicaPhase::Starting || !rep.awaiting_node) return;
  rep.awaiting_node = false;
  queue_.push(addSimTime(now_, rep.startup_delay), kEvReplicaReady, static_cast<std::uint32_t>(component),
              static_cast<std::uint32_t>(slot), rep.lifecycle_token);
}

void Kernel::evictReplica(int component, int slot, SimTime startup_delay) {
  const auto comp = static_cast<std::uint32_t>(component);
  auto& st = comps_[comp];
  auto& rep = st.replicas[static_cast<std::size_t>(slot)];
  if (rep.phase != ReplicaPhase::Ready) return;
  rep.phase = rep.present > 0 ? ReplicaPhase::Draining : ReplicaPhase::Gone;
  if (rep.phase == ReplicaPhase::Draining)
    ++st.draining;
  else
    notifyReplicaStopped(component, slot, now_);
  rebuildRoutable(comp);
  updateCapacity(comp);
  addReplica(comp, startup_delay);
}

}  // namespace headroom::kernel
