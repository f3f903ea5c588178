// Call timeouts and retries: a timed-out attempt orphans its child (the work goes on, wasted) and fails the
// attempt; a failed attempt is retried after the policy's backoff with jitter (features/retry_backoff.h) while
// attempts remain, else the caller fails. Events: kEvCallTimeout, kEvCallFail, kEvRetry.

#include "simulator/kernel/kernel.h"

#include "simulator/features/retry_backoff.h"

namespace headroom::kernel {

void Kernel::callTimedOut(std::uint32_t child, std::uint32_t gen) {
  Job& c = jobs_[child];
  if (c.gen != gen || c.orphan || c.parent == kNone) return;
  const std::uint32_t parent = c.parent, pgen = c.parent_gen, token = c.parent_token, call = c.call;
  const int attempt = c.attempt;
  if (!isWaiting(parent, pgen, token)) return;
  c.orphan = true;  // it keeps running; its answer will be wasted
  const std::uint16_t caller = jobs_[parent].comp;
  ++comps_[caller].now.timeouts;
  settleCall(child, false);
  attemptFailed(parent, pgen, token, call, attempt);
}

// A failed attempt: retry after a backoff if the call allows another attempt, else the caller fails.
void Kernel::attemptFailed(std::uint32_t parent, std::uint32_t gen, std::uint32_t token, std::uint32_t call, int attempt) {
  if (!isWaiting(parent, gen, token)) return;
  const CompiledCall& cc = m_.calls[call];
  if (cc.retry >= 0 && attempt < m_.retries[static_cast<std::size_t>(cc.retry)].max_attempts) {
    auto& st = comps_[jobs_[parent].comp];
    ++st.now.extra[kpi::kXRetries];
    const SimTime delay = features::retryDelay(m_.retries[static_cast<std::size_t>(cc.retry)], attempt, st.feature_rng);
    queue_.push(addSimTime(now_, delay), kEvRetry, newTicket(parent, call, attempt + 1));
    return;
  }
  failJob(parent);
}

// A failed attempt reaches its caller (refused by a breaker or a bulkhead, refused or failed downstream, or
// answered after the deadline).
void Kernel::callFailDelivered(std::uint32_t ticket) {
  const CallTicket t = takeTicket(ticket);
  attemptFailed(t.parent, t.gen, t.token, t.call, t.attempt);
}

// A retry's backoff is over: the next attempt goes out unless the caller stopped waiting meanwhile.
void Kernel::retryDue(std::uint32_t ticket) {
  const CallTicket t = takeTicket(ticket);
  if (isWaiting(t.parent, t.gen, t.token)) issueCall(t.parent, t.call, t.attempt);
}

}  // namespace headroom::kernel
