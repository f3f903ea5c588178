// What hooks see and do besides changing replicas (replica_lifecycle.cpp): the clock, timers on the calendar,
// cumulative counters, name lookups, fault switches (slowdown, added latency, down, cache flush) and the log of
// scaling decisions. Events: kEvHookTimer (dispatched from kernel_core.cpp to the hook's onTimer).

#include "simulator/kernel/kernel.h"

#include <algorithm>

namespace headroom::kernel {

SimTime Kernel::now() const { return now_; }

SimTime Kernel::horizon() const { return cfg_.horizon; }

std::uint64_t Kernel::seed() const { return cfg_.seed; }

void Kernel::scheduleTimer(SimTime at, SimulationHook* hook, std::uint32_t tag) {
  for (std::size_t i = 0; cfg_.hooks && i < cfg_.hooks->size(); ++i)
    if ((*cfg_.hooks)[i].get() == hook) {
      if (at < cfg_.horizon) queue_.push(std::max(at, now_), kEvHookTimer, static_cast<std::uint32_t>(i), tag);
      return;
    }
}

int Kernel::componentIndex(const std::string& name) const {
  for (std::size_t c = 0; c < m_.components.size(); ++c)
    if (m_.components[c].name == name) return static_cast<int>(c);
  return -1;
}

ComponentCounters Kernel::counters(int component) const {
  const auto& st = comps_[static_cast<std::size_t>(component)];
  const double dt = static_cast<double>(now_ - st.last_change);  // integrals brought up to now, read-only
  ComponentCounters k;
  k.arrivals = st.now.arrivals;
  k.completions = st.now.completions;
  k.rejections = st.now.rejections;
  k.timeouts = st.now.timeouts;
  k.busy_worker_ns = st.now.busy_area + st.busy_total * dt;
  k.capacity_worker_ns = st.now.capacity_area + st.capacity * dt;
  k.waiting_ns = st.now.wait_area + st.waiting_total * dt;
  k.in_system = st.system_total;
  k.waiting = st.waiting_total;
  k.busy = st.busy_total;
  k.replicas_ready = static_cast<int>(st.routable.size());
  k.replicas_starting = st.starting;
  k.replicas_draining = st.draining;
  k.workers_per_replica = st.workers;
  return k;
}

void Kernel::setSlowdown(int component, double factor) { comps_[static_cast<std::size_t>(component)].slowdown = factor; }

void Kernel::setAddedLatency(int component, SimTime latency) { comps_[static_cast<std::size_t>(component)].added_latency = latency; }

void Kernel::setDown(int component, bool down) { comps_[static_cast<std::size_t>(component)].down = down; }

bool Kernel::flushCache(int component) {
  auto& st = comps_[static_cast<std::size_t>(component)];
  if (!st.cache) return false;
  st.cache->clear();
  return true;
}

int Kernel::componentRegion(int component) const { return m_.components[static_cast<std::size_t>(component)].region; }

int Kernel::regionIndex(const std::string& name) const {
  for (std::size_t i = 0; i < m_.regions.size(); ++i)
    if (m_.regions[i] == name) return static_cast<int>(i);
  return -1;
}

int Kernel::componentCount() const { return static_cast<int>(m_.components.size()); }

void Kernel::logClusterEvent(int nodes_before, int nodes_after, const std::string& reason) {
  summary_.scaling_events.push_back({simTimeToSeconds(now_), "cluster", nodes_before, nodes_after, reason});
}

void Kernel::logDecision(int component, int from, int to, const std::string& reason) {
  summary_.scaling_events.push_back(
      {simTimeToSeconds(now_), m_.components[static_cast<std::size_t>(component)].name, from, to, reason});
}

}  // namespace headroom::kernel
