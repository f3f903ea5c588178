// Every scenario feature is editable in the inspector, one undo step per edit, with validation beside the
// field: lists (per-class cache hit ratios, HPA metrics, AWS policies and their step adjustments) with add and
// remove, weekly seasonality, and a class rename that reaches every reference or is refused with its reason.
// A link that can carry no traffic is flagged; the current run is compared with a run from a result file and
// from a project, labelled as such. Screenshots of each section and of the comparison at 1600x1000 and
// 1024x700: build/<preset>/tests/ui/inspector-*.png.
#include <QtTest>

#include <chrono>
#include <fstream>
#include <functional>

#include <QCheckBox>
#include <QComboBox>
#include <QDockWidget>
#include <QDoubleSpinBox>
#include <QElapsedTimer>
#include <QLabel>
#include <QLineEdit>
#include <QScrollArea>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QToolButton>
#include <QUndoStack>

#include <qcustomplot.h>

#include "model/project/project.h"
#include "model/scenario_json.h"
#include "simulator/result_io.h"
#include "simulator/simulation.h"
#include "ui/chart_panel.h"
#include "ui/comparison_baseline.h"
#include "ui/example_scenario.h"
#include "ui/inspector.h"
#include "ui/inspector/inspector_section.h"
#include "ui/main_window.h"
#include "ui/results_tables.h"
#include "ui/run_controller.h"
#include "ui/scenario_document.h"
#include "ui/topology_scene.h"
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

template <typename T>
T* field(MainWindow& window, const char* name) {
  auto* w = window.inspector()->findChild<T*>(QLatin1String(name));
  if (!w) qWarning("no inspector field %s", name);
  return w;
}

// The inspector dock alone, then the whole window, so both the section and its context can be looked at.
void grab(MainWindow& window, const QString& name) {
  QTest::qWait(60);
  QCoreApplication::processEvents();
  const QString dir = QCoreApplication::applicationDirPath() + QStringLiteral("/inspector-");
  QWidget* dock = window.findChild<QDockWidget*>(QStringLiteral("inspectorDock"));
  QVERIFY(dock);
  QVERIFY(dock->grab().save(dir + name + QStringLiteral("-dock.png")));
  QVERIFY(window.grab().save(dir + name + QStringLiteral(".png")));
  qInfo("screenshot: %s", qPrintable(dir + name + QStringLiteral(".png")));
}

// Scrolls the inspector so `w` is on screen (the page is long; screenshots should show the section).
void scrollTo(MainWindow& window, QWidget* w) {
  QTest::qWait(20);  // the page's layout settles after an edit first; scrolling before it aims at old positions
  if (auto* scroll = window.inspector()->findChild<QScrollArea*>()) scroll->ensureWidgetVisible(w, 10, 80);  // room for the error line under it
}

// Nothing on the inspector page reaches past the right edge of its scroll view (the dock is 300 px at its
// narrowest): every field is readable without a horizontal scroll bar.
void checkFitsWidth(MainWindow& window) {
  QCoreApplication::processEvents();
  auto* scroll = window.inspector()->findChild<QScrollArea*>();
  QVERIFY(scroll);
  const int right = scroll->viewport()->width();
  QStringList offenders;
  for (QWidget* w : scroll->widget()->findChildren<QWidget*>()) {
    if (!w->isVisibleTo(scroll->widget()) || w->objectName().startsWith(QLatin1String("qt_"))) continue;
    const int x = w->mapTo(scroll->viewport(), QPoint(w->width(), 0)).x();
    if (x > right + 1) offenders << QStringLiteral("%1 %2 (right edge %3 > %4, min %5)")
                                        .arg(QString::fromLatin1(w->metaObject()->className()), w->objectName())
                                        .arg(x).arg(right).arg(w->minimumSizeHint().width());
  }
  QVERIFY2(offenders.isEmpty(), qPrintable(offenders.join(QStringLiteral("; "))));
}

const CallTarget& firstCall(const Scenario& s, const std::string& component) {
  return s.findComponent(component)->behaviour.begin()->second.steps.front().calls.front();
}

// The section around `w` at 1600x1000 and at 1024x700 (`name`-1600, `name`-1024), then nothing on the page
// may reach past the dock's right edge. Leaves the window at 1024x700.
void grabBothSizes(MainWindow& window, QWidget* w, const QString& name) {
  window.resize(1600, 1000);
  scrollTo(window, w);
  grab(window, name + QStringLiteral("-1600"));
  window.resize(1024, 700);
  scrollTo(window, w);
  grab(window, name + QStringLiteral("-1024"));
  checkFitsWidth(window);
}

// A 1600x1000 window with a built-in example opened (as a copy) and node `key` selected.
bool openExampleAndSelect(MainWindow& window, const char* file, const QString& key) {
  window.resize(1600, 1000);
  window.show();
  if (!openAndWait(window, example(file))) return false;
  window.selectKey(key);
  return true;
}

