#pragma once
// What the Sweeps view needs to write a sweep file (docs/sweeps.md) from the scenario's own fields, without
// the user typing JSON pointers. Plain C++ (no Qt).
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "model/scenario.h"

namespace headroom::planning_views {

// Every numeric field of the scenario's JSON that a sweep can vary, as sweep pointers (array elements with a
// "name" by that name: "/components/api/replicas"), in document order. Positions and layout are left out.
std::vector<std::string> sweepableFields(const Scenario& scenario);

// "1, 2, 4" (a list) or "1..8 step 1" / "1..8" (a range, step 1 by default). Throws std::invalid_argument
// saying what is wrong ("'x' is not a number", "step must be > 0").
struct ValuesSpec {
  bool range = false;
  std::vector<double> values;       // list
  double from = 0, to = 0, step = 1;  // range
};
ValuesSpec parseValues(const std::string& text);

struct SweepVariableSpec {
  std::string pointer;
  ValuesSpec values;
};

// A self-contained sweep document (the base scenario inlined): planSweep() accepts it, `headroom-cli sweep`
// reads it as a file. Variable names are the pointer's last segment, made unique.
nlohmann::json sweepDocument(const std::string& name, const Scenario& base, const std::vector<SweepVariableSpec>& variables,
                             const std::vector<std::string>& kpis, int replications);

}  // namespace headroom::planning_views
