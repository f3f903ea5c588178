// The main window driven offscreen: open, edit through the inspector, undo, run, cancel, charts,
// bottleneck marker, comparison, closing during a run, and a screenshot for the docs.
#include <QtTest>

#include <QDockWidget>
#include <QSettings>
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
#include "ui/topology_view.h"
#include "window_test_options.h"

using namespace headroom;

namespace {

using test::testOptions;

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

  void opensTheDefaultScenarioOnFirstStart() {
    const QString expected = findDefaultScenarioPath();
    if (expected.isEmpty()) QSKIP("no default.json installed or in the source tree");
    QVERIFY(expected.endsWith(QStringLiteral("/scenarios/default.json")));
    QSettings().remove(QStringLiteral("firstStartDone"));
    MainWindowOptions options = testOptions();
    options.openDefaultOnFirstStart = true;
    MainWindow window(options);
    QSignalSpy loaded(&window, &MainWindow::scenarioLoaded);
    QVERIFY(loaded.wait(10000));
    QCOMPARE(QFileInfo(loaded.at(0).at(0).toString()).canonicalFilePath(), expected);
    QVERIFY(QSettings().value(QStringLiteral("firstStartDone")).toBool());
    QVERIFY(!window.document()->scenario().components.empty());
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
    // 90% busy, SLOs met: no headroom, and the db (not the api that waits for it) carries the badge.
    QVERIFY2(window.bottleneckText().startsWith(QStringLiteral("no headroom: db saturated")), qPrintable(window.bottleneckText()));
    QVERIFY(window.healthBanner()->isVisible());
    NodeItem* db = window.scene()->node(componentKey("db"));
    QVERIFY(db);
    QVERIFY2(db->bottleneckLabel().contains(QStringLiteral("saturated")), qPrintable(db->bottleneckLabel()));
    // The badge is inside what the item paints (no clipped text, no stale fragment after the next run).
    QVERIFY(db->boundingRect().contains(db->badgeRect()));
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
    QVERIFY(QFileInfo(dir + QStringLiteral("/test_main_window_charts.pdf")).size() > 1000);
    QVERIFY(window.chartPanel()->exportPng(dir + QStringLiteral("/test_main_window_charts.png")));
    const QImage charts(dir + QStringLiteral("/test_main_window_charts.png"));
    QVERIFY(charts.height() >= ChartPanel::ChartCount * 150);  // every chart, one under the other

    QTest::qWait(100);  // let the queued chart replots happen before grabbing
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

    QTest::qWait(100);
    const QString comparisonShot = dir + QStringLiteral("/headroom-comparison.png");
    QVERIFY(window.grab().save(comparisonShot));
    qInfo("screenshot after a second run: %s", qPrintable(comparisonShot));
  }

  void autoscaledRunShowsReplicasAndTheDecisionLog() {
    const QString path = QStringLiteral(HEADROOM_SOURCE_DIR "/scenarios/hpa-step.json");
    if (!QFileInfo::exists(path)) QSKIP("scenarios/hpa-step.json is not in the source tree");
    Scenario s = loadScenarioFile(path.toStdString());
    s.simulation.horizon_s = 1200;  // the step is at 600 s
    s.simulation.replications = 1;
    MainWindow window(testOptions());
    window.resize(1600, 1000);
    window.show();
    window.setScenario(s);
    QSignalSpy completed(&window, &MainWindow::runCompleted);
    window.startRun();
    QVERIFY(completed.wait(60000));
    window.selectKey(componentKey("api"));
    QCustomPlot* replicas = window.chartPanel()->plot(ChartPanel::Replicas);
    QVERIFY(replicas->graphCount() > 0);
    double most = 0;
    for (int g = 0; g < replicas->graphCount(); ++g)
      for (auto it = replicas->graph(g)->data()->constBegin(); it != replicas->graph(g)->data()->constEnd(); ++it)
        most = std::max(most, it->value);
    QVERIFY2(most > 2.5, qPrintable(QStringLiteral("replicas never rose above 2 (max %1)").arg(most)));
    // Every HPA sync is in the log (1200 s / 15 s), with its reason.
    DecisionLogTable* log = window.decisionLog();
    QVERIFY(log->rowCount() >= 1200 / 15 - 1);
    QVERIFY(!log->item(0, 3)->text().isEmpty());
    if (auto* dock = qobject_cast<QDockWidget*>(log->parentWidget())) dock->raise();
    QCoreApplication::processEvents();
    const QString shot = QCoreApplication::applicationDirPath() + QStringLiteral("/headroom-autoscaling.png");
    QVERIFY(window.grab().save(shot));
    qInfo("screenshot: %s", qPrintable(shot));
  }

