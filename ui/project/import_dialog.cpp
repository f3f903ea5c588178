#include "ui/project/import_dialog.h"

#include <algorithm>
#include <filesystem>

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>

#include <nlohmann/json.hpp>

#include "importers/import_adjust.h"
#include "importers/registry.h"
#include "importers/series_roles.h"
#include "model/project/project.h"
#include "ui/chart_colors.h"
#include "ui/jobs/background_job.h"
#include "ui/jobs/job_widgets.h"
#include "ui/project/project_workspace.h"
#include "ui/project/series_chart.h"

namespace headroom {

namespace {
enum Column { ColSeries, ColUnit, ColPoints, ColRole, ColClass, ColQuantile, ColCount };
constexpr int kMaxPreviewLines = 8;
}  // namespace

ImportDialog::ImportDialog(ProjectWorkspace* workspace, QWidget* parent) : QDialog(parent), workspace_(workspace) {
  setObjectName(QStringLiteral("importDialog"));
  setWindowTitle(tr("Import Monitoring Data"));
  setSizeGripEnabled(true);
  setMinimumSize(760, 520);
  job_ = new BackgroundJob(this);
  auto* layout = new QVBoxLayout(this);
  auto* form = new QFormLayout;
  auto* fileRow = new QHBoxLayout;
  fileLabel_ = new QLabel(tr("(no file)"), this);
  fileLabel_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  fileLabel_->setWordWrap(true);
  auto* browseButton = new QPushButton(tr("Choose File…"), this);
  fileRow->addWidget(fileLabel_, 1);
  fileRow->addWidget(browseButton);
  form->addRow(tr("File:"), fileRow);
  format_ = new QLabel(this);
  format_->setObjectName(QStringLiteral("detectedFormat"));
  format_->setWordWrap(true);
  form->addRow(tr("Detected format:"), format_);
  unitHint_ = new QComboBox(this);
  unitHint_->addItem(tr("as in the file"), QString());
  for (const char* u : {"ms", "s", "us", "percent", "ratio", "1/s", "count", "bytes"}) unitHint_->addItem(QString::fromLatin1(u), QString::fromLatin1(u));
  unitHint_->setToolTip(tr("Unit of values that carry none in the file (same as headroom-cli import --unit-hint)"));
  form->addRow(tr("Unit of unit-less values:"), unitHint_);
  layout->addLayout(form);

  auto* split = new QSplitter(Qt::Vertical, this);
  table_ = new QTableWidget(0, ColCount, split);
  table_->setObjectName(QStringLiteral("importSeries"));
  table_->setHorizontalHeaderLabels({tr("Series"), tr("Unit"), tr("Points"), tr("What it is"), tr("Class"), tr("Quantile")});
  table_->horizontalHeader()->setSectionResizeMode(ColSeries, QHeaderView::Stretch);
  for (int c = ColUnit; c < ColCount; ++c) table_->horizontalHeader()->setSectionResizeMode(c, QHeaderView::ResizeToContents);
  table_->setSelectionBehavior(QAbstractItemView::SelectRows);
  table_->verticalHeader()->setVisible(false);
  chart_ = new SeriesChart(split);
  chart_->setObjectName(QStringLiteral("importPreview"));
  warnings_ = new QListWidget(split);
  warnings_->setObjectName(QStringLiteral("importWarnings"));
  warnings_->setWordWrap(true);
  split->addWidget(table_);
  split->addWidget(chart_);
  split->addWidget(warnings_);
  split->setStretchFactor(0, 3);
  split->setStretchFactor(1, 5);
  split->setStretchFactor(2, 1);
  // The chart is what the user judges the import by: it gets the larger share and never collapses.
  table_->setMinimumHeight(90);
  chart_->setMinimumHeight(220);
  warnings_->setMinimumHeight(50);
  split->setChildrenCollapsible(false);
  split->setSizes({240, 500, 110});
  layout->addWidget(split, 1);
  layout->addWidget(new JobBar(job_, this));
  auto* buttons = new QDialogButtonBox(this);
  store_ = buttons->addButton(tr("Import into Project"), QDialogButtonBox::AcceptRole);
  store_->setObjectName(QStringLiteral("storeImport"));
  buttons->addButton(QDialogButtonBox::Close);
  layout->addWidget(buttons);
  store_->setEnabled(false);

  connect(browseButton, &QPushButton::clicked, this, &ImportDialog::browse);
  connect(store_, &QPushButton::clicked, this, &ImportDialog::storeIntoProject);
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::close);
  connect(unitHint_, &QComboBox::currentIndexChanged, this, [this] {
    if (!file_.isEmpty()) readCurrent();
  });
  connect(table_, &QTableWidget::itemSelectionChanged, this, &ImportDialog::previewSelected);
  connect(job_, &BackgroundJob::finished, this, [this](const QString& title, const QString& error, bool cancelled) {
    if (cancelled) format_->setText(tr("%1: cancelled").arg(title));
    else if (!error.isEmpty()) {
      format_->setText(tr("<span style='color:#b00020'>%1</span>").arg(error.toHtmlEscaped()));
      if (title == tr("Reading")) emit read(false);
    }
    store_->setEnabled(result_ && !job_->busy());
  });
  resize(980, 720);
}

