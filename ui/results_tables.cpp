#include "ui/results_tables.h"

#include <cmath>

#include <QHeaderView>

#include "ui/analytic_column.h"
#include "ui/kpi_rows.h"
#include "ui/readable_number.h"

namespace headroom {

namespace {

// Four significant digits in the tables, as people read them (ui/readable_number.h).
QString number(double v, int significant = 4) { return readableNumber(v, significant); }

// A confidence half-width next to its mean: numerical noise (1e-14 of the mean) reads as 0.
QString halfWidth(double hw, double mean) {
  if (std::isfinite(hw) && std::isfinite(mean) && std::abs(hw) <= 1e-9 * std::max(1.0, std::abs(mean)))
    return QStringLiteral("0");
  return number(hw, 3);
}

// Does this row show something broken: errors or latency beyond the SLO, rejections, timeouts, failures?
bool breaches(const KpiRow& row, const HealthTargets& targets) {
  const double v = row.value.mean;
  if (!std::isfinite(v)) return false;
  if (row.kpi == "error_ratio") return v > targets.error_ratio;
  if (row.entity == "end_to_end" && row.kpi == "response_p99_s") return v > targets.p99_s;
  if (row.kpi == "rejection_ratio") return v > 1e-3;
  if (row.kpi == "timeouts_per_s" || row.kpi == "failures_per_s" || row.kpi == "lost_messages_per_s" ||
      row.kpi == "abandoned_per_s")
    return v > 0.0;
  return false;
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
  table->setWordWrap(false);  // one line per KPI; the full note is in the tooltip
  table->horizontalHeader()->setStretchLastSection(true);
  table->setSortingEnabled(false);
}

}  // namespace

ResultsTable::ResultsTable(QWidget* parent) : QTableWidget(parent) {
  setObjectName(QStringLiteral("resultsTable"));
  setupTable(this, {tr("Entity"), tr("KPI"), tr("Simulated"), tr("± 95% CI"), tr("Unit"), tr("Analytic"),
                    tr("Note")});
}

void ResultsTable::setOutOfDate(bool outOfDate) {
  setToolTip(outOfDate ? tr("Out of date: the scenario changed after this run. Run again to update.") : QString());
}

void ResultsTable::showResult(const RunResult* result, const Scenario& scenario, const HealthTargets& targets) {
  setRowCount(0);
  setToolTip(QString());
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
    setItem(r, 3, cell(halfWidth(row.value.half_width * row.scale, row.value.mean * row.scale), true));
    setItem(r, 4, cell(QString::fromStdString(row.unit)));
    setItem(r, 5, cell(a.available ? number(a.value * row.scale) : tr("n/a"), true));
    QString note;
    if (a.available) {
      note = row.value.contains(a.value) ? tr("analytic value inside the CI") : tr("analytic value outside the CI");
    } else {
      note = QString::fromStdString(a.reason);
    }
    setItem(r, 6, cell(note));
    item(r, 6)->setToolTip(note);
    item(r, 5)->setToolTip(note);
    if (breaches(row, targets)) {
      for (int c = 0; c < columnCount(); ++c) {
        QTableWidgetItem* it = item(r, c);
        QFont f = it->font();
        f.setBold(true);
        it->setFont(f);
        it->setForeground(QColor(210, 50, 45));
      }
      item(r, 2)->setToolTip(tr("Beyond the target: errors above %1%, p99 above %2 ms, or requests rejected, timed out or lost")
                                 .arg(targets.error_ratio * 100)
                                 .arg(targets.p99_s * 1e3));
    }
  }
  resizeColumnsToContents();
}

ComparisonTable::ComparisonTable(QWidget* parent) : QTableWidget(parent) {
  setObjectName(QStringLiteral("comparisonTable"));
  setupTable(this, {tr("Entity"), tr("KPI"), tr("Previous"), tr("Current"), tr("Δ"), tr("Δ %"), tr("Unit"),
                    tr("Significant")});
}

void ComparisonTable::showComparison(const RunResult* previous, const RunResult* current, const QString& previousLabel) {
  setRowCount(0);
  // The baseline is named in its column header, so a run from another file is never mistaken for the last run.
  setHorizontalHeaderItem(2, new QTableWidgetItem(previousLabel.isEmpty() ? tr("Previous") : previousLabel));
  horizontalHeaderItem(2)->setToolTip(previousLabel.isEmpty() ? tr("the run before the current one") : previousLabel);
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
