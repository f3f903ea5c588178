#pragma once
// The Sweeps view: define a sweep from the scenario's own fields (pick a field, give a list or a range), pick
// the KPIs, run it locally on a worker thread with progress and cancel (simulator/sweep), or save the sweep
// file and hand it to Slurm through `headroom-cli sweep FILE --slurm` when sbatch is on the PATH; the results
// table and a KPI chart. Thread affinity: GUI thread.
#include <functional>
#include <optional>

#include <QWidget>

#include "model/scenario.h"
#include "simulator/sweep/sweep_plan.h"
#include "simulator/sweep/sweep_result.h"
#include "ui/planning/sweep_builder.h"

class QComboBox;
class QCustomPlot;
class QLabel;
class QLineEdit;
class QListWidget;
class QProcess;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTableWidget;

namespace headroom {
class BackgroundJob;
}

namespace headroom::planning_views {


class SweepView : public QWidget {
  Q_OBJECT

 public:
  explicit SweepView(std::function<Scenario()> scenario, QWidget* parent = nullptr);

  void refreshFields();  // re-reads the scenario's fields and KPI names
  // Adds a variable; false with the reason in statusText() when the values do not parse.
  bool addVariable(const QString& pointer, const QString& values);
  void clearVariables();
  void setKpis(const QStringList& kpis);
  void setReplications(int replications);
  // The sweep as it stands, planned (points expanded); throws sweep::SweepError / std::invalid_argument.
  sweep::SweepPlan currentPlan() const;
  nlohmann::json currentDocument() const;
  void runLocally();
  void cancel();
  // Slurm: the button is enabled only when sbatch is on the PATH (re-checked by refreshFields()). Submitting
  // writes the sweep file to `path` and runs `headroom-cli sweep PATH --slurm --json PATH.result.json` (the CLI's
  // own Slurm driver: sbatch, squeue, re-submits, merge); its job id and queue lines show in the status.
  // False with the reason in statusText() when it cannot start.
  bool submitToSlurm(const QString& path);
  void setCliPath(const QString& path) { cliPath_ = path; }
  QPushButton* slurmButton() const { return slurm_; }
  QString slurmJobId() const { return slurmJobId_; }
  bool slurmRunning() const;
  BackgroundJob* job() const { return job_; }
  const std::optional<sweep::SweepResult>& result() const { return result_; }
  const std::optional<sweep::SweepPlan>& lastPlan() const { return plan_; }
  QString statusText() const;
  QTableWidget* resultsTable() const { return results_; }
  QCustomPlot* chart() const { return plot_; }
  QComboBox* fieldBox() const { return field_; }

 signals:
  void sweepFinished();
  void slurmFinished(int exitCode);

 private:
  void showResult();
  void drawChart();
  void updateSlurmButton();
  void readSlurmLog(bool atEnd = false);

  std::function<Scenario()> scenario_;
  BackgroundJob* job_;
  QComboBox* field_;
  QLineEdit* values_;
  QListWidget* variables_;
  QListWidget* kpis_;
  QSpinBox* replications_;
  QPushButton* run_;
  QPushButton* cancel_;
  QPushButton* slurm_;
  QProgressBar* progress_;
  QLabel* status_;
  QComboBox* chartKpi_;
  QTableWidget* results_;
  QCustomPlot* plot_;
  QProcess* slurmProcess_ = nullptr;
  QString cliPath_;     // headroom-cli; default: beside this executable
  QString slurmJobId_;  // the last job id the CLI reported
  QByteArray slurmLog_;  // the CLI's stderr not yet read as whole lines
  std::vector<SweepVariableSpec> specs_;
  std::optional<sweep::SweepPlan> plan_;
  std::optional<sweep::SweepResult> result_;
};

}  // namespace headroom::planning_views
