#pragma once
// The two fidelities of the optimizer, for one stressed scenario:
//
//   screenAnalytic  the analytic queueing model (simulator/analytic): per-station exact results of the open
//                   product-form network; the end-to-end p99 from a gamma distribution matched to the mean
//                   (exact, Little's law) and the variance of the response summed over the visited stations
//                   (M/M/c waiting + service, stations taken as independent: an approximation); every
//                   balancer screened as a random split (pessimistic for round robin). Microseconds
//                   to a millisecond. Not evaluable (evaluable = false) where no analytic model applies.
//   runDes          the request-level engine with replications: p99 and error ratio with their 95% CIs.
#include <cstdint>
#include <string>

#include "model/feedback.h"
#include "model/scenario.h"
#include "simulator/optimize/optimize_types.h"

namespace headroom::optimize {

struct ScreenFigures {
  bool evaluable = false;   // false: no analytic model applies (why says which assumption fails)
  bool overloaded = false;  // a station at utilization >= 1: infeasible whatever the SLO
  double p99_ms = kNaN;
  double error_ratio = kNaN;
  std::string why;
};

ScreenFigures screenAnalytic(const Scenario& stressed);

// DES of `stressed` with `replications` replications from `seed` on `threads` threads (results do not depend
// on threads). The outcome's upper fields are the upper ends of the 95% CIs (the mean when replications < 2).
CaseOutcome runDes(const Scenario& stressed, const std::string& case_name, std::uint64_t seed, int replications,
                   int threads, Feedback* feedback);

// meets_slo and why of `outcome` judged on its upper fields.
void judge(CaseOutcome& outcome, const SloTarget& slo);

}  // namespace headroom::optimize
