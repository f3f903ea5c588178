#include "model/project/schema.h"

#include <sqlite3.h>

#include <filesystem>

#include "model/project/project_detail.h"

namespace headroom {

namespace {

// Schema 1. Conventions: times are Unix epoch MILLISECONDS UTC in INTEGER columns named *_unix_ms; series
// times are Unix SECONDS as IEEE-754 doubles; every JSON column is TEXT holding a complete JSON document.
constexpr const char* kSchema1 = R"sql(
CREATE TABLE schema_migration (
  version         INTEGER PRIMARY KEY,
  description     TEXT    NOT NULL,
  applied_unix_ms INTEGER NOT NULL
);

CREATE TABLE scenario (
  id              INTEGER PRIMARY KEY,
  name            TEXT    NOT NULL UNIQUE CHECK (length(name) > 0),
  created_unix_ms INTEGER NOT NULL
);

CREATE TABLE scenario_version (
  id                    INTEGER PRIMARY KEY,
  scenario_id           INTEGER NOT NULL REFERENCES scenario(id),
  version               INTEGER NOT NULL CHECK (version >= 1),
  json                  TEXT    NOT NULL,
  comment               TEXT    NOT NULL DEFAULT '',
  saved_unix_ms         INTEGER NOT NULL,
  restored_from_version INTEGER,
  UNIQUE (scenario_id, version)
);

CREATE TABLE import_batch (
  id               INTEGER PRIMARY KEY,
  source_file      TEXT    NOT NULL,
  format           TEXT    NOT NULL CHECK (length(format) > 0),
  settings_json    TEXT    NOT NULL,
  imported_unix_ms INTEGER NOT NULL
);

CREATE TABLE series (
  id          INTEGER PRIMARY KEY,
  import_id   INTEGER NOT NULL REFERENCES import_batch(id),
  position    INTEGER NOT NULL,
  name        TEXT    NOT NULL,
  labels_json TEXT    NOT NULL,
  unit        TEXT    NOT NULL,
  point_count INTEGER NOT NULL CHECK (point_count >= 0),
  first_time_s REAL,
  last_time_s  REAL,
  UNIQUE (import_id, position)
);

CREATE TABLE series_points (
  series_id INTEGER PRIMARY KEY REFERENCES series(id),
  encoding  TEXT NOT NULL,
  time_s    BLOB NOT NULL,
  value     BLOB NOT NULL
);

CREATE TABLE calibration (
  id              INTEGER PRIMARY KEY,
  scenario_id     INTEGER NOT NULL REFERENCES scenario(id),
  created_unix_ms INTEGER NOT NULL,
  result_json     TEXT    NOT NULL
);
CREATE INDEX calibration_by_scenario ON calibration(scenario_id);

CREATE TABLE run (
  id                  INTEGER PRIMARY KEY,
  scenario_version_id INTEGER NOT NULL REFERENCES scenario_version(id),
  seed                INTEGER NOT NULL,
  created_unix_ms     INTEGER NOT NULL,
  summary_json        TEXT    NOT NULL,
  result_json         TEXT    NOT NULL
);
CREATE INDEX run_by_scenario_version ON run(scenario_version_id);
)sql";

// Parameter sweeps (simulator/sweep), a step of its own. Additive: a new table, nothing else changes.
constexpr const char* kSchemaSweeps = R"sql(
CREATE TABLE sweep (
  id                  INTEGER PRIMARY KEY,
  scenario_version_id INTEGER NOT NULL REFERENCES scenario_version(id),
  name                TEXT    NOT NULL,
  digest              TEXT    NOT NULL,
  created_unix_ms     INTEGER NOT NULL,
  spec_json           TEXT    NOT NULL,
  result_json         TEXT    NOT NULL
);
CREATE INDEX sweep_by_scenario_version ON sweep(scenario_version_id);
)sql";

// Schema 2 (cost, docs/cost.md): the user's price books (a headroom-price-book JSON document each) and the
// cost of a run, with the catalog version and date it was priced with.
constexpr const char* kSchema2 = R"sql(
CREATE TABLE price_book (
  id            INTEGER PRIMARY KEY,
  name          TEXT    NOT NULL UNIQUE CHECK (length(name) > 0),
  json          TEXT    NOT NULL,
  saved_unix_ms INTEGER NOT NULL
);

CREATE TABLE cost_result (
  id              INTEGER PRIMARY KEY,
  run_id          INTEGER NOT NULL REFERENCES run(id),
  catalog_version TEXT    NOT NULL,
  catalog_date    TEXT    NOT NULL,
  created_unix_ms INTEGER NOT NULL,
  result_json     TEXT    NOT NULL
);
CREATE INDEX cost_result_by_run ON cost_result(run_id);
)sql";

