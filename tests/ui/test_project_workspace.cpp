// Drives the desktop's data workflow offscreen (issue 17): project browser, File > Open on a monitoring export
// offering Import, the import dialog with roles, drag and drop, Calibrate & Backtest on generated data with known
// answers (two classes, 40 ms and 150 ms, 4 workers), version diff/restore/open, and real sample exports from
// HEADROOM_SHARED_DIR. Screenshots of every view at 1600x1000 and 1024x700 go next to the test binary.
#include <QtTest>

#include <cmath>
#include <filesystem>
#include <fstream>

#include <QDockWidget>
#include <QLabel>
#include <QMessageBox>
#include <QMimeData>
#include <QPushButton>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableWidget>
#include <QTreeWidget>

#include <nlohmann/json.hpp>
#include <sqlite3.h>

#include "model/project/project.h"
#include "model/scenario_json.h"
#include "ui/jobs/background_job.h"
#include "ui/project/calibrate_view.h"
#include "ui/project/import_dialog.h"
#include "ui/project/project_browser.h"
#include "ui/project/project_workspace.h"
#include "ui/project/series_chart.h"
#include "ui/scenario_document.h"
#include "window_test_options.h"

using namespace headroom;

namespace {

constexpr double kT0 = 1767258000.0;  // 2026-01-01 09:00 UTC
constexpr double kStepS = 15.0;
constexpr int kPoints = 120;          // 30 minutes
constexpr double kBrowseS = 0.040, kCheckoutS = 0.150;

QString dir() {
  const QString d = QDir::tempPath() + QStringLiteral("/headroom-gui17a-test");
  QDir(d).removeRecursively();
  QDir().mkpath(d);
  return d;
}

double browseRate(int i) { return std::vector<double>{14, 28, 10, 35, 18, 20}[static_cast<std::size_t>(i / 20)]; }
double checkoutRate(int i) { return std::vector<double>{1.5, 3, 6, 1.5, 4.5, 2}[static_cast<std::size_t>(i / 20)]; }

// A Prometheus query_range response: one series per (labels, value of sample i).
void writeMatrix(const QString& path, const std::vector<std::pair<nlohmann::json, std::function<double(int)>>>& series) {
  nlohmann::json result = nlohmann::json::array();
  for (const auto& [metric, value] : series) {
    nlohmann::json vals = nlohmann::json::array();
    for (int i = 0; i < kPoints; ++i) vals.push_back({kT0 + kStepS * i, std::to_string(value(i))});
    result.push_back({{"metric", metric}, {"values", vals}});
  }
  std::ofstream(path.toStdString()) << nlohmann::json{{"status", "success"}, {"data", {{"resultType", "matrix"}, {"result", result}}}}.dump();
}

QString sharedData() {
  const QByteArray env = qgetenv("HEADROOM_SHARED_DIR");
  return (env.isEmpty() ? QStringLiteral(HEADROOM_SHARED_DIR) : QString::fromLocal8Bit(env)) + QStringLiteral("/data");
}

QString shotPath(const QString& name) { return QCoreApplication::applicationDirPath() + QStringLiteral("/project-") + name + QStringLiteral(".png"); }

void grab(QWidget& widget, const QString& name, QSize size) {
  widget.resize(size);
  QTest::qWait(120);
  QCoreApplication::processEvents();
  const QString path = shotPath(name);
  QVERIFY(widget.grab().save(path));
  qInfo("screenshot: %s", qPrintable(path));
}

bool waitIdle(BackgroundJob* job) { return job->waitForIdle(120000); }

QTreeWidgetItem* findItem(QTreeWidget* tree, const QString& kind, const QString& text) {
  for (QTreeWidgetItemIterator it(tree); *it; ++it)
    if ((*it)->data(0, Qt::UserRole).toString() == kind && (*it)->text(0) == text) return *it;
  return nullptr;
}

int groupCount(QTreeWidget* tree, const QString& prefix) {
  for (int i = 0; i < tree->topLevelItemCount(); ++i) {
    const QString t = tree->topLevelItem(i)->text(0);
    if (t.startsWith(prefix)) return t.section(QLatin1Char('('), 1).section(QLatin1Char(')'), 0, 0).toInt();
  }
  return -1;
}

}  // namespace

