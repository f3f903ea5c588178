#pragma once
// Stress cases: the scenario at k x its peak traffic, held constant (the steady state the screening models
// need and the worst case the SLO must survive), optionally with a region down for the whole run.
#include <string>

#include "model/scenario.h"
#include "simulator/optimize/optimize_types.h"

namespace headroom::optimize {

// "peak*2", "peak", "2" -> factor 2 (1, 2). Throws std::invalid_argument for anything else or a factor <= 0.
StressCase parseAtOption(const std::string& text);
// The case "failover REGION" at `factor` x peak.
StressCase failoverCase(const std::string& region, double factor);

// Every open source at traffic_factor x its peak rate over the horizon (RateCurve::upperBound), constant
// (seasonality and spikes folded into the peak); closed populations x factor (at least 1); with a failed
// region, a RegionOutage for the whole run. Throws std::invalid_argument when the region is not declared.
Scenario applyStressCase(const Scenario& scenario, const StressCase& stress);

}  // namespace headroom::optimize
