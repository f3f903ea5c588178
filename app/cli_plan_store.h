#pragma once
// `headroom-cli plan ... --project P [--name NAME]`: the plan stored in the project file (model/project, step 4)
// with the scenario version it was computed from, the scenario hash and the options it was asked for.
#include <cstdint>
#include <ostream>
#include <string>

#include "model/scenario.h"
#include "simulator/planning/plan_types.h"
#include "simulator/scenario_hash.h"  // scenarioHashHex, the hash the report stamps

namespace headroom::cli {

// Saves the scenario (a new version only when it changed) and the plan under `name`; prints where it went.
std::int64_t storePlanInProject(const std::string& project_path, const std::string& name, const Scenario& scenario,
                                const planning::PlanOptions& options, const planning::PlanResult& plan, std::ostream& out);

}  // namespace headroom::cli
