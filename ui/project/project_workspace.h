#pragma once
// The project side of the desktop (issue 17, data workflow): one open project file shared by the project browser
// dock, File > Import… (and drag and drop), and the Calibrate & Backtest window. installProjectWorkspace() is the
// one call the main window makes; the workspace adds its dock and its File menu entries.
// Thread affinity: GUI thread. Project files are only opened on worker threads (BackgroundJob), one Project object
// per job, so no Project is shared between threads.
#include <functional>

#include <QObject>
#include <QPointer>
#include <QString>
#include <QStringList>

#include "model/scenario.h"
#include "ui/project/calibrate_view.h"
#include "ui/project/import_dialog.h"

class QDockWidget;
class QMainWindow;
class QMenu;

namespace headroom {

class ProjectBrowser;

class ProjectWorkspace : public QObject {
  Q_OBJECT
 public:
  // `openScenario` puts a scenario into the editor (the main window asks about unsaved changes itself).
  using OpenScenarioFn = std::function<void(const Scenario& scenario, const QString& title)>;

  ProjectWorkspace(QMainWindow* window, OpenScenarioFn openScenario);

  QString projectPath() const { return projectPath_; }
  // Switches to an existing project file (the browser lists it on a worker thread).
  void setProjectPath(const QString& path);
  void openScenarioInEditor(const Scenario& scenario, const QString& title);

  ProjectBrowser* browser() const { return browser_; }
  QDockWidget* dock() const { return dock_; }
  // Opens (or raises) the import dialog; `files` are read at once (the first; the rest one after another).
  ImportDialog* showImport(const QStringList& files = {});
  CalibrateView* showCalibrate();
  ImportDialog* importDialog() const { return import_; }
  CalibrateView* calibrateView() const { return calibrate_; }

  // File menu entries: New Project…, Open Project…, Import…, Calibrate & Backtest….
  void addFileActions(QMenu* file);
  // Called when `path` failed to open as a scenario: when it is a monitoring export, offers Import instead (a
  // non-modal question box, object name "offerImportBox") and returns true.
  bool offerImportInstead(const QString& path);

 signals:
  void projectChanged(const QString& path);
  void contentsChanged();  // something was stored into the project (import, calibration, restore)

 protected:
  bool eventFilter(QObject* watched, QEvent* event) override;  // drag and drop of exports onto the window

 private:
  QMainWindow* window_ = nullptr;
  OpenScenarioFn openScenario_;
  QString projectPath_;
  ProjectBrowser* browser_ = nullptr;
  QDockWidget* dock_ = nullptr;
  QPointer<ImportDialog> import_;
  QPointer<CalibrateView> calibrate_;
};

// Creates the workspace as a child of `window`, adds the "Project" dock (object name "projectBrowserDock") and enables
// dropping files onto the window. The File menu entries come from addFileActions().
ProjectWorkspace* installProjectWorkspace(QMainWindow* window, ProjectWorkspace::OpenScenarioFn openScenario);

// The display name of the monitoring/load-test format of `path` (e.g. "Prometheus query API (JSON)"), or empty
// when no importer recognises it. Reads the first 64 KiB.
QString monitoringFormatOf(const QString& path);

}  // namespace headroom
