#include "ui/project/project_browser.h"

#include <map>

#include <QDateTime>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <nlohmann/json.hpp>

#include "model/project/project.h"
#include "model/project/scenario_diff.h"
#include "model/scenario_json.h"
#include "ui/jobs/background_job.h"
#include "ui/jobs/job_widgets.h"
#include "ui/project/calibration_pick.h"
#include "ui/project/project_workspace.h"
#include "ui/project/series_chart.h"

namespace headroom {

namespace {

enum Role { KindRole = Qt::UserRole, NameRole, IdRole };

struct Listing {
  std::vector<ScenarioInfo> scenarios;
  std::map<std::string, std::vector<ScenarioVersion>> histories;
  std::vector<ImportInfo> imports;
  std::vector<SeriesInfo> series;
  std::vector<CalibrationInfo> calibrations;
  std::vector<RunInfo> runs;
  std::vector<SweepInfo> sweeps;
  std::vector<PlanInfo> plans;
  MigrationReport migration;
};

Listing listProject(const std::string& path, Feedback& feedback) {
  Project p = Project::open(path);  // migration and integrity check: the slow part on big files
  feedback.setProgress(0.3, "listing scenarios");
  Listing l;
  l.migration = p.lastMigration();
  l.scenarios = p.scenarios();
  for (const auto& s : l.scenarios) {
    if (feedback.isCancelled()) return l;
    l.histories[s.name] = p.history(s.name);
  }
  feedback.setProgress(0.6, "listing series and results");
  l.imports = p.imports();
  l.series = p.listSeries();
  l.calibrations = p.listCalibrations();
  l.runs = p.listRuns();
  l.sweeps = p.listSweeps();
  l.plans = p.listPlans();
  return l;
}

QString when(std::int64_t unix_ms) {
  return QDateTime::fromMSecsSinceEpoch(unix_ms, Qt::UTC).toString(QStringLiteral("yyyy-MM-dd HH:mm 'UTC'"));
}

QTreeWidgetItem* group(QTreeWidget* tree, const QString& title, int count) {
  auto* g = new QTreeWidgetItem(tree, {QStringLiteral("%1 (%2)").arg(title).arg(count)});
  g->setFirstColumnSpanned(false);
  QFont f = g->font(0);
  f.setBold(true);
  g->setFont(0, f);
  g->setFlags(Qt::ItemIsEnabled);
  return g;
}

QTreeWidgetItem* leaf(QTreeWidgetItem* parent, const QStringList& text, const QString& kind, const QString& name, qint64 id) {
  auto* item = new QTreeWidgetItem(parent, text);
  item->setData(0, KindRole, kind);
  item->setData(0, NameRole, name);
  item->setData(0, IdRole, id);
  for (int c = 0; c < text.size(); ++c) item->setToolTip(c, text[c]);
  return item;
}

void fillTree(QTreeWidget* tree, const Listing& l) {
  tree->clear();
  QTreeWidgetItem* scenarios = group(tree, QObject::tr("Scenarios"), static_cast<int>(l.scenarios.size()));
  for (const auto& s : l.scenarios) {
    const QString name = QString::fromStdString(s.name);
    auto* item = leaf(scenarios, {name, QObject::tr("%n version(s)", nullptr, static_cast<int>(s.version_count))},
                      QStringLiteral("scenario"), name, s.latest_version);
    item->setExpanded(l.scenarios.size() <= 3);  // the history is what this dock is for; many scenarios stay folded
    const auto it = l.histories.find(s.name);
    if (it == l.histories.end()) continue;
    for (auto v = it->second.rbegin(); v != it->second.rend(); ++v) {  // newest first
      QString comment = QString::fromStdString(v->comment);
      if (v->restored_from_version) comment = QObject::tr("restored from v%1").arg(*v->restored_from_version) +
                                              (comment.isEmpty() ? QString() : QStringLiteral(": ") + comment);
      leaf(item, {QStringLiteral("v%1").arg(v->version), when(v->saved_unix_ms) + (comment.isEmpty() ? QString() : QStringLiteral("  ") + comment)},
           QStringLiteral("version"), name, v->version);
    }
  }
  QTreeWidgetItem* series = group(tree, QObject::tr("Imported series"), static_cast<int>(l.series.size()));
  std::map<std::int64_t, QTreeWidgetItem*> byImport;
  for (const auto& imp : l.imports) {
    byImport[imp.id] = leaf(series, {QFileInfo(QString::fromStdString(imp.record.source_file)).fileName(),
                                     QStringLiteral("%1, %2").arg(QString::fromStdString(imp.record.format), when(imp.imported_unix_ms))},
                            QStringLiteral("import"), QString::fromStdString(imp.record.source_file), imp.id);
  }
  for (const auto& s : l.series) {
    QTreeWidgetItem* parent = byImport.count(s.import_id) ? byImport[s.import_id] : series;
    const QString role = QString::fromStdString(storedSeriesRole(s));
    leaf(parent, {seriesTitle(s.name, s.labels),
                  QStringLiteral("%1, %2 points%3").arg(unitAxisTitle(s.unit)).arg(s.point_count).arg(role.isEmpty() ? QString() : QStringLiteral(", ") + role)},
         QStringLiteral("series"), QString::fromStdString(s.name), s.id);
  }
  QTreeWidgetItem* cals = group(tree, QObject::tr("Calibrations"), static_cast<int>(l.calibrations.size()));
  for (const auto& c : l.calibrations)
    leaf(cals, {QString::fromStdString(c.scenario_name), when(c.created_unix_ms)}, QStringLiteral("calibration"),
         QString::fromStdString(c.scenario_name), c.id);
  QTreeWidgetItem* runs = group(tree, QObject::tr("Runs"), static_cast<int>(l.runs.size()));
  for (const auto& r : l.runs)
    leaf(runs, {QStringLiteral("#%1 %2 v%3").arg(r.id).arg(QString::fromStdString(r.scenario_name)).arg(r.scenario_version),
                QObject::tr("seed %1, %2").arg(r.seed).arg(when(r.created_unix_ms))},
         QStringLiteral("run"), QString::fromStdString(r.scenario_name), r.id);
  QTreeWidgetItem* plans = group(tree, QObject::tr("Plans"), static_cast<int>(l.plans.size()));
  for (const auto& p : l.plans)
    leaf(plans, {QString::fromStdString(p.name),
                 QStringLiteral("%1 v%2, %3").arg(QString::fromStdString(p.scenario_name)).arg(p.scenario_version).arg(when(p.created_unix_ms))},
         QStringLiteral("plan"), QString::fromStdString(p.scenario_name), p.id);
  QTreeWidgetItem* sweeps = group(tree, QObject::tr("Sweeps"), static_cast<int>(l.sweeps.size()));
  for (const auto& s : l.sweeps)
    leaf(sweeps, {QString::fromStdString(s.name.empty() ? s.digest.substr(0, 12) : s.name),
                  QStringLiteral("%1 v%2, %3").arg(QString::fromStdString(s.scenario_name)).arg(s.scenario_version).arg(when(s.created_unix_ms))},
         QStringLiteral("sweep"), QString::fromStdString(s.scenario_name), s.id);
  scenarios->setExpanded(true);
  series->setExpanded(true);
}

}  // namespace

ProjectBrowser::ProjectBrowser(ProjectWorkspace* workspace, QWidget* parent) : QWidget(parent), workspace_(workspace) {
  setObjectName(QStringLiteral("projectBrowser"));
  job_ = new BackgroundJob(this);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(4, 4, 4, 4);
  auto* top = new QHBoxLayout;
  auto* create = new QPushButton(tr("New…"), this);
  auto* open = new QPushButton(tr("Open…"), this);
  auto* import = new QPushButton(tr("Import…"), this);
  auto* calibrate = new QPushButton(tr("Calibrate…"), this);
  calibrate->setObjectName(QStringLiteral("calibrateButton"));
  for (QPushButton* b : {create, open, import, calibrate}) top->addWidget(b);
  top->addStretch(1);
  layout->addLayout(top);
  path_ = new QLabel(tr("No project open. A project file (.hdrm) keeps scenarios with their history, imported series, "
                        "calibrations and runs."), this);
  path_->setWordWrap(true);
  layout->addWidget(path_);
  tree_ = new QTreeWidget(this);
  tree_->setObjectName(QStringLiteral("projectContents"));
  tree_->setColumnCount(2);
  tree_->setHeaderLabels({tr("Item"), tr("Details")});
  tree_->setSelectionMode(QAbstractItemView::ExtendedSelection);
  tree_->header()->setSectionResizeMode(0, QHeaderView::Interactive);
  tree_->header()->setStretchLastSection(true);
  tree_->setColumnWidth(0, 200);
  layout->addWidget(tree_, 1);
  auto* actions = new QHBoxLayout;
  diff_ = new QPushButton(tr("Diff"), this);
  diff_->setToolTip(tr("Differences between two selected versions (or one version and the one before it)"));
  restore_ = new QPushButton(tr("Restore"), this);
  restore_->setToolTip(tr("Save the selected version again as the newest version"));
  open_ = new QPushButton(tr("Open in editor"), this);
  for (QPushButton* b : {diff_, restore_, open_}) actions->addWidget(b);
  actions->addStretch(1);
  layout->addLayout(actions);
  status_ = new QLabel(this);
  status_->setWordWrap(true);
  status_->setObjectName(QStringLiteral("projectStatus"));
  layout->addWidget(status_);
  layout->addWidget(new JobBar(job_, this));

  connect(create, &QPushButton::clicked, this, &ProjectBrowser::createProjectInteractively);
  connect(open, &QPushButton::clicked, this, &ProjectBrowser::openProjectInteractively);
  connect(import, &QPushButton::clicked, this, [this] { workspace_->showImport(); });
  connect(calibrate, &QPushButton::clicked, this, [this] { workspace_->showCalibrate(); });
  connect(diff_, &QPushButton::clicked, this, &ProjectBrowser::diffSelectedVersions);
  connect(restore_, &QPushButton::clicked, this, &ProjectBrowser::restoreSelectedVersion);
  connect(open_, &QPushButton::clicked, this, &ProjectBrowser::openSelectedVersion);
  connect(tree_, &QTreeWidget::itemSelectionChanged, this, &ProjectBrowser::updateButtons);
  connect(tree_, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem* item) {
    if (item->data(0, KindRole).toString() == QLatin1String("version")) openSelectedVersion();
  });
  connect(workspace_, &ProjectWorkspace::projectChanged, this, &ProjectBrowser::refresh);
  connect(workspace_, &ProjectWorkspace::contentsChanged, this, &ProjectBrowser::refresh);
  connect(job_, &BackgroundJob::finished, this, [this](const QString& title, const QString& error, bool cancelled) {
    if (cancelled) status_->setText(tr("%1: cancelled").arg(title));
    else if (!error.isEmpty()) status_->setText(tr("%1 failed: %2").arg(title, error));
    updateButtons();
  });
  updateButtons();
}

