#pragma once
// The capacity planner: a time-stepped fluid/analytic pass of every component over months of traffic, the
// scenario's autoscalers applied at their own periods, then the runway of every component (when and why it
// first breaks an objective or its utilization threshold), the end-to-end SLO breach and the alert timeline.
// docs/planning.md describes the method and when not to trust it.
//
// Throws std::invalid_argument when the scenario does not validate or is outside the planner's model (closed
// sources, cyclic synchronous calls). Long job: reports progress and polls cancellation through `feedback`
// (may be null); a cancelled plan returns what it computed with cancelled = true. Pure, any thread.
#include "model/feedback.h"
#include "model/scenario.h"
#include "simulator/planning/plan_types.h"

namespace headroom::planning {

PlanResult runPlan(const Scenario& scenario, const PlanOptions& options = {}, Feedback* feedback = nullptr);

// The SLO in force: options.slo, else the scenario's, else the defaults (utilization 0.8, no latency or error
// objective), with the default alert rules when none are given.
SloSpec effectiveSlo(const Scenario& scenario, const PlanOptions& options);

}  // namespace headroom::planning