// The "+" or "−" button beside a list picker.
QToolButton* pickerButton(QComboBox* picker, const char* which) {
  return picker ? picker->parentWidget()->findChild<QToolButton*>(QLatin1String(which)) : nullptr;
}

std::string scenarioText(MainWindow& window) { return scenarioToJson(window.document()->scenario()).dump(); }

// Types a value into a line edit as a user does: the edit is applied when editing finishes.
void typeInto(QLineEdit* line, const QString& text) {
  line->setText(text);
  emit line->editingFinished();
}

}  // namespace

class TestInspectorSections : public QObject {
  Q_OBJECT

  test::Watchdog watchdog_;

 private slots:
  void init() { watchdog_.arm(QTest::currentTestFunction(), std::chrono::seconds(240)); }
  void cleanup() { watchdog_.disarm(); }

  void initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("HeadroomTests"));
    QCoreApplication::setApplicationName(QStringLiteral("test_inspector_sections"));
    QSettings().clear();
  }

  void callTimeoutsRetriesAndBreakers() {
    if (!QFileInfo::exists(example("retry-storm.json"))) QSKIP("scenarios/retry-storm.json is not in the source tree");
    MainWindow window(testOptions());
    window.resize(1600, 1000);
    window.show();
    QVERIFY(openAndWait(window, example("retry-storm.json")));
    window.selectKey(componentKey("api"));
    QUndoStack* undo = window.document()->undoStack();
    auto* picker = field<QComboBox>(window, "callPicker");
    QVERIFY(picker && picker->count() == 1 && picker->currentText() == QStringLiteral("call db"));

    auto* attempts = field<QSpinBox>(window, "retryAttempts");
    QCOMPARE(attempts->value(), 3);
    const int steps = undo->count();
    attempts->setValue(1);  // "max_attempts 1": the recovery the description suggests
    QVERIFY(!firstCall(window.document()->scenario(), "api").retry.has_value());
    QCOMPARE(undo->count(), steps + 1);
    undo->undo();
    QCOMPARE(firstCall(window.document()->scenario(), "api").retry->max_attempts, 3);

    auto* timeout = field<QDoubleSpinBox>(window, "callTimeout");
    QCOMPARE(timeout->value(), 300.0);
    timeout->setValue(800.0);
    QCOMPARE(firstCall(window.document()->scenario(), "api").timeout_s, 0.8);

    auto* breaker = field<QCheckBox>(window, "circuitBreaker");
    QVERIFY(!breaker->isChecked());
    breaker->setChecked(true);
    const Component* api = window.document()->scenario().findComponent("api");
    QCOMPARE(api->circuit_breakers.size(), std::size_t(1));
    QCOMPARE(api->circuit_breakers[0].target, std::string("db"));
    QVERIFY(window.document()->issues().empty());
    scrollTo(window, breaker);
    grab(window, QStringLiteral("calls-1600"));
    window.resize(1024, 700);
    scrollTo(window, breaker);
    grab(window, QStringLiteral("calls-1024"));
    checkFitsWidth(window);
    undo->undo();
    QVERIFY(window.document()->scenario().findComponent("api")->circuit_breakers.empty());
  }

  void autoscalerPolicy() {
    if (!QFileInfo::exists(example("cluster-autoscaler.json"))) QSKIP("scenarios/cluster-autoscaler.json is not in the source tree");
    MainWindow window(testOptions());
    window.resize(1600, 1000);
    window.show();
    QVERIFY(openAndWait(window, example("cluster-autoscaler.json")));
    window.selectKey(componentKey("api"));
    auto* kind = field<QComboBox>(window, "autoscalerKind");
    QCOMPARE(kind->currentText(), QStringLiteral("Kubernetes HPA"));
    auto* target = field<QDoubleSpinBox>(window, "hpaTarget");
    QVERIFY(target->isVisibleTo(window.inspector()));
    target->setValue(55.0);
    QCOMPARE(window.document()->scenario().findComponent("api")->autoscaling->metrics.front().target, 55.0);
    auto* down = field<QSpinBox>(window, "scaleDownWindow");
    down->setValue(120);
    QCOMPARE(window.document()->scenario().findComponent("api")->autoscaling->scale_down.stabilization_window_s.value_or(-1), 120);
    // A maximum below the minimum is refused beside the field, naming the rule.
    auto* max = field<QSpinBox>(window, "autoscalingMax");
    max->setValue(0);
    QVERIFY2(window.inspector()->fieldError(QStringLiteral("autoscaling.max_replicas")).contains(QStringLiteral("min_replicas")),
             qPrintable(window.inspector()->generalIssues()));
    scrollTo(window, max);
    grab(window, QStringLiteral("autoscaler-error-1600"));
    window.document()->undoStack()->undo();
    QVERIFY(window.inspector()->fieldError(QStringLiteral("autoscaling.max_replicas")).isEmpty());
    // Another policy kind starts from its defaults; undo brings the HPA back.
    kind->setCurrentIndex(kind->findText(QStringLiteral("KEDA (queue trigger)")));
    QCOMPARE(window.document()->scenario().findComponent("api")->autoscaling->kind, AutoscalingSpec::Kind::Keda);
    window.document()->undoStack()->undo();
    QCOMPARE(window.document()->scenario().findComponent("api")->autoscaling->kind, AutoscalingSpec::Kind::KubernetesHpa);
    scrollTo(window, target);
    grab(window, QStringLiteral("autoscaler-1600"));

    // The cluster and its node pools are on the scenario page.
    window.selectKey(QString());
    auto* cores = field<QDoubleSpinBox>(window, "nodeCores");
    QVERIFY(cores && cores->isVisibleTo(window.inspector()));
    const double before = window.document()->scenario().cluster->node_pools.front().cpu_cores;
    cores->setValue(before * 2);
    QCOMPARE(window.document()->scenario().cluster->node_pools.front().cpu_cores, before * 2);
    auto* maxNodes = field<QSpinBox>(window, "maxNodes");
    maxNodes->setValue(0);
    QVERIFY(!window.inspector()->fieldError(QStringLiteral("node_pools.max_nodes")).isEmpty());
    scrollTo(window, maxNodes);
    grab(window, QStringLiteral("cluster-1600"));
    window.resize(1024, 700);
    scrollTo(window, maxNodes);
    grab(window, QStringLiteral("cluster-1024"));
    checkFitsWidth(window);
  }

  void trafficCurveAndClassMix() {
    MainWindow window(testOptions());
    window.resize(1600, 1000);
    window.show();
    Scenario s = exampleScenario(0.5, 7 * 86400.0);
    s.sources.front().mix = {{"browse", 3.0}, {"buy", 1.0}};
    window.setScenario(s);
    window.selectKey(sourceKey("web"));
    auto* preview = field<QCustomPlot>(window, "trafficPreview");
    auto* kind = field<QComboBox>(window, "curveKind");
    auto peak = [&] {
      double top = 0;
      for (auto it = preview->graph(0)->data()->begin(); it != preview->graph(0)->data()->end(); ++it) top = std::max(top, it->value);
      return top;
    };
    const double flat = peak();
    kind->setCurrentIndex(kind->findText(QStringLiteral("compound growth")));
    QCOMPARE(window.document()->scenario().sources.front().rate.kind, RateCurve::Kind::Compound);
    field<QDoubleSpinBox>(window, "growthPercent")->setValue(50.0);
    QVERIFY2(peak() > flat * 1.05, "the preview follows the growth");  // a week at +50% per 30 days: about +10%
    field<QCheckBox>(window, "dailySeasonality")->setChecked(true);
    QVERIFY(window.document()->scenario().sources.front().rate.daily.enabled);
    // A spike: "+" adds one, its factor is editable, and the preview shows it.
    QToolButton* addSpike = nullptr;
    for (auto* b : window.inspector()->findChildren<QToolButton*>(QStringLiteral("add")))
      if (b->toolTip() == QStringLiteral("Add spike")) addSpike = b;
    QVERIFY(addSpike);
    const double beforeSpike = peak();
    addSpike->click();
    QCOMPARE(window.document()->scenario().sources.front().rate.spikes.size(), std::size_t(1));
    field<QDoubleSpinBox>(window, "spikeFactor")->setValue(5.0);
    QVERIFY(peak() > beforeSpike * 2);
    QVERIFY(window.document()->issues().empty());
    scrollTo(window, preview);
    grab(window, QStringLiteral("traffic-1600"));
    window.resize(1024, 700);
    scrollTo(window, preview);
    grab(window, QStringLiteral("traffic-1024"));
    checkFitsWidth(window);
    // The class mix: weights as shares.
    auto* weight = field<QDoubleSpinBox>(window, "classWeight");
    QCOMPARE(weight->value(), 3.0);
    weight->setValue(1.0);
    QCOMPARE(field<QLabel>(window, "classShares")->text(), QStringLiteral("browse 50.0% · buy 50.0%"));
    window.document()->undoStack()->undo();
    QCOMPARE(field<QLabel>(window, "classShares")->text(), QStringLiteral("browse 75.0% · buy 25.0%"));
    scrollTo(window, weight);
    grab(window, QStringLiteral("class-mix-1024"));
  }

  void cacheHitRatiosPerClass() {
    if (!QFileInfo::exists(example("flash-sale-stack.json"))) QSKIP("scenarios/flash-sale-stack.json is not in the source tree");
    MainWindow window(testOptions());
    QVERIFY(openExampleAndSelect(window, "flash-sale-stack.json", componentKey("cdn")));
    QUndoStack* undo = window.document()->undoStack();
    auto cdnRatios = [&] { return window.document()->scenario().findComponent("cdn")->cache->hit_ratio; };
    auto* picker = field<QComboBox>(window, "hitRatioPicker");
    QVERIFY(picker && picker->isVisibleTo(window.inspector()));
    QCOMPARE(picker->count(), 2);
    QCOMPARE(picker->itemText(0), QStringLiteral("browse: 0.200"));
    QCOMPARE(picker->itemText(1), QStringLiteral("static: 0.850"));
    // Edit the second entry's ratio: one undo step, undo restores it.
    picker->setCurrentIndex(1);
    auto* ratio = field<QDoubleSpinBox>(window, "cacheHitRatio");
    QCOMPARE(ratio->value(), 0.85);
    const int steps = undo->count();
    ratio->setValue(0.9);
    QCOMPARE(cdnRatios().at("static"), 0.9);
    QCOMPARE(cdnRatios().at("browse"), 0.2);
    QCOMPARE(undo->count(), steps + 1);
    undo->undo();
    QCOMPARE(cdnRatios().at("static"), 0.85);
    // "+" adds the first class without a ratio ("*" = every class); the class of an entry can be changed.
    pickerButton(picker, "add")->click();
    QCOMPARE(cdnRatios().size(), std::size_t(3));
    QVERIFY(cdnRatios().count("*"));
    QCOMPARE(picker->currentIndex(), 0);  // "*" sorts first
    auto* cls = field<QComboBox>(window, "hitRatioClass");
    cls->setCurrentIndex(cls->findData(QStringLiteral("account")));
    QVERIFY(cdnRatios().count("account") && !cdnRatios().count("*"));
    QVERIFY(window.document()->issues().empty());
    grabBothSizes(window, ratio, QStringLiteral("parts-ratios"));
    undo->undo();
    undo->undo();
    QCOMPARE(cdnRatios().size(), std::size_t(2));
    // A class that already has a ratio is refused beside the field; the scenario and the undo stack are unchanged.
    picker->setCurrentIndex(1);
    const std::string before = scenarioText(window);
    const int stepsBefore = undo->count();
    cls->setCurrentIndex(cls->findData(QStringLiteral("browse")));
    QVERIFY2(window.inspector()->fieldError(QStringLiteral("cache.hit_ratio.class")).contains(QStringLiteral("already has a hit ratio")),
             qPrintable(window.inspector()->fieldError(QStringLiteral("cache.hit_ratio.class"))));
    QCOMPARE(scenarioText(window), before);
    QCOMPARE(undo->count(), stepsBefore);
    QCOMPARE(cls->currentData().toString(), QStringLiteral("static"));  // the field shows the kept value again
    scrollTo(window, cls);
    grab(window, QStringLiteral("parts-ratios-refused-1024"));
    // Removing every ratio leaves a cache with neither ratios nor keys: the rule shows beside the list.
    pickerButton(picker, "remove")->click();
    pickerButton(picker, "remove")->click();
    QVERIFY(cdnRatios().empty());
    QVERIFY2(window.inspector()->fieldError(QStringLiteral("cache")).contains(QStringLiteral("hit_ratio")),
             qPrintable(window.inspector()->generalIssues()));
    undo->undo();
    undo->undo();
    QCOMPARE(cdnRatios().size(), std::size_t(2));
    QVERIFY(window.inspector()->fieldError(QStringLiteral("cache")).isEmpty());
  }

  void weeklySeasonality() {
    MainWindow window(testOptions());
    window.resize(1600, 1000);
    window.show();
    window.setScenario(exampleScenario(0.5, 14 * 86400.0));
    window.selectKey(sourceKey("web"));
    QUndoStack* undo = window.document()->undoStack();
    auto weekly = [&] { return window.document()->scenario().sources.front().rate.weekly; };
    auto* preview = field<QCustomPlot>(window, "trafficPreview");
    auto lowest = [&] {
      double low = 1e300;
      for (auto it = preview->graph(0)->data()->begin(); it != preview->graph(0)->data()->end(); ++it) low = std::min(low, it->value);
      return low;
    };
    const double flat = lowest();
    auto* check = field<QCheckBox>(window, "weeklySeasonality");
    QVERIFY(!check->isChecked());
    QVERIFY(!field<QDoubleSpinBox>(window, "weekdayFactor0")->isVisibleTo(window.inspector()));
    check->setChecked(true);
    QVERIFY(weekly().enabled);
    QCOMPARE(weekly().daily_factors, (std::vector<double>{1, 1, 1, 1, 1, 0.6, 0.6}));
    QVERIFY2(lowest() < flat * 0.7, "the preview shows the weekend dip");
    auto* wednesday = field<QDoubleSpinBox>(window, "weekdayFactor2");
    QVERIFY(wednesday->isVisibleTo(window.inspector()));
    wednesday->setValue(1.5);
    QCOMPARE(weekly().daily_factors[2], 1.5);
    undo->undo();
    QCOMPARE(weekly().daily_factors[2], 1.0);
    auto* start = field<QComboBox>(window, "startWeekday");
    start->setCurrentIndex(start->findData(5));
    QCOMPARE(window.document()->scenario().sources.front().rate.start_weekday, 5);
    QVERIFY(window.document()->issues().empty());
    grabBothSizes(window, wednesday, QStringLiteral("traffic-weekly"));
    scrollTo(window, preview);
    grab(window, QStringLiteral("traffic-weekly-preview-1024"));
    // Every day at zero: no request would arrive. The rule shows beside the switch and Run is refused.
    for (int d = 0; d < 7; ++d) field<QDoubleSpinBox>(window, qPrintable(QStringLiteral("weekdayFactor%1").arg(d)))->setValue(0.0);
    QVERIFY2(window.inspector()->fieldError(QStringLiteral("rate.weekly")).contains(QStringLiteral("all factors are zero")),
             qPrintable(window.inspector()->generalIssues()));
    QVERIFY(!window.document()->issues().empty());
    undo->undo();  // Sunday back to 0.6
    QVERIFY(window.inspector()->fieldError(QStringLiteral("rate.weekly")).isEmpty());
    QCOMPARE(weekly().daily_factors[6], 0.6);
    // Undo all the way back to no weekly seasonality.
    while (weekly().enabled && undo->canUndo()) undo->undo();
    QVERIFY(!weekly().enabled);
  }

  void hpaExtraMetrics() {
    if (!QFileInfo::exists(example("cluster-autoscaler.json"))) QSKIP("scenarios/cluster-autoscaler.json is not in the source tree");
    MainWindow window(testOptions());
    QVERIFY(openExampleAndSelect(window, "cluster-autoscaler.json", componentKey("api")));
    QUndoStack* undo = window.document()->undoStack();
    auto metrics = [&] { return window.document()->scenario().findComponent("api")->autoscaling->metrics; };
    auto* picker = field<QComboBox>(window, "hpaMetricPicker");
    QVERIFY(picker && picker->isVisibleTo(window.inspector()));
    QCOMPARE(picker->count(), 1);
    pickerButton(picker, "add")->click();
    QCOMPARE(metrics().size(), std::size_t(2));
    QCOMPARE(metrics()[1].type, HpaMetricTarget::Type::MemoryUtilization);  // the first kind not used yet
    QCOMPARE(picker->currentIndex(), 1);
    // The rows edit the picked metric only.
    auto* type = field<QComboBox>(window, "hpaMetric");
    type->setCurrentIndex(type->findData(int(HpaMetricTarget::Type::RequestsPerSecondPerReplica)));
    auto* target = field<QDoubleSpinBox>(window, "hpaTarget");
    QCOMPARE(target->suffix(), QStringLiteral(" req/s"));
    target->setValue(40.0);
    QCOMPARE(metrics()[1].type, HpaMetricTarget::Type::RequestsPerSecondPerReplica);
    QCOMPARE(metrics()[1].target, 40.0);
    QCOMPARE(metrics()[0].target, 60.0);
    QVERIFY(window.document()->issues().empty());
    grabBothSizes(window, target, QStringLiteral("hpa-metrics"));
    // A zero target is flagged beside the target of that metric, and undo clears it.
    target->setValue(0.0);
    QVERIFY2(window.inspector()->fieldError(QStringLiteral("autoscaling.metric.target")).contains(QStringLiteral("must be > 0")),
             qPrintable(window.inspector()->generalIssues()));
    undo->undo();
    QVERIFY(window.inspector()->fieldError(QStringLiteral("autoscaling.metric.target")).isEmpty());
    QCOMPARE(metrics()[1].target, 40.0);
    // Removing every metric: "needs at least one metric" beside the list.
    pickerButton(picker, "remove")->click();
    pickerButton(picker, "remove")->click();
    QVERIFY(metrics().empty());
    QVERIFY2(window.inspector()->fieldError(QStringLiteral("autoscaling.metrics")).contains(QStringLiteral("at least one metric")),
             qPrintable(window.inspector()->generalIssues()));
    while (metrics().size() < 1 && undo->canUndo()) undo->undo();
    while (metrics().size() == 2 && undo->canUndo()) undo->undo();
    QCOMPARE(metrics().size(), std::size_t(1));
    QCOMPARE(metrics()[0].target, 60.0);
  }

  void awsStepScalingPolicy() {
    if (!QFileInfo::exists(example("serverless-vs-containers-high-containers.json")))
      QSKIP("scenarios/serverless-vs-containers-high-containers.json is not in the source tree");
    MainWindow window(testOptions());
    QVERIFY(openExampleAndSelect(window, "serverless-vs-containers-high-containers.json", componentKey("api")));
    QUndoStack* undo = window.document()->undoStack();
    auto policies = [&] { return window.document()->scenario().findComponent("api")->autoscaling->aws_policies; };
    auto* picker = field<QComboBox>(window, "awsPolicyPicker");
    QVERIFY(picker && picker->isVisibleTo(window.inspector()));
    QCOMPARE(picker->count(), 1);
    QCOMPARE(field<QDoubleSpinBox>(window, "awsTarget")->value(), 70.0);
    // A second policy, made a step scaling policy: an alarm on CPU > 70% and two steps.
    pickerButton(picker, "add")->click();
    QCOMPARE(policies().size(), std::size_t(2));
    auto* type = field<QComboBox>(window, "awsPolicyType");
    type->setCurrentIndex(type->findData(int(AwsPolicySpec::Type::Step)));
    QCOMPARE(policies()[1].type, AwsPolicySpec::Type::Step);
    QCOMPARE(policies()[1].threshold, 70.0);
    QCOMPARE(policies()[1].steps.size(), std::size_t(2));
    QCOMPARE(policies()[0].type, AwsPolicySpec::Type::TargetTracking);  // the first policy is untouched
    auto* threshold = field<QDoubleSpinBox>(window, "awsThreshold");
    QVERIFY(threshold->isVisibleTo(window.inspector()));
    grabBothSizes(window, picker, QStringLiteral("aws-policies"));  // the list, the type and the alarm
    window.resize(1600, 1000);
    threshold->setValue(80.0);
    QCOMPARE(policies()[1].threshold, 80.0);
    undo->undo();
    QCOMPARE(policies()[1].threshold, 70.0);
    auto* steps = field<QComboBox>(window, "awsStepPicker");
    QCOMPARE(steps->count(), 2);
    QCOMPARE(steps->itemText(0), QStringLiteral("[0, 20) → +1"));
    QCOMPARE(steps->itemText(1), QStringLiteral("[20, +∞) → +3"));
    // "+" continues the last step: it closes at 30 and the new one takes over from there.
    pickerButton(steps, "add")->click();
    QCOMPARE(policies()[1].steps.size(), std::size_t(3));
    QCOMPARE(policies()[1].steps[1].upper_bound.value_or(-1), 30.0);
    QCOMPARE(policies()[1].steps[2].lower_bound.value_or(-1), 30.0);
    QVERIFY(!policies()[1].steps[2].upper_bound.has_value());
    auto* adjust = field<QSpinBox>(window, "awsStepAdjustment");
    adjust->setValue(6);
    QCOMPARE(policies()[1].steps[2].adjustment, 6);
    QVERIFY(window.document()->issues().empty());
    grabBothSizes(window, adjust, QStringLiteral("aws-steps"));
    // Overlapping steps: the rule shows beside the picked step's upper bound; undo clears it.
    steps->setCurrentIndex(0);
    auto* upper = field<QDoubleSpinBox>(window, "awsStepUpper");
    QVERIFY(upper->isVisibleTo(window.inspector()));
    upper->setValue(25.0);
    QCOMPARE(policies()[1].steps[0].upper_bound.value_or(-1), 25.0);
    QVERIFY2(window.inspector()->fieldError(QStringLiteral("policy.step.upper_bound")).contains(QStringLiteral("overlap")),
             qPrintable(window.inspector()->generalIssues()));
    scrollTo(window, upper);
    grab(window, QStringLiteral("aws-steps-error-1024"));
    undo->undo();
    QVERIFY(window.inspector()->fieldError(QStringLiteral("policy.step.upper_bound")).isEmpty());
    // More datapoints than evaluation periods is refused by the alarm rule, beside the field.
    field<QSpinBox>(window, "awsDatapoints")->setValue(3);
    QVERIFY2(window.inspector()->fieldError(QStringLiteral("policy.datapoints_to_alarm")).contains(QStringLiteral("evaluation_periods")),
             qPrintable(window.inspector()->generalIssues()));
    field<QSpinBox>(window, "awsEvaluationPeriods")->setValue(3);
    QVERIFY(window.inspector()->fieldError(QStringLiteral("policy.datapoints_to_alarm")).isEmpty());
    // An open lower bound: the step reaches down without limit.
    field<QCheckBox>(window, "awsStepLowerUnbounded")->setChecked(true);
    QVERIFY(!policies()[1].steps[0].lower_bound.has_value());
    QVERIFY(!field<QDoubleSpinBox>(window, "awsStepLower")->isVisibleTo(window.inspector()));
    QVERIFY(window.document()->issues().empty());
    // Removing the step policy restores the file's one policy; undo brings it back with its steps.
    pickerButton(picker, "remove")->click();
    QCOMPARE(policies().size(), std::size_t(1));
    undo->undo();
    QCOMPARE(policies().size(), std::size_t(2));
    QCOMPARE(policies()[1].steps.size(), std::size_t(3));
  }

  void renamingAClassRenamesEveryReference() {
    if (!QFileInfo::exists(example("flash-sale-stack.json"))) QSKIP("scenarios/flash-sale-stack.json is not in the source tree");
    MainWindow window(testOptions());
    QVERIFY(openExampleAndSelect(window, "flash-sale-stack.json", sourceKey("shoppers")));
    window.resize(1024, 700);
    QUndoStack* undo = window.document()->undoStack();
    auto* picker = field<QComboBox>(window, "classPicker");
    picker->setCurrentIndex(picker->findText(QStringLiteral("browse")));
    auto* name = field<QLineEdit>(window, "className");
    QCOMPARE(name->text(), QStringLiteral("browse"));
    const std::string before = scenarioText(window);
    const int steps = undo->count();
    typeInto(name, QStringLiteral("catalog"));
    QCOMPARE(undo->count(), steps + 1);  // one command for every reference
    QCOMPARE(undo->undoText(), QStringLiteral("shoppers: Rename class to catalog"));
    const Scenario& s = window.document()->scenario();
    QVERIFY(std::find(s.request_classes.begin(), s.request_classes.end(), "catalog") != s.request_classes.end());
    QVERIFY(s.findComponent("api")->behaviour.count("catalog") && !s.findComponent("api")->behaviour.count("browse"));
    const CacheSpec& cdn = *s.findComponent("cdn")->cache;
    QCOMPARE(cdn.hit_ratio.at("catalog"), 0.2);
    QCOMPARE(cdn.response_bytes.at("catalog"), 60000.0);
    QVERIFY(std::find(cdn.classes.begin(), cdn.classes.end(), "catalog") != cdn.classes.end());
    QVERIFY(window.document()->issues().empty());
    QVERIFY(scenarioText(window).find("\"browse\"") == std::string::npos);
    QVERIFY(field<QLabel>(window, "classShares")->text().contains(QStringLiteral("catalog 35.0%")));
    scrollTo(window, name);
    grab(window, QStringLiteral("class-rename-1024"));
    undo->undo();
    QCOMPARE(scenarioText(window), before);
    // A name that is already a class is refused beside the field: nothing changes, no undo step.
    picker->setCurrentIndex(picker->findText(QStringLiteral("browse")));
    const int commands = undo->count();  // the undone rename is still there to redo
    typeInto(name, QStringLiteral("checkout"));
    QVERIFY2(window.inspector()->fieldError(QStringLiteral("mix.name")).contains(QStringLiteral("already exists")),
             qPrintable(window.inspector()->fieldError(QStringLiteral("mix.name"))));
    QCOMPARE(scenarioText(window), before);
    QCOMPARE(undo->count(), commands);
    QVERIFY(undo->canRedo());
    QCOMPARE(name->text(), QStringLiteral("browse"));
    scrollTo(window, name);
    grab(window, QStringLiteral("class-rename-refused-1024"));
    window.resize(1600, 1000);
    scrollTo(window, name);
    grab(window, QStringLiteral("class-rename-refused-1600"));
    checkFitsWidth(window);
  }

  void faultTimelineAndRegions() {
    MainWindow window(testOptions());
    window.resize(1600, 1000);
    window.show();
    window.setScenario(exampleScenario(0.5, 600.0));
    window.selectKey(QString());
    auto* timeline = window.inspector()->findChild<QWidget*>(QStringLiteral("faultTimeline"));
    QVERIFY(timeline);
    timeline->findChild<QToolButton*>(QStringLiteral("add"))->click();
    QCOMPARE(window.document()->scenario().faults.size(), std::size_t(1));
    auto* at = timeline->findChild<QDoubleSpinBox*>(QStringLiteral("faultAt"));
    at->setValue(900.0);  // after the 600 s horizon
    QVERIFY2(window.inspector()->fieldError(QStringLiteral("at")).contains(QStringLiteral("horizon")),
             qPrintable(window.inspector()->generalIssues()));
    scrollTo(window, at);
    grab(window, QStringLiteral("faults-error-1600"));
    at->setValue(120.0);
    QVERIFY(window.inspector()->fieldError(QStringLiteral("at")).isEmpty());
    auto* kind = timeline->findChild<QComboBox*>(QStringLiteral("faultKind"));
    kind->setCurrentIndex(kind->findText(QStringLiteral("kill_replicas")));
    QCOMPARE(window.document()->scenario().faults.front().kind, FaultSpec::Kind::KillReplicas);
    QVERIFY(!timeline->findChild<QDoubleSpinBox*>(QStringLiteral("faultDuration"))->isVisibleTo(window.inspector()));
    // The component page lists the faults aimed at it.
    const std::string target = window.document()->scenario().faults.front().component;
    window.selectKey(componentKey(target));
    auto* componentFaults = window.inspector()->findChild<QWidget*>(QStringLiteral("componentFaults"));
    QVERIFY(componentFaults && componentFaults->isVisibleTo(window.inspector()));
    QCOMPARE(componentFaults->findChild<QComboBox*>()->count(), 1);
    // Regions: two of them, a latency between them, a component placed in one.
    window.selectKey(QString());
    auto* regions = window.inspector()->findChild<QWidget*>(QStringLiteral("regionsSection"));
    regions->findChild<QToolButton*>(QStringLiteral("add"))->click();
    regions->findChild<QToolButton*>(QStringLiteral("add"))->click();
    QCOMPARE(window.document()->scenario().regions.size(), std::size_t(2));
    regions->findChild<QDoubleSpinBox*>(QStringLiteral("regionLatency"))->setValue(80.0);
    QVERIFY(window.document()->issues().empty());
    scrollTo(window, regions);
    grab(window, QStringLiteral("regions-1600"));
    window.resize(1024, 700);
    scrollTo(window, timeline);
    grab(window, QStringLiteral("faults-1024"));
    window.document()->undoStack()->undo();  // the latency
    window.document()->undoStack()->undo();  // the second region
    QCOMPARE(window.document()->scenario().regions.size(), std::size_t(1));
  }

  void aLinkThatCarriesNoTrafficIsFlagged() {
    MainWindow window(testOptions());
    window.resize(1600, 1000);
    window.show();
    Scenario s = exampleScenario(0.5, 600.0);
    s.sources.front().mix = {{"browse", 1.0}};
    Component& api = s.components.front();
    api.behaviour["browse"] = api.behaviour.at(kAnyClass);  // every class has its own behaviour now
    window.setScenario(s);
    // A call added to "all classes" on the canvas cannot be taken by any request.
    window.document()->applyScenarioEdit(QStringLiteral("link"), [](Scenario& sc) { addLink(sc, "api", "payments", LinkKind::Send); });
    QVERIFY(!window.document()->warnings().empty());
    bool flagged = false;
    for (QGraphicsItem* item : window.scene()->items())
      if (auto* edge = dynamic_cast<EdgeItem*>(item); edge && edge->isDead()) {
        flagged = true;
        QVERIFY(edge->label().contains(QStringLiteral("no traffic")));
        QVERIFY(edge->toolTip().contains(QStringLiteral("never runs")));
      }
    QVERIFY(flagged);
    window.selectKey(componentKey("api"));
    auto* warning = field<QLabel>(window, "componentWarnings");
    QVERIFY(warning->isVisibleTo(window.inspector()));
    QVERIFY(warning->text().contains(QStringLiteral("can carry no traffic")));
    QVERIFY(window.document()->issues().empty());  // a warning never blocks a run
    scrollTo(window, warning);
    grab(window, QStringLiteral("dead-link-1600"));
  }

  void comparisonWithAResultFileAndAStoredRun() {
    // The baseline: the same scenario run by the plain library (as `headroom-cli run --json` does) with
    // the database at 50%, saved as a result file and in a project.
    Scenario base = exampleScenario(0.5, 300.0);
    base.simulation.replications = 2;
    const RunResult baseline = runSimulation(base, RunOptions{});
    QTemporaryDir dir;
    const std::string resultPath = dir.filePath(QStringLiteral("before.json")).toStdString();
    std::ofstream(resultPath) << runResultToJson(baseline).dump();
    const std::string projectPath = dir.filePath(QStringLiteral("shop.hdrm")).toStdString();
    {
      Project project = Project::create(projectPath);
      project.saveScenario("shop", scenarioToJson(base).dump());
      RunRecord record;
      record.scenario_name = "shop";
      record.seed = base.simulation.seed;
      record.result_json = runResultToJson(baseline).dump();
      project.saveRun(record);
    }
    // A file that is not a result is refused with its name.
    const std::string bogus = dir.filePath(QStringLiteral("bogus.json")).toStdString();
    std::ofstream(bogus) << R"({"components": []})";
    QVERIFY_THROWS_EXCEPTION(std::runtime_error, loadResultFileBaseline(bogus));

    MainWindow window(testOptions());
    window.resize(1600, 1000);
    window.show();
    Scenario now = exampleScenario(0.85, 300.0);
    now.simulation.replications = 2;
    window.setScenario(now);
    window.setComparisonBaseline(loadResultFileBaseline(resultPath));
    QVERIFY(runAndWait(window));
    ComparisonTable* table = window.comparisonTable();
    QVERIFY(table->rowCount() > 0);
    QCOMPARE(table->horizontalHeaderItem(2)->text(), QStringLiteral("result before.json"));
    QVERIFY(window.chartPanel()->findChild<QLabel*>() != nullptr);
    QCOMPARE(window.chartPanel()->baselineLabel(), QStringLiteral("result before.json"));
    // A second run still compares with the chosen baseline, not with the run before it.
    QVERIFY(runAndWait(window));
    QCOMPARE(table->horizontalHeaderItem(2)->text(), QStringLiteral("result before.json"));
    window.findChild<QDockWidget*>(QStringLiteral("comparisonDock"))->raise();
    grab(window, QStringLiteral("comparison-file-1600"));
    window.resize(1024, 700);
    grab(window, QStringLiteral("comparison-file-1024"));

    // A stored run from a project file.
    const auto runs = listStoredRuns(projectPath);
    QCOMPARE(runs.size(), std::size_t(1));
    window.setComparisonBaseline(loadStoredRunBaseline(projectPath, runs.front().id));
    QCOMPARE(table->horizontalHeaderItem(2)->text(), QStringLiteral("shop.hdrm run #%1 (shop v1)").arg(runs.front().id));
    QVERIFY(table->rowCount() > 0);
    window.resize(1600, 1000);
    grab(window, QStringLiteral("comparison-project-1600"));
    // Back to the previous run.
    window.clearComparisonBaseline();
    QCOMPARE(table->rowCount(), 0);
    QVERIFY(!window.comparisonBaselineLabel().has_value());
  }
};

QTEST_MAIN(TestInspectorSections)
#include "test_inspector_sections.moc"
