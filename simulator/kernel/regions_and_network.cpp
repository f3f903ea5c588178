// Regions and the network between them: an arrival after a one-way hop (CompiledModel::latency), and latency
// routing (the nearest target that can take requests: the failover of a Nearest op). Answers crossing back
// are timed in calls.cpp (kEvReply) and sources.cpp (to the client). Events: none of its own beyond the
// kEvArrive it schedules.

#include "simulator/kernel/kernel.h"

namespace headroom::kernel {

// An arrival after a network hop of `latency` (0 = now).
void Kernel::arriveAfter(std::uint32_t j, SimTime latency) {
  if (latency > 0)
    queue_.push(addSimTime(now_, latency), kEvArrive, j, jobs_[j].gen);
  else
    arrive(j);
}

// The target of calls[first, first + count) nearest to `region` that can take requests, or kNone.
std::uint32_t Kernel::nearestServing(int region, std::uint32_t first, std::uint32_t count) const {
  std::uint32_t best = kNone;
  SimTime bestLatency = 0;
  for (std::uint32_t k = first; k < first + count; ++k) {
    const std::uint32_t c = m_.calls[k].component;
    const auto& st = comps_[c];
    const bool serving = !st.down && (!hasReplicas(m_.components[c]) || !st.routable.empty() ||
                                      m_.components[c].type == Component::Type::Topic);
    if (!serving) continue;
    const SimTime latency = m_.latency(region, m_.components[c].region);
    if (best == kNone || latency < bestLatency) {
      best = k;
      bestLatency = latency;
    }
  }
  return best;
}

}  // namespace headroom::kernel