void ProjectBrowser::refresh() {
  const QString path = workspace_->projectPath();
  path_->setText(path.isEmpty() ? tr("No project open.") : tr("<b>%1</b><br>%2").arg(QFileInfo(path).fileName(), path.toHtmlEscaped()));
  if (path.isEmpty()) return tree_->clear();
  if (job_->busy()) {  // list again when the running job is done
    connect(job_, &BackgroundJob::finished, this, [this] { refresh(); }, Qt::SingleShotConnection);
    return;
  }
  job_->start(tr("Reading project"), [this, p = path.toStdString()](Feedback& fb) -> BackgroundJob::Continuation {
    auto listing = std::make_shared<Listing>(listProject(p, fb));
    return [this, listing] {
      fillTree(tree_, *listing);
      QString note = tr("%1 scenario(s), %2 series, %3 run(s)").arg(listing->scenarios.size()).arg(listing->series.size()).arg(listing->runs.size());
      if (!listing->migration.backup_path.empty())
        note += tr("; upgraded from schema %1 (backup: %2)").arg(listing->migration.from_version).arg(QString::fromStdString(listing->migration.backup_path));
      status_->setText(note);
      updateButtons();
      emit listed();
    };
  });
}

void ProjectBrowser::createProject(const QString& path) {
  job_->start(tr("Creating project"), [this, path](Feedback&) -> BackgroundJob::Continuation {
    Project::create(path.toStdString());
    return [this, path] { workspace_->setProjectPath(path); };
  });
}

