#pragma once
// The KPIs the results table shows, flattened from a RunResult into rows (pure C++, no Qt), and the
// row-by-row difference of two runs for the comparison table.
#include <string>
#include <vector>

#include "simulator/estimate.h"
#include "simulator/run_result.h"

namespace headroom {

struct KpiRow {
  std::string entity;  // "end_to_end" or a component name
  std::string kpi;     // stable id: "throughput_per_s", "utilization", "response_p95_s", ...
  std::string label;   // "throughput", "p95 response"
  std::string unit;    // display unit after `scale`: "req/s", "ms", "%", "requests"
  double scale = 1.0;  // multiply Estimate values by this for display
  Estimate value;      // in the run's units (seconds, per second, fraction)
};

std::vector<KpiRow> kpiRows(const RunResult& result);

struct KpiDelta {
  KpiRow current;
  Estimate previous;     // NaN mean when the previous run has no such row
  double delta = 0.0;    // current - previous, display units
  double relative = 0.0; // delta / |previous|, NaN when previous is 0 or missing
  bool significant = false;  // both CIs known and they do not overlap
};

std::vector<KpiDelta> compareRuns(const RunResult& previous, const RunResult& current);

}  // namespace headroom
