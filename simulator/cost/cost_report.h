#pragma once
// A ScenarioCost as JSON (run JSON's "cost" section, `cost --json`, the project file) and as text.
#include <string>

#include <nlohmann/json.hpp>

#include "simulator/cost/scenario_cost.h"

namespace headroom::cost {

nlohmann::ordered_json costToJson(const ScenarioCost& cost);
// Lines, per component, totals per hour / month / 1,000 requests with their 95% CI, not priced, warnings.
std::string formatCost(const ScenarioCost& cost);

}  // namespace headroom::cost
