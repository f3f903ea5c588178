#pragma once
// What-if edits of a scenario's traffic from the command line (`run --scale-traffic F`, `run --rate SOURCE=R`), so
// a user need not edit JSON. Plain C++; the scenario is validated again by the caller.
#include <string>

#include "model/scenario.h"

namespace headroom::cli {

// Every open source's rate curve times `factor` (constant, steps, linear slope, logistic floor/ceiling; seasonal
// factors and spikes are relative and stay); closed sources' populations times `factor`, rounded (at least 1).
// Throws UsageError for factor <= 0.
void scaleTraffic(Scenario& s, double factor);

// "web=55": the open source `web` gets a constant rate of 55 req/s (its seasonality and spikes are kept). Throws
// UsageError naming the source when it is absent or closed, or when the rate is not a number >= 0.
void setSourceRate(Scenario& s, const std::string& spec);

}  // namespace headroom::cli
