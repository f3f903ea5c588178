// The planning views driven offscreen on built-in scenarios: a plan with its runway table, markers and
// explanation; a priced run with its stacked cost and price book; a sweep run locally; the cost-vs-p99
// trade-off with the chosen configuration applied as a new version; the report preview; and screenshots of
// each at 1600x1000 and 1024x700 (build/<preset>/tests/ui/planning-*.png).
#include <QtTest>

#include <QDockWidget>
#include <QTabWidget>
#include <QTableWidget>

#include <qcustomplot.h>

#include "model/scenario_json.h"
#include "ui/main_window.h"
#include "ui/planning/background_job.h"
#include "ui/planning/cost_view.h"
#include "ui/planning/optimizer_view.h"
#include "ui/planning/plan_view.h"
#include "ui/planning/price_book_table.h"
#include "ui/planning/report_preview.h"
#include "ui/planning/sweep_view.h"
#include "ui/scenario_document.h"
#include "simulator/simulation.h"
#include "window_test_options.h"

using namespace headroom;
using namespace headroom::planning_views;

namespace {

Scenario example(const char* name) { return loadScenarioFile(std::string(HEADROOM_SOURCE_DIR "/scenarios/") + name); }

// A three-tier priced scenario: the viral-campaign stack with instance types, so the bill has several lines.
Scenario pricedStack() {
  nlohmann::json j = scenarioToJson(example("plan-viral-campaign.json"));
  for (auto& c : j["components"]) {
    const std::string type = c.value("type", "service");
    if (type == "service" || type == "cache") c["pricing"] = {{"instance_type", type == "cache" ? "r6g.large" : "m6i.large"}};
  }
  j["simulation"]["horizon_s"] = 1800;
  j["simulation"]["replications"] = 2;
  return scenarioFromJson(j, "priced stack");
}

void shoot(QWidget& w, const QString& name) {
  for (QSize size : {QSize(1600, 1000), QSize(1024, 700)}) {
    w.resize(size);
    w.show();
    QTest::qWait(60);
    QCoreApplication::processEvents();
    for (QCustomPlot* p : w.findChildren<QCustomPlot*>()) p->replot();
    const QString path = QCoreApplication::applicationDirPath() + QStringLiteral("/planning-%1-%2x%3.png").arg(name).arg(size.width()).arg(size.height());
    QVERIFY(w.grab().save(path));
    qInfo("screenshot: %s", qPrintable(path));
  }
}

bool finished(BackgroundJob* job) {
  job->wait();
  return !job->isBusy();
}

}  // namespace

class TestPlanningViews : public QObject {
  Q_OBJECT

 private slots:
  void planShowsRunwaysMarkersAndWhy() {
    const Scenario s = example("plan-viral-campaign.json");
    PlanView view([s] { return s; });
    view.setMonths(2);
    QSignalSpy done(&view, &PlanView::planFinished);
    view.runPlan();
    QVERIFY(view.job()->isBusy());  // on the worker: the GUI thread is free meanwhile
    QVERIFY(finished(view.job()));
    QCOMPARE(done.count(), 1);
    QVERIFY2(view.errorText().isEmpty(), qPrintable(view.errorText()));
    QVERIFY(view.result().has_value());
    const planning::PlanResult& r = *view.result();
    QCOMPARE(view.runwayTable()->rowCount(), static_cast<int>(r.runways.size()));
    // Most urgent first, as the library orders them; the first row is selected and explained.
    QCOMPARE(view.runwayTable()->item(0, 0)->text(), QString::fromStdString(r.runways.front().component));
    QVERIFY2(view.explanationText().contains(QString::fromStdString(r.runways.front().component)), qPrintable(view.explanationText()));
    QCOMPARE(view.alertTable()->rowCount(), static_cast<int>(r.alerts.size()));
    // Four panels, and a runway marker per breaking component in each.
    QCOMPARE(view.timeline()->axisRectCount(), 4);
    const auto breaking = std::count_if(r.runways.begin(), r.runways.end(), [](const planning::Runway& w) { return w.breaks; });
    int markers = 0;
    for (int i = 0; i < view.timeline()->itemCount(); ++i)
      if (auto* line = qobject_cast<QCPItemStraightLine*>(view.timeline()->item(i)); line && line->point1->coords().x() > 0) ++markers;
    QCOMPARE(markers, static_cast<int>(breaking) * 4);
    // Clicking another component explains it.
    if (r.runways.size() > 1) {
      view.runwayTable()->setCurrentCell(1, 0);
      QVERIFY(view.explanationText().contains(QString::fromStdString(r.runways[1].component)));
    }
    shoot(view, QStringLiteral("plan"));
  }