void ImportDialog::browse() {
  const QStringList files = QFileDialog::getOpenFileNames(this, tr("Import Monitoring Data"), {},
                                                          tr("Exports (*.json *.csv *.txt *.jtl *.log *.prom);;All files (*)"));
  if (!files.isEmpty()) readFiles(files);
}

void ImportDialog::readFiles(const QStringList& files) {
  queue_ = files;
  file_ = queue_.takeFirst();
  {
    // A unit hint belongs to one file: the next file starts from its own units.
    const QSignalBlocker block(unitHint_);
    unitHint_->setCurrentIndex(0);
  }
  readCurrent();
}

void ImportDialog::readCurrent() {
  result_.reset();
  store_->setEnabled(false);
  table_->setRowCount(0);
  warnings_->clear();
  chart_->clearAll();
  chart_->replot();
  fileLabel_->setText(file_ + (queue_.isEmpty() ? QString() : tr("  (%n more file(s) after this one)", nullptr, static_cast<int>(queue_.size()))));
  format_->setText(tr("reading…"));
  const std::string hint = unitHint_->currentData().toString().toStdString();
  job_->start(tr("Reading"), [this, path = file_.toStdString(), hint](Feedback& fb) -> BackgroundJob::Continuation {
    const ImporterRegistry registry;
    ImportOptions options;
    options.value_unit_hint = hint;
    auto r = std::make_shared<ImportResult>(registry.importFile(path, options, &fb));
    applyUnitHint(*r, hint, path);  // as headroom-cli import does after reading
    const Importer* imp = registry.find(r->format);
    const QString name = imp ? QString::fromStdString(imp->displayName()) : QString::fromStdString(r->format);
    return [this, r, name] {
      result_ = r;
      format_->setText(QStringLiteral("<b>%1</b> (%2): %3 series, %4 warning(s)")
                           .arg(name.toHtmlEscaped(), QString::fromStdString(r->format))
                           .arg(r->series.size())
                           .arg(r->warnings.size()));
      showResult();
      emit read(true);
    };
  });
}

void ImportDialog::showResult() {
  table_->setRowCount(static_cast<int>(result_->series.size()));
  for (int row = 0; row < static_cast<int>(result_->series.size()); ++row) {
    const TimeSeries& s = result_->series[static_cast<std::size_t>(row)];
    auto* name = new QTableWidgetItem(seriesTitle(s.name, s.labels));
    name->setToolTip(name->text());
    name->setFlags(name->flags() & ~Qt::ItemIsEditable);
    table_->setItem(row, ColSeries, name);
    auto* unit = new QTableWidgetItem(s.unit.empty() ? tr("unknown") : QString::fromStdString(s.unit));
    unit->setFlags(unit->flags() & ~Qt::ItemIsEditable);
    table_->setItem(row, ColUnit, unit);
    auto* points = new QTableWidgetItem(QString::number(s.size()));
    points->setFlags(points->flags() & ~Qt::ItemIsEditable);
    table_->setItem(row, ColPoints, points);
    auto* role = new QComboBox(table_);
    for (SeriesRole r : allSeriesRoles()) role->addItem(tr(roleDisplayName(r)), QString::fromLatin1(toString(r)));
    const RoleAssignment guess = guessRole(s);
    role->setCurrentIndex(role->findData(QString::fromLatin1(toString(guess.role))));
    table_->setCellWidget(row, ColRole, role);
    table_->setItem(row, ColClass, new QTableWidgetItem(QString::fromStdString(guess.request_class)));
    table_->setItem(row, ColQuantile, new QTableWidgetItem(QString::fromStdString(guess.quantile)));
  }
  for (const ImportWarning& w : result_->warnings) {
    const QString where = w.line > 0 ? tr("line %1").arg(w.line) : tr("(whole file)");
    warnings_->addItem(QStringLiteral("%1 — %2: %3").arg(where, QString::fromLatin1(toString(w.kind)), QString::fromStdString(w.detail)));
  }
  if (result_->warnings.empty()) warnings_->addItem(tr("No warnings."));
  if (!result_->series.empty()) table_->selectRow(0);
  store_->setEnabled(true);
}

