#pragma once
// The two halves of the scenario JSON format (docs/scenario-format.md), behind scenario_json.h. Internal to
// model/: callers use scenarioFromJson / scenarioToJson, which add the origin to error messages.
#include <nlohmann/json.hpp>

#include "model/scenario.h"

namespace headroom::json_detail {

// Throws json_detail::FieldError (path + problem) for anything the format does not allow.
Scenario readScenario(const nlohmann::json& json);

// Keys in the documented order, durations in the unit a human would pick (ms below one second).
nlohmann::ordered_json writeScenario(const Scenario& scenario);

}  // namespace headroom::json_detail
