#pragma once
// The Plan view: runs a capacity plan (simulator/planning) of the open scenario on a worker thread and shows
// the months-long timeline (traffic, utilization, p99 against the SLO, replicas) with a marker where each
// component's runway ends, the runway table (most urgent first), why the selected component breaks, and the
// alert timeline. Thread affinity: GUI thread.
#include <functional>
#include <optional>

#include <QWidget>

#include "model/scenario.h"
#include "simulator/planning/plan_types.h"

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


class PlanView : public QWidget {
  Q_OBJECT

 public:
  explicit PlanView(std::function<Scenario()> scenario, QWidget* parent = nullptr);

  void setMonths(int months);
  void setSloOverrides(double p99_ms, double error_percent);  // 0 = the scenario's own objective
  // "P10,P50,P90" in % per month (as `plan --growth-band`), empty = no band; or a fit-traffic --json file.
  void setGrowthBand(const QString& text);
  void loadGrowthBandFromFit(const QString& fit_json_path);
  void runPlan();
  void cancel();
  BackgroundJob* job() const { return job_; }
  const std::optional<planning::PlanResult>& result() const { return result_; }
  QString errorText() const;
  void selectComponent(const QString& name);  // shows its timeline and why it breaks
  QString explanationText() const;
  QTableWidget* runwayTable() const { return runways_; }
  QTableWidget* alertTable() const { return alerts_; }
  QCustomPlot* timeline() const { return plot_; }

 signals:
  void planFinished();

 private:
  void showResult();
  void drawTimeline();

  std::function<Scenario()> scenario_;
  Scenario planned_scenario_;  // the scenario of the plan shown (the editor's may have changed since)
  BackgroundJob* job_;
  QSpinBox* months_;
  QDoubleSpinBox* p99_;
  QDoubleSpinBox* errors_;
  QLineEdit* band_;
  std::optional<planning::GrowthBand> fit_band_;  // from a fit file, until the field is edited
  QPushButton* run_;
  QPushButton* cancel_;
  QProgressBar* progress_;
  QLabel* status_;
  QLabel* headline_;
  QCustomPlot* plot_;
  QTableWidget* runways_;
  QLabel* why_;
  QTableWidget* alerts_;
  std::optional<planning::PlanResult> result_;
  QString selected_;
  QString error_;
};

}  // namespace headroom::planning_views
