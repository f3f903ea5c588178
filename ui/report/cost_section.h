#pragma once
// The cost engine's result (simulator/cost/) as a report section: per component per hour and per month, the
// totals per month and per 1,000 requests with their 95% CIs, the catalog date, and what was not priced.
// Plain C++.
#include "simulator/cost/scenario_cost.h"
#include "ui/report/report_input.h"

namespace headroom::report {

ExtraSection costSection(const cost::ScenarioCost& cost);

}  // namespace headroom::report
