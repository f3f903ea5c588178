// Project: parameter sweeps (schema 2).
#include "model/project/project.h"
#include "model/project/project_detail.h"

namespace headroom {

using namespace project_detail;

std::int64_t Project::saveSweep(const SweepRecord& sweep) {
  return guarded(path_, "save sweep " + quoted(sweep.name), [&] {
    requireJson(sweep.spec_json, "the sweep specification");
    requireJson(sweep.result_json, "the sweep result");
    sqlite::Database& db = state_->db;
    sqlite::Transaction transaction(db);
    const auto [version_row, number] = requireVersionRow(db, sweep.scenario_name, sweep.scenario_version);
    sqlite::Statement insert(db,
                             "INSERT INTO sweep(scenario_version_id, name, digest, created_unix_ms, spec_json, result_json) "
                             "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    insert.bindInt64(1, version_row).bindText(2, sweep.name).bindText(3, sweep.digest).bindInt64(4, nowUnixMs());
    insert.bindText(5, sweep.spec_json).bindText(6, sweep.result_json);
    insert.run();
    const std::int64_t id = db.lastInsertRowId();
    checkpoint("save sweep: row written");
    transaction.commit();
    return id;
  });
}

std::vector<SweepInfo> Project::listSweeps() {
  return guarded(path_, "list sweeps", [&] {
    sqlite::Statement query(state_->db,
                            "SELECT w.id, s.name, v.version, w.name, w.digest, w.created_unix_ms FROM sweep w "
                            "JOIN scenario_version v ON v.id = w.scenario_version_id "
                            "JOIN scenario s ON s.id = v.scenario_id ORDER BY w.id");
    std::vector<SweepInfo> result;
    while (query.step())
      result.push_back({query.columnInt64(0), query.columnText(1), query.columnInt64(2), query.columnText(3),
                        query.columnText(4), query.columnInt64(5)});
    return result;
  });
}

SweepRecord Project::loadSweep(std::int64_t sweep_id) {
  return guarded(path_, "load sweep " + std::to_string(sweep_id), [&] {
    sqlite::Statement query(state_->db,
                            "SELECT s.name, v.version, w.name, w.digest, w.spec_json, w.result_json FROM sweep w "
                            "JOIN scenario_version v ON v.id = w.scenario_version_id "
                            "JOIN scenario s ON s.id = v.scenario_id WHERE w.id = ?1");
    query.bindInt64(1, sweep_id);
    if (!query.step()) throw Failure{ProjectError::Kind::NotFound, "no such sweep"};
    return SweepRecord{query.columnText(0), query.columnInt64(1), query.columnText(2), query.columnText(3),
                       query.columnText(4), query.columnText(5)};
  });
}

}  // namespace headroom