  void stackScenarioShowsFeatureMetricsInTheResults() {
    const QString path = QStringLiteral(HEADROOM_SOURCE_DIR "/scenarios/flash-sale-stack.json");
    if (!QFileInfo::exists(path)) QSKIP("scenarios/flash-sale-stack.json is not in the source tree");
    Scenario s = loadScenarioFile(path.toStdString());
    s.simulation.replications = 1;
    MainWindow window(testOptions());
    window.resize(1600, 1000);
    window.show();
    window.setScenario(s);
    QSignalSpy completed(&window, &MainWindow::runCompleted);
    window.startRun();
    QVERIFY(completed.wait(60000));
    ResultsTable* table = window.resultsTable();
    QStringList labels;
    for (int r = 0; r < table->rowCount(); ++r) labels << table->item(r, 1)->text();
    // Feature metrics appear as rows with their unit: the cache's hit ratio in %, the consumer lag, pool waits.
    QVERIFY2(labels.contains(QStringLiteral("cache hit")), qPrintable(labels.join(", ")));
    QVERIFY(labels.contains(QStringLiteral("consumer lag mean")));
    QVERIFY(labels.contains(QStringLiteral("pool wait mean")));
    QCoreApplication::processEvents();
    const QString shot = QCoreApplication::applicationDirPath() + QStringLiteral("/headroom-stack.png");
    QVERIFY(window.grab().save(shot));
    qInfo("screenshot: %s", qPrintable(shot));
  }

  void analyticColumnShowsTheoryForMM1() {
    Scenario s;
    s.name = "mm1";
    s.simulation.horizon_s = 2000;
    s.simulation.warmup_s = 100;
    s.simulation.replications = 3;
    Component server;
    server.name = "server";
    server.service_time = Distribution::exponential(0.1);
    s.components = {server};
    Source arrivals;
    arrivals.name = "arrivals";
    arrivals.entry = "server";
    arrivals.rate = RateCurve::constant(8.0);
    s.sources = {arrivals};

    MainWindow window(testOptions());
    window.setScenario(s);
    QSignalSpy completed(&window, &MainWindow::runCompleted);
    window.startRun();
    QVERIFY(completed.wait(60000));
    QCOMPARE(window.runStateName(), QStringLiteral("finished"));
    ResultsTable* table = window.resultsTable();
    int row = -1;
    for (int r = 0; r < table->rowCount(); ++r)
      if (table->item(r, 0)->text() == QStringLiteral("server") && table->item(r, 1)->text() == QStringLiteral("utilization"))
        row = r;
    QVERIFY(row >= 0);
    // rho = lambda / mu = 8 x 0.1 = 0.8, shown in percent.
    QCOMPARE(table->item(row, 5)->text().toDouble(), 80.0);
    // Nothing saturates at 80%, but an M/M/1 with 100 ms service at 80% has p99 = 0.5 s x ln 100 = 2.3 s: the
    // default 1 s p99 SLO is breached. Degraded, and no component carries a bottleneck badge.
    QVERIFY2(window.bottleneckText().startsWith(QStringLiteral("degraded: p99 2.")), qPrintable(window.bottleneckText()));
    QVERIFY(window.scene()->node(componentKey("server"))->bottleneckLabel().isEmpty());
  }

  void followsADarkPalette() {
    const QPalette original = QApplication::palette();
    QPalette dark;
    dark.setColor(QPalette::Window, QColor(37, 37, 38));
    dark.setColor(QPalette::WindowText, QColor(220, 220, 220));
    dark.setColor(QPalette::Base, QColor(30, 30, 30));
    dark.setColor(QPalette::AlternateBase, QColor(45, 45, 48));
    dark.setColor(QPalette::Text, QColor(220, 220, 220));
    dark.setColor(QPalette::Button, QColor(45, 45, 48));
    dark.setColor(QPalette::ButtonText, QColor(220, 220, 220));
    dark.setColor(QPalette::PlaceholderText, QColor(150, 150, 150));
    dark.setColor(QPalette::Highlight, QColor(38, 110, 200));
    QApplication::setPalette(dark);
    {
      MainWindow window(testOptions());
      window.resize(1400, 900);
      window.setScenario(exampleScenario());
      window.show();
      QVERIFY(QTest::qWaitForWindowExposed(&window));
      QTest::qWait(100);  // let the queued chart replots after the resize happen before grabbing
      // Canvas and charts take their background from the palette: no white panel in a dark theme.
      const QImage canvas = window.view()->viewport()->grab().toImage();
      QVERIFY(canvas.pixelColor(5, 5).lightness() < 80);
      QCustomPlot* plot = window.chartPanel()->plot(ChartPanel::Load);
      const QImage chart = plot->grab().toImage();
      QVERIFY(chart.pixelColor(2, chart.height() / 2).lightness() < 80);
      const QString shot = QCoreApplication::applicationDirPath() + QStringLiteral("/headroom-dark.png");
      QVERIFY(window.grab().save(shot));
      qInfo("dark palette screenshot: %s", qPrintable(shot));
    }
    QApplication::setPalette(original);
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
