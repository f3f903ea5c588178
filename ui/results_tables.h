#pragma once
// The two result tables: every KPI of the last run with its 95% CI and the analytic value beside it, and
// the comparison of the last two runs (previous, current, delta, whether the CIs separate). GUI thread only.
#include <QTableWidget>

#include "model/scenario.h"
#include "simulator/health/health.h"
#include "simulator/run_result.h"

namespace headroom {

class ResultsTable : public QTableWidget {
  Q_OBJECT
 public:
  explicit ResultsTable(QWidget* parent = nullptr);
  // `scenario` is the one that was run (for the analytic column). Null result clears the table. Rows that
  // breach `targets` (error ratio, end-to-end p99) or show rejections, timeouts or failures are highlighted red.
  void showResult(const RunResult* result, const Scenario& scenario, const HealthTargets& targets = {});
  // Says so in the tooltip when the scenario changed after the run (the window also retitles the dock).
  void setOutOfDate(bool outOfDate);
};

class ComparisonTable : public QTableWidget {
  Q_OBJECT
 public:
  explicit ComparisonTable(QWidget* parent = nullptr);
  // `previousLabel` names the baseline column ("Previous", "result retry-storm.json", "shop.hdrm run #3 (peak v2)").
  void showComparison(const RunResult* previous, const RunResult* current, const QString& previousLabel = QString());
};

// The autoscaler and fault decision log of replication 1: every sync with its reason, changes highlighted,
// so "why did it not scale up at 14:02?" has an answer on screen.
class DecisionLogTable : public QTableWidget {
  Q_OBJECT
 public:
  explicit DecisionLogTable(QWidget* parent = nullptr);
  void showDecisions(const RunResult* result);
};

}  // namespace headroom