void ProjectBrowser::openProject(const QString& path) { workspace_->setProjectPath(path); }

void ProjectBrowser::createProjectInteractively() {
  QString path = QFileDialog::getSaveFileName(this, tr("New Project"), {}, tr("Headroom project (*.hdrm)"));
  if (path.isEmpty()) return;
  if (!path.endsWith(QLatin1String(".hdrm"))) path += QStringLiteral(".hdrm");
  createProject(path);
}

void ProjectBrowser::openProjectInteractively() {
  const QString path = QFileDialog::getOpenFileName(this, tr("Open Project"), {}, tr("Headroom project (*.hdrm);;All files (*)"));
  if (!path.isEmpty()) openProject(path);
}

QList<QTreeWidgetItem*> ProjectBrowser::selectedVersions() const {
  QList<QTreeWidgetItem*> out;
  for (QTreeWidgetItem* item : tree_->selectedItems())
    if (item->data(0, KindRole).toString() == QLatin1String("version")) out << item;
  return out;
}

void ProjectBrowser::updateButtons() {
  const auto versions = selectedVersions();
  const bool idle = !job_->busy();
  const bool sameScenario = versions.size() == 2 && versions[0]->data(0, NameRole) == versions[1]->data(0, NameRole);
  diff_->setEnabled(idle && (versions.size() == 1 || sameScenario));
  restore_->setEnabled(idle && versions.size() == 1);
  open_->setEnabled(idle && versions.size() == 1);
}

