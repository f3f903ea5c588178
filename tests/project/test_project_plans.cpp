// Capacity plans in the project file (migration step 4): saved by name against the scenario version they came from,
// listed without their JSON, loaded by id or by name (the newest of that name), refused with the names that exist;
// a file written at step 3 (sweeps) migrates with its data intact and then stores plans.
#include <QtTest>

#include <QTemporaryDir>

#include "model/project/project.h"

using namespace headroom;

class TestProjectPlans : public QObject {
  Q_OBJECT
  QTemporaryDir dir_;
  int n_ = 0;
  std::string freshPath() { return dir_.filePath(QString("p%1.hdrm").arg(++n_)).toStdString(); }

 private slots:
  void saveListLoadRoundTrip() {
    const std::string path = freshPath();
    const std::string planJson = R"({"format":"headroom-plan","version":1,"runways":[{"component":"db","break_at_s":1234.5}]})";
    std::int64_t id = 0;
    {
      Project project = Project::create(path);
      project.saveScenario("shop", R"({"v":1})");
      project.saveScenario("shop", R"({"v":2})");
      id = project.savePlan({"shop", 1, "growth-8pct", "0123456789abcdef", R"({"horizon_s":31104000})", planJson});
    }
    // Reopened from disk: what was saved is what comes back, byte for byte.
    Project project = Project::open(path);
    const auto list = project.listPlans();
    QCOMPARE(list.size(), std::size_t{1});
    QCOMPARE(list[0].id, id);
    QCOMPARE(list[0].name, std::string("growth-8pct"));
    QCOMPARE(list[0].scenario_name, std::string("shop"));
    QCOMPARE(list[0].scenario_version, std::int64_t{1});
    QCOMPARE(list[0].scenario_hash, std::string("0123456789abcdef"));
    QCOMPARE(list[0].options_json, std::string(R"({"horizon_s":31104000})"));
    QVERIFY(list[0].created_unix_ms > 0);
    const StoredPlan byId = project.loadPlan(id);
    QCOMPARE(byId.plan_json, planJson);
    const StoredPlan byName = project.loadPlan(std::string("growth-8pct"));
    QCOMPARE(byName.plan_json, planJson);
    QCOMPARE(byName.info.id, id);
  }

  void sameNameGivesTheNewestAndKeepsTheOlder() {
    Project project = Project::create(freshPath());
    project.saveScenario("shop", R"({"v":1})");
    const auto first = project.savePlan({"shop", std::nullopt, "q1", "h", "{}", R"({"n":1})"});
    project.saveScenario("shop", R"({"v":2})");
    const auto second = project.savePlan({"shop", std::nullopt, "q1", "h", "{}", R"({"n":2})"});
    QVERIFY(second != first);
    const StoredPlan newest = project.loadPlan(std::string("q1"));
    QCOMPARE(newest.info.id, second);
    QCOMPARE(newest.info.scenario_version, std::int64_t{2});  // the latest version at the time of saving
    QCOMPARE(newest.plan_json, std::string(R"({"n":2})"));
    QCOMPARE(project.loadPlan(first).plan_json, std::string(R"({"n":1})"));
    QCOMPARE(project.listPlans().size(), std::size_t{2});
  }

  void badInputIsRefusedWithTheReason() {
    Project project = Project::create(freshPath());
    project.saveScenario("shop", "{}");
    project.savePlan({"shop", std::nullopt, "q1", "h", "{}", "{}"});
    try {
      project.loadPlan(std::string("q2"));
      QFAIL("an unknown plan name must be refused");
    } catch (const ProjectError& e) {
      QCOMPARE(e.kind(), ProjectError::Kind::NotFound);
      QVERIFY2(std::string(e.what()).find("'q1'") != std::string::npos, e.what());  // names the plans that exist
    }
    QVERIFY_THROWS_EXCEPTION(ProjectError, project.loadPlan(std::int64_t{999}));
    QVERIFY_THROWS_EXCEPTION(ProjectError, project.savePlan({"nope", std::nullopt, "x", "h", "{}", "{}"}));
    QVERIFY_THROWS_EXCEPTION(ProjectError, project.savePlan({"shop", 7, "x", "h", "{}", "{}"}));
    QVERIFY_THROWS_EXCEPTION(ProjectError, project.savePlan({"shop", std::nullopt, "", "h", "{}", "{}"}));
    QVERIFY_THROWS_EXCEPTION(ProjectError, project.savePlan({"shop", std::nullopt, "x", "h", "{}", "{not json"}));
    QCOMPARE(project.listPlans().size(), std::size_t{1});  // nothing half-written
  }

  void stepThreeFileMigratesAndStoresPlans() {
    const std::string path = freshPath();
    const std::vector<Migration> stepThree(builtinMigrations().begin(), builtinMigrations().begin() + 3);
    {
      Project old = Project::create(path, stepThree);
      QCOMPARE(old.schemaVersion(), 3);
      old.saveScenario("shop", R"({"v":1})");
      old.saveRun({"shop", 1, 7, "{}", R"({"r":1})"});
      old.saveSweep({"shop", 1, "replicas", "d", R"({"s":1})", R"({"points":[]})"});
    }
    Project project = Project::open(path);
    QVERIFY(builtinSchemaVersion() >= 4);
    QCOMPARE(project.schemaVersion(), builtinSchemaVersion());
    QCOMPARE(project.lastMigration().from_version, 3);
    QVERIFY(!project.lastMigration().backup_path.empty());  // the step-3 copy an older build can still open
    QCOMPARE(project.loadRun(project.listRuns().at(0).id).result_json, std::string(R"({"r":1})"));
    QCOMPARE(project.loadSweep(project.listSweeps().at(0).id).spec_json, std::string(R"({"s":1})"));
    QVERIFY(project.listPlans().empty());
    project.savePlan({"shop", 1, "after-migration", "h", "{}", R"({"p":1})"});
    QCOMPARE(project.loadPlan(std::string("after-migration")).plan_json, std::string(R"({"p":1})"));
    QCOMPARE(project.integrityCheck(), std::string("ok"));
  }
};

QTEST_GUILESS_MAIN(TestProjectPlans)
#include "test_project_plans.moc"