class ProjectWorkspaceTest : public QObject {
  Q_OBJECT

  QString dir_, project_, rates_, busy_, latency_;
  std::unique_ptr<MainWindow> window_;
  ProjectWorkspace* workspace_ = nullptr;

 private slots:
  void initTestCase() {
    dir_ = dir();
    project_ = dir_ + QStringLiteral("/shop.hdrm");
    rates_ = dir_ + QStringLiteral("/rates.json");
    busy_ = dir_ + QStringLiteral("/busy.json");
    latency_ = dir_ + QStringLiteral("/latency.json");
    writeMatrix(rates_, {{{{"endpoint", "browse"}, {"job", "shop"}}, browseRate}, {{{"endpoint", "checkout"}, {"job", "shop"}}, checkoutRate}});
    writeMatrix(busy_, {{{{"__name__", "worker_busy"}, {"job", "shop"}}, [](int i) { return kBrowseS * browseRate(i) + kCheckoutS * checkoutRate(i); }}});
    // p95 in milliseconds without a unit in the file: imported with the unit hint "ms".
    writeMatrix(latency_, {{{{"endpoint", "browse"}, {"quantile", "0.95"}}, [](int) { return 3.0 * 40.0; }},
                           {{{"endpoint", "checkout"}, {"quantile", "0.95"}}, [](int) { return 3.0 * 150.0; }}});
    window_ = std::make_unique<MainWindow>(test::testOptions());
    window_->resize(1600, 1000);
    window_->show();
    workspace_ = window_->findChild<ProjectWorkspace*>();
    QVERIFY(workspace_);
    QVERIFY(window_->findChild<QDockWidget*>(QStringLiteral("projectBrowserDock")));
  }

  void createsProjectAndOffersImportForAMonitoringExport() {
    ProjectBrowser* browser = workspace_->browser();
    QSignalSpy listed(browser, &ProjectBrowser::listed);
    browser->createProject(project_);
    QVERIFY(waitIdle(browser->job()));
    QVERIFY(listed.wait(20000) || listed.count() > 0);
    QVERIFY(QFileInfo::exists(project_));
    QCOMPARE(workspace_->projectPath(), project_);
    QCOMPARE(groupCount(browser->tree(), QStringLiteral("Scenarios")), 0);

    // File > Open on a Prometheus export: not "must be an object", but an offer to import it.
    QSignalSpy failed(window_.get(), &MainWindow::loadFailed);
    window_->openScenarioFile(rates_);
    QVERIFY(failed.wait(20000));
    auto* box = window_->findChild<QMessageBox*>(QStringLiteral("offerImportBox"));
    QVERIFY2(box, "no offer to import the monitoring export");
    QVERIFY2(box->text().contains(QStringLiteral("Prometheus")), qPrintable(box->text()));
    QPushButton* importButton = nullptr;
    for (QAbstractButton* b : box->buttons())
      if (b->text().startsWith(QStringLiteral("Import"))) importButton = qobject_cast<QPushButton*>(b);
    QVERIFY(importButton);
    importButton->click();
    ImportDialog* dialog = workspace_->importDialog();
    QVERIFY(dialog);
    QVERIFY(waitIdle(dialog->job()));
    QVERIFY2(dialog->formatLabel()->text().contains(QStringLiteral("prometheus")), qPrintable(dialog->formatLabel()->text()));
    QCOMPARE(dialog->seriesTable()->rowCount(), 2);
  }

