#include "app/cli_plan_store.h"


#include "app/cli_commands.h"
#include "model/project/project.h"
#include "model/scenario_json.h"
#include "model/slo_json.h"
#include "simulator/planning/plan_io.h"

namespace headroom::cli {

std::int64_t storePlanInProject(const std::string& project_path, const std::string& name, const Scenario& scenario,
                                const planning::PlanOptions& options, const planning::PlanResult& plan, std::ostream& out) {
  nlohmann::ordered_json o;
  o["horizon_s"] = options.horizon_s;
  o["step_s"] = options.step_s;
  o["point_interval_s"] = options.point_interval_s;
  o["slo_override"] = options.slo ? json_detail::writeSlo(*options.slo) : nlohmann::ordered_json(nullptr);
  Project project = openOrCreateProject(project_path);
  const std::int64_t version = storeScenarioVersion(project, scenario, "saved by headroom-cli plan");
  const std::int64_t id =
      project.savePlan({scenario.name, version, name, scenarioHashHex(scenario), o.dump(), planning::planToJson(plan).dump()});
  out << "stored plan '" << name << "' (#" << id << ") of scenario '" << scenario.name << "' version " << version << " in "
      << project_path << "\n";
  return id;
}

}  // namespace headroom::cli
