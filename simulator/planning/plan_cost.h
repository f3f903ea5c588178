#pragma once
// The cost along a plan, per 730 h billing month: what the fluid pass used — every priced component's replica
// path step by step, its requests, serverless GB-seconds and bytes out, the cluster nodes its pods need — put
// into one cost::UsageTrace per month and priced by the cost library (trace_pricing.h), so the plan and a
// request-level run are billed by the same rules. docs/cost.md ("Cost along a plan"). Internal to planning.
#include <string>
#include <vector>

#include "model/scenario.h"
#include "simulator/cost/trace_pricing.h"
#include "simulator/planning/plan_tracker.h"
#include "simulator/planning/plan_types.h"

namespace headroom::planning {

class PlanCostRecorder {
 public:
  // `original` decides what is priced (its pricing blocks); `lowered` is what the fluid pass runs.
  PlanCostRecorder(const Scenario& original, const Scenario& lowered);

  // One fluid step: `offered_per_s` offered by every source, `components` in lowered order, and the replicas
  // that exist in it (ready or starting: what is billed) per component.
  void step(double t0_s, double dt_s, double offered_per_s, const std::vector<StepState>& components,
            const std::vector<int>& billed_replicas);

  // Prices [0, end_s) month by month. Throws std::invalid_argument (from the cost library) when a price the
  // scenario needs is not in the catalog.
  PlanCost finish(double end_s, const cost::PricingContext& context) const;

 private:
  struct Month {
    double requests = 0.0;
    std::vector<double> arrivals, served, busy_s;  // per priced component
  };
  struct Priced {
    const Component* component = nullptr;  // in `original`
    std::vector<std::size_t> lowered;      // the lowered components it stands for
    std::vector<cost::CountStep> replicas; // the sum of their billed replicas, changes only
  };
  Month& monthOf(double t_s);

  const Scenario& original_;
  const Scenario& lowered_;
  std::vector<Priced> priced_;
  std::vector<std::vector<cost::CountStep>> nodes_;  // per cluster node pool, changes only
  std::vector<Month> months_;
};

// Cluster nodes of each pool that the pods need (fluid bin-packing: pools filled in order, each component's
// pods per node from its CPU and memory requests, fragmentation between components ignored), at least each
// pool's min_nodes. `pods[i]` is lowered component i's replica count (ignored unless it has a pod block).
std::vector<int> nodesForPods(const Scenario& lowered, const std::vector<int>& pods);

}  // namespace headroom::planning
