// The workspace an architect trusts, driven offscreen: the health verdict on a collapse and on an idle system,
// text that fits, state that resets, examples opened as copies, positions saved, a usable 1024x700 window, and
// screenshots of every view at 1600x1000 and 1024x700 (build/<preset>/tests/ui/workspace-*.png).
#include <QtTest>

#include <functional>

#include <QDockWidget>
#include <QElapsedTimer>
#include <QFontMetricsF>
#include <QGuiApplication>
#include <QLabel>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QToolBar>
#include <QToolButton>
#include <QUndoStack>

#include <qcustomplot.h>

#include "model/scenario_json.h"
#include "ui/chart_panel.h"
#include "ui/example_scenario.h"
#include "ui/inspector.h"
#include "ui/main_window.h"
#include "ui/run_controller.h"
#include "ui/results_tables.h"
#include "ui/scenario_document.h"
#include "ui/topology_scene.h"
#include "ui/topology_view.h"
#include "test_watchdog.h"
#include "window_test_options.h"
#include "window_waits.h"

using namespace headroom;

namespace {

using test::example;
using test::openAndWait;
using test::runAndWait;
using test::testOptions;
using test::waitFor;

QString shotPath(const QString& name) { return QCoreApplication::applicationDirPath() + QStringLiteral("/workspace-") + name + QStringLiteral(".png"); }

void grab(MainWindow& window, const QString& name) {
  QTest::qWait(80);  // queued chart replots and layout
  QCoreApplication::processEvents();
  const QString path = shotPath(name);
  QVERIFY(window.grab().save(path));
  qInfo("screenshot: %s", qPrintable(path));
}

void raiseDock(MainWindow& window, const char* name) {
  if (auto* dock = window.findChild<QDockWidget*>(QLatin1String(name))) dock->raise();
}

// Every node's three lines fit inside its outline at the app font.
void checkNodeTextFits(TopologyScene* scene) {
  QFont bold = QGuiApplication::font();
  bold.setBold(true);
  for (NodeItem* node : scene->nodes()) {
    const double titleWidth = QFontMetricsF(bold).horizontalAdvance(node->title());
    QVERIFY2(node->shapeRect().width() >= titleWidth + 8, qPrintable(node->title()));
    if (!node->bottleneckLabel().isEmpty()) QVERIFY(node->boundingRect().contains(node->badgeRect()));
  }
}

}  // namespace

class TestWorkspace : public QObject {
  Q_OBJECT

  test::Watchdog watchdog_;

 private slots:
  // No test function may hang CI: each has a budget well under CTest's timeout.
  void init() { watchdog_.arm(QTest::currentTestFunction(), std::chrono::seconds(280)); }
  void cleanup() { watchdog_.disarm(); }

