#pragma once
// The Optimizer view: the cheapest configuration that holds the p99 SLO, found by simulator/optimize (the
// library behind `headroom-cli optimize`). The user picks decision variables from the scenario's own fields
// (the inspector's fields, as sweep pointers) with their levels, the SLO, a stress case, the screening budget,
// seed and replications; the search runs on a worker with progress and cancel; the cost-vs-p99 Pareto front is
// charted with the chosen configuration highlighted; "Apply" hands the chosen (or selected) configuration to
// the host, which makes it the scenario's next version. Thread affinity: GUI thread.
#include <functional>
#include <memory>
#include <optional>

#include <QWidget>

#include "model/scenario.h"
#include "simulator/cost/price_catalog.h"
#include "simulator/optimize/optimize_types.h"
#include "ui/planning/optimizer_request.h"

class QComboBox;
class QCustomPlot;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTableWidget;

namespace headroom {
class BackgroundJob;
}

namespace headroom::planning_views {

class PriceBookTable;

class OptimizerView : public QWidget {
  Q_OBJECT

 public:
  OptimizerView(std::function<Scenario()> scenario, PriceBookTable* prices,
                std::function<void(const Scenario&, const QString&)> apply, QWidget* parent = nullptr);

  void refreshFields();  // the scenario's fields as it is now
  // Adds a decision variable; false with the reason in statusText() when the field or values are empty.
  bool addVariable(const QString& pointer, const QString& values);
  void clearVariables();
  void setP99ObjectiveMs(double ms);
  void setStressCase(const QString& at);  // "peak*2"; empty = the scenario's peak
  void setBudget(int candidates);
  void setSeed(int seed);
  void setReplications(int replications);
  OptimizerRequest request() const;  // as the widgets stand

  void optimize();  // runs simulator/optimize on a worker
  void cancel();
  void applySelected();  // the selected front point, else the chosen configuration
  BackgroundJob* job() const { return job_; }
  const std::optional<optimize::OptimizeResult>& result() const { return result_; }
  QString statusText() const;
  QCustomPlot* chart() const { return plot_; }
  QTableWidget* frontTable() const { return front_; }
  QTableWidget* variablesTable() const { return variables_; }
  QPushButton* applyButton() const { return apply_button_; }

 signals:
  void optimized();

 private:
  void showResult();
  void drawChart();

  std::function<Scenario()> scenario_;
  PriceBookTable* prices_;
  std::function<void(const Scenario&, const QString&)> apply_;
  BackgroundJob* job_;
  QComboBox* field_;
  QLineEdit* values_;
  QTableWidget* variables_;
  QDoubleSpinBox* p99_;
  QLineEdit* at_;
  QSpinBox* budget_;
  QSpinBox* seed_;
  QSpinBox* replications_;
  QPushButton* run_;
  QPushButton* apply_button_;
  QProgressBar* progress_;
  QLabel* status_;
  QCustomPlot* plot_;
  QTableWidget* front_;
  std::optional<optimize::OptimizeResult> result_;
  Scenario optimized_base_;                       // the scenario the result was searched from
  std::shared_ptr<cost::PriceCatalog> catalog_;   // and the prices it used
};

}  // namespace headroom::planning_views
