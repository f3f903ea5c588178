#pragma once
// The "Project" dock: the open project file's scenarios with their version history, imported series, calibrations,
// runs, plans and sweeps. Diff two versions (readable JSON diff), restore a
// version as a new version, open a version in the editor. Every file access runs as a BackgroundJob.
// Thread affinity: GUI thread.
#include <QWidget>

#include "model/scenario.h"

class QLabel;
class QPushButton;
class QTreeWidget;
class QTreeWidgetItem;

namespace headroom {

class BackgroundJob;
class ProjectWorkspace;

class ProjectBrowser : public QWidget {
  Q_OBJECT
 public:
  ProjectBrowser(ProjectWorkspace* workspace, QWidget* parent = nullptr);

  QTreeWidget* tree() const { return tree_; }
  BackgroundJob* job() const { return job_; }
  QLabel* statusLabel() const { return status_; }

  void refresh();                          // re-lists the project on a worker
  void createProject(const QString& path);  // creates the file on a worker, then lists it
  void openProject(const QString& path);
  void createProjectInteractively();
  void openProjectInteractively();

  // Acting on the selected versions (the buttons call these; tests too).
  void diffSelectedVersions();     // two versions of one scenario, or one version against the one before it
  void restoreSelectedVersion();
  void openSelectedVersion();
  // Stores `scenario` as the next version of its name in the open project (the Optimizer's Apply), on the worker;
  // after the running job when one runs. Nothing happens without an open project.
  void saveScenarioVersion(const Scenario& scenario, const QString& comment);
  QString lastSavedVersion() const { return lastSaved_; }  // "NAME v3", empty before
  QString lastDiffText() const { return lastDiff_; }

 signals:
  void listed();  // the tree shows the project's current contents

 private:
  void updateButtons();
  void showText(const QString& title, const QString& text, const QString& objectName);
  QList<QTreeWidgetItem*> selectedVersions() const;

  ProjectWorkspace* workspace_ = nullptr;
  BackgroundJob* job_ = nullptr;
  QLabel* path_ = nullptr;
  QLabel* status_ = nullptr;
  QTreeWidget* tree_ = nullptr;
  QPushButton* diff_ = nullptr;
  QPushButton* restore_ = nullptr;
  QPushButton* open_ = nullptr;
  QString lastDiff_;
  QString lastSaved_;
};

}  // namespace headroom
