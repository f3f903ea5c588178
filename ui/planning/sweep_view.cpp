#include "ui/planning/sweep_view.h"

#include <qcustomplot.h>

#include <QComboBox>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QProcess>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QStandardPaths>
#include <QTableWidget>
#include <QVBoxLayout>
#include <fstream>

#include "simulator/sweep/kpi_names.h"
#include "simulator/sweep/sweep_runner.h"
#include "ui/jobs/background_job.h"
#include "ui/jobs/job_widgets.h"
#include "ui/chart_colors.h"
#include "ui/planning/chart_style.h"
#include "ui/planning/field_box.h"

namespace headroom::planning_views {
namespace {

QString q(const std::string& s) { return QString::fromStdString(s); }

QString valueText(const nlohmann::json& v) { return v.is_string() ? q(v.get<std::string>()) : q(v.dump()); }

}  // namespace

SweepView::SweepView(std::function<Scenario()> scenario, QWidget* parent)
    : QWidget(parent), scenario_(std::move(scenario)), job_(new BackgroundJob(this)) {
  setObjectName(QStringLiteral("sweepView"));
  auto* layout = new QHBoxLayout(this);
  auto* split = new QSplitter(Qt::Horizontal, this);
  layout->addWidget(split);

  auto* define = new QGroupBox(tr("Define the sweep"), split);
  auto* form = new QVBoxLayout(define);
  field_ = makeFieldBox(define, 18);
  values_ = new QLineEdit(define);
  values_->setPlaceholderText(tr("1, 2, 4   or   1..8 step 1"));
  auto* add = new QPushButton(tr("Add Variable"), define);
  auto* clear = new QPushButton(tr("Clear"), define);
  variables_ = new QListWidget(define);
  variables_->setObjectName(QStringLiteral("sweepVariables"));
  kpis_ = new QListWidget(define);
  kpis_->setObjectName(QStringLiteral("sweepKpis"));
  kpis_->setSelectionMode(QAbstractItemView::MultiSelection);
  replications_ = new QSpinBox(define);
  replications_->setRange(1, 100);
  replications_->setValue(2);
  replications_->setSuffix(tr(" replications"));
  form->addWidget(new QLabel(tr("Field"), define));
  form->addWidget(field_);
  form->addWidget(new QLabel(tr("Values"), define));
  form->addWidget(values_);
  auto* addRow = new QHBoxLayout;
  addRow->addWidget(add);
  addRow->addWidget(clear);
  form->addLayout(addRow);
  form->addWidget(new QLabel(tr("Variables"), define));
  form->addWidget(variables_, 1);
  form->addWidget(new QLabel(tr("KPIs (select one or more)"), define));
  form->addWidget(kpis_, 2);
  form->addWidget(replications_);
  const JobControls controls = makeJobControls(define, job_, tr("Run Locally"));
  run_ = controls.run;
  cancel_ = controls.cancel;
  progress_ = controls.progress;
  status_ = controls.status;
  slurm_ = new QPushButton(tr("Submit to Slurm…"), define);
  slurm_->setObjectName(QStringLiteral("slurmButton"));
  cliPath_ = QDir(QCoreApplication::applicationDirPath()).filePath(QStringLiteral("headroom-cli"));
  auto* runRow = new QHBoxLayout;
  runRow->addWidget(run_);
  runRow->addWidget(cancel_);
  form->addLayout(runRow);
  form->addWidget(slurm_);
  form->addWidget(progress_);
  form->addWidget(status_);
  split->addWidget(define);

  auto* right = new QSplitter(Qt::Vertical, split);
  auto* chartBox = new QWidget(right);
  auto* chartLayout = new QVBoxLayout(chartBox);
  chartLayout->setContentsMargins(0, 0, 0, 0);
  auto* chartBar = new QHBoxLayout;
  chartKpi_ = new QComboBox(chartBox);
  chartKpi_->setSizeAdjustPolicy(QComboBox::AdjustToContents);
  chartBar->addWidget(new QLabel(tr("Chart KPI"), chartBox));
  chartBar->addWidget(chartKpi_);
  chartBar->addStretch(1);
  chartLayout->addLayout(chartBar);
  plot_ = new QCustomPlot(chartBox);
  plot_->setMinimumHeight(200);
  chartLayout->addWidget(plot_, 1);
  results_ = new QTableWidget(right);
  results_->setObjectName(QStringLiteral("sweepResults"));
  results_->verticalHeader()->hide();
  results_->setWordWrap(false);
  right->addWidget(chartBox);
  right->addWidget(results_);
  split->addWidget(right);
  split->setStretchFactor(0, 1);
  split->setStretchFactor(1, 3);

  connect(add, &QPushButton::clicked, this, [this] { addVariable(field_->currentText(), values_->text()); });
  connect(clear, &QPushButton::clicked, this, &SweepView::clearVariables);
  connect(run_, &QPushButton::clicked, this, &SweepView::runLocally);
  connect(slurm_, &QPushButton::clicked, this, [this] {
    const QString path = QFileDialog::getSaveFileName(this, tr("Save Sweep for Slurm"), {}, tr("Sweep (*.json)"));
    if (!path.isEmpty()) submitToSlurm(path);
  });
  connect(chartKpi_, &QComboBox::currentIndexChanged, this, [this] { drawChart(); });
  refreshFields();
}

void SweepView::updateSlurmButton() {
  const bool haveSlurm = !QStandardPaths::findExecutable(QStringLiteral("sbatch")).isEmpty();
  slurm_->setEnabled(haveSlurm && !slurmRunning());
  slurm_->setToolTip(haveSlurm ? tr("Saves the sweep file and runs headroom-cli sweep FILE --slurm")
                               : tr("No Slurm cluster here: sbatch is not on the PATH"));
  slurm_->setText(haveSlurm ? tr("Submit to Slurm…") : tr("Slurm: no sbatch on the PATH"));
}

bool SweepView::slurmRunning() const { return slurmProcess_ && slurmProcess_->state() != QProcess::NotRunning; }

void SweepView::refreshFields() {
  updateSlurmButton();
  const Scenario s = scenario_();
  fillFieldBox(field_, s);
  QStringList selected;
  for (QListWidgetItem* item : kpis_->selectedItems()) selected << item->text();
  kpis_->clear();
  try {
    for (const std::string& k : sweep::kpiCatalogue(s)) kpis_->addItem(q(k));
  } catch (const std::exception& e) {
    status_->setText(tr("The scenario does not validate: %1").arg(QString::fromUtf8(e.what())));
  }
  if (selected.isEmpty()) selected << QStringLiteral("end_to_end.response_p99_s");
  setKpis(selected);
}

bool SweepView::addVariable(const QString& pointer, const QString& values) {
  try {
    if (pointer.trimmed().isEmpty()) throw std::invalid_argument("pick a field");
    SweepVariableSpec spec{pointer.trimmed().toStdString(), parseValues(values.toStdString())};
    specs_.push_back(spec);
    // The last two segments read well in a narrow panel ("api/replicas = 1..4"); the tooltip has the pointer.
    const QStringList parts = pointer.trimmed().split(QLatin1Char('/'), Qt::SkipEmptyParts);
    auto* item = new QListWidgetItem(parts.mid(std::max<qsizetype>(0, parts.size() - 2)).join(QLatin1Char('/')) + QStringLiteral(" = ") + values.trimmed());
    item->setToolTip(pointer.trimmed());
    variables_->addItem(item);
    status_->setText(tr("%1 variable(s)").arg(specs_.size()));
    return true;
  } catch (const std::exception& e) {
    status_->setText(tr("Not added: %1").arg(QString::fromUtf8(e.what())));
    return false;
  }
}

void SweepView::clearVariables() {
  specs_.clear();
  variables_->clear();
}

void SweepView::setKpis(const QStringList& kpis) {
  kpis_->clearSelection();
  for (int i = 0; i < kpis_->count(); ++i)
    if (kpis.contains(kpis_->item(i)->text())) kpis_->item(i)->setSelected(true);
}

void SweepView::setReplications(int replications) { replications_->setValue(replications); }
void SweepView::cancel() { job_->cancel(); }
QString SweepView::statusText() const { return status_->text(); }

nlohmann::json SweepView::currentDocument() const {
  std::vector<std::string> kpis;
  for (int i = 0; i < kpis_->count(); ++i)
    if (kpis_->item(i)->isSelected()) kpis.push_back(kpis_->item(i)->text().toStdString());
  const Scenario s = scenario_();
  return sweepDocument(s.name.empty() ? "sweep" : s.name + "-sweep", s, specs_, kpis, replications_->value());
}

sweep::SweepPlan SweepView::currentPlan() const { return sweep::planSweep(currentDocument(), "sweep view", QDir::currentPath().toStdString()); }

void SweepView::runLocally() {
  std::shared_ptr<sweep::SweepPlan> plan;
  try {
    plan = std::make_shared<sweep::SweepPlan>(currentPlan());
  } catch (const std::exception& e) {
    status_->setText(tr("Cannot run: %1").arg(QString::fromUtf8(e.what())));
    emit sweepFinished();
    return;
  }
  auto out = std::make_shared<sweep::SweepResult>();
  status_->setText(tr("Running %1 point(s) x %2 replication(s)…").arg(plan->points.size()).arg(plan->replications));
  progress_->setValue(0);
  job_->start(
      tr("Sweeping"),
      [plan, out](Feedback& fb) {
        std::vector<std::size_t> tasks(plan->taskCount());
        for (std::size_t i = 0; i < tasks.size(); ++i) tasks[i] = i;
        const sweep::TaskRun run = sweep::runTasks(*plan, tasks, 0, &fb);
        *out = sweep::aggregate(*plan, run.results);
      },
      [this, plan, out](const QString& error) {
        if (!error.isEmpty()) {
          status_->setText(tr("Failed: %1").arg(error));
        } else {
          plan_ = *plan;
          result_ = *out;
          status_->setText(result_->complete ? tr("Done: %1 point(s)").arg(result_->points.size())
                                             : tr("Cancelled: %1 complete point(s) shown").arg(result_->points.size()));
          showResult();
        }
        emit sweepFinished();
      });
}

void SweepView::showResult() {
  const sweep::SweepResult& r = *result_;
  QStringList headers;
  for (const std::string& v : r.variables) headers << q(v);
  for (const std::string& k : r.kpis) headers << q(k) + tr(" (95% CI)");
  results_->clear();
  results_->setColumnCount(headers.size());
  results_->setHorizontalHeaderLabels(headers);
  results_->setRowCount(static_cast<int>(r.points.size()));
  for (int row = 0; row < static_cast<int>(r.points.size()); ++row) {
    const sweep::PointResult& p = r.points[static_cast<std::size_t>(row)];
    int col = 0;
    for (const std::string& v : r.variables) results_->setItem(row, col++, new QTableWidgetItem(p.values.contains(v) ? valueText(p.values[v]) : QString()));
    for (const sweep::KpiSummary& k : p.kpis) {
      QString text = QString::number(k.estimate.mean, 'g', 4);
      if (std::isfinite(k.estimate.half_width)) text += QStringLiteral(" ± ") + QString::number(k.estimate.half_width, 'g', 2);
      auto* item = new QTableWidgetItem(text);
      item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
      results_->setItem(row, col++, item);
    }
  }
  results_->resizeColumnsToContents();
  const QString keep = chartKpi_->currentText();
  chartKpi_->blockSignals(true);
  chartKpi_->clear();
  for (const std::string& k : r.kpis) chartKpi_->addItem(q(k));
  if (!keep.isEmpty()) chartKpi_->setCurrentText(keep);
  chartKpi_->blockSignals(false);
  drawChart();
}

void SweepView::drawChart() {
  if (!result_) return;
  const sweep::SweepResult& r = *result_;
  const int kpi = chartKpi_->currentIndex();
  QList<QCPAxisRect*> rects = stackedPanels(plot_, 1, {});
  if (kpi < 0 || r.variables.empty()) return plot_->replot();
  // x: the first variable when numeric, else the point's position; one line per value of the other variables.
  const std::string xVar = r.variables.front();
  std::map<std::string, std::pair<QVector<double>, QVector<double>>> lines;
  std::map<std::string, QVector<double>> errors;
  for (const sweep::PointResult& p : r.points) {
    nlohmann::json rest = p.values;
    rest.erase(xVar);
    std::string key;
    for (auto it = rest.begin(); it != rest.end(); ++it)
      key += (key.empty() ? "" : ", ") + it.key() + " = " + (it.value().is_string() ? it.value().get<std::string>() : it.value().dump());
    if (key.empty()) key = "all";
    const double x = p.values[xVar].is_number() ? p.values[xVar].get<double>() : static_cast<double>(p.index);
    lines[key].first.push_back(x);
    lines[key].second.push_back(p.kpis[static_cast<std::size_t>(kpi)].estimate.mean);
    errors[key].push_back(p.kpis[static_cast<std::size_t>(kpi)].estimate.half_width);
  }
  QCPAxisRect* rect = rects.front();
  int i = 0;
  for (auto& [key, xy] : lines) {
    QCPGraph* g = plot_->addGraph(rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft));
    g->setData(xy.first, xy.second);
    g->setPen(QPen(paletteColor(i), 1.5));
    g->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, 5));
    g->setName(key == "all" ? q(r.kpis[static_cast<std::size_t>(kpi)]) : q(key));
    auto* bars = new QCPErrorBars(rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft));
    bars->setDataPlottable(g);
    bars->setData(errors[key]);
    bars->setPen(QPen(paletteColor(i)));
    bars->removeFromLegend();
    ++i;
  }
  styleAxisRect(rect, q(r.kpis[static_cast<std::size_t>(kpi)]));
  rect->axis(QCPAxis::atBottom)->setLabel(q(xVar));
  plot_->rescaleAxes();
  for (QCPAxis* a : {rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft)}) a->scaleRange(1.12, a->range().center());
  if (lines.size() > 1) {
    addInsetLegend(rect, Qt::AlignTop | Qt::AlignRight);
  }
  plot_->replot();
}

