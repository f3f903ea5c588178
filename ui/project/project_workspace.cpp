#include "ui/project/project_workspace.h"

#include <QDockWidget>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileInfo>
#include <QMainWindow>
#include <QMenu>
#include <QMessageBox>
#include <QMimeData>
#include <QPushButton>
#include <QUrl>

#include "importers/registry.h"
#include "ui/project/calibrate_view.h"
#include "ui/project/import_dialog.h"
#include "ui/project/project_browser.h"

namespace headroom {

ProjectWorkspace::ProjectWorkspace(QMainWindow* window, OpenScenarioFn openScenario)
    : QObject(window), window_(window), openScenario_(std::move(openScenario)) {
  setObjectName(QStringLiteral("projectWorkspace"));
  browser_ = new ProjectBrowser(this, window);
  dock_ = new QDockWidget(tr("Project"), window);
  dock_->setObjectName(QStringLiteral("projectBrowserDock"));
  dock_->setWidget(browser_);
  dock_->setAllowedAreas(Qt::AllDockWidgetAreas);
  window->addDockWidget(Qt::LeftDockWidgetArea, dock_);
  // Beside the scenario tree (tabbed), so the editor's layout keeps its sizes.
  if (auto* scenarioDock = window->findChild<QDockWidget*>(QStringLiteral("projectDock"))) {
    window->tabifyDockWidget(scenarioDock, dock_);
    scenarioDock->raise();
  }
  window->setAcceptDrops(true);
  window->installEventFilter(this);
}

void ProjectWorkspace::setProjectPath(const QString& path) {
  projectPath_ = path;
  emit projectChanged(path);
}

void ProjectWorkspace::openScenarioInEditor(const Scenario& scenario, const QString& title) {
  if (openScenario_) openScenario_(scenario, title);
}

ImportDialog* ProjectWorkspace::showImport(const QStringList& files) {
  if (!import_) import_ = new ImportDialog(this, window_);
  import_->show();
  import_->raise();
  if (!files.isEmpty()) import_->readFiles(files);
  return import_;
}

CalibrateView* ProjectWorkspace::showCalibrate() {
  if (!calibrate_) calibrate_ = new CalibrateView(this, window_);
  calibrate_->show();
  calibrate_->raise();
  calibrate_->reloadSeries();
  return calibrate_;
}

void ProjectWorkspace::addFileActions(QMenu* file) {
  file->addSeparator();
  file->addAction(tr("New &Project…"), this, [this] { browser_->createProjectInteractively(); });
  file->addAction(tr("Open Pro&ject…"), this, [this] { browser_->openProjectInteractively(); });
  file->addAction(tr("&Import Monitoring Data…"), this, [this] { showImport()->browse(); });
  file->addAction(tr("&Calibrate && Backtest…"), this, [this] { showCalibrate(); });
}

QString monitoringFormatOf(const QString& path) {
  try {
    const ImporterRegistry registry;
    if (const Importer* imp = registry.detect(path.toStdString())) return QString::fromStdString(imp->displayName());
  } catch (const std::exception&) {
  }
  return {};
}

bool ProjectWorkspace::offerImportInstead(const QString& path) {
  const QString format = monitoringFormatOf(path);
  if (format.isEmpty()) return false;
  auto* box = new QMessageBox(QMessageBox::Question, tr("Not a scenario"),
                              tr("%1 is not a scenario: it looks like a monitoring export (%2).\n\n"
                                 "Import its series into a project instead?")
                                  .arg(QFileInfo(path).fileName(), format),
                              QMessageBox::Cancel, window_);
  box->setObjectName(QStringLiteral("offerImportBox"));
  QPushButton* import = box->addButton(tr("Import…"), QMessageBox::AcceptRole);
  box->setDefaultButton(import);
  box->setAttribute(Qt::WA_DeleteOnClose);
  connect(import, &QPushButton::clicked, this, [this, path] { showImport({path}); });
  box->open();  // never block the event loop
  return true;
}

bool ProjectWorkspace::eventFilter(QObject* watched, QEvent* event) {
  if (watched == window_ && event->type() == QEvent::DragEnter) {
    auto* e = static_cast<QDragEnterEvent*>(event);
    if (e->mimeData()->hasUrls()) {
      e->acceptProposedAction();
      return true;
    }
  }
  if (watched == window_ && event->type() == QEvent::Drop) {
    auto* e = static_cast<QDropEvent*>(event);
    QStringList files;
    for (const QUrl& url : e->mimeData()->urls())
      if (url.isLocalFile()) files << url.toLocalFile();
    if (!files.isEmpty()) {
      e->acceptProposedAction();
      showImport(files);
      return true;
    }
  }
  return QObject::eventFilter(watched, event);
}

ProjectWorkspace* installProjectWorkspace(QMainWindow* window, ProjectWorkspace::OpenScenarioFn openScenario) {
  return new ProjectWorkspace(window, std::move(openScenario));
}

}  // namespace headroom
