#pragma once
// Request-level checks of chosen windows of a plan: where the fluid pass says the SLO breaks, where each
// runway ends, fault timeline events, the busiest step, and where the fluid p99 or a utilization comes within
// a margin of its objective. Each window runs through the request-level engine (simulation.h) with
// replications, starting from the plan's replica counts (the engine starts with empty queues and cold caches,
// so a warm-up is simulated first), and its end-to-end p99 is compared with the fluid one. Where the fluid p99
// is outside the DES 95% CI the DES number wins: the SLO verdict of that window is the DES one, and the plan's
// SLO breach date moves accordingly (check_notes says how). docs/planning.md. Internal to planning.
#include <vector>

#include "model/feedback.h"
#include "model/scenario.h"
#include "simulator/planning/plan_types.h"

namespace headroom::planning {

// What the fluid pass saw at every step (float: a year of 60 s steps is 2 MB per series).
struct StepSeries {
  double step_s = 60.0;
  std::vector<float> offered_per_s;    // end to end
  std::vector<float> p99_s;            // end to end
  std::vector<float> utilization_max;  // the busiest component
};

// Picks up to options.check_windows windows, simulates them and fills res.checks / check_notes /
// checks_wall_time_s; adjusts res.slo_breach_at_s where a DES verdict disagrees. `lowered` is what the fluid
// pass ran (its component order is the replica paths'). Cancellation stops between and inside windows.
void runWindowChecks(const Scenario& original, const Scenario& lowered, const StepSeries& steps, PlanResult& res,
                     const PlanOptions& options, Feedback* feedback);

}  // namespace headroom::planning