// Capacity plans (simulator/planning), a step of its own. Additive: a new table. The plan's options and JSON are
// TEXT documents; the name is not unique (a newer plan under the same name does not overwrite the older one).
constexpr const char* kSchemaPlans = R"sql(
CREATE TABLE plan (
  id                  INTEGER PRIMARY KEY,
  scenario_version_id INTEGER NOT NULL REFERENCES scenario_version(id),
  name                TEXT    NOT NULL CHECK (length(name) > 0),
  scenario_hash       TEXT    NOT NULL,
  created_unix_ms     INTEGER NOT NULL,
  options_json        TEXT    NOT NULL,
  plan_json           TEXT    NOT NULL
);
CREATE INDEX plan_by_name ON plan(name);
CREATE INDEX plan_by_scenario_version ON plan(scenario_version_id);
)sql";

void checkSteps(const std::vector<Migration>& steps) {
  for (std::size_t i = 0; i < steps.size(); ++i) {
    if (steps[i].to_version != static_cast<int>(i) + 1 || !steps[i].apply)
      throw std::logic_error("migration list must hold steps 1, 2, 3, ... each with an apply function");
  }
}

std::string freeBackupPath(const std::string& prefix, int version) {
  const std::string base = prefix + ".schema" + std::to_string(version) + ".bak";
  std::string candidate = base;
  for (int n = 2; std::filesystem::exists(candidate); ++n) candidate = base + std::to_string(n);
  return candidate;
}

}  // namespace

SchemaTooNewError::SchemaTooNewError(int file_version, int known_version)
    : std::runtime_error("written by a newer Headroom (schema " + std::to_string(file_version) +
                         ", this build knows " + std::to_string(known_version) + ")"),
      file_version_(file_version),
      known_version_(known_version) {}

const std::vector<Migration>& builtinMigrations() {
  // Append-only: a shipped step is never edited, or files created by it would differ from files migrated
  // through it.
  static const std::vector<Migration> steps = {
      {1, "initial schema: scenarios with history, imported series, calibrations, runs",
       [](sqlite::Database& db) { db.exec(kSchema1); }},
      {2, "cost: price books and cost results", [](sqlite::Database& db) { db.exec(kSchema2); }},
      {3, "sweeps: a sweep's specification and results, attached to its base scenario version",
       [](sqlite::Database& db) { db.exec(kSchemaSweeps); }},
      {4, "plans: capacity plans by name, attached to the scenario version they were computed from",
       [](sqlite::Database& db) { db.exec(kSchemaPlans); }},
  };
  return steps;
}

int builtinSchemaVersion() { return static_cast<int>(builtinMigrations().size()); }

MigrationReport migrate(sqlite::Database& db, const std::vector<Migration>& steps,
                        const std::string& backup_path_prefix) {
  checkSteps(steps);
  const int known = static_cast<int>(steps.size());
  MigrationReport report;
  report.from_version = static_cast<int>(db.queryInt("PRAGMA user_version"));
  report.to_version = report.from_version;
  if (report.from_version > known) throw SchemaTooNewError(report.from_version, known);
  // The version indexes the step list: a negative one (a damaged header) must never reach it.
  if (report.from_version < 0)
    throw sqlite::Error(SQLITE_CORRUPT, "damaged file header: schema version " + std::to_string(report.from_version));
  if (report.from_version == known) return report;

  if (report.from_version > 0 && !backup_path_prefix.empty()) {
    report.backup_path = freeBackupPath(backup_path_prefix, report.from_version);
    sqlite::Statement backup(db, "VACUUM INTO ?1");  // a consistent copy, even with other readers
    backup.bindText(1, report.backup_path);
    backup.run();
  }

  sqlite::Transaction transaction(db);
  // Another process may have migrated between our first look and the write lock: look again.
  const int current = static_cast<int>(db.queryInt("PRAGMA user_version"));
  if (current > known) throw SchemaTooNewError(current, known);
  if (current < 0) throw sqlite::Error(SQLITE_CORRUPT, "damaged file header: schema version " + std::to_string(current));
  if (current == 0) db.exec("PRAGMA application_id = " + std::to_string(kProjectApplicationId));
  for (int version = current + 1; version <= known; ++version) {
    const Migration& step = steps[static_cast<std::size_t>(version - 1)];
    step.apply(db);
    sqlite::Statement log(db,
                          "INSERT INTO schema_migration(version, description, applied_unix_ms) "
                          "VALUES (?1, ?2, ?3)");
    log.bindInt64(1, version).bindText(2, step.description).bindInt64(3, project_detail::nowUnixMs());
    log.run();
  }
  {
    // A step that rebuilds a table could break references without noticing; refuse to commit that.
    sqlite::Statement check(db, "PRAGMA foreign_key_check");
    if (check.step())
      throw sqlite::Error(787 /* SQLITE_CONSTRAINT_FOREIGNKEY */,
                          "migration broke a reference in table " + check.columnText(0));
  }
  // PRAGMA cannot take bound parameters; `known` is an int we computed, not user input.
  db.exec("PRAGMA user_version = " + std::to_string(known));
  transaction.commit();
  report.from_version = current;
  report.to_version = known;
  return report;
}

}  // namespace headroom
