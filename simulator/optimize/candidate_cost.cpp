#include "simulator/optimize/candidate_cost.h"

#include "simulator/cost/cost_recorder.h"
#include "simulator/cost/money.h"

namespace headroom::optimize {

double steadyStateUsdPerMonth(const Scenario& scenario, const cost::PricingContext& context) {
  // One ongoing hour (no 60 s minimum applies), then x 730: the cost library's own month.
  constexpr double kHour_s = 3600.0, kHoursPerMonth = 730.0;
  cost::UsageTrace trace;
  trace.start_s = 0.0;
  trace.end_s = kHour_s;
  for (const Component& c : scenario.components) {
    if (!c.pricing) continue;
    cost::ComponentUsage u;
    u.component = c.name;
    u.pricing = *c.pricing;
    if (!u.pricing.instance_type.empty())
      u.instances.assign(static_cast<std::size_t>(c.replicas), cost::InstanceRun{0.0, kHour_s, true});
    if (!u.pricing.managed_class.empty())
      u.managed_instances = u.pricing.managed_instances > 0 ? u.pricing.managed_instances : cost::derivedManagedInstances(c);
    u.bytes_out = 0.0;
    u.pricing.api_gateway.clear();
    trace.components.push_back(std::move(u));
  }
  const cost::CostBreakdown bill = cost::priceUsage(trace, context);
  return cost::toUsd(bill.total_micro_usd) * kHoursPerMonth;
}

}  // namespace headroom::optimize
