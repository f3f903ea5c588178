// The planning views driven offscreen on built-in scenarios: a plan with its runway table, markers and
// explanation; a priced run with its stacked cost and price book; a sweep run locally; the cost-vs-p99
// trade-off with the chosen configuration applied as a new version; the report preview; and screenshots of
// each at 1600x1000 and 1024x700 (build/<preset>/tests/ui/planning-*.png).
#include <QtTest>

#include <QDockWidget>
#include <QProcess>
#include <QTemporaryDir>
#include <QTabWidget>
#include <QTableWidget>

#include <qcustomplot.h>

#include "model/scenario_json.h"
#include "ui/main_window.h"
#include "ui/jobs/background_job.h"
#include "ui/planning/cost_view.h"
#include "ui/planning/optimizer_view.h"
#include "ui/planning/optimizer_request.h"
#include "simulator/optimize/optimize_json.h"
#include "ui/planning/plan_view.h"
#include "ui/planning/price_book_table.h"
#include "ui/planning/report_preview.h"
#include "ui/planning/sweep_view.h"
#include "ui/scenario_document.h"
#include "simulator/simulation.h"
#include "window_test_options.h"
#include "window_waits.h"
#include "ui/chart_colors.h"
#include "ui/chart_panel.h"
#include "ui/project/project_browser.h"
#include "ui/project/project_workspace.h"
#include "model/project/project.h"

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

