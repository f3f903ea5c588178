#pragma once
// A plan as JSON (the whole timeline, runway table, alerts, warnings, replica paths, cost_by_month), as CSV (one row per timeline point and
// component) and as the terminal summary (runway table, most urgent first). Dates are days from the start of
// the scenario ("day 12.4"); infinite capacities are JSON null. Pure.
#include <string>

#include <nlohmann/json.hpp>

#include "simulator/planning/plan_types.h"

namespace headroom::planning {

nlohmann::ordered_json planToJson(const PlanResult& plan);
std::string planToCsv(const PlanResult& plan);
std::string planSummaryText(const PlanResult& plan);
// The cost along the plan: one row per billing month and line (plus a "total" row per month). Header only
// when the plan has no cost.
std::string planCostToCsv(const PlanResult& plan);
// The request-level checks table of the terminal summary.
std::string planChecksText(const PlanResult& plan);
// The month-by-month cost table of the terminal summary.
std::string planCostText(const PlanCost& cost);
// The forecast band in long form: kind,name,p10,p50,p90 (growth, SLO breach, each runway, each month's usd).
std::string planBandToCsv(const PlanResult& plan);
// The band tables of the terminal summary.
std::string planBandText(const PlanBand& band);
// "day 12.40" style for a time from the start.
std::string dayLabel(double t_s);

}  // namespace headroom::planning
