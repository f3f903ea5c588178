#pragma once
// Semantic checks of a scenario. Every issue names the component (or source) and the field, and states
// the rule that was broken, so a user can fix the file without guessing.
#include <string>
#include <vector>

#include "model/scenario.h"

namespace headroom {

struct ValidationIssue {
  std::string where;  // "component 'db'", "source 'web'", "simulation"
  std::string field;  // "behaviour.checkout.steps[1].call", "replicas", ...
  std::string rule;   // human sentence: "must be > 0", "references unknown component 'dbx'"
  std::string message() const;  // "component 'db': replicas: must be > 0"
};

std::vector<ValidationIssue> validateScenario(const Scenario& scenario);

}  // namespace headroom
