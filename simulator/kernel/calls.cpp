// Synchronous calls: issuing an attempt (through the caller's breaker and pool), the child job that carries
// it, the caller's side of a finished attempt, and the answer travelling back (a success may cross regions).
// Call tickets park an attempt that waits outside any job (a backoff, a free connection, a failure's delivery).
// Events: kEvReply (a success that crossed regions). Timeouts and retries: timeouts_and_retries.cpp; breakers:
// circuit_breakers.cpp; pools: connection_pools.cpp.

#include "simulator/kernel/kernel.h"

namespace headroom::kernel {

std::uint32_t Kernel::newTicket(std::uint32_t parent, std::uint32_t call, int attempt) {
  std::uint32_t t;
  if (!free_tickets_.empty()) {
    t = free_tickets_.back();
    free_tickets_.pop_back();
  } else {
    t = static_cast<std::uint32_t>(tickets_.size());
    tickets_.emplace_back();
  }
  const Job& p = jobs_[parent];
  CallTicket& k = tickets_[t];
  k.parent = parent;
  k.gen = p.gen;
  k.token = p.token;
  k.call = call;
  k.attempt = static_cast<std::uint16_t>(attempt);
  k.since = now_;
  k.live = true;
  k.caller_comp = p.comp;
  k.caller_replica = p.replica;
  k.caller_lifecycle = comps_[p.comp].replicas[p.replica].lifecycle_token;
  ++k.serial;
  return t;
}

CallTicket Kernel::takeTicket(std::uint32_t t) {
  const CallTicket k = tickets_[t];
  tickets_[t].live = false;
  free_tickets_.push_back(t);
  return k;
}

// Attempt `attempt` of call `call` by job j: through the caller's breaker (circuit_breakers.cpp) and pool
// (connection_pools.cpp), then to the target.
void Kernel::issueCall(std::uint32_t j, std::uint32_t call, int attempt) {
  const CompiledCall& cc = m_.calls[call];
  if (cc.breaker >= 0 && !breakerAllows(j, call, attempt)) return;
  if (cc.pool >= 0 && !takeConnection(j, call, attempt)) return;
  spawnChild(j, call, attempt);
}

void Kernel::spawnChild(std::uint32_t parent, std::uint32_t call, int attempt) {
  const CompiledCall& cc = m_.calls[call];
  const std::uint32_t c = allocJob();  // may reallocate jobs_: take references after this
  const Job& p = jobs_[parent];
  Job& child = jobs_[c];
  child.comp = static_cast<std::uint16_t>(cc.component);
  child.cls = p.cls;
  child.region = p.region;
  child.parent = parent;
  child.parent_gen = p.gen;
  child.parent_token = p.token;
  child.arrival = now_;
  child.called_at = now_;
  child.call = call;
  child.attempt = static_cast<std::uint16_t>(attempt);
  child.pool = cc.pool;
  child.caller_comp = p.comp;
  child.caller_replica = p.replica;
  child.caller_lifecycle = comps_[p.comp].replicas[p.replica].lifecycle_token;
  if (cc.timeout > 0) queue_.push(addSimTime(now_, cc.timeout), kEvCallTimeout, c, child.gen);
  arriveAfter(c, m_.latency(m_.components[p.comp].region, m_.components[cc.component].region));
}

// The caller's side of a finished attempt: the connection goes back, the breaker learns the outcome.
void Kernel::settleCall(std::uint32_t child, bool ok) {
  Job& c = jobs_[child];
  const std::int16_t pool = c.pool;
  const std::uint16_t caller = c.caller_comp, replica = c.caller_replica;
  const std::uint32_t lifecycle = c.caller_lifecycle;
  const std::int16_t breaker = m_.calls[c.call].breaker;
  c.pool = -1;
  breakerOutcome(caller, breaker, ok);
  if (pool >= 0) releaseConnection(caller, replica, lifecycle, pool);
}

// A child job has its answer (it completed, failed or was refused).
void Kernel::answerCaller(std::uint32_t child, bool ok) {
  const Job& c = jobs_[child];
  const std::uint32_t parent = c.parent, gen = c.parent_gen, token = c.parent_token, call = c.call;
  const int attempt = c.attempt;
  const std::uint16_t comp = c.comp, caller = c.caller_comp;
  const bool orphan = c.orphan;
  const SimTime back = m_.latency(m_.components[comp].region, m_.components[caller].region);
  const SimTime timeout = m_.calls[call].timeout;
  const SimTime deadline = addSimTime(c.called_at, timeout);
  if (!orphan && timeout > 0 && addSimTime(now_, back) > deadline) {
    // The answer would cross back after the caller's timeout: the caller times out (at the deadline) and the
    // answer, when it comes, is wasted.
    settleCall(child, false);
    freeJob(child);
    if (ok) ++comps_[comp].now.extra[kpi::kXAbandoned];
    if (!isWaiting(parent, gen, token)) return;
    ++comps_[caller].now.timeouts;
    queue_.push(std::max(now_, deadline), kEvCallFail, newTicket(parent, call, attempt));
    return;
  }
  if (!orphan) settleCall(child, ok);
  freeJob(child);
  if (orphan || !isWaiting(parent, gen, token)) {
    if (ok) ++comps_[comp].now.extra[kpi::kXAbandoned];
    return;
  }
  if (!ok) {
    queue_.push(addSimTime(now_, back), kEvCallFail, newTicket(parent, call, attempt));
    return;
  }
  if (back > 0)
    queue_.push(addSimTime(now_, back), kEvReply, parent, gen, token);
  else
    deliverSuccess(parent, gen, token);
}

void Kernel::deliverSuccess(std::uint32_t p, std::uint32_t gen, std::uint32_t token) {
  if (!isWaiting(p, gen, token)) return;  // the caller gave up (timeout or a failed sibling)
  Job& parent = jobs_[p];
  if (--parent.pending > 0) return;
  parent.waiting = false;
  ++parent.token;
  ++parent.pc;
  advance(p);
}

}  // namespace headroom::kernel
