#pragma once
// The optimizer's search space: decision variables over a base scenario and the scenario of one candidate
// (levels written by JSON pointer into the base as Headroom writes it, then read back and validated).
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "model/scenario.h"
#include "simulator/cost/price_catalog.h"
#include "simulator/optimize/optimize_types.h"
#include "simulator/sweep/sweep_plan.h"

namespace headroom::optimize {

// Replicas of every service (1 .. max(8, 3 x its replicas), capped by an autoscaler's max_replicas, which then
// also moves min_replicas) and, for services priced per instance, the instance type: the sizes of the same
// family in the catalog, cheapest first.
std::vector<DecisionVariable> defaultVariables(const Scenario& base, const cost::PriceCatalog& catalog);

// A sweep variable (list or range; Latin hypercube is refused) as a decision variable. A pointer that ends in
// /pricing/instance_type makes it an instance-type variable of that component. Levels of a numeric variable
// are sorted ascending; instance types are sorted by catalog price. Throws std::invalid_argument naming the
// variable.
DecisionVariable fromSweepVariable(const sweep::Variable& v, const Scenario& base, const cost::PriceCatalog& catalog);

// "/components/api/replicas=1:8" or "...=1:16:2" (a range) or "/components/api/pricing/instance_type=m6i.large,m6i.xlarge"
// (a list). Throws std::invalid_argument saying what is wrong.
sweep::Variable parseVarOption(const std::string& spec);

class CandidateSpace {
 public:
  // Throws std::invalid_argument when a pointer does not resolve in the base or a variable has no level.
  CandidateSpace(const Scenario& base, std::vector<DecisionVariable> variables, const cost::PriceCatalog& catalog);

  const std::vector<DecisionVariable>& variables() const { return variables_; }
  std::int64_t size() const;  // product of level counts (saturates at 2^62)
  nlohmann::json valuesOf(const std::vector<int>& levels) const;
  // The index-th configuration in enumeration order (the first variable changes fastest), index < size().
  std::vector<int> levelsAt(std::int64_t index) const;
  // The base with `levels` applied. Throws std::invalid_argument when the result does not validate.
  Scenario scenarioOf(const std::vector<int>& levels) const;
  // The component a variable acts on (from its first pointer "/components/NAME/..."), or "".
  std::string componentOf(std::size_t variable) const;

 private:
  nlohmann::json base_doc_;
  std::vector<DecisionVariable> variables_;
  std::vector<int> base_workers_;   // per variable: the component's workers_per_replica (instance types)
  std::vector<double> base_vcpu_;   // per variable: vCPU of the component's base instance type
  std::vector<std::vector<double>> level_vcpu_;
};

}  // namespace headroom::optimize