// Generous: a loaded CI machine runs two test programs per core pair; CTest's own timeout (900 s) still bounds it.
bool finished(BackgroundJob* job) {
  return job->waitForIdle(600000);
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
    QVERIFY(view.job()->busy());  // on the worker: the GUI thread is free meanwhile
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
    view.setMonths(1);
    view.setGrowthBand(QStringLiteral("4,x,12"));
    view.runPlan();
    QVERIFY(!view.job()->busy());
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
    QVERIFY(!view.job()->busy());
    QVERIFY(view.errorText().contains(QStringLiteral("pricing")));
  }

  void sweepRunsLocally() {
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
  }

  void optimizerEqualsTheCli() {
    // The view's request, run through simulator/optimize on the worker, gives exactly what
    // `headroom-cli optimize ... --json` gives for the same scenario, variables and seed.
    const QString file = QStringLiteral(HEADROOM_SOURCE_DIR "/scenarios/optimize-three-tier.json");
    const Scenario s = loadScenarioFile(file.toStdString());
    PriceBookTable prices;
    Scenario applied;
    QString appliedWhat;
    OptimizerView view([s] { return s; }, &prices, [&](const Scenario& a, const QString& what) { applied = a; appliedWhat = what; });
    QVERIFY(!view.addVariable(QStringLiteral("/components/app/replicas"), QString()));
    QVERIFY(view.addVariable(QStringLiteral("/components/app/replicas"), QStringLiteral("1..8")));
    QVERIFY(view.addVariable(QStringLiteral("/components/db/replicas"), QStringLiteral("1, 2, 3, 4")));
    QVERIFY(view.addVariable(QStringLiteral("/components/app/pricing/instance_type"), QStringLiteral("m6i.large, m6i.xlarge")));
    view.setP99ObjectiveMs(150);
    view.setStressCase(QStringLiteral("peak*2"));
    view.setBudget(200);
    view.setSeed(7);
    view.setReplications(2);
    view.optimize();
    QVERIFY(view.job()->busy());  // on the worker
    QVERIFY(finished(view.job()));
    QVERIFY2(view.result().has_value(), qPrintable(view.statusText()));
    const optimize::OptimizeResult& r = *view.result();
    QVERIFY2(r.chosen.has_value(), qPrintable(view.statusText()));

    QTemporaryDir tmp;
    const QString out = tmp.filePath(QStringLiteral("cli.json"));
    QProcess cli;
    cli.start(QStringLiteral(HEADROOM_CLI_PATH),
              {QStringLiteral("optimize"), file, QStringLiteral("--slo"), QStringLiteral("p99=150ms"), QStringLiteral("--at"), QStringLiteral("peak*2"),
               QStringLiteral("--var"), QStringLiteral("/components/app/replicas=1:8"), QStringLiteral("--var"), QStringLiteral("/components/db/replicas=1,2,3,4"),
               QStringLiteral("--var"), QStringLiteral("/components/app/pricing/instance_type=m6i.large,m6i.xlarge"), QStringLiteral("--budget"),
               QStringLiteral("200"), QStringLiteral("--seed"), QStringLiteral("7"), QStringLiteral("--replications"), QStringLiteral("2"),
               QStringLiteral("--json"), out, QStringLiteral("--quiet"), QStringLiteral("--no-progress")});
    QVERIFY(cli.waitForFinished(600000));
    QCOMPARE(cli.exitCode(), 0);
    QFile f(out);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const nlohmann::json fromCli = nlohmann::json::parse(f.readAll().toStdString());
    const nlohmann::json fromView = optimize::toJson(r);
    QVERIFY2(fromView == fromCli, qPrintable(QStringLiteral("view:\n%1\ncli:\n%2")
                                                 .arg(QString::fromStdString(fromView.dump(1)).left(3000), QString::fromStdString(fromCli.dump(1)).left(3000))));
    qInfo("optimizer: %s", qPrintable(view.statusText()));

    // The chart: the front, the chosen star and the SLO line; the front table marks the chosen row.
    QCOMPARE(view.frontTable()->rowCount(), static_cast<int>(r.front.size()));
    QVERIFY(view.chart()->graphCount() >= 2);
    QCOMPARE(view.chart()->graph(1)->name(), QStringLiteral("chosen"));
    QCOMPARE(view.chart()->graph(1)->data()->at(0)->key, r.chosen->usd_per_month);
    QVERIFY(view.statusText().startsWith(QStringLiteral("Chosen")));

    // Apply writes the chosen configuration into the scenario.
    view.frontTable()->clearSelection();
    view.applySelected();
    QCOMPARE(appliedWhat.toStdString(), candidateLabel(*r.chosen));
    const auto app = std::find_if(applied.components.begin(), applied.components.end(), [](const Component& c) { return c.name == "app"; });
    QVERIFY(app != applied.components.end());
    QCOMPARE(app->replicas, r.chosen->values["/components/app/replicas"].get<int>());
    shoot(view, QStringLiteral("optimizer"));
  }

  void optimizerApplyIsAnUndoableEditAndANewProjectVersion() {
    QTemporaryDir tmp;
    const QString projectPath = tmp.filePath(QStringLiteral("plans.hdrm"));
    Project::create(projectPath.toStdString());
    MainWindow window(test::testOptions());
    window.setScenario(loadScenarioFile(HEADROOM_SOURCE_DIR "/scenarios/optimize-three-tier.json"));
    auto* workspace = window.findChild<ProjectWorkspace*>();
    QVERIFY(workspace);
    workspace->setProjectPath(projectPath);
    QVERIFY(workspace->browser()->job()->waitForIdle());
    auto* view = window.findChild<OptimizerView*>();
    QVERIFY(view->addVariable(QStringLiteral("/components/app/replicas"), QStringLiteral("1..6")));
    QVERIFY(view->addVariable(QStringLiteral("/components/app/pricing/instance_type"), QStringLiteral("m6i.large, m6i.xlarge")));
    view->setP99ObjectiveMs(150);
    view->setStressCase(QStringLiteral("peak*2"));
    view->setReplications(2);
    view->optimize();
    QVERIFY(finished(view->job()));
    QVERIFY2(view->result() && view->result()->chosen, qPrintable(view->statusText()));
    const int chosenReplicas = view->result()->chosen->values["/components/app/replicas"].get<int>();
    // At twice the peak app needs the larger size (the CLI's choice for this scenario): the edit shows.
    QCOMPARE(view->result()->chosen->values["/components/app/pricing/instance_type"].get<std::string>(), std::string("m6i.xlarge"));
    const int undoBefore = window.document()->undoStack()->count();
    view->frontTable()->clearSelection();
    view->applySelected();
    QCOMPARE(window.document()->undoStack()->count(), undoBefore + 1);
    const auto app = [&]() -> const Component& { return window.document()->scenario().components[1]; };
    QCOMPARE(app().replicas, chosenReplicas);
    QCOMPARE(app().pricing->instance_type, std::string("m6i.xlarge"));
    // The project holds it as the scenario's next version.
    QVERIFY(test::waitFor([&] { return !workspace->browser()->lastSavedVersion().isEmpty(); }, 60000));
    QVERIFY(workspace->browser()->job()->waitForIdle());
    Project project = Project::open(projectPath.toStdString());
    const Scenario stored = scenarioFromJson(nlohmann::json::parse(project.loadScenario("optimize-three-tier", 1)), "stored");
    QCOMPARE(stored.components[1].replicas, chosenReplicas);
    QCOMPARE(stored.components[1].pricing->instance_type, std::string("m6i.xlarge"));
    // Undo goes back to the scenario as it was.
    window.document()->undoStack()->undo();
    QCOMPARE(app().pricing->instance_type, std::string("m6i.large"));
  }

  void optimizerCancels() {
    const Scenario s = loadScenarioFile(HEADROOM_SOURCE_DIR "/scenarios/optimize-three-tier.json");
    PriceBookTable prices;
    OptimizerView view([s] { return s; }, &prices, nullptr);
    view.setP99ObjectiveMs(150);
    view.setReplications(2);
    view.optimize();
    view.cancel();
    QVERIFY(finished(view.job()));
    QVERIFY(view.result().has_value());
    QVERIFY(view.result()->cancelled);
    QVERIFY(view.statusText().startsWith(QStringLiteral("Cancelled")));
  }

  void optimizerRefusesAnUnpricedScenario() {
    const Scenario s = example("mm1.json");
    PriceBookTable prices;
    OptimizerView view([s] { return s; }, &prices, nullptr);
    view.optimize();
    QVERIFY(!view.job()->busy());
    QVERIFY2(view.statusText().contains(QStringLiteral("pricing")), qPrintable(view.statusText()));
  }

  void slurmButtonWithoutSbatchSaysSo() {
    QTemporaryDir empty;
    const QByteArray path = qgetenv("PATH");
    qputenv("PATH", empty.path().toLocal8Bit());
    const Scenario s = example("mm1.json");
    SweepView view([s] { return s; });
    QVERIFY(!view.slurmButton()->isEnabled());
    QVERIFY(view.slurmButton()->toolTip().contains(QStringLiteral("sbatch")));
    QVERIFY(view.addVariable(QStringLiteral("/components/server/workers_per_replica"), QStringLiteral("1, 2")));
    QVERIFY(!view.submitToSlurm(empty.filePath(QStringLiteral("sweep.json"))));
    QVERIFY2(view.statusText().contains(QStringLiteral("sbatch is not on the PATH")), qPrintable(view.statusText()));
    qputenv("PATH", path);
  }

  void slurmButtonSubmitsThroughTheCli() {
    // A fake Slurm in a temp dir: sbatch runs each array task of the CLI's batch script here and prints a job id;
    // squeue says the job has left the queue. The CLI's own driver (headroom-cli sweep --slurm) does the rest.
    QTemporaryDir bin;
    auto script = [&](const char* name, const QByteArray& body) {
      QFile f(bin.filePath(QString::fromLatin1(name)));
      QVERIFY(f.open(QIODevice::WriteOnly));
      f.write("#!/bin/sh\n" + body);
      f.close();
      f.setPermissions(f.permissions() | QFileDevice::ExeOwner);
    };
    script("sbatch",
           "for a in \"$@\"; do case \"$a\" in --array=*) spec=\"${a#--array=}\";; --*) ;; *) job=\"$a\";; esac; done\n"
           "echo \"$@\" >> \"$(dirname \"$0\")/sbatch.log\"\n"
           "spec=\"${spec%\\%*}\"\n"
           "for part in $(echo \"$spec\" | tr ',' ' '); do\n"
           "  case \"$part\" in *-*) lo=${part%-*}; hi=${part#*-};; *) lo=$part; hi=$part;; esac\n"
           "  i=$lo; while [ \"$i\" -le \"$hi\" ]; do SLURM_ARRAY_TASK_ID=$i sh \"$job\" >/dev/null 2>&1; i=$((i+1)); done\n"
           "done\n"
           "echo 4242\n");
    script("squeue", "exit 0\n");
    script("sacct", "exit 1\n");
    script("scancel", "exit 0\n");
    const QByteArray path = qgetenv("PATH");
    qputenv("PATH", bin.path().toLocal8Bit() + ":" + path);
    Scenario s = example("mm1.json");
    s.simulation.warmup_s = 60;
    s.simulation.horizon_s = 600;
    SweepView view([s] { return s; });
    view.setCliPath(QStringLiteral(HEADROOM_CLI_PATH));
    QVERIFY(view.slurmButton()->isEnabled());
    QVERIFY(view.addVariable(QStringLiteral("/components/server/workers_per_replica"), QStringLiteral("1, 2")));
    view.setKpis({QStringLiteral("end_to_end.response_p99_s")});
    view.setReplications(1);
    QTemporaryDir work;
    QSignalSpy done(&view, &SweepView::slurmFinished);
    QVERIFY2(view.submitToSlurm(work.filePath(QStringLiteral("sweep.json"))), qPrintable(view.statusText()));
    QVERIFY(!view.slurmButton()->isEnabled());  // one Slurm sweep at a time
    QVERIFY(done.wait(300000));
    qputenv("PATH", path);
    QCOMPARE(done.front().front().toInt(), 0);
    QVERIFY2(view.slurmJobId() == QStringLiteral("4242"), qPrintable(view.statusText()));
    QVERIFY2(view.statusText().contains(QStringLiteral("Slurm job 4242 finished, 2 point(s)")), qPrintable(view.statusText()));
    QFile log(bin.filePath(QStringLiteral("sbatch.log")));
    QVERIFY(log.open(QIODevice::ReadOnly));
    QVERIFY(log.readAll().contains("--array=0-1"));  // two tasks, two shards, one array
    QVERIFY(QFile::exists(work.filePath(QStringLiteral("sweep.json.result.json"))));
    QVERIFY(view.slurmButton()->isEnabled());
  }

  void aComponentHasOneColourInEveryChart() {
    // The desktop's one palette (ui/chart_colors.h): a component is drawn in the colour of its place in the
    // scenario in the Cost view's stack, the Plan view's component lines and the main window's charts.
    const Scenario s = pricedStack();
    CostView cost([s] { return s; });
    cost.setReplications(1);
    cost.runCost();
    QVERIFY(finished(cost.job()));
    QVERIFY2(cost.errorText().isEmpty(), qPrintable(cost.errorText()));
    QSet<QString> coloured;
    for (int g = 0; g < cost.chart()->graphCount(); ++g) {
      const QString component = cost.chart()->graph(g)->name().section(QStringLiteral(" / "), 0, 0);
      if (coloured.contains(component)) continue;  // further lines of a component are lighter shades of it
      coloured.insert(component);
      QCOMPARE(cost.chart()->graph(g)->brush().color().rgb(), componentColor(s, component.toStdString()).rgb());
    }
    QVERIFY(coloured.size() >= 2);

    PlanView plan([s] { return s; });
    plan.setMonths(1);
    plan.runPlan();
    QVERIFY(finished(plan.job()));
    QVERIFY(plan.result().has_value());
    const QString component = QString::fromStdString(s.components[1].name);
    plan.selectComponent(component);
    int planLines = 0;
    for (int g = 0; g < plan.timeline()->graphCount(); ++g)
      if (plan.timeline()->graph(g)->name().startsWith(component + QLatin1Char(' '))) {
        QCOMPARE(plan.timeline()->graph(g)->pen().color().rgb(), componentColor(1).rgb());
        ++planLines;
      }
    QCOMPARE(planLines, 3);  // utilization, p99, replicas

    MainWindow window(test::testOptions());
    window.setScenario(s);
    QVERIFY(test::runAndWait(window));
    QCustomPlot* util = window.chartPanel()->plot(ChartPanel::Utilization);
    int windowLines = 0;
    for (int g = 0; g < util->graphCount(); ++g)
      if (util->graph(g)->name() == component) {
        QCOMPARE(util->graph(g)->pen().color().rgb(), componentColor(1).rgb());
        ++windowLines;
      }
    QVERIFY(windowLines >= 1);
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
