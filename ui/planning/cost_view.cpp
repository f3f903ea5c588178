#include "ui/planning/cost_view.h"

#include <qcustomplot.h>

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QTabWidget>
#include <QTableWidget>
#include <QVBoxLayout>

#include "simulator/cost/cost_recorder.h"
#include "simulator/cost/money.h"
#include "ui/jobs/background_job.h"
#include "ui/jobs/job_widgets.h"
#include "ui/chart_colors.h"
#include "ui/planning/chart_style.h"
#include "ui/planning/price_book_table.h"

namespace headroom::planning_views {
namespace {

QString q(const std::string& s) { return QString::fromStdString(s); }

QString usd(const Estimate& e) {
  QString s = q(cost::formatUsd(e.mean));
  if (std::isfinite(e.half_width) && e.half_width > 0) s += QStringLiteral(" ± ") + q(cost::formatUsd(e.half_width));
  return s;
}

QTableWidgetItem* cell(const QString& text, bool right = false) {
  auto* item = new QTableWidgetItem(text);
  item->setFlags(Qt::ItemIsSelectable | Qt::ItemIsEnabled);
  if (right) item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
  return item;
}

struct CostJobResult {
  cost::ScenarioCost cost;
  CostTimeline timeline;
};

constexpr int kTimelineWindows = 48;

}  // namespace

CostView::CostView(std::function<Scenario()> scenario, QWidget* parent)
    : QWidget(parent), scenario_(std::move(scenario)), job_(new BackgroundJob(this)) {
  setObjectName(QStringLiteral("costView"));
  auto* layout = new QVBoxLayout(this);
  auto* bar = new QHBoxLayout;
  replications_ = new QSpinBox(this);
  replications_->setRange(1, 100);
  replications_->setValue(3);
  replications_->setSuffix(tr(" replications"));
  replications_->setToolTip(tr("Independent runs: the CIs come from their spread"));
  const JobControls controls = makeJobControls(this, job_, tr("Run with Cost"));
  run_ = controls.run;
  cancel_ = controls.cancel;
  progress_ = controls.progress;
  status_ = controls.status;
  bar->addWidget(replications_);
  bar->addWidget(run_);
  bar->addWidget(cancel_);
  bar->addWidget(progress_);
  bar->addWidget(status_, 1);
  layout->addLayout(bar);
  summary_ = new QLabel(tr("Run the scenario with its cost: components need a pricing block (docs/cost.md)."), this);
  summary_->setObjectName(QStringLiteral("costSummary"));
  summary_->setWordWrap(true);
  summary_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  layout->addWidget(summary_);

  auto* tabs = new QTabWidget(this);
  auto* billPage = new QSplitter(Qt::Vertical, tabs);
  plot_ = new QCustomPlot(billPage);
  plot_->setMinimumHeight(200);
  lines_ = new QTableWidget(0, 6, billPage);
  lines_->setObjectName(QStringLiteral("costLines"));
  lines_->setHorizontalHeaderLabels({tr("Component"), tr("Resource"), tr("SKU"), tr("Quantity"), tr("Cost over the run (95% CI)"), tr("Share")});
  lines_->verticalHeader()->hide();
  lines_->horizontalHeader()->setStretchLastSection(true);
  billPage->addWidget(plot_);
  billPage->addWidget(lines_);
  billPage->setStretchFactor(0, 3);
  billPage->setStretchFactor(1, 2);
  billPage->setSizes({600, 300});
  book_ = new PriceBookTable(tabs);
  tabs->addTab(billPage, tr("Bill"));
  tabs->addTab(book_, tr("Price Book"));
  layout->addWidget(tabs, 1);

  connect(run_, &QPushButton::clicked, this, &CostView::runCost);
  connect(book_, &PriceBookTable::bookChanged, this, [this] {
    if (cost_) status_->setText(tr("Price book changed: run again to use it."));
  });
}

void CostView::setReplications(int replications) { replications_->setValue(replications); }
void CostView::cancel() { job_->cancel(); }
QString CostView::summaryText() const { return summary_->text(); }

void CostView::runCost() {
  const Scenario scenario = scenario_();
  if (!cost::hasPricing(scenario)) {
    error_ = tr("%1 has no pricing block: add one to a component (docs/cost.md) to see its cost.").arg(q(scenario.name));
    summary_->setText(error_);
    emit costFinished();
    return;
  }
  auto catalog = std::make_shared<cost::PriceCatalog>(book_->catalog());
  const std::string today = cost::todayUtc();
  const int replications = replications_->value();
  auto out = std::make_shared<CostJobResult>();
  error_.clear();
  progress_->setValue(0);
  status_->setText(tr("Running %1 with its cost…").arg(q(scenario.name)));
  job_->start(
      tr("Pricing the run"),
      [scenario, catalog, today, replications, out](Feedback& fb) {
        cost::CostCollector collector(scenario);
        RunOptions options;
        options.replications = replications;
        options.hooks = collector.factory();
        const RunResult run = runSimulation(scenario, options, &fb);
        const cost::PricingContext context{catalog.get(), today};
        out->cost = cost::priceRecordedRun(scenario, run, collector, context);
        if (collector.recorded(0)) out->timeline = costOverTime(collector.usage(0), context, kTimelineWindows);
      },
      [this, out, scenario](const QString& error) {
        if (!error.isEmpty()) {
          error_ = error;
          status_->setText(tr("Failed"));
          summary_->setText(tr("<b>Could not price the run:</b> %1").arg(error.toHtmlEscaped()));
        } else {
          priced_scenario_ = scenario;
          cost_ = std::move(out->cost);
          timeline_ = std::move(out->timeline);
          status_->setText(tr("Priced %1 replication(s)").arg(cost_->replications));
          showResult();
        }
        emit costFinished();
      });
}

void CostView::showResult() {
  const cost::ScenarioCost& c = *cost_;
  QString s = tr("<b>%1 per month</b> (730 h at the simulated hourly rate %2), %3 per 1,000 requests, %4 per 1,000 %5. "
                 "Simulated period %6 h x %7 replication(s); catalog %8 dated %9.")
                  .arg(usd(c.usd_per_month), usd(c.usd_per_hour), usd(c.usd_per_1k_requests), usd(c.usd_per_1k_good),
                       q(c.good_label).toHtmlEscaped())
                  .arg(c.period_s / 3600.0, 0, 'f', 2)
                  .arg(c.replications)
                  .arg(q(c.catalog_version).toHtmlEscaped(), q(c.catalog_date));
  for (const auto& [component, why] : c.not_priced) s += tr("<br>Not priced: %1 (%2)").arg(q(component).toHtmlEscaped(), q(why).toHtmlEscaped());
  for (const std::string& w : c.warnings) s += QStringLiteral("<br><span style='color:#a03c00'>") + q(w).toHtmlEscaped() + QStringLiteral("</span>");
  summary_->setText(s);

  lines_->setRowCount(0);
  for (const cost::CostEstimateLine& l : c.lines) {
    const int row = lines_->rowCount();
    lines_->insertRow(row);
    lines_->setItem(row, 0, cell(q(l.component)));
    lines_->setItem(row, 1, cell(q(l.resource)));
    lines_->setItem(row, 2, cell(q(l.sku)));
    lines_->setItem(row, 3, cell(QStringLiteral("%1 %2").arg(l.quantity.mean, 0, 'g', 4).arg(q(l.unit)), true));
    lines_->setItem(row, 4, cell(usd(l.usd), true));
    const double share = c.total_usd.mean > 0 ? l.usd.mean / c.total_usd.mean : 0.0;
    lines_->setItem(row, 5, cell(QStringLiteral("%1%").arg(100.0 * share, 0, 'f', 1), true));
  }
  lines_->resizeColumnsToContents();

  // Stacked: each series drawn as the running sum of the ones below it, filled down to the previous one.
  QList<QCPAxisRect*> rects = stackedPanels(plot_, 1, tr("hours of simulated time (replication 1)"));
  QCPAxisRect* rect = rects.front();
  const CostTimeline& t = timeline_;
  QVector<double> x, base(static_cast<int>(t.window_start_s.size()), 0.0);
  // Step lines: each window's spend rate is flat across the window (drawn from its start to its end).
  std::vector<double> hours;  // length of each window in hours
  for (std::size_t w = 0; w < t.window_start_s.size(); ++w) {
    const double end = w + 1 < t.window_start_s.size() ? t.window_start_s[w + 1] : t.end_s;
    x.push_back(t.window_start_s[w] / 3600.0);
    hours.push_back((end - t.window_start_s[w]) / 3600.0);
  }
  x.push_back(t.end_s / 3600.0);  // closes the last step
  base.push_back(0.0);
  QCPGraph* below = nullptr;
  for (std::size_t line = 0; line < t.series.size(); ++line) {
    QVector<double> y = base;
    for (std::size_t w = 0; w < hours.size(); ++w) y[static_cast<int>(w)] += hours[w] > 0 ? t.usd[line][w] / hours[w] : 0.0;
    y.back() = y[y.size() - 2];
    QCPGraph* g = plot_->addGraph(rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft));
    g->setData(x, y, true);
    g->setLineStyle(QCPGraph::lsStepLeft);
    g->setName(q(t.series[line]));
    // The component's colour, lighter for each further resource line of the same component.
    const std::string component = t.series[line].substr(0, t.series[line].find(" / "));
    int sameComponentBefore = 0;
    for (std::size_t k = 0; k < line; ++k) sameComponentBefore += t.series[k].rfind(component + " / ", 0) == 0;
    const QColor col = componentColor(priced_scenario_, component).lighter(100 + 30 * sameComponentBefore);
    g->setPen(QPen(col.darker(120), 1.2));
    QColor fill = col;
    fill.setAlpha(150);
    g->setBrush(fill);
    if (below) g->setChannelFillGraph(below);
    below = g;
    base = y;
  }
  styleAxisRect(rect, tr("USD per hour"));
  plot_->rescaleAxes();
  rect->axis(QCPAxis::atLeft)->setRangeLower(0);
  rect->axis(QCPAxis::atLeft)->setRangeUpper(rect->axis(QCPAxis::atLeft)->range().upper * 1.1 + 1e-9);
  // The legend under the chart, in columns, never over the stack.
  auto* legend = new QCPLegend;
  plot_->plotLayout()->addElement(1, 0, legend);
  plot_->plotLayout()->setRowStretchFactor(1, 0.001);
  legend->setFillOrder(QCPLayoutGrid::foColumnsFirst);
  legend->setWrap(3);
  legend->setMargins(QMargins(6, 3, 6, 3));
  legend->setLayer(QStringLiteral("legend"));
  QFont lf = plot_->font();
  lf.setPointSizeF(8);
  legend->setFont(lf);
  legend->setBrush(QColor(255, 255, 255, 220));
  for (int i = plot_->graphCount() - 1; i >= 0; --i) plot_->graph(i)->addToLegend(legend);  // top of the stack first
  plot_->replot();
}

}  // namespace headroom::planning_views