  // The band typed as `plan --growth-band` takes: the plan runs on the three paths, the traffic panel fills
  // P10-P90 and each runway shows its P10 and P90 dates; a band that does not parse is refused before running.
  void planWithGrowthBandShowsItsPaths() {
    const Scenario s = example("plan-viral-campaign.json");
    PlanView view([s] { return s; });
    view.setMonths(2);
    view.setGrowthBand(QStringLiteral("4,x,12"));
    view.runPlan();
    QVERIFY(!view.job()->isBusy());
    QVERIFY2(view.errorText().contains(QStringLiteral("'x' is not a number")), qPrintable(view.errorText()));
    QVERIFY(!view.result().has_value());

    view.setGrowthBand(QStringLiteral("5, 10, 20"));
    view.runPlan();
    QVERIFY(finished(view.job()));
    QVERIFY2(view.errorText().isEmpty(), qPrintable(view.errorText()));
    QVERIFY(view.result() && view.result()->band);
    const planning::PlanBand& b = *view.result()->band;
    QCOMPARE(b.growth.p10_percent_per_month, 5.0);
    QCOMPARE(b.growth.p90_percent_per_month, 20.0);
    QCOMPARE(b.runways.size(), view.result()->runways.size());
    QVERIFY(view.runwayTable()->item(0, 1)->text().contains(QStringLiteral("P10 ")));
    bool filled = false;
    for (int i = 0; i < view.timeline()->graphCount(); ++i)
      filled = filled || (view.timeline()->graph(i)->name() == QStringLiteral("P90 traffic") && view.timeline()->graph(i)->channelFillGraph());
    QVERIFY(filled);
    shoot(view, QStringLiteral("plan-band"));
  }

  void planRefusesWithTheReason() {
    const Scenario s = example("analysts-closed.json");  // a closed population: outside the planner's model
    PlanView view([s] { return s; });
    view.setMonths(1);
    view.runPlan();
    QVERIFY(finished(view.job()));
    QVERIFY(!view.result().has_value());
    QVERIFY2(view.errorText().contains(QStringLiteral("closed"), Qt::CaseInsensitive), qPrintable(view.errorText()));
  }

  void planCancels() {
    const Scenario s = example("plan-bytebridge.json");
    PlanView view([s] { return s; });
    view.setMonths(24);
    view.runPlan();
    view.cancel();
    QVERIFY(finished(view.job()));
    QVERIFY(view.result().has_value());
    QVERIFY(view.result()->cancelled);
  }

  void costStacksLinesAndShowsPriceBook() {
    const Scenario s = pricedStack();
    CostView view([s] { return s; });
    view.setReplications(2);
    view.runCost();
    QVERIFY(finished(view.job()));
    QVERIFY2(view.errorText().isEmpty(), qPrintable(view.errorText()));
    QVERIFY(view.result().has_value());
    const cost::ScenarioCost& c = *view.result();
    QVERIFY(c.lines.size() >= 2);
    QCOMPARE(view.linesTable()->rowCount(), static_cast<int>(c.lines.size()));
    QVERIFY(view.summaryText().contains(QStringLiteral("per month")));
    QVERIFY(view.summaryText().contains(QStringLiteral("per 1,000 requests")));
    // The stacked chart: one graph per line, each above the previous one.
    QCOMPARE(view.chart()->graphCount(), static_cast<int>(view.timeline().series.size()));
    QVERIFY(view.chart()->graphCount() >= 2);
    // The price book lists the catalog with dates and sources; a date 200 days old is flagged stale.
    PriceBookTable* book = view.priceBook();
    QVERIFY(book->table()->rowCount() > 10);
    book->setToday("2027-06-01");
    QVERIFY(book->staleCount() > 0);
    book->setToday("2026-12-01");
    QCOMPARE(book->staleCount(), 0);
    shoot(view, QStringLiteral("cost"));
  }

