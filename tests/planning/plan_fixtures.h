#pragma once
// Small scenarios for the planner tests, written as scenario JSON so they read like the format users write.
#include <stdexcept>
#include <string>

#include <nlohmann/json.hpp>

#include "model/scenario_json.h"
#include "simulator/planning/plan_types.h"

namespace headroom::test {

inline Scenario scenarioFrom(const std::string& componentsJson, const std::string& rateJson, const std::string& extra = "") {
  const std::string text = R"({"format": "headroom-scenario", "version": 1, "name": "plan-test",
    "simulation": {"horizon_s": 3600, "replications": 1, "seed": 7},
    "sources": [{"name": "users", "type": "open", "entry": "api", "arrivals": "poisson", "rate": )" +
                           rateJson + R"(}],
    "components": )" + componentsJson + extra + "}";
  return scenarioFromJson(nlohmann::json::parse(text), "test");
}

inline const planning::Runway& runwayOf(const planning::PlanResult& p, const std::string& name) {
  for (const planning::Runway& r : p.runways)
    if (r.component == name) return r;
  throw std::runtime_error("no runway for " + name);
}

}  // namespace headroom::test
