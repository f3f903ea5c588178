#pragma once
// The Cost view: runs the open scenario with its cost (simulator/cost) on a worker thread and shows the cost
// of every component and resource line over the run (stacked), the bill per line with 95% CIs, per hour,
// per month and per 1,000 requests, and the price book used (editable, dated, sourced, stale warnings).
// Thread affinity: GUI thread.
#include <functional>
#include <optional>

#include <QWidget>

#include "model/scenario.h"
#include "simulator/cost/scenario_cost.h"
#include "ui/planning/cost_timeline.h"

class QCustomPlot;
class QLabel;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTableWidget;

namespace headroom {
class BackgroundJob;
}

namespace headroom::planning_views {

class PriceBookTable;

class CostView : public QWidget {
  Q_OBJECT

 public:
  explicit CostView(std::function<Scenario()> scenario, QWidget* parent = nullptr);

  void runCost();
  void cancel();
  void setReplications(int replications);
  BackgroundJob* job() const { return job_; }
  const std::optional<cost::ScenarioCost>& result() const { return cost_; }
  const CostTimeline& timeline() const { return timeline_; }
  QString errorText() const { return error_; }
  PriceBookTable* priceBook() const { return book_; }
  QTableWidget* linesTable() const { return lines_; }
  QCustomPlot* chart() const { return plot_; }
  QString summaryText() const;

 signals:
  void costFinished();

 private:
  void showResult();

  std::function<Scenario()> scenario_;
  Scenario priced_scenario_;  // the scenario of the bill shown: its components' colours
  BackgroundJob* job_;
  QSpinBox* replications_;
  QPushButton* run_;
  QPushButton* cancel_;
  QProgressBar* progress_;
  QLabel* status_;
  QLabel* summary_;
  QCustomPlot* plot_;
  QTableWidget* lines_;
  PriceBookTable* book_;
  std::optional<cost::ScenarioCost> cost_;
  CostTimeline timeline_;
  QString error_;
};

}  // namespace headroom::planning_views
