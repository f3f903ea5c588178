#pragma once
// The "analytic" column of the results table: what the queueing formulas of headroom::analytic predict
// for a KPI, or why they do not apply. This adapter is the only GUI file that knows the analytic API, so
// the table does not change when that API grows. Plain C++.
#include <limits>
#include <memory>
#include <string>

#include "model/scenario.h"

namespace headroom {

struct AnalyticCell {
  bool available = false;
  double value = std::numeric_limits<double>::quiet_NaN();  // same units as the RunResult KPI (s, 1/s, fraction)
  std::string reason;  // when not available: why ("not applicable: histogram service time", ...)
};

class AnalyticColumn {
 public:
  // Analyses `scenario` once (cheap: closed-form formulas). Never throws; failures become reasons.
  explicit AnalyticColumn(const Scenario& scenario);
  ~AnalyticColumn();
  AnalyticColumn(const AnalyticColumn&) = delete;
  AnalyticColumn& operator=(const AnalyticColumn&) = delete;

  // entity: "end_to_end" or a component name; kpi: the KpiRow::kpi id.
  AnalyticCell lookup(const std::string& entity, const std::string& kpi) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace headroom
