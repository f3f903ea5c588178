// The main window driven offscreen: open, edit through the inspector, undo, run, cancel, charts,
// bottleneck marker, comparison, closing during a run, and a screenshot for the docs.
#include <QtTest>

#include <QSpinBox>
#include <QStandardPaths>
#include <QUndoStack>

#include <qcustomplot.h>

#include "model/scenario_json.h"
#include "ui/chart_panel.h"
#include "ui/example_scenario.h"
#include "ui/inspector.h"
#include "ui/main_window.h"
#include "ui/results_tables.h"
#include "ui/run_controller.h"
#include "ui/scenario_document.h"
#include "ui/topology_scene.h"

using namespace headroom;

namespace {

MainWindowOptions testOptions() {
  MainWindowOptions o;
  o.openDefaultOnFirstStart = false;
  o.askBeforeDiscarding = false;
  return o;
}

// A run long enough that it is certainly still going when the test cancels it.
Scenario longScenario() {
  Scenario s = exampleScenario(0.6, 1.0e6);
  s.simulation.replications = 4;
  s.simulation.window_s = 5.0;  // short windows: live chart data arrives within a fraction of a second
  return s;
}

}  // namespace

class TestMainWindow : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() {
    QStandardPaths::setTestModeEnabled(true);  // keep QSettings away from the user's configuration
    QCoreApplication::setOrganizationName(QStringLiteral("HeadroomTests"));
    QCoreApplication::setApplicationName(QStringLiteral("test_main_window"));
  }

  void opensTheDefaultScenarioFile() {
    const QString path = QStringLiteral(HEADROOM_SOURCE_DIR "/scenarios/default.json");
    if (!QFileInfo::exists(path)) QSKIP("scenarios/default.json is not in the source tree");
    MainWindow window(testOptions());
    QSignalSpy loaded(&window, &MainWindow::scenarioLoaded);
    window.openScenarioFile(path);
    QVERIFY(loaded.wait(10000));
    const Scenario expected = loadScenarioFile(path.toStdString());
    QCOMPARE(window.document()->scenario().components.size(), expected.components.size());
    QCOMPARE(window.scene()->nodes().size(), static_cast<qsizetype>(expected.components.size() + expected.sources.size()));
    QVERIFY(!window.document()->isModified());
    QVERIFY(window.windowTitle().contains(QStringLiteral("default.json")));
  }

  void reportsAnUnreadableFile() {
    MainWindow window(testOptions());
    QSignalSpy failed(&window, &MainWindow::loadFailed);
    window.openScenarioFile(QStringLiteral("/nonexistent/nowhere.json"));
    QVERIFY(failed.wait(10000));
    QVERIFY(failed.at(0).at(0).toString().contains(QStringLiteral("nowhere.json")));
  }

  void editReplicasInTheInspectorThenUndo() {
    MainWindow window(testOptions());
    window.setScenario(exampleScenario());
    window.selectKey(componentKey("api"));
    QCOMPARE(window.inspector()->currentKey(), componentKey("api"));
    auto* replicas = window.inspector()->findChild<QSpinBox*>(QStringLiteral("replicas"));
    QVERIFY(replicas);
    QCOMPARE(replicas->value(), 2);

    replicas->setValue(5);
    QCOMPARE(window.document()->scenario().findComponent("api")->replicas, 5);
    QVERIFY(window.document()->isModified());
    QCOMPARE(window.document()->undoStack()->count(), 1);

    window.document()->undoStack()->undo();
    QCOMPARE(window.document()->scenario().findComponent("api")->replicas, 2);
    QCOMPARE(replicas->value(), 2);  // the inspector shows the restored value
    QVERIFY(!window.document()->isModified());

    window.document()->undoStack()->redo();
    QCOMPARE(window.document()->scenario().findComponent("api")->replicas, 5);
  }

  void validationMessageAppearsNextToTheField() {
    MainWindow window(testOptions());
    window.setScenario(exampleScenario());
    window.selectKey(componentKey("db"));
    QVERIFY(window.inspector()->fieldError(QStringLiteral("workers_per_replica")).isEmpty());
    window.inspector()->findChild<QSpinBox*>(QStringLiteral("workersPerReplica"))->setValue(0);
    QVERIFY2(!window.inspector()->fieldError(QStringLiteral("workers_per_replica")).isEmpty(),
             qPrintable(window.inspector()->generalIssues()));
    // Running is refused while the scenario does not validate.
    window.startRun();
    QCOMPARE(window.runStateName(), QStringLiteral("idle"));
    window.document()->undoStack()->undo();
    QVERIFY(window.inspector()->fieldError(QStringLiteral("workers_per_replica")).isEmpty());
  }

  void addConnectAndDeleteAreUndoable() {
    MainWindow window(testOptions());
    window.setScenario(exampleScenario());
    QAction* addService = nullptr;
    for (QAction* a : window.findChildren<QAction*>())
      if (a->text() == QStringLiteral("Add &Service")) addService = a;
    QVERIFY(addService);
    addService->trigger();
    QVERIFY(window.document()->scenario().findComponent("service"));
    QVERIFY(window.scene()->node(componentKey("service")));
    QCOMPARE(window.inspector()->currentKey(), componentKey("service"));

    // The link gesture on the canvas ends in this signal: api now calls the new service.
    emit window.scene()->linkRequested(componentKey("api"), componentKey("service"), LinkKind::Call);
    QTRY_VERIFY(window.document()->scenario().findComponent("api")->behaviour.at(kAnyClass).steps.size() == 3);

    const int edits = window.document()->undoStack()->count();
    window.selectKey(componentKey("service"));
    QAction* del = nullptr;
    for (QAction* a : window.findChildren<QAction*>())
      if (a->text() == QStringLiteral("&Delete")) del = a;
    QVERIFY(del && del->isEnabled());
    del->trigger();
    QVERIFY(!window.document()->scenario().findComponent("service"));
    QCOMPARE(window.document()->scenario().findComponent("api")->behaviour.at(kAnyClass).steps.size(), std::size_t{2});
    QCOMPARE(window.document()->undoStack()->count(), edits + 1);

    window.document()->undoStack()->undo();
    QVERIFY(window.document()->scenario().findComponent("service"));
    QCOMPARE(window.document()->scenario().findComponent("api")->behaviour.at(kAnyClass).steps.size(), std::size_t{3});
    window.document()->undoStack()->undo();
    window.document()->undoStack()->undo();
    QVERIFY(!window.document()->scenario().findComponent("service"));
    QVERIFY(!window.document()->isModified());
  }

  void cancelStopsTheRunAndTheGuiStaysResponsive() {
    MainWindow window(testOptions());
    window.setScenario(longScenario());
    window.startRun();
    QCOMPARE(window.runStateName(), QStringLiteral("running"));
    // The event loop keeps turning while the worker simulates: timers fire, progress arrives.
    int ticks = 0;
    QTimer ticker;
    connect(&ticker, &QTimer::timeout, [&] { ++ticks; });
    ticker.start(10);
    QTRY_VERIFY_WITH_TIMEOUT(ticks >= 10, 5000);
    QTRY_VERIFY_WITH_TIMEOUT(window.runController()->progress().events > 0 ||
                                 !window.runController()->liveWindows().empty(), 10000);
    QCOMPARE(window.runStateName(), QStringLiteral("running"));
    // Charts fill in from the live windows while the run proceeds.
    QTRY_VERIFY_WITH_TIMEOUT(!window.runController()->liveWindows().empty(), 15000);
    QCustomPlot* utilization = window.chartPanel()->plot(ChartPanel::Utilization);
    QTRY_VERIFY_WITH_TIMEOUT(utilization->graphCount() > 0 && utilization->graph(0)->dataCount() > 0, 5000);
    QCOMPARE(window.runStateName(), QStringLiteral("running"));

    window.cancelRun();
    QTRY_COMPARE_WITH_TIMEOUT(window.runStateName(), QStringLiteral("cancelled"), 15000);
    QVERIFY(!window.runController()->isBusy());
    const int before = ticks;
    QTRY_VERIFY_WITH_TIMEOUT(ticks > before, 2000);
  }

  void runToCompletionFillsChartsAndMarksTheBottleneck() {
    MainWindow window(testOptions());
    window.resize(1600, 1000);
    window.show();
    // The db runs at 90% (one server, 100 req/s x 9 ms); everything else is lightly loaded.
    window.setScenario(exampleScenario(0.9, 300.0));
    QSignalSpy completed(&window, &MainWindow::runCompleted);
    window.startRun();
    QVERIFY(completed.wait(60000));
    QCOMPARE(window.runStateName(), QStringLiteral("finished"));
    QVERIFY(window.currentResult().has_value());

    for (int c = 0; c < ChartPanel::ChartCount; ++c) {
      if (c == ChartPanel::Errors) continue;  // no errors in this scenario: the series may be all zero
      QCustomPlot* plot = window.chartPanel()->plot(static_cast<ChartPanel::Chart>(c));
      QVERIFY2(plot->graphCount() > 0, qPrintable(QStringLiteral("chart %1 has no graph").arg(c)));
      QVERIFY2(plot->graph(plot->graphCount() - 1)->dataCount() > 0, qPrintable(QStringLiteral("chart %1 is empty").arg(c)));
    }
    QVERIFY(window.bottleneckText().startsWith(QStringLiteral("db:")));
    NodeItem* db = window.scene()->node(componentKey("db"));
    QVERIFY(db);
    QCOMPARE(db->bottleneckLabel(), QStringLiteral("CPU/workers"));
    QVERIFY(window.scene()->node(componentKey("api"))->bottleneckLabel().isEmpty());
    QVERIFY(db->utilization() > 0.8);
    QVERIFY(window.resultsTable()->rowCount() > 0);

    // Clicking the db node shows its charts.
    window.selectKey(componentKey("db"));
    QCOMPARE(window.chartPanel()->entity(), QStringLiteral("db"));
    QVERIFY(window.chartPanel()->plot(ChartPanel::Latency)->graphCount() > 0);
    window.selectKey(QString());

    // Exports write files.
    const QString dir = QCoreApplication::applicationDirPath();
    QVERIFY(window.chartPanel()->exportCsv(dir + QStringLiteral("/test_main_window_charts.csv")));
    QVERIFY(QFileInfo(dir + QStringLiteral("/test_main_window_charts.csv")).size() > 100);
    QVERIFY(window.chartPanel()->exportPdf(dir + QStringLiteral("/test_main_window_charts.pdf")));

    QApplication::processEvents();
    const QString shot = dir + QStringLiteral("/headroom-main-window.png");
    QVERIFY(window.grab().save(shot));
    qInfo("screenshot: %s", qPrintable(shot));

    // A second run with a bigger db is compared with the first.
    window.selectKey(componentKey("db"));
    window.inspector()->findChild<QSpinBox*>(QStringLiteral("workersPerReplica"))->setValue(2);
    window.selectKey(QString());
    window.startRun();
    QVERIFY(completed.wait(60000));
    QVERIFY(window.previousResult().has_value());
    QVERIFY(window.comparisonTable()->rowCount() > 0);
    QVERIFY(window.scene()->node(componentKey("db"))->utilization() < 0.6);

    QApplication::processEvents();
    const QString comparisonShot = dir + QStringLiteral("/headroom-comparison.png");
    QVERIFY(window.grab().save(comparisonShot));
    qInfo("screenshot after a second run: %s", qPrintable(comparisonShot));
  }

  void closingDuringARunCancelsAndWaits() {
    auto* window = new MainWindow(testOptions());
    window->setScenario(longScenario());
    window->startRun();
    QVERIFY(window->runController()->isBusy());
    QVERIFY(window->close());
    QVERIFY(!window->runController()->isBusy());
    delete window;  // must not hang or crash: the worker is gone
  }
};

QTEST_MAIN(TestMainWindow)
#include "test_main_window.moc"
