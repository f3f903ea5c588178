// "A project written by this version opens in the next": a file written with the built-in schema is
// migrated by a test-only next step through the same open() path a future release will use.
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include "model/project/project.h"
#include "model/project/sqlite_db.h"
#include "tests/project/project_test_support.h"

using namespace headroom;

namespace {

// What a next release might ship: a new column with a default, and a new table filled from existing rows.
std::vector<Migration> withTestOnlyNextStep() {
  std::vector<Migration> steps = builtinMigrations();
  const int next = builtinSchemaVersion() + 1;
  steps.push_back({next, "test only: scenario tags and per-series statistics", [](sqlite::Database& db) {
                     db.exec("ALTER TABLE scenario ADD COLUMN tags_json TEXT NOT NULL DEFAULT '[]';"
                             "CREATE TABLE series_stats (series_id INTEGER PRIMARY KEY REFERENCES series(id),"
                             "  points INTEGER NOT NULL);"
                             "INSERT INTO series_stats SELECT id, point_count FROM series;");
                   }});
  return steps;
}

std::vector<Migration> withFailingNextStep() {
  std::vector<Migration> steps = builtinMigrations();
  steps.push_back({builtinSchemaVersion() + 1, "test only: fails half way", [](sqlite::Database& db) {
                     db.exec("ALTER TABLE scenario ADD COLUMN doomed TEXT");
                     db.exec("THIS IS NOT SQL");
                   }});
  return steps;
}

}  // namespace

class ProjectMigrationTest : public QObject {
  Q_OBJECT

 private:
  QTemporaryDir dir_;
  int counter_ = 0;
  std::string freshPath() { return dir_.filePath(QString("m%1.hdrm").arg(++counter_)).toStdString(); }

  struct Written {
    TimeSeries series;
    std::int64_t series_id = 0;
    std::int64_t run_id = 0;
  };

  static Written writeCurrentSchemaFile(const std::string& path) {
    Written w;
    Project project = Project::create(path);
    project.saveScenario("shop", R"({"v":1})", "one");
    project.saveScenario("shop", R"({"v":2})", "two");
    w.series = test::makeSeries("cpu", 1000, 4);
    w.series_id = project.importSeries({w.series}, {"cpu.csv", "csv", "{}"}).series_ids.at(0);
    w.run_id = project.saveRun({"shop", 1, 99, "{}", R"({"r":1})"});
    project.saveCalibration("shop", R"({"c":1})");
    return w;
  }

 private slots:
  void initTestCase() { QVERIFY(dir_.isValid()); }

  void nextVersionMigratesAndKeepsData() {
    const std::string path = freshPath();
    const Written before = writeCurrentSchemaFile(path);
    const int next = builtinSchemaVersion() + 1;

    Project project = Project::open(path, withTestOnlyNextStep());
    QCOMPARE(project.schemaVersion(), next);
    QCOMPARE(project.lastMigration().from_version, builtinSchemaVersion());
    QCOMPARE(project.lastMigration().to_version, next);

    // Everything written before survives and still works through the API.
    QCOMPARE(project.history("shop").size(), std::size_t{2});
    QCOMPARE(project.loadScenario("shop", 1), std::string(R"({"v":1})"));
    QVERIFY(test::sameSeries(project.loadSeries(before.series_id), before.series));
    QCOMPARE(project.loadRun(before.run_id).result_json, std::string(R"({"r":1})"));
    QCOMPARE(project.listCalibrations().size(), std::size_t{1});
    // ... and the new step's work is there.
    sqlite::Database& db = project.databaseForTesting();
    QCOMPARE(db.queryInt("SELECT points FROM series_stats WHERE series_id = " + std::to_string(before.series_id)),
             1000);
    QCOMPARE(db.queryInt("SELECT COUNT(*) FROM schema_migration"), next);
    QCOMPARE(project.integrityCheck(), std::string("ok"));

    // New writes work on the migrated file.
    QCOMPARE(project.saveScenario("shop", R"({"v":3})"), 3);
  }

  void migrationKeepsABackupOldBuildsCanOpen() {
    const std::string path = freshPath();
    writeCurrentSchemaFile(path);
    std::string backup;
    {
      Project project = Project::open(path, withTestOnlyNextStep());
      backup = project.lastMigration().backup_path;
    }
    QCOMPARE(backup, path + ".schema" + std::to_string(builtinSchemaVersion()) + ".bak");
    Project old = Project::open(backup);  // what this (older) build can still read
    QCOMPARE(old.schemaVersion(), builtinSchemaVersion());
    QCOMPARE(old.loadScenario("shop"), std::string(R"({"v":2})"));
  }

  void migratedFileIsRefusedByThisBuild() {
    const std::string path = freshPath();
    writeCurrentSchemaFile(path);
    Project::open(path, withTestOnlyNextStep());
    try {
      Project::open(path);
      QFAIL("this build opened a file from its future");
    } catch (const ProjectError& e) {
      QCOMPARE(e.kind(), ProjectError::Kind::NewerSchema);
    }
  }

  void failingMigrationLeavesFileUntouched() {
    const std::string path = freshPath();
    const Written before = writeCurrentSchemaFile(path);
    QVERIFY_THROWS_EXCEPTION(ProjectError, Project::open(path, withFailingNextStep()));
    Project project = Project::open(path);
    QCOMPARE(project.schemaVersion(), builtinSchemaVersion());
    QCOMPARE(project.loadScenario("shop"), std::string(R"({"v":2})"));
    QVERIFY(test::sameSeries(project.loadSeries(before.series_id), before.series));
    sqlite::Database& db = project.databaseForTesting();
    QCOMPARE(db.queryInt("SELECT COUNT(*) FROM pragma_table_info('scenario') WHERE name = 'doomed'"), 0);
  }
};

QTEST_APPLESS_MAIN(ProjectMigrationTest)
#include "test_project_migration.moc"
