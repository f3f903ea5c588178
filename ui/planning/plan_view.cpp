#include "ui/planning/plan_view.h"

#include <qcustomplot.h>

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFile>
#include <QFileDialog>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>
#include <cmath>
#include <limits>
#include <stdexcept>

#include "simulator/cost/cost_recorder.h"
#include "simulator/cost/money.h"
#include "simulator/cost/scenario_cost.h"
#include "simulator/health/health.h"
#include "simulator/planning/plan.h"
#include "simulator/planning/plan_band.h"
#include "ui/jobs/background_job.h"
#include "ui/jobs/job_widgets.h"
#include "ui/chart_colors.h"
#include "ui/planning/chart_style.h"
#include "ui/planning/plan_explain.h"

namespace headroom::planning_views {
namespace {

QString q(const std::string& s) { return QString::fromStdString(s); }

QTableWidgetItem* cell(const QString& text) {
  auto* item = new QTableWidgetItem(text);
  item->setFlags(Qt::ItemIsSelectable | Qt::ItemIsEnabled);
  return item;
}

QTableWidget* makeTable(const QStringList& headers, QWidget* parent) {
  auto* t = new QTableWidget(0, headers.size(), parent);
  t->setHorizontalHeaderLabels(headers);
  t->verticalHeader()->hide();
  t->setSelectionBehavior(QAbstractItemView::SelectRows);
  t->setSelectionMode(QAbstractItemView::SingleSelection);
  t->setWordWrap(false);
  t->horizontalHeader()->setStretchLastSection(true);
  return t;
}

}  // namespace

PlanView::PlanView(std::function<Scenario()> scenario, QWidget* parent)
    : QWidget(parent), scenario_(std::move(scenario)), job_(new BackgroundJob(this)) {
  setObjectName(QStringLiteral("planView"));
  auto* layout = new QVBoxLayout(this);
  auto* bar = new QHBoxLayout;
  months_ = new QSpinBox(this);
  months_->setRange(1, 24);
  months_->setValue(3);
  months_->setSuffix(tr(" months"));
  p99_ = new QDoubleSpinBox(this);
  p99_->setRange(0, 60000);
  p99_->setDecimals(0);
  p99_->setSuffix(tr(" ms"));
  p99_->setSpecialValueText(tr("scenario's"));
  p99_->setToolTip(tr("End-to-end p99 objective; \"scenario's\" keeps the scenario's slo block"));
  errors_ = new QDoubleSpinBox(this);
  errors_->setRange(0, 100);
  errors_->setDecimals(2);
  errors_->setSuffix(tr(" %"));
  errors_->setSpecialValueText(tr("scenario's"));
  band_ = new QLineEdit(this);
  band_->setObjectName(QStringLiteral("growthBand"));
  band_->setPlaceholderText(tr("none (e.g. 4,8,12)"));
  band_->setToolTip(tr("Forecast band: P10,P50,P90 traffic growth in % per month, as plan --growth-band. The P50 path "
                       "is the scenario's own curve; the others tilt it. Empty = no band."));
  band_->setMinimumWidth(100);
  band_->setMaximumWidth(130);
  auto* fromFit = new QPushButton(tr("From Fit…"), this);
  fromFit->setToolTip(tr("Take the band from a fit-traffic --json file (as plan --traffic)"));
  connect(fromFit, &QPushButton::clicked, this, [this] {
    const QString f = QFileDialog::getOpenFileName(this, tr("Traffic fit (fit-traffic --json)"), QString(), tr("JSON (*.json)"));
    if (!f.isEmpty()) loadGrowthBandFromFit(f);
  });
  connect(band_, &QLineEdit::textEdited, this, [this] { fit_band_.reset(); });
  const JobControls controls = makeJobControls(this, job_, tr("Run Plan"));
  run_ = controls.run;
  cancel_ = controls.cancel;
  progress_ = controls.progress;
  status_ = controls.status;
  bar->addWidget(new QLabel(tr("Horizon"), this));
  bar->addWidget(months_);
  bar->addWidget(new QLabel(tr("p99 SLO"), this));
  bar->addWidget(p99_);
  bar->addWidget(new QLabel(tr("errors SLO"), this));
  bar->addWidget(errors_);
  bar->addWidget(new QLabel(tr("Band %/mo"), this));  // growth P10,P50,P90
  bar->addWidget(band_);
  bar->addWidget(fromFit);
  bar->addWidget(run_);
  bar->addWidget(cancel_);
  bar->addStretch(1);
  layout->addLayout(bar);
  // Progress and status on their own row: with the band field the controls alone fill a 1024 px window.
  auto* statusRow = new QHBoxLayout;
  progress_->setMaximumWidth(160);
  statusRow->addWidget(progress_);
  statusRow->addWidget(status_, 1);
  layout->addLayout(statusRow);
  headline_ = new QLabel(tr("Run a plan to see how long each component lasts as traffic grows."), this);
  headline_->setWordWrap(true);
  headline_->setObjectName(QStringLiteral("planHeadline"));
  layout->addWidget(headline_);

  auto* split = new QSplitter(Qt::Horizontal, this);
  plot_ = new QCustomPlot(split);
  plot_->setMinimumSize(360, 300);
  split->addWidget(plot_);
  auto* side = new QSplitter(Qt::Vertical, split);
  runways_ = makeTable({tr("Component"), tr("Runway"), tr("Binding"), tr("Growth"), tr("Scales")}, side);
  runways_->setObjectName(QStringLiteral("runwayTable"));
  auto* whyBox = new QGroupBox(tr("Why it breaks"), side);
  auto* whyLayout = new QVBoxLayout(whyBox);
  auto* whyScroll = new QScrollArea(whyBox);  // a long explanation scrolls instead of being cut
  whyScroll->setWidgetResizable(true);
  whyScroll->setFrameShape(QFrame::NoFrame);
  why_ = new QLabel(tr("Click a component in the runway table."), whyScroll);
  whyScroll->setWidget(why_);
  why_->setWordWrap(true);
  why_->setAlignment(Qt::AlignTop | Qt::AlignLeft);
  why_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  whyLayout->setContentsMargins(4, 4, 4, 4);
  whyLayout->addWidget(whyScroll);
  alerts_ = makeTable({tr("Fires after"), tr("Alert"), tr("Entity"), tr("Value")}, side);
  alerts_->setObjectName(QStringLiteral("alertTable"));
  side->addWidget(runways_);
  side->addWidget(whyBox);
  side->addWidget(alerts_);
  side->setStretchFactor(0, 3);
  side->setStretchFactor(1, 2);
  side->setStretchFactor(2, 2);
  split->addWidget(side);
  split->setStretchFactor(0, 3);
  split->setStretchFactor(1, 2);
  split->setSizes({600, 400});  // the timeline keeps 60% of the width at any window size
  side->setSizes({300, 200, 250});
  layout->addWidget(split, 1);

  connect(run_, &QPushButton::clicked, this, &PlanView::runPlan);
  connect(runways_, &QTableWidget::currentCellChanged, this, [this](int row) {
    if (row >= 0 && runways_->item(row, 0)) selectComponent(runways_->item(row, 0)->text());
  });
}

void PlanView::setMonths(int months) { months_->setValue(months); }

void PlanView::setSloOverrides(double p99_ms, double error_percent) {
  p99_->setValue(p99_ms);
  errors_->setValue(error_percent);
}

void PlanView::setGrowthBand(const QString& text) {
  fit_band_.reset();
  band_->setText(text);
}

void PlanView::loadGrowthBandFromFit(const QString& fit_json_path) {
  QFile f(fit_json_path);
  try {
    if (!f.open(QIODevice::ReadOnly)) throw std::invalid_argument(f.errorString().toStdString());
    fit_band_ = planning::growthBandFromFitJson(f.readAll().toStdString(), fit_json_path.toStdString());
    band_->setText(QStringLiteral("%1,%2,%3")
                       .arg(fit_band_->p10_percent_per_month, 0, 'g', 4)
                       .arg(fit_band_->p50_percent_per_month, 0, 'g', 4)
                       .arg(fit_band_->p90_percent_per_month, 0, 'g', 4));
    status_->setText(tr("Band from %1").arg(q(fit_band_->source)));
  } catch (const std::exception& e) {
    fit_band_.reset();
    status_->setText(tr("Fit not read: %1: %2").arg(fit_json_path, q(e.what())));
  }
}

QString PlanView::errorText() const { return error_; }

void PlanView::cancel() { job_->cancel(); }

void PlanView::runPlan() {
  Scenario scenario = scenario_();
  planning::PlanOptions options;
  options.horizon_s = months_->value() * 30.0 * 86400.0;
  options.point_interval_s = options.horizon_s > 62 * 86400.0 ? 86400.0 : 3600.0;  // as the CLI
  options.check_windows = planning::kRecommendedCheckWindows;  // the same request-level checks as `plan`
  // Overrides start from the scenario's SLO (its alert rules and thresholds stay) and replace what is set.
  if (p99_->value() > 0 || errors_->value() > 0) {
    SloSpec slo = planning::effectiveSlo(scenario, {});
    if (p99_->value() > 0) slo.p99_s = p99_->value() / 1000.0;
    if (errors_->value() > 0) slo.error_ratio = errors_->value() / 100.0;
    options.slo = slo;
  }
  // Priced when the scenario says what it runs on: the plan then carries its cost per billing month.
  auto catalog = std::make_shared<cost::PriceCatalog>(cost::builtinCatalog());
  if (cost::hasPricing(scenario)) {
    options.price_catalog = catalog.get();
    options.priced_on = cost::todayUtc();
  }
  std::optional<planning::GrowthBand> band = fit_band_;
  if (!band && !band_->text().trimmed().isEmpty()) {
    try {
      band = planning::growthBandFromText(band_->text().trimmed().toStdString(), "growth band " + band_->text().trimmed().toStdString());
    } catch (const std::invalid_argument& e) {
      error_ = tr("growth band %1").arg(q(e.what()));
      status_->setText(tr("Plan refused: %1").arg(error_));
      headline_->setText(tr("<b>The plan could not run:</b> %1").arg(error_.toHtmlEscaped()));
      emit planFinished();
      return;
    }
  }
  auto out = std::make_shared<planning::PlanResult>();
  error_.clear();
  status_->setText(tr("Planning %1 months…").arg(months_->value()));
  progress_->setValue(0);
  job_->start(tr("Planning"), [scenario, options, out, catalog, band](Feedback& fb) {
                *out = band ? planning::runPlanBand(scenario, options, *band, &fb) : planning::runPlan(scenario, options, &fb);
              },
              [this, out, scenario](const QString& error) {
                if (!error.isEmpty()) {
                  error_ = error;
                  status_->setText(tr("Plan refused: %1").arg(error));
                  headline_->setText(tr("<b>The plan could not run:</b> %1").arg(error.toHtmlEscaped()));
                } else {
                  planned_scenario_ = scenario;  // its alert rules give the alert values their units
                  result_ = std::move(*out);
                  status_->setText(result_->cancelled ? tr("Cancelled: partial plan shown")
                                                      : tr("Planned in %1 s").arg(result_->wall_time_s, 0, 'f', 1));
                  showResult();
                }
                emit planFinished();
              });
}

void PlanView::showResult() {
  const planning::PlanResult& r = *result_;
  QString head;
  if (r.first_to_break.empty()) {
    head = tr("<b>Nothing breaks</b> within %1.").arg(q(formatPlanTime(r.horizon_s)));
  } else {
    const auto it = std::find_if(r.runways.begin(), r.runways.end(), [&](const planning::Runway& w) { return w.component == r.first_to_break; });
    head = tr("<b>First to break: %1</b> after %2 (%3).")
               .arg(q(r.first_to_break).toHtmlEscaped(), q(formatPlanTime(it != r.runways.end() ? it->break_at_s : 0)),
                    q(it != r.runways.end() ? it->condition : std::string()).toHtmlEscaped());
  }
  if (r.slo_breach_at_s)
    head += tr(" End-to-end SLO broken after %1 (%2); violated %3 h in %4 episode(s).")
                .arg(q(formatPlanTime(*r.slo_breach_at_s)), q(r.slo_breach_condition).toHtmlEscaped())
                .arg(r.slo_violation_s / 3600.0, 0, 'f', 1)
                .arg(r.slo_violation_episodes);
  if (r.band) {
    auto t = [&](const std::optional<double>& v) { return v ? q(formatPlanTime(*v)) : tr("holds"); };
    head += tr(" Forecast band %1 / %2 / %3 %/month (P10/P50/P90): SLO breach P10 %4, P90 %5.")
                .arg(r.band->growth.p10_percent_per_month, 0, 'g', 4)
                .arg(r.band->growth.p50_percent_per_month, 0, 'g', 4)
                .arg(r.band->growth.p90_percent_per_month, 0, 'g', 4)
                .arg(t(r.band->slo_breach_at_s_p10), t(r.band->slo_breach_at_s_p90));
  }
  if (r.cost && !r.cost->months.empty())
    head += tr(" Cost over the plan: %1 (first month %2, last %3 per month; catalog %4).")
                .arg(q(cost::formatUsd(r.cost->total_usd)), q(cost::formatUsd(r.cost->months.front().usd_per_month)),
                     q(cost::formatUsd(r.cost->months.back().usd_per_month)), q(r.cost->catalog_version).toHtmlEscaped());
  for (const std::string& w : r.trust_warnings) head += QStringLiteral("<br><i>") + tr("Caution: ") + q(w).toHtmlEscaped() + QStringLiteral("</i>");
  headline_->setText(head);

  runways_->setRowCount(0);
  for (const planning::Runway& w : r.runways) {
    const int row = runways_->rowCount();
    runways_->insertRow(row);
    runways_->setItem(row, 0, cell(q(w.component)));
    runways_->setItem(row, 1, cell(w.breaks ? q(formatPlanTime(w.break_at_s)) : tr("> %1").arg(q(formatPlanTime(r.horizon_s)))));
    runways_->setItem(row, 2, cell(w.breaks ? q(planning::bindingReasonName(w.reason)) : tr("—")));
    runways_->setItem(row, 3, cell(!std::isfinite(w.growth_factor) ? tr("unbounded")
                                   : w.growth_factor > 0          ? QStringLiteral("%1x").arg(w.growth_factor, 0, 'f', 2)
                                                                  : tr("—")));
    runways_->setItem(row, 4, cell(!w.scales_horizontally ? tr("no")
                                   : w.max_replicas > 0   ? tr("yes, max %1").arg(w.max_replicas)
                                                          : tr("yes, no cap")));
    if (w.breaks) runways_->item(row, 1)->setForeground(QColor(180, 30, 30));
    if (r.band)
      for (const planning::RunwayBand& b : r.band->runways)
        if (b.component == w.component) {
          auto t = [](const std::optional<double>& v) { return v ? q(formatPlanTime(*v)) : tr("holds"); };
          runways_->item(row, 1)->setText(runways_->item(row, 1)->text() + tr(" (P10 %1, P90 %2)").arg(t(b.break_at_s_p10), t(b.break_at_s_p90)));
        }
  }
  runways_->resizeColumnsToContents();
  alerts_->setRowCount(0);
  for (const planning::AlertFiring& a : r.alerts) {
    const int row = alerts_->rowCount();
    alerts_->insertRow(row);
    alerts_->setItem(row, 0, cell(q(formatPlanTime(a.at_s))));
    alerts_->setItem(row, 1, cell(q(a.rule)));
    alerts_->setItem(row, 2, cell(q(a.entity)));
    alerts_->setItem(row, 3, cell(q(formatAlertValue(planned_scenario_, a.rule, a.value))));
  }
  alerts_->resizeColumnsToContents();
  selected_.clear();
  if (!r.runways.empty()) runways_->setCurrentCell(0, 0);  // the most urgent: selectComponent via the signal
  if (selected_.isEmpty()) drawTimeline();
}

void PlanView::selectComponent(const QString& name) {
  selected_ = name;
  if (!result_) return;
  for (const planning::Runway& w : result_->runways) {
    if (q(w.component) != name) continue;
    QString text;
    for (const std::string& p : explainRunway(w, result_->horizon_s)) text += QStringLiteral("<p>") + q(p).toHtmlEscaped() + QStringLiteral("</p>");
    why_->setText(text);
  }
  drawTimeline();
}

QString PlanView::explanationText() const { return why_->text(); }

void PlanView::drawTimeline() {
  const planning::PlanResult& r = *result_;
  const auto compIt = std::find(r.component_names.begin(), r.component_names.end(), selected_.toStdString());
  const int comp = compIt == r.component_names.end() ? -1 : static_cast<int>(compIt - r.component_names.begin());
  const bool priced = r.cost && !r.cost->months.empty();
  QList<QCPAxisRect*> rects = stackedPanels(plot_, priced ? 5 : 4, tr("days from the scenario's start"));
  QVector<double> x, traffic, util, p99, compP99, replicas;
  for (const planning::TimelinePoint& p : r.timeline) {
    x.push_back(p.start_s / 86400.0);
    traffic.push_back(p.end_to_end.offered_per_s);
    p99.push_back(p.end_to_end.response_p99_max_s * 1000.0);
    if (comp >= 0) {
      const planning::ComponentPoint& c = p.components[static_cast<std::size_t>(comp)];
      util.push_back(c.utilization_max * 100.0);
      compP99.push_back(c.response_p99_max_s * 1000.0);
      replicas.push_back(c.replicas_max);
    }
  }
  auto line = [&](QCPAxisRect* rect, const QVector<double>& y, const QColor& color, const QString& name, Qt::PenStyle style = Qt::SolidLine) {
    QCPGraph* g = plot_->addGraph(rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft));
    g->setData(x, y, true);
    g->setPen(QPen(color, 1.4, style));
    g->setName(name);
    g->rescaleAxes();
    return g;
  };
  const QString who = comp >= 0 ? selected_ : tr("(no component)");
  line(rects[0], traffic, paletteColor(0), tr("offered traffic"));
  QVector<double> p10, p90;
  if (r.band) {
    // The forecast band around the P50 traffic: the P10 and P90 growth paths, filled between.
    for (int i = 0; i < x.size(); ++i) {
      p10.push_back(traffic[i] * bandTrafficFactor(r.band->growth, x[i] * 86400.0, r.band->growth.p10_percent_per_month));
      p90.push_back(traffic[i] * bandTrafficFactor(r.band->growth, x[i] * 86400.0, r.band->growth.p90_percent_per_month));
    }
    QCPGraph* lo = line(rects[0], p10, paletteColor(0).lighter(150), tr("P10 traffic"), Qt::DotLine);
    QCPGraph* hi = line(rects[0], p90, paletteColor(0).lighter(150), tr("P90 traffic"), Qt::DotLine);
    QColor fill = paletteColor(0);
    fill.setAlpha(40);
    hi->setBrush(fill);
    hi->setChannelFillGraph(lo);
    for (QCPGraph* g : {lo, hi}) g->rescaleAxes(true);
  }
  styleAxisRect(rects[0], tr("traffic\n(req/s)"));
  // The component's own colour, as in every other chart of the desktop.
  const QColor compColor = componentColor(planned_scenario_, selected_.toStdString());
  line(rects[1], util, compColor, tr("%1 utilization (worst step)").arg(who));
  styleAxisRect(rects[1], tr("%1\nutil. (%)").arg(who));
  rects[1]->axis(QCPAxis::atLeft)->setRange(0, 105);
  line(rects[2], p99, paletteColor(0), tr("end-to-end p99"));
  if (comp >= 0) line(rects[2], compP99, compColor, tr("%1 p99").arg(who), Qt::DashLine);
  styleAxisRect(rects[2], tr("p99 (ms)"));
  line(rects[3], replicas, compColor, tr("%1 replicas").arg(who));
  styleAxisRect(rects[3], tr("%1\nreplicas").arg(who));
  auto hline = [&](QCPAxisRect* rect, double y, const QString& label) {
    auto* l = new QCPItemStraightLine(plot_);
    l->setClipAxisRect(rect);
    l->point1->setAxes(rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft));
    l->point2->setAxes(rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft));
    l->point1->setCoords(0, y);
    l->point2->setCoords(1, y);
    l->setPen(QPen(QColor(200, 0, 0), 1.2, Qt::DashLine));
    auto* t = new QCPItemText(plot_);
    t->setClipAxisRect(rect);
    t->position->setAxes(rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft));
    t->setPositionAlignment(Qt::AlignLeft | Qt::AlignBottom);
    t->position->setType(QCPItemPosition::ptAxisRectRatio);
    t->position->setAxisRect(rect);
    t->position->setCoords(0.01, 0.0);
    t->setText(label);
    t->setColor(QColor(200, 0, 0));
    t->setFont(QFont(plot_->font().family(), 8));
    return t;
  };
  hline(rects[1], r.slo.utilization_threshold * 100.0, tr("threshold"));
  if (r.slo.p99_s) {
    hline(rects[2], *r.slo.p99_s * 1000.0, tr("SLO"));
    QCPRange range = rects[2]->axis(QCPAxis::atLeft)->range();
    rects[2]->axis(QCPAxis::atLeft)->setRange(0, std::max(range.upper, *r.slo.p99_s * 1000.0 * 1.15));
  }
  for (QCPAxisRect* rect : rects) {
    QCPRange range = rect->axis(QCPAxis::atLeft)->range();
    if (rect != rects[1]) rect->axis(QCPAxis::atLeft)->setRange(std::min(0.0, range.lower), range.upper * 1.1 + 1e-9);
    rect->axis(QCPAxis::atBottom)->setRange(0, r.horizon_s / 86400.0);
  }
  // Traffic that grows by orders of magnitude and a p99 that explodes once a queue grows without bound would
  // flatten everything before the break on a linear axis: those panels switch to a log axis (said in the label).
  auto logIfWide = [&](QCPAxisRect* rect, const QVector<double>& a, const QVector<double>& b, const QString& label) {
    double lo = std::numeric_limits<double>::infinity(), hi = 0;
    for (const QVector<double>* v : {&a, &b})
      for (double y : *v)
        if (y > 0 && std::isfinite(y)) lo = std::min(lo, y), hi = std::max(hi, y);
    if (!(hi > 0) || hi / lo < 1000) return;
    QCPAxis* axis = rect->axis(QCPAxis::atLeft);
    axis->setScaleType(QCPAxis::stLogarithmic);
    QSharedPointer<QCPAxisTickerLog> ticker(new QCPAxisTickerLog);
    ticker->setSubTickCount(0);
    axis->setTicker(ticker);
    axis->setNumberFormat(QStringLiteral("eb"));
    axis->setNumberPrecision(0);
    axis->setRange(lo / 2, hi * 2);
    axis->setLabel(label);
  };
  logIfWide(rects[0], traffic, r.band ? p90 : QVector<double>{}, tr("traffic\n(req/s, log)"));
  if (priced) {
    // Monthly cost: one bar per billing month (730 h, the last maybe partial, drawn over its own span), scaled
    // to a full month; the band's P10-P90 as error bars when the plan has one.
    QCPAxisRect* rect = rects[4];
    auto* bars = new QCPBars(rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft));
    QVector<double> mx, my, lowErr, highErr;
    double width = 0;
    for (const planning::PlanMonthCost& m : r.cost->months) {
      mx.push_back((m.start_s + m.end_s) / 2 / 86400.0);
      my.push_back(m.usd_per_month);
      width = std::max(width, (m.end_s - m.start_s) / 86400.0);
      double lo = 0, hi = 0;
      if (r.band)
        for (const planning::MonthCostBand& b : r.band->cost_by_month)
          if (b.month == m.month) lo = m.usd_per_month - b.usd_per_month_p10, hi = b.usd_per_month_p90 - m.usd_per_month;
      lowErr.push_back(std::max(0.0, lo));
      highErr.push_back(std::max(0.0, hi));
    }
    bars->setWidth(width * 0.85);
    bars->setData(mx, my, true);
    bars->setPen(QPen(paletteColor(4).darker(120)));
    bars->setBrush(paletteColor(4).lighter(130));
    if (r.band) {
      auto* err = new QCPErrorBars(rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft));
      err->setDataPlottable(bars);
      err->setData(lowErr, highErr);
    }
    styleAxisRect(rect, tr("cost\n(USD/month)"));
    bars->rescaleAxes();
    rect->axis(QCPAxis::atLeft)->setRange(0, rect->axis(QCPAxis::atLeft)->range().upper * 1.2 + 1e-9);
    rect->axis(QCPAxis::atBottom)->setRange(0, r.horizon_s / 86400.0);
  }
  logIfWide(rects[2], p99, compP99, tr("p99\n(ms, log)"));
  // A fluid queue that grows without bound gives p99s of 10^30 ms and more: past 1,000x the SLO the number says
  // only "unbounded", so the axis stops there and says so rather than spending its decades on it.
  if (r.slo.p99_s && rects[2]->axis(QCPAxis::atLeft)->scaleType() == QCPAxis::stLogarithmic &&
      rects[2]->axis(QCPAxis::atLeft)->range().upper > *r.slo.p99_s * 1000.0 * 1000.0) {
    rects[2]->axis(QCPAxis::atLeft)->setRangeUpper(*r.slo.p99_s * 1000.0 * 1000.0);
    auto* note = new QCPItemText(plot_);
    note->setClipAxisRect(rects[2]);
    note->position->setType(QCPItemPosition::ptAxisRectRatio);
    note->position->setAxisRect(rects[2]);
    note->position->setCoords(0.99, 0.02);
    note->setPositionAlignment(Qt::AlignRight | Qt::AlignTop);
    note->setText(tr("cut at 1,000x the SLO: above it the queue grows without bound"));
    note->setColor(QColor(90, 90, 90));
    note->setFont(QFont(plot_->font().family(), 8));
  }
  // Runway markers: where each component's runway ends, in every panel; named in the top one.
  int marker = 0;
  for (const planning::Runway& w : r.runways) {
    if (!w.breaks) continue;
    const bool isSelected = q(w.component) == selected_;
    for (QCPAxisRect* rect : rects) {
      auto* v = new QCPItemStraightLine(plot_);
      v->setClipAxisRect(rect);
      v->point1->setAxes(rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft));
      v->point2->setAxes(rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft));
      v->point1->setCoords(w.break_at_s / 86400.0, 0);
      v->point2->setCoords(w.break_at_s / 86400.0, 1);
      v->setPen(QPen(isSelected ? QColor(200, 0, 0) : QColor(150, 150, 150), isSelected ? 1.6 : 1.0, Qt::DashDotLine));
    }
    if (marker < 4 || isSelected) {
      auto* t = new QCPItemText(plot_);
      t->setClipAxisRect(rects[0]);
      t->position->setAxes(rects[0]->axis(QCPAxis::atBottom), rects[0]->axis(QCPAxis::atLeft));
      t->position->setTypeY(QCPItemPosition::ptAxisRectRatio);
      t->position->setAxisRect(rects[0]);
      t->position->setCoords(w.break_at_s / 86400.0, 0.04 + 0.16 * (marker % 4));
      t->setPositionAlignment(Qt::AlignLeft | Qt::AlignTop);
      t->setText(QStringLiteral(" ") + q(w.component));
      t->setColor(isSelected ? QColor(200, 0, 0) : QColor(90, 90, 90));
      t->setFont(QFont(plot_->font().family(), 8));
      ++marker;
    }
  }
  plot_->replot();
}

}  // namespace headroom::planning_views
