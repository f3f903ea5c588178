// Project: capacity plans (schema step 4, docs/project-file.md).
#include "model/project/project.h"
#include "model/project/project_detail.h"

namespace headroom {

using namespace project_detail;

namespace {

constexpr const char* kPlanColumns =
    "SELECT p.id, s.name, v.version, p.name, p.scenario_hash, p.options_json, p.created_unix_ms, p.plan_json FROM plan p "
    "JOIN scenario_version v ON v.id = p.scenario_version_id JOIN scenario s ON s.id = v.scenario_id ";

PlanInfo planInfoFrom(const sqlite::Statement& row) {
  return {row.columnInt64(0), row.columnText(1), row.columnInt64(2), row.columnText(3),
          row.columnText(4),  row.columnText(5), row.columnInt64(6)};
}

}  // namespace

std::int64_t Project::savePlan(const PlanRecord& plan) {
  return guarded(path_, "save plan " + quoted(plan.name), [&] {
    if (plan.name.empty()) throw Failure{ProjectError::Kind::InvalidInput, "a plan needs a name"};
    requireJson(plan.options_json, "the plan options");
    requireJson(plan.plan_json, "the plan");
    sqlite::Database& db = state_->db;
    sqlite::Transaction transaction(db);
    const auto [version_row, number] = requireVersionRow(db, plan.scenario_name, plan.scenario_version);
    sqlite::Statement insert(db,
                             "INSERT INTO plan(scenario_version_id, name, scenario_hash, created_unix_ms, options_json, plan_json) "
                             "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    insert.bindInt64(1, version_row).bindText(2, plan.name).bindText(3, plan.scenario_hash).bindInt64(4, nowUnixMs());
    insert.bindText(5, plan.options_json).bindText(6, plan.plan_json);
    insert.run();
    const std::int64_t id = db.lastInsertRowId();
    checkpoint("save plan: row written");
    transaction.commit();
    return id;
  });
}

std::vector<PlanInfo> Project::listPlans() {
  return guarded(path_, "list plans", [&] {
    sqlite::Statement query(state_->db,
                            "SELECT p.id, s.name, v.version, p.name, p.scenario_hash, p.options_json, p.created_unix_ms FROM plan p "
                            "JOIN scenario_version v ON v.id = p.scenario_version_id "
                            "JOIN scenario s ON s.id = v.scenario_id ORDER BY p.id");
    std::vector<PlanInfo> result;
    while (query.step()) result.push_back(planInfoFrom(query));
    return result;
  });
}

StoredPlan Project::loadPlan(std::int64_t plan_id) {
  return guarded(path_, "load plan " + std::to_string(plan_id), [&] {
    sqlite::Statement query(state_->db, std::string(kPlanColumns) + "WHERE p.id = ?1");
    query.bindInt64(1, plan_id);
    if (!query.step()) throw Failure{ProjectError::Kind::NotFound, "no such plan"};
    return StoredPlan{planInfoFrom(query), query.columnText(7)};
  });
}

StoredPlan Project::loadPlan(const std::string& name) {
  return guarded(path_, "load plan " + quoted(name), [&] {
    sqlite::Statement query(state_->db, std::string(kPlanColumns) + "WHERE p.name = ?1 ORDER BY p.id DESC LIMIT 1");
    query.bindText(1, name);
    if (query.step()) return StoredPlan{planInfoFrom(query), query.columnText(7)};
    // Name the plans that are there: the usual mistake is a typo or the scenario's name instead of the plan's.
    sqlite::Statement names(state_->db, "SELECT DISTINCT name FROM plan ORDER BY name");
    std::string known;
    while (names.step()) known += (known.empty() ? "" : ", ") + quoted(names.columnText(0));
    throw Failure{ProjectError::Kind::NotFound,
                  "no plan of that name" + (known.empty() ? std::string(" (the project holds no plans)") : " (plans: " + known + ")")};
  });
}

}  // namespace headroom