  void importsWithRolesIntoTheProject() {
    ImportDialog* dialog = workspace_->importDialog();
    QVERIFY(dialog);
    // Rates carry no unit in a Prometheus response: the role says what they are.
    dialog->setRole(0, QStringLiteral("traffic"), QStringLiteral("browse"));
    dialog->setRole(1, QStringLiteral("traffic"), QStringLiteral("checkout"));
    dialog->seriesTable()->selectAll();
    QCOMPARE(dialog->chart()->graphCount(), 2);
    QVERIFY(!dialog->chart()->yAxis->label().isEmpty());
    grab(*dialog, QStringLiteral("import-1600"), {1600, 1000});
    grab(*dialog, QStringLiteral("import-1024"), {1024, 700});
    QSignalSpy stored(dialog, &ImportDialog::stored);
    dialog->storeIntoProject();
    QVERIFY(waitIdle(dialog->job()));
    QCOMPARE(stored.count(), 1);

    // A role that does not fit the unit is refused and nothing is stored.
    dialog->readFiles({busy_});
    QVERIFY(waitIdle(dialog->job()));
    QCOMPARE(dialog->seriesTable()->rowCount(), 1);
    dialog->setRole(0, QStringLiteral("latency-percentile"), QStringLiteral("browse"), QStringLiteral("1.5"));
    dialog->storeIntoProject();
    QVERIFY(waitIdle(dialog->job()));
    QCOMPARE(stored.count(), 1);
    QVERIFY2(dialog->formatLabel()->text().contains(QStringLiteral("quantile")), qPrintable(dialog->formatLabel()->text()));
    dialog->setRole(0, QStringLiteral("busy-workers"));
    dialog->storeIntoProject();
    QVERIFY(waitIdle(dialog->job()));
    QCOMPARE(stored.count(), 2);

    // Dropped onto the main window: the import dialog reads it; ms values with the unit hint.
    QMimeData mime;
    mime.setUrls({QUrl::fromLocalFile(latency_)});
    QDragEnterEvent enter(QPoint(400, 300), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(window_.get(), &enter);
    QVERIFY(enter.isAccepted());
    QDropEvent drop(QPointF(400, 300), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(window_.get(), &drop);
    QVERIFY(waitIdle(dialog->job()));
    dialog->unitHint()->setCurrentIndex(dialog->unitHint()->findData(QStringLiteral("ms")));
    QVERIFY(waitIdle(dialog->job()));
    QVERIFY2(dialog->seriesTable()->rowCount() == 2, qPrintable(dialog->formatLabel()->text()));
    QCOMPARE(QString::fromStdString(dialog->result()->series[0].unit), QStringLiteral("s"));
    QCOMPARE(dialog->result()->series[0].value[0], 0.12);
    dialog->setRole(0, QStringLiteral("latency-percentile"), QStringLiteral("browse"), QStringLiteral("0.95"));
    dialog->setRole(1, QStringLiteral("latency-percentile"), QStringLiteral("checkout"), QStringLiteral("0.95"));
    dialog->storeIntoProject();
    QVERIFY(waitIdle(dialog->job()));
    QCOMPARE(stored.count(), 3);
    dialog->close();

    // Stored under the names headroom-cli calibrate selects by default.
    Project p = Project::open(project_.toStdString());
    int traffic = 0, busy = 0, latency = 0;
    for (const auto& s : p.listSeries()) {
      if (s.name == "throughput" && s.labels.count("class")) ++traffic;
      if (s.name == "busy_workers") ++busy;
      if (s.name == "latency" && s.labels.at("quantile") == "0.95") ++latency;
    }
    QCOMPARE(traffic, 2);
    QCOMPARE(busy, 1);
    QCOMPARE(latency, 2);
    QVERIFY(waitIdle(workspace_->browser()->job()));
    QTest::qWait(50);
    QVERIFY(waitIdle(workspace_->browser()->job()));
    QCOMPARE(groupCount(workspace_->browser()->tree(), QStringLiteral("Imported series")), 5);
  }

  void calibratesAndBacktests() {
    CalibrateView* view = workspace_->showCalibrate();
    QVERIFY(waitIdle(view->job()));
    QCOMPARE(view->seriesList()->topLevelItemCount(), 5);
    int checked = 0;
    for (int i = 0; i < 5; ++i) checked += view->seriesList()->topLevelItem(i)->checkState(0) == Qt::Checked;
    QCOMPARE(checked, 5);
    view->serversBox()->setValue(4);
    view->resize(1600, 1000);
    QTest::qWait(100);
    // Drag a window on the chart from 10% to 95% of the plotted range.
    SeriesChart* chart = view->pickChart();
    const QRect r = chart->axisRect()->rect();
    const int y = r.center().y();
    const QPoint from(r.left() + r.width() / 10, y), to(r.left() + r.width() * 95 / 100, y);
    QTest::mousePress(chart, Qt::LeftButton, Qt::NoModifier, from);
    QMouseEvent move(QEvent::MouseMove, to, chart->mapToGlobal(to), Qt::NoButton, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(chart, &move);
    QTest::mouseRelease(chart, Qt::LeftButton, Qt::NoModifier, to);
    QVERIFY(chart->pickedWindow().has_value());
    QVERIFY(chart->pickedWindow()->first > kT0 && chart->pickedWindow()->second < kT0 + kStepS * kPoints);

    QSignalSpy fitted(view, &CalibrateView::fitted);
    view->fit();
    QVERIFY(waitIdle(view->job()));
    QVERIFY2(fitted.count() == 1 && fitted.first().first().toBool(), qPrintable(view->lastError() + view->demandSummary()->text()));
    QTableWidget* demand = view->demandTable();
    QCOMPARE(demand->rowCount(), 2);
    QCOMPARE(demand->item(0, 0)->text(), QStringLiteral("browse"));
    QVERIFY2(std::abs(demand->item(0, 2)->text().toDouble() - 40.0) < 0.4, qPrintable(demand->item(0, 2)->text()));
    QVERIFY2(std::abs(demand->item(1, 2)->text().toDouble() - 150.0) < 1.5, qPrintable(demand->item(1, 2)->text()));
    QVERIFY(view->demandSummary()->text().contains(QStringLiteral("R²")));
    QVERIFY2(view->demandSummary()->text().contains(QStringLiteral("samples used")), qPrintable(view->demandSummary()->text()));
    // The traffic fit: observed, the 95% band (two edges) and the fitted line, with the fit's quality.
    QVERIFY2(view->trafficChart()->graphCount() == 4, qPrintable(view->trafficSummary()->text()));
    QCOMPARE(view->trafficChart()->graph(0)->name(), QStringLiteral("observed"));
    QCOMPARE(view->trafficChart()->graph(1)->name(), QStringLiteral("95% band"));
    QVERIFY(view->trafficChart()->graph(3)->data()->size() > 0);
    QVERIFY2(view->trafficSummary()->text().contains(QStringLiteral("R²")), qPrintable(view->trafficSummary()->text()));
    QVERIFY(view->calibratedScenario().has_value());
    QCOMPARE(QString::fromStdString(view->calibratedScenario()->name), QStringLiteral("calibrated-api"));
    view->tabs()->setCurrentIndex(0);
    grab(*view, QStringLiteral("calibrate-traffic-1600"), {1600, 1000});
    grab(*view, QStringLiteral("calibrate-traffic-1024"), {1024, 700});
    view->tabs()->setCurrentIndex(1);
    grab(*view, QStringLiteral("calibrate-demand-1600"), {1600, 1000});
    grab(*view, QStringLiteral("calibrate-demand-1024"), {1024, 700});

    QSignalSpy created(view, &CalibrateView::scenarioCreated);
    view->createScenario();
    QVERIFY(waitIdle(view->job()));
    QCOMPARE(created.count(), 1);
    QCOMPARE(QString::fromStdString(window_->document()->scenario().name), QStringLiteral("calibrated-api"));

    // Cancelled at once: the worker stops, the window says so, nothing is shown as a result.
    QSignalSpy done(view, &CalibrateView::backtestDone);
    view->runBacktest();
    QVERIFY(view->job()->busy());
    view->job()->cancel();
    QVERIFY(waitIdle(view->job()));
    QCOMPARE(done.count(), 0);
    QVERIFY2(view->verdictLabel()->text().contains(QStringLiteral("cancelled")), qPrintable(view->verdictLabel()->text()));

    view->runBacktest();
    QVERIFY(waitIdle(view->job()));
    QVERIFY2(done.count() == 1, qPrintable(view->lastError() + view->verdictLabel()->text()));
    QVERIFY(view->verdictLabel()->text().contains(QStringLiteral("Verdict")));
    QTableWidget* rows = view->backtestTable();
    QVERIFY(rows->rowCount() >= 2);
    // The calibrated traffic is each class's mean rate: the simulated class throughput must match it closely.
    int throughputRows = 0;
    for (int i = 0; i < rows->rowCount(); ++i) {
      if (rows->item(i, 1)->text() != QStringLiteral("throughput_per_s") || !rows->item(i, 0)->text().startsWith(QStringLiteral("class:"))) continue;
      ++throughputRows;
      const double err = rows->item(i, 4)->text().remove(QStringLiteral(" %")).toDouble();
      QVERIFY2(std::abs(err) < 10.0, qPrintable(rows->item(i, 0)->text() + QStringLiteral(": ") + rows->item(i, 4)->text()));
    }
    QCOMPARE(throughputRows, 2);
    grab(*view, QStringLiteral("calibrate-backtest-1600"), {1600, 1000});
    grab(*view, QStringLiteral("calibrate-backtest-1024"), {1024, 700});
    view->close();
  }

  void diffsRestoresAndOpensVersions() {
    {
      Project p = Project::open(project_.toStdString());
      auto json = nlohmann::json::parse(p.loadScenario("calibrated-api"));
      json["simulation"]["seed"] = 4242;
      p.saveScenario("calibrated-api", json.dump(), "seed changed");
      PlanRecord plan;
      plan.scenario_name = "calibrated-api";
      plan.name = "q3-growth";
      plan.plan_json = "{}";
      p.savePlan(plan);
    }
    ProjectBrowser* browser = workspace_->browser();
    browser->refresh();
    QVERIFY(waitIdle(browser->job()));
    QTreeWidget* tree = browser->tree();
    QCOMPARE(groupCount(tree, QStringLiteral("Plans")), 1);
    QVERIFY(findItem(tree, QStringLiteral("plan"), QStringLiteral("q3-growth")));
    QCOMPARE(groupCount(tree, QStringLiteral("Calibrations")), 1);
    QTreeWidgetItem* v1 = findItem(tree, QStringLiteral("version"), QStringLiteral("v1"));
    QTreeWidgetItem* v2 = findItem(tree, QStringLiteral("version"), QStringLiteral("v2"));
    QVERIFY(v1 && v2);
    tree->clearSelection();
    v1->setSelected(true);
    v2->setSelected(true);
    browser->diffSelectedVersions();
    QVERIFY(waitIdle(browser->job()));
    QVERIFY2(browser->lastDiffText().contains(QStringLiteral("~ /simulation/seed:")), qPrintable(browser->lastDiffText()));
    QVERIFY(browser->lastDiffText().contains(QStringLiteral("-> 4242")));
    auto* diffDialog = browser->findChild<QWidget*>(QStringLiteral("versionDiff"));
    QVERIFY(diffDialog);
    QTest::qWait(100);
    QVERIFY(diffDialog->grab().save(shotPath(QStringLiteral("diff"))));
    diffDialog->close();

    tree->clearSelection();
    v1->setSelected(true);
    browser->restoreSelectedVersion();
    QVERIFY(waitIdle(browser->job()));
    QVERIFY(waitIdle(browser->job()));  // the refresh after the restore
    QVERIFY(findItem(browser->tree(), QStringLiteral("version"), QStringLiteral("v3")));
    {
      Project p = Project::open(project_.toStdString());
      const auto history = p.history("calibrated-api");
      QCOMPARE(history.size(), std::size_t(3));
      QCOMPARE(history.back().restored_from_version.value_or(0), 1);
      QVERIFY(nlohmann::json::parse(p.loadScenario("calibrated-api"))["simulation"]["seed"] != 4242);
      QCOMPARE(p.listCalibrations().size(), std::size_t(1));
    }
    QTreeWidgetItem* v2again = findItem(browser->tree(), QStringLiteral("version"), QStringLiteral("v2"));
    browser->tree()->clearSelection();
    v2again->setSelected(true);
    browser->openSelectedVersion();
    QVERIFY(waitIdle(browser->job()));
    QCOMPARE(window_->document()->scenario().simulation.seed, std::uint64_t(4242));

    if (auto* dock = window_->findChild<QDockWidget*>(QStringLiteral("projectBrowserDock"))) dock->raise();
    grab(*window_, QStringLiteral("browser-1600"), {1600, 1000});
    grab(*window_, QStringLiteral("browser-1024"), {1024, 700});
  }

  // A stored version that is not JSON any more (a hand-edited or damaged project) is refused with the project,
  // scenario, version and position, never with the JSON library's own "[json.exception...]" text.
  void aDamagedStoredVersionIsNamedWhenOpened() {
    {
      Project p = Project::open(project_.toStdString());
      p.saveScenario("damaged", nlohmann::json::parse(p.loadScenario("calibrated-api")).dump(), "to be damaged");
    }
    // Damaged behind the project's back (saveScenario refuses text that is not JSON).
    sqlite3* db = nullptr;
    const bool damagedOk = sqlite3_open(project_.toUtf8().constData(), &db) == SQLITE_OK &&
                           sqlite3_exec(db, "UPDATE scenario_version SET json = substr(json, 1, 40) || ' ,,, ' WHERE scenario_id = "
                                            "(SELECT id FROM scenario WHERE name = 'damaged')", nullptr, nullptr, nullptr) == SQLITE_OK;
    sqlite3_close(db);
    QVERIFY(damagedOk);
    ProjectBrowser* browser = workspace_->browser();
    browser->refresh();
    QVERIFY(waitIdle(browser->job()));
    QTreeWidgetItem* damaged = nullptr;
    for (QTreeWidgetItemIterator it(browser->tree()); *it; ++it)
      if ((*it)->data(0, Qt::UserRole).toString() == QStringLiteral("version") && (*it)->parent() &&
          (*it)->parent()->text(0).startsWith(QStringLiteral("damaged")) && (*it)->text(0) == QStringLiteral("v1")) damaged = *it;
    QVERIFY(damaged);
    browser->tree()->clearSelection();
    damaged->setSelected(true);
    QSignalSpy finished(browser->job(), &BackgroundJob::finished);
    browser->openSelectedVersion();
    QVERIFY(waitIdle(browser->job()));
    QCOMPARE(finished.count(), 1);
    const QString error = finished.at(0).at(1).toString();
    QVERIFY2(error.contains(QStringLiteral("scenario 'damaged' version 1")) && error.contains(QStringLiteral("line 1")), qPrintable(error));
    QVERIFY2(!error.contains(QStringLiteral("json.exception")), qPrintable(error));
    qInfo("damaged version refused: %s", qPrintable(error));
  }

  void readsRealSampleExports() {
    if (!QFileInfo::exists(sharedData())) QSKIP(qPrintable(QStringLiteral("shared sample data not found at ") + sharedData()));
    ImportDialog* dialog = workspace_->showImport();
    const QStringList files = {QStringLiteral("/prometheus/prometheus-api-client_up_201907281200.result.json"),
                               QStringLiteral("/cloudwatch_cli/get-metric-data.example1.output.json"),
                               QStringLiteral("/k6/taurus_k6_kpi.csv")};
    for (const QString& f : files) {
      const QString path = sharedData() + f;
      if (!QFileInfo::exists(path)) QSKIP(qPrintable(QStringLiteral("sample missing: ") + path));
      dialog->readFiles({path});
      QVERIFY(waitIdle(dialog->job()));
      QVERIFY2(dialog->result(), qPrintable(f + QStringLiteral(": ") + dialog->formatLabel()->text()));
      QVERIFY2(dialog->seriesTable()->rowCount() > 0, qPrintable(f));
      QVERIFY(dialog->chart()->graphCount() > 0);
      QVERIFY(dialog->warningList()->count() > 0);  // warnings, or the line saying there are none
      if (f.contains(QStringLiteral("prometheus"))) {
        // The array-shaped response File > Open used to refuse ("must be an object, got an array").
        QVERIFY(dialog->formatLabel()->text().contains(QStringLiteral("prometheus")));
        dialog->seriesTable()->selectAll();
        grab(*dialog, QStringLiteral("import-real-1600"), {1600, 1000});
        grab(*dialog, QStringLiteral("import-real-1024"), {1024, 700});
      }
    }
    dialog->close();
  }

  void cleanupTestCase() {
    window_.reset();
    QDir(dir_).removeRecursively();
  }
};

QTEST_MAIN(ProjectWorkspaceTest)
#include "test_project_workspace.moc"
