#pragma once
// The optimizer tests' small space: the three-tier built-in scenario with replicas 1..7 and three m6i sizes per
// tier (21^3 = 9261 configurations), stressed at twice its peak, SLO p99 150 ms.
#include <string>
#include <vector>

#include "model/scenario_json.h"
#include "simulator/optimize/candidate_space.h"
#include "simulator/optimize/optimizer.h"

namespace headroom::test {

inline Scenario threeTier() { return loadAndValidateScenarioFile(HEADROOM_SOURCE_DIR "/scenarios/optimize-three-tier.json"); }

inline std::vector<optimize::DecisionVariable> threeTierVariables(const Scenario& s, const cost::PriceCatalog& catalog) {
  std::vector<optimize::DecisionVariable> vars;
  for (const std::string tier : {"web", "app", "db"}) {
    vars.push_back(optimize::fromSweepVariable(optimize::parseVarOption("/components/" + tier + "/replicas=1:7"), s, catalog));
    vars.push_back(optimize::fromSweepVariable(
        optimize::parseVarOption("/components/" + tier + "/pricing/instance_type=m6i.large,m6i.xlarge,m6i.2xlarge"), s, catalog));
  }
  return vars;
}

inline optimize::OptimizeOptions threeTierOptions(const Scenario& s, const cost::PriceCatalog& catalog) {
  optimize::OptimizeOptions o;
  o.slo.p99_ms = 150.0;
  o.cases = {optimize::StressCase{"peak*2", 2.0, {}}};
  o.variables = threeTierVariables(s, catalog);
  o.replications = 5;
  o.threads = 1;
  return o;
}

}  // namespace headroom::test
