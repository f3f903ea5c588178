#include "ui/planning/optimizer_view.h"

#include <qcustomplot.h>

#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>

#include "simulator/cost/money.h"
#include "simulator/cost/scenario_cost.h"
#include "ui/planning/background_job.h"
#include "ui/planning/chart_style.h"
#include "ui/planning/price_book_table.h"
#include "ui/planning/sweep_view.h"

namespace headroom::planning_views {
namespace {

QString q(const std::string& s) { return QString::fromStdString(s); }

std::string pointLabel(const nlohmann::json& values) {
  std::string out;
  for (auto it = values.begin(); it != values.end(); ++it) {
    if (!out.empty()) out += ", ";
    out += it.key() + "=" + (it.value().is_string() ? it.value().get<std::string>() : it.value().dump());
  }
  return out.empty() ? "base" : out;
}

}  // namespace

OptimizerView::OptimizerView(SweepView* sweeps, PriceBookTable* prices, std::function<void(const Scenario&, const QString&)> apply,
                             QWidget* parent)
    : QWidget(parent), sweeps_(sweeps), prices_(prices), apply_(std::move(apply)), job_(new BackgroundJob(this)) {
  setObjectName(QStringLiteral("optimizerView"));
  auto* layout = new QVBoxLayout(this);
  auto* note = new QLabel(tr("Candidates: the points defined in the Sweeps tab, each run with its cost (the optimizer's own search is not "
                             "in this build yet). The chosen configuration is the cheapest on the Pareto front whose p99 meets the "
                             "objective."),
                          this);
  note->setWordWrap(true);
  layout->addWidget(note);
  auto* bar = new QHBoxLayout;
  p99_ = new QDoubleSpinBox(this);
  p99_->setRange(1, 600000);
  p99_->setDecimals(0);
  p99_->setValue(300);
  p99_->setSuffix(tr(" ms"));
  const JobControls controls = makeJobControls(this, job_, tr("Evaluate Candidates"));
  run_ = controls.run;
  cancel_ = controls.cancel;
  progress_ = controls.progress;
  status_ = controls.status;
  apply_button_ = new QPushButton(tr("Apply as New Version"), this);
  apply_button_->setEnabled(false);
  bar->addWidget(new QLabel(tr("p99 objective"), this));
  bar->addWidget(p99_);
  bar->addWidget(run_);
  bar->addWidget(cancel_);
  bar->addWidget(progress_);
  bar->addWidget(apply_button_);
  bar->addStretch(1);
  layout->addLayout(bar);
  layout->addWidget(status_);
  auto* split = new QSplitter(Qt::Horizontal, this);
  plot_ = new QCustomPlot(split);
  plot_->setMinimumSize(320, 240);
  table_ = new QTableWidget(0, 4, split);
  table_->setObjectName(QStringLiteral("tradeoffTable"));
  table_->setHorizontalHeaderLabels({tr("Configuration"), tr("USD / month"), tr("p99 (ms)"), tr("Front")});
  table_->verticalHeader()->hide();
  table_->setSelectionBehavior(QAbstractItemView::SelectRows);
  table_->setSelectionMode(QAbstractItemView::SingleSelection);
  table_->horizontalHeader()->setStretchLastSection(true);
  split->addWidget(plot_);
  split->addWidget(table_);
  split->setStretchFactor(0, 3);
  split->setStretchFactor(1, 2);
  layout->addWidget(split, 1);

  connect(run_, &QPushButton::clicked, this, &OptimizerView::evaluate);
  connect(apply_button_, &QPushButton::clicked, this, &OptimizerView::applySelected);
}

void OptimizerView::setP99ObjectiveMs(double ms) { p99_->setValue(ms); }
void OptimizerView::cancel() { job_->cancel(); }
QString OptimizerView::statusText() const { return status_->text(); }

void OptimizerView::evaluate() {
  std::vector<std::pair<std::string, Scenario>> configurations;
  int replications = 1;
  try {
    const sweep::SweepPlan plan = sweeps_->currentPlan();
    replications = plan.replications;
    for (const sweep::SweepPoint& p : plan.points) configurations.emplace_back(pointLabel(p.values), p.scenario);
  } catch (const std::exception& e) {
    status_->setText(tr("Define a sweep first (Sweeps view): %1").arg(QString::fromUtf8(e.what())));
    emit evaluated();
    return;
  }
  if (!configurations.empty() && !cost::hasPricing(configurations.front().second)) {
    status_->setText(tr("The scenario has no pricing block: its cost cannot be computed (docs/cost.md)."));
    emit evaluated();
    return;
  }
  auto catalog = std::make_shared<cost::PriceCatalog>(prices_->catalog());
  const std::string today = cost::todayUtc();
  const double objective_s = p99_->value() / 1000.0;
  auto out = std::make_shared<Tradeoff>();
  progress_->setValue(0);
  job_->start(
      [configurations, catalog, today, objective_s, replications, out](Feedback& fb) {
        *out = evaluateTradeoff(configurations, cost::PricingContext{catalog.get(), today}, objective_s, replications, &fb);
      },
      [this, out](const QString& error) {
        if (!error.isEmpty()) {
          status_->setText(tr("Failed: %1").arg(error));
        } else {
          result_ = std::move(*out);
          showResult();
        }
        emit evaluated();
      });
}

void OptimizerView::showResult() {
  const Tradeoff& t = *result_;
  table_->setRowCount(0);
  QVector<double> cx, cy, fx, fy;
  std::vector<std::pair<double, double>> front;
  for (const TradeoffPoint& p : t.points) {
    const int row = table_->rowCount();
    table_->insertRow(row);
    const bool chosen = t.chosen && *t.chosen == static_cast<std::size_t>(row);
    auto* name = new QTableWidgetItem(q(p.label) + (chosen ? tr("  (chosen)") : QString()));
    auto* usd = new QTableWidgetItem(q(cost::formatUsd(p.usd_per_month.mean)) + QStringLiteral(" ± ") + q(cost::formatUsd(p.usd_per_month.half_width)));
    auto* p99 = new QTableWidgetItem(QStringLiteral("%1 ± %2").arg(p.p99_s.mean * 1000, 0, 'f', 1).arg(p.p99_s.half_width * 1000, 0, 'f', 1));
    auto* onFront = new QTableWidgetItem(p.pareto ? tr("yes") : QString());
    for (QTableWidgetItem* item : {name, usd, p99, onFront}) {
      item->setFlags(Qt::ItemIsSelectable | Qt::ItemIsEnabled);
      if (chosen) item->setBackground(QColor(255, 236, 200));
    }
    table_->setItem(row, 0, name);
    table_->setItem(row, 1, usd);
    table_->setItem(row, 2, p99);
    table_->setItem(row, 3, onFront);
    cx.push_back(p.usd_per_month.mean);
    cy.push_back(p.p99_s.mean * 1000);
    if (p.pareto) front.emplace_back(p.usd_per_month.mean, p.p99_s.mean * 1000);
  }
  table_->resizeColumnsToContents();
  std::sort(front.begin(), front.end());
  for (auto [x, y] : front) {
    fx.push_back(x);
    fy.push_back(y);
  }
  QList<QCPAxisRect*> rects = stackedPanels(plot_, 1, tr("cost (USD per month)"));
  QCPAxisRect* rect = rects.front();
  auto* all = plot_->addGraph(rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft));
  all->setData(cx, cy);
  all->setLineStyle(QCPGraph::lsNone);
  all->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, QColor(120, 120, 120), 6));
  all->setName(tr("candidates"));
  auto* frontGraph = plot_->addGraph(rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft));
  frontGraph->setData(fx, fy, true);
  frontGraph->setPen(QPen(seriesColor(0), 1.6));
  frontGraph->setLineStyle(QCPGraph::lsStepLeft);
  frontGraph->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, seriesColor(0), 7));
  frontGraph->setName(tr("Pareto front"));
  styleAxisRect(rect, tr("end-to-end p99 (ms)"));
  plot_->rescaleAxes();
  for (QCPAxis* a : {rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft)}) a->scaleRange(1.2, a->range().center());
  rect->axis(QCPAxis::atLeft)->setRangeLower(0);
  auto* objective = new QCPItemStraightLine(plot_);
  objective->setClipAxisRect(rect);
  objective->point1->setCoords(0, t.p99_objective_s * 1000);
  objective->point2->setCoords(1, t.p99_objective_s * 1000);
  objective->setPen(QPen(QColor(200, 0, 0), 1.2, Qt::DashLine));
  if (rect->axis(QCPAxis::atLeft)->range().upper < t.p99_objective_s * 1000 * 1.1)
    rect->axis(QCPAxis::atLeft)->setRangeUpper(t.p99_objective_s * 1000 * 1.1);
  if (t.chosen) {
    const TradeoffPoint& c = t.points[*t.chosen];
    auto* chosen = plot_->addGraph(rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft));
    chosen->setData({c.usd_per_month.mean}, {c.p99_s.mean * 1000});
    chosen->setLineStyle(QCPGraph::lsNone);
    chosen->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssStar, QColor(230, 120, 0), 16));
    chosen->setName(tr("chosen"));
    auto* label = new QCPItemText(plot_);
    label->setClipAxisRect(rect);
    label->position->setCoords(c.usd_per_month.mean, c.p99_s.mean * 1000);
    label->setPositionAlignment(Qt::AlignLeft | Qt::AlignBottom);
    label->setText(QStringLiteral("  ") + q(c.label));
    label->setColor(QColor(160, 80, 0));
    table_->selectRow(static_cast<int>(*t.chosen));
  }
  addInsetLegend(rect, Qt::AlignBottom | Qt::AlignRight);  // the costly-and-slow corner stays visible
  plot_->replot();
  apply_button_->setEnabled(!t.points.empty());
  status_->setText(t.chosen ? tr("Chosen: %1, %2 per month, p99 %3 ms (objective %4 ms).")
                                  .arg(q(t.points[*t.chosen].label), q(cost::formatUsd(t.points[*t.chosen].usd_per_month.mean)))
                                  .arg(t.points[*t.chosen].p99_s.mean * 1000, 0, 'f', 1)
                                  .arg(t.p99_objective_s * 1000, 0, 'f', 0)
                            : tr("No candidate meets the p99 objective of %1 ms.").arg(t.p99_objective_s * 1000, 0, 'f', 0));
}

void OptimizerView::applySelected() {
  if (!result_) return;
  int row = table_->currentRow();
  if (row < 0 && result_->chosen) row = static_cast<int>(*result_->chosen);
  if (row < 0 || row >= static_cast<int>(result_->points.size())) return;
  const TradeoffPoint& p = result_->points[static_cast<std::size_t>(row)];
  if (apply_) apply_(p.scenario, q(p.label));
  status_->setText(tr("Applied %1 as a new version of the scenario (Edit > Undo goes back).").arg(q(p.label)));
}

}  // namespace headroom::planning_views