  void priceEditChangesTheNextBill() {
    const Scenario s = example("serverless-vs-containers-low-containers.json");
    CostView view([s] { return s; });
    view.setReplications(1);
    view.runCost();
    QVERIFY(finished(view.job()));
    QVERIFY(view.result().has_value());
    const double before = view.result()->total_usd.mean;
    // Double m6i.large's on-demand price through the table, as a user would edit the cell.
    QTableWidget* t = view.priceBook()->table();
    int row = -1;
    for (int r = 0; r < t->rowCount(); ++r)
      if (t->item(r, 1)->text() == QLatin1String("ec2") && t->item(r, 3)->text() == QLatin1String("m6i.large") &&
          t->item(r, 4)->text() == QLatin1String("on-demand") && t->item(r, 2)->text() == QLatin1String("us-east-1"))
        row = r;
    QVERIFY(row >= 0);
    const double price = t->item(row, 6)->text().toDouble();
    t->item(row, 6)->setText(QString::number(price * 2));
    QCoreApplication::processEvents();
    QCOMPARE(view.priceBook()->book().prices.entries().size(), std::size_t(1));
    view.runCost();
    QVERIFY(finished(view.job()));
    QVERIFY2(std::abs(view.result()->total_usd.mean / before - 2.0) < 1e-6,
             qPrintable(QStringLiteral("%1 -> %2").arg(before).arg(view.result()->total_usd.mean)));
  }

  void costWithoutPricingSaysWhy() {
    const Scenario s = example("mm1.json");
    CostView view([s] { return s; });
    view.runCost();
    QVERIFY(!view.job()->isBusy());
    QVERIFY(view.errorText().contains(QStringLiteral("pricing")));
  }

  void sweepRunsLocallyAndOptimizerChooses() {
    Scenario s = example("serverless-vs-containers-high-containers.json");
    s.simulation.horizon_s = 900;
    SweepView sweeps([&s] { return s; });
    QVERIFY(sweeps.fieldBox()->findText(QStringLiteral("/components/api/workers_per_replica")) >= 0);
    QVERIFY(!sweeps.addVariable(QStringLiteral("/components/api/replicas"), QStringLiteral("two")));
    QVERIFY(sweeps.statusText().contains(QStringLiteral("not a number")));
    QVERIFY(sweeps.addVariable(QStringLiteral("/components/api/autoscaling/min_replicas"), QStringLiteral("2..6 step 2")));
    QVERIFY(sweeps.addVariable(QStringLiteral("/components/api/workers_per_replica"), QStringLiteral("1, 2")));
    sweeps.setKpis({QStringLiteral("end_to_end.response_p99_s"), QStringLiteral("api.utilization")});
    sweeps.setReplications(2);
    sweeps.runLocally();
    QVERIFY(finished(sweeps.job()));
    QVERIFY2(sweeps.result().has_value(), qPrintable(sweeps.statusText()));
    QCOMPARE(sweeps.result()->points.size(), std::size_t(6));
    QVERIFY(sweeps.result()->complete);
    QCOMPARE(sweeps.resultsTable()->rowCount(), 6);
    QCOMPARE(sweeps.resultsTable()->columnCount(), 4);
    QCOMPARE(sweeps.chart()->graphCount(), 2);  // one line per workers value
    shoot(sweeps, QStringLiteral("sweeps"));

    PriceBookTable prices;
    Scenario applied;
    QString appliedWhat;
    OptimizerView optimizer(&sweeps, &prices, [&](const Scenario& a, const QString& what) { applied = a; appliedWhat = what; });
    optimizer.setP99ObjectiveMs(10000);  // between the 1-worker (~16 s) and 2-worker (~8 s) p99s of this overloaded stack
    optimizer.evaluate();
    QVERIFY(finished(optimizer.job()));
    QVERIFY2(optimizer.result().has_value(), qPrintable(optimizer.statusText()));
    const Tradeoff& t = *optimizer.result();
    QCOMPARE(t.points.size(), std::size_t(6));
    QVERIFY(std::any_of(t.points.begin(), t.points.end(), [](const TradeoffPoint& p) { return p.pareto; }));
    QVERIFY2(t.chosen.has_value(), qPrintable(optimizer.statusText()));
    // The chosen point meets the objective and nothing cheaper does.
    const TradeoffPoint& c = t.points[*t.chosen];
    QVERIFY(c.p99_s.mean <= 10.0);
    for (const TradeoffPoint& p : t.points)
      if (p.p99_s.mean <= 10.0) QVERIFY(p.usd_per_month.mean >= c.usd_per_month.mean);
    QVERIFY(optimizer.statusText().startsWith(QStringLiteral("Chosen")));
    qInfo("optimizer: %s", qPrintable(optimizer.statusText()));
    optimizer.table()->selectRow(0);
    optimizer.applySelected();
    QCOMPARE(appliedWhat, QString::fromStdString(t.points[0].label));
    QVERIFY(applied.components.front().autoscaling.has_value());
    shoot(optimizer, QStringLiteral("optimizer"));
  }

