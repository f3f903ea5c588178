// Connection pools and bulkheads of a caller's replica: taking a connection for an attempt, waiting for one
// (bounded by max_wait_s), refusing at once when the pool is a bulkhead, and handing a released connection to
// the oldest caller still waiting. Events: kEvPoolTimeout (a wait for a connection expired).

#include "simulator/kernel/kernel.h"

#include <algorithm>

namespace headroom::kernel {

// Attempt `attempt` of call `call` by job j takes a connection from its caller's pool, or waits for one, or is
// refused (a full bulkhead). True when the attempt may go out now.
bool Kernel::takeConnection(std::uint32_t j, std::uint32_t call, int attempt) {
  const CompiledCall& cc = m_.calls[call];
  const std::uint16_t caller = jobs_[j].comp;
  auto& st = comps_[caller];
  const auto& spec = m_.components[caller].pools[static_cast<std::size_t>(cc.pool)];
  auto& pool = st.replicas[jobs_[j].replica].pools[static_cast<std::size_t>(cc.pool)];
  if (pool.in_use >= spec.size) {
    if (spec.max_wait_s <= 0) {  // a bulkhead: refuse at once
      ++st.now.extra[kpi::kXBulkheadRejected];
      breakerCancel(caller, cc.breaker);  // the call never reached the target
      queue_.push(now_, kEvCallFail, newTicket(j, call, attempt));
      return false;
    }
    ++st.now.extra[kpi::kXPoolWaits];
    const std::uint32_t t = newTicket(j, call, attempt);
    pool.waiters.push_back(t);
    queue_.push(addSimTime(now_, secondsToSimTime(spec.max_wait_s)), kEvPoolTimeout, t, tickets_[t].serial);
    return false;
  }
  touch(st);
  ++pool.in_use;
  ++st.pool_in_use;
  return true;
}

// Gives the connection back and hands it to the oldest caller still waiting for one.
void Kernel::releaseConnection(std::uint16_t comp, std::uint16_t replica, std::uint32_t lifecycle, std::int16_t pool) {
  auto& st = comps_[comp];
  auto& rep = st.replicas[replica];
  touch(st);
  --st.pool_in_use;
  if (rep.lifecycle_token != lifecycle) return;  // that replica is gone; its pool went with it
  auto& ps = rep.pools[static_cast<std::size_t>(pool)];
  --ps.in_use;
  while (!ps.waiters.empty()) {
    const std::uint32_t t = ps.waiters.front();
    ps.waiters.pop_front();
    const CallTicket k = takeTicket(t);
    st.now.extra[kpi::kXPoolWaitSumS] += simTimeToSeconds(now_ - k.since);
    if (!isWaiting(k.parent, k.gen, k.token)) {
      breakerCancel(comp, m_.calls[k.call].breaker);  // its caller gave up: the call never ran
      continue;
    }
    ++ps.in_use;
    ++st.pool_in_use;
    spawnChild(k.parent, k.call, k.attempt);
    return;
  }
}

void Kernel::poolWaitExpired(std::uint32_t t, std::uint32_t serial) {
  if (!tickets_[t].live || tickets_[t].serial != serial) return;
  const CallTicket k = tickets_[t];
  auto& st = comps_[k.caller_comp];
  auto& rep = st.replicas[k.caller_replica];
  if (rep.lifecycle_token == k.caller_lifecycle) {
    auto& waiters = rep.pools[static_cast<std::size_t>(m_.calls[k.call].pool)].waiters;
    if (const auto it = std::find(waiters.begin(), waiters.end(), t); it != waiters.end()) waiters.erase(it);
  }
  takeTicket(t);
  ++st.now.extra[kpi::kXPoolTimeouts];
  st.now.extra[kpi::kXPoolWaitSumS] += simTimeToSeconds(now_ - k.since);
  breakerCancel(k.caller_comp, m_.calls[k.call].breaker);
  attemptFailed(k.parent, k.gen, k.token, k.call, k.attempt);
}

}  // namespace headroom::kernel
