#include "ui/results_tables.h"

#include <cmath>

#include <QHeaderView>

#include "ui/analytic_column.h"
#include "ui/kpi_rows.h"

namespace headroom {

namespace {

QString number(double v, int precision = 4) {
  return std::isfinite(v) ? QString::number(v, 'g', precision) : QStringLiteral("–");
}

QTableWidgetItem* cell(const QString& text, bool numeric = false) {
  auto* item = new QTableWidgetItem(text);
  item->setFlags(Qt::ItemIsSelectable | Qt::ItemIsEnabled);
  if (numeric) item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
  return item;
}

QString entityLabel(const std::string& entity) {
  return entity == "end_to_end" ? QObject::tr("end to end") : QString::fromStdString(entity);
}

void setupTable(QTableWidget* table, const QStringList& headers) {
  table->setColumnCount(static_cast<int>(headers.size()));
  table->setHorizontalHeaderLabels(headers);
  table->verticalHeader()->setVisible(false);
  table->setEditTriggers(QAbstractItemView::NoEditTriggers);
  table->setSelectionBehavior(QAbstractItemView::SelectRows);
  table->setAlternatingRowColors(true);
  table->horizontalHeader()->setStretchLastSection(true);
  table->setSortingEnabled(false);
}

}  // namespace

ResultsTable::ResultsTable(QWidget* parent) : QTableWidget(parent) {
  setObjectName(QStringLiteral("resultsTable"));
  setupTable(this, {tr("Entity"), tr("KPI"), tr("Simulated"), tr("± 95% CI"), tr("Unit"), tr("Analytic"),
                    tr("Note")});
}

void ResultsTable::showResult(const RunResult* result, const Scenario& scenario) {
  setRowCount(0);
  if (!result) return;
  const AnalyticColumn analytic(scenario);
  const std::vector<KpiRow> rows = kpiRows(*result);
  setRowCount(static_cast<int>(rows.size()));
  for (int r = 0; r < static_cast<int>(rows.size()); ++r) {
    const KpiRow& row = rows[static_cast<std::size_t>(r)];
    const AnalyticCell a = analytic.lookup(row.entity, row.kpi);
    setItem(r, 0, cell(entityLabel(row.entity)));
    setItem(r, 1, cell(QString::fromStdString(row.label)));
    setItem(r, 2, cell(number(row.value.mean * row.scale), true));
    setItem(r, 3, cell(number(row.value.half_width * row.scale, 3), true));
    setItem(r, 4, cell(QString::fromStdString(row.unit)));
    setItem(r, 5, cell(a.available ? number(a.value * row.scale) : tr("n/a"), true));
    QString note;
    if (a.available) {
      note = row.value.contains(a.value) ? tr("analytic value inside the CI") : tr("analytic value outside the CI");
    } else {
      note = QString::fromStdString(a.reason);
    }
    setItem(r, 6, cell(note));
    item(r, 5)->setToolTip(note);
  }
  resizeColumnsToContents();
}

ComparisonTable::ComparisonTable(QWidget* parent) : QTableWidget(parent) {
  setObjectName(QStringLiteral("comparisonTable"));
  setupTable(this, {tr("Entity"), tr("KPI"), tr("Previous"), tr("Current"), tr("Δ"), tr("Δ %"), tr("Unit"),
                    tr("Significant")});
}

void ComparisonTable::showComparison(const RunResult* previous, const RunResult* current) {
  setRowCount(0);
  if (!previous || !current) return;
  const std::vector<KpiDelta> deltas = compareRuns(*previous, *current);
  setRowCount(static_cast<int>(deltas.size()));
  for (int r = 0; r < static_cast<int>(deltas.size()); ++r) {
    const KpiDelta& d = deltas[static_cast<std::size_t>(r)];
    const double scale = d.current.scale;
    setItem(r, 0, cell(entityLabel(d.current.entity)));
    setItem(r, 1, cell(QString::fromStdString(d.current.label)));
    setItem(r, 2, cell(number(d.previous.mean * scale), true));
    setItem(r, 3, cell(number(d.current.value.mean * scale), true));
    setItem(r, 4, cell(number(d.delta), true));
    setItem(r, 5, cell(std::isfinite(d.relative) ? QStringLiteral("%1%").arg(d.relative * 100, 0, 'f', 1) : QStringLiteral("–"), true));
    setItem(r, 6, cell(QString::fromStdString(d.current.unit)));
    setItem(r, 7, cell(d.significant ? tr("yes (CIs do not overlap)") : tr("no")));
  }
  resizeColumnsToContents();
}

DecisionLogTable::DecisionLogTable(QWidget* parent) : QTableWidget(parent) {
  setColumnCount(4);
  setHorizontalHeaderLabels({tr("Time (s)"), tr("Component"), tr("Replicas"), tr("Reason")});
  horizontalHeader()->setStretchLastSection(true);
  verticalHeader()->hide();
  setEditTriggers(QAbstractItemView::NoEditTriggers);
  setSelectionBehavior(QAbstractItemView::SelectRows);
  setAlternatingRowColors(true);
}

void DecisionLogTable::showDecisions(const RunResult* result) {
  setRowCount(0);
  if (!result) return;
  setRowCount(static_cast<int>(result->scaling_events.size()));
  int row = 0;
  for (const ScalingEventRecord& e : result->scaling_events) {
    const bool change = e.to != e.from;
    const bool fault = e.reason.rfind("fault", 0) == 0;
    auto* time = new QTableWidgetItem(QString::number(e.time_s, 'f', 0));
    time->setData(Qt::TextAlignmentRole, int(Qt::AlignRight | Qt::AlignVCenter));
    auto* replicas = new QTableWidgetItem(change ? QStringLiteral("%1 → %2").arg(e.from).arg(e.to) : QString::number(e.to));
    auto* reason = new QTableWidgetItem(QString::fromStdString(e.reason));
    reason->setToolTip(QString::fromStdString(e.reason));
    QTableWidgetItem* items[] = {time, new QTableWidgetItem(QString::fromStdString(e.component)), replicas, reason};
    for (int c = 0; c < 4; ++c) {
      if (change || fault) {
        QFont f = items[c]->font();
        f.setBold(true);
        items[c]->setFont(f);
      }
      setItem(row, c, items[c]);
    }
    ++row;
  }
  resizeColumnsToContents();
}

}  // namespace headroom
