#pragma once
// Calibrate & Backtest (a window of its own): pick imported series (checked in the list) and a time window (drag on
// the chart); "Fit" shows the traffic fit (trend + seasonality with the 95% forecast band) and the per-class service
// demand with its fit quality (R², samples used and dropped); "Create Scenario" stores the calibrated scenario in
// the project (as `headroom-cli calibrate` builds it: calibrateScenario) and opens it in the editor; "Run Backtest"
// simulates the window and shows observed against simulated per class and metric, the error and the verdict.
// Every computation runs as a BackgroundJob. Thread affinity: GUI thread.
#include <memory>
#include <optional>

#include <QWidget>

#include "model/project/project.h"
#include "model/scenario.h"

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QTabWidget;
class QTableWidget;
class QTreeWidget;

namespace headroom {

class BackgroundJob;
class ProjectWorkspace;
class SeriesChart;
struct CalibrationPick;

class CalibrateView : public QWidget {
  Q_OBJECT
 public:
  CalibrateView(ProjectWorkspace* workspace, QWidget* parent = nullptr);

  void reloadSeries();     // lists the project's series on a worker (checks those with roles)
  void fit();              // traffic fit + per-class demand
  void createScenario();   // stores and opens the calibrated scenario
  void runBacktest();

  BackgroundJob* job() const { return job_; }
  QTreeWidget* seriesList() const { return list_; }
  SeriesChart* pickChart() const { return pickChart_; }
  SeriesChart* trafficChart() const { return trafficChart_; }
  QTableWidget* demandTable() const { return demand_; }
  QTableWidget* backtestTable() const { return backtestRows_; }
  QLabel* verdictLabel() const { return verdict_; }
  QLabel* demandSummary() const { return demandSummary_; }
  QLabel* trafficSummary() const { return trafficSummary_; }
  QTabWidget* tabs() const { return tabs_; }
  QSpinBox* serversBox() const { return servers_; }
  const std::optional<Scenario>& calibratedScenario() const { return calibrated_; }
  QString lastError() const { return lastError_; }

 signals:
  void seriesListed();
  void fitted(bool ok);
  void scenarioCreated(const QString& name, qint64 version);
  void backtestDone(const QString& verdict);

 private:
  CalibrationPick currentPick() const;
  void redrawPickChart();
  void updateWindowLabel();
  void updateButtons();

  ProjectWorkspace* workspace_ = nullptr;
  BackgroundJob* job_ = nullptr;
  std::vector<SeriesInfo> series_;
  std::shared_ptr<std::vector<TimeSeries>> loaded_;  // points of the listed series, same order
  QTreeWidget* list_ = nullptr;
  SeriesChart* pickChart_ = nullptr;
  QLabel* window_ = nullptr;
  QLineEdit* component_ = nullptr;
  QLineEdit* name_ = nullptr;
  QSpinBox* servers_ = nullptr;
  QComboBox* fitClass_ = nullptr;
  QPushButton* fit_ = nullptr;
  QPushButton* create_ = nullptr;
  QPushButton* backtest_ = nullptr;
  QTabWidget* tabs_ = nullptr;
  SeriesChart* trafficChart_ = nullptr;
  QLabel* trafficSummary_ = nullptr;
  QLabel* demandSummary_ = nullptr;
  QTableWidget* demand_ = nullptr;
  QLabel* verdict_ = nullptr;
  QWidget* backtestCharts_ = nullptr;
  QTableWidget* backtestRows_ = nullptr;
  std::optional<Scenario> calibrated_;
  std::string calibrationJson_;
  QString lastError_;
};

}  // namespace headroom
