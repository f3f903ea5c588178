#pragma once
// Small scenarios for the planner tests, written as scenario JSON so they read like the format users write.
#include <string>

#include <nlohmann/json.hpp>

#include "model/scenario_json.h"

namespace headroom::test {

inline Scenario scenarioFrom(const std::string& componentsJson, const std::string& rateJson, const std::string& extra = "") {
  const std::string text = R"({"format": "headroom-scenario", "version": 1, "name": "plan-test",
    "simulation": {"horizon_s": 3600, "replications": 1, "seed": 7},
    "sources": [{"name": "users", "type": "open", "entry": "api", "arrivals": "poisson", "rate": )" +
                           rateJson + R"(}],
    "components": )" + componentsJson + extra + "}";
  return scenarioFromJson(nlohmann::json::parse(text), "test");
}

}  // namespace headroom::test