  void reportPreviewRendersPageOne() {
    Scenario s = example("mm1.json");
    s.simulation.horizon_s = 3000;
    RunOptions options;
    options.replications = 2;
    const RunResult run = runSimulation(s, options);
    ReportPreviewDialog dialog(s, run, QString());
    QVERIFY(!dialog.pageImage().isNull());
    QVERIFY(dialog.pageCount() >= 2);
    // Page 1 has ink: the title and the verdict, not a blank page (count non-white pixels).
    const QImage img = dialog.pageImage().scaled(200, 283);
    int ink = 0;
    for (int y = 0; y < img.height(); ++y)
      for (int x = 0; x < img.width(); ++x) ink += qGray(img.pixel(x, y)) < 200;
    QVERIFY2(ink > 500, qPrintable(QString::number(ink)));
    QVERIFY(dialog.pageImage().save(QCoreApplication::applicationDirPath() + QStringLiteral("/planning-report-page1.png")));
    shoot(dialog, QStringLiteral("report-preview"));
  }

  void mainWindowInstallsTheViews() {
    MainWindow window(test::testOptions());
    window.setScenario(example("plan-bytebridge.json"));
    auto* dock = window.findChild<QDockWidget*>(QStringLiteral("planningDock"));
    QVERIFY(dock);
    QVERIFY(window.findChild<PlanView*>());
    QVERIFY(window.findChild<CostView*>());
    QVERIFY(window.findChild<SweepView*>());
    QVERIFY(window.findChild<OptimizerView*>());
    // Apply from the optimizer edits the document (undoable: a new version of the scenario).
    QAction* planAction = nullptr;
    for (QAction* a : window.menuBar()->actions())
      if (a->text() == QLatin1String("&Planning")) planAction = a;
    QVERIFY(planAction);
    window.resize(1600, 1000);
    window.show();
    planAction->menu()->actions().front()->trigger();
    QVERIFY(dock->isVisible());
    PlanView* plan = window.findChild<PlanView*>();
    plan->setMonths(1);
    plan->runPlan();
    QVERIFY(finished(plan->job()));
    QVERIFY(plan->result().has_value());
    QCOMPARE(QString::fromStdString(plan->result()->scenario_name), QString::fromStdString(window.document()->scenario().name));
    QTest::qWait(80);
    QVERIFY(window.grab().save(QCoreApplication::applicationDirPath() + QStringLiteral("/planning-window-1600x1000.png")));
  }
};

QTEST_MAIN(TestPlanningViews)
#include "test_planning_views.moc"
