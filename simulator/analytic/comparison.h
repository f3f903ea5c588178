#pragma once
// Analytic values against a simulation run: for every analytic KPI with a simulated counterpart, the
// simulated mean and its 95% confidence half-width, whether the analytic value lies inside the interval,
// and the relative error. Pure functions, any thread.
#include <string>
#include <vector>

#include "simulator/analytic/analytic_report.h"
#include "simulator/run_result.h"

namespace headroom {

struct KpiComparison {
  std::string entity;             // component name, "end_to_end" or "end_to_end:<class>"
  std::string kpi;                // analytic_report.h names
  double analytic = 0.0;          // units of the KPI
  double simulated_mean = 0.0;
  double half_width = 0.0;        // 95% CI half-width across replications; NaN with fewer than 2
  bool within_ci = false;         // |mean - analytic| <= hw + slack |analytic|, slack = 1e-6 (clock rounding),
                                  // or 1/256 for percentiles (the simulator's histogram resolution); false
                                  // when hw is NaN (fewer than 2 replications: nothing to judge)
  double relative_error = 0.0;    // (simulated - analytic) / |analytic|; NaN when analytic == 0
};

// One row per analytic KPI that the run reports (components by name, end to end by request class; KPIs
// with no simulated counterpart, or whose simulated mean is NaN, are skipped), in the report's order.
std::vector<KpiComparison> compareWithSimulation(const AnalyticReport& report, const RunResult& run);

// Rows not within their confidence interval (including rows without one).
std::vector<KpiComparison> outsideConfidenceInterval(const std::vector<KpiComparison>& rows);

// Aligned text table for the CLI: entity, kpi, analytic, simulated, +-, rel. error, and a check column
// ("ok", "OUTSIDE CI", or "no CI (1 replication)").
std::string formatComparisonTable(const std::vector<KpiComparison>& rows);

}  // namespace headroom
