#pragma once
// What the Optimizer view asks of simulator/optimize, in the words of `headroom-cli optimize`: decision
// variables as POINTER + values text ("1..8", "1..16 step 2", "2, 4, 8", "m6i.large, m6i.xlarge"), the p99
// SLO, an optional stress case ("peak*2"), budget, seed and replications. The view's request and the CLI's
// arguments go through the same parsers (parseVarOption, parseAtOption), so the same request gives the same
// result. Plain C++ (no Qt).
#include <cstdint>
#include <string>
#include <vector>

#include "model/scenario.h"
#include "simulator/cost/price_catalog.h"
#include "simulator/optimize/optimizer.h"

namespace headroom::planning_views {

struct OptimizerVariableSpec {
  std::string pointer;  // "/components/api/replicas"
  std::string values;   // "1..8", "1..8 step 2", "1, 2, 4", "m6i.large, m6i.xlarge"
};

struct OptimizerRequest {
  std::vector<OptimizerVariableSpec> variables;  // empty = the optimizer's default variables
  double p99_ms = 300.0;
  std::string at;            // stress case, "peak*2"; empty = the optimizer's default ("peak*1")
  std::int64_t budget = 2000;
  std::uint64_t seed = 1;
  int replications = 5;
};

// The --var text of one variable: "POINTER=LO:HI[:STEP]" for a range, "POINTER=A,B,..." for a list.
// Throws std::invalid_argument naming the field when the values are empty or the range does not parse.
std::string varOptionText(const OptimizerVariableSpec& spec);

// The optimizer's options for this request; throws std::invalid_argument (naming the variable or option).
optimize::OptimizeOptions optimizeOptions(const OptimizerRequest& request, const Scenario& base, const cost::PriceCatalog& catalog);

// The scenario of a candidate (its levels applied to the base), as the optimizer built it.
Scenario candidateScenario(const Scenario& base, const optimize::OptimizeResult& result, const optimize::Candidate& candidate,
                           const cost::PriceCatalog& catalog);

// A variable's name as a short column title: "/components/app/pricing/instance_type" -> "app.instance_type";
// other names as they are.
std::string shortVariableName(const std::string& name);

// "app.instance_type=m6i.large, app.replicas=3" (the candidate's values, short names).
std::string candidateLabel(const optimize::Candidate& candidate);

}  // namespace headroom::planning_views