bool SweepView::submitToSlurm(const QString& path) {
  updateSlurmButton();
  if (QStandardPaths::findExecutable(QStringLiteral("sbatch")).isEmpty()) {
    status_->setText(tr("Cannot submit: no Slurm cluster here (sbatch is not on the PATH)."));
    return false;
  }
  if (slurmRunning()) {
    status_->setText(tr("A Slurm sweep is still running (job %1).").arg(slurmJobId_));
    return false;
  }
  try {
    const nlohmann::json doc = currentDocument();
    sweep::planSweep(doc, path.toStdString(), QDir::currentPath().toStdString());  // refuse a bad sweep here, not on the cluster
    std::ofstream f(path.toStdString());
    if (!(f << doc.dump(2) << "\n")) throw std::runtime_error("cannot write the file");
  } catch (const std::exception& e) {
    status_->setText(tr("Cannot submit %1: %2").arg(path, QString::fromUtf8(e.what())));
    return false;
  }
  if (!QFileInfo(cliPath_).isExecutable()) {
    status_->setText(tr("Cannot submit: %1 is not there (headroom-cli runs the Slurm driver).").arg(cliPath_));
    return false;
  }
  if (!slurmProcess_) {
    slurmProcess_ = new QProcess(this);
    connect(slurmProcess_, &QProcess::readyReadStandardError, this, [this] { readSlurmLog(); });
    connect(slurmProcess_, &QProcess::finished, this, [this](int code) {
      readSlurmLog(true);
      const QString out = slurmProcess_->property("resultPath").toString();
      QString points;
      QFile file(out);
      if (code == 0 && file.open(QIODevice::ReadOnly)) {
        try {
          points = tr(", %1 point(s)").arg(nlohmann::json::parse(file.readAll().toStdString()).at("points").size());
        } catch (const std::exception&) {
        }
      }
      status_->setText(code == 0 ? tr("Slurm job %1 finished%2: results in %3").arg(slurmJobId_, points, out)
                                 : tr("Slurm sweep failed (exit %1): %2").arg(code).arg(slurmProcess_->property("lastLine").toString()));
      progress_->setRange(0, 1000);
      progress_->setValue(code == 0 ? 1000 : 0);
      updateSlurmButton();
      emit slurmFinished(code);
    });
  }
  const QString out = path + QStringLiteral(".result.json");
  slurmProcess_->setProperty("resultPath", out);
  slurmProcess_->setProperty("lastLine", QString());
  slurmProcess_->setStandardOutputFile(QProcess::nullDevice());
  slurmJobId_.clear();
  slurmLog_.clear();
  slurmProcess_->start(cliPath_, {QStringLiteral("sweep"), path, QStringLiteral("--slurm"), QStringLiteral("--json"), out,
                                  QStringLiteral("--quiet"), QStringLiteral("--no-progress")});
  progress_->setRange(0, 0);  // busy: the queue gives no fraction
  slurm_->setEnabled(false);
  status_->setText(tr("Submitting through headroom-cli sweep %1 --slurm…").arg(QFileInfo(path).fileName()));
  return true;
}

void SweepView::readSlurmLog(bool atEnd) {
  // The CLI's driver says "submitted slurm job 123 (4 shards, …)" and "slurm job 123: 2 running, 2 other (…)".
  // Output arrives in chunks that may end inside a line: only whole lines are read (the rest at the end).
  slurmLog_ += slurmProcess_->readAllStandardError();
  const qsizetype end = atEnd ? slurmLog_.size() : slurmLog_.lastIndexOf('\n') + 1;
  const QStringList lines = QString::fromLocal8Bit(slurmLog_.left(end)).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
  slurmLog_.remove(0, end);
  for (const QString& line : lines) {
    static const QRegularExpression submitted(QStringLiteral("^submitted slurm job (\\S+)"));
    if (const auto m = submitted.match(line); m.hasMatch()) slurmJobId_ = m.captured(1);
    slurmProcess_->setProperty("lastLine", line.trimmed());
    status_->setText(slurmJobId_.isEmpty() ? line.trimmed() : tr("Slurm job %1: %2").arg(slurmJobId_, line.trimmed()));
  }
}

}  // namespace headroom::planning_views
