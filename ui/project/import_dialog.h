#pragma once
// File > Import…: reads a monitoring or load-test export on a worker (progress, cancel), shows the detected format,
// a preview chart of the selected series with its unit, the importer's warnings with their line numbers, and lets the
// user say what each series is (importers/series_roles.h). "Import into project" stores the series exactly as
// `headroom-cli import --project` does (same importers, unit hint, Project::importSeries), plus the roles.
// Thread affinity: GUI thread.
#include <memory>

#include <QDialog>
#include <QStringList>

#include "importers/import_types.h"

class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QTableWidget;

namespace headroom {

class BackgroundJob;
class ProjectWorkspace;
class SeriesChart;
struct RoleAssignment;

class ImportDialog : public QDialog {
  Q_OBJECT
 public:
  ImportDialog(ProjectWorkspace* workspace, QWidget* parent = nullptr);

  void browse();                              // file dialog, then readFiles
  void readFiles(const QStringList& files);   // the first now, the rest after each store
  void storeIntoProject();                    // needs an open project (asks to create one when none is)

  BackgroundJob* job() const { return job_; }
  QTableWidget* seriesTable() const { return table_; }
  QListWidget* warningList() const { return warnings_; }
  QLabel* formatLabel() const { return format_; }
  SeriesChart* chart() const { return chart_; }
  QComboBox* unitHint() const { return unitHint_; }
  const ImportResult* result() const { return result_.get(); }
  // Role, class and quantile of row `row` (tests set them through the widgets).
  void setRole(int row, const QString& role, const QString& requestClass = {}, const QString& quantile = {});

 signals:
  void read(bool ok);   // a file was read (or failed: the error is in the format label)
  void stored(qint64 importId);

 private:
  void readCurrent();
  void showResult();
  void previewSelected();
  std::vector<RoleAssignment> assignments() const;

  ProjectWorkspace* workspace_ = nullptr;
  BackgroundJob* job_ = nullptr;
  QStringList queue_;
  QString file_;
  std::shared_ptr<ImportResult> result_;
  QLabel* fileLabel_ = nullptr;
  QLabel* format_ = nullptr;
  QComboBox* unitHint_ = nullptr;
  QTableWidget* table_ = nullptr;
  SeriesChart* chart_ = nullptr;
  QListWidget* warnings_ = nullptr;
  QPushButton* store_ = nullptr;
};

}  // namespace headroom
