#include "ui/project/calibrate_view.h"

#include <cmath>
#include <set>

#include <QComboBox>
#include <QDateTime>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QTabWidget>
#include <QTableWidget>
#include <QTreeWidget>
#include <QVBoxLayout>

#include "model/scenario_json.h"
#include "model/validation.h"
#include "simulator/calibration/traffic_fit.h"
#include "ui/chart_colors.h"
#include "ui/jobs/background_job.h"
#include "ui/jobs/job_widgets.h"
#include "ui/project/calibration_pick.h"
#include "ui/project/project_workspace.h"
#include "ui/project/series_chart.h"

namespace headroom {

namespace {

QString utc(double unix_s) {
  return QDateTime::fromMSecsSinceEpoch(static_cast<qint64>(unix_s * 1000), Qt::UTC).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss 'UTC'"));
}

QTableWidgetItem* cell(const QString& text, bool number = false) {
  auto* item = new QTableWidgetItem(text);
  item->setFlags(item->flags() & ~Qt::ItemIsEditable);
  if (number) item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
  item->setToolTip(text);
  return item;
}

QString num(double v, int precision = 3) { return std::isfinite(v) ? QString::number(v, 'g', precision) : QStringLiteral("—"); }

struct FitOutcome {
  CalibrationRequest request;
  CalibrationOutcome outcome;
  std::optional<TrafficFit> traffic;
  TimeSeries trafficSeries;  // the fitted class's traffic, in the window
  QString trafficError;
};

// Observed against simulated for the rows of one kind of metric, as grouped bars.
QCustomPlot* comparisonChart(const BacktestReport& report, const QString& title, const std::function<bool(const std::string&)>& kpiMatches,
                             double scale, const QString& unit, QWidget* parent) {
  auto* plot = new QCustomPlot(parent);
  plot->setMinimumSize(220, 170);
  plot->plotLayout()->insertRow(0);
  plot->plotLayout()->addElement(0, 0, new QCPTextElement(plot, title, QFont(plot->font().family(), plot->font().pointSize(), QFont::Bold)));
  auto ticker = QSharedPointer<QCPAxisTickerText>::create();
  QVector<double> pos, obs, sim;
  int k = 0;
  for (const auto& m : report.metrics) {
    if (!kpiMatches(m.kpi) || !std::isfinite(m.observed_mean)) continue;
    ++k;
    std::string entity = m.entity.rfind("class:", 0) == 0 ? m.entity.substr(6) : m.entity;
    QString label = QString::fromStdString(entity);
    if (m.kpi.rfind("response_", 0) == 0) label += QLatin1Char('\n') + QString::fromStdString(m.kpi.substr(9, 3));
    ticker->addTick(k, label);
    pos << k;
    obs << m.observed_mean * scale;
    sim << (std::isfinite(m.simulated_mean) ? m.simulated_mean * scale : 0.0);
  }
  plot->xAxis->setTicker(ticker);
  plot->xAxis->setRange(0.4, k + 0.6);
  plot->yAxis->setLabel(unit);
  auto* group = new QCPBarsGroup(plot);
  auto* o = new QCPBars(plot->xAxis, plot->yAxis);
  o->setName(QObject::tr("observed"));
  o->setBrush(QColor(120, 120, 120));
  o->setPen(Qt::NoPen);
  auto* s = new QCPBars(plot->xAxis, plot->yAxis);
  s->setName(QObject::tr("simulated"));
  s->setBrush(QColor(31, 119, 180));
  s->setPen(Qt::NoPen);
  for (QCPBars* b : {o, s}) {
    b->setWidth(0.35);
    b->setBarsGroup(group);
  }
  o->setData(pos, obs);
  s->setData(pos, sim);
  double top = 0;
  for (double v : obs + sim) top = std::max(top, v);
  plot->yAxis->setRange(0, top > 0 ? top * 1.15 : 1);
  // The legend goes under the bars (never over them), in one row.
  plot->legend->setVisible(true);
  plot->legend->setFont(QFont(plot->font().family(), std::max(7, plot->font().pointSize() - 1)));
  plot->axisRect()->insetLayout()->take(plot->legend);
  plot->plotLayout()->addElement(2, 0, plot->legend);
  plot->plotLayout()->setRowStretchFactor(2, 0.001);
  plot->legend->setFillOrder(QCPLegend::foColumnsFirst);
  plot->replot();
  if (k == 0) {
    delete plot;
    return nullptr;
  }
  return plot;
}

}  // namespace

CalibrateView::CalibrateView(ProjectWorkspace* workspace, QWidget* parent) : QWidget(parent, Qt::Window), workspace_(workspace) {
  setObjectName(QStringLiteral("calibrateView"));
  setWindowTitle(tr("Calibrate & Backtest"));
  setMinimumSize(900, 600);
  job_ = new BackgroundJob(this);
  auto* layout = new QVBoxLayout(this);

  auto* controls = new QHBoxLayout;
  auto* form = new QFormLayout;
  form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
  component_ = new QLineEdit(QStringLiteral("api"), this);
  component_->setToolTip(tr("Name of the component the utilization/busy series describe (headroom-cli calibrate --component)"));
  name_ = new QLineEdit(QStringLiteral("calibrated-api"), this);
  servers_ = new QSpinBox(this);
  servers_->setRange(0, 100000);
  servers_->setSpecialValueText(tr("infer from the data"));
  servers_->setToolTip(tr("Workers of the component; 'infer' uses a busy-workers plateau or in-flight gauge (--servers)"));
  auto* row1 = new QHBoxLayout;
  row1->addWidget(component_, 1);
  row1->addWidget(new QLabel(tr("Servers:"), this));
  row1->addWidget(servers_, 1);
  form->addRow(tr("Component:"), row1);
  form->addRow(tr("Scenario name:"), name_);
  controls->addLayout(form, 1);
  fit_ = new QPushButton(tr("Fit"), this);
  fit_->setObjectName(QStringLiteral("fitButton"));
  create_ = new QPushButton(tr("Create Scenario"), this);
  create_->setObjectName(QStringLiteral("createScenarioButton"));
  backtest_ = new QPushButton(tr("Run Backtest"), this);
  backtest_->setObjectName(QStringLiteral("backtestButton"));
  auto* reload = new QPushButton(tr("Reload Series"), this);
  for (QPushButton* b : {reload, fit_, create_, backtest_}) controls->addWidget(b);
  layout->addLayout(controls);
  layout->addWidget(new JobBar(job_, this));

  auto* split = new QSplitter(Qt::Horizontal, this);
  auto* left = new QSplitter(Qt::Vertical, split);
  list_ = new QTreeWidget(left);
  list_->setObjectName(QStringLiteral("calibrationSeries"));
  list_->setHeaderLabels({tr("Series (checked = used)"), tr("Role"), tr("Unit")});
  list_->setRootIsDecorated(false);
  list_->header()->setSectionResizeMode(0, QHeaderView::Stretch);
  for (int c = 1; c < 3; ++c) list_->header()->setSectionResizeMode(c, QHeaderView::ResizeToContents);
  auto* pickBox = new QWidget(left);
  auto* pickLayout = new QVBoxLayout(pickBox);
  pickLayout->setContentsMargins(0, 0, 0, 0);
  window_ = new QLabel(pickBox);
  window_->setObjectName(QStringLiteral("windowLabel"));
  window_->setWordWrap(true);
  pickChart_ = new SeriesChart(pickBox);
  pickChart_->setObjectName(QStringLiteral("pickChart"));
  pickChart_->setWindowPicking(true);
  pickLayout->addWidget(window_);
  pickLayout->addWidget(pickChart_, 1);
  left->addWidget(list_);
  left->addWidget(pickBox);
  left->setStretchFactor(0, 2);
  left->setStretchFactor(1, 3);

  tabs_ = new QTabWidget(split);
  // Traffic fit
  auto* trafficTab = new QWidget(tabs_);
  auto* tl = new QVBoxLayout(trafficTab);
  auto* classRow = new QHBoxLayout;
  classRow->addWidget(new QLabel(tr("Traffic of class:"), trafficTab));
  fitClass_ = new QComboBox(trafficTab);
  fitClass_->setSizeAdjustPolicy(QComboBox::AdjustToContents);
  classRow->addWidget(fitClass_);
  classRow->addStretch(1);
  tl->addLayout(classRow);
  trafficChart_ = new SeriesChart(trafficTab);
  trafficChart_->setObjectName(QStringLiteral("trafficFitChart"));
  trafficSummary_ = new QLabel(tr("Press Fit."), trafficTab);
  trafficSummary_->setWordWrap(true);
  trafficSummary_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  tl->addWidget(trafficChart_, 1);
  tl->addWidget(trafficSummary_);
  tabs_->addTab(trafficTab, tr("Traffic fit"));
  // Service demand
  auto* demandTab = new QWidget(tabs_);
  auto* dl = new QVBoxLayout(demandTab);
  demandSummary_ = new QLabel(tr("Press Fit."), demandTab);
  demandSummary_->setWordWrap(true);
  demandSummary_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  demand_ = new QTableWidget(0, 6, demandTab);
  demand_->setObjectName(QStringLiteral("demandTable"));
  demand_->setHorizontalHeaderLabels({tr("Class"), tr("Mean rate (req/s)"), tr("Service time (ms)"), tr("Std error (ms)"), tr("CV"), tr("Shape from")});
  demand_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
  demand_->horizontalHeader()->setStretchLastSection(true);
  demand_->verticalHeader()->setVisible(false);
  dl->addWidget(demandSummary_);
  dl->addWidget(demand_, 1);
  tabs_->addTab(demandTab, tr("Service demand"));
  // Backtest
  auto* btTab = new QWidget(tabs_);
  auto* bl = new QVBoxLayout(btTab);
  verdict_ = new QLabel(tr("Fit, then Run Backtest: the calibrated model simulates the window and is compared with what monitoring saw."), btTab);
  verdict_->setObjectName(QStringLiteral("backtestVerdict"));
  verdict_->setWordWrap(true);
  verdict_->setMargin(4);
  verdict_->setAutoFillBackground(true);
  backtestCharts_ = new QWidget(btTab);
  new QHBoxLayout(backtestCharts_);
  backtestCharts_->layout()->setContentsMargins(0, 0, 0, 0);
  backtestRows_ = new QTableWidget(0, 6, btTab);
  backtestRows_->setObjectName(QStringLiteral("backtestTable"));
  backtestRows_->setHorizontalHeaderLabels({tr("Class / component"), tr("Metric"), tr("Observed"), tr("Simulated"), tr("Error"), tr("Rating")});
  backtestRows_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
  backtestRows_->horizontalHeader()->setStretchLastSection(true);
  backtestRows_->verticalHeader()->setVisible(false);
  auto* btSplit = new QSplitter(Qt::Vertical, btTab);
  btSplit->addWidget(backtestCharts_);
  btSplit->addWidget(backtestRows_);
  btSplit->setStretchFactor(0, 3);
  btSplit->setStretchFactor(1, 2);
  bl->addWidget(verdict_);
  bl->addWidget(btSplit, 1);
  tabs_->addTab(btTab, tr("Backtest"));

  split->addWidget(left);
  split->addWidget(tabs_);
  split->setStretchFactor(0, 2);
  split->setStretchFactor(1, 3);
  layout->addWidget(split, 1);

  connect(reload, &QPushButton::clicked, this, &CalibrateView::reloadSeries);
  connect(fit_, &QPushButton::clicked, this, &CalibrateView::fit);
  connect(create_, &QPushButton::clicked, this, &CalibrateView::createScenario);
  connect(backtest_, &QPushButton::clicked, this, &CalibrateView::runBacktest);
  connect(component_, &QLineEdit::textEdited, this, [this](const QString& text) { name_->setText(QStringLiteral("calibrated-") + text); });
  connect(list_, &QTreeWidget::itemChanged, this, [this] { redrawPickChart(); });
  connect(pickChart_, &SeriesChart::windowPicked, this, [this] { updateWindowLabel(); });
  connect(pickChart_, &SeriesChart::windowCleared, this, [this] { updateWindowLabel(); });
  connect(job_, &BackgroundJob::finished, this, [this](const QString& title, const QString& error, bool cancelled) {
    lastError_ = error;
    if (cancelled) verdict_->setText(tr("%1: cancelled.").arg(title));
    else if (!error.isEmpty()) {
      const QString text = tr("<span style='color:#b00020'><b>%1 failed:</b> %2</span>").arg(title, error.toHtmlEscaped());
      if (title == tr("Backtest")) verdict_->setText(text);
      else if (title == tr("Fitting")) {
        demandSummary_->setText(text);
        trafficSummary_->setText(text);
        emit fitted(false);
      } else window_->setText(text);
    }
    updateButtons();
  });
  connect(workspace_, &ProjectWorkspace::contentsChanged, this, [this] {
    if (isVisible() && series_.empty()) reloadSeries();
  });
  resize(1280, 820);
  updateWindowLabel();
  updateButtons();
}

void CalibrateView::updateButtons() {
  const bool idle = !job_->busy();
  fit_->setEnabled(idle && !series_.empty());
  create_->setEnabled(idle && calibrated_.has_value());
  backtest_->setEnabled(idle && calibrated_.has_value());
}

void CalibrateView::reloadSeries() {
  const QString path = workspace_->projectPath();
  if (path.isEmpty()) {
    window_->setText(tr("Open or create a project and import monitoring series first (File > Import Monitoring Data…)."));
    return;
  }
  if (job_->busy()) return;
  job_->start(tr("Loading series"), [this, p = path.toStdString()](Feedback& fb) -> BackgroundJob::Continuation {
    Project project = Project::open(p);
    auto infos = std::make_shared<std::vector<SeriesInfo>>(project.listSeries());
    auto points = std::make_shared<std::vector<TimeSeries>>();
    for (std::size_t i = 0; i < infos->size(); ++i) {
      if (fb.isCancelled()) return {};
      fb.setProgress(double(i) / double(infos->size()), "loading series");
      points->push_back(project.loadSeries((*infos)[i].id));
    }
    return [this, infos, points] {
      series_ = *infos;
      loaded_ = points;
      const CalibrationPick pick = pickFromRoles(series_);
      std::set<std::int64_t> used{pick.utilization_id, pick.busy_id, pick.in_flight_id};
      for (const auto& c : pick.classes) used.insert({c.throughput_id, c.p50_id, c.p95_id, c.p99_id});
      const QSignalBlocker block(list_);
      list_->clear();
      for (std::size_t i = 0; i < series_.size(); ++i) {
        const SeriesInfo& s = series_[i];
        const QString role = QString::fromStdString(storedSeriesRole(s));
        auto* item = new QTreeWidgetItem(list_, {QString::fromStdString(compactSeriesTitle(s)), role.isEmpty() ? tr("(no role)") : role,
                                                 QString::fromStdString(s.unit)});
        item->setToolTip(0, seriesTitle(s.name, s.labels) + tr("\n%1 points from %2").arg(s.point_count).arg(QString::fromStdString(s.source_file)));
        item->setData(0, Qt::UserRole, static_cast<qlonglong>(i));
        item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
        item->setCheckState(0, used.count(s.id) && !role.isEmpty() ? Qt::Checked : Qt::Unchecked);
        if (role.isEmpty()) item->setToolTip(1, tr("Give it a role in the import dialog to use it here."));
      }
      redrawPickChart();
      updateButtons();
      emit seriesListed();
    };
  });
}

CalibrationPick CalibrateView::currentPick() const {
  std::vector<SeriesInfo> checked;
  for (int i = 0; i < list_->topLevelItemCount(); ++i) {
    QTreeWidgetItem* item = list_->topLevelItem(i);
    if (item->checkState(0) == Qt::Checked) checked.push_back(series_[item->data(0, Qt::UserRole).toULongLong()]);
  }
  CalibrationPick pick = pickFromRoles(checked);
  pick.component = component_->text().trimmed().toStdString();
  pick.scenario_name = name_->text().trimmed().toStdString();
  if (servers_->value() > 0) pick.servers = servers_->value();
  if (auto w = pickChart_->pickedWindow()) {
    pick.from_s = w->first;
    pick.to_s = w->second;
  }
  return pick;
}

void CalibrateView::redrawPickChart() {
  pickChart_->clearAll();
  if (!loaded_) return;
  int n = 0;
  QString right;
  QStringList classes;
  for (int i = 0; i < list_->topLevelItemCount(); ++i) {
    QTreeWidgetItem* item = list_->topLevelItem(i);
    if (item->checkState(0) != Qt::Checked) continue;
    const std::size_t k = item->data(0, Qt::UserRole).toULongLong();
    const std::string role = storedSeriesRole(series_[k]);
    // Traffic on the left axis, utilization/busy on the right; latency stays off this chart (its own scale).
    if (role == "traffic") {
      const auto cls = series_[k].labels.find("class");
      const QString className = cls != series_[k].labels.end() ? QString::fromStdString(cls->second) : QString();
      pickChart_->addSeries((*loaded_)[k], tr("traffic %1").arg(className), paletteColor(n++));
      if (!className.isEmpty()) classes << className;
    } else if (role == "utilization" || role == "busy-workers") {
      pickChart_->addSeries((*loaded_)[k], role == "utilization" ? tr("utilization (right)") : tr("busy workers (right)"),
                            paletteColor(n++), true);
      right = unitAxisTitle(series_[k].unit);
    }
  }
  pickChart_->setAxisTitles(tr("requests/s"), right);
  pickChart_->fitAll();
  const QString current = fitClass_->currentText();
  fitClass_->clear();
  fitClass_->addItems(classes);
  if (classes.contains(current)) fitClass_->setCurrentText(current);
  updateWindowLabel();
}

void CalibrateView::updateWindowLabel() {
  if (auto w = pickChart_->pickedWindow())
    window_->setText(tr("<b>Window:</b> %1 → %2 (%3 min). Click the chart to use the whole series again.")
                         .arg(utc(w->first), utc(w->second))
                         .arg((w->second - w->first) / 60.0, 0, 'f', 1));
  else
    window_->setText(tr("<b>Window:</b> the whole series. Drag on the chart to pick a time window."));
}

void CalibrateView::fit() {
  const QString path = workspace_->projectPath();
  if (path.isEmpty() || job_->busy()) return;
  const CalibrationPick pick = currentPick();
  const std::string cls = fitClass_->currentText().toStdString();
  calibrated_.reset();
  updateButtons();
  job_->start(tr("Fitting"), [this, pick, cls, p = path.toStdString()](Feedback& fb) -> BackgroundJob::Continuation {
    Project project = Project::open(p);
    auto out = std::make_shared<FitOutcome>();
    out->request = buildCalibrationRequest(project, pick);
    fb.setProgress(0.3, "estimating service demand");
    out->outcome = calibrateScenario(out->request);
    if (out->outcome.ok) {
      const auto issues = validateScenario(out->outcome.scenario);
      if (!issues.empty()) {
        out->outcome.ok = false;
        out->outcome.error = "the calibrated scenario is not valid: " + issues.front().message();
      }
    }
    fb.setProgress(0.7, "fitting the traffic");
    for (const auto& c : out->request.classes)
      if (c.request_class == cls || cls.empty()) {
        out->trafficSeries = c.throughput;
        try {
          out->traffic = fitTraffic(c.throughput);
        } catch (const std::exception& e) {
          out->trafficError = QString::fromStdString(e.what());
        }
        break;
      }
    return [this, out] {
      const CalibrationOutcome& o = out->outcome;
      // Service demand
      demand_->setRowCount(static_cast<int>(o.demand.classes.size()));
      for (int k = 0; k < static_cast<int>(o.demand.classes.size()); ++k) {
        const auto& d = o.demand.classes[static_cast<std::size_t>(k)];
        demand_->setItem(k, 0, cell(QString::fromStdString(d.request_class)));
        demand_->setItem(k, 1, cell(num(d.mean_throughput_per_s, 4), true));
        demand_->setItem(k, 2, cell(num(d.service_time_s * 1e3, 4), true));
        demand_->setItem(k, 3, cell(num(d.std_error_s * 1e3, 2), true));
        const bool hasVar = static_cast<std::size_t>(k) < o.variability.size();
        demand_->setItem(k, 4, cell(hasVar ? num(o.variability[static_cast<std::size_t>(k)].cv, 3) : QString(), true));
        demand_->setItem(k, 5, cell(hasVar ? QString::fromStdString(o.variability[static_cast<std::size_t>(k)].method) : QString()));
      }
      const int dropped = o.demand.points_dropped_gap + o.demand.points_dropped_saturated + o.demand.points_dropped_unpaired;
      QString summary = tr("<b>Fit quality:</b> R² %1 over %2 samples used, %3 dropped (%4 saturated, %5 unpaired, %6 gaps); "
                           "background %7 busy servers; condition number %8.<br><b>Servers:</b> %9 (%10).<br><b>Window:</b> %11 → %12")
                            .arg(num(o.demand.r_squared, 4))
                            .arg(o.demand.points_used)
                            .arg(dropped)
                            .arg(o.demand.points_dropped_saturated)
                            .arg(o.demand.points_dropped_unpaired)
                            .arg(o.demand.points_dropped_gap)
                            .arg(num(o.demand.background_busy_servers, 3))
                            .arg(num(o.demand.condition_number, 3))
                            .arg(o.concurrency.servers)
                            .arg(QString::fromStdString(o.concurrency.method).toHtmlEscaped())
                            .arg(utc(out->request.window.from_s), utc(out->request.window.to_s));
      if (!o.ok) summary.prepend(tr("<span style='color:#b00020'><b>No scenario:</b> %1</span><br>").arg(QString::fromStdString(o.error).toHtmlEscaped()));
      QStringList notes;
      for (const auto& w : o.demand.warnings) notes << tr("warning: %1").arg(QString::fromStdString(w));
      for (const auto& n : o.notes) notes << tr("note: %1").arg(QString::fromStdString(n));
      if (!notes.isEmpty())
        summary += QStringLiteral("<br><small>") + notes.join(QLatin1Char('\n')).toHtmlEscaped().replace(QLatin1Char('\n'), QStringLiteral("<br>")) + QStringLiteral("</small>");
      demandSummary_->setText(summary);
      // Traffic fit: observed, the fitted central value, and the forecast with its 95% band as far ahead as the
      // window is long.
      trafficChart_->clearAll();
      if (out->traffic) {
        const TrafficFit& f = *out->traffic;
        trafficChart_->addSeries(out->trafficSeries, tr("observed"), QColor(90, 90, 90));
        const double span = std::max(f.last_time_s - f.first_time_s, 60.0);
        // As headroom-cli fit-traffic: below two days no growth is reported and nothing is extrapolated.
        const bool tooShort = !(span / 86400.0 >= kMinTrendDaysForGrowth);
        const double until = tooShort ? f.last_time_s : f.last_time_s + span;
        const int steps = 240;
        TimeSeries fitted, lower, upper;
        for (int i = 0; i <= steps; ++i) {
          const double t = f.first_time_s + (until - f.first_time_s) * i / steps;
          const TrafficForecast fc = f.forecast(t);
          fitted.time_s.push_back(t);
          fitted.value.push_back(fc.mean);
          lower.time_s.push_back(t);
          lower.value.push_back(fc.lower95);
          upper.time_s.push_back(t);
          upper.value.push_back(fc.upper95);
        }
        QCPGraph* lo = trafficChart_->addSeries(lower, tr("95% band"), QColor(31, 119, 180, 90));
        QCPGraph* hi = trafficChart_->addSeries(upper, QString(), QColor(31, 119, 180, 90));
        hi->setBrush(QColor(31, 119, 180, 45));
        hi->setChannelFillGraph(lo);
        trafficChart_->legend->removeItem(trafficChart_->legend->itemCount() - 1);
        QCPGraph* mid = trafficChart_->addSeries(fitted, tooShort ? tr("fitted level") : tr("trend + seasonality (forecast after the dashed line)"),
                                                 QColor(31, 119, 180));
        mid->setPen(QPen(QColor(31, 119, 180), 2));
        auto* edge = new QCPItemStraightLine(trafficChart_);
        edge->setVisible(!tooShort);
        edge->point1->setCoords(f.last_time_s, 0);
        edge->point2->setCoords(f.last_time_s, 1);
        edge->setPen(QPen(Qt::gray, 1, Qt::DashLine));
        trafficChart_->setAxisTitles(tr("requests/s"));
        trafficChart_->fitAll();
        QStringList fnotes;
        for (const auto& n : f.notes) fnotes << QString::fromStdString(n);
        const QString notesHtml = fnotes.isEmpty() ? QString() : QStringLiteral("<br><small>") + fnotes.join(QStringLiteral("\n")).toHtmlEscaped().replace(QLatin1Char('\n'), QStringLiteral("<br>")) + QStringLiteral("</small>");
        const QString quality = tr("R² %1, MAPE %2 %, %3 points used, %4 skipped; daily harmonics %5, weekly %6.")
                                    .arg(num(f.r_squared, 3), num(f.mape_percent, 3))
                                    .arg(f.points_used)
                                    .arg(f.points_skipped)
                                    .arg(f.daily_harmonics)
                                    .arg(f.weekly_harmonics);
        if (tooShort)
          trafficSummary_->setText(tr("<b>Growth: not estimated</b> — the window covers %1 h, too short to tell a trend from noise and "
                                      "the daily cycle (needs at least %2 days); nothing is extrapolated. ")
                                       .arg(span / 3600.0, 0, 'f', 1)
                                       .arg(kMinTrendDaysForGrowth) +
                                   quality + notesHtml);
        else
          trafficSummary_->setText(tr("<b>Growth:</b> %1 %/month (95%: %2 … %3). ")
                                       .arg(num(f.growth_percent_per_month, 3), num(f.growth_percent_per_month_lower95, 3),
                                            num(f.growth_percent_per_month_upper95, 3)) +
                                   quality + notesHtml);
      } else {
        trafficSummary_->setText(out->trafficError.isEmpty() ? tr("No traffic series is checked.") : tr("No traffic fit: %1").arg(out->trafficError));
      }
      trafficChart_->replot();
      if (o.ok) {
        calibrated_ = o.scenario;
        calibrationJson_ = calibrationOutcomeJson(o, out->request).dump();
      }
      updateButtons();
      emit fitted(o.ok);
    };
  });
}

void CalibrateView::createScenario() {
  if (!calibrated_ || job_->busy()) return;
  job_->start(tr("Saving scenario"), [this, s = *calibrated_, cal = calibrationJson_, p = workspace_->projectPath().toStdString()](Feedback&) -> BackgroundJob::Continuation {
    Project project = Project::open(p);
    const std::int64_t version = project.saveScenario(s.name, scenarioToJson(s).dump(), "calibrated in the desktop (Calibrate & Backtest)");
    project.saveCalibration(s.name, cal);
    return [this, s, version] {
      emit workspace_->contentsChanged();
      workspace_->openScenarioInEditor(s, tr("%1 v%2 (calibrated)").arg(QString::fromStdString(s.name)).arg(version));
      emit scenarioCreated(QString::fromStdString(s.name), version);
    };
  });
}

void CalibrateView::runBacktest() {
  if (!calibrated_ || job_->busy()) return;
  const CalibrationPick pick = currentPick();
  verdict_->setText(tr("Simulating the window…"));
  job_->start(tr("Backtest"), [this, pick, s = *calibrated_, p = workspace_->projectPath().toStdString()](Feedback& fb) -> BackgroundJob::Continuation {
    Project project = Project::open(p);
    const ObservedSeries observed = buildObservedSeries(project, pick);
    auto report = std::make_shared<BacktestReport>(backtest(s, observed, {}, &fb));
    return [this, report] {
      const BacktestReport& r = *report;
      const bool pass = r.verdict == "pass";
      QPalette pal = verdict_->palette();
      pal.setColor(QPalette::Window, pass ? QColor(220, 242, 220) : QColor(250, 222, 222));
      verdict_->setPalette(pal);
      QString text = pass ? tr("<b>Verdict: pass</b> — every compared metric is within 25% of what monitoring saw.")
                          : tr("<b>Verdict: fail</b> — off by more than 25%: %1.").arg(QString::fromStdString([&] {
                              std::string names;
                              for (const auto& f : r.failing) names += (names.empty() ? "" : ", ") + f;
                              return names;
                            }()).toHtmlEscaped());
      text += tr("<br><small>Simulated %1 s after a %2 s warm-up, windows of %3 s; worst error %4 %.</small>")
                  .arg(num(r.horizon_s, 4), num(r.warmup_s, 3), num(r.window_s, 3), num(100 * r.worstAbsRelativeError(), 3));
      verdict_->setText(text);
      backtestRows_->setRowCount(static_cast<int>(r.metrics.size()));
      for (int i = 0; i < static_cast<int>(r.metrics.size()); ++i) {
        const MetricComparison& m = r.metrics[static_cast<std::size_t>(i)];
        const bool latency = m.kpi.rfind("response_", 0) == 0;
        const double scale = latency ? 1e3 : 1.0;
        const QString unit = latency ? tr(" ms") : m.kpi == "throughput_per_s" ? tr(" req/s") : QString();
        backtestRows_->setItem(i, 0, cell(QString::fromStdString(m.entity)));
        backtestRows_->setItem(i, 1, cell(QString::fromStdString(m.kpi)));
        backtestRows_->setItem(i, 2, cell(num(m.observed_mean * scale, 4) + unit, true));
        backtestRows_->setItem(i, 3, cell(num(m.simulated_mean * scale, 4) + unit, true));
        backtestRows_->setItem(i, 4, cell(std::isfinite(m.relative_error) ? QStringLiteral("%1%2 %").arg(m.relative_error >= 0 ? "+" : "").arg(100 * m.relative_error, 0, 'f', 1) : QStringLiteral("—"), true));
        auto* rating = cell(QString::fromStdString(m.rating) + (m.note.empty() ? QString() : QStringLiteral(" — ") + QString::fromStdString(m.note)));
        rating->setForeground(m.rating == "poor" ? QColor(176, 0, 32) : m.rating == "fair" ? QColor(150, 100, 0) : QColor(0, 110, 40));
        backtestRows_->setItem(i, 5, rating);
      }
      QLayout* charts = backtestCharts_->layout();
      while (QLayoutItem* item = charts->takeAt(0)) {
        delete item->widget();
        delete item;
      }
      // One chart per kind of metric (its own unit); a kind without observed data gets none.
      for (QCustomPlot* plot :
           {comparisonChart(r, tr("Throughput"), [](const std::string& k) { return k == "throughput_per_s"; }, 1.0, tr("requests/s"), backtestCharts_),
            comparisonChart(r, tr("Utilization"), [](const std::string& k) { return k == "utilization"; }, 1.0, tr("ratio"), backtestCharts_),
            comparisonChart(r, tr("Latency"), [](const std::string& k) { return k.rfind("response_", 0) == 0; }, 1e3, tr("ms"), backtestCharts_)})
        if (plot) charts->addWidget(plot);
      tabs_->setCurrentIndex(2);
      emit backtestDone(QString::fromStdString(r.verdict));
    };
  });
}

}  // namespace headroom