void ProjectBrowser::diffSelectedVersions() {
  const auto versions = selectedVersions();
  if (versions.isEmpty() || versions.size() > 2) return;
  const std::string name = versions[0]->data(0, NameRole).toString().toStdString();
  std::int64_t a = versions[0]->data(0, IdRole).toLongLong(), b = versions.size() == 2 ? versions[1]->data(0, IdRole).toLongLong() : a - 1;
  if (a > b) std::swap(a, b);
  if (a < 1) {
    status_->setText(tr("v%1 is the first version: select two versions to compare.").arg(b));
    return;
  }
  job_->start(tr("Comparing versions"), [this, p = workspace_->projectPath().toStdString(), name, a, b](Feedback&) -> BackgroundJob::Continuation {
    Project project = Project::open(p);
    const auto changes = diffJsonText(project.loadScenario(name, a), project.loadScenario(name, b));
    const QString text = QString::fromStdString("--- " + name + " v" + std::to_string(a) + "\n+++ " + name + " v" +
                                                std::to_string(b) + "\n" + formatJsonChanges(changes));
    return [this, text, name, a, b] {
      lastDiff_ = text;
      showText(tr("%1: v%2 → v%3").arg(QString::fromStdString(name)).arg(a).arg(b), text, QStringLiteral("versionDiff"));
    };
  });
}

void ProjectBrowser::restoreSelectedVersion() {
  const auto versions = selectedVersions();
  if (versions.size() != 1) return;
  const std::string name = versions[0]->data(0, NameRole).toString().toStdString();
  const std::int64_t v = versions[0]->data(0, IdRole).toLongLong();
  job_->start(tr("Restoring version"), [this, p = workspace_->projectPath().toStdString(), name, v](Feedback&) -> BackgroundJob::Continuation {
    Project project = Project::open(p);
    const std::int64_t made = project.restoreScenario(name, v);
    return [this, name, v, made] {
      status_->setText(tr("Restored %1 v%2 as v%3.").arg(QString::fromStdString(name)).arg(v).arg(made));
      emit workspace_->contentsChanged();
    };
  });
}

void ProjectBrowser::saveScenarioVersion(const Scenario& scenario, const QString& comment) {
  const QString path = workspace_->projectPath();
  if (path.isEmpty()) return;
  if (job_->busy()) {
    connect(job_, &BackgroundJob::finished, this, [this, scenario, comment] { saveScenarioVersion(scenario, comment); }, Qt::SingleShotConnection);
    return;
  }
  job_->start(tr("Saving version"), [this, p = path.toStdString(), scenario, c = comment.toStdString()](Feedback&) -> BackgroundJob::Continuation {
    Project project = Project::open(p);
    const std::int64_t made = project.saveScenario(scenario.name, scenarioToJson(scenario).dump(), c);
    return [this, name = QString::fromStdString(scenario.name), made] {
      lastSaved_ = tr("%1 v%2").arg(name).arg(made);
      status_->setText(tr("Saved %1 in the project.").arg(lastSaved_));
      emit workspace_->contentsChanged();
    };
  });
}

void ProjectBrowser::openSelectedVersion() {
  const auto versions = selectedVersions();
  if (versions.size() != 1) return;
  const std::string name = versions[0]->data(0, NameRole).toString().toStdString();
  const std::int64_t v = versions[0]->data(0, IdRole).toLongLong();
  job_->start(tr("Opening version"), [this, p = workspace_->projectPath().toStdString(), name, v](Feedback&) -> BackgroundJob::Continuation {
    Project project = Project::open(p);
    // Named as the CLI names it: a damaged stored version reads "project P: scenario 'S' version N: line L, column C: ...".
    auto scenario = std::make_shared<Scenario>(
        scenarioFromText(project.loadScenario(name, v), "project " + p + ": scenario '" + name + "' version " + std::to_string(v)));
    return [this, scenario, name, v] {
      workspace_->openScenarioInEditor(*scenario, tr("%1 v%2 (from the project)").arg(QString::fromStdString(name)).arg(v));
    };
  });
}

void ProjectBrowser::showText(const QString& title, const QString& text, const QString& objectName) {
  auto* dialog = new QDialog(this);
  dialog->setObjectName(objectName);
  dialog->setAttribute(Qt::WA_DeleteOnClose);
  dialog->setWindowTitle(title);
  auto* layout = new QVBoxLayout(dialog);
  auto* edit = new QPlainTextEdit(text, dialog);
  edit->setReadOnly(true);
  edit->setLineWrapMode(QPlainTextEdit::NoWrap);
  edit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
  layout->addWidget(edit);
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, dialog);
  connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::close);
  layout->addWidget(buttons);
  dialog->resize(720, 420);
  dialog->show();
}

}  // namespace headroom
