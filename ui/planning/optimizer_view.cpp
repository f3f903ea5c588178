#include "ui/planning/optimizer_view.h"

#include <qcustomplot.h>

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>

#include "simulator/cost/money.h"
#include "simulator/cost/scenario_cost.h"
#include "ui/jobs/background_job.h"
#include "ui/jobs/job_widgets.h"
#include "ui/chart_colors.h"
#include "ui/planning/chart_style.h"
#include "ui/planning/field_box.h"
#include "ui/planning/price_book_table.h"
#include "ui/readable_number.h"

namespace headroom::planning_views {
namespace {

QString q(const std::string& s) { return QString::fromStdString(s); }

QTableWidgetItem* readOnly(const QString& text, bool right = false) {
  auto* item = new QTableWidgetItem(text);
  item->setFlags(Qt::ItemIsSelectable | Qt::ItemIsEnabled);
  if (right) item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
  return item;
}

bool isChosen(const optimize::OptimizeResult& r, const optimize::Candidate& c) { return r.chosen && r.chosen->levels == c.levels; }

}  // namespace

OptimizerView::OptimizerView(std::function<Scenario()> scenario, PriceBookTable* prices,
                             std::function<void(const Scenario&, const QString&)> apply, QWidget* parent)
    : QWidget(parent), scenario_(std::move(scenario)), prices_(prices), apply_(std::move(apply)), job_(new BackgroundJob(this)) {
  setObjectName(QStringLiteral("optimizerView"));
  auto* layout = new QHBoxLayout(this);
  auto* split = new QSplitter(Qt::Horizontal, this);
  layout->addWidget(split);

  // Left: what to search.
  auto* define = new QGroupBox(tr("Cheapest configuration that holds the SLO"), split);
  auto* form = new QVBoxLayout(define);
  field_ = makeFieldBox(define, 16);
  values_ = new QLineEdit(define);
  values_->setPlaceholderText(tr("1..8   1..16 step 2   2, 4, 8   m6i.large, m6i.xlarge"));
  auto* add = new QPushButton(tr("Add Variable"), define);
  auto* clear = new QPushButton(tr("Clear"), define);
  variables_ = new QTableWidget(0, 2, define);
  variables_->setObjectName(QStringLiteral("optimizerVariables"));
  variables_->setHorizontalHeaderLabels({tr("Field"), tr("Levels")});
  variables_->verticalHeader()->hide();
  variables_->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
  variables_->horizontalHeader()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
  variables_->setToolTip(tr("Empty: the optimizer's defaults (replicas of every service and its instance size). Cells are editable."));
  auto* fieldRow = new QHBoxLayout;
  fieldRow->addWidget(field_, 3);
  fieldRow->addWidget(values_, 2);
  auto* addRow = new QHBoxLayout;
  addRow->addWidget(add);
  addRow->addWidget(clear);
  addRow->addStretch(1);
  form->addWidget(new QLabel(tr("Decision variables (field and its levels, cheapest first)"), define));
  form->addLayout(fieldRow);
  form->addLayout(addRow);
  form->addWidget(variables_, 1);

  auto* settings = new QFormLayout;
  settings->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
  p99_ = new QDoubleSpinBox(define);
  p99_->setRange(0.1, 3600000);
  p99_->setDecimals(1);
  p99_->setValue(300);
  p99_->setSuffix(tr(" ms"));
  at_ = new QLineEdit(define);
  at_->setPlaceholderText(tr("peak*1 (the scenario's peak)"));
  budget_ = new QSpinBox(define);
  budget_->setRange(1, 1000000);
  budget_->setValue(2000);
  budget_->setSuffix(tr(" candidates"));
  seed_ = new QSpinBox(define);
  seed_->setRange(0, 2147483647);
  seed_->setValue(1);
  replications_ = new QSpinBox(define);
  replications_->setRange(2, 1000);
  replications_->setValue(5);
  settings->addRow(tr("SLO: p99 ≤"), p99_);
  settings->addRow(tr("Stress case"), at_);
  settings->addRow(tr("Screening budget"), budget_);
  settings->addRow(tr("Seed"), seed_);
  settings->addRow(tr("DES replications"), replications_);
  form->addLayout(settings);

  const JobControls controls = makeJobControls(define, job_, tr("Optimize"));
  run_ = controls.run;
  progress_ = controls.progress;
  progress_->setMaximumWidth(QWIDGETSIZE_MAX);
  status_ = controls.status;
  status_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  apply_button_ = new QPushButton(tr("Apply as New Version"), define);
  apply_button_->setEnabled(false);
  apply_button_->setToolTip(tr("Writes the selected configuration (else the chosen one) into the scenario: an undoable edit, and a new version in the open project"));
  auto* runRow = new QHBoxLayout;
  runRow->addWidget(run_);
  runRow->addWidget(controls.cancel);
  runRow->addWidget(apply_button_);
  runRow->addStretch(1);
  form->addLayout(runRow);
  form->addWidget(progress_);
  form->addWidget(status_);
  split->addWidget(define);

  // Right: the front.
  auto* right = new QSplitter(Qt::Vertical, split);
  plot_ = new QCustomPlot(right);
  plot_->setMinimumSize(320, 200);
  front_ = new QTableWidget(0, 3, right);
  front_->setObjectName(QStringLiteral("paretoTable"));
  front_->verticalHeader()->hide();
  front_->setSelectionBehavior(QAbstractItemView::SelectRows);
  front_->setSelectionMode(QAbstractItemView::SingleSelection);
  front_->setWordWrap(false);
  right->addWidget(plot_);
  right->addWidget(front_);
  right->setStretchFactor(0, 3);
  right->setStretchFactor(1, 2);
  split->addWidget(right);
  split->setStretchFactor(0, 1);
  split->setStretchFactor(1, 2);
  split->setSizes({340, 680});  // a third for the form: the front table keeps all its columns at 1024 px

  connect(add, &QPushButton::clicked, this, [this] { addVariable(field_->currentText(), values_->text()); });
  connect(clear, &QPushButton::clicked, this, &OptimizerView::clearVariables);
  connect(run_, &QPushButton::clicked, this, &OptimizerView::optimize);
  connect(apply_button_, &QPushButton::clicked, this, &OptimizerView::applySelected);
  refreshFields();
}

void OptimizerView::refreshFields() {
  fillFieldBox(field_, scenario_());
}

bool OptimizerView::addVariable(const QString& pointer, const QString& values) {
  try {
    varOptionText({pointer.toStdString(), values.toStdString()});  // refuses an empty field or values
  } catch (const std::exception& e) {
    status_->setText(tr("Not added: %1").arg(QString::fromUtf8(e.what())));
    return false;
  }
  const int row = variables_->rowCount();
  variables_->insertRow(row);
  variables_->setItem(row, 0, new QTableWidgetItem(pointer.trimmed()));
  variables_->setItem(row, 1, new QTableWidgetItem(values.trimmed()));
  status_->setText(tr("%n decision variable(s)", nullptr, row + 1));
  return true;
}

void OptimizerView::clearVariables() { variables_->setRowCount(0); }
void OptimizerView::setP99ObjectiveMs(double ms) { p99_->setValue(ms); }
void OptimizerView::setStressCase(const QString& at) { at_->setText(at); }
void OptimizerView::setBudget(int candidates) { budget_->setValue(candidates); }
void OptimizerView::setSeed(int seed) { seed_->setValue(seed); }
void OptimizerView::setReplications(int replications) { replications_->setValue(replications); }
void OptimizerView::cancel() { job_->cancel(); }
QString OptimizerView::statusText() const { return status_->text(); }

OptimizerRequest OptimizerView::request() const {
  OptimizerRequest r;
  for (int row = 0; row < variables_->rowCount(); ++row) {
    const auto text = [&](int col) { return variables_->item(row, col) ? variables_->item(row, col)->text().toStdString() : std::string(); };
    r.variables.push_back({text(0), text(1)});
  }
  r.p99_ms = p99_->value();
  r.at = at_->text().toStdString();
  r.budget = budget_->value();
  r.seed = static_cast<std::uint64_t>(seed_->value());
  r.replications = replications_->value();
  return r;
}

void OptimizerView::optimize() {
  const Scenario base = scenario_();
  auto catalog = std::make_shared<cost::PriceCatalog>(prices_->catalog());
  std::shared_ptr<optimize::OptimizeOptions> options;
  try {
    if (!cost::hasPricing(base)) throw std::invalid_argument("the scenario has no pricing block: its cost cannot be computed (docs/cost.md)");
    options = std::make_shared<optimize::OptimizeOptions>(optimizeOptions(request(), base, *catalog));
  } catch (const std::exception& e) {
    status_->setText(tr("Cannot optimize: %1").arg(QString::fromUtf8(e.what())));
    emit optimized();
    return;
  }
  const std::string today = cost::todayUtc();
  auto out = std::make_shared<optimize::OptimizeResult>();
  status_->setText(tr("Searching…"));
  job_->start(
      tr("Optimizing"),
      [base, options, catalog, today, out](Feedback& fb) {
        *out = optimize::optimize(base, *options, cost::PricingContext{catalog.get(), today}, &fb);
      },
      [this, out, base, catalog](const QString& error) {
        if (!error.isEmpty()) {
          status_->setText(tr("Failed: %1").arg(error));
        } else {
          result_ = std::move(*out);
          optimized_base_ = base;
          catalog_ = catalog;
          showResult();
        }
        emit optimized();
      });
}

void OptimizerView::showResult() {
  const optimize::OptimizeResult& r = *result_;
  // One column per decision variable (short names; the pointer in the tooltip), then cost, p99 and the marginal
  // cost of a millisecond along the front.
  QStringList headers;
  for (const optimize::DecisionVariable& v : r.variables) headers << q(shortVariableName(v.name));
  const int fixed = static_cast<int>(headers.size());
  headers << tr("USD / month") << tr("p99 (ms)") << tr("USD/month per ms");
  front_->clear();
  front_->setColumnCount(static_cast<int>(headers.size()));
  front_->setHorizontalHeaderLabels(headers);
  for (int c = 0; c < fixed; ++c) front_->horizontalHeaderItem(c)->setToolTip(q(r.variables[static_cast<std::size_t>(c)].name));
  front_->setRowCount(0);
  for (const optimize::FrontPoint& p : r.front) {
    const int row = front_->rowCount();
    front_->insertRow(row);
    const bool chosen = isChosen(r, p.candidate);
    QList<QTableWidgetItem*> items;
    for (const optimize::DecisionVariable& v : r.variables) {
      const nlohmann::json& value = p.candidate.values.contains(v.name) ? p.candidate.values[v.name] : nlohmann::json();
      items << readOnly(value.is_string() ? q(value.get<std::string>()) : q(value.dump()), value.is_number());
    }
    items << readOnly(q(cost::formatUsd(p.candidate.usd_per_month)), true) << readOnly(readableNumber(p.p99_ms, 4), true)
          << readOnly(readableNumber(p.marginal_usd_per_month_per_ms, 3), true);
    for (int col = 0; col < items.size(); ++col) {
      if (chosen) {
        items[col]->setBackground(QColor(255, 236, 200));
        items[col]->setToolTip(tr("the chosen configuration"));
      }
      front_->setItem(row, col, items[col]);
    }
    if (chosen) front_->selectRow(row);
  }
  front_->resizeColumnsToContents();
  drawChart();
  apply_button_->setEnabled(r.chosen.has_value() || !r.front.empty());
  const optimize::EvaluationCounts& e = r.evaluations;
  const QString counts = tr("%1 of %2 candidates screened, %3 confirmed by DES.").arg(e.screened).arg(e.space_size).arg(e.des_confirmations);
  QString text;
  if (r.chosen)
    text = tr("Chosen: %1, %2 per month (SLO p99 ≤ %3 ms). ")
               .arg(q(candidateLabel(*r.chosen)), q(cost::formatUsd(r.chosen->usd_per_month)), readableNumber(r.slo.p99_ms, 4));
  else
    text = tr("No configuration holds p99 ≤ %1 ms. ").arg(readableNumber(r.slo.p99_ms, 4));
  if (r.binding) text += q(r.binding->explanation) + QStringLiteral(" ");
  text += counts;
  if (r.cancelled) text = tr("Cancelled (partial result): ") + text;
  status_->setText(text);
}

void OptimizerView::drawChart() {
  const optimize::OptimizeResult& r = *result_;
  QList<QCPAxisRect*> rects = stackedPanels(plot_, 1, tr("cost (USD per month)"));
  QCPAxisRect* rect = rects.front();
  QVector<double> fx, fy;
  for (const optimize::FrontPoint& p : r.front)
    if (std::isfinite(p.p99_ms)) {
      fx.push_back(p.candidate.usd_per_month);
      fy.push_back(p.p99_ms);
    }
  auto* front = plot_->addGraph(rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft));
  front->setData(fx, fy, true);
  front->setPen(QPen(paletteColor(0), 1.6));
  front->setLineStyle(QCPGraph::lsStepLeft);
  front->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, paletteColor(0), 7));
  front->setName(tr("Pareto front (screening, worst case)"));
  styleAxisRect(rect, tr("end-to-end p99 (ms)"));
  plot_->rescaleAxes();
  QCPAxis* x = rect->axis(QCPAxis::atBottom);
  QCPAxis* y = rect->axis(QCPAxis::atLeft);
  for (QCPAxis* a : {x, y}) {
    if (a->range().size() <= 0) a->setRange(a->range().center() * 0.8, a->range().center() * 1.2 + 1);
    a->scaleRange(1.25, a->range().center());
  }
  y->setRangeLower(0);
  if (y->range().upper < r.slo.p99_ms * 1.15) y->setRangeUpper(r.slo.p99_ms * 1.15);
  auto* slo = new QCPItemStraightLine(plot_);
  slo->setClipAxisRect(rect);
  slo->point1->setAxes(x, y);
  slo->point2->setAxes(x, y);
  slo->point1->setCoords(0, r.slo.p99_ms);
  slo->point2->setCoords(1, r.slo.p99_ms);
  slo->setPen(QPen(QColor(200, 0, 0), 1.2, Qt::DashLine));
  auto* sloText = new QCPItemText(plot_);
  sloText->setClipAxisRect(rect);
  sloText->position->setAxes(x, y);
  // At the left end, under the line: the legend holds the top right, the dearer points the right.
  sloText->position->setCoords(x->range().lower, r.slo.p99_ms);
  sloText->setPositionAlignment(Qt::AlignLeft | Qt::AlignTop);
  sloText->setText(tr(" SLO p99 %1 ms").arg(readableNumber(r.slo.p99_ms, 4)));
  sloText->setColor(QColor(200, 0, 0));
  if (r.chosen) {
    const optimize::Candidate& c = *r.chosen;
    // The chosen point at its screening p99 when it is on the front (the chart's scale), else at its worst case.
    double p99 = c.worstP99Ms();
    for (const optimize::FrontPoint& p : r.front)
      if (isChosen(r, p.candidate)) p99 = p.p99_ms;
    auto* chosen = plot_->addGraph(x, y);
    chosen->setData({c.usd_per_month}, {p99});
    chosen->setLineStyle(QCPGraph::lsNone);
    chosen->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssStar, QColor(230, 120, 0), 16));
    chosen->setName(tr("chosen"));
    // Its cost only: the values are in the table (shaded row) and the status line, and a long label would run
    // off a narrow chart.
    auto* label = new QCPItemText(plot_);
    label->setClipAxisRect(rect);
    label->position->setAxes(x, y);
    label->position->setCoords(c.usd_per_month, p99);
    const bool rightHalf = c.usd_per_month > x->range().center();
    label->setPositionAlignment((rightHalf ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignBottom);
    label->setText(tr("  chosen: %1/month  ").arg(q(cost::formatUsd(c.usd_per_month))));
    label->setColor(QColor(160, 80, 0));
  }
  addInsetLegend(rect, Qt::AlignBottom | Qt::AlignRight);  // under the front, which never reaches p99 = 0
  plot_->replot();
}

void OptimizerView::applySelected() {
  if (!result_) return;
  const optimize::Candidate* pick = nullptr;
  const int row = front_->currentRow();
  if (row >= 0 && row < static_cast<int>(result_->front.size()) && front_->item(row, 0) && front_->item(row, 0)->isSelected())
    pick = &result_->front[static_cast<std::size_t>(row)].candidate;
  else if (result_->chosen)
    pick = &*result_->chosen;
  if (!pick) return;
  try {
    const Scenario applied = candidateScenario(optimized_base_, *result_, *pick, *catalog_);
    const QString label = q(candidateLabel(*pick));
    if (apply_) apply_(applied, label);
    status_->setText(tr("Applied %1 as a new version of the scenario (Edit > Undo goes back).").arg(label));
  } catch (const std::exception& e) {
    status_->setText(tr("Cannot apply: %1").arg(QString::fromUtf8(e.what())));
  }
}

}  // namespace headroom::planning_views
