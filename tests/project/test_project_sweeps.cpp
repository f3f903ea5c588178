// Sweeps in the project file (their own migration step): saved against the base scenario's version, listed, loaded; a file
// written at schema 1 migrates to the current schema with its data intact and then stores sweeps.
#include <QtTest>

#include <QTemporaryDir>

#include "model/project/project.h"

using namespace headroom;

class TestProjectSweeps : public QObject {
  Q_OBJECT
  QTemporaryDir dir_;
  int n_ = 0;
  std::string freshPath() { return dir_.filePath(QString("p%1.hdrm").arg(++n_)).toStdString(); }

 private slots:
  void saveListLoad() {
    Project project = Project::create(freshPath());
    project.saveScenario("shop", R"({"v":1})");
    project.saveScenario("shop", R"({"v":2})");
    const auto id = project.saveSweep({"shop", 1, "replicas", "abc123", R"({"s":1})", R"({"points":[]})"});
    const auto latest = project.saveSweep({"shop", std::nullopt, "rate", "def", R"({"s":2})", R"({"points":[1]})"});
    const auto list = project.listSweeps();
    QCOMPARE(list.size(), std::size_t{2});
    QCOMPARE(list[0].name, std::string("replicas"));
    QCOMPARE(list[0].scenario_version, std::int64_t{1});
    QCOMPARE(list[1].scenario_version, std::int64_t{2});
    const SweepRecord r = project.loadSweep(id);
    QCOMPARE(r.digest, std::string("abc123"));
    QCOMPARE(r.result_json, std::string(R"({"points":[]})"));
    QCOMPARE(project.loadSweep(latest).spec_json, std::string(R"({"s":2})"));
    QVERIFY_THROWS_EXCEPTION(ProjectError, project.loadSweep(999));
    QVERIFY_THROWS_EXCEPTION(ProjectError, project.saveSweep({"nope", std::nullopt, "x", "d", "{}", "{}"}));
    QVERIFY_THROWS_EXCEPTION(ProjectError, project.saveSweep({"shop", std::nullopt, "x", "d", "{not json", "{}"}));
  }

  void schemaOneFileMigratesAndStoresSweeps() {
    const std::string path = freshPath();
    const std::vector<Migration> schemaOne(builtinMigrations().begin(), builtinMigrations().begin() + 1);
    {
      Project old = Project::create(path, schemaOne);
      QCOMPARE(old.schemaVersion(), 1);
      old.saveScenario("shop", R"({"v":1})");
      old.saveRun({"shop", 1, 7, "{}", R"({"r":1})"});
    }
    Project project = Project::open(path);
    QVERIFY(builtinSchemaVersion() >= 2);
    QCOMPARE(project.schemaVersion(), builtinSchemaVersion());
    QCOMPARE(project.lastMigration().from_version, 1);
    QCOMPARE(project.listRuns().size(), std::size_t{1});
    QCOMPARE(project.loadRun(project.listRuns()[0].id).result_json, std::string(R"({"r":1})"));
    project.saveSweep({"shop", std::nullopt, "replicas", "d", "{}", "{}"});
    QCOMPARE(project.listSweeps().size(), std::size_t{1});
    QCOMPARE(project.integrityCheck(), std::string("ok"));
  }
};

QTEST_GUILESS_MAIN(TestProjectSweeps)
#include "test_project_sweeps.moc"
