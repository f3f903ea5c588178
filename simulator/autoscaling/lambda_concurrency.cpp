#include "simulator/autoscaling/lambda_concurrency.h"

#include <algorithm>
#include <sstream>
#include <stdexcept>

namespace headroom::autoscaling {

LambdaConcurrency::LambdaConcurrency(LambdaConfig config) : config_(config) {
  if (config_.scaling_environments <= 0) throw std::invalid_argument("Lambda: scaling_environments must be > 0");
  if (config_.scaling_period_s <= 0) throw std::invalid_argument("Lambda: scaling_period_s must be > 0");
  if (config_.account_concurrency_limit <= 0)
    throw std::invalid_argument("Lambda: account_concurrency_limit must be > 0");
  if (config_.reserved_concurrency && *config_.reserved_concurrency < 0)
    throw std::invalid_argument("Lambda: reserved_concurrency must be >= 0");
  if (!(config_.idle_environment_lifetime_s > 0.0))
    throw std::invalid_argument("Lambda: idle_environment_lifetime_s must be > 0");
  // One unit per environment per nanosecond of the period: refilling `scaling_environments` units per ns gives
  // exactly scaling_environments environments per period.
  unit_per_environment_ = config_.scaling_period_s * kNanosPerSecond;
  capacity_units_ = unit_per_environment_ * config_.scaling_environments;
  units_ = capacity_units_;
}

int LambdaConcurrency::concurrencyLimit() const {
  return config_.reserved_concurrency.value_or(config_.account_concurrency_limit);
}

void LambdaConcurrency::refill(SimTime now) {
  if (now <= last_refill_) return;
  const SimTime elapsed = now - last_refill_;
  last_refill_ = now;
  const std::int64_t missing = capacity_units_ - units_;
  if (missing <= 0) return;
  // Saturate before multiplying so long idle stretches cannot overflow.
  if (elapsed >= missing / config_.scaling_environments + 1) {
    units_ = capacity_units_;
  } else {
    units_ = std::min(capacity_units_, units_ + elapsed * config_.scaling_environments);
  }
}

double LambdaConcurrency::scalingAllowance(SimTime now) const {
  LambdaConcurrency copy = *this;
  copy.refill(now);
  return static_cast<double>(copy.units_) / static_cast<double>(unit_per_environment_);
}

void LambdaConcurrency::expireIdle(SimTime now) {
  const SimTime lifetime = secondsToSimTime(config_.idle_environment_lifetime_s);
  while (!idle_.empty() && idle_.front().since + lifetime <= now) idle_.pop_front();
}

InvocationDecision LambdaConcurrency::invoke(SimTime now) {
  refill(now);
  expireIdle(now);
  InvocationDecision d;
  if (!idle_.empty()) {
    d.environment_id = idle_.back().id;
    idle_.pop_back();
    busy_flags_[static_cast<std::size_t>(d.environment_id)] = true;
    ++busy_;
    d.outcome = InvocationOutcome::WarmStart;
    d.reason = "warm environment reused";
  } else if (busy_ >= concurrencyLimit()) {
    d.outcome = InvocationOutcome::Throttled;
    ++throttles_;
    d.reason = "throttled (429): concurrency " + std::to_string(busy_) + " at the limit " +
               std::to_string(concurrencyLimit());
  } else if (units_ < unit_per_environment_) {
    d.outcome = InvocationOutcome::Throttled;
    ++throttles_;
    std::ostringstream os;
    os << "throttled (429): scaling rate " << config_.scaling_environments << " new environments per "
       << config_.scaling_period_s << " s exhausted (allowance "
       << static_cast<double>(units_) / static_cast<double>(unit_per_environment_) << ")";
    d.reason = os.str();
  } else {
    units_ -= unit_per_environment_;
    d.environment_id = static_cast<int>(busy_flags_.size());
    busy_flags_.push_back(true);
    ++busy_;
    ++cold_starts_;
    d.outcome = InvocationOutcome::ColdStart;
    d.reason = "cold start: no idle environment";
  }
  d.concurrency = busy_;
  d.scaling_allowance = static_cast<double>(units_) / static_cast<double>(unit_per_environment_);
  return d;
}

void LambdaConcurrency::complete(SimTime now, int environment_id) {
  if (environment_id < 0 || static_cast<std::size_t>(environment_id) >= busy_flags_.size() ||
      !busy_flags_[static_cast<std::size_t>(environment_id)])
    throw std::invalid_argument("Lambda: complete() for environment " + std::to_string(environment_id) +
                                " that is not running an invocation");
  busy_flags_[static_cast<std::size_t>(environment_id)] = false;
  --busy_;
  idle_.push_back({environment_id, now});
}

}  // namespace headroom::autoscaling
