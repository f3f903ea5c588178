#pragma once
// AWS Lambda concurrency for one function: execution environments, the per-function scaling rate and the
// concurrency limit.
//
// Rules: an invocation reuses an idle (warm) environment when one exists; otherwise it needs a new environment
// (cold start), which needs (a) concurrency below the limit (reserved concurrency, else the account limit,
// default 1,000) and (b) one unit of scaling allowance. The allowance is 1,000 new environments per 10 s,
// refilled continuously (100 per second) and capped at 1,000 so idle time never accumulates a bigger burst.
// Anything else is throttled (HTTP 429). Idle environments are reclaimed after idle_environment_lifetime_s
// (AWS does not document this; 10 min is a common observation). Concurrency = busy environments.
// The allowance is kept in exact integer units, so long runs do not drift. Single-threaded.
#include <deque>
#include <optional>
#include <string>
#include <vector>

#include "model/units.h"

namespace headroom::autoscaling {

struct LambdaConfig {
  int scaling_environments = 1000;  // new environments allowed per scaling period (and the burst cap)
  int scaling_period_s = 10;
  int account_concurrency_limit = 1000;
  std::optional<int> reserved_concurrency;  // when set, the function's limit
  double idle_environment_lifetime_s = 600.0;
};

enum class InvocationOutcome { WarmStart, ColdStart, Throttled };

struct InvocationDecision {
  InvocationOutcome outcome = InvocationOutcome::Throttled;
  int environment_id = -1;  // pass back to complete(); -1 when throttled
  int concurrency = 0;      // busy environments after this decision
  double scaling_allowance = 0.0;  // new environments still allowed right now
  std::string reason;
};

class LambdaConcurrency {
 public:
  // Throws std::invalid_argument on non-positive limits or rates.
  explicit LambdaConcurrency(LambdaConfig config);

  // A new invocation arrives at `now` (non-decreasing across calls).
  InvocationDecision invoke(SimTime now);
  // The invocation running in `environment_id` finished; the environment becomes warm and idle.
  void complete(SimTime now, int environment_id);

  int concurrency() const { return busy_; }
  int concurrencyLimit() const;
  int environments() const { return busy_ + static_cast<int>(idle_.size()); }
  double scalingAllowance(SimTime now) const;  // in environments
  long long coldStarts() const { return cold_starts_; }
  long long throttles() const { return throttles_; }

 private:
  struct Idle {
    int id;
    SimTime since;
  };
  void refill(SimTime now);
  void expireIdle(SimTime now);

  LambdaConfig config_;
  std::int64_t unit_per_environment_ = 0;  // allowance units for one environment (= period in ns)
  std::int64_t capacity_units_ = 0;
  std::int64_t units_ = 0;
  SimTime last_refill_ = 0;
  std::deque<Idle> idle_;  // back = most recently freed (reused first), front = oldest (expires first)
  std::vector<bool> busy_flags_;
  int busy_ = 0;
  long long cold_starts_ = 0;
  long long throttles_ = 0;
};

}  // namespace headroom::autoscaling
