#pragma once
// RunResult as JSON (for files, the project database and other tools) and the windowed series as CSV
// (one row per window, one column pair mean/half-width per entity and KPI). Units are in the names.
#include <ostream>
#include <string>

#include <nlohmann/json.hpp>

#include "simulator/run_result.h"

namespace headroom {

nlohmann::json runResultToJson(const RunResult& result);
RunResult runResultFromJson(const nlohmann::json& json);  // throws nlohmann::json::exception on bad input
void writeSeriesCsv(const RunResult& result, std::ostream& out);

}  // namespace headroom
