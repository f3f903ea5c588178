// A write that fails half way, inside its transaction, leaves the file exactly as before the write.
#include <QTemporaryDir>
#include <QtTest>

#include <stdexcept>

#include "model/project/project.h"
#include "tests/project/project_test_support.h"

using namespace headroom;

namespace {

struct InjectedFault : std::runtime_error {
  InjectedFault() : std::runtime_error("injected fault") {}
};

// Fault hook that throws at the `nth` checkpoint named `name` (1-based) and counts how often it fired.
struct FailAt {
  std::string name;
  int nth = 1;
  int* seen = nullptr;
  void operator()(std::string_view checkpoint) const {
    if (checkpoint == name && ++*seen == nth) throw InjectedFault();
  }
};

}  // namespace

class ProjectRollbackTest : public QObject {
  Q_OBJECT

 private:
  QTemporaryDir dir_;
  int counter_ = 0;
  std::string freshPath() { return dir_.filePath(QString("r%1.hdrm").arg(++counter_)).toStdString(); }

 private slots:
  void initTestCase() { QVERIFY(dir_.isValid()); }

  void failedScenarioSaveKeepsPreviousVersion() {
    const std::string path = freshPath();
    {
      Project project = Project::create(path);
      project.saveScenario("shop", R"({"v":1})", "good");
      int seen = 0;
      project.setFaultHookForTesting(FailAt{"save scenario: version written", 1, &seen});
      QVERIFY_THROWS_EXCEPTION(InjectedFault, project.saveScenario("shop", R"({"v":2})", "bad"));
      QCOMPARE(seen, 1);  // the fault really fired after the version row was written
      QCOMPARE(project.history("shop").size(), std::size_t{1});
      // The connection is usable again and numbering continues from the committed state.
      project.setFaultHookForTesting({});
      QCOMPARE(project.saveScenario("shop", R"({"v":2})", "retry"), 2);
    }
    Project project = Project::open(path);
    QCOMPARE(project.loadScenario("shop"), std::string(R"({"v":2})"));
    QCOMPARE(project.history("shop")[1].comment, std::string("retry"));
  }

  void failedFirstSaveLeavesNoScenario() {
    Project project = Project::create(freshPath());
    int seen = 0;
    project.setFaultHookForTesting(FailAt{"save scenario: scenario row written", 1, &seen});
    QVERIFY_THROWS_EXCEPTION(InjectedFault, project.saveScenario("new", "{}"));
    QCOMPARE(seen, 1);
    QVERIFY(project.scenarios().empty());
    QVERIFY_THROWS_EXCEPTION(ProjectError, project.loadScenario("new"));
  }

  void failedImportAfterSomeSeriesWritesNothing() {
    const std::string path = freshPath();
    Project project = Project::create(path);
    const TimeSeries kept = test::makeSeries("kept", 2000, 1);
    const auto first = project.importSeries({kept}, {"a.csv", "csv", "{}"});
    int seen = 0;
    project.setFaultHookForTesting(FailAt{"import: series written", 3, &seen});
    const std::vector<TimeSeries> batch = {test::makeSeries("s1", 50000, 2), test::makeSeries("s2", 50000, 3),
                                           test::makeSeries("s3", 50000, 4), test::makeSeries("s4", 10, 5)};
    QVERIFY_THROWS_EXCEPTION(InjectedFault, project.importSeries(batch, {"b.csv", "csv", "{}"}));
    QCOMPARE(seen, 3);  // two series were fully written, the third too, then the fault
    project.setFaultHookForTesting({});

    QCOMPARE(project.imports().size(), std::size_t{1});
    const auto series = project.listSeries();
    QCOMPARE(series.size(), std::size_t{1});
    QCOMPARE(series[0].id, first.series_ids[0]);
    QVERIFY(test::sameSeries(project.loadSeries(first.series_ids[0]), kept));
    QCOMPARE(project.integrityCheck(), std::string("ok"));
  }

  void invalidSeriesHalfWayRollsBackEarlierOnes() {
    Project project = Project::create(freshPath());
    TimeSeries broken = test::makeSeries("broken", 100, 2);
    broken.time_s.push_back(1.0);  // one more time than values
    QVERIFY_THROWS_EXCEPTION(ProjectError,
                             project.importSeries({test::makeSeries("fine", 100, 1), broken}, {"c.csv", "csv", "{}"}));
    QVERIFY(project.imports().empty());
    QVERIFY(project.listSeries().empty());
  }

  void failedRunAndCalibrationSavesWriteNothing() {
    Project project = Project::create(freshPath());
    project.saveScenario("shop", "{}");
    int seen = 0;
    project.setFaultHookForTesting(FailAt{"save run: row written", 1, &seen});
    QVERIFY_THROWS_EXCEPTION(InjectedFault, project.saveRun({"shop", std::nullopt, 1, "{}", "{}"}));
    project.setFaultHookForTesting(FailAt{"save calibration: row written", 2, &seen});
    QVERIFY_THROWS_EXCEPTION(InjectedFault, project.saveCalibration("shop", "{}"));
    QCOMPARE(seen, 2);
    QVERIFY(project.listRuns().empty());
    QVERIFY(project.listCalibrations().empty());
  }
};

QTEST_APPLESS_MAIN(ProjectRollbackTest)
#include "test_project_rollback.moc"
