#pragma once
// What an SRE would chart for each part of the stack, derived from the kernel's feature counters
// (kpi::Extra): hit ratios, throttles, pool waits, breaker openings, cold starts, consumer lag, wasted work.
// Only the metrics that apply to a component are listed (a cache reports hit ratios, a pool owner pool waits).
#include <functional>
#include <string>
#include <vector>

#include "simulator/compiled_model.h"
#include "simulator/replication.h"

namespace headroom {

struct FeatureMetric {
  std::string name;  // unit in the name: _per_s, _s, _ratio, _mean
  std::function<double(const ReplicationSummary&)> value;  // one replication's value (NaN when undefined)
};

std::vector<FeatureMetric> featureMetrics(const CompiledModel& model, std::size_t component);

}  // namespace headroom