void ImportDialog::previewSelected() {
  chart_->clearAll();
  if (!result_) return;
  QList<int> rows;
  for (const QModelIndex& i : table_->selectionModel()->selectedRows()) rows << i.row();
  std::sort(rows.begin(), rows.end());
  // One unit per axis: the first selected series' unit on the left, a second unit on the right, others left out.
  std::string left, right;
  int shown = 0, skipped = 0;
  for (int row : rows) {
    const TimeSeries& s = result_->series[static_cast<std::size_t>(row)];
    bool onRight = false;
    if (shown == 0 || s.unit == left) left = s.unit;
    else if (right.empty() || s.unit == right) {
      right = s.unit;
      onRight = true;
    } else {
      ++skipped;
      continue;
    }
    if (shown >= kMaxPreviewLines) {
      ++skipped;
      continue;
    }
    QString legendName = seriesTitle(s.name, s.labels);  // long label sets would push the chart away
    if (legendName.size() > 44) legendName = legendName.left(43) + QChar(0x2026);
    chart_->addSeries(s, legendName, paletteColor(shown), onRight);
    ++shown;
  }
  chart_->setAxisTitles(shown ? unitAxisTitle(left) : QString(), right.empty() ? QString() : unitAxisTitle(right));
  chart_->plotLayout()->setRowStretchFactor(1, 0.001);
  chart_->legend->setVisible(shown > 0);
  chart_->fitAll();
  chart_->setToolTip(skipped ? tr("%n selected series not drawn (a third unit, or more than 8 lines)", nullptr, skipped) : QString());
  chart_->replot();
}

void ImportDialog::setRole(int row, const QString& role, const QString& requestClass, const QString& quantile) {
  auto* combo = qobject_cast<QComboBox*>(table_->cellWidget(row, ColRole));
  if (combo) combo->setCurrentIndex(combo->findData(role));
  table_->item(row, ColClass)->setText(requestClass);
  table_->item(row, ColQuantile)->setText(quantile);
}

std::vector<RoleAssignment> ImportDialog::assignments() const {
  std::vector<RoleAssignment> out;
  for (int row = 0; row < table_->rowCount(); ++row) {
    RoleAssignment a;
    const QString role = qobject_cast<QComboBox*>(table_->cellWidget(row, ColRole))->currentData().toString();
    for (SeriesRole r : allSeriesRoles())
      if (role == QLatin1String(toString(r))) a.role = r;
    a.request_class = table_->item(row, ColClass)->text().trimmed().toStdString();
    a.quantile = table_->item(row, ColQuantile)->text().trimmed().toStdString();
    out.push_back(a);
  }
  return out;
}

void ImportDialog::storeIntoProject() {
  if (!result_) return;
  if (workspace_->projectPath().isEmpty()) {
    QString path = QFileDialog::getSaveFileName(this, tr("New Project for the Import"), {}, tr("Headroom project (*.hdrm)"));
    if (path.isEmpty()) return;
    if (!path.endsWith(QLatin1String(".hdrm"))) path += QStringLiteral(".hdrm");
    workspace_->setProjectPath(path);
  }
  const auto roles = assignments();
  nlohmann::json settings{{"unit_hint", unitHint_->currentData().toString().toStdString()}, {"roles", nlohmann::json::array()}};
  for (const auto& a : roles)
    settings["roles"].push_back({{"role", toString(a.role)}, {"class", a.request_class}, {"quantile", a.quantile}});
  store_->setEnabled(false);
  job_->start(tr("Storing"), [this, r = *result_, roles, settings, file = file_.toStdString(),
                              project = workspace_->projectPath().toStdString()](Feedback&) mutable -> BackgroundJob::Continuation {
    applySeriesRoles(r, roles, file);  // refuses a role that does not fit before anything is written
    Project p = std::filesystem::exists(project) ? Project::open(project) : Project::create(project);
    const StoredImport saved = p.importSeries(r.series, {file, r.format, settings.dump()});
    return [this, id = saved.import_id, n = r.series.size()] {
      format_->setText(tr("Stored %n series as import %1 in the project.", nullptr, static_cast<int>(n)).arg(id));
      emit workspace_->contentsChanged();
      emit stored(id);
      if (!queue_.isEmpty()) readFiles(queue_);
    };
  });
}

}  // namespace headroom
