#pragma once
// A plan as JSON (the whole timeline, runway table, alerts, warnings), as CSV (one row per timeline point and
// component) and as the terminal summary (runway table, most urgent first). Dates are days from the start of
// the scenario ("day 12.4"); infinite capacities are JSON null. Pure.
#include <string>

#include <nlohmann/json.hpp>

#include "simulator/planning/plan_types.h"

namespace headroom::planning {

nlohmann::ordered_json planToJson(const PlanResult& plan);
std::string planToCsv(const PlanResult& plan);
std::string planSummaryText(const PlanResult& plan);
// "day 12.40" style for a time from the start.
std::string dayLabel(double t_s);

}  // namespace headroom::planning
