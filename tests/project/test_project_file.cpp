// Round trips through a real project file: scenarios with history, series, calibrations, runs.
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <limits>

#include <sqlite3.h>

#include "model/project/project.h"
#include "model/project/sqlite_db.h"
#include "tests/project/project_test_support.h"

using namespace headroom;

class ProjectFileTest : public QObject {
  Q_OBJECT

 private:
  QTemporaryDir dir_;
  int counter_ = 0;
  std::string freshPath() { return dir_.filePath(QString("p%1.hdrm").arg(++counter_)).toStdString(); }

 private slots:
  void initTestCase() { QVERIFY(dir_.isValid()); }

  void createThenOpenKeepsData() {
    const std::string path = freshPath();
    {
      Project project = Project::create(path);
      QCOMPARE(project.schemaVersion(), builtinSchemaVersion());
      project.saveScenario("shop", R"({"a":1})", "first");
    }
    Project reopened = Project::open(path);
    QCOMPARE(reopened.loadScenario("shop"), std::string(R"({"a":1})"));
    QCOMPARE(reopened.lastMigration().from_version, builtinSchemaVersion());
    QVERIFY(reopened.lastMigration().backup_path.empty());
  }

  void connectionUsesDurableSettings() {
    Project project = Project::create(freshPath());
    sqlite::Database& db = project.databaseForTesting();
    QCOMPARE(db.queryInt("PRAGMA synchronous"), 2);  // FULL
    QCOMPARE(db.queryInt("PRAGMA foreign_keys"), 1);
    QCOMPARE(db.queryInt("PRAGMA application_id"), static_cast<std::int64_t>(kProjectApplicationId));
    sqlite::Statement journal(db, "PRAGMA journal_mode");
    QVERIFY(journal.step());
    QCOMPARE(journal.columnText(0), std::string("delete"));
  }

  void createRefusesExistingFile() {
    const std::string path = freshPath();
    Project::create(path);
    try {
      Project::create(path);
      QFAIL("create() overwrote an existing file");
    } catch (const ProjectError& e) {
      QCOMPARE(e.kind(), ProjectError::Kind::AlreadyExists);
      QVERIFY(std::string(e.what()).starts_with(path + ": create project: "));
    }
    Project::open(path);  // still a valid project
  }

  void createInMissingFolderIsIoError() {
    const std::string path = dir_.filePath("no/such/folder/p.hdrm").toStdString();
    try {
      Project::create(path);
      QFAIL("created a project in a folder that does not exist");
    } catch (const ProjectError& e) {
      QCOMPARE(e.kind(), ProjectError::Kind::Io);
      QVERIFY2(std::string(e.what()).starts_with(path + ": create project: "), e.what());
    }
  }

  void scenarioHistoryRoundTrip() {
    Project project = Project::create(freshPath());
    QCOMPARE(project.saveScenario("shop", R"({"v":1})", "initial"), 1);
    QCOMPARE(project.saveScenario("shop", R"({"v":2})", ""), 2);
    QCOMPARE(project.saveScenario("bank", R"({"b":true})", "other"), 1);
    QCOMPARE(project.saveScenario("shop", R"({"v":3})", "third"), 3);

    const auto list = project.scenarios();
    QCOMPARE(list.size(), std::size_t{2});
    QCOMPARE(list[0].name, std::string("bank"));
    QCOMPARE(list[1].name, std::string("shop"));
    QCOMPARE(list[1].latest_version, 3);
    QCOMPARE(list[1].version_count, 3);
    QVERIFY(list[1].updated_unix_ms >= list[1].created_unix_ms);

    const auto history = project.history("shop");
    QCOMPARE(history.size(), std::size_t{3});
    QCOMPARE(history[0].version, 1);
    QCOMPARE(history[0].comment, std::string("initial"));
    QCOMPARE(history[2].comment, std::string("third"));
    QVERIFY(!history[0].restored_from_version);

    QCOMPARE(project.loadScenario("shop"), std::string(R"({"v":3})"));
    QCOMPARE(project.loadScenario("shop", 1), std::string(R"({"v":1})"));
    QCOMPARE(project.loadScenario("shop", 2), std::string(R"({"v":2})"));
  }

