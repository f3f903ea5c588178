#include "model/project/project.h"

#include <sqlite3.h>

#include <chrono>
#include <cmath>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <utility>

#include <nlohmann/json.hpp>

#include "model/project/point_blob.h"
#include "model/project/sqlite_db.h"

namespace headroom {

namespace {

// Thrown inside an operation for problems that are not SQLite errors; turned into ProjectError by guarded().
struct Failure {
  ProjectError::Kind kind;
  std::string message;
};

ProjectError::Kind kindOf(int sqlite_code) {
  switch (sqlite_code & 0xFF) {  // primary code of an extended result code
    case SQLITE_NOTADB: return ProjectError::Kind::NotAProject;
    case SQLITE_BUSY:
    case SQLITE_LOCKED: return ProjectError::Kind::Busy;
    case SQLITE_CORRUPT: return ProjectError::Kind::Corrupt;
    case SQLITE_CANTOPEN:
    case SQLITE_IOERR:
    case SQLITE_FULL:
    case SQLITE_READONLY:
    case SQLITE_PERM: return ProjectError::Kind::Io;
    case SQLITE_TOOBIG: return ProjectError::Kind::InvalidInput;
    default: return ProjectError::Kind::Other;
  }
}

// Runs `body`, rethrowing every failure as ProjectError("<file>: <operation>: <what>").
template <typename Body>
auto guarded(const std::string& path, const std::string& operation, Body&& body) -> decltype(body()) {
  const auto prefix = [&] { return path + ": " + operation + ": "; };
  try {
    return body();
  } catch (const Failure& f) {
    throw ProjectError(f.kind, prefix() + f.message);
  } catch (const sqlite::Error& e) {
    throw ProjectError(kindOf(e.code()), prefix() + e.what());
  } catch (const SchemaTooNewError& e) {
    throw ProjectError(ProjectError::Kind::NewerSchema, prefix() + e.what());
  }
}

std::string quoted(const std::string& name) { return "'" + name + "'"; }

std::int64_t nowUnixMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

void requireJson(const std::string& text, const std::string& what) {
  if (nlohmann::json::accept(text)) return;
  try {
    [[maybe_unused]] const auto parsed = nlohmann::json::parse(text);
  } catch (const nlohmann::json::parse_error& e) {
    throw Failure{ProjectError::Kind::InvalidInput, what + " is not valid JSON: " + e.what()};
  }
  throw Failure{ProjectError::Kind::InvalidInput, what + " is not valid JSON"};
}

void requireName(const std::string& name) {
  if (name.empty()) throw Failure{ProjectError::Kind::InvalidInput, "scenario name is empty"};
}

std::string labelsToJson(const TimeSeries& s, std::size_t index) {
  try {
    return nlohmann::json(s.labels).dump();
  } catch (const nlohmann::json::exception& e) {  // dump() refuses strings that are not UTF-8
    throw Failure{ProjectError::Kind::InvalidInput,
                  "series " + std::to_string(index) + " " + quoted(s.name) + ": labels: " + e.what()};
  }
}

std::map<std::string, std::string> labelsFromJson(const std::string& text, std::int64_t series_id) {
  try {
    return nlohmann::json::parse(text).get<std::map<std::string, std::string>>();
  } catch (const nlohmann::json::exception& e) {
    throw Failure{ProjectError::Kind::Corrupt,
                  "series " + std::to_string(series_id) + ": labels are not a JSON object of strings: " + e.what()};
  }
}

std::optional<std::int64_t> scenarioId(sqlite::Database& db, const std::string& name) {
  sqlite::Statement find(db, "SELECT id FROM scenario WHERE name = ?1");
  find.bindText(1, name);
  if (!find.step()) return std::nullopt;
  return find.columnInt64(0);
}

std::int64_t requireScenarioId(sqlite::Database& db, const std::string& name) {
  if (const auto id = scenarioId(db, name)) return *id;
  throw Failure{ProjectError::Kind::NotFound, "no scenario named " + quoted(name)};
}

std::int64_t latestVersion(sqlite::Database& db, std::int64_t scenario_id) {
  sqlite::Statement latest(db, "SELECT COALESCE(MAX(version), 0) FROM scenario_version WHERE scenario_id = ?1");
  latest.bindInt64(1, scenario_id);
  latest.step();
  return latest.columnInt64(0);
}

// Row id of scenario_version for (scenario, version or latest).
std::pair<std::int64_t, std::int64_t> requireVersionRow(sqlite::Database& db, const std::string& name,
                                                        std::optional<std::int64_t> version) {
  const std::int64_t scenario = requireScenarioId(db, name);
  const std::int64_t latest = latestVersion(db, scenario);
  const std::int64_t wanted = version.value_or(latest);
  sqlite::Statement find(db, "SELECT id FROM scenario_version WHERE scenario_id = ?1 AND version = ?2");
  find.bindInt64(1, scenario).bindInt64(2, wanted);
  if (!find.step()) {
    throw Failure{ProjectError::Kind::NotFound, "scenario " + quoted(name) + " has no version " +
                                                    std::to_string(wanted) + " (latest is " +
                                                    std::to_string(latest) + ")"};
  }
  return {find.columnInt64(0), wanted};
}

std::int64_t appendVersion(sqlite::Database& db, std::int64_t scenario_id, const std::string& json,
                           const std::string& comment, std::optional<std::int64_t> restored_from) {
  const std::int64_t version = latestVersion(db, scenario_id) + 1;
  sqlite::Statement insert(db,
                           "INSERT INTO scenario_version(scenario_id, version, json, comment, saved_unix_ms, "
                           "restored_from_version) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
  insert.bindInt64(1, scenario_id).bindInt64(2, version).bindText(3, json).bindText(4, comment);
  insert.bindInt64(5, nowUnixMs());
  if (restored_from) insert.bindInt64(6, *restored_from); else insert.bindNull(6);
  insert.run();
  return version;
}

void checkSeries(const TimeSeries& s, std::size_t index) {
  const auto where = [&] { return "series " + std::to_string(index) + " " + quoted(s.name) + ": "; };
  if (s.time_s.size() != s.value.size()) {
    throw Failure{ProjectError::Kind::InvalidInput, where() + std::to_string(s.time_s.size()) + " times but " +
                                                        std::to_string(s.value.size()) + " values"};
  }
  for (std::size_t i = 0; i < s.time_s.size(); ++i) {
    if (!std::isfinite(s.time_s[i])) {
      throw Failure{ProjectError::Kind::InvalidInput,
                    where() + "time of point " + std::to_string(i) + " is not a finite number"};
    }
  }
}

void readPoints(const sqlite::Statement& row, int column, std::int64_t series_id, std::int64_t count,
                const char* what, std::vector<double>& out) {
  const std::size_t expected = static_cast<std::size_t>(count) * sizeof(double);
  const std::size_t bytes = row.columnBytes(column);
  if (bytes != expected) {
    throw Failure{ProjectError::Kind::Corrupt, "series " + std::to_string(series_id) + ": " + what + " holds " +
                                                   std::to_string(bytes) + " bytes, expected " +
                                                   std::to_string(expected) + " (" + std::to_string(count) +
                                                   " points)"};
  }
  decodeF64Le(row.columnBlob(column), static_cast<std::size_t>(count), out);
}

std::uint64_t seedFromColumn(std::int64_t stored) { return static_cast<std::uint64_t>(stored); }
// SQLite integers are signed 64-bit; a seed above INT64_MAX is stored as its two's complement bit pattern.
std::int64_t seedToColumn(std::uint64_t seed) { return static_cast<std::int64_t>(seed); }

void configureConnection(sqlite::Database& db) {
  // Rollback journal, not WAL: the .hdrm file alone is the whole project after every commit (users copy,
  // mail and sync it; WAL keeps committed data in a -wal side file until a checkpoint, and WAL does not
  // work on network file systems). Our writes are few and large, where WAL would write every page twice.
  sqlite::Statement journal(db, "PRAGMA journal_mode = DELETE");
  journal.step();
  if (journal.columnText(0) != "delete")
    throw sqlite::Error(SQLITE_ERROR, "cannot switch to journal_mode=DELETE (got " + journal.columnText(0) + ")");
  // FULL: fsync the journal before the file and the file before deleting the journal, so a power cut can
  // never leave a half-written commit.
  db.exec("PRAGMA synchronous = FULL");
  db.exec("PRAGMA foreign_keys = ON");
}

}  // namespace

struct Project::State {
  sqlite::Database db;
  FaultHook fault_hook;
};

Project::Project(std::unique_ptr<State> state) : state_(std::move(state)) {}
Project::~Project() = default;
Project::Project(Project&&) noexcept = default;
Project& Project::operator=(Project&&) noexcept = default;

Project Project::create(const std::string& path, const std::vector<Migration>& migrations) {
  return guarded(path, "create project", [&] {
    // "x": create exclusively, so two creators racing for one path cannot both believe they own it.
    std::FILE* claim = std::fopen(path.c_str(), "wx");
    if (!claim) {
      const int error = errno;
      if (error == EEXIST) throw Failure{ProjectError::Kind::AlreadyExists, "a file already exists there"};
      throw Failure{ProjectError::Kind::Io, std::strerror(error)};
    }
    std::fclose(claim);
    std::error_code ec;
    std::unique_ptr<State> state;
    try {
      state = std::make_unique<State>(State{sqlite::Database(path, sqlite::Database::OpenMode::ExistingFile), {}});
      // 16 KiB pages: fewer overflow pages per large series BLOB; must be set before the first table.
      state->db.exec("PRAGMA page_size = 16384");
      configureConnection(state->db);
      Project project(std::move(state));
      project.path_ = path;
      project.migration_ = migrate(project.state_->db, migrations, {});
      return project;
    } catch (...) {
      state.reset();
      std::filesystem::remove(path, ec);  // never leave a half-created project behind
      std::filesystem::remove(path + "-journal", ec);
      throw;
    }
  });
}

Project Project::open(const std::string& path, const std::vector<Migration>& migrations) {
  return guarded(path, "open project", [&] {
    auto state = std::make_unique<State>(State{sqlite::Database(path, sqlite::Database::OpenMode::ExistingFile), {}});
    sqlite::Database& db = state->db;
    std::int64_t application_id = 0;
    try {
      application_id = db.queryInt("PRAGMA application_id");
    } catch (const sqlite::Error& e) {
      // The first read is where SQLite notices that the file is not a database at all.
      if ((e.code() & 0xFF) != SQLITE_NOTADB) throw;
      throw Failure{ProjectError::Kind::NotAProject, "not a Headroom project (not an SQLite database)"};
    }
    if (application_id != kProjectApplicationId) {
      char found[16];
      std::snprintf(found, sizeof found, "0x%08llX", static_cast<unsigned long long>(application_id) & 0xFFFFFFFFull);
      throw Failure{ProjectError::Kind::NotAProject,
                    std::string("not a Headroom project (SQLite application_id is ") + found + ")"};
    }
    configureConnection(db);
    Project project(std::move(state));
    project.path_ = path;
    project.migration_ = migrate(project.state_->db, migrations, path);
    return project;
  });
}

int Project::schemaVersion() const {
  return guarded(path_, "read schema version",
                 [&] { return static_cast<int>(state_->db.queryInt("PRAGMA user_version")); });
}

void Project::setFaultHookForTesting(FaultHook hook) { state_->fault_hook = std::move(hook); }

sqlite::Database& Project::databaseForTesting() { return state_->db; }

void Project::checkpoint(std::string_view name) {
  if (state_->fault_hook) state_->fault_hook(name);
}

std::int64_t Project::saveScenario(const std::string& name, const std::string& json, const std::string& comment) {
  return guarded(path_, "save scenario " + quoted(name), [&] {
    requireName(name);
    requireJson(json, "the scenario");
    sqlite::Database& db = state_->db;
    sqlite::Transaction transaction(db);
    std::int64_t id = 0;
    if (const auto existing = scenarioId(db, name)) {
      id = *existing;
    } else {
      sqlite::Statement insert(db, "INSERT INTO scenario(name, created_unix_ms) VALUES (?1, ?2)");
      insert.bindText(1, name).bindInt64(2, nowUnixMs());
      insert.run();
      id = db.lastInsertRowId();
      checkpoint("save scenario: scenario row written");
    }
    const std::int64_t version = appendVersion(db, id, json, comment, std::nullopt);
    checkpoint("save scenario: version written");
    transaction.commit();
    return version;
  });
}

std::vector<ScenarioInfo> Project::scenarios() {
  return guarded(path_, "list scenarios", [&] {
    sqlite::Statement query(state_->db,
                            "SELECT s.id, s.name, s.created_unix_ms, MAX(v.version), COUNT(v.id), "
                            "MAX(v.saved_unix_ms) FROM scenario s JOIN scenario_version v ON v.scenario_id = s.id "
                            "GROUP BY s.id ORDER BY s.name");
    std::vector<ScenarioInfo> result;
    while (query.step()) {
      result.push_back({query.columnInt64(0), query.columnText(1), query.columnInt64(3), query.columnInt64(4),
                        query.columnInt64(2), query.columnInt64(5)});
    }
    return result;
  });
}

std::vector<ScenarioVersion> Project::history(const std::string& name) {
  return guarded(path_, "read history of scenario " + quoted(name), [&] {
    sqlite::Transaction snapshot(state_->db, sqlite::Transaction::Mode::Read);
    const std::int64_t id = requireScenarioId(state_->db, name);
    sqlite::Statement query(state_->db,
                            "SELECT version, saved_unix_ms, comment, restored_from_version FROM scenario_version "
                            "WHERE scenario_id = ?1 ORDER BY version");
    query.bindInt64(1, id);
    std::vector<ScenarioVersion> result;
    while (query.step()) {
      ScenarioVersion v{query.columnInt64(0), query.columnInt64(1), query.columnText(2), std::nullopt};
      if (!query.isNull(3)) v.restored_from_version = query.columnInt64(3);
      result.push_back(std::move(v));
    }
    return result;
  });
}

std::string Project::loadScenario(const std::string& name, std::optional<std::int64_t> version) {
  const std::string what = "load scenario " + quoted(name) + (version ? " version " + std::to_string(*version) : "");
  return guarded(path_, what, [&] {
    sqlite::Transaction snapshot(state_->db, sqlite::Transaction::Mode::Read);
    const auto [row, number] = requireVersionRow(state_->db, name, version);
    sqlite::Statement query(state_->db, "SELECT json FROM scenario_version WHERE id = ?1");
    query.bindInt64(1, row);
    query.step();
    return query.columnText(0);
  });
}

std::int64_t Project::restoreScenario(const std::string& name, std::int64_t version, const std::string& comment) {
  return guarded(path_, "restore scenario " + quoted(name) + " version " + std::to_string(version), [&] {
    sqlite::Database& db = state_->db;
    sqlite::Transaction transaction(db);
    const auto [row, number] = requireVersionRow(db, name, version);
    sqlite::Statement query(db, "SELECT scenario_id, json FROM scenario_version WHERE id = ?1");
    query.bindInt64(1, row);
    query.step();
    const std::string text = comment.empty() ? "restored from version " + std::to_string(number) : comment;
    const std::int64_t created = appendVersion(db, query.columnInt64(0), query.columnText(1), text, number);
    checkpoint("restore scenario: version written");
    transaction.commit();
    return created;
  });
}

ImportResult Project::importSeries(const std::vector<TimeSeries>& series, const ImportRecord& record) {
  return guarded(path_, "import series from " + quoted(record.source_file), [&] {
    if (record.format.empty()) throw Failure{ProjectError::Kind::InvalidInput, "the import format is empty"};
    requireJson(record.settings_json, "the import settings");
    sqlite::Database& db = state_->db;
    sqlite::Transaction transaction(db);
    ImportResult result;
    {
      sqlite::Statement insert(db,
                               "INSERT INTO import_batch(source_file, format, settings_json, imported_unix_ms) "
                               "VALUES (?1, ?2, ?3, ?4)");
      insert.bindText(1, record.source_file).bindText(2, record.format).bindText(3, record.settings_json);
      insert.bindInt64(4, nowUnixMs());
      insert.run();
      result.import_id = db.lastInsertRowId();
    }
    sqlite::Statement meta(db,
                           "INSERT INTO series(import_id, position, name, labels_json, unit, point_count, "
                           "first_time_s, last_time_s) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
    sqlite::Statement points(db,
                             "INSERT INTO series_points(series_id, encoding, time_s, value) VALUES (?1, ?2, ?3, ?4)");
    std::vector<unsigned char> time_scratch;
    std::vector<unsigned char> value_scratch;
    for (std::size_t i = 0; i < series.size(); ++i) {
      const TimeSeries& s = series[i];
      // Checked here rather than up front, so an invalid series half way also exercises the rollback.
      checkSeries(s, i);
      meta.reset();
      meta.bindInt64(1, result.import_id).bindInt64(2, static_cast<std::int64_t>(i)).bindText(3, s.name);
      meta.bindText(4, labelsToJson(s, i)).bindText(5, s.unit);
      meta.bindInt64(6, static_cast<std::int64_t>(s.size()));
      if (s.size() > 0) {
        meta.bindDouble(7, s.time_s.front()).bindDouble(8, s.time_s.back());
      } else {
        meta.bindNull(7).bindNull(8);
      }
      meta.run();
      const std::int64_t id = db.lastInsertRowId();
      points.reset();
      points.bindInt64(1, id).bindText(2, kPointEncodingF64Le);
      points.bindBlobNoCopy(3, encodeF64Le(s.time_s, time_scratch), s.size() * sizeof(double));
      points.bindBlobNoCopy(4, encodeF64Le(s.value, value_scratch), s.size() * sizeof(double));
      points.run();
      points.reset();  // drop the no-copy bindings before the scratch buffers change
      result.series_ids.push_back(id);
      checkpoint("import: series written");
    }
    transaction.commit();
    return result;
  });
}

std::vector<ImportInfo> Project::imports() {
  return guarded(path_, "list imports", [&] {
    sqlite::Statement query(state_->db,
                            "SELECT i.id, i.source_file, i.format, i.settings_json, i.imported_unix_ms, "
                            "(SELECT COUNT(*) FROM series s WHERE s.import_id = i.id) FROM import_batch i ORDER BY i.id");
    std::vector<ImportInfo> result;
    while (query.step()) {
      result.push_back({query.columnInt64(0), {query.columnText(1), query.columnText(2), query.columnText(3)},
                        query.columnInt64(4), query.columnInt64(5)});
    }
    return result;
  });
}

std::vector<SeriesInfo> Project::listSeries() {
  return guarded(path_, "list series", [&] {
    sqlite::Statement query(state_->db,
                            "SELECT s.id, s.import_id, s.name, s.labels_json, s.unit, s.point_count, s.first_time_s, "
                            "s.last_time_s, i.source_file, i.format, i.imported_unix_ms "
                            "FROM series s JOIN import_batch i ON i.id = s.import_id ORDER BY s.id");
    std::vector<SeriesInfo> result;
    while (query.step()) {
      SeriesInfo info;
      info.id = query.columnInt64(0);
      info.import_id = query.columnInt64(1);
      info.name = query.columnText(2);
      info.labels = labelsFromJson(query.columnText(3), info.id);
      info.unit = query.columnText(4);
      info.point_count = query.columnInt64(5);
      if (!query.isNull(6)) info.first_time_s = query.columnDouble(6);
      if (!query.isNull(7)) info.last_time_s = query.columnDouble(7);
      info.source_file = query.columnText(8);
      info.format = query.columnText(9);
      info.imported_unix_ms = query.columnInt64(10);
      result.push_back(std::move(info));
    }
    return result;
  });
}

TimeSeries Project::loadSeries(std::int64_t series_id) {
  return guarded(path_, "load series " + std::to_string(series_id), [&] {
    sqlite::Statement query(state_->db,
                            "SELECT s.name, s.labels_json, s.unit, s.point_count, p.encoding, p.time_s, p.value "
                            "FROM series s JOIN series_points p ON p.series_id = s.id WHERE s.id = ?1");
    query.bindInt64(1, series_id);
    if (!query.step()) throw Failure{ProjectError::Kind::NotFound, "no such series"};
    TimeSeries series;
    series.name = query.columnText(0);
    series.labels = labelsFromJson(query.columnText(1), series_id);
    series.unit = query.columnText(2);
    const std::int64_t count = query.columnInt64(3);
    const std::string encoding = query.columnText(4);
    if (encoding != kPointEncodingF64Le) {
      throw Failure{ProjectError::Kind::NewerSchema,
                    "points use encoding " + quoted(encoding) + ", which this build cannot read"};
    }
    readPoints(query, 5, series_id, count, "time_s", series.time_s);
    readPoints(query, 6, series_id, count, "value", series.value);
    return series;
  });
}

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

namespace {
constexpr const char* kRunInfoColumns =
    "SELECT r.id, s.name, v.version, r.seed, r.created_unix_ms, r.summary_json, r.result_json FROM run r "
    "JOIN scenario_version v ON v.id = r.scenario_version_id JOIN scenario s ON s.id = v.scenario_id ";

RunInfo runInfoFrom(const sqlite::Statement& row) {
  return {row.columnInt64(0), row.columnText(1), row.columnInt64(2), seedFromColumn(row.columnInt64(3)),
          row.columnInt64(4), row.columnText(5)};
}
}  // namespace

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

std::string Project::integrityCheck() {
  return guarded(path_, "check integrity", [&] {
    sqlite::Statement query(state_->db, "PRAGMA integrity_check");
    std::string result;
    while (query.step()) {
      if (!result.empty()) result += '\n';
      result += query.columnText(0);
    }
    return result;
  });
}

}  // namespace headroom
