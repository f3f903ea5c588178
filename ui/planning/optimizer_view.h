#pragma once
// The Optimizer view: cost per month against end-to-end p99 of candidate configurations, the Pareto front,
// and the chosen configuration (the cheapest meeting the p99 objective) highlighted; "Apply as New Version"
// hands the chosen (or selected) configuration to the host, which makes it the scenario's next version.
// The candidates are the Sweeps view's points (tradeoff.h), which the view says; wiring it to simulator/optimize/
// (`headroom-cli optimize`) is still to do. Thread affinity: GUI thread.
#include <functional>
#include <optional>

#include <QWidget>

#include "model/scenario.h"
#include "ui/planning/tradeoff.h"

class QCustomPlot;
class QDoubleSpinBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QTableWidget;

namespace headroom::planning_views {

class BackgroundJob;
class PriceBookTable;
class SweepView;

class OptimizerView : public QWidget {
  Q_OBJECT

 public:
  OptimizerView(SweepView* sweeps, PriceBookTable* prices, std::function<void(const Scenario&, const QString&)> apply,
                QWidget* parent = nullptr);

  void setP99ObjectiveMs(double ms);
  void evaluate();  // runs every point of the Sweeps view's current definition with its cost
  void cancel();
  void applySelected();
  BackgroundJob* job() const { return job_; }
  const std::optional<Tradeoff>& result() const { return result_; }
  QString statusText() const;
  QCustomPlot* chart() const { return plot_; }
  QTableWidget* table() const { return table_; }

 signals:
  void evaluated();

 private:
  void showResult();

  SweepView* sweeps_;
  PriceBookTable* prices_;
  std::function<void(const Scenario&, const QString&)> apply_;
  BackgroundJob* job_;
  QDoubleSpinBox* p99_;
  QPushButton* run_;
  QPushButton* cancel_;
  QPushButton* apply_button_;
  QProgressBar* progress_;
  QLabel* status_;
  QCustomPlot* plot_;
  QTableWidget* table_;
  std::optional<Tradeoff> result_;
};

}  // namespace headroom::planning_views
