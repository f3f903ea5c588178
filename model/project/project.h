#pragma once
// A Headroom project: ONE SQLite file (extension .hdrm) holding scenarios with their version history,
// imported time series, calibration results and simulation run results. See docs/project-file.md.
//
// Every write is one transaction: it is either entirely in the file or not at all, also if the process is
// killed or the machine loses power half way (rollback journal + synchronous=FULL). Every failure throws
// ProjectError whose message names the file and the operation.
//
// Thread affinity: a Project object belongs to the thread that created (or moved) it; do not share one
// between threads. Several Project objects (threads or processes) may open the same file; writers wait up to
// 5 s for each other and then fail with ProjectError::Kind::Busy.
//
// Units: *_unix_ms are Unix epoch MILLISECONDS (UTC) of the wall clock; series times are Unix SECONDS.
// JSON arguments are complete JSON documents as text; they are checked for syntax, not for meaning.
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/project/project_error.h"
#include "model/project/schema.h"
#include "model/time_series.h"

namespace headroom {

struct ScenarioInfo {
  std::int64_t id = 0;
  std::string name;
  std::int64_t latest_version = 0;
  std::int64_t version_count = 0;
  std::int64_t created_unix_ms = 0;
  std::int64_t updated_unix_ms = 0;  // when the latest version was saved
};

struct ScenarioVersion {
  std::int64_t version = 0;  // 1, 2, 3, ... per scenario
  std::int64_t saved_unix_ms = 0;
  std::string comment;
  std::optional<std::int64_t> restored_from_version;  // set when made by restoreScenario()
};

// Where a batch of series came from; settings_json is the importer's options, so the import can be redone.
struct ImportRecord {
  std::string source_file;  // as the user chose it; informational, the file need not exist later
  std::string format;       // importer id, e.g. "prometheus-json"; must not be empty
  std::string settings_json = "{}";
};

struct ImportInfo {
  std::int64_t id = 0;
  ImportRecord record;
  std::int64_t imported_unix_ms = 0;
  std::int64_t series_count = 0;
};

struct StoredImport {
  std::int64_t import_id = 0;
  std::vector<std::int64_t> series_ids;  // in the order of the input vector
};

struct SeriesInfo {
  std::int64_t id = 0;
  std::int64_t import_id = 0;
  std::string name;
  std::map<std::string, std::string> labels;
  std::string unit;
  std::int64_t point_count = 0;
  std::optional<double> first_time_s;  // Unix seconds of the first and last point; empty when no points
  std::optional<double> last_time_s;
  std::string source_file;
  std::string format;
  std::int64_t imported_unix_ms = 0;
};

struct CalibrationInfo {
  std::int64_t id = 0;
  std::string scenario_name;
  std::int64_t created_unix_ms = 0;
};

struct RunRecord {
  std::string scenario_name;
  std::optional<std::int64_t> scenario_version;  // empty: the latest version at the time of saving
  std::uint64_t seed = 0;
  std::string summary_json = "{}";  // small: shown in lists without loading the result
  std::string result_json;          // the whole run result
};

struct RunInfo {
  std::int64_t id = 0;
  std::string scenario_name;
  std::int64_t scenario_version = 0;
  std::uint64_t seed = 0;
  std::int64_t created_unix_ms = 0;
  std::string summary_json;
};

struct StoredRun {
  RunInfo info;
  std::string result_json;
};

// A parameter sweep (simulator/sweep): its self-contained specification and its results, attached to the
// version of its base scenario.
struct SweepRecord {
  std::string scenario_name;
  std::optional<std::int64_t> scenario_version;  // empty: the latest version at the time of saving
  std::string name;
  std::string digest;     // identity of the sweep (planDigest)
  std::string spec_json;
  std::string result_json;
};

struct SweepInfo {
  std::int64_t id = 0;
  std::string scenario_name;
  std::int64_t scenario_version = 0;
  std::string name;
  std::string digest;
  std::int64_t created_unix_ms = 0;
};

// A run's cost (simulator/cost/), priced with a catalog version.
struct CostRecord {
  std::int64_t run_id = 0;
  std::string catalog_version;
  std::string catalog_date;  // YYYY-MM-DD
  std::string result_json;   // the cost section (simulator/cost/cost_report.h)
};

struct CostInfo {
  std::int64_t id = 0;
  std::int64_t run_id = 0;
  std::string catalog_version;
  std::string catalog_date;
  std::int64_t created_unix_ms = 0;
};

// A capacity plan (simulator/planning, the headroom-plan JSON of plan_io), stored by name against the version of
// the scenario it was computed from. Names need not be unique: saving a name again adds a newer plan, and
// loading by name gives the newest, so earlier plans stay for comparison.
struct PlanRecord {
  std::string scenario_name;
  std::optional<std::int64_t> scenario_version;  // empty: the latest version at the time of saving
  std::string name;
  std::string scenario_hash;  // 16 hex digits, the same hash as the report stamp (stableHash of the canonical JSON)
  std::string options_json = "{}";  // what the plan was asked for: horizon, steps, SLO overrides
  std::string plan_json;            // the whole plan (planToJson)
};

struct PlanInfo {
  std::int64_t id = 0;
  std::string scenario_name;
  std::int64_t scenario_version = 0;
  std::string name;
  std::string scenario_hash;
  std::string options_json;
  std::int64_t created_unix_ms = 0;
};

struct StoredPlan {
  PlanInfo info;
  std::string plan_json;
};

class Project {
 public:
  // `migrations`: the schema steps to apply; only tests and tools pass anything but the built-in list.
  // Creates a new project file at the latest schema; fails with AlreadyExists if anything is at `path`.
  static Project create(const std::string& path, const std::vector<Migration>& migrations = builtinMigrations());
  // Opens an existing project and migrates it to this build's schema (keeping a copy of the file from
  // before the migration, see lastMigration()). Fails with NotAProject or NewerSchema as appropriate, and with
  // Corrupt (naming the problem and how to recover) when SQLite's integrity check fails; then nothing is written.
  static Project open(const std::string& path, const std::vector<Migration>& migrations = builtinMigrations());

