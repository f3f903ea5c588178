// Circuit breakers of a caller (one per breaker spec, shared by the calls that name it): whether an attempt
// may go out, what the breaker learns from its outcome, and its state changes logged as scaling events. The
// state machine itself is features/circuit_breaker.h. No events of its own: a refused attempt fails through
// kEvCallFail like any other.

#include "simulator/kernel/kernel.h"

namespace headroom::kernel {

// The caller's breaker lets attempt `attempt` of call `call` by job j through, or refuses it: the failure
// reaches the caller through the calendar, so it is never re-entered while it is still issuing calls.
bool Kernel::breakerAllows(std::uint32_t j, std::uint32_t call, int attempt) {
  const std::uint16_t caller = jobs_[j].comp;
  auto& st = comps_[caller];
  auto& breaker = st.breakers[static_cast<std::size_t>(m_.calls[call].breaker)];
  const bool allowed = breaker.allow(now_);
  logBreaker(caller, breaker);
  if (allowed) return true;
  ++st.now.extra[kpi::kXBreakerRejected];
  queue_.push(now_, kEvCallFail, newTicket(j, call, attempt));
  return false;
}

void Kernel::breakerCancel(std::uint16_t caller, std::int16_t breaker) {
  if (breaker >= 0) comps_[caller].breakers[static_cast<std::size_t>(breaker)].cancel();
}

void Kernel::breakerOutcome(std::uint16_t caller, std::int16_t breaker, bool ok) {
  if (breaker < 0) return;
  auto& b = comps_[caller].breakers[static_cast<std::size_t>(breaker)];
  b.record(now_, ok);
  logBreaker(caller, b);
}

void Kernel::logBreaker(std::uint16_t comp, features::CircuitBreaker& breaker) {
  for (const auto& t : breaker.takeTransitions()) {
    if (t.to == features::CircuitBreaker::State::Open) ++comps_[comp].now.extra[kpi::kXBreakerOpens];
    const int n = static_cast<int>(comps_[comp].routable.size()) + comps_[comp].starting;
    logDecision(comp, n, n,
                std::string("circuit breaker: ") + features::breakerStateName(t.from) + " -> " +
                    features::breakerStateName(t.to) + ": " + t.reason);
  }
}

}  // namespace headroom::kernel