  void restoreAppendsOldVersionAsLatest() {
    Project project = Project::create(freshPath());
    project.saveScenario("shop", R"({"v":1})");
    project.saveScenario("shop", R"({"v":2})");
    QCOMPARE(project.restoreScenario("shop", 1), 3);
    QCOMPARE(project.loadScenario("shop"), std::string(R"({"v":1})"));
    const auto history = project.history("shop");
    QCOMPARE(history.size(), std::size_t{3});
    QCOMPARE(history[2].restored_from_version.value_or(-1), 1);
    QCOMPARE(history[2].comment, std::string("restored from version 1"));
    QCOMPARE(project.loadScenario("shop", 2), std::string(R"({"v":2})"));  // nothing overwritten
  }

  void missingScenarioOrVersionIsNotFound() {
    const std::string path = freshPath();
    Project project = Project::create(path);
    project.saveScenario("shop", "{}");
    try {
      project.loadScenario("shop", 7);
      QFAIL("loaded a version that does not exist");
    } catch (const ProjectError& e) {
      QCOMPARE(e.kind(), ProjectError::Kind::NotFound);
      QCOMPARE(std::string(e.what()),
               path + ": load scenario 'shop' version 7: scenario 'shop' has no version 7 (latest is 1)");
    }
    QVERIFY_THROWS_EXCEPTION(ProjectError, project.history("nope"));
    QVERIFY_THROWS_EXCEPTION(ProjectError, project.loadSeries(42));
    QVERIFY_THROWS_EXCEPTION(ProjectError, project.loadRun(42));
    QVERIFY_THROWS_EXCEPTION(ProjectError, project.loadCalibration(42));
  }

  void invalidInputIsRefusedWithFileAndOperation() {
    const std::string path = freshPath();
    Project project = Project::create(path);
    try {
      project.saveScenario("shop", "{not json");
      QFAIL("stored invalid JSON");
    } catch (const ProjectError& e) {
      QCOMPARE(e.kind(), ProjectError::Kind::InvalidInput);
      QVERIFY2(std::string(e.what()).starts_with(path + ": save scenario 'shop': the scenario is not valid JSON"),
               e.what());
    }
    QVERIFY_THROWS_EXCEPTION(ProjectError, project.saveScenario("", "{}"));
    QVERIFY_THROWS_EXCEPTION(ProjectError, project.importSeries({}, {"a.csv", "", "{}"}));
    QVERIFY_THROWS_EXCEPTION(ProjectError, project.importSeries({}, {"a.csv", "csv", "{"}));
    QVERIFY(project.scenarios().empty());
    QVERIFY(project.imports().empty());
  }

  void seriesRoundTripIsBitExact() {
    const std::string path = freshPath();
    TimeSeries odd = test::makeSeries("odd", 10, 3);
    odd.value[0] = -0.0;
    odd.value[1] = std::numeric_limits<double>::infinity();
    odd.value[2] = std::numeric_limits<double>::denorm_min();
    odd.value[3] = std::nan("0x5");  // a NaN with a payload
    odd.labels.clear();
    odd.unit.clear();
    const std::vector<TimeSeries> input = {test::makeSeries("http_requests_total", 5000, 1), odd,
                                           test::makeSeries("empty", 0, 2)};
    StoredImport imported;
    {
      Project project = Project::create(path);
      imported = project.importSeries(input, {"/data/prom.json", "prometheus-json", R"({"step_s":15})"});
      QCOMPARE(imported.series_ids.size(), input.size());
    }
    Project project = Project::open(path);
    for (std::size_t i = 0; i < input.size(); ++i) {
      const TimeSeries loaded = project.loadSeries(imported.series_ids[i]);
      QVERIFY2(test::sameSeries(loaded, input[i]), input[i].name.c_str());
    }

    const auto infos = project.listSeries();
    QCOMPARE(infos.size(), std::size_t{3});
    QCOMPARE(infos[0].point_count, 5000);
    QCOMPARE(infos[0].first_time_s.value_or(0), input[0].time_s.front());
    QCOMPARE(infos[0].last_time_s.value_or(0), input[0].time_s.back());
    QCOMPARE(infos[0].labels, input[0].labels);
    QCOMPARE(infos[0].source_file, std::string("/data/prom.json"));
    QCOMPARE(infos[0].format, std::string("prometheus-json"));
    QCOMPARE(infos[0].import_id, imported.import_id);
    QVERIFY(!infos[2].first_time_s);

    const auto batches = project.imports();
    QCOMPARE(batches.size(), std::size_t{1});
    QCOMPARE(batches[0].series_count, 3);
    QCOMPARE(batches[0].record.settings_json, std::string(R"({"step_s":15})"));
  }