  ~Project();
  Project(Project&&) noexcept;
  Project& operator=(Project&&) noexcept;

  const std::string& path() const { return path_; }
  int schemaVersion() const;
  const MigrationReport& lastMigration() const { return migration_; }

  // --- Scenarios: every save appends a version; nothing is ever overwritten.
  // Returns the new version number (1 for a new scenario).
  std::int64_t saveScenario(const std::string& name, const std::string& json, const std::string& comment = {});
  std::vector<ScenarioInfo> scenarios();  // sorted by name
  std::vector<ScenarioVersion> history(const std::string& name);  // oldest first
  // The JSON text of `version`, or of the latest version when empty.
  std::string loadScenario(const std::string& name, std::optional<std::int64_t> version = std::nullopt);
  // Saves a copy of an old version as the new latest; returns its version number.
  std::int64_t restoreScenario(const std::string& name, std::int64_t version, const std::string& comment = {});

  // --- Imported time series: one batch per source file; points are stored bit-exactly (NaN gaps included).
  // Rejects a series whose times and values differ in length or that has a non-finite time.
  StoredImport importSeries(const std::vector<TimeSeries>& series, const ImportRecord& record);
  std::vector<ImportInfo> imports();     // oldest first
  std::vector<SeriesInfo> listSeries();  // by id; does not read any points
  TimeSeries loadSeries(std::int64_t series_id);

  // --- Calibration results, attached to a scenario.
  std::int64_t saveCalibration(const std::string& scenario_name, const std::string& result_json);
  std::vector<CalibrationInfo> listCalibrations();  // oldest first
  std::string loadCalibration(std::int64_t calibration_id);

  // --- Simulation runs, attached to one scenario version.
  std::int64_t saveRun(const RunRecord& run);
  std::vector<RunInfo> listRuns();  // oldest first
  StoredRun loadRun(std::int64_t run_id);

  // Throws ProjectError(Io) unless a write could succeed now (file and folder writable, not read-only media):
  // call it before a long job whose result goes into the project. Writes nothing.
  void requireWritable();

  // Cost (project_cost.cpp). A price book by name replaces the one saved under that name.
  void savePriceBook(const std::string& name, const std::string& json);
  std::optional<std::string> loadPriceBook(const std::string& name);
  std::vector<std::string> priceBooks();  // sorted by name
  std::int64_t saveCost(const CostRecord& cost);  // the run must exist
  std::vector<CostInfo> listCosts();              // oldest first
  std::string loadCost(std::int64_t cost_id);

  // --- Sweeps (added by the "sweeps" migration step), attached to the base scenario's version.
  std::int64_t saveSweep(const SweepRecord& sweep);
  std::vector<SweepInfo> listSweeps();  // oldest first
  SweepRecord loadSweep(std::int64_t sweep_id);

  // --- Capacity plans (the "plans" migration step, project_plans.cpp).
  std::int64_t savePlan(const PlanRecord& plan);  // the scenario (version) must exist; the name must not be empty
  std::vector<PlanInfo> listPlans();              // oldest first; reads no plan JSON
  StoredPlan loadPlan(std::int64_t plan_id);
  // The newest plan saved under `name`; Failure NotFound (naming the plans there are) when there is none.
  StoredPlan loadPlan(const std::string& name);

  // "ok", or SQLite's list of problems (one per line). Reads the whole file.
  std::string integrityCheck();

  // Test seam: called at named points INSIDE write transactions (e.g. "import: series written"). Throwing
  // from it must leave the file as it was before the write. Not for production use.
  using FaultHook = std::function<void(std::string_view checkpoint)>;
  void setFaultHookForTesting(FaultHook hook);

  // The underlying connection, for tests and for migrations run by tools; same thread affinity.
  sqlite::Database& databaseForTesting();

 private:
  struct State;
  explicit Project(std::unique_ptr<State> state);
  void checkpoint(std::string_view name);

  std::unique_ptr<State> state_;
  std::string path_;
  MigrationReport migration_;
};

}  // namespace headroom
