// Project: calibration and simulation run results.
#include "model/project/project.h"
#include "model/project/project_detail.h"

namespace headroom {

using namespace project_detail;

namespace {

std::uint64_t seedFromColumn(std::int64_t stored) { return static_cast<std::uint64_t>(stored); }
// SQLite integers are signed 64-bit; a seed above INT64_MAX is stored as its two's complement bit pattern.
std::int64_t seedToColumn(std::uint64_t seed) { return static_cast<std::int64_t>(seed); }

constexpr const char* kRunInfoColumns =
    "SELECT r.id, s.name, v.version, r.seed, r.created_unix_ms, r.summary_json, r.result_json FROM run r "
    "JOIN scenario_version v ON v.id = r.scenario_version_id JOIN scenario s ON s.id = v.scenario_id ";

RunInfo runInfoFrom(const sqlite::Statement& row) {
  return {row.columnInt64(0), row.columnText(1), row.columnInt64(2), seedFromColumn(row.columnInt64(3)),
          row.columnInt64(4), row.columnText(5)};
}

}  // namespace

std::int64_t Project::saveCalibration(const std::string& scenario_name, const std::string& result_json) {
  return guarded(path_, "save calibration for scenario " + quoted(scenario_name), [&] {
    requireJson(result_json, "the calibration result");
    sqlite::Database& db = state_->db;
    sqlite::Transaction transaction(db);
    const std::int64_t scenario = requireScenarioId(db, scenario_name);
    sqlite::Statement insert(db,
                             "INSERT INTO calibration(scenario_id, created_unix_ms, result_json) VALUES (?1, ?2, ?3)");
    insert.bindInt64(1, scenario).bindInt64(2, nowUnixMs()).bindText(3, result_json);
    insert.run();
    const std::int64_t id = db.lastInsertRowId();
    checkpoint("save calibration: row written");
    transaction.commit();
    return id;
  });
}

std::vector<CalibrationInfo> Project::listCalibrations() {
  return guarded(path_, "list calibrations", [&] {
    sqlite::Statement query(state_->db,
                            "SELECT c.id, s.name, c.created_unix_ms FROM calibration c "
                            "JOIN scenario s ON s.id = c.scenario_id ORDER BY c.id");
    std::vector<CalibrationInfo> result;
    while (query.step()) result.push_back({query.columnInt64(0), query.columnText(1), query.columnInt64(2)});
    return result;
  });
}

std::string Project::loadCalibration(std::int64_t calibration_id) {
  return guarded(path_, "load calibration " + std::to_string(calibration_id), [&] {
    sqlite::Statement query(state_->db, "SELECT result_json FROM calibration WHERE id = ?1");
    query.bindInt64(1, calibration_id);
    if (!query.step()) throw Failure{ProjectError::Kind::NotFound, "no such calibration"};
    return query.columnText(0);
  });
}

std::int64_t Project::saveRun(const RunRecord& run) {
  return guarded(path_, "save run of scenario " + quoted(run.scenario_name), [&] {
    requireJson(run.summary_json, "the run summary");
    requireJson(run.result_json, "the run result");
    sqlite::Database& db = state_->db;
    sqlite::Transaction transaction(db);
    const auto [version_row, number] = requireVersionRow(db, run.scenario_name, run.scenario_version);
    sqlite::Statement insert(db,
                             "INSERT INTO run(scenario_version_id, seed, created_unix_ms, summary_json, result_json) "
                             "VALUES (?1, ?2, ?3, ?4, ?5)");
    insert.bindInt64(1, version_row).bindInt64(2, seedToColumn(run.seed)).bindInt64(3, nowUnixMs());
    insert.bindText(4, run.summary_json).bindText(5, run.result_json);
    insert.run();
    const std::int64_t id = db.lastInsertRowId();
    checkpoint("save run: row written");
    transaction.commit();
    return id;
  });
}


std::vector<RunInfo> Project::listRuns() {
  return guarded(path_, "list runs", [&] {
    // Same columns as loadRun but without reading result_json (a large TEXT) for every row.
    sqlite::Statement query(state_->db,
                            "SELECT r.id, s.name, v.version, r.seed, r.created_unix_ms, r.summary_json FROM run r "
                            "JOIN scenario_version v ON v.id = r.scenario_version_id "
                            "JOIN scenario s ON s.id = v.scenario_id ORDER BY r.id");
    std::vector<RunInfo> result;
    while (query.step()) result.push_back(runInfoFrom(query));
    return result;
  });
}

StoredRun Project::loadRun(std::int64_t run_id) {
  return guarded(path_, "load run " + std::to_string(run_id), [&] {
    sqlite::Statement query(state_->db, std::string(kRunInfoColumns) + "WHERE r.id = ?1");
    query.bindInt64(1, run_id);
    if (!query.step()) throw Failure{ProjectError::Kind::NotFound, "no such run"};
    return StoredRun{runInfoFrom(query), query.columnText(6)};
  });
}
}  // namespace headroom