  void initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("HeadroomTests"));
    QCoreApplication::setApplicationName(QStringLiteral("test_workspace"));
    QSettings().clear();
  }

  void startPageListsTheExamples() {
    MainWindow window(testOptions());
    window.resize(1600, 1000);
    window.show();
    QVERIFY(window.startPageVisible());
    if (builtInScenarioDir().isEmpty()) QSKIP("no built-in scenarios found");
    QVERIFY(window.startExamples()->count() >= 10);
    grab(window, QStringLiteral("start-1600"));
    window.resize(1024, 700);
    grab(window, QStringLiteral("start-1024"));
  }

  void retryStormIsCalledACollapseEverywhere() {
    if (!QFileInfo::exists(example("retry-storm.json"))) QSKIP("scenarios/retry-storm.json is not in the source tree");
    MainWindow window(testOptions());
    window.resize(1600, 1000);
    window.show();
    QVERIFY(openAndWait(window, example("retry-storm.json")));
    // An example opens as an unsaved copy.
    QVERIFY(window.document()->filePath().isEmpty());
    QVERIFY(window.windowTitle().contains(QStringLiteral("copy of example retry-storm.json")));
    QVERIFY(!window.startPageVisible());
    QVERIFY(runAndWait(window));

    QVERIFY(window.healthVerdict().has_value());
    const HealthVerdict& v = *window.healthVerdict();
    QCOMPARE(v.level, HealthLevel::Collapsed);
    QVERIFY2(window.bottleneckText().startsWith(QStringLiteral("collapsed at ")), qPrintable(window.bottleneckText()));
    QVERIFY(window.healthBanner()->isVisible());
    QVERIFY(window.healthBanner()->text().contains(QStringLiteral("db saturated")));
    NodeItem* db = window.scene()->node(componentKey("db"));
    QVERIFY(db->bottleneckLabel().contains(QStringLiteral("saturated")));
    QVERIFY(window.scene()->node(componentKey("api"))->bottleneckLabel().isEmpty());
    checkNodeTextFits(window.scene());

    // The end-to-end error ratio (about 60%) is highlighted in the results.
    ResultsTable* table = window.resultsTable();
    bool highlighted = false;
    for (int r = 0; r < table->rowCount(); ++r)
      if (table->item(r, 0)->text() == QStringLiteral("end to end") && table->item(r, 1)->text() == QStringLiteral("error ratio"))
        highlighted = table->item(r, 2)->foreground().color() == QColor(210, 50, 45) && table->item(r, 2)->font().bold();
    QVERIFY(highlighted);
    // No spread printed in scientific notation.
    for (int r = 0; r < table->rowCount(); ++r)
      QVERIFY2(!table->item(r, 3)->text().contains(QLatin1Char('e')), qPrintable(table->item(r, 3)->text()));

    grab(window, QStringLiteral("retry-storm-1600"));
    raiseDock(window, "decisionsDock");
    grab(window, QStringLiteral("retry-storm-decisions-1600"));
    raiseDock(window, "resultsDock");
    window.selectKey(componentKey("db"));
    grab(window, QStringLiteral("retry-storm-db-1600"));
    window.selectKey(QString());

    window.resize(1024, 700);
    QTest::qWait(50);
    // At 1024x700 the canvas keeps a usable size and Run stays on the toolbar, not in its overflow menu.
    QVERIFY2(window.view()->height() >= 150, qPrintable(QString::number(window.view()->height())));
    QToolBar* toolbar = window.findChild<QToolBar*>(QStringLiteral("mainToolbar"));
    QVERIFY(toolbar);
    QAction* run = nullptr;
    for (QAction* a : toolbar->actions())
      if (a->text().contains(QStringLiteral("Run Simulation"))) run = a;
    QVERIFY(run);
    QWidget* runButton = toolbar->widgetForAction(run);
    QVERIFY(runButton && runButton->isVisible());
    QVERIFY(toolbar->rect().contains(runButton->geometry()));
    grab(window, QStringLiteral("retry-storm-1024"));
    raiseDock(window, "decisionsDock");
    grab(window, QStringLiteral("retry-storm-decisions-1024"));
    raiseDock(window, "resultsDock");

    // Growing back gives the charts their share again.
    window.resize(1600, 1000);
    QTest::qWait(50);
    QVERIFY(window.findChild<QDockWidget*>(QStringLiteral("chartsDock"))->width() >= 400);

    // An edit marks the results out of date.
    window.selectKey(componentKey("db"));
    window.inspector()->findChild<QSpinBox*>(QStringLiteral("replicas"))->setValue(2);
    QVERIFY(window.resultsOutOfDate());
    QVERIFY(window.healthBanner()->text().contains(QStringLiteral("Out of date")));
    QCOMPARE(window.findChild<QDockWidget*>(QStringLiteral("resultsDock"))->windowTitle(), QStringLiteral("Results (out of date)"));
  }

  void anIdleSystemGetsNoBottleneckBadge() {
    MainWindow window(testOptions());
    window.resize(1600, 1000);
    window.show();
    window.setScenario(exampleScenario(0.02, 200.0));
    QVERIFY(runAndWait(window));
    QVERIFY(window.healthVerdict().has_value());
    QCOMPARE(window.healthVerdict()->level, HealthLevel::Healthy);
    for (NodeItem* node : window.scene()->nodes()) QVERIFY2(node->bottleneckLabel().isEmpty(), qPrintable(node->key()));
    QVERIFY(window.bottleneckText().startsWith(QStringLiteral("healthy: SLOs met")));
    grab(window, QStringLiteral("healthy-1600"));
  }

  void everyKindOfNodeLooksDifferentAndItsTextFits() {
    if (!QFileInfo::exists(example("flash-sale-stack.json"))) QSKIP("scenarios/flash-sale-stack.json is not in the source tree");
    MainWindow window(testOptions());
    window.resize(1600, 1000);
    window.show();
    QVERIFY(openAndWait(window, example("flash-sale-stack.json")));
    checkNodeTextFits(window.scene());
    // The fit never shrinks text below 3/4 of its size.
    QTest::qWait(50);
    QVERIFY(window.view()->zoomFactor() >= TopologyView::kMinFitZoom - 1e-9);
    grab(window, QStringLiteral("stack-canvas-1600"));

    // The inspector shows the parts a component has, each editable and undoable.
    window.selectKey(componentKey("orders-db"));
    auto* readReplicas = window.inspector()->findChild<QSpinBox*>(QStringLiteral("databaseReadReplicas"));
    QVERIFY(readReplicas && readReplicas->isVisibleTo(window.inspector()));
    QVERIFY(!window.inspector()->findChild<QSpinBox*>(QStringLiteral("topicPartitions"))->isVisibleTo(window.inspector()));
    const int replicasBefore = window.document()->scenario().findComponent("orders-db")->database->read_replicas;
    readReplicas->setValue(replicasBefore + 2);
    QCOMPARE(window.document()->scenario().findComponent("orders-db")->database->read_replicas, replicasBefore + 2);
    window.document()->undoStack()->undo();
    QCOMPARE(window.document()->scenario().findComponent("orders-db")->database->read_replicas, replicasBefore);
    grab(window, QStringLiteral("stack-inspector-db-1600"));
    window.selectKey(componentKey("order-events"));
    QVERIFY(window.inspector()->findChild<QSpinBox*>(QStringLiteral("topicPartitions"))->isVisibleTo(window.inspector()));
    window.selectKey(componentKey("api"));
    grab(window, QStringLiteral("stack-inspector-api-1600"));
    // The source shows its traffic curve.
    window.selectKey(sourceKey("shoppers"));
    auto* preview = window.inspector()->findChild<QCustomPlot*>(QStringLiteral("trafficPreview"));
    QVERIFY(preview && preview->graphCount() == 1 && preview->graph(0)->dataCount() > 100);
    grab(window, QStringLiteral("stack-inspector-source-1600"));
    // The scenario's description is shown and editable.
    window.selectKey(QString());
    auto* description = window.inspector()->findChild<QPlainTextEdit*>(QStringLiteral("scenarioDescription"));
    QVERIFY(description && description->toPlainText().toStdString() == window.document()->scenario().description);

    window.resize(1024, 700);
    grab(window, QStringLiteral("stack-canvas-1024"));
    window.selectKey(componentKey("api"));
    grab(window, QStringLiteral("stack-inspector-api-1024"));
  }

  void openAndNewResetEverything() {
    if (!QFileInfo::exists(example("cluster-autoscaler.json"))) QSKIP("scenarios/cluster-autoscaler.json is not in the source tree");
    MainWindow window(testOptions());
    window.resize(1600, 1000);
    window.show();
    QVERIFY(openAndWait(window, example("cluster-autoscaler.json")));
    QVERIFY(runAndWait(window));
    QVERIFY(window.decisionLog()->rowCount() > 0);
    QVERIFY(window.healthVerdict()->alarming());  // p99 around 20 s is not healthy
    // 1800 s: the time axis reads in minutes; replicas get whole-number ticks.
    QCOMPARE(window.chartPanel()->timeUnit().name, QStringLiteral("min"));
    QVERIFY(!window.chartPanel()->plot(ChartPanel::Replicas)->yAxis->ticker().dynamicCast<QCPAxisTickerFixed>().isNull());
    grab(window, QStringLiteral("cluster-autoscaler-1600"));
    raiseDock(window, "decisionsDock");
    grab(window, QStringLiteral("cluster-autoscaler-decisions-1600"));
    window.view()->zoomIn();
    window.view()->zoomIn();
    window.view()->zoomIn();

    // File > New: no decisions, no results, no verdict, zoom back to the fit.
    for (QAction* a : window.findChildren<QAction*>())
      if (a->text() == QStringLiteral("&New")) a->trigger();
    QCOMPARE(window.decisionLog()->rowCount(), 0);
    QCOMPARE(window.resultsTable()->rowCount(), 0);
    QVERIFY(!window.healthVerdict().has_value());
    QVERIFY(!window.currentResult().has_value());
    QVERIFY(window.view()->zoomFactor() <= TopologyView::kMaxFitZoom + 1e-9);
    QCOMPARE(window.chartPanel()->plot(ChartPanel::Load)->graphCount(), 0);
  }

  void examplesAreNeverOverwrittenAndPositionsAreSaved() {
    if (!QFileInfo::exists(example("mm1.json"))) QSKIP("scenarios/mm1.json is not in the source tree");
    const QByteArray before = [] {
      QFile f(example("mm1.json"));
      return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }();
    MainWindow window(testOptions());
    QVERIFY(openAndWait(window, example("mm1.json")));
    QVERIFY(!window.saveTo(example("mm1.json")));  // refused
    QFile f(example("mm1.json"));
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), before);

    // A moved node keeps its place through save and open.
    const Scenario& s = window.document()->scenario();
    const QString key = componentKey(s.components.front().name);
    window.document()->moveNode(key, QPointF(777, -55));
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("mine.json"));
    QVERIFY(window.saveTo(path));
    QVERIFY(window.windowTitle().contains(QStringLiteral("mine.json")));
    MainWindow other(testOptions());
    QVERIFY(openAndWait(other, path));
    QCOMPARE(other.document()->positions().at(key), QPointF(777, -55));
    QCOMPARE(other.scene()->node(key)->pos(), QPointF(777, -55));
  }

  void chartUnitsAndColours() {
    QCOMPARE(timeAxisUnitFor(600).name, QStringLiteral("s"));
    QCOMPARE(timeAxisUnitFor(3600).name, QStringLiteral("min"));
    QCOMPARE(timeAxisUnitFor(86400).name, QStringLiteral("h"));
    QCOMPARE(timeAxisUnitFor(30 * 86400).name, QStringLiteral("days"));
    QCOMPARE(timeAxisUnitFor(182 * 86400).name, QStringLiteral("months"));
    QSet<QRgb> colours;
    for (int i = 0; i < 30; ++i) colours.insert(componentColor(i).rgb());
    QCOMPARE(colours.size(), 30);
  }
};

QTEST_MAIN(TestWorkspace)
#include "test_workspace.moc"