  void invalidSeriesIsRefused() {
    Project project = Project::create(freshPath());
    TimeSeries shorter = test::makeSeries("short", 10, 1);
    shorter.value.pop_back();
    try {
      project.importSeries({shorter}, {"x.csv", "csv", "{}"});
      QFAIL("stored a series with fewer values than times");
    } catch (const ProjectError& e) {
      QCOMPARE(e.kind(), ProjectError::Kind::InvalidInput);
      QVERIFY2(std::string(e.what()).ends_with("series 0 'short': 10 times but 9 values"), e.what());
    }
    TimeSeries nan_time = test::makeSeries("nan_time", 10, 1);
    nan_time.time_s[4] = std::numeric_limits<double>::quiet_NaN();
    QVERIFY_THROWS_EXCEPTION(ProjectError, project.importSeries({nan_time}, {"x.csv", "csv", "{}"}));
    TimeSeries bad_label = test::makeSeries("bad_label", 10, 1);
    bad_label.labels["job"] = "\xff\xfe";  // not UTF-8
    QVERIFY_THROWS_EXCEPTION(ProjectError, project.importSeries({bad_label}, {"x.csv", "csv", "{}"}));
    QVERIFY(project.listSeries().empty());
  }

  void writerBlockedByAnotherWriterFailsAsBusy() {
    const std::string path = freshPath();
    Project project = Project::create(path);
    project.saveScenario("shop", R"({"v":1})");
    sqlite3_busy_timeout(project.databaseForTesting().handle(), 50);  // keep the test fast

    sqlite3* other = nullptr;
    QCOMPARE(sqlite3_open(path.c_str(), &other), SQLITE_OK);
    QCOMPARE(sqlite3_exec(other, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr), SQLITE_OK);
    try {
      project.saveScenario("shop", R"({"v":2})");
      QFAIL("wrote while another connection held the write lock");
    } catch (const ProjectError& e) {
      QCOMPARE(e.kind(), ProjectError::Kind::Busy);
      QCOMPARE(std::string(e.what()), path + ": save scenario 'shop': database is locked");
    }
    QCOMPARE(project.loadScenario("shop"), std::string(R"({"v":1})"));  // reading still works meanwhile
    sqlite3_exec(other, "ROLLBACK", nullptr, nullptr, nullptr);
    sqlite3_close(other);
    QCOMPARE(project.saveScenario("shop", R"({"v":2})"), 2);
  }

  void calibrationsAndRunsRoundTrip() {
    const std::string path = freshPath();
    std::int64_t run_id = 0;
    std::int64_t calibration_id = 0;
    const std::uint64_t big_seed = std::numeric_limits<std::uint64_t>::max() - 5;  // above INT64_MAX
    {
      Project project = Project::create(path);
      project.saveScenario("shop", R"({"v":1})");
      project.saveScenario("shop", R"({"v":2})");
      calibration_id = project.saveCalibration("shop", R"({"service_time_s":0.012})");
      project.saveRun({"shop", 1, 7, R"({"p99_s":0.2})", R"({"components":[]})"});
      run_id = project.saveRun({"shop", std::nullopt, big_seed, R"({"p99_s":0.3})", R"({"components":[1]})"});
      QVERIFY_THROWS_EXCEPTION(ProjectError, project.saveRun({"shop", 9, 1, "{}", "{}"}));
      QVERIFY_THROWS_EXCEPTION(ProjectError, project.saveCalibration("nope", "{}"));
    }
    Project project = Project::open(path);
    QCOMPARE(project.loadCalibration(calibration_id), std::string(R"({"service_time_s":0.012})"));
    const auto calibrations = project.listCalibrations();
    QCOMPARE(calibrations.size(), std::size_t{1});
    QCOMPARE(calibrations[0].scenario_name, std::string("shop"));

    const auto runs = project.listRuns();
    QCOMPARE(runs.size(), std::size_t{2});
    QCOMPARE(runs[0].scenario_version, 1);
    QCOMPARE(runs[0].seed, std::uint64_t{7});
    QCOMPARE(runs[1].scenario_version, 2);  // "latest" resolved when saving
    const StoredRun run = project.loadRun(run_id);
    QCOMPARE(run.info.seed, big_seed);
    QCOMPARE(run.info.summary_json, std::string(R"({"p99_s":0.3})"));
    QCOMPARE(run.result_json, std::string(R"({"components":[1]})"));
    QCOMPARE(project.integrityCheck(), std::string("ok"));
  }
};

QTEST_APPLESS_MAIN(ProjectFileTest)
#include "test_project_file.moc"
