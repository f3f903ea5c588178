#pragma once
// Steady-state monthly cost of a configuration: what its fixed capacity costs for a 730 h month, priced by the
// cost library's one pricing function (simulator/cost/trace_pricing.h): every replica of a component priced
// per instance runs the whole month, and managed classes run their instance count. Usage-proportional lines
// (serverless, requests, egress) depend on the traffic, not on the configuration, and are left out.
#include "model/scenario.h"
#include "simulator/cost/trace_pricing.h"

namespace headroom::optimize {

// Throws std::invalid_argument (from priceUsage) when a price the scenario names is not in the catalog.
double steadyStateUsdPerMonth(const Scenario& scenario, const cost::PricingContext& context);

}  // namespace headroom::optimize
